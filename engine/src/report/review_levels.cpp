// The review's pictures: the distribution of levels per year for every kind of subject, and
// the heat map of the chosen kinds (by default the kinds the awards apply to), one block per
// parent so that a unit's cells sit together.
#include <algorithm>
#include <map>

#include "report/html_text.hpp"
#include "report/level_charts.hpp"
#include "report/review_page.hpp"

namespace commend::report::review {

namespace {

/// The most heat map rows one page draws (the 800 rows of a bloc are well inside it; a
/// nation's cells are not, and a page of millions of rows opens in no browser).
constexpr std::size_t max_heatmap_rows = 5000;

std::string legend(const Page& p, const Column& column, bool heatmap) {
    const Labels& L = p.L;
    const Scale& scale = p.ws.rules.schema.scales[static_cast<std::size_t>(column.scale)];
    const int n = static_cast<int>(scale.levels.size());
    std::string out = "<ul class=\"legend\">";
    for (int l = 0; l < n; ++l) {
        const std::string& level = scale.levels[static_cast<std::size_t>(l)];
        out += "<li>" + charts::level_swatch(l, n) + html::escape(level);
        if (auto it = p.ws.rules.labels.find(level); it != p.ws.rules.labels.end())
            out += " <small>" + html::escape(it->second) + "</small>";
        out += "</li>";
    }
    out += "<li>" + charts::level_swatch(-1, n) + L.not_rated + "</li>";
    if (heatmap) {
        const std::string year = std::to_string(p.review.result.year);
        out += "<li>" + std::string(L.blank_year) + "</li>";
        out += "<li><b>★</b> " + std::string(L.selected_mark) + " " + year + "</li>";
        out += "<li><b class=\"met\">5</b> " + std::string(L.run_note) + "</li>";
    }
    return out + "</ul>\n";
}

} // namespace

std::string levels_section(const Page& p, int number) {
    const Labels& L = p.L;
    const Workspace& ws = p.ws;
    const int year = p.review.result.year;
    std::string out = section_heading(number, L.levels);
    const auto columns = p.level_columns();
    if (columns.empty()) return out + "<p>" + L.no_level_column + "</p>\n";
    if (ws.data.first_year > year) return out + "<p>" + L.no_years + "</p>\n";
    // The first scale's column: the rating every rule set is about. Other level columns are
    // counted in the summary and the ranking.
    const Column& column = *columns.front();
    const int first = ws.data.first_year;

    out += "<h3>" + std::string(L.distribution) + " " + std::to_string(first) + "–" +
           std::to_string(year) + "</h3>\n" + legend(p, column, false);
    std::vector<std::string> kinds;
    for (SubjectIndex s : ws.forest->preorder())
        if (std::find(kinds.begin(), kinds.end(), p.subject(s).kind) == kinds.end())
            kinds.push_back(p.subject(s).kind);
    for (const auto& kind : kinds)
        out += "<figure class=\"dist\"><figcaption>" + html::escape(kind) + "</figcaption>" +
               charts::distribution_svg(ws, column, kind, first, year, p.lang) + "</figure>\n";

    const auto& kinds_shown = p.review.heatmap_kinds;
    out += "<h3>" + std::string(L.heatmap) + ":";
    for (const auto& k : kinds_shown)
        out += " <code>" + html::escape(k) + "</code>";
    out += "</h3>\n<p>" + std::string(L.heatmap_note) + " " + std::to_string(year) + ".</p>\n";
    out += legend(p, column, true);

    std::map<SubjectIndex, std::vector<std::string>> selected;
    for (const auto& a : p.review.result.awards)
        for (const auto& s : a.selected)
            selected[s.subject].push_back(a.award->title);
    // Rows grouped by parent, groups and rows in the tree's order; at most max_heatmap_rows
    // rows, so that a national data set still gives a page a browser opens.
    std::vector<std::pair<SubjectIndex, std::vector<SubjectIndex>>> groups;
    std::map<SubjectIndex, std::size_t> group_of; // parent → index into groups
    std::size_t shown = 0, left_out = 0;
    for (SubjectIndex s : ws.forest->preorder()) {
        const Subject& subject = p.subject(s);
        if (std::find(kinds_shown.begin(), kinds_shown.end(), subject.kind) == kinds_shown.end())
            continue;
        if (subject.from > year || (subject.until && *subject.until < first)) continue;
        if (shown == max_heatmap_rows) {
            ++left_out;
            continue;
        }
        ++shown;
        const SubjectIndex parent = ws.forest->parent(s);
        auto [g, added] = group_of.try_emplace(parent, groups.size());
        if (added) groups.push_back({parent, {}});
        groups[g->second].second.push_back(s);
    }
    out += "<div class=\"hm-grid\">\n";
    for (const auto& [parent, subjects] : groups) {
        charts::HeatmapRows rows{&column, first, year, subjects, &selected};
        out += "<figure class=\"hm-group\"><figcaption>" +
               (parent == no_subject ? std::string(L.no_parent)
                                     : html::escape(p.subject(parent).name)) +
               " <small>(" + std::to_string(subjects.size()) + ")</small></figcaption>" +
               "<div class=\"scroll\">" + charts::heatmap_svg(ws, rows, p.lang) +
               "</div></figure>\n";
    }
    out += "</div>\n";
    if (left_out > 0)
        out += "<p class=\"note\">" + format_number(static_cast<double>(left_out), p.lang) + " " +
               L.heatmap_cut + ".</p>\n";
    return out;
}

} // namespace commend::report::review
