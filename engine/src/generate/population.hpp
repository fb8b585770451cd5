// The generated organization tree: who exists, under whom, from when to when. Subjects are
// numbered in file order, which is the tree's pre-order (a bloc, then each of its grassroots
// organizations followed by its cells, each followed by its members), so every subtree is
// the contiguous range [s, end[s]).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "commend/generate/generate.hpp"

namespace commend::generate {

enum class Kind : std::uint8_t { bloc, dang_bo, chi_bo_truc_thuoc, chi_bo_co_so, member };

struct Population {
    int first_year = 0, last_year = 0;
    std::vector<Kind> kind;
    std::vector<std::int32_t> parent; ///< -1 for a bloc
    std::vector<std::int32_t> end;    ///< one past the last subject of its subtree
    std::vector<std::int32_t> serial; ///< 1, 2, … within its kind: the number in its id
    std::vector<std::int16_t> from;   ///< first year it exists
    std::vector<std::int16_t> until;  ///< last year it exists; 0 = open
    /// Members: the year of admission when it lies within the data's years, else 0 (admitted
    /// earlier, or transferred into an organization founded later).
    std::vector<std::int16_t> admitted;

    std::int32_t size() const { return static_cast<std::int32_t>(kind.size()); }
    int years() const { return last_year - first_year + 1; }
    bool exists(std::int32_t s, int year) const {
        const auto i = static_cast<std::size_t>(s);
        return year >= from[i] && (until[i] == 0 || year <= until[i]);
    }
    bool is_tccsd(std::int32_t s) const {
        Kind k = kind[static_cast<std::size_t>(s)];
        return k == Kind::dang_bo || k == Kind::chi_bo_co_so;
    }
    /// Whether subjects.csv writes `from` (empty means: from the first year of the data).
    bool from_written(std::int32_t s) const {
        const auto i = static_cast<std::size_t>(s);
        return from[i] != first_year || admitted[i] == first_year;
    }
};

/// Builds the tree for `o` (valid options): exactly o.subjects subjects.
Population build_population(const Options& o);

/// The id of subject `s`: "khoi-0001", "db-000001", "cbcs-000001", "cb-0000001",
/// "dv-00000001". Appended to `out`.
void append_id(std::string& out, const Population& p, std::int32_t s);
std::string subject_id(const Population& p, std::int32_t s);

} // namespace commend::generate
