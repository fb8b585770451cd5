// Copies of flag and level columns with the subjects of each kind side by side, one run per
// year: the histories time functions read. In the data set's own layout a year's bytes follow
// the tree, so a kind's subjects (cells, every twentieth position) lie far apart and
// `streak(rating == HTXSNV)` over 50,000 cells reads a scattered cache line per cell and year;
// here the same cells' bytes of one year fit in 50 KB.
//
// Only the columns the rules read inside time functions are copied (see
// read_over_time()); a copy costs one byte per subject and year of the data.
//
//   KindRuns runs(data, forest, {rating});
//   if (const std::int8_t* b = runs.bytes(rating, 2019)) … b[runs.index(s)]
#pragma once

#include <cstdint>
#include <set>
#include <vector>

#include "commend/data/dataset.hpp"
#include "commend/graph/subject_forest.hpp"

namespace commend {

class KindRuns {
  public:
    KindRuns(const DataSet& data, const SubjectForest& forest, const std::set<int>& columns);

    /// Where subject `s`'s byte lies in every year's run: its kind's block, then preorder.
    std::uint32_t index(SubjectIndex s) const { return index_[static_cast<std::size_t>(s)]; }
    /// The run of yearly column `column` in `year`, indexed by index(); null when the column
    /// is not copied or the year lies outside the data's years.
    const std::int8_t* bytes(int column, int year) const;

  private:
    std::vector<std::uint32_t> index_;
    std::vector<std::pair<int, std::vector<std::int8_t>>> copies_; ///< column → years × n
    int first_year_ = 0, years_ = 0;
    std::size_t n_ = 0;
};

} // namespace commend
