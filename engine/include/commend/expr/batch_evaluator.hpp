// Evaluates one expression for many subjects of the evaluation year at once: the compiled
// form of criteria that `evaluate` runs over every applicable subject.
//
// The tree walker (Evaluator) visits the syntax tree once per subject and builds a Value per
// node; at national scale that is most of the run. Here each node is visited once per batch
// and produces a column of results — a byte per subject for a condition, two doubles for a
// number range — and the shapes the rules use most are kernels over the data's columns:
//
//   - a flag or a level compared with a level (`rating >= HTTNV`, `not disciplined`): read
//     from the year's contiguous run of bytes;
//   - count/share/all/any/none/sum over children() or descendants('kind') with such a
//     condition: a loop over the members' bytes, the members of one kind found in the
//     forest's per-kind preorder lists (a bloc's committees without walking its members);
//   - time functions (streak, years, always, ever, never, prev) with such a condition: a loop
//     over the subject's years, the `since` award's years looked up once per batch.
//
// Anything else (text, awarded(), parent(), where(), …) is handed node by node to the tree
// walker, so every expression is evaluated, compiled or not. The results are exactly the tree
// walker's — the same Kleene truth, the same ranges, the same doubles summed in the same
// order; tests compare the two on every shipped rule and sample and the expression fuzz target
// compares them on random expressions. Traces (`explain`) stay with the tree walker.
//
//   BatchEvaluator batch(ctx);
//   std::vector<Truth> t = batch.truths(*criterion.test.root, subjects);  // one per subject
#pragma once

#include <cstdint>
#include <set>
#include <span>
#include <vector>

#include "commend/expr/evaluator.hpp"

namespace commend::expr {

struct ByteTest;

/// The yearly number columns `root` sums over descendants of any kind
/// (`sum(descendants(), admitted)`), through [let] names: those worth a SubtreeSums index.
std::set<int> summed_over_descendants(const Expr& root);

/// The yearly columns `root` reads inside time functions (`streak(rating == HTXSNV)`),
/// through [let] names: those worth a KindRuns copy.
std::set<int> read_over_time(const Expr& root);

class BatchEvaluator {
  public:
    explicit BatchEvaluator(const EvalContext& ctx);

    /// The truth of the boolean expression `e` for each subject, in the order given.
    std::vector<Truth> truths(const Expr& e, std::span<const SubjectIndex> subjects);
    /// The value of `e` for each subject, in the order given.
    std::vector<Value> values(const Expr& e, std::span<const SubjectIndex> subjects);

  private:
    /// The results of one node for the whole batch, in the representation of its type.
    struct Results {
        Type::Kind kind = Type::any;
        int scale = -1;
        std::vector<Truth> truth;       ///< boolean
        std::vector<double> lo, hi;     ///< number ranges
        std::vector<std::int8_t> level; ///< level index, -1 unknown
        std::vector<Value> values;      ///< any other type, from the tree walker
    };

    const EvalContext& ctx_;
    Evaluator walker_;        ///< for the nodes no kernel covers
    bool compiled_;           ///< false when Y lies outside the data's years: walk everything
    std::size_t year_at_ = 0; ///< the offset of Y's run of slots

    Results eval(const Expr& e, std::span<const SubjectIndex> s);
    Results walk(const Expr& e, std::span<const SubjectIndex> s);
    Results eval_identifier(const Expr& e, const Identifier& id, std::span<const SubjectIndex> s);
    Results eval_binary(const Expr& e, const Binary& b, std::span<const SubjectIndex> s);
    Results eval_call(const Expr& e, const Call& c, std::span<const SubjectIndex> s);
    bool set_kernel(const Call& c, std::span<const SubjectIndex> s, Results& out);
    bool time_kernel(const Call& c, std::span<const SubjectIndex> s, Results& out);
    Results byte_results(const ByteTest& t, std::span<const SubjectIndex> s) const;
};

} // namespace commend::expr
