// The past awards of a generated data set: in every year but the last, the awards of
// rules/khoi-co-quan-tinh as a committee would have decided them — exactly the rules'
// selection (SPEC §5), and where tied candidates straddle the last place, the committee fills
// the places left with the first of them by id. The last year is left undecided: it is the
// year a benchmark evaluates.
//
// This is a small re-implementation of that one rule set on the generator's own arrays, not
// a call into the engine: the generator must not depend on the engine it is used to measure,
// and the two are checked against each other (tests/unit/test_generate.cpp: `commend audit`
// of a generated data set finds nothing but the undecided last year). If the rule file
// changes, this file must follow.
//
// The awards are recorded for every year of the data, as if the bloc had applied these
// criteria before 2017 too (the rule file is in force from 2017): `since` then reads a full
// history, and a 10-year audit has ten years to judge (with the rules' in_force moved back).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "generate/population.hpp"
#include "generate/ratings.hpp"

namespace commend::generate {

/// The awards modelled, by index.
inline constexpr std::array<const char*, 2> award_ids = {"tieu-bieu-nam", "tieu-bieu-5-nam"};
inline constexpr std::array<int, 2> award_limits = {20, 3};

struct Grant {
    std::int32_t subject = 0;
    int year = 0;
    int award = 0; ///< index into award_ids
};

/// The grants of the years first_year .. last_year - 1, by year, award, then subject id.
std::vector<Grant> decide_past_awards(const Population& p, const History& h);

} // namespace commend::generate
