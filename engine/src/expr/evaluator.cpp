// The evaluator of SPEC §4: identifiers, operators and the simple functions. Time functions
// are in evaluator_time.cpp, set functions in evaluator_sets.cpp.
#include "commend/expr/evaluator.hpp"

#include <algorithm>
#include <cmath>

#include "expr/value_ops.hpp"

namespace commend::expr {

std::string Evaluator::subject_id(SubjectIndex s) const {
    return ctx_.data.subjects[static_cast<std::size_t>(s)].id;
}

std::string Evaluator::describe(const Value& v) const {
    switch (v.kind) {
    case Type::boolean:
        return v.truth == Truth::yes ? "true" : v.truth == Truth::no ? "false" : "unknown";
    case Type::number:
        if (v.number_known()) return format_number(v.lo);
        if (std::isinf(v.lo) && std::isinf(v.hi)) return "unknown";
        return (std::isinf(v.lo) ? std::string("?") : format_number(v.lo)) + ".." +
               (std::isinf(v.hi) ? std::string("?") : format_number(v.hi));
    case Type::level:
        if (v.level < 0 || v.scale < 0) return "unknown";
        return ctx_.schema.scales[static_cast<std::size_t>(v.scale)]
            .levels[static_cast<std::size_t>(v.level)];
    case Type::text:
        return v.text_known ? "'" + std::string(v.text) + "'" : "unknown";
    case Type::set:
        return std::to_string(v.set.size()) + " subjects";
    case Type::any:
        return "unknown";
    }
    return "unknown";
}

Value Evaluator::evaluate_traced(const Expr& e, SubjectIndex s, Trace& trace) {
    trace_ = &trace;
    depth_ = 0;
    Value v = eval(e, s, ctx_.year);
    trace_ = nullptr;
    return v;
}

bool Evaluator::looked_at(SubjectIndex s, int year) const {
    return year <= ctx_.year && ctx_.data.subjects[static_cast<std::size_t>(s)].exists_in(year);
}

Truth Evaluator::granted(SubjectIndex s, std::string_view award, int year) const {
    const auto& years = ctx_.data.award_years(s, award);
    return truth_of(std::binary_search(years.begin(), years.end(), year));
}

int Evaluator::last_granted_before(SubjectIndex s, std::string_view award, int year) const {
    const auto& years = ctx_.data.award_years(s, award);
    auto it = std::lower_bound(years.begin(), years.end(), year);
    return it == years.begin() ? INT32_MIN : *(it - 1);
}

Value Evaluator::eval(const Expr& e, SubjectIndex s, int year) {
    return std::visit(
        [&](const auto& n) -> Value {
            using N = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<N, NumberLiteral>) {
                return Value::number(n.value);
            } else if constexpr (std::is_same_v<N, BoolLiteral>) {
                return Value::boolean(truth_of(n.value));
            } else if constexpr (std::is_same_v<N, TextLiteral>) {
                return Value::of_text(n.value);
            } else if constexpr (std::is_same_v<N, Identifier>) {
                return eval_identifier(e, n, s, year);
            } else if constexpr (std::is_same_v<N, Unary>) {
                Value v = eval(*n.operand, s, year);
                if (n.op == UnaryOp::logical_not) return Value::boolean(truth_not(v.truth));
                return Value::range(-v.hi, -v.lo);
            } else if constexpr (std::is_same_v<N, Binary>) {
                return eval_binary(n, s, year);
            } else {
                return eval_call(e, n, s, year);
            }
        },
        e.node);
}

namespace {
Value stored_value(const Column& c, std::int8_t byte, double number, std::int32_t text) {
    switch (c.type) {
    case ColumnType::flag:
        return Value::boolean(byte < 0 ? Truth::unknown : truth_of(byte != 0));
    case ColumnType::level:
        return Value::of_level(c.scale, byte);
    case ColumnType::number:
        return std::isnan(number) ? Value::unknown_number() : Value::number(number);
    case ColumnType::text:
        return text < 0 ? Value::of_text({}, false)
                        : Value::of_text(c.strings[static_cast<std::size_t>(text)]);
    }
    return Value{};
}
} // namespace

Value cell_value(const Column& c, std::size_t at) {
    switch (c.type) {
    case ColumnType::flag:
    case ColumnType::level:
        return stored_value(c, c.bytes[at], 0, -1);
    case ColumnType::number:
        return stored_value(c, -1, c.numbers[at], -1);
    case ColumnType::text:
        return stored_value(c, -1, 0, c.texts[at]);
    }
    return Value{};
}

Value default_value(const Column& c) {
    return stored_value(c, c.default_byte, c.default_number, c.default_text);
}

Value Evaluator::eval_identifier(const Expr& e, const Identifier& id, SubjectIndex s, int year) {
    const Subject& subject = ctx_.data.subjects[static_cast<std::size_t>(s)];
    Value v;
    switch (id.resolved) {
    case IdentKind::let:
        return id.let ? eval(*id.let, s, year) : Value::unknown(e.type);
    case IdentKind::level:
        return Value::of_level(e.type.scale, id.index);
    case IdentKind::year:
        return Value::number(year);
    case IdentKind::id:
        return Value::of_text(subject.id);
    case IdentKind::name:
        return Value::of_text(subject.name);
    case IdentKind::kind:
        return Value::of_text(subject.kind);
    case IdentKind::unresolved:
        return Value::unknown(e.type);
    case IdentKind::yearly:
    case IdentKind::attribute: {
        bool yearly = id.resolved == IdentKind::yearly;
        if (id.index < 0) {
            v = Value::unknown(e.type);
        } else {
            const Column& c =
                (yearly ? ctx_.data.yearly : ctx_.data.statics)[static_cast<std::size_t>(id.index)];
            if (!yearly)
                v = cell_value(c, static_cast<std::size_t>(s));
            else if (ctx_.data.has_year(year))
                v = cell_value(c, ctx_.data.slot(s, year));
            else if (c.has_default && subject.exists_in(year))
                v = default_value(c); // a year the data does not cover: the declared default
            else
                v = Value::unknown(e.type);
        }
        if (trace_) {
            if (reads_)
                reads_->push_back(describe(v));
            else if (depth_ == 0)
                trace_->push_back(id.name + " = " + describe(v));
        }
        return v;
    }
    }
    return Value::unknown(e.type);
}

Value Evaluator::eval_binary(const Binary& b, SubjectIndex s, int year) {
    Value l = eval(*b.left, s, year);
    // Kleene short cut: `false and …` is false, `true or …` is true whatever follows.
    if (b.op == BinaryOp::logical_and && l.truth == Truth::no) return l;
    if (b.op == BinaryOp::logical_or && l.truth == Truth::yes) return l;
    Value r = eval(*b.right, s, year);
    Value out;
    switch (b.op) {
    case BinaryOp::logical_and:
        out = Value::boolean(truth_and(l.truth, r.truth));
        break;
    case BinaryOp::logical_or:
        out = Value::boolean(truth_or(l.truth, r.truth));
        break;
    case BinaryOp::add:
        return add(l, r);
    case BinaryOp::sub:
        return sub(l, r);
    case BinaryOp::mul:
        return mul(l, r);
    case BinaryOp::div:
        return div(l, r);
    default:
        out = Value::boolean(compare(b.op, l, r));
        break;
    }
    if (trace_ && depth_ == 0 && b.op != BinaryOp::logical_and && b.op != BinaryOp::logical_or)
        trace_->push_back(describe(l) + " " + op_text(b.op) + " " + describe(r) + " → " +
                          describe(out));
    return out;
}

Value Evaluator::eval_call(const Expr& e, const Call& c, SubjectIndex s, int year) {
    switch (c.function) {
    case Function::streak:
    case Function::years:
    case Function::always:
    case Function::ever:
    case Function::never:
    case Function::prev:
        return eval_time(c, s, year);
    case Function::children:
    case Function::descendants:
    case Function::where:
    case Function::count:
    case Function::share:
    case Function::all:
    case Function::any:
    case Function::none:
    case Function::sum:
    case Function::avg:
    case Function::set_min:
    case Function::set_max:
        return eval_set(c, s, year);
    case Function::parent: {
        SubjectIndex p = ctx_.forest.parent(s);
        if (p == no_subject) return Value::unknown(e.type);
        return eval(*c.args[0], p, year);
    }
    case Function::awarded:
        return eval_awarded(c, s, year);
    case Function::eligible: {
        Truth t = ctx_.awards ? ctx_.awards->eligible(c.since_award, s) : Truth::unknown;
        if (trace_ && depth_ == 0)
            trace_->push_back("eligible('" + c.since_award + "') = " + describe(Value::boolean(t)));
        return Value::boolean(t);
    }
    case Function::if_: {
        Value cond = eval(*c.args[0], s, year);
        if (cond.truth == Truth::yes) return eval(*c.args[1], s, year);
        if (cond.truth == Truth::no) return eval(*c.args[2], s, year);
        return merge(eval(*c.args[1], s, year), eval(*c.args[2], s, year));
    }
    case Function::min:
    case Function::max: {
        Value a = eval(*c.args[0], s, year), b = eval(*c.args[1], s, year);
        if (c.function == Function::min)
            return Value::range(std::min(a.lo, b.lo), std::min(a.hi, b.hi));
        return Value::range(std::max(a.lo, b.lo), std::max(a.hi, b.hi));
    }
    case Function::abs: {
        Value a = eval(*c.args[0], s, year);
        if (a.lo >= 0) return a;
        if (a.hi <= 0) return Value::range(-a.hi, -a.lo);
        return Value::range(0, std::max(-a.lo, a.hi));
    }
    case Function::known:
        return Value::boolean(truth_of(eval(*c.args[0], s, year).known()));
    case Function::unknown:
        break;
    }
    return Value::unknown(e.type);
}

Value Evaluator::eval_awarded(const Call& c, SubjectIndex s, int year) {
    Truth t;
    // Year Y reads this run's selection in evaluate/rank/explain, the records in audit;
    // earlier years, and awards no rule set in force defines, always read the records.
    if (year == ctx_.year && !ctx_.audit && ctx_.awards && ctx_.awards->defines(c.since_award))
        t = ctx_.awards->selected(c.since_award, s);
    else
        t = granted(s, c.since_award, year);
    if (trace_ && depth_ == 0)
        trace_->push_back("awarded('" + c.since_award + "') in " + std::to_string(year) + " = " +
                          describe(Value::boolean(t)));
    return Value::boolean(t);
}

} // namespace commend::expr
