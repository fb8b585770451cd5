// Choosing who receives an award within its places (SPEC §5): candidates are taken in rank
// order while places remain; when tied candidates straddle the last place none of them is
// taken — the tie is reported with the places left, for the committee to decide. Nothing is
// broken silently.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commend/run/year_result.hpp"

namespace commend {

struct RankedCandidate {
    SubjectIndex subject = no_subject;
    /// The subject's id, compared only when the rank keys tie. A pointer, so that listing
    /// thousands of candidates does not read thousands of scattered subjects.
    const std::string* id = nullptr;
    Group group;
    std::vector<expr::Value> keys;
};

/// The number of places a share limit gives: round(share × base), at least `min`, where the
/// product is taken to 12 significant digits (0.57 × 100 gives 57, not 56).
int share_places(double share, int base, Limit::Round round, int min);

/// Fills `out.selected`, `out.ties` and `out.over_limit` from the eligible candidates.
void select_candidates(std::vector<RankedCandidate> eligible, const std::vector<RankKey>& keys,
                       const Places& places, AwardResult& out);

} // namespace commend
