// Operations on values that may not be fully known (SPEC §4): range arithmetic, Kleene
// comparisons, and how a value reads in a trace. Internal to the evaluator.
#pragma once

#include "commend/expr/value.hpp"

namespace commend::expr {

/// The mark a trace puts after a condition's value in one year: ✓ true, ✗ false, ? unknown.
const char* mark(Truth t);

/// A number as the range of values it could take; the arithmetic and comparisons below work
/// on ranges so that the tree walker (on Values) and the batch kernels share one definition.
struct Range {
    double lo = -INFINITY, hi = INFINITY;
};
Range add(Range a, Range b);
Range sub(Range a, Range b);
Range mul(Range a, Range b);
Range div(Range a, Range b);
/// A comparison of two numbers (eq, ne, lt, le, gt, ge); see compare().
Truth compare_numbers(BinaryOp op, Range a, Range b);

/// The Kleene answer of a quantifier over conditions counted as holding (`yes`), unknown
/// and failing (`no`): `all`/`always` (every), `any`/`ever` (some), `none`/`never` (none).
/// One definition for the set and time functions of the walker and the batch kernels.
enum class Quantifier { every, some, none };
inline Truth quantify(Quantifier q, int yes, int unknown, int no) {
    switch (q) {
    case Quantifier::every:
        return no ? Truth::no : unknown ? Truth::unknown : Truth::yes;
    case Quantifier::some:
        return yes ? Truth::yes : unknown ? Truth::unknown : Truth::no;
    case Quantifier::none:
        break;
    }
    return yes ? Truth::no : unknown ? Truth::unknown : Truth::yes;
}
/// The quantifier of all/any/none and always/ever/never (others: none).
inline Quantifier quantifier_of(Function f) {
    return f == Function::all || f == Function::always ? Quantifier::every
           : f == Function::any || f == Function::ever ? Quantifier::some
                                                       : Quantifier::none;
}

Value add(const Value& a, const Value& b);
Value sub(const Value& a, const Value& b);
Value mul(const Value& a, const Value& b);
/// Unknown when the divisor's range contains zero.
Value div(const Value& a, const Value& b);

/// A comparison of two values of one type; unknown unless it holds or fails for every value
/// the operands could take.
Truth compare(BinaryOp op, const Value& a, const Value& b);
const char* op_text(BinaryOp op);

/// The value of `if(c, a, b)` when `c` is unknown: what both branches agree on.
Value merge(const Value& a, const Value& b);

} // namespace commend::expr
