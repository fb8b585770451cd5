#include "commend/select/selection.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include "commend/select/id_order.hpp"
#include "commend/select/rank_order.hpp"

namespace commend {

int share_places(double share, int base, Limit::Round round, int min) {
    double exact = expr::snap(share * static_cast<double>(base));
    double r = round == Limit::Round::floor  ? std::floor(exact)
               : round == Limit::Round::ceil ? std::ceil(exact)
                                             : std::floor(exact + 0.5); // halves up
    return std::max(min, static_cast<int>(r));
}

namespace {
bool group_less(const Group& a, const Group& b) {
    if (!a || !b) return !a && b; // null first
    return *a < *b;
}
} // namespace

namespace {
/// The rank keys of every candidate side by side, when they are numbers, levels or truths:
/// comparing two candidates then reads two short runs of doubles instead of two vectors of
/// Values. A level is stored as minus its index and a truth as its Truth value, so that
/// "greater" means better for both, as compare_rank() has it. Text keys (collation) are
/// compared as Values.
struct FlatKeys {
    std::size_t width = 0;
    std::vector<double> value; ///< candidate i's key k at i * width + k
    std::vector<std::uint8_t> known;
    std::vector<bool> descending; ///< per key

    static std::optional<FlatKeys> of(const std::vector<RankedCandidate>& eligible,
                                      const std::vector<RankKey>& keys) {
        FlatKeys f;
        f.width = keys.size();
        f.value.resize(eligible.size() * f.width);
        f.known.resize(eligible.size() * f.width);
        for (std::size_t k = 0; k < keys.size(); ++k) {
            std::optional<expr::Type::Kind> kind;
            for (const auto& c : eligible)
                if (k < c.keys.size() && c.keys[k].known()) kind = c.keys[k].kind;
            if (kind == expr::Type::text) return std::nullopt;
            f.descending.push_back(keys[k].direction == RankKey::Direction::desc ||
                                   (keys[k].direction != RankKey::Direction::asc));
        }
        for (std::size_t i = 0; i < eligible.size(); ++i) {
            if (eligible[i].keys.size() < f.width) return std::nullopt;
            for (std::size_t k = 0; k < f.width; ++k) {
                const expr::Value& v = eligible[i].keys[k];
                const bool known = v.known();
                f.known[i * f.width + k] = known;
                if (!known) continue;
                switch (v.kind) {
                case expr::Type::number:
                    f.value[i * f.width + k] = v.lo;
                    break;
                case expr::Type::level:
                    f.value[i * f.width + k] = -static_cast<double>(v.level);
                    break;
                case expr::Type::boolean:
                    f.value[i * f.width + k] = static_cast<double>(v.truth);
                    break;
                default:
                    return std::nullopt;
                }
            }
        }
        return f;
    }
    /// As compare_rank() for candidates i and j.
    int compare(std::size_t i, std::size_t j) const {
        for (std::size_t k = 0; k < width; ++k) {
            const bool ka = known[i * width + k], kb = known[j * width + k];
            if (!ka || !kb) {
                if (ka != kb) return ka ? -1 : 1;
                continue;
            }
            const double a = value[i * width + k], b = value[j * width + k];
            if (expr::approx_equal(a, b)) continue;
            const int c = a < b ? -1 : 1;
            return descending[k] ? -c : c;
        }
        return 0;
    }
};
} // namespace

void select_candidates(std::vector<RankedCandidate> eligible, const std::vector<RankKey>& keys,
                       const Places& places, AwardResult& out) {
    const std::optional<FlatKeys> flat = FlatKeys::of(eligible, keys);
    auto compare = [&](const RankedCandidate* a, const RankedCandidate* b) {
        if (flat)
            return flat->compare(static_cast<std::size_t>(a - eligible.data()),
                                 static_cast<std::size_t>(b - eligible.data()));
        return compare_rank(a->keys, b->keys, keys);
    };
    // Ties on every key are ordered by id, and at national scale they are many (shares at the
    // 20 % cap): each id is read once for its prefix, not at every comparison.
    std::vector<IdPrefix> prefix;
    prefix.reserve(eligible.size());
    for (const auto& c : eligible)
        prefix.emplace_back(*c.id);
    auto by_id = [&](const RankedCandidate* a, const RankedCandidate* b) {
        return id_less(prefix[static_cast<std::size_t>(a - eligible.data())], *a->id,
                       prefix[static_cast<std::size_t>(b - eligible.data())], *b->id);
    };
    // Sorted as pointers: a candidate carries its id and keys, too much to move about.
    std::vector<const RankedCandidate*> order;
    order.reserve(eligible.size());
    for (const auto& c : eligible)
        order.push_back(&c);
    std::stable_sort(order.begin(), order.end(),
                     [&](const RankedCandidate* a, const RankedCandidate* b) {
                         int c = compare(a, b);
                         return c != 0 ? c < 0 : by_id(a, b);
                     });
    // Walk each group in rank order; blocks of candidates equal on every key go together.
    std::map<Group, std::vector<const RankedCandidate*>> groups;
    for (const RankedCandidate* c : order)
        groups[c->group].push_back(c);
    std::vector<const RankedCandidate*> chosen;
    for (auto& [group, members] : groups) {
        int left = places.unlimited ? static_cast<int>(members.size()) : places.of(group);
        std::size_t i = 0;
        while (i < members.size()) {
            std::size_t j = i + 1;
            while (j < members.size() && compare(members[i], members[j]) == 0)
                ++j;
            int block = static_cast<int>(j - i);
            if (block <= left) {
                for (std::size_t k = i; k < j; ++k)
                    chosen.push_back(members[k]);
                left -= block;
            } else if (left > 0) {
                AwardResult::Tie tie{group, left, {}};
                for (std::size_t k = i; k < j; ++k)
                    tie.subjects.push_back(members[k]->subject);
                out.ties.push_back(std::move(tie));
                left = 0;
            } else {
                for (std::size_t k = i; k < j; ++k)
                    out.over_limit.push_back({members[k]->subject, group});
            }
            i = j;
        }
    }
    // `chosen` keeps rank order within groups; the selected list is ordered over all groups.
    std::stable_sort(chosen.begin(), chosen.end(),
                     [&](const RankedCandidate* a, const RankedCandidate* b) {
                         int c = compare(a, b);
                         return c != 0 ? c < 0 : by_id(a, b);
                     });
    int rank = 0;
    for (const auto* c : chosen)
        out.selected.push_back({c->subject, ++rank, c->group});
    std::stable_sort(out.ties.begin(), out.ties.end(),
                     [](const AwardResult::Tie& a, const AwardResult::Tie& b) {
                         return group_less(a.group, b.group);
                     });
}

} // namespace commend
