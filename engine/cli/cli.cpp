// The shared part of the front end: options, opening the workspace, printing diagnostics.
#include "cli.hpp"

#include <charconv>
#include <iostream>
#include <spdlog/spdlog.h>

#include "commend/data/csv_source.hpp"
#include "commend/io/atomic_file.hpp"
#include "commend/limits.hpp"
#include "commend/run/threads.hpp"
#include "commend/store/history_store.hpp"

namespace commend::cli {

void add_common_options(CLI::App* cmd, CommonOptions& o, bool data_required) {
    cmd->add_option("--rules", o.rules, "rule file or folder of *.toml")->required();
    auto* data =
        cmd->add_option("--data", o.data, "folder of subjects.csv, evaluations.csv, awards.csv");
    auto* db = cmd->add_option("--db", o.db, "history store (SQLite) made by commend import");
    data->excludes(db);
    db->excludes(data);
    if (data_required) {
        // One of the two; CLI11 has no "exactly one of" option, so check after parsing.
        cmd->callback([data, db] {
            if (data->count() == 0 && db->count() == 0) throw CLI::RequiredError("--data or --db");
        });
    }
    cmd->add_flag("--verbose", o.verbose, "log stage timings to stderr");
    cmd->add_option("--lang", o.lang, "language of tables: vi (default) or en")
        ->check(CLI::IsMember({"vi", "en"}));
    cmd->add_option("--threads", o.threads,
                    "threads for work independent per subject: 1 or 2 (default); the output "
                    "is the same either way")
        ->check(CLI::Range(1, 2));
}

CLI::Validator year_check() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            int year = -1;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
            if (ec == std::errc() && end == text.data() + text.size() &&
                year >= limits::first_year && year <= limits::last_year)
                return {};
            return "'" + text + "' is not a year; write it as a whole number from " +
                   std::to_string(limits::first_year) + " to " + std::to_string(limits::last_year) +
                   ", such as 2021";
        },
        "YEAR");
}

void add_format_option(CLI::App* cmd, CommonOptions& o, std::vector<std::string> choices) {
    std::string help;
    for (const auto& c : choices)
        help += (help.empty() ? "" : ", ") + c;
    cmd->add_option("--format", o.format, help)->check(CLI::IsMember(choices));
}

void add_output_option(CLI::App* cmd, CommonOptions& o) {
    cmd->add_option("-o,--output", o.output,
                    "write to FILE instead of stdout (required with --format xlsx); written "
                    "under a temporary name and renamed, so it is complete or untouched");
}

std::optional<int> check_output_options(const CommonOptions& o) {
    if (o.format == "xlsx" && o.output.empty())
        return input_error("--format xlsx writes a workbook: give the file with -o FILE.xlsx");
    return std::nullopt;
}

int emit(const CommonOptions& o, const std::string& text) {
    if (o.output.empty()) {
        std::cout << text; // whole output at once: complete or absent
        return exit_ok;
    }
    Diagnostics diags;
    if (!io::write_file(o.output, text, diags)) return write_failed(diags);
    return exit_ok;
}

int write_failed(const Diagnostics& diags) {
    print_diagnostics(diags);
    std::cerr << "commend: nothing was written\n";
    return exit_input;
}

int input_error(const std::string& message) {
    std::cerr << "commend: error: " << message << "\n";
    return exit_input;
}

void print_diagnostics(const Diagnostics& diags) {
    std::cerr << report::diagnostics_text(diags);
}

std::optional<Workspace> load_workspace(const CommonOptions& o, bool with_data,
                                        Diagnostics& diags) {
    set_worker_threads(o.threads);
    std::optional<Workspace> ws;
    if (with_data && !o.db.empty()) {
        auto store = HistoryStore::open(o.db, HistoryStore::Mode::read, diags);
        if (store) {
            StoreDataSource source(*store);
            ws = commend::open_workspace(o.rules, &source, diags, o.through_year);
        }
    } else {
        CsvDataSource source(o.data);
        const bool data = with_data && !o.data.empty();
        ws = commend::open_workspace(o.rules, data ? &source : nullptr, diags, o.through_year);
    }
    return ws;
}

std::optional<Workspace> open_workspace(const CommonOptions& o, bool with_data) {
    Diagnostics diags;
    auto ws = load_workspace(o, with_data, diags);
    print_diagnostics(diags);
    if (!ws)
        std::cerr << "commend: " << diags.error_count() << " error"
                  << (diags.error_count() == 1 ? "" : "s") << "; nothing was evaluated\n";
    return ws;
}

report::Language language(const CommonOptions& o) {
    return o.lang == "en" ? report::Language::en : report::Language::vi;
}

StageTimer::StageTimer(std::string stage)
    : stage_(std::move(stage)), start_(std::chrono::steady_clock::now()) {}

StageTimer::~StageTimer() {
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
                  .count();
    spdlog::info("{}: {:.1f} ms", stage_, ms);
}

} // namespace commend::cli
