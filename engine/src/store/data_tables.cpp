// The data tables of the store: importing subjects.csv, evaluations.csv and awards.csv (the
// last as ledger entries), and reading them back as the CsvTables they were.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "data/csv_load.hpp"
#include "store/store_impl.hpp"

namespace commend::store {

namespace {

constexpr std::size_t max_row_errors = 20; // a damaged table is not reported row by row

/// {"id":"cb-01",…}: every non-empty cell of `row`, keyed by `keys` (the header names, each
/// already written as a JSON string followed by ':'). Reuses `out`'s buffer.
void cells_json(std::string& out, const std::vector<std::string>& keys, CsvTable::Row row) {
    out.clear();
    out.push_back('{');
    bool first = true;
    for (std::size_t c = 0; c < row.size(); ++c) {
        if (row[c].text.empty()) continue;
        if (!first) out.push_back(',');
        first = false;
        out += keys[c];
        append_json_string(out, row[c].text);
    }
    out.push_back('}');
}

std::vector<std::string> json_keys(const CsvTable& t) {
    std::vector<std::string> keys;
    for (const auto& h : t.header) {
        std::string k;
        append_json_string(k, h.text);
        keys.push_back(k + ":");
    }
    return keys;
}

void insert_data_file(SQLite::Database& db, const char* file, const CsvTable& t,
                      const std::string& now) {
    nlohmann::json header = nlohmann::json::array();
    for (const auto& h : t.header)
        header.push_back(h.text);
    SQLite::Statement q(db, "INSERT INTO data_file(file, source, delimiter, header_line, header, "
                            "imported_at) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, file);
    q.bind(2, t.file);
    q.bind(3, std::string(1, t.delimiter));
    q.bind(4, t.header.empty() ? 1 : t.header.front().line);
    q.bind(5, header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    q.bind(6, now);
    q.exec();
}

/// Binds a view of a table's text (SQLite keeps its own copy).
void bind_text(SQLite::Statement& q, int index, std::string_view text) {
    q.bind(index, std::string(text));
}

/// The column of `name`, which must be there (the tables were validated).
std::size_t column(const CsvTable& t, std::string_view name) {
    return *t.column(name);
}

void insert_subjects(SQLite::Database& db, const CsvTable& t) {
    SQLite::Statement q(db, "INSERT INTO subject(row, line, id, name, kind, parent, cells) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)");
    const auto keys = json_keys(t);
    const std::size_t c_id = column(t, "id"), c_name = column(t, "name"),
                      c_kind = column(t, "kind");
    const auto c_parent = t.column("parent");
    std::string json;
    std::int64_t n = 0;
    for (const auto& row : t.rows()) {
        cells_json(json, keys, row);
        q.reset();
        q.bind(1, ++n);
        q.bind(2, row.line());
        bind_text(q, 3, row[c_id].text);
        bind_text(q, 4, row[c_name].text);
        bind_text(q, 5, row[c_kind].text);
        if (c_parent && !row[*c_parent].text.empty())
            bind_text(q, 6, row[*c_parent].text);
        else
            q.bind(6);
        q.bindNoCopy(7, json);
        q.exec();
    }
}

void insert_evaluations(SQLite::Database& db, const CsvTable& t) {
    SQLite::Statement q(db, "INSERT INTO evaluation(row, line, subject, year, cells) "
                            "VALUES (?, ?, ?, ?, ?)");
    const auto keys = json_keys(t);
    const std::size_t c_subject = column(t, "subject"), c_year = column(t, "year");
    std::string json;
    std::int64_t n = 0;
    for (const auto& row : t.rows()) {
        cells_json(json, keys, row);
        q.reset();
        q.bind(1, ++n);
        q.bind(2, row.line());
        bind_text(q, 3, row[c_subject].text);
        q.bind(4, csv_load::parse_year(row[c_year].text).value_or(0));
        q.bindNoCopy(5, json);
        q.exec();
    }
}

/// What an import does with awards.csv: which rows become ledger entries, which effective
/// grants it lacks.
struct AwardsPlan {
    std::vector<LedgerEntry> ledger;        ///< every entry now
    std::vector<std::size_t> effective;     ///< the effective grants now (ledger index, seq order)
    std::vector<std::size_t> kept;          ///< those awards.csv lacks (ledger index, seq order)
    std::vector<LedgerEntry> new_entries;   ///< grants to append (seq etc. not yet set)
    std::vector<std::size_t> rows;          ///< awards.csv row of each new entry
    std::vector<std::size_t> same_key_rows; ///< awards.csv rows already effective
    std::vector<std::size_t> same_key_entries; ///< … and their ledger index
};

/// The columns of awards.csv beyond subject, year, award and decision, in header order.
std::vector<std::string> extra_columns(const std::vector<std::string>& header) {
    std::vector<std::string> out;
    for (const auto& h : header)
        if (h != "subject" && h != "year" && h != "award" && h != "decision") out.push_back(h);
    return out;
}

AwardsPlan plan_awards(SQLite::Database& db, const std::optional<CsvTable>& awards) {
    AwardsPlan p;
    p.ledger = read_ledger(db);
    const auto index = effective_index(p.ledger);
    for (const auto& [key, i] : index)
        p.effective.push_back(i);
    std::sort(p.effective.begin(), p.effective.end());

    std::vector<bool> in_csv(p.ledger.size());
    if (awards) {
        const CsvTable& t = *awards;
        const std::size_t c_subject = column(t, "subject"), c_year = column(t, "year"),
                          c_award = column(t, "award");
        const auto c_decision = t.column("decision");
        std::vector<std::size_t> extra;
        for (std::size_t c = 0; c < t.header.size(); ++c)
            if (c != c_subject && c != c_year && c != c_award && (!c_decision || c != *c_decision))
                extra.push_back(c);
        for (std::size_t r = 0; r < t.rows().size(); ++r) {
            const auto& row = t.rows()[r];
            const int year = csv_load::parse_year(row[c_year].text).value_or(0);
            auto it = index.find(
                {std::string(row[c_subject].text), year, std::string(row[c_award].text)});
            if (it != index.end()) {
                in_csv[it->second] = true;
                p.same_key_rows.push_back(r);
                p.same_key_entries.push_back(it->second);
                continue;
            }
            LedgerEntry e;
            e.action = LedgerEntry::Action::grant;
            e.subject = row[c_subject].text;
            e.year = year;
            e.award = row[c_award].text;
            if (c_decision) e.decision = row[*c_decision].text;
            e.origin = "import";
            std::string json;
            for (std::size_t c : extra) {
                if (row[c].text.empty()) continue;
                json += json.empty() ? "{" : ",";
                append_json_string(json, t.header[c].text);
                json += ':';
                append_json_string(json, row[c].text);
            }
            if (!json.empty()) e.extra = json + "}";
            p.new_entries.push_back(std::move(e));
            p.rows.push_back(r);
        }
    }
    for (std::size_t i : p.effective)
        if (!in_csv[i]) p.kept.push_back(i);
    return p;
}

/// The extra columns of an entry, as a JSON value (an empty object when it has none).
nlohmann::json extra_json(const std::string& extra) {
    if (extra.empty()) return nlohmann::json::object();
    return nlohmann::json::parse(extra, nullptr, false);
}

} // namespace

std::optional<StoredFile> read_data_file(SQLite::Database& db, const char* file) {
    SQLite::Statement q(db, "SELECT delimiter, header_line, header FROM data_file WHERE file = ?");
    q.bind(1, file);
    if (!q.executeStep()) return std::nullopt;
    StoredFile f;
    f.file = file;
    f.delimiter = q.getColumn(0).getString() == ";" ? ';' : ',';
    f.header_line = q.getColumn(1).getInt();
    auto header = nlohmann::json::parse(q.getColumn(2).getString(), nullptr, false);
    if (!header.is_array()) return std::nullopt;
    for (const auto& h : header)
        f.header.push_back(h.is_string() ? h.get<std::string>() : h.dump());
    return f;
}

bool read_rows(Connection& c, const char* table, const StoredFile& f, Diagnostics& diags,
               const std::function<void(int line, std::vector<std::string>& cells)>& row) {
    SQLite::Statement q(c.db, std::string("SELECT line, cells FROM ") + table + " ORDER BY row");
    const std::string name = c.table_name(f.file);
    const std::size_t width = f.header.size();
    std::vector<std::string> cells(width);
    JsonTexts json;
    std::size_t errors = 0;
    while (q.executeStep()) {
        const int line = q.getColumn(0).getInt();
        auto text = q.getColumn(1);
        const std::string_view cells_text(static_cast<const char*>(text.getBlob()),
                                          static_cast<std::size_t>(text.getBytes()));
        for (auto& cell : cells)
            cell.clear();
        std::string problem;
        if (!json.parse(cells_text)) {
            problem = "its cells are not a JSON object of texts";
        } else {
            std::size_t next = 0; // members are in header order unless somebody rewrote them
            for (std::size_t m = 0; m < json.size() && problem.empty(); ++m) {
                const std::string& key = json.key(m);
                std::size_t col = next < width && f.header[next] == key ? next : width;
                for (std::size_t k = 0; col == width && k < width; ++k)
                    if (f.header[k] == key) col = k;
                if (col == width)
                    problem = "its cells name a column \"" + key + "\" that the header lacks";
                else
                    cells[col].swap(json.value(m));
                next = col + 1;
            }
        }
        if (!problem.empty()) {
            if (++errors <= max_row_errors)
                diags.error("store.bad-row", {name, line, 0},
                            "the stored row of line " + std::to_string(line) +
                                " is damaged: " + problem + "; import the data set again");
            continue;
        }
        row(line, cells);
    }
    return errors == 0;
}

CsvTable awards_table(const std::vector<const LedgerEntry*>& grants,
                      const std::vector<std::string>& extra_columns, const std::string& file,
                      char delimiter) {
    CsvTable t;
    t.file = file;
    t.delimiter = delimiter;
    t.decimal_comma = delimiter == ';';
    std::vector<std::string> header = {"subject", "year", "award", "decision"};
    for (const auto& c : extra_columns)
        if (std::find(header.begin(), header.end(), c) == header.end()) header.push_back(c);
    // Extra columns of entries from an earlier awards.csv, first seen first.
    std::vector<nlohmann::json> extras;
    extras.reserve(grants.size());
    for (const LedgerEntry* e : grants) {
        extras.push_back(extra_json(e->extra));
        if (!extras.back().is_object()) continue;
        for (const auto& [key, value] : extras.back().items())
            if (std::find(header.begin(), header.end(), key) == header.end()) header.push_back(key);
    }
    for (std::size_t c = 0; c < header.size(); ++c)
        t.header.push_back({header[c], 0, static_cast<int>(c + 1)});
    t.reserve(grants.size(), 0);
    std::vector<std::string> texts(header.size());
    std::vector<CsvField> row(header.size());
    for (std::size_t g = 0; g < grants.size(); ++g) {
        const LedgerEntry& e = *grants[g];
        const int line = static_cast<int>(e.seq);
        texts[0] = e.subject;
        texts[1] = std::to_string(e.year);
        texts[2] = e.award;
        texts[3] = e.decision;
        for (std::size_t c = 4; c < header.size(); ++c) {
            texts[c].clear();
            const nlohmann::json& x = extras[g];
            if (x.is_object()) {
                auto it = x.find(header[c]);
                if (it != x.end()) texts[c] = it->is_string() ? it->get<std::string>() : it->dump();
            }
        }
        for (std::size_t c = 0; c < header.size(); ++c)
            row[c] = {texts[c], line, static_cast<int>(c + 1)};
        t.add_row(line, row);
    }
    return t;
}

namespace {

/// The delimiter and extra columns the awards table is written with: those of the last
/// imported awards.csv, else subjects.csv's delimiter.
std::pair<char, std::vector<std::string>> awards_format(SQLite::Database& db) {
    if (auto f = read_data_file(db, awards_file)) return {f->delimiter, extra_columns(f->header)};
    if (auto f = read_data_file(db, subjects_file)) return {f->delimiter, {}};
    return {',', {}};
}

} // namespace

CsvTable stored_awards_table(Connection& c) {
    const auto ledger = read_ledger(c.db);
    std::vector<std::size_t> index;
    for (const auto& [key, i] : effective_index(ledger))
        index.push_back(i);
    std::sort(index.begin(), index.end());
    std::vector<const LedgerEntry*> grants;
    for (std::size_t i : index)
        grants.push_back(&ledger[i]);
    auto [delimiter, extra] = awards_format(c.db);
    return awards_table(grants, extra, c.table_name(awards_file), delimiter);
}

} // namespace commend::store

namespace commend {

namespace {

/// The structure import_tables relies on, which load_data_tables has checked; a caller that
/// skipped it gets an error rather than a half-made store.
bool check_structure(const DataTables& tables, const std::string& path, Diagnostics& diags) {
    const std::size_t before = diags.error_count();
    auto check = [&](const CsvTable& t, std::initializer_list<std::string_view> required) {
        for (std::size_t i = 0; i < t.header.size(); ++i) {
            bool repeated = false;
            for (std::size_t k = 0; k < i; ++k)
                repeated = repeated || t.header[k].text == t.header[i].text;
            if (t.header[i].text.empty() || repeated)
                diags.error("store.not-validated", {path, 0, 0},
                            t.file + " has an empty or repeated column name; validate the data "
                                     "set (load_data_tables) before importing it");
        }
        for (std::string_view name : required)
            if (!t.column(name))
                diags.error("store.not-validated", {path, 0, 0},
                            t.file + " lacks the column \"" + std::string(name) +
                                "\"; validate the data set before importing it");
        for (const auto& row : t.rows())
            if (row.size() != t.header.size()) {
                diags.error("store.not-validated", {path, 0, 0},
                            t.file + " has a row whose cells do not match its header");
                break;
            }
    };
    check(tables.subjects, {"id", "name", "kind"});
    check(tables.evaluations, {"subject", "year"});
    if (tables.awards) check(*tables.awards, {"subject", "year", "award"});
    return diags.error_count() == before;
}

} // namespace

ImportPreview HistoryStore::preview_import(const DataTables& tables) const {
    return impl_->c.reading([&] { return preview(tables); });
}

ImportPreview HistoryStore::preview(const DataTables& tables) const {
    store::Connection& c = impl_->c;
    store::AwardsPlan p = store::plan_awards(c.db, tables.awards);
    ImportPreview out;
    for (std::size_t i : p.kept)
        out.kept.push_back(p.ledger[i]);
    out.new_entries = p.new_entries.size();
    // After the import: the effective grants in seq order, then the new entries.
    std::vector<const LedgerEntry*> grants;
    for (std::size_t i : p.effective)
        grants.push_back(&p.ledger[i]);
    std::int64_t seq = p.ledger.empty() ? 0 : p.ledger.back().seq;
    for (auto& e : p.new_entries) {
        e.seq = ++seq;
        grants.push_back(&e);
    }
    const char delimiter = tables.awards ? tables.awards->delimiter : tables.subjects.delimiter;
    std::vector<std::string> extra;
    if (tables.awards)
        for (const auto& h : tables.awards->header)
            extra.push_back(h.text);
    out.awards = store::awards_table(grants, store::extra_columns(extra),
                                     c.table_name(store::awards_file), delimiter);
    return out;
}

bool HistoryStore::import_tables(const DataTables& tables, std::vector<LedgerEntry>& kept,
                                 Diagnostics& diags) {
    store::Connection& c = impl_->c;
    const SourcePos where{c.path, 0, 0};
    if (c.mode == Mode::read) {
        diags.error("store.read-only", where, "opened for reading only; nothing was imported");
        return false;
    }
    if (!check_structure(tables, c.path, diags)) return false;
    try {
        SQLite::Transaction tx(c.db, SQLite::TransactionBehavior::IMMEDIATE);
        c.db.exec("DELETE FROM subject; DELETE FROM evaluation; DELETE FROM data_file;");
        const std::string now = c.now();
        store::insert_data_file(c.db, store::subjects_file, tables.subjects, now);
        store::insert_data_file(c.db, store::evaluations_file, tables.evaluations, now);
        if (tables.awards) store::insert_data_file(c.db, store::awards_file, *tables.awards, now);
        store::insert_subjects(c.db, tables.subjects);
        store::insert_evaluations(c.db, tables.evaluations);

        store::AwardsPlan p = store::plan_awards(c.db, tables.awards);
        if (tables.awards) {
            // A row for a grant that is effective already is not recorded again; say so when
            // it differs from the entry, as the difference would otherwise vanish unseen.
            const CsvTable& t = *tables.awards;
            const auto c_decision = t.column("decision");
            const auto extras = store::extra_columns([&] {
                std::vector<std::string> h;
                for (const auto& cell : t.header)
                    h.push_back(cell.text);
                return h;
            }());
            for (std::size_t k = 0; k < p.same_key_rows.size(); ++k) {
                const auto& row = t.rows()[p.same_key_rows[k]];
                const LedgerEntry& e = p.ledger[p.same_key_entries[k]];
                const std::string decision =
                    c_decision ? std::string(row[*c_decision].text) : std::string();
                nlohmann::json extra = nlohmann::json::object();
                for (const auto& name : extras)
                    if (const auto& text = row[*t.column(name)].text; !text.empty())
                        extra[name] = text;
                if (decision == e.decision && extra == store::extra_json(e.extra)) continue;
                diags.warning("store.award-differs", t.pos(row),
                              "ledger entry " + std::to_string(e.seq) + " records this award" +
                                  (decision != e.decision
                                       ? " with decision \"" + e.decision + "\""
                                       : std::string(" with other extra columns")) +
                                  "; the row was not recorded again; to change the entry, "
                                  "revoke it (commend revoke --entry " +
                                  std::to_string(e.seq) + ") and import again");
            }
        }
        kept.clear();
        for (std::size_t i : p.kept)
            kept.push_back(p.ledger[i]);
        if (!store::append_entries(c, p.new_entries, diags)) return false; // rolled back
        tx.commit();
        return true;
    } catch (const SQLite::Exception& e) {
        diags.error("store.write-failed", where,
                    std::string("cannot write the history store: ") + e.what() +
                        "; nothing was imported");
        return false;
    }
}

std::optional<DataTables> HistoryStore::read_tables(Diagnostics& diags) const {
    store::Connection& c = impl_->c;
    try {
        auto subjects = store::read_data_file(c.db, store::subjects_file);
        auto evaluations = store::read_data_file(c.db, store::evaluations_file);
        if (!subjects || !evaluations) {
            diags.error("store.no-data", {c.path, 0, 0},
                        "no data set was imported into this history store yet; import one with "
                        "`commend import DATA_DIR --db " +
                            c.path + "`");
            return std::nullopt;
        }
        DataTables out;
        out.source = c.path;
        auto read = [&](const store::StoredFile& f, const char* table, CsvTable& t) {
            t.file = c.table_name(f.file);
            t.delimiter = f.delimiter;
            t.decimal_comma = f.delimiter == ';';
            for (std::size_t i = 0; i < f.header.size(); ++i)
                t.header.push_back({f.header[i], f.header_line, static_cast<int>(i + 1)});
            // `row` is the rowid: its maximum is found without a scan.
            t.reserve(static_cast<std::size_t>(
                          c.db.execAndGet(std::string("SELECT coalesce(max(row), 0) FROM ") + table)
                              .getInt64()),
                      0);
            std::vector<CsvField> row;
            return store::read_rows(c, table, f, diags,
                                    [&](int line, std::vector<std::string>& cells) {
                                        row.resize(cells.size());
                                        for (std::size_t i = 0; i < cells.size(); ++i)
                                            row[i] = {cells[i], line, static_cast<int>(i + 1)};
                                        t.add_row(line, row);
                                    });
        };
        const bool ok_subjects = read(*subjects, "subject", out.subjects);
        const bool ok_evaluations = read(*evaluations, "evaluation", out.evaluations);
        if (!ok_subjects || !ok_evaluations) return std::nullopt;
        out.awards = store::stored_awards_table(c);
        return out;
    } catch (const SQLite::Exception& e) {
        diags.error("store.read-failed", {c.path, 0, 0},
                    std::string("cannot read the history store: ") + e.what());
        return std::nullopt;
    }
}

} // namespace commend
