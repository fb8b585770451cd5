// The generated yearly values: each subject's level and discipline in each year it exists.
//
// Levels follow a Markov chain per subject (a unit that was excellent last year is likely to
// be excellent again, so five-year streaks occur as they do in life), whose long-run shares
// are tuned to DOMAIN.md §3 (Hải Dương 2019: 23.8 % of TCCSĐ HTXSNV, 91.2 % HTTNV or better;
// members 90.3 % HTTNV or better, 9.1 % HTNV, 0.6 % KHTNV). Ratings are made bottom-up, as
// QĐ 124 prescribes, and kept consistent with HD 21:
//   - a disciplined member is KHTNV;
//   - members rated HTXSNV are at most 20 % of those rated HTTNV or better in each cell
//     (so in each TCCSĐ: the check tran-20-phan-tram holds), counting members not rated as
//     if they could be HTXSNV, so that the check is never unknown;
//   - an organization is HTXSNV only if none of its subordinates is KHTNV and at least 80 %
//     are HTTNV or better — except in 1.5 % of the cases, the data errors that make the
//     near misses of tieu-bieu-nam;
//   - an organization disciplined in the year is rated HTNV at best, unless the violation
//     was self-detected and remedied (QĐ 124), which leaves its rating alone (30 %).
// A few subject-years are not rated (members suspended from party activity, 0.05 %; an
// organization's rating not reported, 0.1 %): empty cells, read as unknown.
#pragma once

#include <cstdint>
#include <vector>

#include "generate/population.hpp"

namespace commend::generate {

/// A level as the generator codes it: the scale's index (0 = HTXSNV, the best), or a code for
/// a year without one.
enum Level : std::uint8_t {
    htxsnv = 0,
    httnv = 1,
    htnv = 2,
    khtnv = 3,
    not_rated = 4, ///< exists, rating cell empty
    absent = 7,    ///< does not exist in the year: no row
};

struct History {
    int first_year = 0, years = 0;
    /// One byte per (subject, year) at subject * years + (year - first_year): the level in
    /// bits 0–2, disciplined in bit 3, the chain's state in bits 4–5.
    std::vector<std::uint8_t> cells;

    std::size_t at(std::int32_t s, int year) const {
        return static_cast<std::size_t>(s) * static_cast<std::size_t>(years) +
               static_cast<std::size_t>(year - first_year);
    }
    std::uint8_t level(std::int32_t s, int year) const { return cells[at(s, year)] & 7u; }
    bool disciplined(std::int32_t s, int year) const { return (cells[at(s, year)] & 8u) != 0; }
};

/// The levels and discipline of every subject in every year.
History assign_ratings(const Population& p, std::uint64_t seed);

} // namespace commend::generate
