// `commend generate`: a synthetic data set in the SPEC's CSV format (§2), for benchmarks and
// for tests at scale, shaped like the party organizations that rules/khoi-co-quan-tinh was
// written for (shared/DOMAIN.md §3, §6):
//
//   dang-uy-khoi (a bloc, one per 70–800 grassroots organizations)
//   ├── dang-bo-co-so (a grassroots committee, ~55 %)   ── chi-bo-truc-thuoc (cells of 6–30)
//   │                                                        └── dang-vien
//   └── chi-bo-co-so (a grassroots cell, 8–29 members)  ── dang-vien
//
// about 100 members per grassroots organization, with the levels, discipline, admissions and
// past awards those rules read. The whole design (distributions, the consistency kept with
// HD 21, how past awards are decided) is in docs/performance.md, "The synthetic data set".
//
//   generate::Options o;
//   o.subjects = 100'000; o.first_year = 2012; o.last_year = 2021; o.seed = 1;
//   Diagnostics diags;
//   auto summary = generate::write_dataset(o, "/tmp/d100k", diags);   // nullopt on failure
//
// Guarantees: the same options give the same bytes (every run, every platform: no floating
// point and no standard-library distribution decides anything); exactly `subjects` subjects;
// each file is written under a temporary name and renamed into place, so a reader never sees
// half a file; rows are streamed (memory is a few bytes per subject-year, not the text).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "commend/diagnostic.hpp"

namespace commend::generate {

struct Options {
    std::int64_t subjects = 0;
    int first_year = 2012, last_year = 2021;
    std::uint64_t seed = 1;
};

/// Limits of the options (checked by validate).
inline constexpr std::int64_t min_subjects = 10, max_subjects = 50'000'000;
inline constexpr int min_year = 1900, max_year = 2200, max_years = 100;

/// The problems with `o`, in words for the command line; empty when it is valid.
std::vector<std::string> validate(const Options& o);

/// The kinds, in the order of Summary::subjects_by_kind.
inline constexpr std::array<const char*, 5> kind_slugs = {
    "dang-uy-khoi", "dang-bo-co-so", "chi-bo-truc-thuoc", "chi-bo-co-so", "dang-vien"};

/// What was written.
struct Summary {
    std::int64_t subjects = 0;
    std::array<std::int64_t, 5> subjects_by_kind{}; ///< in kind_slugs order
    std::int64_t evaluation_rows = 0, award_rows = 0;
    std::uint64_t bytes = 0; ///< of the three files together
    /// Subject-years by level (HTXSNV, HTTNV, HTNV, KHTNV, not rated) over every year:
    /// for grassroots organizations (dang-bo-co-so and chi-bo-co-so) and for members.
    std::array<std::int64_t, 5> tccsd_levels{}, member_levels{};
};

/// Writes subjects.csv, evaluations.csv and awards.csv into `folder` (created if missing).
/// `o` must be valid. Returns nullopt with an error in `diags` when a file cannot be written
/// (and then leaves no temporary file behind).
std::optional<Summary> write_dataset(const Options& o, const std::string& folder,
                                     Diagnostics& diags);

} // namespace commend::generate
