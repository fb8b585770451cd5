// Time functions (SPEC §4): streak, years, always, ever, never, prev — and their windows.
#include "commend/expr/evaluator.hpp"

#include <algorithm>
#include <cmath>

#include "expr/value_ops.hpp"

namespace commend::expr {

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
    std::string since_note; // "after tieu-bieu-5-nam in 2019: ", when `since` cut the years
    auto note_since = [&](int granted) {
        if (tracing && granted != INT32_MIN)
            since_note = "after " + c.since_award + " in " + std::to_string(granted) + ": ";
    };
    auto finish = [&](Value v) {
        if (tracing)
            trace_->push_back(c.source + ": " + since_note +
                              (notes.empty() ? "no year looked at" : notes) + " → " + describe(v));
        return v;
    };

    if (c.function == Function::prev) {
        int y = year - c.window_n;
        if (!looked_at(s, y)) return finish(Value::unknown(arg.type));
        return finish(at(y));
    }

    if (c.function == Function::streak) {
        int stop = subject.from - 1; // the last year not looked at, going backwards
        if (c.window == Call::Window::since) {
            const int granted = last_granted_before(s, c.since_award, year);
            stop = std::max(stop, granted);
            note_since(granted);
        }
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
        note_since(r);
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
    case Function::ever:
    case Function::never:
        return finish(Value::boolean(quantify(quantifier_of(c.function), yes, unknown, no)));
    default:
        return finish(Value::unknown(arg.type));
    }
}

} // namespace commend::expr
