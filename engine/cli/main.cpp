// `commend`: the thin command-line front end. It parses options, calls the library, prints
// what the library returns and picks the exit status (SPEC §6). Each command file registers
// its subcommands (cli.hpp); this file only sets up logging and dispatches.
#include <iostream>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli.hpp"
#include "commend/store/history_store.hpp"

using namespace commend::cli;

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
            return c.run();
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
