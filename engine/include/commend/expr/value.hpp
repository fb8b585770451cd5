// The values of expressions (SPEC §4), with what is not fully known made explicit:
// bools are three-valued (Kleene), numbers are a range [lo, hi] of the values they could
// take (a missing cell is [-inf, +inf]; `years(c, last = 5)` with two unknown years is
// [3, 5]), levels and text are either known or unknown.
//
// Numbers are binary doubles compared to 12 significant digits, which is what makes
// `0.57 * 100 == 57` true and `floor(0.57 * 100)` 57 (see `approx_equal`, `snap`).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "commend/data/dataset.hpp"
#include "commend/expr/ast.hpp"

namespace commend::expr {

enum class Truth : std::uint8_t { no = 0, unknown = 1, yes = 2 };

inline Truth truth_and(Truth a, Truth b) {
    return a < b ? a : b;
}
inline Truth truth_or(Truth a, Truth b) {
    return a > b ? a : b;
}
inline Truth truth_not(Truth a) {
    return static_cast<Truth>(2 - static_cast<int>(a));
}
inline Truth truth_of(bool b) {
    return b ? Truth::yes : Truth::no;
}
const char* truth_name(Truth t); ///< "pass", "fail", "unknown"

/// True when a and b agree to 12 significant digits (SPEC §4). Inline: comparisons of
/// ranges call it for every subject of a batch.
inline bool approx_equal(double a, double b) {
    if (a == b) return true;
    if (!std::isfinite(a) || !std::isfinite(b)) return false;
    const double diff = std::fabs(a - b);
    // 12 significant digits relative to the larger magnitude; a tiny absolute floor makes
    // `0.1 + 0.2 - 0.3 == 0` true, as a person reading the rule expects.
    return diff <= 1e-12 * std::fmax(std::fabs(a), std::fabs(b)) || diff < 1e-15;
}
/// x rounded to 12 significant digits, so floor/ceil of 56.99999999999999 see 57.
double snap(double x);

struct Value {
    Type::Kind kind = Type::any;
    Truth truth = Truth::unknown;         ///< boolean
    double lo = -INFINITY, hi = INFINITY; ///< number range; known when lo == hi
    int level = -1;                       ///< level index (0 = best), -1 unknown
    int scale = -1;
    bool text_known = false;
    std::string_view text;         ///< points into the data set or the expression tree
    std::vector<SubjectIndex> set; ///< set of subjects (always fully known)

    static Value boolean(Truth t) {
        Value v;
        v.kind = Type::boolean;
        v.truth = t;
        return v;
    }
    static Value number(double x) { return range(x, x); }
    static Value range(double lo, double hi) {
        Value v;
        v.kind = Type::number;
        v.lo = lo;
        v.hi = hi;
        return v;
    }
    static Value unknown_number() { return range(-INFINITY, INFINITY); }
    static Value of_level(int scale, int level) {
        Value v;
        v.kind = Type::level;
        v.scale = scale;
        v.level = level;
        return v;
    }
    static Value of_text(std::string_view t, bool known = true) {
        Value v;
        v.kind = Type::text;
        v.text = t;
        v.text_known = known;
        return v;
    }
    /// An unknown value of type `t` (a missing cell, a root's parent, …).
    static Value unknown(Type t);

    bool known() const {
        switch (kind) {
        case Type::boolean:
            return truth != Truth::unknown;
        case Type::number:
            return number_known();
        case Type::level:
            return level >= 0;
        case Type::text:
            return text_known;
        case Type::set:
            return true;
        case Type::any:
            return false;
        }
        return false;
    }
    bool number_known() const {
        return kind == Type::number && approx_equal(lo, hi) && std::isfinite(lo);
    }
};

/// Formats a number the way people write it: up to 12 significant digits, no trailing zeros.
std::string format_number(double x);

} // namespace commend::expr
