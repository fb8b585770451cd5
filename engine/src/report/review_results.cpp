// The review's last sections: the year-end ranking per parent, every check with its outcome,
// and the audit of the years before — each finding said in words, as `commend audit` says it.
#include <algorithm>

#include "report/html_text.hpp"
#include "report/level_charts.hpp"
#include "report/review_page.hpp"

namespace commend::report::review {

std::string ranking_section(const Page& p, int number) {
    const Labels& L = p.L;
    const Workspace& ws = p.ws;
    const int year = p.review.result.year;
    std::string out = section_heading(number, L.ranking);
    if (p.review.ranking.empty()) return out + "<p>" + L.none + "</p>\n";
    for (const auto& g : p.review.ranking) {
        out += "<h3>" +
               (g.group ? html::escape(p.subject(*g.group).name) : std::string(L.no_parent)) +
               "</h3>\n";
        // Level columns first, then the [ranking] keys that are not one of them.
        std::vector<std::size_t> extra_keys;
        for (std::size_t k = 0; k < g.key_names.size(); ++k)
            if (std::none_of(g.counts.begin(), g.counts.end(),
                             [&](const auto& c) { return c.first == g.key_names[k]; }))
                extra_keys.push_back(k);
        out += "<div class=\"scroll\"><table>\n<thead><tr><th class=\"num\">" +
               std::string(L.position) + "</th><th>" + L.name + "</th>";
        for (const auto& [column, counts] : g.counts)
            out += "<th>" + html::escape(column) + "</th>";
        for (std::size_t k : extra_keys)
            out += "<th><code>" + html::escape(g.key_names[k]) + "</code></th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& e : g.ranking) {
            out += "<tr><td class=\"num\">" + std::to_string(e.position) + "</td>" +
                   p.name_cell(e.subject);
            for (const auto& [column, counts] : g.counts) {
                const Column* c = ws.data.find_yearly(column);
                const Scale& scale = ws.rules.schema.scales[static_cast<std::size_t>(c->scale)];
                const int n = static_cast<int>(scale.levels.size());
                const int level = charts::level_at(ws, *c, e.subject, year);
                out += "<td>" + charts::level_swatch(level, n) + " " +
                       (level < 0 ? std::string(L.not_rated)
                                  : html::escape(scale.levels[static_cast<std::size_t>(level)])) +
                       "</td>";
            }
            for (std::size_t k : extra_keys)
                out += "<td class=\"num\">" +
                       (k < e.keys.size() ? html::escape(e.keys[k]) : std::string()) + "</td>";
            out += "</tr>\n";
        }
        out += "</tbody></table></div>\n";
        for (const auto& [column, counts] : g.counts) {
            out +=
                "<p class=\"meta\">" + std::string(L.counts) + " (" + html::escape(column) + "):";
            for (std::size_t i = 0; i < counts.size(); ++i)
                out += std::string(i ? ";" : "") + " " +
                       (counts[i].first == "unknown" ? std::string(L.not_rated)
                                                     : html::escape(counts[i].first)) +
                       " " + format_number(counts[i].second, p.lang);
            out += "</p>\n";
        }
    }
    return out;
}

std::string checks_section(const Page& p, int number) {
    const Labels& L = p.L;
    std::string out = section_heading(number, L.checks);
    if (p.review.result.checks.empty()) return out + "<p>" + L.none + "</p>\n";
    for (const auto& c : p.review.result.checks) {
        const bool error = c.check->severity == Severity::error;
        out += "<article class=\"award\" id=\"check-" + html::escape(c.check->id) + "\"><h4>" +
               html::escape(c.check->title) + " <span class=\"badge " +
               (error ? "error\">" + std::string(L.severity_error)
                      : "warning\">" + std::string(L.severity_warning)) +
               "</span></h4>\n<p class=\"meta\"><code>" + html::escape(c.check->id) + "</code>";
        if (c.check->source) out += " · " + html::escape(*c.check->source);
        out += " · <code>" + html::escape(c.check->test.text) + "</code></p>\n";
        if (c.violations.empty() && c.unknown.empty())
            out += "<p><span class=\"badge ok\">" + std::string(L.holds) + "</span></p>\n";
        auto list = [&](const std::vector<SubjectIndex>& subjects, const char* heading) {
            if (subjects.empty()) return;
            out += "<h5>" + std::string(heading) + ": " + std::to_string(subjects.size()) +
                   "</h5>\n<ul>\n";
            for (SubjectIndex s : subjects)
                out += "<li>" + html::escape(p.subject(s).name) + " <small>(" +
                       html::escape(p.subject(s).id) + ")</small></li>\n";
            out += "</ul>\n";
        };
        list(c.violations, L.violated);
        list(c.unknown, L.check_unknown);
        out += "</article>\n";
    }
    return out;
}

std::string audit_section(const Page& p, int number) {
    const Labels& L = p.L;
    std::string out = section_heading(number, L.audit);
    if (!p.review.audit) return out + "<p>" + L.no_audit + "</p>\n";
    const AuditResult& a = *p.review.audit;
    int errors = 0;
    for (const auto& f : a.findings)
        errors += f.error ? 1 : 0;
    out += "<p>" + std::string(L.audit_years) + ": " + std::to_string(a.from) +
           (a.to == a.from ? "" : "–" + std::to_string(a.to)) + " · <span class=\"badge error\">" +
           std::to_string(errors) + " " + L.errors + "</span> <span class=\"badge warning\">" +
           std::to_string(a.findings.size() - static_cast<std::size_t>(errors)) + " " + L.warnings +
           "</span></p>\n";
    if (a.findings.empty()) return out + "<p>" + L.no_findings + "</p>\n";
    int year = 0;
    for (const auto& f : a.findings) {
        if (f.year != year) {
            if (year != 0) out += "</tbody></table></div>\n";
            year = f.year;
            out += "<h3>" + std::string(L.year) + " " + std::to_string(year) + "</h3>\n" +
                   "<div class=\"scroll\"><table>\n<thead><tr><th>" + L.type + "</th><th>" +
                   L.subject + "</th><th>" + L.award_or_check + "</th><th>" + L.detail +
                   "</th></tr></thead>\n<tbody>\n";
        }
        std::string what = f.award;
        if (f.award_rule && f.award_rule->title != f.award) what = f.award_rule->title;
        if (f.check_rule && f.check_rule->title != f.award) what = f.check_rule->title;
        out += "<tr><td><span class=\"badge " +
               std::string(f.error ? "error\">" + std::string(L.severity_error)
                                   : "warning\">" + std::string(L.severity_warning)) +
               "</span> " + html::escape(finding_type_label(f.type, p.lang)) + "</td>" +
               (f.subject ? p.name_cell(*f.subject) : "<td>" + std::string(L.whole_run) + "</td>") +
               "<td>" + html::escape(what) + "</td><td>" +
               html::escape(finding_detail(p.ws, f, p.lang)) + "</td></tr>\n";
    }
    return out + "</tbody></table></div>\n";
}

} // namespace commend::report::review
