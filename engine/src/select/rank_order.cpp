#include "commend/select/rank_order.hpp"

#include "commend/text/unicode.hpp"

namespace commend {

namespace {
using expr::Truth;
using expr::Type;
using expr::Value;

// Natural ascending comparison of two known values of one type.
int compare_known(const Value& a, const Value& b) {
    switch (a.kind) {
    case Type::number:
        if (expr::approx_equal(a.lo, b.lo)) return 0;
        return a.lo < b.lo ? -1 : 1;
    case Type::boolean:
        return static_cast<int>(a.truth) - static_cast<int>(b.truth);
    case Type::level:
        return b.level - a.level; // a better level (smaller index) is "greater"
    case Type::text:
        return text::Collator::vietnamese().compare(a.text, b.text);
    default:
        return 0;
    }
}
} // namespace

int compare_rank(const std::vector<Value>& a, const std::vector<Value>& b,
                 const std::vector<RankKey>& keys) {
    for (std::size_t i = 0; i < keys.size() && i < a.size() && i < b.size(); ++i) {
        bool ka = a[i].known(), kb = b[i].known();
        if (!ka || !kb) {
            if (ka != kb) return ka ? -1 : 1; // unknown sorts after every known value
            continue;
        }
        int c = compare_known(a[i], b[i]);
        if (c == 0) continue;
        bool descending;
        switch (keys[i].direction) {
        case RankKey::Direction::asc:
            descending = false;
            break;
        case RankKey::Direction::desc:
            descending = true;
            break;
        default:
            descending = a[i].kind != Type::text;
            break; // levels: best first = "greater" first
        }
        return descending ? -c : c;
    }
    return 0;
}

} // namespace commend
