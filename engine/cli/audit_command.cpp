// `commend audit` (SPEC §6): judging what was decided against the rules in force each year.
#include <iostream>

#include "cli.hpp"
#include "commend/report/xlsx_report.hpp"
#include "commend/run/audit.hpp"

namespace commend::cli {

namespace {

struct AuditOptions {
    CommonOptions common;
    std::optional<int> from, to;
};

int run_audit(const AuditOptions& ao) {
    CommonOptions o = ao.common;
    o.through_year = ao.to;
    if (auto bad = check_output_options(o)) return *bad;
    auto ws = open_workspace(o, true);
    if (!ws) return exit_input;
    auto years = default_audit_years(*ws);
    const auto& data = ws->data;
    const std::string data_years =
        std::to_string(data.first_year) + "–" + std::to_string(data.last_year);
    if (!years && (!ao.from || !ao.to))
        return input_error("no rule set is in force in any year of the data (" + data_years +
                           "); check the rules' in_force, or give --from and --to");
    const int from = ao.from.value_or(years ? years->first : 0);
    const int to = ao.to.value_or(years ? years->second : 0);
    if (from > to)
        return input_error("--from " + std::to_string(from) + " is after --to " +
                           std::to_string(to) + "; give the first year, then the last");
    if (!data.has_year(from) || !data.has_year(to))
        return input_error("the years " + std::to_string(from) + "–" + std::to_string(to) +
                           " are not all within the data's years (" + data_years +
                           "); give --from and --to within them");
    AuditResult result;
    {
        StageTimer t("audit " + std::to_string(from) + "-" + std::to_string(to));
        result = audit_years(*ws, from, to);
    }
    const auto lang = language(o);
    const int status = result.has_error() ? exit_violation : exit_ok;
    if (o.format == "xlsx") {
        Diagnostics diags;
        return report::audit_xlsx(*ws, result, lang, o.output, diags) ? status
                                                                      : write_failed(diags);
    }
    const int written =
        emit(o, o.format == "json" ? report::audit_json(*ws, result, lang).dump(2) + "\n"
                                   : report::audit_table(*ws, result, lang));
    return written != exit_ok ? written : status;
}

} // namespace

void add_audit_command(CLI::App& app, Commands& commands) {
    static AuditOptions o; // bound to the options; only the parsed command reads them
    auto* audit = app.add_subcommand(
        "audit", "judge every recorded award and every check of a span of years by the rules "
                 "in force each year");
    add_common_options(audit, o.common, true);
    add_format_option(audit, o.common, {"table", "json", "xlsx"});
    add_output_option(audit, o.common);
    audit
        ->add_option("--from", o.from,
                     "first year (default: the first year with both rules in force and data)")
        ->check(year_check());
    audit->add_option("--to", o.to, "last year (default: the last year of data)")
        ->check(year_check());
    commands.push_back({audit, [] { return run_audit(o); }});
}

} // namespace commend::cli
