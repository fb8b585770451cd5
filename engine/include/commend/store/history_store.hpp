// The history store: one SQLite file that keeps a data set (subjects and their yearly
// evaluations) and the ledger of awards actually decided, so that history lives somewhere
// safer than loose CSV files.
//
//   Diagnostics diags;
//   auto store = HistoryStore::open("history.db", HistoryStore::Mode::create, diags);
//   CsvDataSource csv("samples/khoi");
//   auto tables = csv.read_tables(diags);            // then validate with load_data_tables
//   std::vector<LedgerEntry> kept;                   // grants the ledger has, awards.csv not
//   store->import_tables(*tables, kept, diags);      // one transaction: all or nothing
//   StoreDataSource source(*store);                  // reads like CsvDataSource
//
// The design (tables, hash chain, migrations) is in docs/history-store.md and at the top of
// engine/src/store/schema.cpp.
//
// What it guarantees:
// - Every write is one transaction: an error, or a process killed half-way, leaves the file
//   as it was before the command.
// - The data tables read back into the DataTables that were imported (cell texts, column
//   order, row order, lines, the delimiter convention; see read_tables), so `--db` and
//   `--data` give the same results, and export writes the files back.
// - The award ledger is append-only. Each entry carries a SHA-256 hash over its own fields
//   and the previous entry's hash; verify() recomputes the chain and names every entry that
//   was edited, inserted or deleted behind commend's back. A correction is a new entry that
//   revokes an earlier one; the effective awards are the grants no later entry revokes.
// - The schema is versioned with PRAGMA user_version and migrated forward when opened for
//   writing; a file from a newer commend, or a SQLite file that is not a commend store, is
//   refused with an error and never touched.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "commend/data/csv_source.hpp"
#include "commend/data/dataset.hpp"
#include "commend/diagnostic.hpp"

namespace commend {

/// The schema version this build writes and the newest it reads.
inline constexpr int store_schema_version = 1;

/// One entry of the award ledger, as stored.
struct LedgerEntry {
    std::int64_t seq = 0; ///< 1, 2, 3, … in the order recorded
    enum class Action { grant, revoke, exclude };
    Action action = Action::grant;
    std::string subject;
    int year = 0;
    std::string award;
    std::string decision;   ///< the decision's reference, e.g. "125-QĐ/ĐUK" (may be empty)
    std::string decided_on; ///< YYYY-MM-DD, or empty when not given
    /// How it came: "import" (a row of awards.csv), "run" (the run's selection recorded as
    /// decided), "list" (the committee's final list), "revoke" (commend revoke).
    std::string origin;
    /// For entries from a committee's list that differ from the run's selection:
    /// "tie-resolved", "unknown-accepted", "added" (a manual addition) or "excluded"
    /// (a selected subject the committee left out; action = exclude). Empty otherwise.
    std::string difference;
    std::string reason;                  ///< required with a difference and for a revoke
    std::optional<std::int64_t> revokes; ///< for action = revoke: the seq it revokes
    std::string recorded_at;             ///< UTC, "2026-11-28T08:15:02Z"
    /// For imported rows: the awards.csv columns other than subject, year, award and decision,
    /// as a JSON object (column → text), kept so that export gives them back. Empty otherwise.
    std::string extra;
    std::string prev_hash, hash; ///< lowercase hex SHA-256
};

const char* action_name(LedgerEntry::Action a); ///< "grant", "revoke", "exclude"

/// Thrown by the store's reading functions (ledger, effective_grants, verify, preview_import)
/// when the file is damaged beyond what verify() reports — a table dropped, say. The message
/// names the file and says what to do; the CLI reports it as an input error (exit 2).
struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// True when `text` is a date written YYYY-MM-DD that exists in the calendar (2024-02-29 yes,
/// 2023-02-29 no).
bool is_calendar_date(std::string_view text);

/// What verify() found: every entry whose stored hash, chain link or sequence number does not
/// hold, in seq order, and the head of the chain.
struct LedgerProblem {
    /// The entry it is about; for "deleted", the first missing seq; 0 for the head record.
    std::int64_t seq = 0;
    /// "edited": the entry's fields no longer match its hash, or it was changed and rehashed
    /// (the next entry, or the head record, links to another version of it).
    /// "inserted": an entry that does not belong to the chain — its hash holds over its own
    /// fields but neither its link nor the next entry's fits it — or one past the head record.
    /// "deleted": a gap in the seqs (the entries between two stored ones are gone), entries
    /// missing at the end (the head record counts more), or the head record itself.
    std::string kind;
    std::string message; ///< in words, for the CLI to print
};
struct LedgerVerification {
    std::int64_t entries = 0;
    std::string head_hash; ///< the last entry's hash ("" for an empty ledger)
    std::vector<LedgerProblem> problems;
    bool ok() const { return problems.empty(); }
};

/// What import_tables() would do with `tables`, worked out without writing anything.
struct ImportPreview {
    /// The effective grants that awards.csv lacks: they stay (the caller warns).
    std::vector<LedgerEntry> kept;
    /// How many awards.csv rows are new ledger entries (the others are effective already).
    std::size_t new_entries = 0;
    /// The awards table read_tables() will give after the import. The caller validates the
    /// data set with it (load_data_tables) so that a kept grant for a subject the new
    /// subjects.csv lacks is refused before anything is written.
    CsvTable awards;
};

class HistoryStore {
  public:
    enum class Mode {
        read,   ///< must exist; never written (only an interrupted write is rolled back)
        write,  ///< must exist; migrated forward when older
        create, ///< created when missing, else as write
    };
    /// Opens `path`; null with an error in `diags` (naming the file and saying what to do)
    /// when it is missing (read, write), not a SQLite file, not a commend store, or from a
    /// newer schema.
    static std::unique_ptr<HistoryStore> open(const std::string& path, Mode mode,
                                              Diagnostics& diags);
    ~HistoryStore();
    HistoryStore(const HistoryStore&) = delete;
    HistoryStore& operator=(const HistoryStore&) = delete;

    const std::string& path() const;

    /// Fixes the recorded_at of every later append (UTC, "2026-11-28T08:15:02Z"), for tests and
    /// reproducible runs; the CLI sets it from SOURCE_DATE_EPOCH. False (nothing changed) when
    /// `utc` is not written that way.
    bool set_recorded_at(const std::string& utc);

    /// See ImportPreview. `tables` must have been validated (load_data_tables).
    ImportPreview preview_import(const DataTables& tables) const;

    /// Replaces the stored subjects and evaluations with `tables`' and appends to the ledger,
    /// as origin "import", every awards.csv row that is not already an effective grant (same
    /// subject, year and award). One transaction. The tables must already have been validated
    /// (load_data_tables). Returns false with an error in `diags` when the write fails.
    /// `kept` receives the effective grants that awards.csv lacks (they stay; the caller warns).
    bool import_tables(const DataTables& tables, std::vector<LedgerEntry>& kept,
                       Diagnostics& diags);

    /// The stored data set as tables: subjects and evaluations as imported — the header's
    /// names and order, the rows in file order, every cell's text, the delimiter and
    /// decimal_comma, each cell's `line` the line its row started on in the imported file —
    /// and awards.csv made of the effective grants in seq order: subject, year, award,
    /// decision, then the extra columns (those of the last imported awards.csv first), each
    /// row's `line` being its ledger entry's seq. A cell's `column` is its field number (1 for
    /// the first column), the original character position not being kept. The header of the
    /// awards table has line 0. Diagnostics about the tables name the files as
    /// "<db path>[subjects.csv]" etc. nullopt with an error when nothing was imported.
    std::optional<DataTables> read_tables(Diagnostics& diags) const;

    /// Appends entries (their seq, recorded_at, prev_hash and hash are filled in here) in one
    /// transaction. Returns the stored entries, or nullopt with an error in `diags` (and
    /// nothing appended) when the store was opened with Mode::read, when the ledger's head
    /// does not match its last entry (run verify), or when an entry is refused:
    /// - a grant needs a subject of the stored subjects, a year and an award, and is refused
    ///   when the same subject, year and award is an effective grant already;
    /// - a revoke needs `revokes` naming an effective grant (earlier in the same call counts)
    ///   and a reason; its subject, year and award are copied from that grant when empty and
    ///   must match it otherwise;
    /// - an exclude has difference "excluded", and difference "excluded" means an exclude;
    /// - difference is empty or one of the four words, and then needs a reason;
    /// - origin is one of the four words; decided_on is empty or a calendar date;
    /// - extra is empty or a JSON object.
    std::optional<std::vector<LedgerEntry>> append(std::vector<LedgerEntry> entries,
                                                   Diagnostics& diags);

    /// Every ledger entry in seq order.
    std::vector<LedgerEntry> ledger() const;
    /// The grants not revoked, in seq order.
    std::vector<LedgerEntry> effective_grants() const;

    LedgerVerification verify() const;

    /// Writes subjects.csv, evaluations.csv and awards.csv (the tables of read_tables()) into
    /// `folder` (created if missing), each file written to a temporary name and renamed into
    /// place. The files keep the imported delimiter (a `;` file stays `;`), start with a UTF-8
    /// BOM and end lines with CRLF, as Excel writes "CSV UTF-8"; a cell is quoted (RFC 4180)
    /// when it holds the delimiter, a quote or a line break. Exporting the import of an export
    /// gives the same bytes. Returns false with an error in `diags`.
    bool export_tables(const std::string& folder, Diagnostics& diags) const;

  private:
    struct Impl;
    explicit HistoryStore(std::unique_ptr<Impl> impl);
    LedgerVerification verify_chain() const;
    ImportPreview preview(const DataTables& tables) const;
    std::unique_ptr<Impl> impl_;
};

/// A data source that reads a history store, so that every command taking `--data DIR`
/// also takes `--db FILE` with identical results.
class StoreDataSource : public DataSource {
  public:
    explicit StoreDataSource(const HistoryStore& store) : store_(store) {}
    std::optional<DataSet> load(const DataSchema& schema, Diagnostics& diags) override;

  private:
    const HistoryStore& store_;
};

} // namespace commend
