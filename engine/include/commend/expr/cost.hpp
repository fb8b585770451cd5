// What evaluating an expression costs, estimated before anything is evaluated: in time, the
// number of evaluation steps (roughly, one node of the expression for one subject in one
// year); on the stack, the height of the tree with its [let] names written out.
//
// Nested windows and set functions multiply: `count(descendants(), count(descendants(),
// years(c)))` evaluates `c` for every year, of every descendant, of every descendant. The
// estimate multiplies the sizes the data actually has — the most children and descendants a
// subject of the relevant kinds has (of the kind asked for, when a kind is named), the years
// the data spans — so that rules a data set can afford load, and rules that would keep the
// machine busy for hours are refused with the expression named (run/evaluation_budget.cpp).
//
//   CostModel model(data, forest, 2021);          // evaluation years up to 2021
//   double steps = model.steps(*criterion.test.root, award_kind_ids);
//   int height = evaluation_height(*criterion.test.root);
//
// An estimate is an upper bound in the model's units, not a promise of seconds: the ceiling
// it is compared with (limits::evaluation_steps_per_100k_subjects) was calibrated on the
// reference machine (docs/limits.md).
#pragma once

#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include "commend/data/dataset.hpp"
#include "commend/expr/ast.hpp"
#include "commend/graph/subject_forest.hpp"

namespace commend::expr {

/// The sizes of one data set that evaluation cost depends on, and the estimate over them.
class CostModel {
  public:
    /// `through_year`: the latest evaluation year (time functions without a window look back
    /// from it to the data's first year).
    CostModel(const DataSet& data, const SubjectForest& forest, int through_year);

    /// Steps to evaluate `e` (checked and bound to the data) once, for a subject whose kind is
    /// one of `kinds` (kind ids of the forest; empty = any kind).
    double steps(const Expr& e, const std::vector<int>& kinds);

    /// How many years a time function can look at: from the data's first year to
    /// `through_year`.
    int years() const { return years_; }

  private:
    /// The kinds the current subject may have: sorted kind ids, or any kind.
    struct Kinds {
        bool any = true;
        std::vector<int> ids;
        bool operator<(const Kinds& o) const { return std::tie(any, ids) < std::tie(o.any, o.ids); }
    };
    /// A set of subjects as the estimate sees it: how many members at most, and their kinds.
    struct SetSize {
        double scanned = 0; ///< subjects looked at to build it
        double members = 0; ///< subjects in it
        Kinds kinds;
    };

    double cost(const Expr& e, const Kinds& k);
    double call_cost(const Expr& e, const Call& c, const Kinds& k);
    SetSize set_size(const Expr& e, const Kinds& k);
    Kinds limited(std::vector<int> ids) const;
    Kinds related(const Kinds& k, const std::vector<std::vector<int>>& lists) const;
    Kinds parent_kinds(const Kinds& k) const;
    Kinds child_kinds(const Kinds& k) const;
    Kinds descendant_kinds(const Kinds& k) const;
    int max_over(const std::vector<int>& per_kind, int any, const Kinds& k) const;
    int kind_literal(const Call& c) const;

    const SubjectForest& forest_;
    int years_ = 1;
    int kinds_ = 0;                    // number of kind ids
    std::vector<int> max_children_;    // per kind of the parent
    std::vector<int> max_descendants_; // per kind of the ancestor
    int all_children_ = 0, all_descendants_ = 0;
    std::vector<int> most_children_of_kind_;    // per kind: the most children of that kind
    std::vector<int> most_descendants_of_kind_; // per kind: the most descendants of that kind
    std::vector<std::vector<int>> child_kinds_, parent_kinds_; // per kind, sorted
    std::map<std::pair<const Expr*, Kinds>, double> let_cost_;
    std::map<std::pair<const Expr*, Kinds>, SetSize> let_set_;
};

/// The height of `e`'s tree with every [let] name it uses written out: how deep evaluating
/// it recurses. `memo` remembers each let's height across calls.
int evaluation_height(const Expr& e, std::map<const Expr*, int>& memo);

} // namespace commend::expr
