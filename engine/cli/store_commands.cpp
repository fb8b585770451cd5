// `commend import | export | verify | revoke | migrate`: the history store's own commands
// (docs/history-store.md).
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "commend/data/csv_source.hpp"
#include "commend/store/history_store.hpp"

namespace commend::cli {

namespace {

namespace fs = std::filesystem;

struct StoreOptions {
    std::string dir, db, rules, expect, format = "table", decision, reason, date, subject, award;
    std::int64_t entry = 0;
    int year = 0;
    bool verbose = false;
};

/// 3042 → "3,042".
std::string count(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
    return count(n) + " " + (n == 1 ? one : many);
}

/// SOURCE_DATE_EPOCH, when set, fixes the recorded_at of the entries written (reproducible
/// runs and tests).
void apply_clock(HistoryStore& store) {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !*epoch) return;
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || seconds < 0) return;
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    store.set_recorded_at(buf);
}

int fail(const Diagnostics& diags, const std::string& what) {
    print_diagnostics(diags);
    std::cerr << "commend: " << plural(diags.error_count(), "error", "errors") << "; " << what
              << "\n";
    return exit_input;
}

/// A data source over tables already read, so that import validates exactly as a run with
/// --data would (open_workspace's stages).
class TablesSource : public DataSource {
  public:
    explicit TablesSource(const DataTables& tables) : tables_(tables) {}
    std::optional<DataSet> load(const DataSchema& schema, Diagnostics& diags) override {
        return load_data_tables(tables_, schema, diags);
    }

  private:
    const DataTables& tables_;
};

std::string describe(const LedgerEntry& e) {
    return "\"" + e.award + "\" for \"" + e.subject + "\" in " + std::to_string(e.year);
}

int run_import(const StoreOptions& o) {
    Diagnostics diags;
    std::optional<DataTables> tables;
    {
        StageTimer t("read " + o.dir);
        tables = CsvDataSource(o.dir).read_tables(diags);
    }
    // Validate as every command reading the data will: against the rules' schema and columns
    // when --rules is given, else against no schema (types inferred).
    std::optional<Workspace> ws;
    if (tables) {
        StageTimer t("validate");
        if (!o.rules.empty()) {
            TablesSource source(*tables);
            ws = commend::open_workspace(o.rules, &source, diags);
        } else {
            Diagnostics data_diags;
            if (load_data_tables(*tables, DataSchema{}, data_diags)) ws.emplace();
            data_diags.sort();
            diags.append(data_diags);
        }
    }
    if (!tables || !ws || diags.has_errors()) return fail(diags, "nothing was imported");

    // The store as it is now, read only: a file that is not a store is refused untouched,
    // and the grants the ledger keeps must still fit the new data set.
    std::error_code ec;
    const bool existed = fs::exists(o.db, ec);
    // An empty file (as mktemp makes) becomes a store like a missing one.
    const bool has_store =
        existed && !(fs::is_regular_file(o.db, ec) && fs::file_size(o.db, ec) == 0);
    if (has_store) {
        auto current = HistoryStore::open(o.db, HistoryStore::Mode::read, diags);
        if (!current) return fail(diags, "nothing was imported");
        ImportPreview preview = current->preview_import(*tables);
        if (!preview.kept.empty()) {
            // The data set as it will read after the import: its awards.csv is the ledger's.
            std::optional<CsvTable> awards(std::move(preview.awards));
            std::swap(tables->awards, awards);
            Diagnostics kept_diags;
            load_data_tables(*tables, ws->rules.schema, kept_diags);
            std::swap(tables->awards, awards);
            if (kept_diags.has_errors()) {
                for (const auto& d : kept_diags.items())
                    if (d.severity == Severity::error) diags.add(d);
                std::cerr << report::diagnostics_text(diags);
                std::cerr << "commend: the ledger grants awards that " << o.dir
                          << "/awards.csv lacks (each line of " << o.db
                          << "[awards.csv] is a ledger entry), and the new data set does not fit "
                             "them; keep their subjects and years in the data, or revoke them "
                             "first with `commend revoke --db "
                          << o.db << " --entry N`; nothing was imported\n";
                return exit_input;
            }
        }
    }

    auto store = HistoryStore::open(
        o.db, has_store ? HistoryStore::Mode::write : HistoryStore::Mode::create, diags);
    if (!store) return fail(diags, "nothing was imported");
    apply_clock(*store);
    const auto before = store->ledger().size();
    std::vector<LedgerEntry> kept;
    bool ok = false;
    {
        StageTimer t("write " + o.db);
        ok = store->import_tables(*tables, kept, diags);
    }
    const auto after = ok ? store->ledger().size() : before;
    store.reset();
    if (!ok) {
        if (!existed) { // a failed first import leaves no file behind
            fs::remove(o.db, ec);
            fs::remove(o.db + "-journal", ec);
        }
        return fail(diags, "nothing was imported");
    }
    if (!kept.empty() && !tables->awards) {
        diags.warning("store.grants-kept", {o.dir, 0, 0},
                      "the folder has no awards.csv; the ledger's " +
                          plural(kept.size(), "effective grant stays", "effective grants stay"));
    } else if (!kept.empty()) {
        constexpr std::size_t shown = 10; // one by one up to here, then counted
        for (std::size_t i = 0; i < kept.size() && i < shown; ++i)
            diags.warning("store.grant-kept", {tables->awards->file, 0, 0},
                          "lacks " + describe(kept[i]) + ", which ledger entry " +
                              std::to_string(kept[i].seq) +
                              " grants; the grant stays (commend revoke --db " + o.db +
                              " --entry " + std::to_string(kept[i].seq) + " … withdraws it)");
        if (kept.size() > shown)
            diags.warning("store.grant-kept", {tables->awards->file, 0, 0},
                          "lacks " + count(kept.size() - shown) +
                              " more effective grants of the ledger; they stay (`commend "
                              "export` writes them all)");
    }
    print_diagnostics(diags);
    const std::size_t awards = tables->awards ? tables->awards->rows().size() : 0;
    std::cout << "imported " << plural(tables->subjects.rows().size(), "subject", "subjects")
              << ", "
              << plural(tables->evaluations.rows().size(), "evaluation row", "evaluation rows")
              << ", " << plural(awards, "award", "awards") << " ("
              << plural(after - before, "new ledger entry", "new ledger entries") << ") into "
              << o.db << "\n";
    return exit_ok;
}

int run_export(const StoreOptions& o) {
    Diagnostics diags;
    auto store = HistoryStore::open(o.db, HistoryStore::Mode::read, diags);
    if (!store) return fail(diags, "nothing was exported");
    bool ok = false;
    {
        StageTimer t("export to " + o.dir);
        ok = store->export_tables(o.dir, diags);
    }
    if (!ok) return fail(diags, "nothing was exported");
    print_diagnostics(diags);
    std::cout << "exported subjects.csv, evaluations.csv and awards.csv to " << o.dir << "\n";
    return exit_ok;
}

int run_verify(const StoreOptions& o) {
    Diagnostics diags;
    auto store = HistoryStore::open(o.db, HistoryStore::Mode::read, diags);
    if (!store) return fail(diags, "nothing was verified");
    LedgerVerification v;
    try {
        StageTimer t("verify");
        v = store->verify();
    } catch (const std::exception& e) {
        diags.error("store.read-failed", {o.db, 0, 0},
                    std::string("cannot read the ledger: ") + e.what());
        return fail(diags, "nothing was verified");
    }
    // --expect: a head hash written down earlier must still be the hash of an entry of the
    // chain (later appends are fine; a rewrite of the chain up to it is not).
    std::optional<std::int64_t> expected_at;
    if (!o.expect.empty())
        for (const auto& e : store->ledger())
            if (e.hash == o.expect) expected_at = e.seq;
    if (!o.expect.empty() && !expected_at)
        v.problems.push_back({0, "rewritten",
                              "no entry has the expected hash " + o.expect +
                                  ": the ledger was rewritten up to where that hash was written "
                                  "down (or the hash is mistyped)"});

    if (o.format == "json") {
        report::Json problems = report::Json::array();
        for (const auto& p : v.problems)
            problems.push_back({{"seq", p.seq}, {"kind", p.kind}, {"message", p.message}});
        report::Json out = {
            {"entries", v.entries},
            {"head", v.head_hash.empty() ? report::Json() : report::Json(v.head_hash)}};
        if (!o.expect.empty())
            out["expect"] = {{"hash", o.expect},
                             {"entry", expected_at ? report::Json(*expected_at) : report::Json()}};
        out["ok"] = v.ok();
        out["problems"] = problems;
        std::cout << out.dump(2) << "\n";
    } else {
        std::string out =
            "ledger: " + plural(static_cast<std::size_t>(v.entries), "entry", "entries") +
            "\nhead:   " + (v.head_hash.empty() ? "(empty)" : v.head_hash) + "\n";
        if (expected_at)
            out += "expect: " + o.expect + " is entry " + std::to_string(*expected_at) + "\n";
        for (const auto& p : v.problems)
            out += (p.seq > 0 ? "entry " + std::to_string(p.seq) : std::string("ledger")) + ": " +
                   p.kind + ": " + p.message + "\n";
        if (v.ok())
            out += "ok: the hash chain holds" +
                   std::string(expected_at ? " up to and past the expected hash" : "") +
                   "; to prove later that nothing up to here changed, write the head hash "
                   "down elsewhere and run `commend verify --db " +
                   o.db + " --expect HASH`\n";
        else
            out += "not ok: " + plural(v.problems.size(), "problem", "problems") +
                   "; the ledger was changed behind commend's back — restore it from a "
                   "backup\n";
        std::cout << out;
    }
    return v.ok() ? exit_ok : exit_violation;
}

int run_revoke(const StoreOptions& o) {
    if (!o.date.empty() && !is_calendar_date(o.date))
        return input_error("--date " + o.date +
                           " is not a calendar date; write it YYYY-MM-DD, e.g. 2022-03-15");
    const bool by_entry = o.entry != 0;
    const bool by_key = !o.subject.empty() || o.year != 0 || !o.award.empty();
    if (by_entry == by_key)
        return input_error("name the grant to revoke either with --entry N or with --subject, "
                           "--year and --award");
    if (by_key && (o.subject.empty() || o.year == 0 || o.award.empty()))
        return input_error("--subject, --year and --award name a grant together; give all three");
    if (o.reason.empty()) return input_error("--reason is empty; say why the grant is revoked");
    if (o.decision.empty())
        return input_error("--decision is empty; give the reference of the decision that "
                           "revokes it");

    Diagnostics diags;
    auto store = HistoryStore::open(o.db, HistoryStore::Mode::write, diags);
    if (!store) return fail(diags, "nothing was revoked");
    apply_clock(*store);
    const auto grants = store->effective_grants();
    const LedgerEntry* grant = nullptr;
    for (const auto& g : grants)
        if (by_entry ? g.seq == o.entry
                     : g.subject == o.subject && g.year == o.year && g.award == o.award)
            grant = &g;
    if (!grant)
        return input_error(
            (by_entry ? "entry " + std::to_string(o.entry) +
                            " is not an effective grant (no such entry, not a grant, or revoked "
                            "already)"
                      : "\"" + o.award + "\" for \"" + o.subject + "\" in " +
                            std::to_string(o.year) + " is not an effective grant") +
            "; nothing was revoked" +
            (by_entry ? std::string(" (--subject, --year and --award name a grant without "
                                    "its entry number)")
                      : std::string()));
    LedgerEntry e;
    e.action = LedgerEntry::Action::revoke;
    e.revokes = grant->seq;
    e.decision = o.decision;
    e.decided_on = o.date;
    e.origin = "revoke";
    e.reason = o.reason;
    auto stored = store->append({e}, diags);
    if (!stored) return fail(diags, "nothing was revoked");
    print_diagnostics(diags);
    const LedgerEntry& r = stored->front();
    std::cout << "entry " << r.seq << " revokes entry " << grant->seq << ": " << describe(*grant)
              << "\nhead: " << r.hash << "\n";
    return exit_ok;
}

int run_migrate(const StoreOptions& o) {
    Diagnostics diags;
    auto store = HistoryStore::open(o.db, HistoryStore::Mode::write, diags);
    if (!store) return fail(diags, "nothing was migrated");
    print_diagnostics(diags);
    std::cout << o.db << ": schema " << store_schema_version << "\n";
    return exit_ok;
}

CLI::Option* db_option(CLI::App* cmd, StoreOptions& o) {
    return cmd->add_option("--db", o.db, "history store (SQLite file)")->required();
}

} // namespace

void add_store_commands(CLI::App& app, Commands& commands) {
    static StoreOptions o; // bound to the options; only the parsed command reads them

    auto* import = app.add_subcommand(
        "import", "validate a data folder and store it (and its awards.csv as ledger entries) "
                  "in a history store, all or nothing");
    import->add_option("DIR", o.dir, "folder of subjects.csv, evaluations.csv, awards.csv")
        ->required();
    db_option(import, o)->description("history store (SQLite file); created when missing");
    import->add_option("--rules", o.rules, "validate against these rules' columns and types");
    import->add_flag("--verbose", o.verbose, "log stage timings to stderr");
    commands.push_back({import, [] { return run_import(o); }});

    auto* exp = app.add_subcommand(
        "export", "write the stored data set back as subjects.csv, evaluations.csv, awards.csv");
    db_option(exp, o);
    exp->add_option("DIR", o.dir, "folder to write into (created when missing)")->required();
    exp->add_flag("--verbose", o.verbose, "log stage timings to stderr");
    commands.push_back({exp, [] { return run_export(o); }});

    auto* verify =
        app.add_subcommand("verify", "check the award ledger's hash chain; exit 1 on any problem");
    db_option(verify, o);
    verify->add_option("--expect", o.expect,
                       "a head hash written down earlier, which must still be in the chain");
    verify->add_option("--format", o.format, "table, json")
        ->check(CLI::IsMember({"table", "json"}));
    verify->add_flag("--verbose", o.verbose, "log stage timings to stderr");
    commands.push_back({verify, [] { return run_verify(o); }});

    auto* revoke = app.add_subcommand(
        "revoke", "append a ledger entry that revokes an effective grant (the grant stays "
                  "in the ledger's history)");
    db_option(revoke, o);
    revoke->add_option("--entry", o.entry, "the seq of the grant's ledger entry");
    revoke->add_option("--subject", o.subject, "the grant's subject (with --year, --award)");
    revoke->add_option("--year", o.year, "the grant's year");
    revoke->add_option("--award", o.award, "the grant's award");
    revoke->add_option("--decision", o.decision, "the revoking decision's reference")->required();
    revoke->add_option("--reason", o.reason, "why the grant is revoked")->required();
    revoke->add_option("--date", o.date, "the revoking decision's date, YYYY-MM-DD");
    commands.push_back({revoke, [] { return run_revoke(o); }});

    auto* migrate = app.add_subcommand(
        "migrate", "bring a history store written by an older commend to this one's schema");
    db_option(migrate, o);
    commands.push_back({migrate, [] { return run_migrate(o); }});
}

} // namespace commend::cli
