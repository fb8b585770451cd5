// Resolution and type checking of expressions (SPEC §4): the entry points, and the checking
// of identifiers and operators. Calls are checked in checker_calls.cpp. See checker.hpp.
#include "commend/expr/checker.hpp"

#include <map>
#include <string>
#include <vector>

#include "commend/rules/ruleset.hpp"
#include "expr/checker_impl.hpp"
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

namespace detail {

bool Checker::run(Type expected) {
    if (!src_.root) return false;
    Type t = visit(*src_.root, 0);
    if (ok_) require(*src_.root, t, expected, "the expression");
    if (ok_) unsettled_levels(*src_.root);
    return ok_;
}

// A level name on several scales takes its scale from a comparison; anywhere else it must
// be written `scale.LEVEL` (SPEC §4).
void Checker::unsettled_levels(const Expr& e) {
    std::visit(
        [&](const auto& n) {
            using N = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<N, Identifier>) {
                if (n.resolved == IdentKind::level && e.type.scale < 0)
                    error(e, "expr.ambiguous-level",
                          "level '" + n.name + "' belongs to several scales; write it as scale." +
                              n.name);
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

void Checker::error(const Expr& at, std::string code, std::string message) {
    diags_.error(std::move(code), src_.at(at.offset), std::move(message));
    ok_ = false;
}
void Checker::error_at(int offset, std::string code, std::string message) {
    diags_.error(std::move(code), src_.at(offset), std::move(message));
    ok_ = false;
}

void Checker::require(const Expr& e, Type got, Type want, const std::string& what) {
    if (got.kind == Type::any || want.kind == Type::any) {
        if (want.kind == Type::any && got.kind == Type::set)
            error(e, "expr.type", what + " is a set of subjects; use count(), any() or similar");
        return;
    }
    if (got.kind != want.kind)
        error(e, "expr.type", what + " must be " + type_name(want) + " but is " + type_name(got));
}

Type Checker::visit(Expr& e, int depth) {
    if (depth > static_cast<int>(max_expression_length)) {
        error(e, "expr.too-deep", "expression nested too deeply");
        return any_t;
    }
    Type t = std::visit([&](auto& n) { return visit_node(e, n, depth); }, e.node);
    e.type = t;
    return t;
}

// ---- identifiers ---------------------------------------------------------------
Type Checker::visit_node(Expr& e, Identifier& id, int) {
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
        id.index = sc >= 0 ? level_index(schema.scales[static_cast<std::size_t>(sc)], id.name) : -1;
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
            error(e, "expr.type", "'" + id.name + "' is a function; call it as " + id.name + "(…)");
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
    if (id.resolved == IdentKind::let && time_depth_ > 0 && reads_eligible(e))
        error(e, "expr.eligible-in-time",
              "'" + id.name +
                  "' uses eligible(), which is not allowed inside a time function; use "
                  "awarded() for earlier years");
    return result;
}

int Checker::level_index(const Scale& s, std::string_view name) {
    return s.index_of(name);
}

// Whether an expression calls eligible(), directly or through lets. Each let's answer is
// remembered: a let used twice by a let used twice by … would otherwise be walked 2^64
// times (and a let in a cycle, reported elsewhere, forever).
bool Checker::reads_eligible(const Expr& e) {
    return std::visit(
        [&](const auto& n) -> bool {
            using N = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<N, Identifier>) {
                if (n.resolved != IdentKind::let || !n.let) return false;
                if (auto it = let_reads_eligible_.find(n.let); it != let_reads_eligible_.end())
                    return it->second;
                let_reads_eligible_[n.let] = false; // on the path: a cycle adds nothing
                const bool reads = reads_eligible(*n.let);
                let_reads_eligible_[n.let] = reads;
                return reads;
            } else if constexpr (std::is_same_v<N, Unary>) {
                return reads_eligible(*n.operand);
            } else if constexpr (std::is_same_v<N, Binary>) {
                return reads_eligible(*n.left) || reads_eligible(*n.right);
            } else if constexpr (std::is_same_v<N, Call>) {
                if (n.function == Function::eligible || n.name == "eligible") return true;
                for (const auto& a : n.args)
                    if (reads_eligible(*a)) return true;
                return false;
            } else {
                return false;
            }
        },
        e.node);
}

std::vector<int> Checker::scales_with_level(const std::string& name) const {
    std::vector<int> out;
    const DataSchema& schema = scope_.schema;
    std::string level = name;
    if (auto a = schema.aliases.find(name); a != schema.aliases.end()) level = a->second;
    for (std::size_t i = 0; i < schema.scales.size(); ++i)
        if (schema.scales[i].index_of(level) >= 0) out.push_back(static_cast<int>(i));
    return out;
}

bool Checker::is_yearly(const std::string& name) const {
    if (scope_.schema.columns.count(name) || scope_.schema.scale_index(name) >= 0) return true;
    return scope_.data && scope_.data->find_yearly(name);
}
int Checker::yearly_index(const std::string& name) const {
    if (!scope_.data) return -1;
    const Column* c = scope_.data->find_yearly(name);
    return c ? static_cast<int>(c - scope_.data->yearly.data()) : -1;
}
Type Checker::yearly_column_type(const std::string& name) const {
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
Type Checker::column_type(const Column& c) {
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
Type Checker::visit_node(Expr& e, Unary& u, int depth) {
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
void Checker::settle_level(Expr& side, Type& t, int scale) {
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

Type Checker::visit_node(Expr& e, Binary& b, int depth) {
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

std::string Checker::scale_name(int s) const {
    return s >= 0 ? scope_.schema.scales[static_cast<std::size_t>(s)].name : "?";
}

} // namespace detail

bool check(SourceText& source, Type expected, const Scope& scope, Diagnostics& diags) {
    detail::Checker c(source, scope, diags);
    return c.run(expected);
}

} // namespace commend::expr