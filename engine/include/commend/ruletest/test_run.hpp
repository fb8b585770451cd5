// `commend test`: runs the [[test]] cases of the loaded rule files and says, for each, whether
// the rules decided what the case expects — and, when not, what they decided instead, with the
// trace of the criteria that made the difference.
//
//   Diagnostics diags;
//   std::optional<TestReport> report = run_tests("rules/khen-thuong-dang", diags);
//   if (!report) { /* a rule file or a case is malformed: print diags, exit 2 */ }
//   int status = report->failed() > 0 ? 1 : 0;
//
// A case is judged by every loaded rule set in force in its year, exactly as `commend evaluate`
// (or, with mode = "audit", `commend audit`) would judge the same data: a case written in the
// file of the 2013 law for 2024 is judged by the file of the 2022 law.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commend/diagnostic.hpp"
#include "commend/expr/value.hpp"
#include "commend/ruletest/test_case.hpp"

namespace commend::ruletest {

/// Where a subject stands in an award's selection.
enum class Selection { selected, tied, over_limit, not_selected };

/// What the rules decided for one award or check a case expects something of.
struct Observed {
    bool is_check = false;
    bool in_force = false;                     ///< a rule set in force in the year defines it
    bool applicable = false;                   ///< and it applies to the subject (kind, existence)
    expr::Truth result = expr::Truth::unknown; ///< award: eligible; check: holds
    Selection selection = Selection::not_selected;
    std::string title;
    std::optional<std::string> source;
};

/// One criterion (or a check's test) as `explain` shows it.
struct CriterionReport {
    std::string name;                ///< label, or the test's text
    std::optional<std::string> test; ///< the test's text when a label names it
    expr::Truth result = expr::Truth::unknown;
    std::vector<std::string> trace;
};

struct ExpectationResult {
    Expectation expected;
    bool met = false;
    Observed observed;
    /// When the expectation is not met: the criteria behind the actual result (those that
    /// failed, or were unknown, or — for an award found eligible — every criterion); for a
    /// check, its test.
    std::vector<CriterionReport> criteria;
};

struct CaseResult {
    std::string file, name;
    int line = 0;
    int year = 0;
    std::string subject, kind;
    bool audit = false;
    std::vector<ExpectationResult> expectations;
    bool passed() const {
        for (const auto& e : expectations)
            if (!e.met) return false;
        return true;
    }
};

struct TestReport {
    std::vector<CaseResult> cases; ///< rule files in name order, then file order
    int passed() const;
    int failed() const { return static_cast<int>(cases.size()) - passed(); }
};

/// Whether `observed` is what `outcome` expects.
bool outcome_met(Outcome outcome, const Observed& observed);

/// Loads the rules at `path` and runs every case of every file. Returns nullopt, with the
/// errors in `diags`, when a rule file or a case is malformed (a case's data that the loader
/// rejects, a subject its data folder lacks); warnings of the rules are passed on too.
std::optional<TestReport> run_tests(const std::string& path, Diagnostics& diags);

} // namespace commend::ruletest
