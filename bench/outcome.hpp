// What a year's evaluation decided, in one plain form for both the engine and the yardstick,
// so that the two can be compared list by list: per award the selected (in rank order), the
// ties, the over-limit, the unknown and the near misses; per check its violations and
// unknowns; per target and subject its figure and whether it is met.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commend/run/workspace.hpp"

namespace commend::bench {

struct AwardOutcome {
    std::string id;
    std::vector<std::string> selected; ///< in rank order
    struct Tie {
        int places = 0;
        std::vector<std::string> subjects; ///< by id
    };
    std::vector<Tie> ties;
    std::vector<std::string> over_limit, unknown, near_misses; ///< by id
};

struct CheckOutcome {
    std::string id;
    std::vector<std::string> violations, unknown; ///< by id
};

struct TargetOutcome {
    std::string id, subject;
    std::optional<double> actual;
    std::optional<bool> met;
};

struct Outcome {
    std::vector<AwardOutcome> awards;
    std::vector<CheckOutcome> checks;
    std::vector<TargetOutcome> targets; ///< by target, then subject id
};

/// The engine's result in that form.
Outcome outcome_of(const Workspace& ws, const YearResult& result);

/// Every difference between `engine` and `yardstick`, one message each (empty: they agree).
/// Figures agree when they agree to 12 significant digits (SPEC §4).
std::vector<std::string> differences(const Outcome& engine, const Outcome& yardstick);

/// The outcome as JSON text and back, to hand it from one process to another.
std::string outcome_to_json(const Outcome& o);
Outcome outcome_from_json(const std::string& text);

/// Criterion results `result` computed: for every award, its gates for every applicable
/// subject and its other criteria for those no gate fails (AwardResult::criteria_evaluated).
/// The engine's evaluate reports each of them, so this is the number of criterion
/// evaluations it made (checks, targets and rank keys not counted).
std::int64_t criterion_evaluations(const YearResult& result);

} // namespace commend::bench
