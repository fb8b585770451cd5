// The parts of the HTML review (commend/report/review_html.hpp), shared by the files that
// write its sections. Internal to `report`.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "commend/report/review_html.hpp"

namespace commend::report::review {

/// Every word the page shows, in one language.
struct Labels {
    const char *lang, *title, *rules, *data, *years, *contents;
    // section headings
    const char *summary, *lists, *waiting, *near_misses, *levels, *ranking, *checks, *audit;
    // summary
    const char *levels_in_year, *kind, *not_rated, *total, *targets, *awards_at_glance, *award,
        *issuer, *no_issuer, *selected, *ties, *unknown, *near, *over_limit, *checks_ok,
        *violations_word, *met, *not_met, *target_unknown, *no_targets, *column;
    // lists
    const char *criteria, *gate, *rank_by, *asc, *desc, *no_limit, *places, *per_group, *share_of,
        *no_, *name, *unit, *reason, *meets_all, *values_used, *group, *none, *over_limit_list,
        *tied_count, *unknown_count, *see_section;
    // waiting and near misses
    const char *tie_group, *places_left, *tied, *undetermined, *lacked, *nothing_waiting,
        *no_near_misses, *run_group;
    // levels
    const char *distribution, *heatmap, *heatmap_note, *blank_year, *selected_mark, *run_note,
        *no_level_column, *no_years, *no_parent, *heatmap_cut;
    // ranking, checks, audit
    const char *position, *counts, *severity_error, *severity_warning, *holds, *violated,
        *check_unknown, *audit_years, *no_audit, *no_findings, *errors, *warnings, *year, *type,
        *subject, *award_or_check, *detail, *whole_run;
    const char* made_by;
};
const Labels& labels(Language lang);

/// What every section reads.
struct Page {
    const Workspace& ws;
    const YearReview& review;
    Language lang;
    const Labels& L;

    const Subject& subject(SubjectIndex s) const {
        return ws.data.subjects[static_cast<std::size_t>(s)];
    }
    /// The subject's parent's name, or "—" for a root.
    std::string unit_of(SubjectIndex s) const;
    /// A table cell with the name, and the id below it in small type.
    std::string name_cell(SubjectIndex s) const;
    /// The yearly columns holding levels, in [scales] order.
    std::vector<const Column*> level_columns() const;
    /// The kinds of the subjects that exist in `year`, in the tree's order.
    std::vector<std::string> kinds_in(int year) const;
};

// The sections, each an HTML <section> with its id; `number` is its place on the page.
std::string summary_section(const Page& p, int number);
std::string lists_section(const Page& p, int number);
std::string waiting_section(const Page& p, int number);
std::string near_miss_section(const Page& p, int number);
std::string levels_section(const Page& p, int number);
std::string ranking_section(const Page& p, int number);
std::string checks_section(const Page& p, int number);
std::string audit_section(const Page& p, int number);

/// `<h2>` of a section: "3. Heading".
std::string section_heading(int number, const char* heading);

} // namespace commend::report::review
