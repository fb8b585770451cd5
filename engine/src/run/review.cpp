// review_year: the year's evaluation, ranking, explanations of the listed subjects and the
// audit of the years before, for the year-end review (commend/run/review.hpp).
#include "commend/run/review.hpp"

#include <algorithm>
#include <set>

namespace commend {

std::optional<std::pair<int, int>> review_audit_years(const Workspace& ws, int year) {
    auto span = default_audit_years(ws);
    if (!span) return std::nullopt;
    const bool decided = std::any_of(ws.data.granted.begin(), ws.data.granted.end(),
                                     [&](const GrantedAward& g) { return g.year == year; });
    const int last = std::min(decided ? year : year - 1, ws.data.last_year);
    if (last < span->first) return std::nullopt;
    return std::pair{span->first, last};
}

std::optional<YearReview> review_year(const Workspace& ws, int year, const ReviewOptions& options,
                                      Diagnostics& diags) {
    std::set<std::string, std::less<>> kinds_in_data;
    for (const auto& s : ws.data.subjects)
        kinds_in_data.insert(s.kind);
    bool bad_kind = false;
    for (const auto& k : options.heatmap_kinds)
        if (!kinds_in_data.count(k)) {
            std::string known;
            for (const auto& d : kinds_in_data)
                known += (known.empty() ? "" : ", ") + d;
            diags.error("report.unknown-kind", {"--heatmap-kinds", 0, 0},
                        "no subject is of kind '" + k + "'; the data's kinds are: " + known);
            bad_kind = true;
        }
    if (bad_kind) return std::nullopt;

    YearReview review;
    review.result = evaluate_year(ws, year);
    review.ranking = rank_year(ws, year, review.result);

    review.heatmap_kinds = options.heatmap_kinds;
    if (review.heatmap_kinds.empty())
        for (const auto& a : review.result.awards)
            for (const auto& k : a.award->kinds)
                if (kinds_in_data.count(k) &&
                    std::find(review.heatmap_kinds.begin(), review.heatmap_kinds.end(), k) ==
                        review.heatmap_kinds.end())
                    review.heatmap_kinds.push_back(k);

    // Only the subjects the lists name are explained: everyone applicable would be thousands
    // of traces nobody reads in a review.
    for (const auto& a : review.result.awards) {
        std::vector<SubjectIndex> named;
        for (const auto& s : a.selected)
            named.push_back(s.subject);
        for (const auto& t : a.ties)
            named.insert(named.end(), t.subjects.begin(), t.subjects.end());
        for (const auto& u : a.unknown)
            named.push_back(u.subject);
        for (const auto& m : a.near_misses)
            named.push_back(m.subject);
        auto& criteria = review.criteria.emplace_back();
        for (SubjectIndex s : named) {
            Explanation e = explain_subject(ws, review.result, s, a.award->id);
            if (!e.awards.empty()) criteria[s] = std::move(e.awards.front().criteria);
        }
    }

    if (auto years = review_audit_years(ws, year))
        review.audit = audit_years(ws, years->first, years->second);
    return review;
}

} // namespace commend
