// Running the [[test]] cases: each case gets its own workspace — the rules loaded again and
// its data (inline or a folder) — then one evaluation of its year, as `commend evaluate` or
// `commend audit` would make it, and the explanation of its subject, whose traces say why an
// expectation was not met.
#include "commend/ruletest/test_run.hpp"

#include <algorithm>
#include <filesystem>

#include "commend/data/csv_source.hpp"
#include "commend/run/workspace.hpp"
#include "ruletest/case_data.hpp"

namespace commend::ruletest {

using expr::Truth;

int TestReport::passed() const {
    return static_cast<int>(
        std::count_if(cases.begin(), cases.end(), [](const CaseResult& c) { return c.passed(); }));
}

bool outcome_met(Outcome outcome, const Observed& o) {
    switch (outcome) {
    case Outcome::eligible:
    case Outcome::holds:
        return o.applicable && o.result == Truth::yes;
    case Outcome::not_eligible:
    case Outcome::violated:
        return o.applicable && o.result == Truth::no;
    case Outcome::unknown:
        return o.applicable && o.result == Truth::unknown;
    case Outcome::selected:
        return o.applicable && o.selection == Selection::selected;
    case Outcome::not_selected:
        return o.applicable && o.selection != Selection::selected;
    case Outcome::not_applicable:
        return !o.in_force || !o.applicable;
    }
    return false;
}

namespace {

CriterionReport criterion_report(const CriterionTrace& t) {
    CriterionReport r;
    r.name = t.criterion->name();
    if (t.criterion->label) r.test = t.criterion->test.text;
    r.result = t.result;
    r.trace = t.trace;
    return r;
}

ExpectationResult judge_award(const Explanation& e, const Expectation& x) {
    ExpectationResult out{x, false, {}, {}};
    Observed& o = out.observed;
    auto a = std::find_if(e.awards.begin(), e.awards.end(),
                          [&](const AwardExplanation& a) { return a.result->award->id == x.id; });
    if (a != e.awards.end()) {
        const Award& award = *a->result->award;
        o.in_force = true;
        o.title = award.title;
        o.source = award.source;
        o.applicable = a->applicable;
        o.result = !a->eligible ? Truth::unknown : *a->eligible ? Truth::yes : Truth::no;
        const Truth selected = a->result->selected_by_subject[static_cast<std::size_t>(e.subject)];
        if (selected == Truth::yes)
            o.selection = Selection::selected;
        else if (o.result == Truth::yes)
            o.selection = selected == Truth::unknown ? Selection::tied : Selection::over_limit;
    }
    out.met = outcome_met(x.outcome, o);
    if (out.met || !o.applicable) return out;
    // The criteria behind the result the rules gave: an eligible subject passed every one;
    // otherwise the failing ones, or the unknown ones. A selection of an eligible subject is
    // decided by rank and limit, not by a criterion.
    const bool about_selection =
        x.outcome == Outcome::selected || x.outcome == Outcome::not_selected;
    if (about_selection && o.result == Truth::yes) return out;
    for (const auto& c : a->criteria)
        if (o.result == Truth::yes || c.result == o.result)
            out.criteria.push_back(criterion_report(c));
    return out;
}

ExpectationResult judge_check(const YearResult& yr, const Explanation& e, const Expectation& x) {
    ExpectationResult out{x, false, {}, {}};
    Observed& o = out.observed;
    o.is_check = true;
    auto in_force = std::find_if(yr.checks.begin(), yr.checks.end(),
                                 [&](const CheckResult& c) { return c.check->id == x.id; });
    o.in_force = in_force != yr.checks.end();
    if (o.in_force) {
        o.title = in_force->check->title;
        o.source = in_force->check->source;
    }
    auto c = std::find_if(e.checks.begin(), e.checks.end(),
                          [&](const CheckExplanation& c) { return c.result->check->id == x.id; });
    if (c != e.checks.end()) {
        o.applicable = true;
        o.result = c->outcome;
    }
    out.met = outcome_met(x.outcome, o);
    if (!out.met && o.applicable)
        out.criteria.push_back(
            {c->result->check->title, c->result->check->test.text, c->outcome, c->trace});
    return out;
}

bool defines_check(const Workspace& ws, const std::string& id) {
    for (const auto& rs : ws.rules.rulesets)
        for (const auto& c : rs->checks)
            if (c.id == id) return true;
    return false;
}

std::optional<CaseResult> run_case(const std::string& path, const TestCase& c, Diagnostics& diags) {
    // The case's own data: a folder next to the rule file, or its inline subjects.
    std::unique_ptr<DataSource> source;
    std::string folder_shown;
    if (c.data) {
        namespace fs = std::filesystem;
        const fs::path folder = fs::path(c.file).parent_path() / c.data->text;
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) {
            diags.error("test.missing-data", c.data->pos,
                        "the case's data folder " + folder.lexically_normal().string() +
                            " does not exist; 'data' is a folder relative to the rule file");
            return std::nullopt;
        }
        folder_shown = folder.lexically_normal().string();
        source = std::make_unique<CsvDataSource>(folder_shown);
    } else {
        source = std::make_unique<CaseDataSource>(c);
    }
    Diagnostics local;
    auto ws = open_workspace(path, source.get(), local, c.year); // the budget up to its year
    // The rules' own warnings were reported when they were first loaded, and a case's data
    // may leave out what its expectations do not need: only errors are the case's problem.
    // An error found in the rules once this data is bound (a column the data lacks) points at
    // the rule file; the note says which case's data it was.
    for (const auto& d : local.items()) {
        if (d.severity != Severity::error) continue;
        Diagnostic with_case = d;
        if (d.pos.file != c.file || d.pos.line < c.pos.line)
            with_case.notes.push_back({c.pos, "in the data of case '" + c.name + "'"});
        diags.add(std::move(with_case));
    }
    if (!ws) return std::nullopt;
    auto subject = ws->data.find_subject(c.subject.text);
    if (!subject) {
        diags.error("test.unknown-subject", c.subject.pos,
                    "the case's data has no subject '" + c.subject.text + "'" +
                        (c.data ? " (in " + folder_shown + "/subjects.csv)" : ""));
        return std::nullopt;
    }
    EvaluateOptions options;
    options.audit = c.audit;
    YearResult yr = evaluate_year(*ws, c.year, options);
    Explanation e = explain_subject(*ws, yr, *subject, {}, options);

    CaseResult r;
    r.file = c.file;
    r.name = c.name;
    r.line = c.pos.line;
    r.year = c.year;
    r.subject = c.subject.text;
    r.kind = ws->data.subjects[static_cast<std::size_t>(*subject)].kind;
    r.audit = c.audit;
    for (const auto& x : c.expect) {
        const bool check =
            x.outcome == Outcome::holds || x.outcome == Outcome::violated ||
            ((x.outcome == Outcome::unknown || x.outcome == Outcome::not_applicable) &&
             defines_check(*ws, x.id));
        r.expectations.push_back(check ? judge_check(yr, e, x) : judge_award(e, x));
    }
    return r;
}

} // namespace

std::optional<TestReport> run_tests(const std::string& path, Diagnostics& diags) {
    Diagnostics load;
    auto book = load_rules(path, load);
    diags.append(load);
    if (!book) return std::nullopt;
    TestReport report;
    Diagnostics cases;
    for (const auto& rs : book->rulesets)
        for (const auto& c : rs->tests)
            if (auto r = run_case(path, c, cases)) report.cases.push_back(std::move(*r));
    if (cases.has_errors()) {
        // Cases that share a broken data folder would repeat its errors: report each once.
        cases.sort();
        Diagnostics unique;
        const Diagnostic* previous = nullptr;
        for (const auto& d : cases.items()) {
            if (previous && previous->pos.file == d.pos.file && previous->pos.line == d.pos.line &&
                previous->pos.column == d.pos.column && previous->message == d.message)
                continue;
            unique.add(d);
            previous = &d;
        }
        diags.append(unique);
        return std::nullopt;
    }
    return report;
}

} // namespace commend::ruletest
