// Checking the calls of built-in functions (SPEC §4): arity, argument types, and the
// windows of the time functions. Part of the Checker; see checker_impl.hpp.
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commend/expr/value.hpp"
#include "commend/limits.hpp"
#include "expr/checker_impl.hpp"
#include "expr/functions.hpp"

namespace commend::expr::detail {

namespace {

constexpr int max_window_years = limits::window_years;

} // namespace

// ---- calls ---------------------------------------------------------------------
const std::string* Checker::text_literal(const Expr& e) {
    if (auto* t = std::get_if<TextLiteral>(&e.node)) return &t->value;
    return nullptr;
}
std::optional<double> Checker::number_literal(const Expr& e) {
    if (auto* n = std::get_if<NumberLiteral>(&e.node)) return n->value;
    if (auto* u = std::get_if<Unary>(&e.node))
        if (u->op == UnaryOp::negate)
            if (auto* n = std::get_if<NumberLiteral>(&u->operand->node)) return -n->value;
    return std::nullopt;
}
std::optional<int> Checker::whole_number(const Expr& e, const std::string& what, bool positive,
                                         int max, const char* unit) {
    auto v = number_literal(e);
    if (!v || std::floor(*v) != *v || (positive && *v < 1)) {
        error(e, "expr.window",
              what + " must be " + (positive ? "a positive" : "a") +
                  " whole number written as a literal");
        return std::nullopt;
    }
    // Checked before the conversion to int, which two billion (or 1e300) would overflow.
    if (std::fabs(*v) > max) {
        error(e, "expr.window",
              *unit
                  ? what + " of " + format_number(*v) + " " + unit + " exceeds the limit of " +
                        std::to_string(max) + " " + unit
                  : what + " must be a year between " + std::to_string(limits::first_year) +
                        " and " + std::to_string(limits::last_year) + ", not " + format_number(*v));
        return std::nullopt;
    }
    return static_cast<int>(*v);
}

void Checker::bad_year(const Expr& e, const std::string& what) {
    error(e, "expr.window",
          what + " must be a year between " + std::to_string(limits::first_year) + " and " +
              std::to_string(limits::last_year));
}

void Checker::check_window(Call& c, bool allow_window, bool allow_since_only, const Expr& e) {
    std::map<std::string, const NamedArgument*> named;
    for (auto& n : c.named) {
        if (named.count(n.name)) {
            error_at(n.offset, "expr.argument", "argument '" + n.name + "' given twice");
            return;
        }
        named[n.name] = &n;
    }
    for (auto& [name, arg] : named) {
        bool known =
            name == "since" ||
            (allow_window && (name == "last" || name == "past" || name == "from" || name == "to"));
        if (!known) {
            error_at(arg->offset, "expr.argument",
                     "unknown argument '" + name + "' for " + c.name +
                         (allow_since_only
                              ? "(); it takes only since = 'award'"
                              : "(); windows are last = N, past = N, from = A, to = B, "
                                "or since = 'award'"));
            return;
        }
    }
    int kinds = static_cast<int>(named.count("last")) + static_cast<int>(named.count("past")) +
                static_cast<int>(named.count("since")) +
                static_cast<int>(named.count("from") || named.count("to"));
    if (kinds > 1) {
        error(e, "expr.window",
              "give one window: last = N, past = N, from = A, to = B, or since = 'award'");
        return;
    }
    auto n_of = [&](const char* key) -> std::optional<int> {
        return whole_number(*named[key]->value, std::string("'") + key + "'", true,
                            max_window_years, "years");
    };
    if (named.count("last")) {
        if (auto n = n_of("last")) c.window = Call::Window::last, c.window_n = *n;
    } else if (named.count("past")) {
        if (auto n = n_of("past")) c.window = Call::Window::past, c.window_n = *n;
    } else if (named.count("since")) {
        const std::string* award = text_literal(*named["since"]->value);
        if (!award) {
            error(*named["since"]->value, "expr.window",
                  "since takes an award id in quotes: since = 'id'");
            return;
        }
        c.window = Call::Window::since;
        c.since_award = *award;
    } else if (named.count("from") || named.count("to")) {
        if (!named.count("from") || !named.count("to")) {
            error(e, "expr.window", "a year window needs both from = A and to = B");
            return;
        }
        auto a = whole_number(*named["from"]->value, "'from'", false, limits::last_year, "");
        auto b = whole_number(*named["to"]->value, "'to'", false, limits::last_year, "");
        if (a && *a < limits::first_year) a.reset(), bad_year(*named["from"]->value, "'from'");
        if (b && *b < limits::first_year) b.reset(), bad_year(*named["to"]->value, "'to'");
        if (!a || !b) return;
        if (*a > *b) {
            error(*named["from"]->value, "expr.window",
                  "the window's from must not be after its to");
            return;
        }
        if (*b - *a >= max_window_years) {
            error(*named["from"]->value, "expr.window",
                  "the window is longer than the limit of " + std::to_string(max_window_years) +
                      " years");
            return;
        }
        c.window = Call::Window::range, c.window_from = *a, c.window_to = *b;
    }
}

Type Checker::visit_node(Expr& e, Call& c, int depth) {
    // Errors are tracked per call, so one bad call does not hide errors in its siblings.
    const std::size_t errors_before = diags_.error_count();
    auto f = functions().find(c.name);
    if (f == functions().end()) {
        error(e, "expr.unknown-function", "unknown function '" + c.name + "'");
        return any_t;
    }
    c.function = f->second.fn;
    int n = static_cast<int>(c.args.size());
    if (n < f->second.min_args || n > f->second.max_args) {
        std::string want =
            f->second.min_args == f->second.max_args
                ? std::to_string(f->second.min_args)
                : std::to_string(f->second.min_args) + " to " + std::to_string(f->second.max_args);
        error(e, "expr.arity",
              c.name + "() takes " + want + " argument" + (f->second.max_args == 1 ? "" : "s") +
                  ", not " + std::to_string(n));
        return any_t;
    }
    bool time_fn = is_time_function(c.function);
    bool windowed = c.function == Function::years || c.function == Function::always ||
                    c.function == Function::ever || c.function == Function::never;
    if (c.function == Function::streak || windowed)
        check_window(c, windowed, c.function == Function::streak, e);
    else if (!c.named.empty())
        error_at(c.named.front().offset, "expr.argument", c.name + "() takes no named arguments");

    std::vector<Type> types;
    for (std::size_t i = 0; i < c.args.size(); ++i) {
        bool inside_time = time_fn && i == 0;
        if (inside_time) ++time_depth_;
        types.push_back(visit(*c.args[i], depth + 1));
        if (inside_time) --time_depth_;
    }
    if (diags_.error_count() != errors_before) return any_t;
    auto arg = [&](std::size_t i) -> Expr& { return *c.args[i]; };

    switch (c.function) {
    case Function::streak:
    case Function::years:
        require(arg(0), types[0], bool_t, "the condition of " + c.name + "()");
        return number_t;
    case Function::always:
    case Function::ever:
    case Function::never:
        require(arg(0), types[0], bool_t, "the condition of " + c.name + "()");
        return bool_t;
    case Function::prev:
        if (types[0].kind == Type::set) require(arg(0), types[0], any_t, "the value of prev()");
        if (n == 2) {
            if (auto k =
                    whole_number(arg(1), "prev()'s look back", true, max_window_years, "years"))
                c.window_n = *k;
        } else {
            c.window_n = 1;
        }
        return types[0];
    case Function::children:
    case Function::descendants:
        if (n == 1 && !text_literal(arg(0)))
            error(arg(0), "expr.type",
                  c.name + "() takes a kind in quotes, e.g. " + c.name + "('chi-bo')");
        return set_t;
    case Function::where:
        require(arg(0), types[0], set_t, "the first argument of where()");
        require(arg(1), types[1], bool_t, "the condition of where()");
        return set_t;
    case Function::count:
    case Function::share:
        require(arg(0), types[0], set_t, "the first argument of " + c.name + "()");
        if (n == 2) require(arg(1), types[1], bool_t, "the condition of " + c.name + "()");
        return number_t;
    case Function::all:
    case Function::any:
    case Function::none:
        require(arg(0), types[0], set_t, "the first argument of " + c.name + "()");
        require(arg(1), types[1], bool_t, "the condition of " + c.name + "()");
        return bool_t;
    case Function::sum:
    case Function::avg:
        require(arg(0), types[0], set_t, "the first argument of " + c.name + "()");
        require(arg(1), types[1], number_t, "the value of " + c.name + "()");
        return number_t;
    case Function::min:
    case Function::max:
        if (types[0].kind == Type::set) {
            c.function = c.function == Function::min ? Function::set_min : Function::set_max;
            require(arg(1), types[1], number_t, "the value of " + c.name + "()");
            return number_t;
        }
        require(arg(0), types[0], number_t, "the first argument of " + c.name + "()");
        require(arg(1), types[1], number_t, "the second argument of " + c.name + "()");
        return number_t;
    case Function::parent:
        if (types[0].kind == Type::set)
            error(arg(0), "expr.type", "parent() takes a value, not a set of subjects");
        return types[0];
    case Function::awarded:
    case Function::eligible: {
        const std::string* id = text_literal(arg(0));
        if (!id) {
            error(arg(0), "expr.type",
                  c.name + "() takes an award id in quotes, e.g. " + c.name + "('tieu-bieu')");
            return bool_t;
        }
        c.since_award = *id;
        if (c.function == Function::eligible) {
            if (time_depth_ > 0)
                error(e, "expr.eligible-in-time",
                      "eligible() is not allowed inside a time function; use awarded() for "
                      "earlier years");
            else if (scope_.award_ids && !scope_.award_ids->count(*id))
                error(arg(0), "expr.unknown-award",
                      "no loaded rule set defines an award '" + *id + "'");
        }
        return bool_t;
    }
    case Function::if_:
        require(arg(0), types[0], bool_t, "the condition of if()");
        if (types[1].kind != Type::any && types[2].kind != Type::any &&
            types[1].kind != types[2].kind)
            error(arg(2), "expr.type",
                  std::string("both branches of if() must have one type; this one is ") +
                      type_name(types[2]) + ", the other " + type_name(types[1]));
        if (types[1].kind == Type::set || types[2].kind == Type::set)
            error(arg(1), "expr.type", "if() cannot choose between sets of subjects");
        return types[1].kind == Type::any ? types[2] : types[1];
    case Function::abs:
        require(arg(0), types[0], number_t, "the argument of abs()");
        return number_t;
    case Function::known:
        if (types[0].kind == Type::set)
            error(arg(0), "expr.type", "known() takes a value, not a set");
        return bool_t;
    default:
        return any_t;
    }
}

} // namespace commend::expr::detail
