// The sessions (sessions.hpp). They use only the engine's public interface: open_workspace,
// evaluate_year, explain_subject, audit_years, and the data sources.
#include "sessions.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "bloc_layout.hpp"
#include "commend/data/csv_source.hpp"
#include "commend/run/audit.hpp"
#include "commend/store/history_store.hpp"
#include "outcome.hpp"
#include "yardstick.hpp"

namespace commend::bench {

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

/// The first error of `diags`, for a failed load.
std::string first_error(const Diagnostics& diags) {
    for (const auto& d : diags.items())
        if (d.severity == Severity::error)
            return d.pos.file + ":" + std::to_string(d.pos.line) + ": " + d.message + " (" +
                   std::to_string(diags.error_count()) + " errors)";
    return "the load failed";
}

Workspace load(const std::string& rules, DataSource& source) {
    Diagnostics diags;
    auto ws = open_workspace(rules, &source, diags);
    if (!ws) throw std::runtime_error(first_error(diags));
    return std::move(*ws);
}

/// Runs `stage` `repeat` times; records the median time and the peak memory of the runs.
template <class F> void measure(Figures& f, const std::string& name, int repeat, F&& stage) {
    reset_peak_rss();
    std::vector<double> times;
    for (int i = 0; i < std::max(1, repeat); ++i) {
        const auto start = Clock::now();
        stage();
        times.push_back(seconds_since(start));
    }
    f.numbers[name + ".seconds"] = median(times);
    f.numbers[name + ".rss_mb"] = peak_rss_mb();
}

/// The subject `explain` is timed on: a cell with the longest history the rules read (one
/// selected, tied, over the limit or a near miss for tieu-bieu-5-nam), else a subject
/// selected for any award, else the first applicable.
SubjectIndex explained_subject(const YearResult& r) {
    if (const AwardResult* a = r.find_award("tieu-bieu-5-nam")) {
        if (!a->selected.empty()) return a->selected.front().subject;
        if (!a->ties.empty()) return a->ties.front().subjects.front();
        if (!a->over_limit.empty()) return a->over_limit.front().subject;
        if (!a->near_misses.empty()) return a->near_misses.front().subject;
    }
    for (const auto& a : r.awards)
        if (!a.selected.empty()) return a.selected.front().subject;
    for (const auto& a : r.awards)
        if (!a.applicable.empty()) return a.applicable.front().subject;
    return 0;
}

} // namespace

std::string yardstick_outcome_path(const BenchInput& in) {
    return in.work + "/yardstick-outcome.json";
}
std::string differences_path(const BenchInput& in) {
    return in.work + "/differences.txt";
}

Figures yardstick_session(const BenchInput& in) {
    Figures f;
    const auto start = Clock::now();
    std::string error;
    auto layout = load_bloc_layout(in.data, in.year, error);
    if (!layout) throw std::runtime_error(error);
    f.numbers["yardstick.load_seconds"] = seconds_since(start);
    // It takes milliseconds: repeat it for a steadier figure (at least 3 runs or 0.5 s).
    reset_peak_rss();
    std::vector<double> times;
    YardstickResult result;
    for (double total = 0; times.size() < 3 || (total < 0.5 && times.size() < 50);) {
        const auto t = Clock::now();
        result = run_yardstick(*layout);
        times.push_back(seconds_since(t));
        total += times.back();
    }
    f.numbers["yardstick.seconds"] = median(times);
    f.numbers["yardstick.runs"] = static_cast<double>(times.size());
    f.numbers["yardstick.rss_mb"] = peak_rss_mb();
    f.numbers["yardstick.subject_years"] = static_cast<double>(layout->subject_years);
    std::ofstream(yardstick_outcome_path(in)) << outcome_to_json(outcome_of(*layout, result));
    return f;
}

Figures engine_session(const BenchInput& in, bool audit) {
    Figures f;
    reset_peak_rss();
    auto start = Clock::now();
    CsvDataSource source(in.data);
    Workspace ws = load(in.rules, source);
    f.numbers["load.seconds"] = seconds_since(start);
    f.numbers["load.rss_mb"] = peak_rss_mb();

    YearResult result;
    measure(f, "evaluate", in.repeat, [&] { result = evaluate_year(ws, in.year); });
    f.numbers["evaluate.criteria"] = static_cast<double>(criterion_evaluations(result));

    // The engine against the yardstick, when the yardstick ran before.
    std::ifstream yardstick(yardstick_outcome_path(in));
    if (yardstick) {
        std::stringstream text;
        text << yardstick.rdbuf();
        auto diffs = differences(outcome_of(ws, result), outcome_from_json(text.str()));
        std::ofstream out(differences_path(in));
        for (const auto& d : diffs)
            out << d << "\n";
        f.texts["agreement"] = diffs.empty() ? "yes" : "NO: " + diffs.front();
    }

    const SubjectIndex subject = explained_subject(result);
    f.texts["explain.subject"] = ws.subject_id(subject);
    // One subject takes well under a millisecond: at least 5 runs for a steadier median.
    Explanation e;
    measure(f, "explain", std::max(in.repeat, 5),
            [&] { e = explain_subject(ws, result, subject); });
    std::size_t traced = 0; // (also keeps the explanation from being optimized away)
    for (const auto& a : e.awards)
        for (const auto& c : a.criteria)
            traced += c.trace.size();
    f.numbers["explain.trace_lines"] = static_cast<double>(traced);

    if (audit) {
        AuditResult a;
        measure(f, "audit", 1, [&] { a = audit_years(ws, in.audit_from, in.audit_to); });
        f.numbers["audit.findings"] = static_cast<double>(a.findings.size());
    }
    return f;
}

Figures audit_session(const BenchInput& in) {
    Figures f;
    CsvDataSource source(in.data);
    Workspace ws = load(in.audit_rules, source);
    AuditResult a;
    measure(f, "audit", 1, [&] { a = audit_years(ws, in.audit_from, in.audit_to); });
    f.numbers["audit.findings"] = static_cast<double>(a.findings.size());
    return f;
}

Figures store_session(const BenchInput& in) {
    Figures f;
    reset_peak_rss();
    const auto start = Clock::now();
    Diagnostics diags;
    auto store = HistoryStore::open(in.db, HistoryStore::Mode::read, diags);
    if (!store) throw std::runtime_error(first_error(diags));
    StoreDataSource source(*store);
    Workspace ws = load(in.rules, source);
    f.numbers["store.seconds"] = seconds_since(start);
    f.numbers["store.rss_mb"] = peak_rss_mb();
    return f;
}

} // namespace commend::bench
