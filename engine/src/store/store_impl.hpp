// What the files of the history store share (engine/src/store/): the open connection, the
// schema's constants, the hash of a ledger entry and the JSON of a row's cells. The design
// is described at the top of schema.cpp and in docs/history-store.md.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "commend/store/history_store.hpp"

namespace commend::store {

/// PRAGMA application_id of every commend store: "Cmnd" in ASCII. A SQLite file with another
/// id is somebody else's database and is never touched.
inline constexpr std::int32_t application_id = 0x436D6E64;

/// The prev_hash of the first ledger entry.
inline const std::string zero_hash(64, '0');

/// The file names a data set's tables are stored under (data_file.file).
inline constexpr const char* subjects_file = "subjects.csv";
inline constexpr const char* evaluations_file = "evaluations.csv";
inline constexpr const char* awards_file = "awards.csv";

/// An open store: the connection and what every operation needs to name it.
struct Connection {
    std::string path;
    HistoryStore::Mode mode;
    SQLite::Database db;
    std::string fixed_time; ///< recorded_at of later appends when set (set_recorded_at)

    /// "<path>[subjects.csv]": how diagnostics name a stored table.
    std::string table_name(std::string_view file) const {
        return path + "[" + std::string(file) + "]";
    }
    /// recorded_at for an entry appended now: UTC, "2026-11-28T08:15:02Z".
    std::string now() const;

    /// Runs a read of the store, turning SQLite's exceptions (a damaged file: a table
    /// dropped, a column renamed) into a StoreError that names the file and what to do.
    template <class F> auto reading(F&& read) const -> decltype(read()) {
        try {
            return read();
        } catch (const SQLite::Exception& e) {
            throw StoreError(path + ": the history store cannot be read (" + e.what() +
                             "); it was changed outside commend — restore it from a copy");
        }
    }
};

// --- schema.cpp ---------------------------------------------------------------------------

/// Brings the store (schema 0: a new, empty file) to store_schema_version, in one
/// transaction. Throws SQLite::Exception; then nothing was changed.
void migrate(SQLite::Database& db);

// --- sha256.cpp ---------------------------------------------------------------------------

/// SHA-256 of `bytes`, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// --- ledger.cpp ---------------------------------------------------------------------------

/// The bytes an entry's hash is computed over: every field but `hash`, length-prefixed
/// (docs/history-store.md shows how to recompute it).
std::string entry_hash_input(const LedgerEntry& e);
/// sha256_hex(entry_hash_input(e)).
std::string entry_hash(const LedgerEntry& e);

/// The head record kept in table meta: the entry count and the last entry's hash.
struct Head {
    bool present = false;
    std::int64_t entries = 0;
    std::string hash;
};
Head read_head(SQLite::Database& db);

/// Every entry, in seq order.
std::vector<LedgerEntry> read_ledger(SQLite::Database& db);

/// (subject, year, award) of a grant.
using GrantKey = std::tuple<std::string, int, std::string>;
/// The effective grants of `ledger` (grants no later entry revokes): key → index in `ledger`.
std::map<GrantKey, std::size_t> effective_index(const std::vector<LedgerEntry>& ledger);

/// Checks and appends `entries` inside the caller's transaction: fills in seq, recorded_at,
/// prev_hash and hash, and moves the head. False with errors in `diags` (and nothing that
/// the caller must not roll back) when an entry is refused.
bool append_entries(Connection& c, std::vector<LedgerEntry>& entries, Diagnostics& diags);

// --- cells_json.cpp -----------------------------------------------------------------------

/// Appends `s` to `out` as a JSON string (quotes included; UTF-8 kept as it is).
void append_json_string(std::string& out, std::string_view s);

/// Parses a JSON object whose values are all strings ({"id":"cb-01","name":"…"}). The member
/// strings are kept between calls so that reading many rows allocates little.
class JsonTexts {
  public:
    /// False when `json` is not such an object.
    bool parse(std::string_view json);
    std::size_t size() const { return size_; }
    const std::string& key(std::size_t i) const { return keys_[i]; }
    std::string& value(std::size_t i) { return values_[i]; }

  private:
    std::vector<std::string> keys_, values_;
    std::size_t size_ = 0;
};

// --- data_tables.cpp ----------------------------------------------------------------------

/// A row of table data_file: how one imported CSV file was written.
struct StoredFile {
    std::string file; ///< "subjects.csv", …
    char delimiter = ',';
    int header_line = 1;
    std::vector<std::string> header;
};
/// The data_file row of `file`, or nullopt when that file was never imported.
std::optional<StoredFile> read_data_file(SQLite::Database& db, const char* file);

/// Reads the rows of `table` ("subject" or "evaluation") in file order and calls
/// row(line, cells) with the cells' texts in header order (the callback may move them out).
/// False, with errors naming the row, when a row's cells are not a JSON object of texts of
/// the header's columns.
bool read_rows(Connection& c, const char* table, const StoredFile& f, Diagnostics& diags,
               const std::function<void(int line, std::vector<std::string>& cells)>& row);

/// The awards table of read_tables() for `grants` (effective grants, in seq order): subject,
/// year, award, decision, then `extra_columns` and any other extra column the grants carry
/// (first seen first). Each row's line is its entry's seq.
CsvTable awards_table(const std::vector<const LedgerEntry*>& grants,
                      const std::vector<std::string>& extra_columns, const std::string& file,
                      char delimiter);
/// The awards table as it stands (the effective grants), as read_tables() gives it.
CsvTable stored_awards_table(Connection& c);

} // namespace commend::store

namespace commend {
struct HistoryStore::Impl {
    store::Connection c;
};
} // namespace commend
