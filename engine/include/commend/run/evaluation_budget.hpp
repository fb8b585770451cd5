// The time budget of evaluating a year: once the data is loaded, every expression's cost is
// estimated (commend/expr/cost.hpp) and rules that would take too long on this data are
// refused before anything is evaluated — a nested descendants() over a nation's tree must be
// an error that names the expression, not a command that never ends.
//
// The ceiling grows with the data: limits::evaluation_steps_per_100k_subjects for every
// 100,000 subjects (and never less), calibrated so that a year evaluates in about 10 s per
// 100,000 subjects on the reference machine (docs/limits.md).
#pragma once

#include "commend/data/dataset.hpp"
#include "commend/diagnostic.hpp"
#include "commend/graph/subject_forest.hpp"
#include "commend/rules/ruleset.hpp"

namespace commend {

/// The most evaluation steps one year may take on `data`.
double evaluation_budget(const DataSet& data);

/// Checks every expression of `rules` (bound to `data`) against the budget, for evaluation
/// years up to `through_year`: one whose applicable subjects alone would exceed it is an error
/// at the expression; rule sets in force together that exceed it are an error at their
/// costliest expression. False when there is such an error. `estimate`, when given, receives
/// the steps of the costliest year (for --verbose).
bool check_evaluation_budget(const RuleBook& rules, const DataSet& data,
                             const SubjectForest& forest, int through_year, Diagnostics& diags,
                             double* estimate = nullptr);

} // namespace commend
