// The yardstick's data layout: a data set for rules/khoi-co-quan-tinh laid out for the fastest
// loop one would write for that rule set alone — subjects in tree order (so that every
// subtree is a contiguous range), the evaluation year's levels as one byte column, and what
// only some kinds need in dense arrays of those kinds, also in tree order, so that every
// pass reads memory front to back: the grassroots organizations' admissions and discipline,
// the cells' histories with their years side by side. Nothing in it is a string or a map
// except the ids kept for the report.
//
// It is read from the CSV files by its own small reader, not through the engine, so that the
// yardstick stays independent of the engine it measures. It accepts what the generator and
// the shipped samples write (comma-separated, UTF-8, RFC 4180 quotes) and the shape the rule
// set assumes: blocs (dang-uy-khoi) over grassroots organizations (dang-bo-co-so over
// chi-bo-truc-thuoc, or chi-bo-co-so) over members (dang-vien); anything else is refused
// with a message, never guessed.
//
//   std::string error;
//   auto layout = bench::load_bloc_layout("samples/khoi-co-quan-tinh", 2021, error);
//   if (!layout) { std::cerr << error; return 2; }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace commend::bench {

enum class BlocKind : std::uint8_t { bloc, dang_bo, chi_bo_truc_thuoc, chi_bo_co_so, member };

/// Level codes: the scale's index (0 = HTXSNV), then "exists but not rated" and "does not
/// exist in the year".
inline constexpr std::uint8_t level_missing = 4, level_absent = 7;

struct BlocLayout {
    int first_year = 0, last_year = -1;
    int year = 0; ///< the evaluation year
    /// Per subject, in tree order.
    std::vector<std::string> ids; ///< for the report only
    std::vector<BlocKind> kind;
    std::vector<std::int32_t> end;              ///< one past the last subject of its subtree
    std::vector<std::int32_t> id_rank;          ///< position of its id in code-point order
    std::vector<std::uint8_t> level;            ///< level code in the evaluation year
    std::vector<std::int64_t> admission_target; ///< in the evaluation year; -1 missing
    /// Per grassroots organization (dang-bo-co-so, chi-bo-co-so), in tree order, in the
    /// evaluation year: admitted (0 when missing) and disciplined (0/1).
    std::vector<std::int64_t> tccsd_admitted;
    std::vector<std::uint8_t> tccsd_disciplined;
    /// Per chi-bo-truc-thuoc, in tree order, the years side by side (the five-year award
    /// reads a cell's history): at cell * years() + (y - first_year) the level code, with
    /// bit 3 set when disciplined; and the year of its last tieu-bieu-5-nam before the
    /// evaluation year, or 0.
    std::vector<std::uint8_t> cell_history;
    std::vector<std::int16_t> cell_since;
    std::vector<std::int32_t> roots; ///< the blocs, in tree order
    /// Subject-years in which a subject exists: the data's size in the throughput figures.
    std::int64_t subject_years = 0;

    std::int32_t size() const { return static_cast<std::int32_t>(kind.size()); }
    int years() const { return last_year - first_year + 1; }
};

/// Reads `folder` for the evaluation year `year`. nullopt with `error` set when a file cannot
/// be read or the data is not of the shape above.
std::optional<BlocLayout> load_bloc_layout(const std::string& folder, int year, std::string& error);

} // namespace commend::bench
