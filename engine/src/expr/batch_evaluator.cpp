// The batch evaluator: literals, identifiers, operators and the hand-over to the tree walker.
// Set kernels are in batch_sets.cpp, time kernels in batch_time.cpp.
#include "commend/expr/batch_evaluator.hpp"

#include <algorithm>
#include <cmath>

#include "expr/byte_test.hpp"
#include "expr/functions.hpp"
#include "expr/value_ops.hpp"

namespace commend::expr {

namespace {

bool is(const auto& column, Type::Kind kind) {
    return column.kind == kind;
}

} // namespace

BatchEvaluator::BatchEvaluator(const EvalContext& ctx)
    : ctx_(ctx), walker_(ctx), compiled_(ctx.data.has_year(ctx.year)) {
    if (compiled_) year_at_ = ctx.data.year_offset(ctx.year);
}

std::vector<Truth> BatchEvaluator::truths(const Expr& e, std::span<const SubjectIndex> s) {
    Results c = eval(e, s);
    if (is(c, Type::boolean)) return std::move(c.truth);
    std::vector<Truth> out(s.size(), Truth::unknown);
    if (c.values.size() == s.size())
        for (std::size_t i = 0; i < s.size(); ++i)
            out[i] = c.values[i].truth;
    return out;
}

std::vector<Value> BatchEvaluator::values(const Expr& e, std::span<const SubjectIndex> s) {
    Results c = eval(e, s);
    std::vector<Value> out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
        switch (c.kind) {
        case Type::boolean:
            out.push_back(Value::boolean(c.truth[i]));
            break;
        case Type::number:
            out.push_back(Value::range(c.lo[i], c.hi[i]));
            break;
        case Type::level:
            out.push_back(Value::of_level(c.scale, c.level[i]));
            break;
        default:
            out.push_back(std::move(c.values[i]));
            break;
        }
    return out;
}

BatchEvaluator::Results BatchEvaluator::walk(const Expr& e, std::span<const SubjectIndex> s) {
    Results out;
    out.kind = e.type.kind;
    out.scale = e.type.scale;
    const std::size_t n = s.size();
    switch (out.kind) {
    case Type::boolean:
        out.truth.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            out.truth[i] = walker_.evaluate(e, s[i]).truth;
        break;
    case Type::number:
        out.lo.resize(n);
        out.hi.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            Value v = walker_.evaluate(e, s[i]);
            out.lo[i] = v.lo;
            out.hi[i] = v.hi;
        }
        break;
    case Type::level: {
        // Levels are kept as bytes; a scale of more than 128 levels keeps its Values.
        std::vector<Value> values;
        values.reserve(n);
        bool bytes = true;
        for (std::size_t i = 0; i < n; ++i) {
            values.push_back(walker_.evaluate(e, s[i]));
            bytes = bytes && values.back().level <= 127;
        }
        if (!bytes) {
            out.kind = Type::any;
            out.values = std::move(values);
            break;
        }
        out.level.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            out.level[i] = static_cast<std::int8_t>(std::max(values[i].level, -1));
        break;
    }
    default:
        out.kind = Type::any;
        out.values.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            out.values.push_back(walker_.evaluate(e, s[i]));
        break;
    }
    return out;
}

BatchEvaluator::Results BatchEvaluator::byte_results(const ByteTest& t,
                                                     std::span<const SubjectIndex> s) const {
    Results out;
    out.kind = Type::boolean;
    out.truth.resize(s.size());
    const std::int8_t* bytes = t.column->bytes.data() + year_at_;
    for (std::size_t i = 0; i < s.size(); ++i)
        out.truth[i] = t(bytes[s[i]]);
    return out;
}

BatchEvaluator::Results BatchEvaluator::eval(const Expr& e, std::span<const SubjectIndex> s) {
    if (!compiled_) return walk(e, s);
    if (e.type.kind == Type::boolean)
        if (auto t = byte_test(e, ctx_.data)) return byte_results(*t, s);
    const std::size_t n = s.size();
    Results out;
    if (const auto* x = std::get_if<NumberLiteral>(&e.node)) {
        out.kind = Type::number;
        out.lo.assign(n, x->value);
        out.hi.assign(n, x->value);
        return out;
    }
    if (const auto* x = std::get_if<BoolLiteral>(&e.node)) {
        out.kind = Type::boolean;
        out.truth.assign(n, truth_of(x->value));
        return out;
    }
    if (const auto* x = std::get_if<Identifier>(&e.node)) return eval_identifier(e, *x, s);
    if (const auto* x = std::get_if<Binary>(&e.node)) return eval_binary(e, *x, s);
    if (const auto* x = std::get_if<Call>(&e.node)) return eval_call(e, *x, s);
    if (const auto* x = std::get_if<Unary>(&e.node)) {
        Results v = eval(*x->operand, s);
        if (x->op == UnaryOp::logical_not && is(v, Type::boolean)) {
            for (auto& t : v.truth)
                t = truth_not(t);
            return v;
        }
        if (x->op == UnaryOp::negate && is(v, Type::number)) {
            for (std::size_t i = 0; i < n; ++i) {
                const double lo = v.lo[i];
                v.lo[i] = -v.hi[i];
                v.hi[i] = -lo;
            }
            return v;
        }
    }
    return walk(e, s);
}

BatchEvaluator::Results BatchEvaluator::eval_identifier(const Expr& e, const Identifier& id,
                                                        std::span<const SubjectIndex> s) {
    const std::size_t n = s.size();
    Results out;
    switch (id.resolved) {
    case IdentKind::let:
        return id.let ? eval(*id.let, s) : walk(e, s);
    case IdentKind::level:
        if (id.index < 0 || id.index > 127) break;
        out.kind = Type::level;
        out.scale = e.type.scale;
        out.level.assign(n, static_cast<std::int8_t>(id.index));
        return out;
    case IdentKind::year:
        out.kind = Type::number;
        out.lo.assign(n, ctx_.year);
        out.hi.assign(n, ctx_.year);
        return out;
    case IdentKind::yearly:
    case IdentKind::attribute: {
        if (id.index < 0) break;
        const bool yearly = id.resolved == IdentKind::yearly;
        const commend::Column& col =
            (yearly ? ctx_.data.yearly : ctx_.data.statics)[static_cast<std::size_t>(id.index)];
        const std::size_t base = yearly ? year_at_ : 0;
        if (col.type == ColumnType::flag) {
            out.kind = Type::boolean;
            out.truth.resize(n);
            for (std::size_t i = 0; i < n; ++i) {
                const std::int8_t b = col.bytes[base + static_cast<std::size_t>(s[i])];
                out.truth[i] = b < 0 ? Truth::unknown : truth_of(b != 0);
            }
            return out;
        }
        if (col.type == ColumnType::level) {
            out.kind = Type::level;
            out.scale = col.scale;
            out.level.resize(n);
            for (std::size_t i = 0; i < n; ++i)
                out.level[i] = col.bytes[base + static_cast<std::size_t>(s[i])];
            return out;
        }
        if (col.type == ColumnType::number) {
            out.kind = Type::number;
            out.lo.resize(n);
            out.hi.resize(n);
            for (std::size_t i = 0; i < n; ++i) {
                const double x = col.numbers[base + static_cast<std::size_t>(s[i])];
                out.lo[i] = std::isnan(x) ? -INFINITY : x;
                out.hi[i] = std::isnan(x) ? INFINITY : x;
            }
            return out;
        }
        break;
    }
    default:
        break;
    }
    return walk(e, s);
}

BatchEvaluator::Results BatchEvaluator::eval_binary(const Expr& e, const Binary& b,
                                                    std::span<const SubjectIndex> s) {
    Results l = eval(*b.left, s);
    Results r = eval(*b.right, s);
    const std::size_t n = s.size();
    Results out;
    switch (b.op) {
    case BinaryOp::logical_and:
    case BinaryOp::logical_or:
        // Kleene and/or give the walker's short cut's answer without it (false and x = false).
        if (!is(l, Type::boolean) || !is(r, Type::boolean)) break;
        for (std::size_t i = 0; i < n; ++i)
            l.truth[i] = b.op == BinaryOp::logical_and ? truth_and(l.truth[i], r.truth[i])
                                                       : truth_or(l.truth[i], r.truth[i]);
        return l;
    case BinaryOp::add:
    case BinaryOp::sub:
    case BinaryOp::mul:
    case BinaryOp::div:
        if (!is(l, Type::number) || !is(r, Type::number)) break;
        for (std::size_t i = 0; i < n; ++i) {
            const Range a{l.lo[i], l.hi[i]}, c{r.lo[i], r.hi[i]};
            const Range x = b.op == BinaryOp::add   ? add(a, c)
                            : b.op == BinaryOp::sub ? sub(a, c)
                            : b.op == BinaryOp::mul ? mul(a, c)
                                                    : div(a, c);
            l.lo[i] = x.lo;
            l.hi[i] = x.hi;
        }
        return l;
    default: // comparisons
        out.kind = Type::boolean;
        out.truth.resize(n);
        if (is(l, Type::number) && is(r, Type::number)) {
            for (std::size_t i = 0; i < n; ++i)
                out.truth[i] =
                    compare_numbers(b.op, Range{l.lo[i], l.hi[i]}, Range{r.lo[i], r.hi[i]});
            return out;
        }
        if (is(l, Type::level) && is(r, Type::level)) {
            for (std::size_t i = 0; i < n; ++i)
                out.truth[i] = compare(b.op, Value::of_level(l.scale, l.level[i]),
                                       Value::of_level(r.scale, r.level[i]));
            return out;
        }
        if (is(l, Type::boolean) && is(r, Type::boolean) &&
            (b.op == BinaryOp::eq || b.op == BinaryOp::ne)) {
            for (std::size_t i = 0; i < n; ++i)
                out.truth[i] =
                    compare(b.op, Value::boolean(l.truth[i]), Value::boolean(r.truth[i]));
            return out;
        }
        break;
    }
    return walk(e, s);
}

BatchEvaluator::Results BatchEvaluator::eval_call(const Expr& e, const Call& c,
                                                  std::span<const SubjectIndex> s) {
    Results out;
    if (is_time_function(c.function) && time_kernel(c, s, out)) return out;
    if (is_set_aggregate(c.function) && set_kernel(c, s, out)) return out;
    switch (c.function) {
    case Function::min:
    case Function::max: {
        Results a = eval(*c.args[0], s), b = eval(*c.args[1], s);
        if (!is(a, Type::number) || !is(b, Type::number)) break;
        for (std::size_t i = 0; i < s.size(); ++i) {
            a.lo[i] = c.function == Function::min ? std::min(a.lo[i], b.lo[i])
                                                  : std::max(a.lo[i], b.lo[i]);
            a.hi[i] = c.function == Function::min ? std::min(a.hi[i], b.hi[i])
                                                  : std::max(a.hi[i], b.hi[i]);
        }
        return a;
    }
    default:
        break;
    }
    return walk(e, s);
}

} // namespace commend::expr
