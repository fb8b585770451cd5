// The evaluator of SPEC §4: Kleene logic, number ranges, time and set functions.
#include "commend/expr/evaluator.hpp"

#include <algorithm>
#include <cmath>

namespace commend::expr {

namespace {

const char* mark(Truth t) {
    return t == Truth::yes ? "✓" : t == Truth::no ? "✗" : "?";
}

double mul0(double a, double b) {
    // 0 × ∞ is 0 here: a range bound of 0 times an unbounded one contributes nothing.
    if (a == 0 || b == 0) return 0;
    return a * b;
}

Value add(const Value& a, const Value& b) {
    return Value::range(a.lo + b.lo, a.hi + b.hi);
}
Value sub(const Value& a, const Value& b) {
    return Value::range(a.lo - b.hi, a.hi - b.lo);
}
Value mul(const Value& a, const Value& b) {
    double p[4] = {mul0(a.lo, b.lo), mul0(a.lo, b.hi), mul0(a.hi, b.lo), mul0(a.hi, b.hi)};
    return Value::range(*std::min_element(p, p + 4), *std::max_element(p, p + 4));
}
Value div(const Value& a, const Value& b) {
    // Division by a range that contains zero is unknown (SPEC §4).
    if ((b.lo <= 0 && b.hi >= 0) || approx_equal(b.lo, 0) || approx_equal(b.hi, 0))
        return Value::unknown_number();
    Value inv = Value::range(1 / b.hi, 1 / b.lo);
    return mul(a, inv);
}

Truth less(const Value& a, const Value& b) { // a < b
    if (a.hi < b.lo && !approx_equal(a.hi, b.lo)) return Truth::yes;
    if (a.lo > b.hi || approx_equal(a.lo, b.hi)) return Truth::no;
    return Truth::unknown;
}
Truth less_equal(const Value& a, const Value& b) { // a <= b
    if (a.hi < b.lo || approx_equal(a.hi, b.lo)) return Truth::yes;
    if (a.lo > b.hi && !approx_equal(a.lo, b.hi)) return Truth::no;
    return Truth::unknown;
}
Truth number_equal(const Value& a, const Value& b) {
    if (a.number_known() && b.number_known()) return truth_of(approx_equal(a.lo, b.lo));
    if ((a.hi < b.lo && !approx_equal(a.hi, b.lo)) || (b.hi < a.lo && !approx_equal(b.hi, a.lo)))
        return Truth::no;
    return Truth::unknown;
}

Truth compare(BinaryOp op, const Value& a, const Value& b) {
    if (a.kind == Type::number) {
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

} // namespace

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
        if (id.index < 0 || (yearly && !ctx_.data.has_year(year))) {
            v = Value::unknown(e.type);
        } else {
            const Column& c =
                (yearly ? ctx_.data.yearly : ctx_.data.statics)[static_cast<std::size_t>(id.index)];
            std::size_t at = yearly ? ctx_.data.slot(s, year) : static_cast<std::size_t>(s);
            switch (c.type) {
            case ColumnType::flag: {
                std::int8_t b = c.bytes[at];
                v = Value::boolean(b < 0 ? Truth::unknown : truth_of(b != 0));
                break;
            }
            case ColumnType::level:
                v = Value::of_level(c.scale, c.bytes[at]);
                break;
            case ColumnType::number: {
                double x = c.numbers[at];
                v = std::isnan(x) ? Value::unknown_number() : Value::number(x);
                break;
            }
            case ColumnType::text: {
                std::int32_t t = c.texts[at];
                v = t < 0 ? Value::of_text({}, false)
                          : Value::of_text(c.strings[static_cast<std::size_t>(t)]);
                break;
            }
            }
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

Value Evaluator::eval_time(const Call& c, SubjectIndex s, int year) {
    const Expr& arg = *c.args[0];
    const Subject& subject = ctx_.data.subjects[static_cast<std::size_t>(s)];
    bool tracing = trace_ && depth_ == 0;
    std::string notes;
    // Evaluates the argument in year y, noting "2019 HTXSNV ✓" when tracing.
    auto at = [&](int y) -> Value {
        std::vector<std::string> reads;
        auto* saved = reads_;
        if (tracing) reads_ = &reads;
        ++depth_;
        Value v = eval(arg, s, y);
        --depth_;
        reads_ = saved;
        if (tracing) {
            if (!notes.empty()) notes += ", ";
            notes += std::to_string(y);
            for (const auto& r : reads)
                notes += " " + r;
            notes += " ";
            notes += v.kind == Type::boolean ? mark(v.truth) : describe(v);
        }
        return v;
    };
    auto finish = [&](Value v) {
        if (tracing)
            trace_->push_back(c.source + ": " + (notes.empty() ? "no year looked at" : notes) +
                              " → " + describe(v));
        return v;
    };

    if (c.function == Function::prev) {
        int y = year - c.window_n;
        if (!looked_at(s, y)) return finish(Value::unknown(arg.type));
        return finish(at(y));
    }

    if (c.function == Function::streak) {
        int stop = subject.from - 1; // the last year not looked at, going backwards
        if (c.window == Call::Window::since)
            stop = std::max(stop, last_granted_before(s, c.since_award, year));
        int lo = 0, hi = 0;
        bool lo_open = true;
        for (int y = year; y > stop && looked_at(s, y); --y) {
            Truth t = at(y).truth;
            if (t == Truth::no) break;
            ++hi;
            if (t == Truth::unknown) lo_open = false;
            if (lo_open) ++lo;
        }
        return finish(Value::range(lo, hi));
    }

    // The window's years, first to last.
    int first = subject.from, last = year;
    switch (c.window) {
    case Call::Window::last:
        first = year - c.window_n + 1;
        break;
    case Call::Window::past:
        first = year - c.window_n, last = year - 1;
        break;
    case Call::Window::range:
        first = c.window_from, last = c.window_to;
        break;
    case Call::Window::since: {
        int r = last_granted_before(s, c.since_award, year);
        if (r != INT32_MIN) first = r + 1;
        break;
    }
    case Call::Window::none:
        break;
    }
    int yes = 0, unknown = 0, no = 0;
    for (int y = first; y <= last; ++y) {
        if (!looked_at(s, y)) {
            ++no; // a window year that is not looked at counts as false (SPEC §4)
            continue;
        }
        Truth t = at(y).truth;
        yes += t == Truth::yes;
        unknown += t == Truth::unknown;
        no += t == Truth::no;
    }
    switch (c.function) {
    case Function::years:
        return finish(Value::range(yes, yes + unknown));
    case Function::always:
        return finish(Value::boolean(no ? Truth::no : unknown ? Truth::unknown : Truth::yes));
    case Function::ever:
        return finish(Value::boolean(yes ? Truth::yes : unknown ? Truth::unknown : Truth::no));
    case Function::never:
        return finish(Value::boolean(yes ? Truth::no : unknown ? Truth::unknown : Truth::yes));
    default:
        return finish(Value::unknown(arg.type));
    }
}

std::vector<SubjectIndex> Evaluator::members(const Call& c, SubjectIndex s, int year) {
    if (c.function == Function::where) {
        Value set = eval(*c.args[0], s, year);
        std::vector<SubjectIndex> out;
        ++depth_;
        for (SubjectIndex m : set.set)
            if (eval(*c.args[1], m, year).truth == Truth::yes) out.push_back(m);
        --depth_;
        return out;
    }
    int kind = -2; // -2: any kind
    if (!c.args.empty()) {
        const auto* t = std::get_if<TextLiteral>(&c.args[0]->node);
        kind = t ? ctx_.forest.kind_id(t->value) : -1;
        if (kind == -1) return {};
    }
    auto range =
        c.function == Function::children ? ctx_.forest.children(s) : ctx_.forest.descendants(s);
    std::vector<SubjectIndex> out;
    for (SubjectIndex m : range)
        if ((kind == -2 || ctx_.forest.kind_of(m) == kind) &&
            ctx_.data.subjects[static_cast<std::size_t>(m)].exists_in(year))
            out.push_back(m);
    return out;
}

Value Evaluator::eval_set(const Call& c, SubjectIndex s, int year) {
    if (c.function == Function::children || c.function == Function::descendants ||
        c.function == Function::where) {
        Value v;
        v.kind = Type::set;
        v.set = members(c, s, year);
        return v;
    }
    bool tracing = trace_ && depth_ == 0;
    Value set = eval(*c.args[0], s, year);
    const auto& m = set.set;
    std::string doubtful; // members that are not plainly true, for the trace
    int shown = 0;
    auto note_member = [&](SubjectIndex x, const std::string& what) {
        if (!tracing) return;
        if (shown++ < 8) doubtful += (doubtful.empty() ? "" : ", ") + subject_id(x) + " " + what;
    };
    auto finish = [&](Value v) {
        if (tracing) {
            std::string line = c.source + " over " + std::to_string(m.size()) + " subjects";
            if (!doubtful.empty()) line += " [" + doubtful + (shown > 8 ? ", …" : "") + "]";
            trace_->push_back(line + " → " + describe(v));
        }
        return v;
    };
    ++depth_;
    Value out;
    switch (c.function) {
    case Function::count:
    case Function::share:
    case Function::all:
    case Function::any:
    case Function::none: {
        int yes = 0, unknown = 0;
        for (SubjectIndex x : m) {
            Truth t = c.args.size() > 1 ? eval(*c.args[1], x, year).truth : Truth::yes;
            yes += t == Truth::yes;
            unknown += t == Truth::unknown;
            bool interesting = c.function == Function::any ? t != Truth::no : t != Truth::yes;
            if (c.function == Function::none) interesting = t != Truth::no;
            if (interesting) note_member(x, mark(t));
        }
        int no = static_cast<int>(m.size()) - yes - unknown;
        switch (c.function) {
        case Function::count:
            out = Value::range(yes, yes + unknown);
            break;
        case Function::share:
            out = m.empty() ? Value::unknown_number()
                            : Value::range(double(yes) / double(m.size()),
                                           double(yes + unknown) / double(m.size()));
            break;
        case Function::all:
            out = Value::boolean(no ? Truth::no : unknown ? Truth::unknown : Truth::yes);
            break;
        case Function::any:
            out = Value::boolean(yes ? Truth::yes : unknown ? Truth::unknown : Truth::no);
            break;
        default:
            out = Value::boolean(yes ? Truth::no : unknown ? Truth::unknown : Truth::yes);
            break;
        }
        break;
    }
    default: { // sum, avg, min, max over members' numbers
        double lo = 0, hi = 0;
        bool first = true;
        for (SubjectIndex x : m) {
            Value v = eval(*c.args[1], x, year);
            if (!v.number_known()) note_member(x, describe(v));
            if (c.function == Function::sum || c.function == Function::avg) {
                lo += v.lo, hi += v.hi;
            } else if (first) {
                lo = v.lo, hi = v.hi;
            } else if (c.function == Function::set_min) {
                lo = std::min(lo, v.lo), hi = std::min(hi, v.hi);
            } else {
                lo = std::max(lo, v.lo), hi = std::max(hi, v.hi);
            }
            first = false;
        }
        if (c.function == Function::sum)
            out = Value::range(lo, hi);
        else if (m.empty())
            out = Value::unknown_number();
        else if (c.function == Function::avg)
            out = Value::range(lo / double(m.size()), hi / double(m.size()));
        else
            out = Value::range(lo, hi);
        break;
    }
    }
    --depth_;
    return finish(out);
}

} // namespace commend::expr
