// Resolution and type checking of expressions (SPEC §4). See checker.hpp.
#include "commend/expr/checker.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "commend/rules/ruleset.hpp"
#include "expr/functions.hpp"

namespace commend::expr {

const char* type_name(Type t) {
    switch (t.kind) {
    case Type::number:
        return "number";
    case Type::boolean:
        return "bool";
    case Type::text:
        return "text";
    case Type::level:
        return "level";
    case Type::set:
        return "set of subjects";
    case Type::any:
        return "any";
    }
    return "?";
}

namespace {

constexpr int max_window_years = 1000;

const Type number_t{Type::number}, bool_t{Type::boolean}, text_t{Type::text}, set_t{Type::set},
    any_t{Type::any};

class Checker {
  public:
    Checker(SourceText& src, const Scope& scope, Diagnostics& diags)
        : src_(src), scope_(scope), diags_(diags) {}

    bool run(Type expected) {
        if (!src_.root) return false;
        Type t = visit(*src_.root, 0);
        if (ok_) require(*src_.root, t, expected, "the expression");
        if (ok_) unsettled_levels(*src_.root);
        return ok_;
    }

    // A level name on several scales takes its scale from a comparison; anywhere else it must
    // be written `scale.LEVEL` (SPEC §4).
    void unsettled_levels(const Expr& e) {
        std::visit(
            [&](const auto& n) {
                using N = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<N, Identifier>) {
                    if (n.resolved == IdentKind::level && e.type.scale < 0)
                        error(e, "expr.ambiguous-level",
                              "level '" + n.name +
                                  "' belongs to several scales; write it as scale." + n.name);
                } else if constexpr (std::is_same_v<N, Unary>) {
                    unsettled_levels(*n.operand);
                } else if constexpr (std::is_same_v<N, Binary>) {
                    unsettled_levels(*n.left), unsettled_levels(*n.right);
                } else if constexpr (std::is_same_v<N, Call>) {
                    for (const auto& a : n.args)
                        unsettled_levels(*a);
                }
            },
            e.node);
    }

  private:
    SourceText& src_;
    const Scope& scope_;
    Diagnostics& diags_;
    bool ok_ = true;
    int time_depth_ = 0; // > 0 inside the first argument of a time function

    void error(const Expr& at, std::string code, std::string message) {
        diags_.error(std::move(code), src_.at(at.offset), std::move(message));
        ok_ = false;
    }
    void error_at(int offset, std::string code, std::string message) {
        diags_.error(std::move(code), src_.at(offset), std::move(message));
        ok_ = false;
    }

    void require(const Expr& e, Type got, Type want, const std::string& what) {
        if (got.kind == Type::any || want.kind == Type::any) {
            if (want.kind == Type::any && got.kind == Type::set)
                error(e, "expr.type",
                      what + " is a set of subjects; use count(), any() or similar");
            return;
        }
        if (got.kind != want.kind)
            error(e, "expr.type",
                  what + " must be " + type_name(want) + " but is " + type_name(got));
    }

    Type visit(Expr& e, int depth) {
        if (depth > static_cast<int>(max_expression_length)) {
            error(e, "expr.too-deep", "expression nested too deeply");
            return any_t;
        }
        Type t = std::visit([&](auto& n) { return visit_node(e, n, depth); }, e.node);
        e.type = t;
        return t;
    }

    Type visit_node(Expr&, NumberLiteral&, int) { return number_t; }
    Type visit_node(Expr&, BoolLiteral&, int) { return bool_t; }
    Type visit_node(Expr&, TextLiteral&, int) { return text_t; }

    // ---- identifiers ---------------------------------------------------------------
    Type visit_node(Expr& e, Identifier& id, int) {
        const DataSchema& schema = scope_.schema;
        if (!id.qualifier.empty()) {
            int sc = schema.scale_index(id.qualifier);
            if (sc < 0) {
                error(e, "expr.unknown-scale", "no scale named '" + id.qualifier + "'");
                return any_t;
            }
            int level = level_index(schema.scales[static_cast<std::size_t>(sc)], id.name);
            if (level < 0) {
                error(e, "expr.unknown-level",
                      "'" + id.name + "' is not a level of scale " + id.qualifier);
                return any_t;
            }
            id.resolved = IdentKind::level;
            id.index = level;
            return Type{Type::level, sc};
        }
        // Collect every meaning the name has; more than one is an error (SPEC §4).
        std::vector<std::string> meanings;
        Type result = any_t;
        const LetBinding* let = scope_.ruleset.find_let(id.name);
        if (let) {
            meanings.push_back("a [let] name");
            id.resolved = IdentKind::let;
            id.let = let->value.root.get();
            result = let->value.root ? let->value.root->type : any_t;
        }
        Type column = yearly_column_type(id.name);
        if (column.kind != Type::any || is_yearly(id.name)) {
            meanings.push_back("a yearly column");
            id.resolved = IdentKind::yearly;
            id.index = yearly_index(id.name);
            result = column;
            if (scope_.data && id.index < 0)
                diags_.warning("data.absent-column", src_.at(e.offset),
                               "evaluations.csv has no column '" + id.name +
                                   "'; its value is missing (unknown) in every year");
        }
        if (scope_.data) {
            if (const Column* c = scope_.data->find_static(id.name)) {
                meanings.push_back("a subject attribute");
                id.resolved = IdentKind::attribute;
                id.index = static_cast<int>(c - scope_.data->statics.data());
                result = c->type == ColumnType::number ? number_t : text_t;
            }
        }
        std::vector<int> scales = scales_with_level(id.name);
        if (!scales.empty()) {
            meanings.push_back("a level");
            id.resolved = IdentKind::level;
            int sc = scales.size() == 1 ? scales[0] : -1;
            id.index =
                sc >= 0 ? level_index(schema.scales[static_cast<std::size_t>(sc)], id.name) : -1;
            result = Type{Type::level, sc};
        }
        static const std::map<std::string, IdentKind, std::less<>> builtins = {
            {"year", IdentKind::year},
            {"id", IdentKind::id},
            {"name", IdentKind::name},
            {"kind", IdentKind::kind}};
        if (auto b = builtins.find(id.name); b != builtins.end()) {
            meanings.push_back("the built-in '" + id.name + "'");
            id.resolved = b->second;
            result = b->second == IdentKind::year ? number_t : text_t;
        }
        if (meanings.size() > 1) {
            std::string all;
            for (std::size_t i = 0; i < meanings.size(); ++i)
                all += (i ? (i + 1 == meanings.size() ? " and " : ", ") : "") + meanings[i];
            error(e, "expr.ambiguous-identifier",
                  "'" + id.name + "' is ambiguous: it is " + all + "; rename one of them");
            return any_t;
        }
        if (meanings.empty()) {
            if (functions().count(id.name)) {
                error(e, "expr.type",
                      "'" + id.name + "' is a function; call it as " + id.name + "(…)");
                return any_t;
            }
            if (scope_.data) {
                error(e, "expr.unknown-identifier",
                      "'" + id.name +
                          "' is not a [let] name, level, or column of the data; check the spelling "
                          "or add the column to the data");
                return any_t;
            }
            // Before data is loaded an unknown name is taken to be a data column (SPEC §4).
            diags_.warning("expr.undeclared-column", src_.at(e.offset),
                           "'" + id.name +
                               "' is not declared; it is taken to be a data column (declare it in "
                               "[columns] to check its type now)");
            id.resolved = IdentKind::unresolved;
            return any_t;
        }
        if (id.resolved == IdentKind::let && !id.let) return any_t;
        if (id.resolved == IdentKind::let && time_depth_ > 0 && reads_eligible(*id.let, 0))
            error(e, "expr.eligible-in-time",
                  "'" + id.name +
                      "' uses eligible(), which is not allowed inside a time function; use "
                      "awarded() for earlier years");
        return result;
    }

    static int level_index(const Scale& s, std::string_view name) { return s.index_of(name); }

    // Whether an expression calls eligible(), directly or through lets (bounded: let chains
    // are limited, and a cycle is reported elsewhere).
    static bool reads_eligible(const Expr& e, int depth) {
        if (depth > max_expression_depth) return false;
        return std::visit(
            [&](const auto& n) -> bool {
                using N = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<N, Identifier>) {
                    return n.resolved == IdentKind::let && n.let &&
                           reads_eligible(*n.let, depth + 1);
                } else if constexpr (std::is_same_v<N, Unary>) {
                    return reads_eligible(*n.operand, depth);
                } else if constexpr (std::is_same_v<N, Binary>) {
                    return reads_eligible(*n.left, depth) || reads_eligible(*n.right, depth);
                } else if constexpr (std::is_same_v<N, Call>) {
                    if (n.function == Function::eligible || n.name == "eligible") return true;
                    for (const auto& a : n.args)
                        if (reads_eligible(*a, depth)) return true;
                    return false;
                } else {
                    return false;
                }
            },
            e.node);
    }

    std::vector<int> scales_with_level(const std::string& name) const {
        std::vector<int> out;
        const DataSchema& schema = scope_.schema;
        std::string level = name;
        if (auto a = schema.aliases.find(name); a != schema.aliases.end()) level = a->second;
        for (std::size_t i = 0; i < schema.scales.size(); ++i)
            if (schema.scales[i].index_of(level) >= 0) out.push_back(static_cast<int>(i));
        return out;
    }

    bool is_yearly(const std::string& name) const {
        if (scope_.schema.columns.count(name) || scope_.schema.scale_index(name) >= 0) return true;
        return scope_.data && scope_.data->find_yearly(name);
    }
    int yearly_index(const std::string& name) const {
        if (!scope_.data) return -1;
        const Column* c = scope_.data->find_yearly(name);
        return c ? static_cast<int>(c - scope_.data->yearly.data()) : -1;
    }
    Type yearly_column_type(const std::string& name) const {
        if (scope_.data) {
            if (const Column* c = scope_.data->find_yearly(name)) return column_type(*c);
        }
        const DataSchema& schema = scope_.schema;
        if (auto d = schema.columns.find(name); d != schema.columns.end()) {
            switch (d->second.type) {
            case ColumnType::flag:
                return bool_t;
            case ColumnType::number:
                return number_t;
            case ColumnType::text:
                return text_t;
            case ColumnType::level:
                return Type{Type::level, d->second.scale};
            }
        }
        int sc = schema.scale_index(name);
        if (sc >= 0) return Type{Type::level, sc};
        return any_t;
    }
    static Type column_type(const Column& c) {
        switch (c.type) {
        case ColumnType::flag:
            return bool_t;
        case ColumnType::number:
            return number_t;
        case ColumnType::text:
            return text_t;
        case ColumnType::level:
            return Type{Type::level, c.scale};
        }
        return any_t;
    }

    // ---- operators -----------------------------------------------------------------
    Type visit_node(Expr& e, Unary& u, int depth) {
        Type t = visit(*u.operand, depth + 1);
        if (u.op == UnaryOp::logical_not) {
            require(*u.operand, t, bool_t, "the operand of 'not'");
            return bool_t;
        }
        require(*u.operand, t, number_t, "the operand of '-'");
        (void)e;
        return number_t;
    }

    // A bare level name that belongs to several scales takes the scale of the other side.
    void settle_level(Expr& side, Type& t, int scale) {
        if (t.kind != Type::level || t.scale >= 0 || scale < 0) return;
        auto* id = std::get_if<Identifier>(&side.node);
        if (!id) return;
        const Scale& s = scope_.schema.scales[static_cast<std::size_t>(scale)];
        std::string level = id->name;
        if (auto a = scope_.schema.aliases.find(level); a != scope_.schema.aliases.end())
            level = a->second;
        id->index = s.index_of(level);
        t.scale = scale;
        side.type = t;
    }

    Type visit_node(Expr& e, Binary& b, int depth) {
        Type l = visit(*b.left, depth + 1);
        Type r = visit(*b.right, depth + 1);
        switch (b.op) {
        case BinaryOp::logical_or:
        case BinaryOp::logical_and: {
            const char* op = b.op == BinaryOp::logical_or ? "'or'" : "'and'";
            require(*b.left, l, bool_t, std::string("the left side of ") + op);
            require(*b.right, r, bool_t, std::string("the right side of ") + op);
            return bool_t;
        }
        case BinaryOp::add:
        case BinaryOp::sub:
        case BinaryOp::mul:
        case BinaryOp::div:
            require(*b.left, l, number_t, "the left side of an arithmetic operator");
            require(*b.right, r, number_t, "the right side of an arithmetic operator");
            return number_t;
        default:
            break;
        }
        // Comparisons.
        settle_level(*b.left, l, r.scale);
        settle_level(*b.right, r, l.scale);
        if (l.kind == Type::any || r.kind == Type::any) return bool_t;
        if (l.kind == Type::set || r.kind == Type::set) {
            error(l.kind == Type::set ? *b.left : *b.right, "expr.type",
                  "a set of subjects cannot be compared; use count() or any()");
            return bool_t;
        }
        if (l.kind != r.kind) {
            std::string hint;
            if ((l.kind == Type::level && r.kind == Type::text) ||
                (l.kind == Type::text && r.kind == Type::level))
                hint = " (write the level without quotes)";
            error(*b.right, "expr.type",
                  std::string("cannot compare ") + type_name(l) + " with " + type_name(r) + hint);
            return bool_t;
        }
        if (l.kind == Type::level) {
            if (l.scale < 0 && r.scale < 0) {
                error(*b.left, "expr.ambiguous-level",
                      "the level belongs to several scales; write it as scale.LEVEL");
            } else if (l.scale != r.scale) {
                error(*b.right, "expr.type",
                      "cannot compare levels of scale " + scale_name(l.scale) +
                          " with levels of scale " + scale_name(r.scale));
            }
        }
        bool ordering = b.op != BinaryOp::eq && b.op != BinaryOp::ne;
        if (ordering && l.kind != Type::number && l.kind != Type::level)
            error(e, "expr.type",
                  std::string("only numbers and levels can be ordered, not ") + type_name(l));
        return bool_t;
    }

    std::string scale_name(int s) const {
        return s >= 0 ? scope_.schema.scales[static_cast<std::size_t>(s)].name : "?";
    }

    // ---- calls ---------------------------------------------------------------------
    const std::string* text_literal(const Expr& e) {
        if (auto* t = std::get_if<TextLiteral>(&e.node)) return &t->value;
        return nullptr;
    }
    std::optional<double> number_literal(const Expr& e) {
        if (auto* n = std::get_if<NumberLiteral>(&e.node)) return n->value;
        if (auto* u = std::get_if<Unary>(&e.node))
            if (u->op == UnaryOp::negate)
                if (auto* n = std::get_if<NumberLiteral>(&u->operand->node)) return -n->value;
        return std::nullopt;
    }
    std::optional<int> whole_number(const Expr& e, const std::string& what, bool positive) {
        auto v = number_literal(e);
        if (!v || std::floor(*v) != *v || std::fabs(*v) > 1e9 || (positive && *v < 1)) {
            error(e, "expr.window",
                  what + " must be " + (positive ? "a positive" : "a") +
                      " whole number written as a literal");
            return std::nullopt;
        }
        return static_cast<int>(*v);
    }

    void check_window(Call& c, bool allow_window, bool allow_since_only, const Expr& e) {
        std::map<std::string, const NamedArgument*> named;
        for (auto& n : c.named) {
            if (named.count(n.name)) {
                error_at(n.offset, "expr.argument", "argument '" + n.name + "' given twice");
                return;
            }
            named[n.name] = &n;
        }
        for (auto& [name, arg] : named) {
            bool known = name == "since" || (allow_window && (name == "last" || name == "past" ||
                                                              name == "from" || name == "to"));
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
            auto v = whole_number(*named[key]->value, std::string("'") + key + "'", true);
            if (v && *v > max_window_years) {
                error(*named[key]->value, "expr.window",
                      std::string("'") + key + "' of " + std::to_string(*v) +
                          " years exceeds the limit of " + std::to_string(max_window_years));
                return std::nullopt;
            }
            return v;
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
            auto a = whole_number(*named["from"]->value, "'from'", false);
            auto b = whole_number(*named["to"]->value, "'to'", false);
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

    Type visit_node(Expr& e, Call& c, int depth) {
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
            std::string want = f->second.min_args == f->second.max_args
                                   ? std::to_string(f->second.min_args)
                                   : std::to_string(f->second.min_args) + " to " +
                                         std::to_string(f->second.max_args);
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
            error_at(c.named.front().offset, "expr.argument",
                     c.name + "() takes no named arguments");

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
                if (auto k = whole_number(arg(1), "the years back of prev()", true);
                    k && *k > max_window_years)
                    error(arg(1), "expr.window",
                          "prev() looks back at most " + std::to_string(max_window_years) +
                              " years");
                else if (k)
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
};

} // namespace

bool check(SourceText& source, Type expected, const Scope& scope, Diagnostics& diags) {
    Checker c(source, scope, diags);
    return c.run(expected);
}

} // namespace commend::expr
