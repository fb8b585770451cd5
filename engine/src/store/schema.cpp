// The history store's schema and its migrations.
//
// One SQLite file, recognized by PRAGMA application_id = 0x436D6E64 ("Cmnd"); its schema
// version is PRAGMA user_version. Tables (schema 1):
//
//   meta(key, value)                  the ledger's head record: 'ledger_entries' (count) and
//                                     'ledger_head' (the last entry's hash), updated in the
//                                     same transaction as every append
//   data_file(file, source, delimiter, header_line, header, imported_at)
//                                     one row per imported CSV file ('subjects.csv', …): the
//                                     path it came from, its delimiter (',' or ';', which also
//                                     means decimal commas), the line of its header and the
//                                     header as a JSON array of names
//   subject(row, line, id, name, kind, parent, cells)
//   evaluation(row, line, subject, year, cells)
//                                     one row per CSV row: `row` is its position in the file
//                                     (the order read back), `line` its first line there,
//                                     `cells` a JSON object of every column → text with empty
//                                     cells left out; id, name, kind, parent, subject and year
//                                     are copies of cells for queries and uniqueness
//   award_entry(seq, action, subject, year, award, decision, decided_on, origin, difference,
//               reason, revokes, recorded_at, extra, prev_hash, hash)
//                                     the append-only ledger (LedgerEntry); `hash` is the
//                                     SHA-256 of every other field, `prev_hash` included
//                                     (ledger.cpp), so the entries form a chain
//
// An auditor reads it with sqlite3 alone:
//   SELECT id, json_extract(cells, '$.gender') FROM subject;
//   SELECT subject, year FROM evaluation WHERE json_extract(cells, '$.rating') = 'HTXSNV';
//
// Migrations: `migrations` below is the ordered list of SQL steps; step i brings schema i-1 to
// i. Opening with Mode::write or Mode::create applies the missing steps and sets user_version
// in one transaction. Mode::read never writes, so it refuses an older schema and asks for
// `commend migrate`. A file whose user_version is newer than store_schema_version comes from a
// newer commend and is refused by every mode without being touched. To change the schema,
// append a step and raise store_schema_version; never edit a published step.
#include <array>

#include "store/store_impl.hpp"

namespace commend::store {

namespace {

constexpr std::array<const char*, 1> migrations = {
    // Schema 1.
    R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value
);
INSERT INTO meta(key, value) VALUES ('ledger_entries', 0), ('ledger_head', '');

CREATE TABLE data_file (
    file        TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    delimiter   TEXT NOT NULL CHECK (delimiter IN (',', ';')),
    header_line INTEGER NOT NULL,
    header      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE subject (
    row    INTEGER PRIMARY KEY,
    line   INTEGER NOT NULL,
    id     TEXT NOT NULL UNIQUE,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL,
    parent TEXT,
    cells  TEXT NOT NULL
);

CREATE TABLE evaluation (
    row     INTEGER PRIMARY KEY,
    line    INTEGER NOT NULL,
    subject TEXT NOT NULL,
    year    INTEGER NOT NULL,
    cells   TEXT NOT NULL,
    UNIQUE (subject, year)
);

CREATE TABLE award_entry (
    seq         INTEGER PRIMARY KEY,
    action      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    year        INTEGER NOT NULL,
    award       TEXT NOT NULL,
    decision    TEXT NOT NULL,
    decided_on  TEXT NOT NULL,
    origin      TEXT NOT NULL,
    difference  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    revokes     INTEGER,
    recorded_at TEXT NOT NULL,
    extra       TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX award_entry_key ON award_entry(subject, year, award);
)sql",
};

static_assert(migrations.size() == store_schema_version, "one migration step per schema version");

} // namespace

void migrate(SQLite::Database& db) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Read again inside the transaction: another process may have migrated it meanwhile.
    const int from = db.execAndGet("PRAGMA user_version").getInt();
    if (from == 0) db.exec("PRAGMA application_id = " + std::to_string(application_id));
    for (int v = from + 1; v <= store_schema_version; ++v) {
        db.exec(migrations[static_cast<std::size_t>(v - 1)]);
        db.exec("PRAGMA user_version = " + std::to_string(v));
    }
    tx.commit();
}

} // namespace commend::store
