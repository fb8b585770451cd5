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
