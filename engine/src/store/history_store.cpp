// HistoryStore::open: recognizing a commend store (or refusing what is not one) and the
// modes; small shared pieces. The schema and the design are described in schema.cpp.
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <sqlite3.h>
#include <unistd.h>

#include "store/store_impl.hpp"

namespace commend {

namespace {

/// How long a command waits for another one writing the same store before giving up.
constexpr int busy_timeout_ms = 10000;

std::string hex32(std::int32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(v));
    return buf;
}

bool two_digits(std::string_view t, std::size_t at, int lo, int hi, int& out) {
    if (t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9') return false;
    out = (t[at] - '0') * 10 + (t[at + 1] - '0');
    return out >= lo && out <= hi;
}

} // namespace

const char* action_name(LedgerEntry::Action a) {
    switch (a) {
    case LedgerEntry::Action::grant:
        return "grant";
    case LedgerEntry::Action::revoke:
        return "revoke";
    case LedgerEntry::Action::exclude:
        return "exclude";
    }
    return "grant";
}

bool is_calendar_date(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (t[i] < '0' || t[i] > '9') return false;
        year = year * 10 + (t[i] - '0');
    }
    int month = 0, day = 0;
    if (year == 0 || !two_digits(t, 5, 1, 12, month) || !two_digits(t, 8, 1, 31, day)) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

namespace store {

std::string Connection::now() const {
    if (!fixed_time.empty()) return fixed_time;
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace store

HistoryStore::HistoryStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HistoryStore::~HistoryStore() = default;

const std::string& HistoryStore::path() const {
    return impl_->c.path;
}

bool HistoryStore::set_recorded_at(const std::string& utc) {
    // 2026-11-28T08:15:02Z
    int h = 0, m = 0, s = 0;
    if (utc.size() != 20 || !is_calendar_date(std::string_view(utc).substr(0, 10)) ||
        utc[10] != 'T' || utc[13] != ':' || utc[16] != ':' || utc[19] != 'Z' ||
        !two_digits(utc, 11, 0, 23, h) || !two_digits(utc, 14, 0, 59, m) ||
        !two_digits(utc, 17, 0, 59, s))
        return false;
    impl_->c.fixed_time = utc;
    return true;
}

std::unique_ptr<HistoryStore> HistoryStore::open(const std::string& path, Mode mode,
                                                 Diagnostics& diags) {
    namespace fs = std::filesystem;
    const SourcePos where{path, 0, 0};
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (exists && fs::is_directory(path, ec)) {
        diags.error("store.not-a-file", where,
                    "is a folder; give the history store's file (for example history.db)");
        return nullptr;
    }
    if (!exists && mode != Mode::create) {
        diags.error("store.missing", where,
                    "no history store here; create one with `commend import DATA_DIR --db " + path +
                        "`");
        return nullptr;
    }
    if (!exists) {
        const fs::path parent = fs::path(path).parent_path();
        if (!parent.empty() && !fs::is_directory(parent, ec)) {
            diags.error("store.missing-folder", where,
                        "the folder " + parent.string() +
                            " does not exist; create it first or give another path");
            return nullptr;
        }
    }

    // Mode::read opens read-write when it may, only so that SQLite can roll back the journal of
    // a write that was interrupted (a killed import): that restores the last committed state.
    // query_only then refuses every write.
    int flags = SQLite::OPEN_READWRITE;
    if (mode == Mode::read && ::access(path.c_str(), W_OK) != 0) flags = SQLite::OPEN_READONLY;
    if (mode == Mode::create) flags |= SQLite::OPEN_CREATE;

    try {
        auto impl = std::make_unique<Impl>(Impl{
            store::Connection{path, mode, SQLite::Database(path, flags, busy_timeout_ms), {}}});
        SQLite::Database& db = impl->c.db;
        if (mode == Mode::read) db.exec("PRAGMA query_only = ON");

        std::int32_t app = 0;
        int version = 0, objects = 0;
        try {
            app = db.execAndGet("PRAGMA application_id").getInt();
            version = db.execAndGet("PRAGMA user_version").getInt();
            objects = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() == SQLITE_NOTADB) {
                diags.error("store.not-sqlite", where,
                            "is not a SQLite file, so not a history store; give the file made "
                            "by `commend import`, or a new file name");
                return nullptr;
            }
            throw;
        }
        const bool empty_file = app == 0 && version == 0 && objects == 0;
        if (!empty_file && app != store::application_id) {
            diags.error("store.foreign", where,
                        "is a SQLite database but not a commend history store (its "
                        "application_id is " +
                            hex32(app) + ", a store's is " + hex32(store::application_id) +
                            "); it was left untouched; give the file made by `commend import`, "
                            "or a new file name");
            return nullptr;
        }
        if (empty_file && mode != Mode::create) {
            diags.error("store.empty", where,
                        "is an empty SQLite file, not yet a history store; create one with "
                        "`commend import DATA_DIR --db " +
                            path + "`");
            return nullptr;
        }
        if (version > store_schema_version) {
            diags.error("store.newer-schema", where,
                        "written by a newer commend (schema " + std::to_string(version) +
                            "); this commend reads schema " + std::to_string(store_schema_version) +
                            " and older; use a newer commend");
            return nullptr;
        }
        if (mode != Mode::read) {
            db.exec("PRAGMA journal_mode = DELETE");
            db.exec("PRAGMA synchronous = FULL");
        }
        if (version < store_schema_version) {
            if (mode == Mode::read) {
                diags.error("store.older-schema", where,
                            "written by an older commend (schema " + std::to_string(version) +
                                "); bring it to schema " + std::to_string(store_schema_version) +
                                " with `commend migrate --db " + path + "`");
                return nullptr;
            }
            store::migrate(db);
        }
        db.exec("PRAGMA cache_size = -65536"); // 64 MiB: imports of millions of rows
        return std::unique_ptr<HistoryStore>(new HistoryStore(std::move(impl)));
    } catch (const SQLite::Exception& e) {
        std::string what = e.what();
        if (e.getExtendedErrorCode() == SQLITE_READONLY_ROLLBACK)
            what = "a write to it was interrupted and must be rolled back first, which needs "
                   "write permission on the file and its folder";
        diags.error("store.open-failed", where, "cannot open the history store: " + what);
        return nullptr;
    }
}

} // namespace commend
