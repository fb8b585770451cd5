// The review's first section: the year at a glance — how many subjects of each kind are at
// each level, the targets with their figures ("243/240 = 101,25 %"), each award's counts and
// the checks' outcome.
#include "report/html_text.hpp"
#include "report/level_charts.hpp"
#include "report/review_page.hpp"

namespace commend::report::review {

namespace {

std::string level_counts(const Page& p, const Column& column, int year) {
    const Labels& L = p.L;
    const Scale& scale = p.ws.rules.schema.scales[static_cast<std::size_t>(column.scale)];
    const int n = static_cast<int>(scale.levels.size());
    std::string out =
        "<div class=\"scroll\"><table>\n<thead><tr><th>" + std::string(L.kind) + "</th>";
    for (int l = 0; l < n; ++l)
        out += "<th class=\"num\">" + charts::level_swatch(l, n) + " " +
               html::escape(scale.levels[static_cast<std::size_t>(l)]) + "</th>";
    out += "<th class=\"num\">" + charts::level_swatch(-1, n) + " " + L.not_rated +
           "</th><th class=\"num\">" + L.total + "</th></tr></thead>\n<tbody>\n";
    for (const auto& kind : p.kinds_in(year)) {
        std::vector<int> counts(static_cast<std::size_t>(n) + 1, 0); // [0] = not rated
        int total = 0;
        for (std::size_t i = 0; i < p.ws.data.subjects.size(); ++i) {
            const Subject& s = p.ws.data.subjects[i];
            if (s.kind != kind || !s.exists_in(year)) continue;
            ++counts[static_cast<std::size_t>(
                charts::level_at(p.ws, column, static_cast<SubjectIndex>(i), year) + 1)];
            ++total;
        }
        out += "<tr><td>" + html::escape(kind) + "</td>";
        auto cell = [&](int c) {
            out += "<td class=\"num\">" + format_number(c, p.lang);
            if (c > 0 && total > 1)
                out += " <small>(" + html::percent(static_cast<double>(c) / total, p.lang) +
                       ")</small>";
            out += "</td>";
        };
        for (int l = 0; l < n; ++l)
            cell(counts[static_cast<std::size_t>(l) + 1]);
        cell(counts[0]);
        out += "<td class=\"num\">" + format_number(total, p.lang) + "</td></tr>\n";
    }
    out += "</tbody></table></div>\n";
    return out;
}

std::string targets(const Page& p) {
    const Labels& L = p.L;
    const auto& targets = p.review.result.targets;
    if (targets.empty()) return "<p>" + std::string(L.no_targets) + "</p>\n";
    std::string out = "<ul class=\"targets\">\n";
    for (const auto& t : targets) {
        auto num = [&](const std::optional<double>& x) {
            return x ? html::figure(*x, p.lang) : std::string("?");
        };
        out += "<li><b>" + html::escape(t.target->title) + "</b> <small>(" +
               html::escape(p.subject(t.subject).name) + ")</small>: " + num(t.actual) + "/" +
               num(t.goal) + " = " + (t.ratio ? html::percent(*t.ratio, p.lang) : "?") + " — ";
        if (!t.met)
            out += std::string("<span>") + L.target_unknown + "</span>";
        else if (*t.met)
            out += std::string("<span class=\"met\">") + L.met + "</span>";
        else
            out += std::string("<span class=\"not-met\">") + L.not_met + "</span>";
        out += "</li>\n";
    }
    return out + "</ul>\n";
}

std::string awards(const Page& p) {
    const Labels& L = p.L;
    std::string out = "<div class=\"scroll\"><table>\n<thead><tr><th>" + std::string(L.award) +
                      "</th><th>" + L.issuer + "</th><th class=\"num\">" + L.selected +
                      "</th><th class=\"num\">" + L.ties + "</th><th class=\"num\">" + L.unknown +
                      "</th><th class=\"num\">" + L.near + "</th></tr></thead>\n" + "<tbody>\n";
    for (const auto& a : p.review.result.awards) {
        std::size_t tied = 0;
        for (const auto& t : a.ties)
            tied += t.subjects.size();
        out += "<tr><td><a href=\"#award-" + html::escape(a.award->id) + "\">" +
               html::escape(a.award->title) + "</a></td><td>" +
               html::escape(a.award->issuer ? *a.award->issuer : L.no_issuer) +
               "</td><td class=\"num\">" + std::to_string(a.selected.size()) +
               "</td><td class=\"num\">" + std::to_string(tied) + "</td><td class=\"num\">" +
               std::to_string(a.unknown.size()) + "</td><td class=\"num\">" +
               std::to_string(a.near_misses.size()) + "</td></tr>\n";
    }
    return out + "</tbody></table></div>\n";
}

std::string checks(const Page& p) {
    const Labels& L = p.L;
    std::size_t violations = 0;
    for (const auto& c : p.review.result.checks)
        violations += c.violations.size();
    if (violations == 0) return "<p>" + std::string(L.checks_ok) + "</p>\n";
    std::string out = "<ul>\n";
    for (const auto& c : p.review.result.checks)
        if (!c.violations.empty())
            out += "<li><a href=\"#check-" + html::escape(c.check->id) + "\">" +
                   html::escape(c.check->title) + "</a>: " + std::to_string(c.violations.size()) +
                   " " + L.violations_word + "</li>\n";
    return out + "</ul>\n";
}

} // namespace

std::string summary_section(const Page& p, int number) {
    const Labels& L = p.L;
    const int year = p.review.result.year;
    std::string out = section_heading(number, L.summary);
    out += "<h3>" + std::string(L.levels_in_year) + " " + std::to_string(year) + "</h3>\n";
    const auto columns = p.level_columns();
    if (columns.empty()) out += "<p>" + std::string(L.no_level_column) + "</p>\n";
    for (const Column* c : columns) {
        if (columns.size() > 1)
            out += "<h4>" + std::string(L.column) + " <code>" + html::escape(c->name) +
                   "</code></h4>\n";
        out += level_counts(p, *c, year);
    }
    out += "<h3>" + std::string(L.targets) + "</h3>\n" + targets(p);
    out += "<h3>" + std::string(L.awards_at_glance) + "</h3>\n" + awards(p);
    out += "<h3>" + std::string(L.checks) + "</h3>\n" + checks(p);
    return out;
}

} // namespace commend::report::review
