// Shared by the command files of the `commend` front end: exit statuses, the options every
// command has, opening the rules and the data (a CSV folder or a history store), and
// printing diagnostics. The library returns results and diagnostics; only these files print.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commend/diagnostic.hpp"
#include "commend/report/report.hpp"
#include "commend/run/workspace.hpp"

namespace commend::cli {

// SPEC §6: 0 done; 1 what the command's table says (a violation, a finding, a failed case,
// a tampered ledger); 2 bad input or command line — then nothing is written to stdout.
constexpr int exit_ok = 0, exit_violation = 1, exit_input = 2;

/// The options of every command that reads rules and data.
struct CommonOptions {
    std::string rules, data, db, format = "table", lang = "vi";
    std::string output; ///< -o FILE: write there (atomically) instead of stdout
    bool verbose = false;
    /// The latest year the command evaluates, when it knows it before loading (--year, --to):
    /// the evaluation budget is checked up to it (commend::open_workspace).
    std::optional<int> through_year;
    int threads = 2;
};

/// A registered subcommand and what runs it when it was parsed.
struct Command {
    CLI::App* app;
    std::function<int()> run;
};
using Commands = std::vector<Command>;

/// Adds --rules, --data / --db (one of them required when `data_required`), --verbose and
/// --lang to `cmd`, bound to `o`.
void add_common_options(CLI::App* cmd, CommonOptions& o, bool data_required);
/// Checks a year option: a whole number from 0 to 9999 (SPEC §2 writes years with 1 to 4
/// digits, and no data or rule can have another), with a message that says so.
CLI::Validator year_check();
/// Adds --format with the given choices (the first is the default).
void add_format_option(CLI::App* cmd, CommonOptions& o, std::vector<std::string> choices);

/// Adds -o/--output FILE, bound to o.output.
void add_output_option(CLI::App* cmd, CommonOptions& o);
/// exit_input with a message when --format xlsx has no -o (a workbook is a file, not text
/// for a terminal); nullopt when the options agree.
std::optional<int> check_output_options(const CommonOptions& o);
/// Writes `text` to stdout, or atomically to -o FILE; exit_ok, or exit_input when the file
/// cannot be written (nothing was replaced; the reason is printed).
int emit(const CommonOptions& o, const std::string& text);
/// Prints the diagnostics of a failed file write and returns exit_input.
int write_failed(const Diagnostics& diags);

/// Prints "commend: error: MESSAGE" to stderr and returns exit_input.
int input_error(const std::string& message);
/// Prints diagnostics (errors and warnings) to stderr.
void print_diagnostics(const Diagnostics& diags);

/// Loads the rules and, when `with_data` and --data or --db was given, the data.
std::optional<Workspace> load_workspace(const CommonOptions& o, bool with_data, Diagnostics& diags);
/// load_workspace, then prints the diagnostics; nullopt on an error (the caller returns
/// exit_input).
std::optional<Workspace> open_workspace(const CommonOptions& o, bool with_data);

report::Language language(const CommonOptions& o);

/// Measures a stage and logs it with --verbose (spdlog to stderr, never stdout).
class StageTimer {
  public:
    explicit StageTimer(std::string stage);
    ~StageTimer();

  private:
    std::string stage_;
    std::chrono::steady_clock::time_point start_;
};

// The command files; each registers its subcommands.
void add_rule_commands(CLI::App& app, Commands& commands);    // check evaluate explain rank
void add_audit_command(CLI::App& app, Commands& commands);    // audit
void add_record_command(CLI::App& app, Commands& commands);   // record
void add_store_commands(CLI::App& app, Commands& commands);   // import export verify revoke
void add_report_command(CLI::App& app, Commands& commands);   // report
void add_test_command(CLI::App& app, Commands& commands);     // test
void add_generate_command(CLI::App& app, Commands& commands); // generate

} // namespace commend::cli
