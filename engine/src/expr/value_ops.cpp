// Range arithmetic and Kleene comparisons; see value_ops.hpp.
#include "expr/value_ops.hpp"

#include <algorithm>
#include <cmath>

namespace commend::expr {

const char* mark(Truth t) {
    return t == Truth::yes ? "✓" : t == Truth::no ? "✗" : "?";
}

namespace {
double mul0(double a, double b) {
    // 0 × ∞ is 0 here: a range bound of 0 times an unbounded one contributes nothing.
    if (a == 0 || b == 0) return 0;
    return a * b;
}

} // namespace

Range add(Range a, Range b) {
    return {a.lo + b.lo, a.hi + b.hi};
}
Range sub(Range a, Range b) {
    return {a.lo - b.hi, a.hi - b.lo};
}
Range mul(Range a, Range b) {
    double p[4] = {mul0(a.lo, b.lo), mul0(a.lo, b.hi), mul0(a.hi, b.lo), mul0(a.hi, b.hi)};
    return {*std::min_element(p, p + 4), *std::max_element(p, p + 4)};
}
Range div(Range a, Range b) {
    // Division by a range that contains zero is unknown (SPEC §4).
    if ((b.lo <= 0 && b.hi >= 0) || approx_equal(b.lo, 0) || approx_equal(b.hi, 0)) return {};
    return mul(a, Range{1 / b.hi, 1 / b.lo});
}

namespace {
Range range_of(const Value& v) {
    return {v.lo, v.hi};
}
Value number_of(Range r) {
    return Value::range(r.lo, r.hi);
}
} // namespace

Value add(const Value& a, const Value& b) {
    return number_of(add(range_of(a), range_of(b)));
}
Value sub(const Value& a, const Value& b) {
    return number_of(sub(range_of(a), range_of(b)));
}
Value mul(const Value& a, const Value& b) {
    return number_of(mul(range_of(a), range_of(b)));
}
Value div(const Value& a, const Value& b) {
    return number_of(div(range_of(a), range_of(b)));
}

namespace {
bool known_number(Range r) {
    return approx_equal(r.lo, r.hi) && std::isfinite(r.lo);
}
Truth less(Range a, Range b) { // a < b
    if (a.hi < b.lo && !approx_equal(a.hi, b.lo)) return Truth::yes;
    if (a.lo > b.hi || approx_equal(a.lo, b.hi)) return Truth::no;
    return Truth::unknown;
}
Truth less_equal(Range a, Range b) { // a <= b
    if (a.hi < b.lo || approx_equal(a.hi, b.lo)) return Truth::yes;
    if (a.lo > b.hi && !approx_equal(a.lo, b.hi)) return Truth::no;
    return Truth::unknown;
}
Truth number_equal(Range a, Range b) {
    if (known_number(a) && known_number(b)) return truth_of(approx_equal(a.lo, b.lo));
    if ((a.hi < b.lo && !approx_equal(a.hi, b.lo)) || (b.hi < a.lo && !approx_equal(b.hi, a.lo)))
        return Truth::no;
    return Truth::unknown;
}

} // namespace

Truth compare_numbers(BinaryOp op, Range a, Range b) {
    switch (op) {
    case BinaryOp::eq:
        return number_equal(a, b);
    case BinaryOp::ne:
        return truth_not(number_equal(a, b));
    case BinaryOp::lt:
        return less(a, b);
    case BinaryOp::le:
        return less_equal(a, b);
    case BinaryOp::gt:
        return less(b, a);
    case BinaryOp::ge:
        return less_equal(b, a);
    default:
        return Truth::unknown;
    }
}

Truth compare(BinaryOp op, const Value& a, const Value& b) {
    if (a.kind == Type::number) return compare_numbers(op, range_of(a), range_of(b));
    if (!a.known() || !b.known()) return Truth::unknown;
    if (a.kind == Type::level) {
        // Index 0 is the best level: "a > b" means a is better, i.e. a smaller index.
        switch (op) {
        case BinaryOp::eq:
            return truth_of(a.level == b.level);
        case BinaryOp::ne:
            return truth_of(a.level != b.level);
        case BinaryOp::lt:
            return truth_of(a.level > b.level);
        case BinaryOp::le:
            return truth_of(a.level >= b.level);
        case BinaryOp::gt:
            return truth_of(a.level < b.level);
        case BinaryOp::ge:
            return truth_of(a.level <= b.level);
        default:
            return Truth::unknown;
        }
    }
    bool equal = a.kind == Type::text ? a.text == b.text : a.truth == b.truth;
    return op == BinaryOp::eq   ? truth_of(equal)
           : op == BinaryOp::ne ? truth_of(!equal)
                                : Truth::unknown;
}

const char* op_text(BinaryOp op) {
    switch (op) {
    case BinaryOp::logical_or:
        return "or";
    case BinaryOp::logical_and:
        return "and";
    case BinaryOp::eq:
        return "==";
    case BinaryOp::ne:
        return "!=";
    case BinaryOp::lt:
        return "<";
    case BinaryOp::le:
        return "<=";
    case BinaryOp::gt:
        return ">";
    case BinaryOp::ge:
        return ">=";
    case BinaryOp::add:
        return "+";
    case BinaryOp::sub:
        return "-";
    case BinaryOp::mul:
        return "*";
    case BinaryOp::div:
        return "/";
    }
    return "?";
}

// The value when a condition is unknown and the two branches may differ.
Value merge(const Value& a, const Value& b) {
    if (a.kind == Type::number && b.kind == Type::number)
        return Value::range(std::min(a.lo, b.lo), std::max(a.hi, b.hi));
    if (a.known() && b.known()) {
        if (a.kind == Type::boolean && a.truth == b.truth) return a;
        if (a.kind == Type::level && a.level == b.level) return a;
        if (a.kind == Type::text && a.text == b.text) return a;
    }
    Value v = a;
    v.truth = Truth::unknown;
    v.level = -1;
    v.text_known = false;
    return v;
}

} // namespace commend::expr
