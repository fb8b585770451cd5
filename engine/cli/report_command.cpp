// `commend report`: the year-end review as one self-contained HTML page, for the people who
// decide (commend/report/review_html.hpp).

#include "cli.hpp"
#include "commend/io/atomic_file.hpp"
#include "commend/report/review_html.hpp"
#include "commend/run/review.hpp"

namespace commend::cli {

namespace {

struct ReportOptions {
    CommonOptions common;
    int year = 0;
    std::vector<std::string> heatmap_kinds;
};

int run_report(const ReportOptions& ro) {
    CommonOptions o = ro.common;
    o.through_year = ro.year;
    auto ws = open_workspace(o, true);
    if (!ws) return exit_input;
    if (ws->rules.in_force(ro.year).empty())
        return input_error("no rule set is in force in " + std::to_string(ro.year) +
                           "; check --year or the rules' in_force");
    Diagnostics diags;
    std::optional<YearReview> review;
    {
        StageTimer t("review " + std::to_string(ro.year));
        review = review_year(*ws, ro.year, ReviewOptions{ro.heatmap_kinds}, diags);
    }
    if (!review) {
        print_diagnostics(diags);
        return exit_input;
    }
    std::string page;
    {
        StageTimer t("render the review");
        page = report::review_html(*ws, *review, language(o));
    }
    if (!io::write_file(o.output, page, diags)) return write_failed(diags);
    // The page shows the violations; the command's job, writing it, is done.
    return exit_ok;
}

} // namespace

void add_report_command(CLI::App& app, Commands& commands) {
    static ReportOptions o; // bound to the options; only the parsed command reads them
    auto* report = app.add_subcommand(
        "report", "the year-end review as one self-contained web page (HTML): summary, lists "
                  "by deciding body, ties and unknowns, near misses, pictures of the levels "
                  "over the years, ranking, checks and the audit of the years before");
    add_common_options(report, o.common, true);
    report->add_option("--year", o.year, "the evaluation year")->required()->check(year_check());
    report->add_option("-o,--output", o.common.output, "the HTML file to write")->required();
    report
        ->add_option("--heatmap-kinds", o.heatmap_kinds,
                     "kinds of subject in the heat map, comma-separated (default: the kinds "
                     "the awards apply to)")
        ->delimiter(',');
    commands.push_back({report, [] { return run_report(o); }});
}

} // namespace commend::cli
