#include "commend/expr/value.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace commend::expr {

const char* truth_name(Truth t) {
    switch (t) {
    case Truth::yes:
        return "pass";
    case Truth::no:
        return "fail";
    case Truth::unknown:
        return "unknown";
    }
    return "unknown";
}

bool approx_equal(double a, double b) {
    if (a == b) return true;
    if (!std::isfinite(a) || !std::isfinite(b)) return false;
    double diff = std::fabs(a - b);
    // 12 significant digits relative to the larger magnitude; a tiny absolute floor makes
    // `0.1 + 0.2 - 0.3 == 0` true, as a person reading the rule expects.
    return diff <= 1e-12 * std::max(std::fabs(a), std::fabs(b)) || diff < 1e-15;
}

double snap(double x) {
    if (!std::isfinite(x)) return x;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.12g", x);
    return std::strtod(buf, nullptr);
}

Value Value::unknown(Type t) {
    Value v;
    v.kind = t.kind;
    v.scale = t.scale;
    return v;
}

bool Value::known() const {
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

std::string format_number(double x) {
    if (std::isnan(x)) return "unknown";
    if (std::isinf(x)) return x > 0 ? "∞" : "-∞";
    double r = std::round(x);
    if (approx_equal(x, r) && std::fabs(r) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", r == 0 ? 0.0 : r);
        return buf;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.12g", x);
    return buf;
}

} // namespace commend::expr
