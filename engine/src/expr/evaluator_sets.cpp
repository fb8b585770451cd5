// Set functions (SPEC §4): children, descendants, where, count, share, all, any, none,
// sum, avg, min, max — over the subjects of one year.
#include "commend/expr/evaluator.hpp"
#include "expr/byte_test.hpp"

#include <algorithm>
#include <cmath>

#include "expr/value_ops.hpp"

namespace commend::expr {

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
    // The members worth showing in the trace, at most 8. For count and share, the shorter of
    // the members counted and those not counted (the unknown are in both); for all, any,
    // none and the number functions, those that decide the answer or leave it open.
    struct Shown {
        std::string text;
        int n = 0;
        void add(const std::string& member) {
            if (n++ < 8) text += (text.empty() ? "" : ", ") + member;
        }
    } shown, not_counted;
    auto note_member = [&](SubjectIndex x, const std::string& what, Shown& list) {
        if (tracing) list.add(subject_id(x) + " " + what);
    };
    int counted = 0, uncounted = 0;
    auto finish = [&](Value v) {
        if (tracing) {
            const bool counting = c.function == Function::count || c.function == Function::share;
            const Shown& list = counting && uncounted < counted ? not_counted : shown;
            std::string line = c.source + " over " + std::to_string(m.size()) + " subjects";
            if (!list.text.empty()) line += " [" + list.text + (list.n > 8 ? ", …" : "") + "]";
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
        // Most conditions over members read one flag or level: decide those from the byte.
        std::optional<ByteTest> fast;
        if (!trace_ && c.args.size() > 1 && ctx_.data.has_year(year))
            fast = byte_test(*c.args[1], ctx_.data);
        for (SubjectIndex x : m) {
            Truth t = fast                ? (*fast)(fast->column->bytes[ctx_.data.slot(x, year)])
                      : c.args.size() > 1 ? eval(*c.args[1], x, year).truth
                                          : Truth::yes;
            yes += t == Truth::yes;
            unknown += t == Truth::unknown;
            // The members worth showing: those counted (or maybe counted) for count and
            // share, and those that decide the answer or leave it open for all/any/none.
            if (c.function == Function::count || c.function == Function::share) {
                counted += t == Truth::yes;
                uncounted += t == Truth::no;
                if (t != Truth::no) note_member(x, mark(t), shown);
                if (t != Truth::yes) note_member(x, mark(t), not_counted);
            } else if (c.function == Function::all ? t != Truth::yes : t != Truth::no) {
                note_member(x, mark(t), shown);
            }
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
        default: // all, any, none
            out = Value::boolean(quantify(quantifier_of(c.function), yes, unknown, no));
            break;
        }
        break;
    }
    default: { // sum, avg, min, max over members' numbers
        double lo = 0, hi = 0;
        bool first = true;
        for (SubjectIndex x : m) {
            Value v = eval(*c.args[1], x, year);
            if (!v.number_known()) note_member(x, describe(v), shown);
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
