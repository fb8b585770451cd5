// The yardstick's data layout: a data set for rules/khoi-co-quan-tinh laid out for the fastest
// loop one would write for that rule set alone — subjects in tree order (so that every
// subtree is a contiguous range), and per year one contiguous byte column of levels and one
// of discipline. Nothing in it is a string or a map except the ids kept for the report.
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

/// Level codes in the byte columns: the scale's index (0 = HTXSNV), then "exists but not
/// rated" and "does not exist in the year".
inline constexpr std::uint8_t level_missing = 4, level_absent = 7;

struct BlocLayout {
    int first_year = 0, last_year = -1;
    int year = 0; ///< the evaluation year the per-year values below are for
    /// Per subject, in tree order.
    std::vector<std::string> ids;
    std::vector<BlocKind> kind;
    std::vector<std::int32_t> end;     ///< one past the last subject of its subtree
    std::vector<std::int32_t> id_rank; ///< position of its id in code-point order
    /// Per year (index year - first_year), per subject: level code / disciplined (0/1).
    std::vector<std::vector<std::uint8_t>> level, disciplined;
    /// In the evaluation year: admitted (0 when missing) and admission_target (-1 missing).
    std::vector<std::int64_t> admitted, admission_target;
    /// The year before `year` of the subject's last tieu-bieu-5-nam, or 0.
    std::vector<std::int16_t> last_five_year_award;
    std::vector<std::int32_t> roots; ///< the blocs, in tree order
    /// Subject-years in which a subject exists: the data's size in the throughput figures.
    std::int64_t subject_years = 0;

    std::int32_t size() const { return static_cast<std::int32_t>(kind.size()); }
    const std::uint8_t* levels_of(int y) const {
        return level[static_cast<std::size_t>(y - first_year)].data();
    }
    const std::uint8_t* discipline_of(int y) const {
        return disciplined[static_cast<std::size_t>(y - first_year)].data();
    }
};

/// Reads `folder` for the evaluation year `year`. nullopt with `error` set when a file cannot
/// be read or the data is not of the shape above.
std::optional<BlocLayout> load_bloc_layout(const std::string& folder, int year, std::string& error);

} // namespace commend::bench
