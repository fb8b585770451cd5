// `commend record`: the awards a committee actually decided for a year, appended to the
// history store's ledger (commend/record/committee_decision.hpp says what is recorded).
#include <iostream>

#include "cli.hpp"
#include "commend/record/committee_decision.hpp"
#include "commend/store/history_store.hpp"

namespace commend::cli {

namespace {

struct RecordOptions {
    CommonOptions common;
    int year = 0;
    std::string decision, date, list;
    std::vector<std::string> awards;
};

report::Json entries_json(const std::vector<LedgerEntry>& entries) {
    report::Json out = report::Json::array();
    for (const auto& e : entries)
        out.push_back(
            {{"seq", e.seq},
             {"action", action_name(e.action)},
             {"subject", e.subject},
             {"award", e.award},
             {"difference", e.difference.empty() ? report::Json() : report::Json(e.difference)},
             {"reason", e.reason.empty() ? report::Json() : report::Json(e.reason)}});
    return out;
}

std::string entries_table(const Workspace& ws, const RecordOptions& ro,
                          const std::vector<LedgerEntry>& entries, report::Language lang) {
    const bool vi = lang == report::Language::vi;
    std::string out = (vi ? "Đã ghi nhận quyết định " : "Recorded decision ") + ro.decision +
                      (vi ? " cho năm " : " for ") + std::to_string(ro.year) + ": " +
                      std::to_string(entries.size()) + (vi ? " mục" : " entries") + "\n";
    for (const auto& e : entries) {
        auto s = ws.data.find_subject(e.subject);
        out += "  #" + std::to_string(e.seq) + " " + action_name(e.action) + " " + e.award + " " +
               e.subject + (s ? " " + ws.data.subjects[static_cast<std::size_t>(*s)].name : "");
        if (!e.difference.empty()) out += " [" + e.difference + "] " + e.reason;
        out += "\n";
    }
    return out;
}

int run_record(const RecordOptions& ro) {
    const CommonOptions& o = ro.common;
    if (!ro.date.empty() && !is_calendar_date(ro.date))
        return input_error("--date " + ro.date + " is not a date; write it YYYY-MM-DD");
    if (ro.decision.empty())
        return input_error("--decision is empty; give the decision's reference");

    Diagnostics diags;
    DecisionInput input{ro.decision, ro.date, ro.awards, std::nullopt, o.db};
    if (!ro.list.empty()) {
        input.list = read_csv(ro.list, ro.list, diags);
        if (!input.list) {
            print_diagnostics(diags);
            return exit_input;
        }
    }
    auto store = HistoryStore::open(o.db, HistoryStore::Mode::write, diags);
    std::optional<Workspace> ws;
    if (store) {
        StoreDataSource source(*store);
        ws = commend::open_workspace(o.rules, &source, diags, ro.year);
    }
    if (!ws) {
        print_diagnostics(diags);
        return exit_input;
    }
    if (ws->rules.in_force(ro.year).empty()) {
        print_diagnostics(diags);
        return input_error("no rule set is in force in " + std::to_string(ro.year) +
                           "; check --year or the rules' in_force");
    }
    YearResult run = evaluate_year(*ws, ro.year);
    auto planned = plan_decision(*ws, run, input, store->effective_grants(), diags);
    std::optional<std::vector<LedgerEntry>> stored;
    if (planned) stored = store->append(std::move(*planned), diags);
    print_diagnostics(diags);
    if (!stored) {
        std::cerr << "commend: nothing was recorded\n";
        return exit_input;
    }
    if (o.format == "json")
        std::cout << report::Json{{"year", ro.year},
                                  {"decision", ro.decision},
                                  {"entries", entries_json(*stored)}}
                         .dump(2)
                  << "\n";
    else
        std::cout << entries_table(*ws, ro, *stored, language(o));
    return exit_ok;
}

} // namespace

void add_record_command(CLI::App& app, Commands& commands) {
    static RecordOptions o; // bound to the options; only the parsed command reads them
    auto* record = app.add_subcommand(
        "record", "record in the history store the awards a committee decided for a year");
    record->add_option("--rules", o.common.rules, "rule file or folder of *.toml")->required();
    record->add_option("--db", o.common.db, "history store (SQLite) made by commend import")
        ->required();
    record->add_option("--year", o.year, "the evaluation year")->required()->check(year_check());
    record->add_option("--decision", o.decision, "the decision's reference, e.g. 125-QĐ/ĐUK")
        ->required();
    record->add_option("--date", o.date, "the decision's date, YYYY-MM-DD");
    record->add_option("--list", o.list,
                       "the committee's final list (CSV: subject, award, reason[, excluded]); "
                       "without it the run's selection is recorded");
    record->add_option("--award", o.awards, "only this award (repeatable)");
    record->add_flag("--verbose", o.common.verbose, "log stage timings to stderr");
    record->add_option("--lang", o.common.lang, "language of tables: vi (default) or en")
        ->check(CLI::IsMember({"vi", "en"}));
    add_format_option(record, o.common, {"table", "json"});
    commands.push_back({record, [] { return run_record(o); }});
}

} // namespace commend::cli
