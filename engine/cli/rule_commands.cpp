// `commend check | evaluate | explain | rank` (SPEC §6): the commands that read the rules and
// one year of data.
#include <iostream>

#include "cli.hpp"
#include "commend/report/report.hpp"
#include "commend/report/xlsx_report.hpp"

namespace commend::cli {

namespace {

struct YearOptions {
    CommonOptions common;
    int year = 0;
    std::string subject, award;
};

// A --year in which no rule set is in force is an input error (SPEC §6).
bool year_in_force(const Workspace& ws, int year) {
    return !ws.rules.in_force(year).empty();
}

int run_check(const CommonOptions& o) {
    Diagnostics diags;
    auto ws = load_workspace(o, true, diags);
    print_diagnostics(diags);
    if (!ws) return exit_input;
    if (o.format == "json")
        std::cout << report::check_json(*ws, diags).dump(2) << "\n";
    else
        std::cout << report::check_table(*ws, language(o));
    return exit_ok;
}

int run_year_command(const YearOptions& yo, const std::string& command) {
    CommonOptions o = yo.common;
    o.through_year = yo.year;
    if (auto bad = check_output_options(o)) return *bad;
    auto ws = open_workspace(o, true);
    if (!ws) return exit_input;
    if (!year_in_force(*ws, yo.year))
        return input_error("no rule set is in force in " + std::to_string(yo.year) +
                           "; check --year or the rules' in_force");
    std::optional<SubjectIndex> subject;
    if (command == "explain") {
        subject = ws->data.find_subject(yo.subject);
        if (!subject)
            return input_error("unknown subject '" + yo.subject + "' (not in subjects.csv)");
    }
    YearResult result;
    {
        StageTimer t("evaluate " + std::to_string(yo.year));
        result = evaluate_year(*ws, yo.year);
    }
    std::string out;
    auto lang = language(o);
    const int status =
        command != "explain" && result.has_error_violation() ? exit_violation : exit_ok;
    if (o.format == "xlsx") {
        Diagnostics diags;
        const bool written = command == "evaluate"
                                 ? report::evaluate_xlsx(*ws, result, lang, o.output, diags)
                                 : report::rank_xlsx(*ws, result, rank_year(*ws, yo.year, result),
                                                     lang, o.output, diags);
        return written ? status : write_failed(diags);
    }
    if (command == "evaluate") {
        if (o.format == "json")
            out = report::evaluate_json(*ws, result).dump(2) + "\n";
        else if (o.format == "csv")
            out = report::evaluate_csv(*ws, result);
        else
            out = report::evaluate_table(*ws, result, lang);
    } else if (command == "explain") {
        if (!yo.award.empty() && !result.find_award(yo.award))
            return input_error("no award '" + yo.award + "' is in force in " +
                               std::to_string(yo.year));
        Explanation e = explain_subject(*ws, result, *subject, yo.award);
        out = o.format == "json" ? report::explain_json(*ws, result, e).dump(2) + "\n"
                                 : report::explain_table(*ws, result, e, lang);
    } else { // rank
        auto groups = rank_year(*ws, yo.year, result);
        out = o.format == "json" ? report::rank_json(*ws, result, groups).dump(2) + "\n"
                                 : report::rank_table(*ws, result, groups, lang);
    }
    if (const int written = emit(o, out); written != exit_ok) return written;
    return status;
}

} // namespace

void add_rule_commands(CLI::App& app, Commands& commands) {
    static YearOptions o; // bound to the options; only the parsed command reads them

    auto* check = app.add_subcommand(
        "check", "load and check rule sets (against the data's columns when --data is given)");
    add_common_options(check, o.common, false);
    add_format_option(check, o.common, {"table", "json"});
    commands.push_back({check, [] { return run_check(o.common); }});

    auto year_command = [&](const char* name, const char* help, std::vector<std::string> formats) {
        auto* cmd = app.add_subcommand(name, help);
        add_common_options(cmd, o.common, true);
        add_format_option(cmd, o.common, std::move(formats));
        add_output_option(cmd, o.common);
        cmd->add_option("--year", o.year, "the evaluation year")->required()->check(year_check());
        commands.push_back({cmd, [name] { return run_year_command(o, name); }});
        return cmd;
    };
    year_command("evaluate", "the commendation lists for a year", {"table", "json", "csv", "xlsx"});
    auto* explain = year_command(
        "explain", "every criterion of every award for one subject, with the values used",
        {"table", "json"});
    explain->add_option("--subject", o.subject, "the subject's id")->required();
    explain->add_option("--award", o.award, "only this award");
    year_command("rank", "the year-end ranking per parent", {"table", "json", "xlsx"});
}

} // namespace commend::cli
