// Time kernels of the batch evaluator: streak, years, always, ever, never and prev of a
// condition a stored byte decides (or a constant), with their windows. Each reads the years
// the tree walker's eval_time() reads, in the same order, and counts them the same way.
#include <algorithm>
#include <climits>
#include <set>

#include "commend/expr/batch_evaluator.hpp"
#include "expr/byte_test.hpp"
#include "expr/value_ops.hpp"

namespace commend::expr {

bool BatchEvaluator::time_kernel(const Call& c, std::span<const SubjectIndex> s, Results& out) {
    const Expr& arg = *c.args[0];
    if (arg.type.kind != Type::boolean) return false;
    std::optional<ByteTest> test;
    Truth constant = Truth::yes;
    if (const auto* b = std::get_if<BoolLiteral>(&arg.node))
        constant = truth_of(b->value);
    else if (!(test = byte_test(arg, ctx_.data)))
        return false;

    const DataSet& data = ctx_.data;
    const SubjectForest& forest = ctx_.forest;
    const int year = ctx_.year;
    const std::size_t n = s.size();
    // One year of the data as the loops read it: the tested column's run of bytes — the
    // copy with each kind's subjects side by side when the workspace keeps one
    // (graph/kind_runs.hpp), else the data set's own run — and where each subject's byte is.
    const KindRuns* runs = ctx_.kind_runs;
    const int column = test ? static_cast<int>(test->column - data.yearly.data()) : -1;
    const bool by_kind = runs && test && runs->bytes(column, year);
    std::vector<std::uint32_t> where(n);
    for (std::size_t i = 0; i < n; ++i)
        where[i] = by_kind ? runs->index(s[i]) : static_cast<std::uint32_t>(s[i]);
    struct YearRun {
        int y;
        const std::int8_t* bytes; ///< null: a year outside the data's years
    };
    auto run_of = [&](int y) {
        if (!test || !data.has_year(y)) return YearRun{y, nullptr};
        return YearRun{y, by_kind ? runs->bytes(column, y)
                                  : test->column->bytes.data() + data.year_offset(y)};
    };
    // The subjects of a batch lie apart in a year's run: the loops ask for a subject's byte
    // and node this many subjects ahead.
    constexpr std::size_t ahead = 16;
    auto prefetch = [&](const YearRun& r, std::size_t i) {
        if (r.bytes) __builtin_prefetch(r.bytes + where[i]);
        forest.prefetch(s[i]);
    };
    // The walker's looked_at: no later than Y, and the subject exists that year — from the
    // subject's node, which stays in cache from one year to the next.
    auto looked_at = [&](const YearRun& r, SubjectIndex m) {
        return r.y <= year && forest.exists(m, r.y);
    };
    // The condition for subject i of the batch in a year it exists: the stored byte inside
    // the data's years, the column's default outside them.
    auto at = [&](const YearRun& r, std::size_t i) -> Truth {
        if (!test) return constant;
        const commend::Column& col = *test->column;
        const std::int8_t byte = r.bytes           ? r.bytes[where[i]]
                                 : col.has_default ? col.default_byte
                                                   : std::int8_t{-1};
        return (*test)(byte);
    };
    // The last year before Y in which each subject received the `since` award (INT32_MIN:
    // never), from the award's compact list of grants.
    std::vector<int> granted_before;
    if (c.window == Call::Window::since) {
        const auto& grants = data.grants_of(c.since_award);
        granted_before.resize(n, INT32_MIN);
        for (std::size_t i = 0; i < n; ++i) {
            auto it = std::lower_bound(grants.begin(), grants.end(), std::pair{s[i], year});
            if (it != grants.begin() && (it - 1)->first == s[i])
                granted_before[i] = (it - 1)->second;
        }
    }

    // Years outside, subjects inside: one year of many subjects is one contiguous run of the
    // year-major columns, where one subject's years lie a whole year's run apart.
    if (c.function == Function::prev) {
        out.kind = Type::boolean;
        out.truth.resize(n);
        const YearRun r = run_of(year - c.window_n);
        for (std::size_t i = 0; i < n; ++i)
            out.truth[i] = looked_at(r, s[i]) ? at(r, i) : Truth::unknown;
        return true;
    }

    if (c.function == Function::streak) {
        out.kind = Type::number;
        out.lo.assign(n, 0);
        out.hi.assign(n, 0);
        std::vector<std::uint8_t> lo_open(n, 1);
        std::vector<int> stop(n); // the last year not looked at, going backwards
        std::vector<std::size_t> going(n), still;
        // The walker also stops before the subject's first year; here looked_at() does
        // (it does not exist then), which spares a look-up per subject.
        for (std::size_t i = 0; i < n; ++i) {
            stop[i] = granted_before.empty() ? INT32_MIN : granted_before[i];
            going[i] = i;
        }
        for (int y = year; !going.empty(); --y) {
            const YearRun r = run_of(y);
            still.clear();
            for (std::size_t x = 0; x < going.size(); ++x) {
                const std::size_t i = going[x];
                if (x + ahead < going.size()) prefetch(r, going[x + ahead]);
                if (y <= stop[i] || !looked_at(r, s[i])) continue;
                const Truth t = at(r, i);
                if (t == Truth::no) continue;
                out.hi[i] += 1;
                if (t == Truth::unknown) lo_open[i] = 0;
                if (lo_open[i]) out.lo[i] += 1;
                still.push_back(i);
            }
            going.swap(still);
        }
        return true;
    }

    // years, always, ever, never: each subject's window of years, first to last.
    std::vector<int> first(n), last(n, year);
    int earliest = year, latest = year;
    for (std::size_t i = 0; i < n; ++i) {
        switch (c.window) {
        case Call::Window::last:
            first[i] = year - c.window_n + 1;
            break;
        case Call::Window::past:
            first[i] = year - c.window_n, last[i] = year - 1;
            break;
        case Call::Window::range:
            first[i] = c.window_from, last[i] = c.window_to;
            break;
        case Call::Window::since:
            first[i] = granted_before[i] != INT32_MIN ? granted_before[i] + 1 : forest.from(s[i]);
            break;
        case Call::Window::none:
            first[i] = forest.from(s[i]);
            break;
        }
        earliest = std::min(earliest, first[i]);
        latest = std::max(latest, last[i]);
    }
    std::vector<int> yes(n), unknown(n), no(n);
    auto look = [&](std::size_t i, const YearRun& r) {
        if (!looked_at(r, s[i])) {
            ++no[i]; // a window year that is not looked at counts as false (SPEC §4)
            return;
        }
        const Truth t = at(r, i);
        yes[i] += t == Truth::yes;
        unknown[i] += t == Truth::unknown;
        no[i] += t == Truth::no;
    };
    double window_years = 0;
    for (std::size_t i = 0; i < n; ++i)
        window_years += std::max(0, last[i] - first[i] + 1);
    if (double(latest - earliest + 1) * double(n) <= 4 * window_years + double(n)) {
        for (int y = earliest; y <= latest; ++y) {
            const YearRun r = run_of(y);
            for (std::size_t i = 0; i < n; ++i) {
                if (i + ahead < n) prefetch(r, i + ahead);
                if (y >= first[i] && y <= last[i]) look(i, r);
            }
        }
    } else { // windows far apart (one subject from year 0): each subject's own years only
        for (std::size_t i = 0; i < n; ++i)
            for (int y = first[i]; y <= last[i]; ++y)
                look(i, run_of(y));
    }
    if (c.function == Function::years) {
        out.kind = Type::number;
        out.lo.resize(n);
        out.hi.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            out.lo[i] = yes[i], out.hi[i] = yes[i] + unknown[i];
        return true;
    }
    out.kind = Type::boolean;
    out.truth.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        out.truth[i] = quantify(quantifier_of(c.function), yes[i], unknown[i], no[i]);
    return true;
}

} // namespace commend::expr
