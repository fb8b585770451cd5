// What the year's evaluation, explanation and ranking share: the run's award results as
// eligible()/awarded() see them, and the subject lists they start from. Internal to `run`.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "commend/run/workspace.hpp"
#include "commend/select/id_order.hpp"

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
    // Whether a subject exists is one byte of the year's run when subjects are numbered in
    // preorder (the run is by position), else the forest's look-up.
    const std::uint8_t* present =
        ws.forest->numbered_in_preorder() ? ws.forest->kinds_in(year) : nullptr;
    for (int kind : kind_ids(*ws.forest, kinds)) {
        const auto mid = static_cast<std::ptrdiff_t>(out.size());
        for (SubjectIndex s : ws.forest->of_kind(kind))
            if (present ? present[s] != SubjectForest::absent : ws.forest->exists(s, year))
                out.push_back(s);
        // Each kind's list is in order: merge it in (a kind named twice gives duplicates).
        std::inplace_merge(out.begin(), out.begin() + mid, out.end());
    }
    if (kinds.size() > 1) out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// The selection group of subject `s` under `limit` (SPEC §5): null for the whole run or
/// when the subject has no such parent or ancestor. `ancestor_kinds` = kind_ids of the
/// limit's ancestor kinds.
Group group_of(const Workspace& ws, const Limit& limit, SubjectIndex s,
               const std::vector<int>& ancestor_kinds);

/// Sorts items by the id of `subject_of(item)` (code point order), as every subject list of
/// the reports is; a stable sort, so items of one subject keep their order.
template <class T, class SubjectOf>
void sort_by_id(const Workspace& ws, std::vector<T>& items, SubjectOf subject_of) {
    struct Keyed {
        IdPrefix prefix;
        std::size_t at;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
        keyed.push_back({IdPrefix(ws.subject_id(subject_of(items[i]))), i});
    auto before = [&](const Keyed& a, const Keyed& b) {
        return id_less(a.prefix, ws.subject_id(subject_of(items[a.at])), b.prefix,
                       ws.subject_id(subject_of(items[b.at])));
    };
    // Lists are built in subject order, which is often id order already (files list their
    // subjects by id within a kind): then there is nothing to move.
    if (std::is_sorted(keyed.begin(), keyed.end(), before)) return;
    std::stable_sort(keyed.begin(), keyed.end(), before);
    std::vector<T> sorted;
    sorted.reserve(items.size());
    for (const Keyed& k : keyed)
        sorted.push_back(std::move(items[k.at]));
    items = std::move(sorted);
}

/// Sorts subjects by id (code point order), as every subject list of the reports is.
inline void sort_by_id(const Workspace& ws, std::vector<SubjectIndex>& v) {
    sort_by_id(ws, v, [](SubjectIndex s) { return s; });
}

} // namespace commend::run_detail
