// The outcome of evaluating one year (SPEC §5–§6): for each award in force the selected,
// ties, over the limit, unknown and near misses; the checks; the targets. Renderers turn it
// into tables, JSON and CSV; nothing here prints.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "commend/expr/value.hpp"
#include "commend/rules/ruleset.hpp"

namespace commend {

using Group = std::optional<SubjectIndex>; ///< a selection group: its subject, or null

/// The places of each group of an award's limit (SPEC §5). Without a limit every group is
/// unlimited; with one, a group absent from the map has no places.
struct Places {
    bool unlimited = true;
    std::map<Group, int> per_group;
    int of(const Group& g) const {
        auto it = per_group.find(g);
        return it == per_group.end() ? 0 : it->second;
    }
};

struct AwardResult {
    const RuleSet* ruleset = nullptr;
    const Award* award = nullptr;

    /// Every applicable subject, with its overall eligibility (its criteria: criterion()).
    struct Candidate {
        SubjectIndex subject = no_subject;
        expr::Truth eligible = expr::Truth::no;
        Group group;
    };
    std::vector<Candidate> applicable; ///< in subject order
    /// The result of criterion `k` (an index into award->criteria) for applicable[i]. Kept in
    /// one array, a row per candidate, rather than one small vector each.
    expr::Truth criterion(std::size_t i, std::size_t k) const {
        return criteria[i * award->criteria.size() + k];
    }
    std::vector<expr::Truth> criteria; ///< applicable.size() × award->criteria.size()
    /// How many criterion results were computed: every gate of every candidate, the other
    /// criteria only of candidates no gate fails (for the others a failed gate decides every
    /// list, and their other criteria read unknown; `explain` evaluates them all).
    std::size_t criteria_evaluated = 0;
    Places places; ///< of each group, as the limit gives them

    struct Selected {
        SubjectIndex subject;
        int rank;
        Group group;
    };
    struct Tie {
        Group group;
        int places;
        std::vector<SubjectIndex> subjects; ///< sorted by id
    };
    struct OverLimit {
        SubjectIndex subject;
        Group group;
    };
    /// A subject and the criteria (indexes into award->criteria) that are unknown / failed.
    /// Kept inline for one or two (a near miss names exactly one; national runs list tens of
    /// thousands), on the heap beyond.
    using CriterionIndexes = boost::container::small_vector<std::size_t, 2>;
    struct Pending {
        SubjectIndex subject;
        CriterionIndexes criteria;
    };
    std::vector<Selected> selected;    ///< by rank keys, then id
    std::vector<Tie> ties;             ///< by group
    std::vector<OverLimit> over_limit; ///< by id
    std::vector<Pending> unknown;      ///< by id
    std::vector<Pending> near_misses;  ///< by id

    /// Per subject index (size = number of subjects): eligibility and this run's selection
    /// (yes = selected, unknown = tied or eligibility unknown), for eligible()/awarded().
    std::vector<expr::Truth> eligible_by_subject, selected_by_subject;
};

struct CheckResult {
    const RuleSet* ruleset = nullptr;
    const Check* check = nullptr;
    std::vector<SubjectIndex> violations; ///< by id
    std::vector<SubjectIndex> unknown;    ///< by id
};

struct TargetResult {
    const RuleSet* ruleset = nullptr;
    const Target* target = nullptr;
    SubjectIndex subject = no_subject;
    std::optional<double> actual, goal, ratio;
    std::optional<bool> met;
};

struct YearResult {
    int year = 0;
    std::vector<const RuleSet*> rulesets;
    std::vector<AwardResult> awards; ///< rule-set file-name order, then file order
    std::vector<CheckResult> checks;
    std::vector<TargetResult> targets;

    const AwardResult* find_award(std::string_view id) const {
        for (const auto& a : awards)
            if (a.award->id == id) return &a;
        return nullptr;
    }
    bool has_error_violation() const {
        for (const auto& c : checks)
            if (c.check->severity == Severity::error && !c.violations.empty()) return true;
        return false;
    }
};

} // namespace commend
