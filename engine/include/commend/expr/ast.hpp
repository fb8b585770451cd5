// The syntax tree of a rule expression (SPEC §4), e.g.
//
//   streak(rating == HTXSNV, since = 'tieu-bieu-5-nam') >= 5
//
// is a Binary(>=) whose left side is a Call(streak) with one positional argument and one named
// argument. Every node keeps its offset in the expression text, so a type error found late
// still points at the exact column of the rule file. The checker fills in each node's `type`
// and resolves identifiers and functions; the evaluator only reads resolved trees.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace commend::expr {

/// The type of an expression's value. `any` is used while a data column's type is not yet
/// known (before data is loaded).
struct Type {
    enum Kind { number, boolean, text, level, set, any } kind = any;
    int scale = -1; ///< for level: index into DataSchema::scales; -1 = not yet decided
    bool operator==(const Type&) const = default;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class UnaryOp { logical_not, negate };
enum class BinaryOp { logical_or, logical_and, eq, ne, lt, le, gt, ge, add, sub, mul, div };

struct NumberLiteral {
    double value = 0;
};
struct BoolLiteral {
    bool value = false;
};
struct TextLiteral {
    std::string value;
};

/// What a bare identifier turned out to be (filled by the checker).
enum class IdentKind { unresolved, let, yearly, attribute, level, year, id, name, kind };

struct Identifier {
    std::string name;
    std::string qualifier; ///< the scale in `scale.LEVEL`, else empty
    IdentKind resolved = IdentKind::unresolved;
    int index = -1;            ///< column index (yearly/attribute), level index (level)
    const Expr* let = nullptr; ///< the let's expression when resolved == let
};

struct Unary {
    UnaryOp op;
    ExprPtr operand;
};
struct Binary {
    BinaryOp op;
    ExprPtr left, right;
};

/// The built-in functions (SPEC §4); resolved from the call's name by the checker.
enum class Function {
    unknown,
    // time functions
    streak,
    years,
    always,
    ever,
    never,
    prev,
    // set functions
    children,
    descendants,
    where,
    count,
    share,
    all,
    any,
    none,
    sum,
    avg,
    set_min,
    set_max,
    // others
    parent,
    awarded,
    eligible,
    if_,
    min,
    max,
    abs,
    known
};

struct NamedArgument {
    std::string name; ///< last, past, from, to, since
    ExprPtr value;
    int offset = 0;
};

struct Call {
    std::string name;
    Function function = Function::unknown;
    std::vector<ExprPtr> args;
    std::vector<NamedArgument> named;
    // Resolved window (for time functions); see WindowSpec in the checker.
    enum class Window { none, last, past, range, since } window = Window::none;
    int window_n = 0, window_from = 0, window_to = 0;
    std::string since_award; ///< for `since = 'award'` (window or streak) and award functions
    std::string source;      ///< the call as written, for explanations
};

struct Expr {
    std::variant<NumberLiteral, BoolLiteral, TextLiteral, Identifier, Unary, Binary, Call> node;
    int offset = 0; ///< 0-based byte offset into the expression text
    Type type;
};

} // namespace commend::expr
