// Running sums of number columns along the preorder, one run per year, so that the sum of a
// column over a subject's descendants is two look-ups instead of a walk over them. A bloc's
// `sum(descendants(), admitted)` reads a million members' numbers otherwise — eight bytes
// each — every time it is evaluated.
//
// Only columns whose numbers are all small integers (Column::small_integers) are indexed:
// their sums are exact integers, so the difference of two running sums is the very double the
// one-by-one sum of the tree walker gives. Only the columns the rules sum over descendants
// are indexed (see summed_over_descendants()); the rest cost nothing.
//
//   SubtreeSums sums(data, forest, {admitted});
//   if (auto s = sums.sum(admitted, 2021, first, end)) … s->total, s->missing
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "commend/data/dataset.hpp"
#include "commend/graph/subject_forest.hpp"

namespace commend {

class SubtreeSums {
  public:
    /// Indexes the yearly number columns `columns` (indexes into data.yearly) that hold only
    /// small integers; the others are left out (sum() answers nullopt for them).
    SubtreeSums(const DataSet& data, const SubjectForest& forest, const std::set<int>& columns);

    struct Sum {
        double total = 0; ///< of the known values
        int missing = 0;  ///< members with no value (the one-by-one sum is then unknown)
    };
    /// The sum of yearly column `column` in `year` over the subjects at preorder positions
    /// [first, end) that exist in that year; nullopt when the column is not indexed or the
    /// year lies outside the data's years.
    std::optional<Sum> sum(int column, int year, int first, int end) const;

  private:
    struct Indexed {
        int column = -1;
        std::vector<std::int64_t> running; ///< per year, n + 1 running sums of known values
        std::vector<std::int32_t> missing; ///< the same for missing values; empty: none
    };
    std::vector<Indexed> indexed_;
    int first_year_ = 0, years_ = 0;
    std::size_t stride_ = 1; ///< n + 1
};

} // namespace commend
