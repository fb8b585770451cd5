// Evaluates checked expressions for one subject in one year (SPEC §4).
//
// The evaluation year `Y` bounds everything: functions look no later than `Y`. Time
// functions move the year looked at backwards; set functions move the subject. What is not
// fully known stays explicit (Truth::unknown, number ranges), never guessed.
//
// Explanation is an observer, not a second code path: give the evaluator a `Trace` and,
// at the top level of the expression, it notes the values it used (`2017 HTXSNV ✓, …`).
//
//   Evaluator ev(context);
//   Value v = ev.evaluate(*criterion.test.root, subject);   // at Y
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "commend/data/dataset.hpp"
#include "commend/expr/value.hpp"
#include "commend/graph/kind_runs.hpp"
#include "commend/graph/subject_forest.hpp"
#include "commend/graph/subtree_sums.hpp"

namespace commend::expr {

/// What this run knows about awards in the evaluation year; implemented by the run.
class AwardState {
  public:
    virtual ~AwardState() = default;
    /// True when a rule set in force defines `award` (so year Y reads this run's results).
    virtual bool defines(std::string_view award) const = 0;
    /// The subject is applicable and passes every criterion (Kleene); false when not applicable.
    virtual Truth eligible(std::string_view award, SubjectIndex s) const = 0;
    /// Selected in this run: yes; tied or eligibility unknown: unknown; else no.
    virtual Truth selected(std::string_view award, SubjectIndex s) const = 0;
};

struct EvalContext {
    const DataSet& data;
    const SubjectForest& forest;
    const DataSchema& schema;
    int year = 0;                        ///< the evaluation year Y
    const AwardState* awards = nullptr;  ///< null: every award read from awards.csv
    bool audit = false;                  ///< awarded() in Y reads awards.csv (SPEC §4)
    const SubtreeSums* sums = nullptr;   ///< running sums the batch evaluator may use; optional
    const KindRuns* kind_runs = nullptr; ///< kind-major copies for time functions; optional
};

/// The value stored at `at` of a column (a yearly slot, or a subject for a static attribute).
Value cell_value(const Column& c, std::size_t at);
/// The column's `missing` default (only meaningful when `c.has_default`).
Value default_value(const Column& c);

/// The notes of one traced evaluation, in the order they were made.
using Trace = std::vector<std::string>;

class Evaluator {
  public:
    explicit Evaluator(const EvalContext& ctx) : ctx_(ctx) {}

    /// The value of `e` for subject `s` in the evaluation year.
    Value evaluate(const Expr& e, SubjectIndex s) { return eval(e, s, ctx_.year); }
    /// The same, noting the values used into `trace`.
    Value evaluate_traced(const Expr& e, SubjectIndex s, Trace& trace);

    /// How a value reads in traces and reports ("HTXSNV", "3..5", "unknown").
    std::string describe(const Value& v) const;

  private:
    const EvalContext& ctx_;
    Trace* trace_ = nullptr;
    int depth_ = 0;                             ///< nesting of time/set functions (traced at 0)
    std::vector<std::string>* reads_ = nullptr; ///< data reads noted while tracing a year

    Value eval(const Expr& e, SubjectIndex s, int year);
    Value eval_identifier(const Expr& e, const Identifier& id, SubjectIndex s, int year);
    Value eval_binary(const Binary& b, SubjectIndex s, int year);
    Value eval_call(const Expr& e, const Call& c, SubjectIndex s, int year);
    Value eval_time(const Call& c, SubjectIndex s, int year);
    Value eval_set(const Call& c, SubjectIndex s, int year);
    Value eval_awarded(const Call& c, SubjectIndex s, int year);
    std::vector<SubjectIndex> members(const Call& c, SubjectIndex s, int year);

    bool looked_at(SubjectIndex s, int year) const;
    Truth granted(SubjectIndex s, std::string_view award, int year) const;
    int last_granted_before(SubjectIndex s, std::string_view award, int year) const;
    std::string subject_id(SubjectIndex s) const;
};

} // namespace commend::expr
