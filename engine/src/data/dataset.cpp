// The lookups of DataSet: subjects by id, columns by name, award years by subject.
#include <algorithm>

#include "commend/data/dataset.hpp"

namespace commend {

std::optional<SubjectIndex> DataSet::find_subject(std::string_view id) const {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return std::nullopt;
    return it->second;
}

const Column* DataSet::find_yearly(std::string_view name) const {
    for (const auto& c : yearly)
        if (c.name == name) return &c;
    return nullptr;
}

const Column* DataSet::find_static(std::string_view name) const {
    for (const auto& c : statics)
        if (c.name == name) return &c;
    return nullptr;
}

const std::vector<int>& DataSet::award_years(SubjectIndex subject, std::string_view award) const {
    static const std::vector<int> none;
    auto it = award_years_.find(award);
    if (it == award_years_.end() || subject < 0 ||
        static_cast<std::size_t>(subject) >= it->second.size())
        return none;
    return it->second[static_cast<std::size_t>(subject)];
}

const std::vector<std::pair<SubjectIndex, int>>& DataSet::grants_of(std::string_view award) const {
    static const std::vector<std::pair<SubjectIndex, int>> none;
    auto it = grants_.find(award);
    return it == grants_.end() ? none : it->second;
}

void DataSet::build_indexes(IdIndex ids) {
    by_id_ = std::move(ids);
    if (by_id_.size() != subjects.size()) {
        by_id_.clear();
        by_id_.reserve(subjects.size());
        // The first subject of an id wins (a loaded data set has unique ids anyway).
        for (std::size_t i = 0; i < subjects.size(); ++i)
            by_id_.try_emplace(subjects[i].id, static_cast<SubjectIndex>(i));
    }

    award_years_.clear();
    for (const auto& g : granted) {
        if (g.subject < 0 || static_cast<std::size_t>(g.subject) >= subjects.size()) continue;
        auto& per_subject = award_years_[g.award];
        per_subject.resize(subjects.size());
        per_subject[static_cast<std::size_t>(g.subject)].push_back(g.year);
    }
    grants_.clear();
    for (const auto& g : granted)
        if (g.subject >= 0 && static_cast<std::size_t>(g.subject) < subjects.size())
            grants_[g.award].emplace_back(g.subject, g.year);
    for (auto& [award, list] : grants_) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    for (auto& [award, per_subject] : award_years_)
        for (auto& years : per_subject) {
            std::sort(years.begin(), years.end());
            years.erase(std::unique(years.begin(), years.end()), years.end());
        }
}

} // namespace commend
