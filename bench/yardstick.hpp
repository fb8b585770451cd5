// The yardstick: everything `commend evaluate` reports for rules/khoi-co-quan-tinh in one year
// (both awards with their five lists, the check, the three targets), computed by the
// fastest code one would write for that rule set alone: a hand-written loop over the byte
// columns of a BlocLayout, subjects in tree order, one pass per award, no strings or maps in
// the loop. It answers "how fast could this be?", and it checks the engine: the two must
// agree exactly (bench::differences), which tests/unit/test_yardstick.cpp checks on a
// generated data set and on the shipped sample.
//
//   auto layout = bench::load_bloc_layout(folder, 2021, error);   // setup, not timed
//   bench::YardstickResult r = bench::run_yardstick(*layout);     // the timed part
//   bench::Outcome o = bench::outcome_of(*layout, r);              // ids, for comparing
//
// It mirrors the rule file by hand (criteria, rank keys, limits 20 and 3, the 20 % check,
// the targets): if rules/khoi-co-quan-tinh changes, yardstick.cpp must follow.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "bloc_layout.hpp"
#include "outcome.hpp"

namespace commend::bench {

struct YardstickResult {
    struct Award {
        std::vector<std::int32_t> selected; ///< rank order
        struct Tie {
            int places = 0;
            std::vector<std::int32_t> subjects;
        };
        std::vector<Tie> ties;
        std::vector<std::int32_t> over_limit, unknown, near_misses; ///< by id
    };
    Award yearly, five_years;                            ///< tieu-bieu-nam, tieu-bieu-5-nam
    std::vector<std::int32_t> violations, check_unknown; ///< tran-20-phan-tram, by id
    struct Target {
        int target = 0; ///< 0 ket-nap, 1 dang-vien-httnv, 2 tccsd-httnv
        std::int32_t subject = 0;
        std::optional<double> actual;
        std::optional<bool> met;
    };
    std::vector<Target> targets;
};

/// Evaluates layout.year.
YardstickResult run_yardstick(const BlocLayout& layout);

/// The result with ids, in the form the engine's result is compared in.
Outcome outcome_of(const BlocLayout& layout, const YardstickResult& r);

} // namespace commend::bench
