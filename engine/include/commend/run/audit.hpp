// The audit (SPEC §6): every recorded award and every check of a span of years, each year
// judged by the rule sets in force that year. Re-judging year Y uses the data of Y and
// earlier, and awarded() reads the recorded awards for Y too (EvaluateOptions::audit),
// because the audit judges what was actually decided: a tie the committee resolved counts as
// resolved.
//
//   auto years = default_audit_years(ws);            // nullopt: no year has rules and data
//   AuditResult a = audit_years(ws, years->first, years->second);
//   if (a.has_error()) return 1;
//
// Findings carry what the reports need to say in words what is wrong (the criteria that
// failed, with the values they used; the recorded count against the places).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "commend/run/workspace.hpp"

namespace commend {

enum class FindingType {
    check_failed,          ///< a check's violation; `award` holds the check's id
    eligible_not_granted,  ///< eligible and within the places, but not recorded
    granted_not_eligible,  ///< recorded, but not applicable or a criterion fails
    granted_unknown,       ///< recorded, no criterion fails, one is unknown
    granted_unknown_award, ///< no rule set in force that year defines the award
    over_limit,            ///< more recorded in a group than its places
};

/// The SPEC's name of a finding type ("granted-not-eligible", …).
const char* finding_type_name(FindingType t);

struct Finding {
    FindingType type = FindingType::check_failed;
    int year = 0;
    /// The subject; for over-limit the group (nullopt for the null group).
    std::optional<SubjectIndex> subject;
    std::string award; ///< the award's id, or the check's for check-failed
    bool error = true; ///< false for eligible-not-granted and warning checks

    // What the finding rests on, for the reports to put into words.
    const Award* award_rule = nullptr; ///< the award in force that year, if any
    const Check* check_rule = nullptr; ///< for check-failed
    std::string decision;              ///< the recorded award's decision reference
    /// granted-not-eligible because the subject is not of the award's kinds.
    bool not_applicable = false;
    std::vector<CriterionTrace> failed;   ///< granted-not-eligible: the criteria that fail
    std::vector<CriterionTrace> unknown;  ///< granted-unknown: the criteria that are unknown
    std::vector<std::string> check_trace; ///< check-failed: the values the test used
    int recorded = 0, places = 0;         ///< over-limit: recorded in the group, its places
    /// eligible-not-granted: its place in the selection (0 when the award has no limit)
    int rank = 0;
};

struct AuditResult {
    int from = 0, to = 0;
    std::vector<Finding> findings; ///< by year, type, subject id (null first), award
    bool has_error() const {
        for (const auto& f : findings)
            if (f.error) return true;
        return false;
    }
};

/// SPEC §6 defaults: from the first year in which both a rule set is in force and data
/// exists, to the last year of data. nullopt when no such year exists.
std::optional<std::pair<int, int>> default_audit_years(const Workspace& ws);

/// Audits the years `from`..`to` (inclusive; within the data's years).
AuditResult audit_years(const Workspace& ws, int from, int to);

} // namespace commend
