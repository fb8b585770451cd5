// Tests of the history store (engine/src/store, docs/history-store.md): which files it opens
// and which it refuses untouched; the data tables read back and exported exactly as imported;
// the ledger's hash chain and what verify catches; a killed import leaving the old or the new
// data set; and --db giving the same results as --data on every shipped sample.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "commend/data/csv_source.hpp"
#include "commend/store/history_store.hpp"
#include "store/store_impl.hpp"

using namespace commend;
namespace fs = std::filesystem;

namespace {

/// A fresh temporary folder, removed at the end of the test.
struct Temp {
    fs::path path;
    Temp() {
        std::random_device rd;
        path = fs::temp_directory_path() /
               ("commend-store-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~Temp() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    Temp(const Temp&) = delete;
    Temp& operator=(const Temp&) = delete;
    fs::path operator/(const std::string& name) const { return path / name; }
    /// Writes `content` to `name` (folders created) and returns its path.
    std::string write(const std::string& name, std::string_view content) const {
        const fs::path file = path / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
        return file.string();
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Run {
    int status = -1;
    std::string out, err;
};

/// Runs the built `commend` with `args` inside `cwd`, with a fixed clock.
Run commend_run(const std::string& args, const fs::path& cwd) {
    static int n = 0;
    const fs::path out = cwd / (".out-" + std::to_string(++n)),
                   err = cwd / (".err-" + std::to_string(n));
    const std::string command = "cd '" + cwd.string() +
                                "' && SOURCE_DATE_EPOCH=1767225600 '" COMMEND_BINARY "' " + args +
                                " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int raw = std::system(command.c_str());
    Run r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

std::string diagnostics(const Diagnostics& d) {
    std::string out;
    for (const auto& x : d.items())
        out += x.pos.file + ":" + std::to_string(x.pos.line) + ": [" + x.code + "] " + x.message +
               "\n";
    return out;
}

bool has_code(const Diagnostics& d, std::string_view code) {
    for (const auto& x : d.items())
        if (x.code == code) return true;
    return false;
}

/// The folder's tables, read and validated (against no schema).
DataTables folder_tables(const fs::path& dir) {
    Diagnostics d;
    auto t = CsvDataSource(dir.string()).read_tables(d);
    INFO(diagnostics(d));
    REQUIRE(t);
    REQUIRE(load_data_tables(*t, DataSchema{}, d));
    REQUIRE_FALSE(d.has_errors());
    return std::move(*t);
}

std::unique_ptr<HistoryStore> open_store(const fs::path& db, HistoryStore::Mode mode) {
    Diagnostics d;
    auto s = HistoryStore::open(db.string(), mode, d);
    INFO(diagnostics(d));
    REQUIRE(s);
    s->set_recorded_at("2026-01-01T00:00:00Z");
    return s;
}

/// Imports `dir` into `db` (created when missing) and returns the grants it kept.
std::vector<LedgerEntry> import_folder(const fs::path& db, const fs::path& dir) {
    auto store = open_store(db, HistoryStore::Mode::create);
    Diagnostics d;
    std::vector<LedgerEntry> kept;
    const bool ok = store->import_tables(folder_tables(dir), kept, d);
    INFO(diagnostics(d));
    REQUIRE(ok);
    return kept;
}

DataTables stored_tables(const fs::path& db) {
    auto store = open_store(db, HistoryStore::Mode::read);
    Diagnostics d;
    auto t = store->read_tables(d);
    INFO(diagnostics(d));
    REQUIRE(t);
    return std::move(*t);
}

void export_store(const fs::path& db, const fs::path& dir) {
    auto store = open_store(db, HistoryStore::Mode::read);
    Diagnostics d;
    const bool ok = store->export_tables(dir.string(), d);
    INFO(diagnostics(d));
    REQUIRE(ok);
}

/// Same header names, rows and cell texts, delimiter; with `lines`, the same lines too.
void check_same_table(const CsvTable& a, const CsvTable& b, bool lines) {
    INFO(a.file << " vs " << b.file);
    CHECK(a.delimiter == b.delimiter);
    CHECK(a.decimal_comma == b.decimal_comma);
    REQUIRE(a.header.size() == b.header.size());
    for (std::size_t c = 0; c < a.header.size(); ++c) {
        CHECK(a.header[c].text == b.header[c].text);
        if (lines) CHECK(a.header[c].line == b.header[c].line);
    }
    REQUIRE(a.rows().size() == b.rows().size());
    for (std::size_t r = 0; r < a.rows().size(); ++r) {
        REQUIRE(a.rows()[r].size() == b.rows()[r].size());
        for (std::size_t c = 0; c < a.rows()[r].size(); ++c) {
            INFO("row " << r << " column " << c);
            CHECK(a.rows()[r][c].text == b.rows()[r][c].text);
            if (lines) CHECK(a.rows()[r][c].line == b.rows()[r].line());
        }
    }
}

void check_same_files(const fs::path& a, const fs::path& b) {
    for (const char* f : {"subjects.csv", "evaluations.csv", "awards.csv"}) {
        INFO(f);
        CHECK(slurp(a / f) == slurp(b / f));
    }
}

// A data set with what CSV makes hard: quoted delimiters, quotes and line breaks, Vietnamese
// text, blanks around a cell, empty cells, extra columns in awards.csv.
const std::string subjects_csv =
    "id,name,kind,parent,from,until,ghi_chu\n"
    "khoi,Đảng ủy Khối các cơ quan tỉnh,dang-uy-khoi,,,,\n"
    "cb-01,\"Chi bộ Sở Tài chính, Kế hoạch\",chi-bo,khoi,2018,,\"Ghi chú \"\"đặc biệt\"\"\"\n"
    "cb-02,Chi bộ Ăn Khê,chi-bo,khoi,,2020,\"dòng một\r\ndòng hai\"\n"
    "\n"
    "cb-03,  Chi bộ Ân Thi  ,chi-bo,khoi,,,\n";
const std::string evaluations_csv = "subject,year,rating,score,note\r\n"
                                    "khoi,2019,HTXSNV,12,\r\n"
                                    "cb-01,2019,HTTNV,1.5,\"a, b\"\r\n"
                                    "cb-01,2020,HTXSNV,,\r\n"
                                    "cb-02,2019,HTNV,3,\"x \"\"y\"\"\"\r\n"
                                    "cb-02,2020,KHTNV,,\r\n"
                                    "cb-03,2020,HTXSNV,7,Vượt chỉ tiêu\r\n";
const std::string awards_csv = "subject,year,award,decision,ghi_chu,so_tien\n"
                               "cb-01,2019,tieu-bieu,12-QĐ/ĐUK,\"Đợt 1, năm 2019\",\n"
                               "cb-02,2019,giay-khen,,,500000\n"
                               "khoi,2020,co-thi-dua,3-QĐ/TU,,\n";

// The same kind of data as Vietnamese-locale Excel writes it: `;`, decimal commas.
const std::string subjects_semicolon = "\xEF\xBB\xBFid;name;kind;parent;diem_chuan\r\n"
                                       "khoi;Đảng ủy Khối;dang-uy-khoi;;1.250,5\r\n"
                                       "cb-01;\"Chi bộ A; B\";chi-bo;khoi;0,57\r\n";
const std::string evaluations_semicolon = "subject;year;score;note\r\n"
                                          "khoi;2020;1.250,5;\r\n"
                                          "cb-01;2020;0,57;\"có ; dấu, và \"\"ngoặc\"\"\"\r\n";
const std::string awards_semicolon = "subject;year;award;decision\r\n"
                                     "cb-01;2020;tieu-bieu;7-QĐ/ĐUK\r\n";

void write_sample(const Temp& t, const std::string& dir) {
    t.write(dir + "/subjects.csv", subjects_csv);
    t.write(dir + "/evaluations.csv", evaluations_csv);
    t.write(dir + "/awards.csv", awards_csv);
}

void write_semicolon_sample(const Temp& t, const std::string& dir) {
    t.write(dir + "/subjects.csv", subjects_semicolon);
    t.write(dir + "/evaluations.csv", evaluations_semicolon);
    t.write(dir + "/awards.csv", awards_semicolon);
}

LedgerEntry grant(std::string subject, int year, std::string award, std::string origin = "run") {
    LedgerEntry e;
    e.action = LedgerEntry::Action::grant;
    e.subject = std::move(subject);
    e.year = year;
    e.award = std::move(award);
    e.origin = std::move(origin);
    return e;
}

LedgerEntry revoke(std::int64_t seq, std::string reason = "sai sót") {
    LedgerEntry e;
    e.action = LedgerEntry::Action::revoke;
    e.revokes = seq;
    e.origin = "revoke";
    e.reason = std::move(reason);
    return e;
}

/// Runs SQL on the store behind commend's back (as somebody tampering with it would).
void tamper(const fs::path& db, const std::string& sql) {
    SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
    raw.exec(sql);
}

std::vector<std::pair<std::int64_t, std::string>> problems(const fs::path& db) {
    auto store = open_store(db, HistoryStore::Mode::read);
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& p : store->verify().problems)
        out.emplace_back(p.seq, p.kind);
    return out;
}

using Problems = std::vector<std::pair<std::int64_t, std::string>>;

} // namespace

TEST_CASE("store: opening refuses what is not a commend store, naming the file", "[store]") {
    Temp t;
    Diagnostics d;
    const std::string missing = (t / "missing.db").string();

    SECTION("a missing file: read and write say to run commend import; none is created") {
        for (auto mode : {HistoryStore::Mode::read, HistoryStore::Mode::write}) {
            Diagnostics e;
            CHECK_FALSE(HistoryStore::open(missing, mode, e));
            REQUIRE(e.items().size() == 1);
            CHECK(e.items()[0].code == "store.missing");
            CHECK(e.items()[0].pos.file == missing);
            CHECK(e.items()[0].message.find("commend import") != std::string::npos);
        }
        CHECK_FALSE(fs::exists(missing));
    }
    SECTION("a folder") {
        CHECK_FALSE(HistoryStore::open(t.path.string(), HistoryStore::Mode::create, d));
        CHECK(has_code(d, "store.not-a-file"));
    }
    SECTION("a file that is not SQLite is left untouched in every mode") {
        const std::string text = t.write("notes.db", "id,name\nkhoi,Khối\n");
        for (auto mode :
             {HistoryStore::Mode::read, HistoryStore::Mode::write, HistoryStore::Mode::create}) {
            Diagnostics e;
            CHECK_FALSE(HistoryStore::open(text, mode, e));
            CHECK(has_code(e, "store.not-sqlite"));
        }
        CHECK(slurp(text) == "id,name\nkhoi,Khối\n");
    }
    SECTION("a SQLite file of another program is left untouched in every mode") {
        const fs::path other = t / "other.db";
        {
            SQLite::Database raw(other.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            raw.exec("CREATE TABLE people(name TEXT); INSERT INTO people VALUES ('An')");
        }
        const std::string before = slurp(other);
        for (auto mode :
             {HistoryStore::Mode::read, HistoryStore::Mode::write, HistoryStore::Mode::create}) {
            Diagnostics e;
            CHECK_FALSE(HistoryStore::open(other.string(), mode, e));
            CHECK(has_code(e, "store.foreign"));
        }
        CHECK(slurp(other) == before);
    }
    SECTION("an empty file becomes a store only with Mode::create") {
        const std::string empty = t.write("empty.db", "");
        CHECK_FALSE(HistoryStore::open(empty, HistoryStore::Mode::read, d));
        CHECK(has_code(d, "store.empty"));
        CHECK(HistoryStore::open(empty, HistoryStore::Mode::create, d));
    }
    SECTION("a new store carries the application id and the schema version") {
        REQUIRE(HistoryStore::open(missing, HistoryStore::Mode::create, d));
        SQLite::Database raw(missing);
        CHECK(raw.execAndGet("PRAGMA application_id").getInt() == 0x436D6E64);
        CHECK(raw.execAndGet("PRAGMA user_version").getInt() == store_schema_version);
        // An empty store reads as "nothing imported", not as an empty data set.
        auto store = open_store(missing, HistoryStore::Mode::read);
        CHECK_FALSE(store->read_tables(d));
        CHECK(has_code(d, "store.no-data"));
        CHECK(store->verify().ok());
    }
}

TEST_CASE("store: a store from a newer commend is refused and left byte for byte", "[store]") {
    Temp t;
    write_sample(t, "data");
    const fs::path db = t / "h.db";
    import_folder(db, t / "data");
    tamper(db, "PRAGMA user_version = " + std::to_string(store_schema_version + 1));
    const std::string before = slurp(db);
    for (auto mode :
         {HistoryStore::Mode::read, HistoryStore::Mode::write, HistoryStore::Mode::create}) {
        Diagnostics d;
        CHECK_FALSE(HistoryStore::open(db.string(), mode, d));
        REQUIRE(d.items().size() == 1);
        CHECK(d.items()[0].code == "store.newer-schema");
        CHECK(d.items()[0].message ==
              "written by a newer commend (schema 2); this commend reads schema 1 and older; "
              "use a newer commend");
    }
    // Nor does a command that would write (import, revoke) touch it.
    CHECK(commend_run("import data --db h.db", t.path).status == 2);
    CHECK(commend_run("revoke --db h.db --entry 1 --decision 1 --reason x", t.path).status == 2);
    CHECK(commend_run("verify --db h.db", t.path).status == 2);
    CHECK(slurp(db) == before);
}

TEST_CASE("store: read_tables gives back the imported tables", "[store]") {
    Temp t;
    write_sample(t, "data");
    const fs::path db = t / "h.db";
    import_folder(db, t / "data");
    const DataTables csv = folder_tables(t / "data");
    const DataTables stored = stored_tables(db);

    CHECK(stored.source == db.string());
    CHECK(stored.subjects.file == db.string() + "[subjects.csv]");
    CHECK(stored.evaluations.file == db.string() + "[evaluations.csv]");
    check_same_table(stored.subjects, csv.subjects, true);
    check_same_table(stored.evaluations, csv.evaluations, true);
    // The cells' line is the line their row starts on; their column is the field number.
    CHECK(stored.subjects.rows()[3][0].line == 7); // after a two-line cell and a blank line
    CHECK(stored.subjects.rows()[2][6].text == "dòng một\ndòng hai");
    CHECK(stored.subjects.rows()[3][1].text == "Chi bộ Ân Thi");
    CHECK(stored.subjects.rows()[1][4].column == 5);

    // awards.csv: the effective grants in seq order, subject, year, award, decision first,
    // then the extra columns; a row's line is its ledger entry.
    REQUIRE(stored.awards);
    const CsvTable& awards = *stored.awards;
    CHECK(awards.file == db.string() + "[awards.csv]");
    check_same_table(awards, *csv.awards, false);
    for (std::size_t r = 0; r < awards.rows().size(); ++r)
        CHECK(awards.rows()[r][0].line == static_cast<int>(r + 1));

    // The stored data set loads like the folder's.
    Diagnostics d;
    auto from_csv = load_data_tables(csv, DataSchema{}, d);
    auto from_db = load_data_tables(stored, DataSchema{}, d);
    REQUIRE(from_csv);
    REQUIRE(from_db);
    CHECK(from_db->subjects.size() == from_csv->subjects.size());
    CHECK(from_db->granted.size() == 3);
    CHECK(from_db->granted[0].decision == "12-QĐ/ĐUK");
    CHECK(from_db->first_year == from_csv->first_year);
    CHECK(from_db->last_year == from_csv->last_year);

    // An auditor reads it with sqlite3 alone.
    SQLite::Database raw(db.string());
    CHECK(raw.execAndGet("SELECT json_extract(cells, '$.ghi_chu') FROM subject WHERE id = 'cb-01'")
              .getString() == "Ghi chú \"đặc biệt\"");
    CHECK(raw.execAndGet("SELECT count(*) FROM evaluation WHERE json_extract(cells, '$.rating') "
                         "= 'HTXSNV'")
              .getInt() == 3);
    CHECK(raw.execAndGet("SELECT json_extract(extra, '$.so_tien') FROM award_entry WHERE seq = 2")
              .getString() == "500000");
}

TEST_CASE("store: export writes the tables as Excel's CSV UTF-8, quoting where needed", "[store]") {
    Temp t;
    write_sample(t, "data");
    const fs::path db = t / "h.db";
    import_folder(db, t / "data");
    export_store(db, t / "out");
    CHECK(
        slurp(t / "out/subjects.csv") ==
        "\xEF\xBB\xBF"
        "id,name,kind,parent,from,until,ghi_chu\r\n"
        "khoi,Đảng ủy Khối các cơ quan tỉnh,dang-uy-khoi,,,,\r\n"
        "cb-01,\"Chi bộ Sở Tài chính, Kế hoạch\",chi-bo,khoi,2018,,\"Ghi chú \"\"đặc biệt\"\"\"\r\n"
        "cb-02,Chi bộ Ăn Khê,chi-bo,khoi,,2020,\"dòng một\ndòng hai\"\r\n"
        "cb-03,Chi bộ Ân Thi,chi-bo,khoi,,,\r\n");
    CHECK(slurp(t / "out/awards.csv") == "\xEF\xBB\xBF"
                                         "subject,year,award,decision,ghi_chu,so_tien\r\n"
                                         "cb-01,2019,tieu-bieu,12-QĐ/ĐUK,\"Đợt 1, năm 2019\",\r\n"
                                         "cb-02,2019,giay-khen,,,500000\r\n"
                                         "khoi,2020,co-thi-dua,3-QĐ/TU,,\r\n");
    // No temporary file is left behind.
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(t / "out"))
        ++files;
    CHECK(files == 3);
}

TEST_CASE("store: import, export, import, export gives the same bytes and tables", "[store]") {
    Temp t;
    auto check_round_trip = [&](const std::string& dir) {
        const DataTables original = folder_tables(t / dir);
        import_folder(t / (dir + "1.db"), t / dir);
        export_store(t / (dir + "1.db"), t / (dir + "-e1"));
        import_folder(t / (dir + "2.db"), t / (dir + "-e1"));
        export_store(t / (dir + "2.db"), t / (dir + "-e2"));
        import_folder(t / (dir + "3.db"), t / (dir + "-e2"));
        export_store(t / (dir + "3.db"), t / (dir + "-e3"));
        check_same_files(t / (dir + "-e1"), t / (dir + "-e2"));
        check_same_files(t / (dir + "-e2"), t / (dir + "-e3"));

        const DataTables s1 = stored_tables(t / (dir + "1.db"));
        const DataTables s2 = stored_tables(t / (dir + "2.db"));
        const DataTables s3 = stored_tables(t / (dir + "3.db"));
        for (const DataTables* s : {&s1, &s2}) {
            check_same_table(s->subjects, original.subjects, false);
            check_same_table(s->evaluations, original.evaluations, false);
            check_same_table(*s->awards, *original.awards, false);
        }
        check_same_table(s2.subjects, s3.subjects, true);
        check_same_table(s2.evaluations, s3.evaluations, true);
        check_same_table(*s2.awards, *s3.awards, true);

        // Importing its own export into the same store changes nothing in the ledger.
        const auto before = open_store(t / (dir + "1.db"), HistoryStore::Mode::read)->ledger();
        CHECK(import_folder(t / (dir + "1.db"), t / (dir + "-e1")).empty());
        CHECK(open_store(t / (dir + "1.db"), HistoryStore::Mode::read)->ledger().size() ==
              before.size());
    };
    SECTION("comma-delimited, with quoted cells, line breaks and extra award columns") {
        write_sample(t, "data");
        check_round_trip("data");
    }
    SECTION("semicolon-delimited with decimal commas stays so") {
        write_semicolon_sample(t, "data");
        check_round_trip("data");
        const DataTables s = stored_tables(t / "data1.db");
        CHECK(s.subjects.delimiter == ';');
        CHECK(s.subjects.decimal_comma);
        CHECK(s.awards->delimiter == ';');
        CHECK(slurp(t / "data-e1/evaluations.csv") ==
              "\xEF\xBB\xBF"
              "subject;year;score;note\r\n"
              "khoi;2020;1.250,5;\r\n"
              "cb-01;2020;0,57;\"có ; dấu, và \"\"ngoặc\"\"\"\r\n");
    }
    SECTION("without awards.csv: an empty awards.csv is written") {
        t.write("data/subjects.csv", subjects_csv);
        t.write("data/evaluations.csv", evaluations_csv);
        const fs::path db = t / "h.db";
        import_folder(db, t / "data");
        export_store(db, t / "e1");
        CHECK(slurp(t / "e1/awards.csv") == "\xEF\xBB\xBFsubject,year,award,decision\r\n");
        import_folder(t / "h2.db", t / "e1");
        export_store(t / "h2.db", t / "e2");
        check_same_files(t / "e1", t / "e2");
    }
}

TEST_CASE("store: import keeps the ledger and records each grant once", "[store]") {
    Temp t;
    write_sample(t, "data");
    const fs::path db = t / "h.db";
    import_folder(db, t / "data");
    auto ledger = [&] { return open_store(db, HistoryStore::Mode::read)->ledger(); };
    REQUIRE(ledger().size() == 3);
    const auto first = ledger();
    CHECK(first[0].origin == "import");
    CHECK(first[0].decision == "12-QĐ/ĐUK");
    CHECK(first[0].extra == R"({"ghi_chu":"Đợt 1, năm 2019"})");
    CHECK(first[1].extra == R"({"so_tien":"500000"})");
    CHECK(first[2].extra.empty());
    CHECK(first[0].prev_hash == std::string(64, '0'));
    CHECK(first[1].prev_hash == first[0].hash);

    SECTION("the same awards.csv again: no new entry") {
        CHECK(import_folder(db, t / "data").empty());
        CHECK(ledger().size() == 3);
    }
    SECTION("a row dropped from awards.csv: its grant stays and is returned as kept") {
        t.write("data/awards.csv", "subject,year,award,decision\n"
                                   "cb-01,2019,tieu-bieu,12-QĐ/ĐUK\n"
                                   "khoi,2020,co-thi-dua,3-QĐ/TU\n"
                                   "cb-03,2020,tieu-bieu,9-QĐ\n");
        const auto kept = import_folder(db, t / "data");
        REQUIRE(kept.size() == 1);
        CHECK(kept[0].seq == 2);
        CHECK(kept[0].subject == "cb-02");
        REQUIRE(ledger().size() == 4);
        CHECK(ledger()[3].subject == "cb-03");
        // The awards table: the effective grants in seq order; the kept grant's extra column
        // is still written, after those of the new awards.csv.
        const DataTables s = stored_tables(db);
        REQUIRE(s.awards->rows().size() == 4);
        REQUIRE(s.awards->header.size() == 6);
        CHECK(s.awards->header[4].text == "ghi_chu");
        CHECK(s.awards->header[5].text == "so_tien");
        CHECK(s.awards->rows()[1][5].text == "500000");
        CHECK(s.awards->rows()[3][0].text == "cb-03");
    }
    SECTION("a row that differs from its grant's entry is not recorded again: a warning") {
        t.write("data/awards.csv", "subject,year,award,decision\n"
                                   "cb-01,2019,tieu-bieu,99-QĐ\n");
        auto store = open_store(db, HistoryStore::Mode::write);
        Diagnostics d;
        std::vector<LedgerEntry> kept;
        REQUIRE(store->import_tables(folder_tables(t / "data"), kept, d));
        CHECK(has_code(d, "store.award-differs"));
        CHECK(kept.size() == 2);
        CHECK(store->ledger().size() == 3);
    }
    SECTION("preview_import says the same without writing") {
        t.write("data/awards.csv", "subject,year,award,decision\n"
                                   "cb-03,2020,tieu-bieu,9-QĐ\n");
        const std::string before = slurp(db);
        auto store = open_store(db, HistoryStore::Mode::read);
        const ImportPreview p = store->preview_import(folder_tables(t / "data"));
        CHECK(p.kept.size() == 3);
        CHECK(p.new_entries == 1);
        REQUIRE(p.awards.rows().size() == 4);
        CHECK(p.awards.rows()[3][0].text == "cb-03");
        CHECK(p.awards.rows()[3][0].line == 4);
        CHECK(slurp(db) == before);
    }
}

TEST_CASE("store: a failed import writes nothing", "[store]") {
    Temp t;
    write_sample(t, "data");
    t.write("broken/subjects.csv", "id,name,kind,parent\nkhoi,Khối,khoi,\ncb-01,A,chi-bo,khoi\n");
    t.write("broken/evaluations.csv", "subject,year,rating\nkhoi,2020,A\ncb-99,2020,B\n");

    SECTION("a first import of a broken data set creates no file") {
        const Run r = commend_run("import broken --db h.db", t.path);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find("broken/evaluations.csv:3:1: error: unknown subject id \"cb-99\"") !=
              std::string::npos);
        CHECK(r.err.find("nothing was imported") != std::string::npos);
        CHECK_FALSE(fs::exists(t / "h.db"));
    }
    SECTION("a broken data set leaves an existing store byte for byte") {
        REQUIRE(commend_run("import data --db h.db", t.path).status == 0);
        const std::string before = slurp(t / "h.db");
        CHECK(commend_run("import broken --db h.db", t.path).status == 2);
        CHECK(commend_run("import missing-folder --db h.db", t.path).status == 2);
        CHECK(slurp(t / "h.db") == before);
    }
    SECTION("a data set that drops a subject the ledger grants to is refused") {
        REQUIRE(commend_run("import data --db h.db", t.path).status == 0);
        const std::string before = slurp(t / "h.db");
        t.write("data/subjects.csv", "id,name,kind,parent\nkhoi,Khối,khoi,\ncb-01,A,chi-bo,khoi\n"
                                     "cb-03,C,chi-bo,khoi\n");
        t.write("data/evaluations.csv", "subject,year\nkhoi,2019\n");
        t.write("data/awards.csv", "subject,year,award\n");
        const Run r = commend_run("import data --db h.db", t.path);
        CHECK(r.status == 2);
        CHECK(r.err.find("h.db[awards.csv]:2:1: error: unknown subject id \"cb-02\"") !=
              std::string::npos);
        CHECK(slurp(t / "h.db") == before);
    }
    SECTION("an import_tables refused by the ledger rolls back the data tables too") {
        import_folder(t / "h.db", t / "data");
        const std::string before = slurp(t / "h.db");
        // Tables that passed no validation: a grant for a subject that is not there.
        DataTables tables = folder_tables(t / "data");
        {
            const CsvTable::Row first = tables.awards->rows().front();
            std::vector<CsvField> row;
            for (std::size_t c = 0; c < first.size(); ++c)
                row.push_back(first[c]);
            const std::vector<std::string> texts = [&] {
                std::vector<std::string> out;
                for (const auto& f : row)
                    out.emplace_back(f.text);
                return out;
            }();
            for (std::size_t c = 0; c < row.size(); ++c)
                row[c].text = texts[c];
            row[0].text = "nobody";
            tables.awards->add_row(first.line(), row);
        }
        auto store = open_store(t / "h.db", HistoryStore::Mode::write);
        Diagnostics d;
        std::vector<LedgerEntry> kept;
        CHECK_FALSE(store->import_tables(tables, kept, d));
        CHECK(has_code(d, "store.entry-refused"));
        store.reset();
        CHECK(slurp(t / "h.db") == before);
    }
}

TEST_CASE("store: appending to the ledger, revoking, and what is refused", "[store]") {
    Temp t;
    write_sample(t, "data");
    const fs::path db = t / "h.db";
    import_folder(db, t / "data");
    auto store = open_store(db, HistoryStore::Mode::write);
    Diagnostics d;

    SECTION("a grant and its revoke in one call; the effective grants follow") {
        auto stored = store->append({grant("cb-03", 2020, "tieu-bieu"), revoke(4)}, d);
        INFO(diagnostics(d));
        REQUIRE(stored);
        REQUIRE(stored->size() == 2);
        CHECK((*stored)[0].seq == 4);
        CHECK((*stored)[1].seq == 5);
        CHECK((*stored)[1].subject == "cb-03"); // copied from the grant it revokes
        CHECK((*stored)[1].recorded_at == "2026-01-01T00:00:00Z");
        CHECK((*stored)[1].prev_hash == (*stored)[0].hash);
        CHECK(store->effective_grants().size() == 3);
        auto r = store->append({revoke(1)}, d);
        REQUIRE(r);
        const auto effective = store->effective_grants();
        REQUIRE(effective.size() == 2);
        CHECK(effective[0].seq == 2);
        CHECK(stored_tables(db).awards->rows().size() == 2);
        CHECK(store->verify().ok());
    }
    SECTION("refused entries leave the ledger as it was") {
        const auto before = store->ledger().size();
        auto refused = [&](LedgerEntry e, const std::string& why) {
            Diagnostics e_diags;
            CHECK_FALSE(store->append({grant("cb-03", 2020, "ok"), std::move(e)}, e_diags));
            INFO(diagnostics(e_diags));
            REQUIRE(e_diags.items().size() == 1);
            CHECK(e_diags.items()[0].code == "store.entry-refused");
            CHECK(e_diags.items()[0].message.find(why) != std::string::npos);
        };
        refused(grant("cb-01", 2019, "tieu-bieu"), "granted already (entry 1)");
        refused(grant("cb-99", 2019, "tieu-bieu"), "unknown subject \"cb-99\"");
        refused(grant("cb-01", 0, "tieu-bieu"), "needs a subject, a year and an award");
        refused(revoke(99), "entry 99 is not an effective grant");
        refused(revoke(1, ""), "a revoke needs a reason");
        auto twice = revoke(1);
        REQUIRE(store->append({revoke(1)}, d));
        refused(twice, "entry 1 is not an effective grant");
        auto dated = grant("cb-03", 2019, "x");
        dated.decided_on = "2023-02-29";
        refused(dated, "not a calendar date");
        auto excluded = grant("cb-03", 2019, "x", "list");
        excluded.difference = "excluded";
        excluded.reason = "r";
        refused(excluded, "difference \"excluded\"");
        auto origin = grant("cb-03", 2019, "x", "manual");
        refused(origin, "origin \"manual\"");
        auto no_reason = grant("cb-03", 2019, "x", "list");
        no_reason.difference = "added";
        refused(no_reason, "needs a reason");
        auto wrong = revoke(2);
        wrong.subject = "cb-01";
        wrong.year = 2019;
        wrong.award = "giay-khen";
        refused(wrong, "entry 2 grants \"giay-khen\" for \"cb-02\" in 2019");
        CHECK(store->ledger().size() == before + 1); // only the revoke of entry 1
    }
    SECTION("a store opened for reading appends nothing") {
        auto reader = open_store(db, HistoryStore::Mode::read);
        CHECK_FALSE(reader->append({grant("cb-03", 2020, "x")}, d));
        CHECK(has_code(d, "store.read-only"));
        std::vector<LedgerEntry> kept;
        CHECK_FALSE(reader->import_tables(folder_tables(t / "data"), kept, d));
    }
    SECTION("a ledger whose head does not match its entries takes no more entries") {
        store.reset();
        tamper(db, "DELETE FROM award_entry WHERE seq = 3");
        store = open_store(db, HistoryStore::Mode::write);
        CHECK_FALSE(store->append({grant("cb-03", 2020, "x")}, d));
        CHECK(has_code(d, "store.ledger-broken"));
    }
}

TEST_CASE("store: the entry hash is SHA-256 of the documented serialization", "[store]") {
    // Hashes computed independently with the Python of docs/history-store.md.
    LedgerEntry e;
    e.seq = 1;
    e.subject = "cb-01";
    e.year = 2021;
    e.award = "tieu-bieu";
    e.decision = "12-QĐ/ĐUK";
    e.decided_on = "2021-12-20";
    e.origin = "import";
    e.recorded_at = "2026-01-02T03:04:05Z";
    e.extra = R"({"ghi_chu":"Đợt 1"})";
    e.prev_hash = std::string(64, '0');
    CHECK(store::entry_hash(e) ==
          "04da1307346ebfe39d96ff2e6ac1a3ce86c1130d2b1f99e03273849860efa2d7");
    LedgerEntry r;
    r.seq = 2;
    r.action = LedgerEntry::Action::revoke;
    r.subject = "cb-01";
    r.year = 2021;
    r.award = "tieu-bieu";
    r.decision = "5-QĐ";
    r.origin = "revoke";
    r.reason = "sai sót";
    r.revokes = 1;
    r.recorded_at = "2026-01-02T03:04:05Z";
    r.prev_hash = store::entry_hash(e);
    CHECK(store::entry_hash(r) ==
          "58a869362ce60d5af1c1666fe3fd89821f30036c84a1b497c7c7d45bdbe6bb20");
    CHECK(store::sha256_hex("") ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("store: verify names every edited, inserted and deleted entry", "[store]") {
    Temp t;
    write_sample(t, "data");
    const fs::path db = t / "h.db";
    import_folder(db, t / "data");
    {
        auto store = open_store(db, HistoryStore::Mode::write);
        Diagnostics d;
        REQUIRE(store->append({grant("cb-03", 2020, "a"), grant("cb-03", 2020, "b"),
                               grant("cb-03", 2020, "c"), grant("cb-03", 2020, "d")},
                              d));
        const LedgerVerification v = store->verify();
        CHECK(v.ok());
        CHECK(v.entries == 7);
        CHECK(v.head_hash == store->ledger().back().hash);
    }
    // An entry as commend would have written it, with its hash recomputed by the forger.
    auto forge = [&](std::int64_t seq, const std::string& set, bool keep_link) {
        auto entries = open_store(db, HistoryStore::Mode::read)->ledger();
        LedgerEntry e = entries[static_cast<std::size_t>(seq - 1)];
        e.award = set;
        if (!keep_link) e.prev_hash = std::string(64, 'f');
        e.hash = store::entry_hash(e);
        tamper(db, "UPDATE award_entry SET award = '" + e.award + "', prev_hash = '" + e.prev_hash +
                       "', hash = '" + e.hash + "' WHERE seq = " + std::to_string(seq));
    };

    SECTION("a field edited") {
        tamper(db, "UPDATE award_entry SET decision = 'X' WHERE seq = 2");
        CHECK(problems(db) == Problems{{2, "edited"}});
    }
    SECTION("a year edited to a text that reads as the same number") {
        tamper(db, "UPDATE award_entry SET year = '2019abc' WHERE seq = 1");
        CHECK(problems(db) == Problems{{1, "edited"}});
    }
    SECTION("a field edited and the entry's hash recomputed") {
        forge(4, "z", true);
        CHECK(problems(db) == Problems{{4, "edited"}});
    }
    SECTION("the last entry edited and its hash recomputed: the head record tells") {
        forge(7, "z", true);
        CHECK(problems(db) == Problems{{7, "edited"}});
    }
    SECTION("an entry put in the place of another, its link made up") {
        forge(4, "z", false);
        CHECK(problems(db) == Problems{{4, "inserted"}});
    }
    SECTION("an entry added at the end, hashed and linked as commend would") {
        auto entries = open_store(db, HistoryStore::Mode::read)->ledger();
        LedgerEntry e = entries.back();
        e.seq = 8;
        e.award = "e";
        e.prev_hash = entries.back().hash;
        e.hash = store::entry_hash(e);
        tamper(db, "INSERT INTO award_entry SELECT 8, action, subject, year, 'e', decision, "
                   "decided_on, origin, difference, reason, revokes, recorded_at, extra, '" +
                       e.prev_hash + "', '" + e.hash + "' FROM award_entry WHERE seq = 7");
        CHECK(problems(db) == Problems{{8, "inserted"}});
    }
    SECTION("an entry deleted in the middle") {
        tamper(db, "DELETE FROM award_entry WHERE seq = 3");
        CHECK(problems(db) == Problems{{3, "deleted"}});
    }
    SECTION("two entries deleted in the middle") {
        tamper(db, "DELETE FROM award_entry WHERE seq IN (3, 4)");
        CHECK(problems(db) == Problems{{3, "deleted"}});
        auto v = open_store(db, HistoryStore::Mode::read)->verify();
        CHECK(v.problems[0].message == "entries 3 to 4 are missing: entry 5 follows entry 2");
    }
    SECTION("the first entry deleted") {
        tamper(db, "DELETE FROM award_entry WHERE seq = 1");
        CHECK(problems(db) == Problems{{1, "deleted"}});
    }
    SECTION("the last entry deleted") {
        tamper(db, "DELETE FROM award_entry WHERE seq = 7");
        CHECK(problems(db) == Problems{{7, "deleted"}});
    }
    SECTION("the last two entries deleted") {
        tamper(db, "DELETE FROM award_entry WHERE seq >= 6");
        CHECK(problems(db) == Problems{{6, "deleted"}});
    }
    SECTION("the head record deleted") {
        tamper(db, "DELETE FROM meta");
        CHECK(problems(db) == Problems{{0, "deleted"}});
    }
    SECTION("several at once, each named") {
        tamper(db, "UPDATE award_entry SET reason = 'x' WHERE seq = 1; "
                   "DELETE FROM award_entry WHERE seq = 5; DELETE FROM award_entry WHERE seq = 7");
        CHECK(problems(db) == Problems{{1, "edited"}, {5, "deleted"}, {7, "deleted"}});
    }
    SECTION("the CLI prints each problem and exits 1; --expect checks a head written down") {
        const std::string head = open_store(db, HistoryStore::Mode::read)->verify().head_hash;
        const std::string first = open_store(db, HistoryStore::Mode::read)->ledger()[0].hash;
        Run ok = commend_run("verify --db h.db --expect " + first, t.path);
        CHECK(ok.status == 0);
        CHECK(ok.out.find("head:   " + head) != std::string::npos);
        CHECK(ok.out.find("is entry 1") != std::string::npos);
        CHECK(commend_run("verify --db h.db --expect " + std::string(64, 'a'), t.path).status == 1);
        tamper(db, "DELETE FROM award_entry WHERE seq = 3");
        Run bad = commend_run("verify --db h.db --format json", t.path);
        CHECK(bad.status == 1);
        CHECK(bad.out.find("\"kind\": \"deleted\"") != std::string::npos);
        CHECK(bad.out.find("\"seq\": 3") != std::string::npos);
    }
}

TEST_CASE("store: revoke on the command line", "[store]") {
    Temp t;
    write_sample(t, "data");
    REQUIRE(commend_run("import data --db h.db", t.path).status == 0);
    Run r = commend_run("revoke --db h.db --entry 2 --decision 5-QĐ --reason 'sai sót' --date "
                        "2024-02-29",
                        t.path);
    CHECK(r.status == 0);
    CHECK(r.out.rfind("entry 4 revokes entry 2: \"giay-khen\" for \"cb-02\" in 2019\n", 0) == 0);
    r = commend_run("revoke --db h.db --subject khoi --year 2020 --award co-thi-dua --decision "
                    "6-QĐ --reason x",
                    t.path);
    CHECK(r.status == 0);
    const std::string before = slurp(t / "h.db");
    CHECK(commend_run("revoke --db h.db --entry 2 --decision 7 --reason x", t.path).status == 2);
    CHECK(commend_run("revoke --db h.db --entry 4 --decision 7 --reason x", t.path).status == 2);
    CHECK(
        commend_run("revoke --db h.db --entry 1 --decision 7 --reason x --date 2023-02-29", t.path)
            .status == 2);
    CHECK(commend_run("revoke --db h.db --entry 1 --subject cb-01 --decision 7 --reason x", t.path)
              .status == 2);
    CHECK(slurp(t / "h.db") == before);
    auto store = open_store(t / "h.db", HistoryStore::Mode::read);
    CHECK(store->effective_grants().size() == 1);
    CHECK(store->ledger()[3].decided_on == "2024-02-29");
    CHECK(store->ledger()[3].recorded_at == "2026-01-01T00:00:00Z"); // SOURCE_DATE_EPOCH
    CHECK(store->verify().ok());
}

namespace {

/// A data set of `subjects` subjects over five years, the first `awards` of them awarded.
void write_generated(const fs::path& dir, int subjects, int awards) {
    fs::create_directories(dir);
    std::ofstream s(dir / "subjects.csv"), e(dir / "evaluations.csv"), a(dir / "awards.csv");
    s << "id,name,kind,parent\nkhoi,Đảng ủy Khối,dang-uy-khoi,\n";
    e << "subject,year,rating,score\n";
    a << "subject,year,award,decision\n";
    for (int i = 0; i < subjects; ++i) {
        s << "cb-" << i << ",Chi bộ số " << i << ",chi-bo,khoi\n";
        for (int y = 2017; y <= 2021; ++y)
            e << "cb-" << i << "," << y << ",HTXSNV," << (i * 7 + y) % 100 << "\n";
        if (i < awards) a << "cb-" << i << ",2021,tieu-bieu," << i << "-QĐ/ĐUK\n";
    }
}

/// Starts `commend args` (stdout and stderr to /dev/null); returns its pid.
pid_t spawn(const std::vector<std::string>& args) {
    const pid_t pid = fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(COMMEND_BINARY));
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(COMMEND_BINARY, argv.data());
        _exit(127);
    }
    return pid;
}

} // namespace

TEST_CASE("store: a commend import killed at any moment leaves the old or the new data set",
          "[store]") {
    Temp t;
    write_generated(t / "old", 1000, 100);
    write_generated(t / "new", 60000, 20000); // 300,000 evaluation rows, 20,000 awards
    const fs::path base = t / "base.db";
    REQUIRE(commend_run("import old --db base.db", t.path).status == 0);
    export_store(base, t / "ref-old");

    // The import to interrupt, run once to the end, timing its stages (--verbose).
    fs::copy_file(base, t / "full.db");
    const auto start = std::chrono::steady_clock::now();
    const Run full = commend_run("--verbose import new --db full.db", t.path);
    const double total =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(full.status == 0);
    export_store(t / "full.db", t / "ref-new");
    // The write transaction starts after reading and validating: kill around it.
    std::smatch m;
    double write_ms = 0;
    if (std::regex_search(full.err, m, std::regex(R"(write full\.db: ([0-9.]+) ms)")))
        write_ms = std::stod(m[1]);
    const double write_start = total - write_ms / 1000.0;
    INFO("import took " << total << " s, writing " << write_ms << " ms");

    // Once while reading the CSV files, four times during the write, once after the end
    // (that one is waited for, not killed).
    std::vector<double> delays = {write_start * 0.5};
    for (double f : {0.1, 0.4, 0.7, 0.95})
        delays.push_back(write_start + f * write_ms / 1000.0);
    delays.push_back(total * 1.3);
    int interrupted_writes = 0, old_sets = 0, new_sets = 0;
    for (std::size_t k = 0; k < delays.size() || (interrupted_writes == 0 && k < delays.size() + 8);
         ++k) {
        // Later tries (when none hit the write so far) spread over the write at random.
        const double delay = k < delays.size() ? delays[k]
                                               : write_start + (static_cast<double>(k % 8) / 8.0) *
                                                                   write_ms / 1000.0;
        const fs::path db = t / ("kill-" + std::to_string(k) + ".db");
        fs::copy_file(base, db);
        const pid_t pid = spawn({"import", (t / "new").string(), "--db", db.string()});
        int status = 0;
        if (k == delays.size() - 1) {
            // "After the end": wait for it, however slow a loaded machine makes it, so that
            // one run always completes (a fixed delay can still land inside the write).
            waitpid(pid, &status, 0);
        } else {
            std::this_thread::sleep_for(std::chrono::duration<double>(delay));
            ::kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
        if (fs::exists(db.string() + "-journal")) ++interrupted_writes;

        INFO("killed after " << delay << " s");
        {
            // Opening it rolls the interrupted transaction back; then SQLite finds it whole.
            SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
            CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
        }
        const Run verify = commend_run("verify --db " + db.filename().string(), t.path);
        CHECK(verify.status == 0);
        const fs::path out = t / ("out-" + std::to_string(k));
        export_store(db, out);
        const bool is_old = slurp(out / "subjects.csv") == slurp(t / "ref-old/subjects.csv");
        const bool is_new = slurp(out / "subjects.csv") == slurp(t / "ref-new/subjects.csv");
        CHECK(is_old != is_new);
        check_same_files(out, t / (is_old ? "ref-old" : "ref-new"));
        const auto ledger = open_store(db, HistoryStore::Mode::read)->ledger();
        CHECK(ledger.size() == (is_old ? 100u : 20000u));
        (is_old ? old_sets : new_sets)++;
        fs::remove_all(out);
        fs::remove(db);
    }
    INFO(interrupted_writes << " kills inside the write transaction; " << old_sets
                            << " left the old set, " << new_sets << " the new");
    CHECK(interrupted_writes >= 1);
    CHECK(old_sets >= 1);
    CHECK(new_sets >= 1);
}

namespace {

/// The rules a sample is read with: rules/<its name>, else the first rules/<folder> its
/// README.md names; empty when neither.
fs::path sample_rules(const fs::path& root, const fs::path& sample) {
    if (fs::exists(root / "rules" / sample.filename())) return root / "rules" / sample.filename();
    std::smatch m;
    const std::string readme = slurp(sample / "README.md");
    if (std::regex_search(readme, m, std::regex(R"(rules/([a-z0-9-]+))")) &&
        fs::exists(root / "rules" / m[1].str()))
        return root / "rules" / m[1].str();
    return {};
}

} // namespace

TEST_CASE("store: every shipped sample evaluates and audits the same with --data and --db",
          "[store]") {
    Temp t;
    const fs::path root = COMMEND_SOURCE_DIR;
    int compared = 0;
    for (const auto& entry : fs::directory_iterator(root / "samples")) {
        const fs::path sample = entry.path();
        const fs::path rules = sample_rules(root, sample);
        if (!fs::exists(sample / "subjects.csv") || rules.empty()) continue;
        const std::string name = sample.filename().string();
        INFO("sample " << name);
        const Run imported = commend_run("import '" + sample.string() + "' --db " + name +
                                             ".db --rules '" + rules.string() + "'",
                                         t.path);
        INFO(imported.err);
        REQUIRE(imported.status == 0);
        const DataTables tables = folder_tables(sample);
        int first = 9999, last = 0;
        const std::size_t c_year = *tables.evaluations.column("year");
        for (const auto& row : tables.evaluations.rows()) {
            first = std::min(first, std::stoi(std::string(row[c_year].text)));
            last = std::max(last, std::stoi(std::string(row[c_year].text)));
        }
        int evaluated = 0;
        for (int year = first; year <= last; ++year) {
            INFO("year " << year);
            const std::string common = "evaluate --format json --year " + std::to_string(year) +
                                       " --rules '" + rules.string() + "' ";
            const Run with_data = commend_run(common + "--data '" + sample.string() + "'", t.path);
            const Run with_db = commend_run(common + "--db " + name + ".db", t.path);
            CHECK(with_db.status == with_data.status);
            CHECK(with_db.out == with_data.out);
            if (with_data.status != 2) ++evaluated;
        }
        CHECK(evaluated > 0);
        // audit reads every year and the recorded awards, which --db takes from the ledger.
        const std::string audit = "audit --format json --rules '" + rules.string() + "' ";
        const Run audit_data = commend_run(audit + "--data '" + sample.string() + "'", t.path);
        const Run audit_db = commend_run(audit + "--db " + name + ".db", t.path);
        CHECK(audit_db.status == audit_data.status);
        CHECK(audit_db.out == audit_data.out);
        CHECK_FALSE(audit_data.out.empty());
        ++compared;
    }
    CHECK(compared > 0);
}

TEST_CASE("store: dates are real calendar dates", "[store]") {
    CHECK(is_calendar_date("2022-01-18"));
    CHECK(is_calendar_date("2024-02-29"));
    CHECK(is_calendar_date("2000-02-29"));
    CHECK_FALSE(is_calendar_date("2023-02-29"));
    CHECK_FALSE(is_calendar_date("1900-02-29"));
    CHECK_FALSE(is_calendar_date("2022-13-01"));
    CHECK_FALSE(is_calendar_date("2022-04-31"));
    CHECK_FALSE(is_calendar_date("18/01/2022"));
    CHECK_FALSE(is_calendar_date("2022-1-18"));
    CHECK_FALSE(is_calendar_date(""));
}
