// The review's lists: for each deciding body its awards' proposed lists, each name with the
// reason in words; then what awaits the committee (ties at the cut-off, subjects whose data
// is missing) and the near misses with what they lacked — each with the values the criteria
// used, as `commend explain` shows them.
#include <algorithm>

#include "report/html_text.hpp"
#include "report/review_page.hpp"

namespace commend::report::review {

namespace {

/// The criteria traces the review holds for `s` under the award at `index`.
const std::vector<CriterionTrace>* traces_of(const Page& p, std::size_t index, SubjectIndex s) {
    if (index >= p.review.criteria.size()) return nullptr;
    const auto& by_subject = p.review.criteria[index];
    auto it = by_subject.find(s);
    return it == by_subject.end() ? nullptr : &it->second;
}

/// "«label»: rating = HTXSNV; HTXSNV == HTXSNV → true" for criterion `i` of `s`.
std::string criterion_words(const Page& p, std::size_t index, const AwardResult& a, SubjectIndex s,
                            std::size_t i) {
    std::string out = "«" + html::escape(a.award->criteria[i].name()) + "»";
    const auto* traces = traces_of(p, index, s);
    if (traces && i < traces->size() && !(*traces)[i].trace.empty())
        out += ": <small>" + html::escape(join_trace((*traces)[i].trace)) + "</small>";
    return out;
}

std::string group_name(const Page& p, const Group& g) {
    return g ? html::escape(p.subject(*g).name) : std::string(p.L.run_group);
}

/// How many places the limit gives, in words.
std::string places_words(const Page& p, const AwardResult& a) {
    const Labels& L = p.L;
    const Limit& limit = a.award->limit;
    const bool grouped = limit.per != Limit::Per::run;
    switch (limit.form) {
    case Limit::Form::none:
        return L.no_limit;
    case Limit::Form::count:
        return std::string(L.places) + ": " + std::to_string(limit.max) +
               (grouped ? std::string(" ") + L.per_group : "");
    case Limit::Form::share:
        return std::string(L.places) + ": " + html::percent(limit.share, p.lang) + " " +
               L.share_of + (grouped ? std::string(" ") + L.per_group : "") +
               (limit.of ? " (<code>" + html::escape(limit.of->text) + "</code>)" : "");
    }
    return "";
}

std::string award_header(const Page& p, const AwardResult& a) {
    const Labels& L = p.L;
    const Award& award = *a.award;
    std::string out = "<h4>" + html::escape(award.title) + "</h4>\n<p class=\"meta\"><code>" +
                      html::escape(award.id) + "</code>";
    if (award.source) out += " · " + html::escape(*award.source);
    out += " · " + places_words(p, a) + "</p>\n";
    out += "<p>" + std::string(L.criteria) + ":</p>\n<ol class=\"criteria\">\n";
    for (const auto& c : award.criteria) {
        out += "<li>" + html::escape(c.name());
        if (c.gate) out += " <small>(" + std::string(L.gate) + ")</small>";
        if (c.label) out += " <small><code>" + html::escape(c.test.text) + "</code></small>";
        out += "</li>\n";
    }
    out += "</ol>\n";
    if (!award.rank.empty()) {
        out += "<p>" + std::string(L.rank_by) + ": ";
        for (std::size_t k = 0; k < award.rank.size(); ++k) {
            out += (k ? "; " : "") + std::string("<code>") + html::escape(award.rank[k].key.text) +
                   "</code>";
            if (award.rank[k].direction == RankKey::Direction::asc)
                out += " (" + std::string(L.asc) + ")";
            if (award.rank[k].direction == RankKey::Direction::desc)
                out += " (" + std::string(L.desc) + ")";
        }
        out += "</p>\n";
    }
    return out;
}

std::string selected_table(const Page& p, std::size_t index, const AwardResult& a) {
    const Labels& L = p.L;
    std::string out =
        "<h5>" + std::string(L.selected) + ": " + std::to_string(a.selected.size()) + "</h5>\n";
    if (a.selected.empty()) return out + "<p>" + L.none + "</p>\n";
    const bool grouped = a.award->limit.per != Limit::Per::run;
    out += "<div class=\"scroll\"><table class=\"list\">\n<thead><tr><th class=\"num\">" +
           std::string(L.no_) + "</th><th>" + L.name + "</th><th>" + L.unit + "</th><th>" +
           L.reason + "</th></tr></thead>\n<tbody>\n";
    for (const auto& s : a.selected) {
        out += "<tr><td class=\"num\">" + std::to_string(s.rank) + "</td>" +
               p.name_cell(s.subject) + "<td>" + html::escape(p.unit_of(s.subject)) + "</td><td>" +
               L.meets_all + " " + std::to_string(a.award->criteria.size()) + "/" +
               std::to_string(a.award->criteria.size()) + " " +
               (p.lang == Language::vi ? "tiêu chí" : "criteria");
        if (grouped) out += " · " + std::string(L.group) + ": " + group_name(p, s.group);
        out += "<details><summary>" + std::string(L.values_used) + "</summary><ul>";
        for (std::size_t i = 0; i < a.award->criteria.size(); ++i)
            out += "<li>" + criterion_words(p, index, a, s.subject, i) + "</li>";
        out += "</ul></details></td></tr>\n";
    }
    return out + "</tbody></table></div>\n";
}

/// One row per subject: name, unit, and the listed criteria in words.
std::string pending_table(const Page& p, std::size_t index, const AwardResult& a,
                          const std::vector<AwardResult::Pending>& rows, const char* heading) {
    const Labels& L = p.L;
    std::string out = "<div class=\"scroll\"><table>\n<thead><tr><th>" + std::string(L.name) +
                      "</th><th>" + L.unit + "</th><th>" + heading + "</th></tr></thead>\n" +
                      "<tbody>\n";
    for (const auto& r : rows) {
        out += "<tr>" + p.name_cell(r.subject) + "<td>" + html::escape(p.unit_of(r.subject)) +
               "</td><td>";
        for (std::size_t k = 0; k < r.criteria.size(); ++k)
            out += (k ? "<br>" : "") + criterion_words(p, index, a, r.subject, r.criteria[k]);
        out += "</td></tr>\n";
    }
    return out + "</tbody></table></div>\n";
}

std::vector<std::optional<std::string>> issuers(const YearResult& r) {
    // In order of first appearance, since each body signs its own lists.
    std::vector<std::optional<std::string>> out;
    for (const auto& a : r.awards)
        if (std::find(out.begin(), out.end(), a.award->issuer) == out.end())
            out.push_back(a.award->issuer);
    return out;
}

} // namespace

std::string lists_section(const Page& p, int number) {
    const Labels& L = p.L;
    const auto& awards = p.review.result.awards;
    std::string out = section_heading(number, L.lists);
    if (awards.empty()) return out + "<p>" + L.none + "</p>\n";
    for (const auto& issuer : issuers(p.review.result)) {
        out += "<h3>" + std::string(L.issuer) + ": " +
               html::escape(issuer ? *issuer : L.no_issuer) + "</h3>\n";
        for (std::size_t i = 0; i < awards.size(); ++i) {
            const AwardResult& a = awards[i];
            if (a.award->issuer != issuer) continue;
            out += "<article class=\"award\" id=\"award-" + html::escape(a.award->id) + "\">\n";
            out += award_header(p, a) + selected_table(p, i, a);
            if (!a.over_limit.empty()) {
                out += "<p>" + std::string(L.over_limit_list) + " (" +
                       std::to_string(a.over_limit.size()) + "): ";
                for (std::size_t k = 0; k < a.over_limit.size(); ++k)
                    out += (k ? "; " : "") + html::escape(p.subject(a.over_limit[k].subject).name);
                out += "</p>\n";
            }
            std::size_t tied = 0;
            for (const auto& t : a.ties)
                tied += t.subjects.size();
            if (tied + a.unknown.size() > 0) {
                out += "<p><b>" + std::string(L.waiting) + "</b>: ";
                if (tied > 0) out += std::to_string(tied) + " " + L.tied_count;
                if (tied > 0 && !a.unknown.empty()) out += ", ";
                if (!a.unknown.empty())
                    out += std::to_string(a.unknown.size()) + " " + L.unknown_count;
                out += " — " + std::string(L.see_section) + " <a href=\"#cho-quyet-dinh\">" +
                       std::to_string(number + 1) + "</a>.</p>\n";
            }
            out += "</article>\n";
        }
    }
    return out;
}

std::string waiting_section(const Page& p, int number) {
    const Labels& L = p.L;
    std::string out = section_heading(number, L.waiting);
    bool any = false;
    const auto& awards = p.review.result.awards;
    for (std::size_t i = 0; i < awards.size(); ++i) {
        const AwardResult& a = awards[i];
        if (a.ties.empty() && a.unknown.empty()) continue;
        any = true;
        out += "<h3>" + html::escape(a.award->title) + "</h3>\n<p class=\"meta\">" +
               html::escape(a.award->issuer ? *a.award->issuer : L.no_issuer) + "</p>\n";
        for (const auto& t : a.ties) {
            out += "<h4>" + std::string(L.ties) + " — " + L.tie_group + " " +
                   group_name(p, t.group) + ": " + std::to_string(t.places) + " " + L.places_left +
                   " " + std::to_string(t.subjects.size()) + " " + L.tied + "</h4>\n<ul>\n";
            for (SubjectIndex s : t.subjects)
                out += "<li>" + html::escape(p.subject(s).name) + " <small>(" +
                       html::escape(p.subject(s).id) + "; " + html::escape(p.unit_of(s)) +
                       ")</small></li>\n";
            out += "</ul>\n";
        }
        if (!a.unknown.empty()) {
            out += "<h4>" + std::string(L.undetermined) + ": " + std::to_string(a.unknown.size()) +
                   "</h4>\n";
            out += pending_table(p, i, a, a.unknown, L.undetermined);
        }
    }
    if (!any) out += "<p>" + std::string(L.nothing_waiting) + "</p>\n";
    return out;
}

std::string near_miss_section(const Page& p, int number) {
    const Labels& L = p.L;
    std::string out = section_heading(number, L.near_misses);
    bool any = false;
    const auto& awards = p.review.result.awards;
    for (std::size_t i = 0; i < awards.size(); ++i) {
        const AwardResult& a = awards[i];
        if (a.near_misses.empty()) continue;
        any = true;
        out += "<h3>" + html::escape(a.award->title) + ": " + std::to_string(a.near_misses.size()) +
               "</h3>\n";
        out += pending_table(p, i, a, a.near_misses, L.lacked);
    }
    if (!any) out += "<p>" + std::string(L.no_near_misses) + "</p>\n";
    return out;
}

} // namespace commend::report::review
