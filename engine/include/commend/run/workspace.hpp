// Everything one command works on: the loaded rules, the data bound to them and the
// organization tree. The order of the stages is written here, in one place:
// load rules → load data (against the rules' schema) → bind → build the tree.
//
//   Diagnostics diags;
//   CsvDataSource source("samples/khoi-co-quan-tinh");
//   auto ws = open_workspace("rules/khoi-co-quan-tinh", &source, diags);
//   if (!ws) { /* print diags, exit 2 */ }
//   YearResult r = evaluate_year(*ws, 2021);
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "commend/data/dataset.hpp"
#include "commend/expr/evaluator.hpp"
#include "commend/graph/kind_runs.hpp"
#include "commend/graph/subject_forest.hpp"
#include "commend/graph/subtree_sums.hpp"
#include "commend/rules/ruleset.hpp"
#include "commend/run/year_result.hpp"

namespace commend {

struct Workspace {
    RuleBook rules;
    DataSet data;
    std::unique_ptr<SubjectForest> forest;
    /// Running sums of the columns the rules sum over descendants (graph/subtree_sums.hpp).
    std::unique_ptr<SubtreeSums> sums;
    /// Kind-major copies of the columns the rules read over time (graph/kind_runs.hpp).
    std::unique_ptr<KindRuns> kind_runs;

    const std::string& subject_id(SubjectIndex s) const {
        return data.subjects[static_cast<std::size_t>(s)].id;
    }
};

/// Loads and checks everything; nullopt with the errors in `diags` on any problem.
/// `source` may be null: then only the rules are loaded (for `commend check`).
/// `through_year` is the latest year the command will evaluate (default: the year after the
/// data's last): rules whose evaluation up to it would exceed the time budget are refused
/// (commend/run/evaluation_budget.hpp).
std::optional<Workspace> open_workspace(const std::string& rules_path, DataSource* source,
                                        Diagnostics& diags,
                                        std::optional<int> through_year = std::nullopt);
/// The same over rules already loaded (load_rules), for rules that do not come from a path.
/// Their load diagnostics are the caller's to report.
std::optional<Workspace> open_workspace(RuleBook rules, DataSource* source, Diagnostics& diags,
                                        std::optional<int> through_year = std::nullopt);

struct EvaluateOptions {
    bool audit = false; ///< awarded() in the evaluation year reads the records (SPEC §4)
};

/// Evaluates every award, check and target in force in `year`, awards in dependency order.
YearResult evaluate_year(const Workspace& ws, int year, const EvaluateOptions& options = {});

/// One subject's explanation: for each criterion its result and the values it used.
struct CriterionTrace {
    const Criterion* criterion = nullptr;
    expr::Truth result = expr::Truth::unknown;
    std::vector<std::string> trace;
};
struct AwardExplanation {
    const AwardResult* result = nullptr;
    bool applicable = false;
    std::optional<bool> eligible; ///< null when no criterion fails and one is unknown
    bool selected = false;
    std::vector<CriterionTrace> criteria;
};
struct CheckExplanation {
    const CheckResult* result = nullptr;
    expr::Truth outcome = expr::Truth::unknown; ///< yes = holds
    std::vector<std::string> trace;
};
struct TargetExplanation {
    const TargetResult* result = nullptr;
    std::vector<std::string> actual_trace, goal_trace;
};
struct Explanation {
    SubjectIndex subject = no_subject;
    std::vector<AwardExplanation> awards;
    std::vector<CheckExplanation> checks;   ///< those applicable to the subject
    std::vector<TargetExplanation> targets; ///< those applicable to the subject
};

/// Explains `subject` in `result`'s year (optionally one award only: empty = every award).
Explanation explain_subject(const Workspace& ws, const YearResult& result, SubjectIndex subject,
                            std::string_view award_id = {}, const EvaluateOptions& options = {});

/// The year-end ranking of `commend rank` (SPEC §6).
struct RankingGroup {
    Group group;
    struct Entry {
        SubjectIndex subject;
        int position;
        std::vector<std::string> keys; ///< the [ranking] keys' values as they read, for tables
    };
    std::vector<std::string> key_names; ///< the [ranking] keys' texts (empty without [ranking])
    std::vector<Entry> ranking;
    /// Per level column (in [scales] order): the count of each level, best first, then unknown.
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, int>>>> counts;
};
std::vector<RankingGroup> rank_year(const Workspace& ws, int year, const YearResult& result);

} // namespace commend
