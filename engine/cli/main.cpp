// `commend`: the thin command-line front end. It parses options, calls the library, prints
// what the library returns and picks the exit status (SPEC §6). Each command file registers
// its subcommands (cli.hpp); this file only sets up logging and dispatches.
#include <algorithm>
#include <iostream>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "commend/store/history_store.hpp"

using namespace commend::cli;

namespace {

/// Letters to change, add or remove to turn `a` into `b` (for "did you mean").
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

int unknown_command(std::string_view given, const std::vector<std::string>& names) {
    std::string list, closest;
    std::size_t best = 3; // suggest only a near miss
    for (const auto& n : names) {
        list += (list.empty() ? "" : ", ") + n;
        if (std::size_t d = edit_distance(given.substr(0, 64), n); d < best) best = d, closest = n;
    }
    std::cerr << "commend: error: unknown command '" << given << "'"
              << (closest.empty() ? "" : "; did you mean '" + closest + "'?")
              << "\nThe commands are: " << list << ".\n";
    return exit_input;
}

} // namespace

int main(int argc, char** argv) {
    auto logger = spdlog::stderr_color_mt("commend");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::warn);

    CLI::App app{"commend — decide commendations from evaluation histories, with the reason for "
                 "every decision"};
    app.require_subcommand(1);
    bool verbose = false;
    app.add_flag("--verbose", verbose, "log stage timings to stderr");
    Commands commands;
    add_rule_commands(app, commands);
    add_audit_command(app, commands);
    add_record_command(app, commands);
    add_store_commands(app, commands);
    add_report_command(app, commands);
    add_test_command(app, commands);
    add_generate_command(app, commands);

    // A mistyped command would otherwise read as "a subcommand is required".
    if (argc > 1 && argv[1][0] != '-') {
        std::vector<std::string> names;
        for (const CLI::App* sub : app.get_subcommands({}))
            names.push_back(sub->get_name());
        if (std::find(names.begin(), names.end(), argv[1]) == names.end())
            return unknown_command(argv[1], names);
    }
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

    try {
        for (const Command& c : commands) {
            if (!c.app->parsed()) continue;
            bool sub_verbose = c.app->get_option_no_throw("--verbose") &&
                               c.app->get_option("--verbose")->count() > 0;
            if (verbose || sub_verbose) spdlog::set_level(spdlog::level::info);
            const int status = c.run();
            // Output is written at the end, whole; if it could not be (a full disk, a closed
            // pipe), say so rather than leave a half-written file looking complete.
            std::cout.flush();
            if (!std::cout) {
                std::cerr << "commend: error: the output could not be written completely\n";
                return 3;
            }
            return status;
        }
    } catch (const commend::StoreError& e) {
        std::cerr << "commend: error: " << e.what() << "\n";
        return exit_input;
    } catch (const std::exception& e) {
        // Only a bug gets here; say so plainly rather than crash.
        std::cerr << "commend: internal error: " << e.what() << "\n";
        return 3;
    }
    return exit_input;
}
