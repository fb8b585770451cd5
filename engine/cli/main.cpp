// `commend`: the thin command-line front end. It parses options, calls the library, prints
// what the library returns and picks the exit status (SPEC §6):
//   0 done; 1 a check of severity error is violated (evaluate, rank); 2 bad input or command
//   line — then nothing is written to stdout and the messages go to stderr.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "commend/data/csv_source.hpp"
#include "commend/report/report.hpp"
#include "commend/run/workspace.hpp"

using namespace commend;

namespace {

constexpr int exit_ok = 0, exit_violation = 1, exit_input = 2;

struct Options {
    std::string rules, data, format = "table", lang = "vi", subject, award;
    int year = 0;
    bool verbose = false;
};

/// Measures a stage and logs it with --verbose (spdlog to stderr, never stdout).
class StageTimer {
  public:
    explicit StageTimer(std::string stage)
        : stage_(std::move(stage)), start_(std::chrono::steady_clock::now()) {}
    ~StageTimer() {
        auto ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
                .count();
        spdlog::info("{}: {:.1f} ms", stage_, ms);
    }

  private:
    std::string stage_;
    std::chrono::steady_clock::time_point start_;
};

int input_error(const std::string& message) {
    std::cerr << "commend: error: " << message << "\n";
    return exit_input;
}

std::optional<Workspace> open(const Options& o, bool with_data) {
    Diagnostics diags;
    std::optional<Workspace> ws;
    CsvDataSource source(o.data);
    ws = open_workspace(o.rules, with_data ? &source : nullptr, diags);
    std::cerr << report::diagnostics_text(diags);
    if (!ws) {
        std::cerr << "commend: " << diags.error_count() << " error"
                  << (diags.error_count() == 1 ? "" : "s") << "; nothing was evaluated\n";
    }
    return ws;
}

report::Language language(const Options& o) {
    return o.lang == "en" ? report::Language::en : report::Language::vi;
}

// A --year in which no rule set is in force is an input error (SPEC §6).
bool year_in_force(const Workspace& ws, int year) {
    return !ws.rules.in_force(year).empty();
}

int run_check(const Options& o) {
    Diagnostics diags;
    CsvDataSource source(o.data);
    auto ws = open_workspace(o.rules, o.data.empty() ? nullptr : &source, diags);
    if (!ws) {
        std::cerr << report::diagnostics_text(diags);
        return exit_input;
    }
    if (o.format == "json") {
        std::cerr << report::diagnostics_text(diags);
        std::cout << report::check_json(*ws, diags).dump(2) << "\n";
    } else {
        std::cerr << report::diagnostics_text(diags);
        std::cout << report::check_table(*ws, language(o));
    }
    return exit_ok;
}

int run_year_command(const Options& o, const std::string& command) {
    auto ws = open(o, true);
    if (!ws) return exit_input;
    if (!year_in_force(*ws, o.year))
        return input_error("no rule set is in force in " + std::to_string(o.year) +
                           "; check --year or the rules' in_force");
    std::optional<SubjectIndex> subject;
    if (command == "explain") {
        subject = ws->data.find_subject(o.subject);
        if (!subject)
            return input_error("unknown subject '" + o.subject + "' (not in subjects.csv)");
    }
    YearResult result;
    {
        StageTimer t("evaluate " + std::to_string(o.year));
        result = evaluate_year(*ws, o.year);
    }
    std::string out;
    auto lang = language(o);
    if (command == "evaluate") {
        if (o.format == "json")
            out = report::evaluate_json(*ws, result).dump(2) + "\n";
        else if (o.format == "csv")
            out = report::evaluate_csv(*ws, result);
        else
            out = report::evaluate_table(*ws, result, lang);
    } else if (command == "explain") {
        if (!o.award.empty() && !result.find_award(o.award))
            return input_error("no award '" + o.award + "' is in force in " +
                               std::to_string(o.year));
        Explanation e = explain_subject(*ws, result, *subject, o.award);
        out = o.format == "json" ? report::explain_json(*ws, result, e).dump(2) + "\n"
                                 : report::explain_table(*ws, result, e, lang);
    } else { // rank
        auto groups = rank_year(*ws, o.year, result);
        out = o.format == "json" ? report::rank_json(*ws, result, groups).dump(2) + "\n"
                                 : report::rank_table(*ws, result, groups, lang);
    }
    std::cout << out; // whole output at once: complete or absent
    if (command != "explain" && result.has_error_violation()) return exit_violation;
    return exit_ok;
}

} // namespace

int main(int argc, char** argv) {
    auto logger = spdlog::stderr_color_mt("commend");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::warn);

    CLI::App app{"commend — decide commendations from evaluation histories, with the reason for "
                 "every decision"};
    app.require_subcommand(1);
    Options o;
    auto add_common = [&](CLI::App* cmd, bool data_required) {
        cmd->add_option("--rules", o.rules, "rule file or folder of *.toml")->required();
        auto* d = cmd->add_option("--data", o.data,
                                  "folder of subjects.csv, evaluations.csv, awards.csv");
        if (data_required) d->required();
        cmd->add_flag("--verbose", o.verbose, "log stage timings to stderr");
        cmd->add_option("--lang", o.lang, "language of tables: vi (default) or en")
            ->check(CLI::IsMember({"vi", "en"}));
    };
    auto* check = app.add_subcommand(
        "check", "load and check rule sets (against the data's columns when --data is given)");
    add_common(check, false);
    check->add_option("--format", o.format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
    auto* evaluate = app.add_subcommand("evaluate", "the commendation lists for a year");
    add_common(evaluate, true);
    evaluate->add_option("--year", o.year, "the evaluation year")->required();
    evaluate->add_option("--format", o.format, "table, json or csv")
        ->check(CLI::IsMember({"table", "json", "csv"}));
    auto* explain = app.add_subcommand(
        "explain", "every criterion of every award for one subject, with the values used");
    add_common(explain, true);
    explain->add_option("--year", o.year, "the evaluation year")->required();
    explain->add_option("--subject", o.subject, "the subject's id")->required();
    explain->add_option("--award", o.award, "only this award");
    explain->add_option("--format", o.format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
    auto* rank = app.add_subcommand("rank", "the year-end ranking per parent");
    add_common(rank, true);
    rank->add_option("--year", o.year, "the evaluation year")->required();
    rank->add_option("--format", o.format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "commend: error: " << e.what()
                  << "\nRun 'commend --help' for the commands and options.\n";
        return exit_input;
    }
    if (o.verbose) spdlog::set_level(spdlog::level::info);

    try {
        if (check->parsed()) return run_check(o);
        if (evaluate->parsed()) return run_year_command(o, "evaluate");
        if (explain->parsed()) return run_year_command(o, "explain");
        if (rank->parsed()) return run_year_command(o, "rank");
    } catch (const std::exception& e) {
        // Only a bug gets here; say so plainly rather than crash.
        std::cerr << "commend: internal error: " << e.what() << "\n";
        return 3;
    }
    return exit_input;
}
