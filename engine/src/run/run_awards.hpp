// What the year's evaluation, explanation and ranking share: the run's award results as
// eligible()/awarded() see them, and the subject lists they start from. Internal to `run`.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "commend/run/workspace.hpp"

namespace commend::run_detail {

using expr::Truth;

/// This run's award results, as eligible() and awarded() see them. Every award a loaded rule
/// set defines reads this run in year Y (SPEC §4) — one not in force in Y was given to nobody,
/// whatever awards.csv says (recorded awards of Y do not change the run, SPEC §5).
class RunAwards : public expr::AwardState {
  public:
    explicit RunAwards(const Workspace& ws) {
        for (const auto& rs : ws.rules.rulesets)
            for (const auto& a : rs->awards)
                defined_.insert(a.id);
    }
    void add(const AwardResult& r) { done_[r.award->id] = &r; }
    bool defines(std::string_view award) const override { return defined_.count(award) > 0; }
    Truth eligible(std::string_view award, SubjectIndex s) const override {
        auto it = done_.find(award);
        if (it == done_.end()) return Truth::no; // not in force this year: nobody is eligible
        return it->second->eligible_by_subject[static_cast<std::size_t>(s)];
    }
    Truth selected(std::string_view award, SubjectIndex s) const override {
        auto it = done_.find(award);
        if (it == done_.end()) return Truth::no; // not in force this year: given to nobody
        return it->second->selected_by_subject[static_cast<std::size_t>(s)];
    }

  private:
    std::map<std::string, const AwardResult*, std::less<>> done_;
    std::set<std::string, std::less<>> defined_;
};

inline std::vector<int> kind_ids(const SubjectForest& forest,
                                 const std::vector<std::string>& kinds) {
    std::vector<int> out;
    for (const auto& k : kinds)
        out.push_back(forest.kind_id(k));
    return out;
}

/// The subjects of `kinds` that exist in `year`, in subject order.
inline std::vector<SubjectIndex>
applicable_subjects(const Workspace& ws, const std::vector<std::string>& kinds, int year) {
    std::vector<SubjectIndex> out;
    for (int kind : kind_ids(*ws.forest, kinds))
        for (SubjectIndex s : ws.forest->of_kind(kind))
            if (ws.data.subjects[static_cast<std::size_t>(s)].exists_in(year)) out.push_back(s);
    if (kinds.size() > 1) { // each kind's list is in order; together they need sorting
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    }
    return out;
}

/// The selection group of subject `s` under `limit` (SPEC §5): null for the whole run or
/// when the subject has no such parent or ancestor. `ancestor_kinds` = kind_ids of the
/// limit's ancestor kinds.
Group group_of(const Workspace& ws, const Limit& limit, SubjectIndex s,
               const std::vector<int>& ancestor_kinds);

/// Sorts subjects by id (code point order), as every subject list of the reports is.
inline void sort_by_id(const Workspace& ws, std::vector<SubjectIndex>& v) {
    std::sort(v.begin(), v.end(),
              [&](SubjectIndex a, SubjectIndex b) { return ws.subject_id(a) < ws.subject_id(b); });
}

} // namespace commend::run_detail
