// The award ledger: appending entries to the hash chain, the effective grants, and verify().
//
// Each entry's hash is the SHA-256 (lowercase hex) of
//   "commend-ledger/1" + for each field, in order: "\n" + name + ":" + byte length + ":" + value
// over the fields seq, action, subject, year, award, decision, decided_on, origin, difference,
// reason, revokes, recorded_at, extra, prev_hash — every column of award_entry but hash, as
// SQLite gives it as text (integers in decimal, a NULL revokes as ""). The length prefixes
// make the input unambiguous; prev_hash ties each entry to the one before (64 zeros for the
// first). The head record in table meta (entry count and last hash) moves in the same
// transaction as every append, so that deleting the last entries is caught too.
#include <array>
#include <set>

#include "store/store_impl.hpp"

namespace commend::store {

namespace {

constexpr std::size_t hashed_fields = 14;
constexpr std::array<const char*, hashed_fields> field_names = {
    "seq",    "action",     "subject", "year",    "award",       "decision", "decided_on",
    "origin", "difference", "reason",  "revokes", "recorded_at", "extra",    "prev_hash"};
using Fields = std::array<std::string, hashed_fields>;

constexpr const char* select_entries =
    "SELECT seq, action, subject, year, award, decision, decided_on, origin, difference, "
    "reason, revokes, recorded_at, extra, prev_hash, hash FROM award_entry ORDER BY seq";

std::string hash_input(const Fields& f) {
    std::size_t size = 16;
    for (std::size_t i = 0; i < hashed_fields; ++i)
        size += f[i].size() + 32;
    std::string in;
    in.reserve(size);
    in += "commend-ledger/1";
    for (std::size_t i = 0; i < hashed_fields; ++i) {
        in += '\n';
        in += field_names[i];
        in += ':';
        in += std::to_string(f[i].size());
        in += ':';
        in += f[i];
    }
    return in;
}

Fields fields_of(const LedgerEntry& e) {
    return {std::to_string(e.seq),
            action_name(e.action),
            e.subject,
            std::to_string(e.year),
            e.award,
            e.decision,
            e.decided_on,
            e.origin,
            e.difference,
            e.reason,
            e.revokes ? std::to_string(*e.revokes) : std::string(),
            e.recorded_at,
            e.extra,
            e.prev_hash};
}

/// An entry exactly as stored: its columns' texts, so that a change of any byte shows.
struct StoredEntry {
    std::int64_t seq = 0;
    Fields fields;
    std::string hash;
};

std::string column_text(SQLite::Statement& q, int i) {
    auto col = q.getColumn(i);
    if (col.isNull()) return {};
    return std::string(static_cast<const char*>(col.getBlob()),
                       static_cast<std::size_t>(col.getBytes()));
}

std::vector<StoredEntry> read_stored(SQLite::Database& db) {
    std::vector<StoredEntry> out;
    SQLite::Statement q(db, select_entries);
    while (q.executeStep()) {
        StoredEntry e;
        e.seq = q.getColumn(0).getInt64();
        for (int i = 0; i < static_cast<int>(hashed_fields); ++i)
            e.fields[static_cast<std::size_t>(i)] = column_text(q, i);
        e.hash = column_text(q, static_cast<int>(hashed_fields));
        out.push_back(std::move(e));
    }
    return out;
}

LedgerEntry::Action action_from(std::string_view s) {
    if (s == "grant") return LedgerEntry::Action::grant;
    if (s == "revoke") return LedgerEntry::Action::revoke;
    // "exclude", or a word commend never writes (verify reports the entry): neither grants
    // nor revokes anything.
    return LedgerEntry::Action::exclude;
}

bool is_json_object(const std::string& s) {
    std::size_t i = s.find_first_not_of(" \t\r\n");
    return i != std::string::npos && s[i] == '{';
}

std::string describe(const LedgerEntry& e) {
    return "\"" + e.award + "\" for \"" + e.subject + "\" in " + std::to_string(e.year);
}

std::string range(std::int64_t first, std::int64_t last) {
    return first == last ? "entry " + std::to_string(first)
                         : "entries " + std::to_string(first) + " to " + std::to_string(last);
}

} // namespace

std::string entry_hash_input(const LedgerEntry& e) {
    return hash_input(fields_of(e));
}

std::string entry_hash(const LedgerEntry& e) {
    return sha256_hex(entry_hash_input(e));
}

Head read_head(SQLite::Database& db) {
    Head h;
    SQLite::Statement q(db, "SELECT key, value FROM meta WHERE key IN ('ledger_entries', "
                            "'ledger_head')");
    int found = 0;
    while (q.executeStep()) {
        const std::string key = q.getColumn(0).getString();
        if (key == "ledger_entries") h.entries = q.getColumn(1).getInt64();
        if (key == "ledger_head") h.hash = q.getColumn(1).getString();
        ++found;
    }
    h.present = found == 2;
    return h;
}

std::vector<LedgerEntry> read_ledger(SQLite::Database& db) {
    std::vector<LedgerEntry> out;
    SQLite::Statement q(db, select_entries);
    while (q.executeStep()) {
        LedgerEntry e;
        e.seq = q.getColumn(0).getInt64();
        e.action = action_from(q.getColumn(1).getText());
        e.subject = q.getColumn(2).getString();
        e.year = q.getColumn(3).getInt();
        e.award = q.getColumn(4).getString();
        e.decision = q.getColumn(5).getString();
        e.decided_on = q.getColumn(6).getString();
        e.origin = q.getColumn(7).getString();
        e.difference = q.getColumn(8).getString();
        e.reason = q.getColumn(9).getString();
        if (!q.getColumn(10).isNull()) e.revokes = q.getColumn(10).getInt64();
        e.recorded_at = q.getColumn(11).getString();
        e.extra = q.getColumn(12).getString();
        e.prev_hash = q.getColumn(13).getString();
        e.hash = q.getColumn(14).getString();
        out.push_back(std::move(e));
    }
    return out;
}

std::map<GrantKey, std::size_t> effective_index(const std::vector<LedgerEntry>& ledger) {
    std::map<std::int64_t, std::size_t> by_seq;
    for (std::size_t i = 0; i < ledger.size(); ++i)
        if (ledger[i].action == LedgerEntry::Action::grant) by_seq[ledger[i].seq] = i;
    for (const auto& e : ledger)
        if (e.action == LedgerEntry::Action::revoke && e.revokes) by_seq.erase(*e.revokes);
    std::map<GrantKey, std::size_t> out;
    for (const auto& [seq, i] : by_seq)
        out.try_emplace({ledger[i].subject, ledger[i].year, ledger[i].award}, i);
    return out;
}

bool append_entries(Connection& c, std::vector<LedgerEntry>& entries, Diagnostics& diags) {
    const SourcePos where{c.path, 0, 0};
    if (c.mode == HistoryStore::Mode::read) {
        diags.error("store.read-only", where, "opened for reading only; nothing was recorded");
        return false;
    }
    const std::vector<LedgerEntry> ledger = read_ledger(c.db);
    const Head head = read_head(c.db);
    const std::int64_t last_seq = ledger.empty() ? 0 : ledger.back().seq;
    const std::string last_hash = ledger.empty() ? std::string() : ledger.back().hash;
    if (!head.present || head.entries != last_seq || head.hash != last_hash ||
        static_cast<std::int64_t>(ledger.size()) != last_seq) {
        diags.error("store.ledger-broken", where,
                    "the award ledger does not verify (its entries do not end where its head "
                    "record says); nothing was recorded; run `commend verify --db " +
                        c.path + "` to see what changed");
        return false;
    }

    // The effective grants as the entries are checked one by one: key → seq and back.
    std::map<GrantKey, std::int64_t> effective;
    std::map<std::int64_t, const LedgerEntry*> grant_by_seq;
    for (const auto& [key, i] : effective_index(ledger)) {
        effective.emplace(key, ledger[i].seq);
        grant_by_seq.emplace(ledger[i].seq, &ledger[i]);
    }
    SQLite::Statement subject_exists(c.db, "SELECT 1 FROM subject WHERE id = ?");
    static const std::set<std::string> origins = {"import", "run", "list", "revoke"};
    static const std::set<std::string> differences = {"", "tie-resolved", "unknown-accepted",
                                                      "added", "excluded"};

    const std::size_t errors_before = diags.error_count();
    std::int64_t seq = last_seq;
    for (std::size_t k = 0; k < entries.size(); ++k) {
        LedgerEntry& e = entries[k];
        e.seq = ++seq;
        auto refuse = [&](const std::string& why) {
            diags.error("store.entry-refused", where,
                        (entries.size() > 1 ? "entry " + std::to_string(k + 1) + " of " +
                                                  std::to_string(entries.size()) + " to record"
                                            : std::string("the entry to record")) +
                            ": " + why + "; nothing was recorded");
        };
        if (e.action == LedgerEntry::Action::revoke) {
            auto it = e.revokes ? grant_by_seq.find(*e.revokes) : grant_by_seq.end();
            if (!e.revokes) {
                refuse("a revoke must name the entry it revokes");
                continue;
            }
            if (it == grant_by_seq.end()) {
                refuse("entry " + std::to_string(*e.revokes) +
                       " is not an effective grant (it does not exist, is not a grant, or "
                       "was revoked already)");
                continue;
            }
            const LedgerEntry& g = *it->second;
            if (e.subject.empty() && e.year == 0 && e.award.empty()) {
                e.subject = g.subject;
                e.year = g.year;
                e.award = g.award;
            } else if (e.subject != g.subject || e.year != g.year || e.award != g.award) {
                refuse("entry " + std::to_string(g.seq) + " grants " + describe(g) + ", not " +
                       describe(e));
                continue;
            }
            if (e.reason.empty()) {
                refuse("a revoke needs a reason");
                continue;
            }
            effective.erase({g.subject, g.year, g.award});
            grant_by_seq.erase(it);
        } else {
            if (e.subject.empty() || e.award.empty() || e.year <= 0 || e.year > 9999) {
                refuse("a " + std::string(action_name(e.action)) +
                       " needs a subject, a year and an award");
                continue;
            }
            subject_exists.reset();
            subject_exists.bind(1, e.subject);
            if (!subject_exists.executeStep()) {
                refuse("unknown subject \"" + e.subject + "\" (not in the stored subjects.csv)");
                continue;
            }
            if (e.revokes) {
                refuse("only a revoke names an entry it revokes");
                continue;
            }
            if (e.action == LedgerEntry::Action::grant) {
                auto [it, fresh] = effective.try_emplace({e.subject, e.year, e.award}, e.seq);
                if (!fresh) {
                    refuse(describe(e) + " is granted already (entry " +
                           std::to_string(it->second) + "); revoke that entry first to change it");
                    continue;
                }
                grant_by_seq.emplace(e.seq, &e);
            }
        }
        if (!origins.count(e.origin)) {
            refuse("origin \"" + e.origin + "\" is not one of import, run, list, revoke");
            continue;
        }
        if (!differences.count(e.difference)) {
            refuse("difference \"" + e.difference +
                   "\" is not one of tie-resolved, unknown-accepted, added, excluded");
            continue;
        }
        if ((e.difference == "excluded") != (e.action == LedgerEntry::Action::exclude)) {
            refuse("an exclude entry, and only one, has difference \"excluded\"");
            continue;
        }
        if (!e.difference.empty() && e.reason.empty()) {
            refuse("a difference from the run's selection needs a reason");
            continue;
        }
        if (!e.decided_on.empty() && !is_calendar_date(e.decided_on)) {
            refuse("decided_on \"" + e.decided_on + "\" is not a calendar date YYYY-MM-DD");
            continue;
        }
        if (!e.extra.empty() && !is_json_object(e.extra)) {
            refuse("extra must be a JSON object");
            continue;
        }
    }
    if (diags.error_count() != errors_before) return false;

    SQLite::Statement insert(
        c.db, "INSERT INTO award_entry(seq, action, subject, year, award, decision, decided_on, "
              "origin, difference, reason, revokes, recorded_at, extra, prev_hash, hash) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::string prev = last_seq == 0 ? zero_hash : last_hash;
    const std::string now = c.now();
    for (LedgerEntry& e : entries) {
        e.recorded_at = now;
        e.prev_hash = prev;
        e.hash = entry_hash(e);
        prev = e.hash;
        insert.reset();
        insert.bind(1, static_cast<std::int64_t>(e.seq));
        insert.bind(2, action_name(e.action));
        insert.bindNoCopy(3, e.subject);
        insert.bind(4, e.year);
        insert.bindNoCopy(5, e.award);
        insert.bindNoCopy(6, e.decision);
        insert.bindNoCopy(7, e.decided_on);
        insert.bindNoCopy(8, e.origin);
        insert.bindNoCopy(9, e.difference);
        insert.bindNoCopy(10, e.reason);
        if (e.revokes)
            insert.bind(11, static_cast<std::int64_t>(*e.revokes));
        else
            insert.bind(11);
        insert.bindNoCopy(12, e.recorded_at);
        insert.bindNoCopy(13, e.extra);
        insert.bindNoCopy(14, e.prev_hash);
        insert.bindNoCopy(15, e.hash);
        insert.exec();
    }
    if (!entries.empty()) {
        SQLite::Statement set(c.db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
        set.bind(1, "ledger_entries");
        set.bind(2, static_cast<std::int64_t>(entries.back().seq));
        set.exec();
        set.reset();
        set.bind(1, "ledger_head");
        set.bind(2, entries.back().hash);
        set.exec();
    }
    return true;
}

} // namespace commend::store

namespace commend {

using store::StoredEntry;

std::optional<std::vector<LedgerEntry>> HistoryStore::append(std::vector<LedgerEntry> entries,
                                                             Diagnostics& diags) {
    store::Connection& c = impl_->c;
    try {
        if (c.mode == Mode::read) {
            diags.error("store.read-only", {c.path, 0, 0},
                        "opened for reading only; nothing was recorded");
            return std::nullopt;
        }
        SQLite::Transaction tx(c.db, SQLite::TransactionBehavior::IMMEDIATE);
        if (!store::append_entries(c, entries, diags)) return std::nullopt; // rolled back
        tx.commit();
        return entries;
    } catch (const SQLite::Exception& e) {
        diags.error("store.write-failed", {c.path, 0, 0},
                    std::string("cannot write the history store: ") + e.what() +
                        "; nothing was recorded");
        return std::nullopt;
    }
}

std::vector<LedgerEntry> HistoryStore::ledger() const {
    return impl_->c.reading([&] { return store::read_ledger(impl_->c.db); });
}

std::vector<LedgerEntry> HistoryStore::effective_grants() const {
    std::vector<LedgerEntry> ledger = this->ledger();
    std::vector<std::size_t> keep;
    for (const auto& [key, i] : store::effective_index(ledger))
        keep.push_back(i);
    std::sort(keep.begin(), keep.end());
    std::vector<LedgerEntry> out;
    out.reserve(keep.size());
    for (std::size_t i : keep)
        out.push_back(std::move(ledger[i]));
    return out;
}

LedgerVerification HistoryStore::verify() const {
    return impl_->c.reading([&] { return verify_chain(); });
}

LedgerVerification HistoryStore::verify_chain() const {
    using store::range;
    const std::vector<StoredEntry> entries = store::read_stored(impl_->c.db);
    const store::Head head = store::read_head(impl_->c.db);
    LedgerVerification v;
    v.entries = static_cast<std::int64_t>(entries.size());
    v.head_hash = entries.empty() ? std::string() : entries.back().hash;

    const std::size_t n = entries.size();
    std::vector<bool> intact(n);
    for (std::size_t i = 0; i < n; ++i)
        intact[i] = store::sha256_hex(store::hash_input(entries[i].fields)) == entries[i].hash;
    // Whether entry i's prev_hash is the stored hash of entry i-1 (for i = 0: 64 zeros).
    auto links = [&](std::size_t i) {
        const std::string& prev = i == 0 ? store::zero_hash : entries[i - 1].hash;
        return entries[i].fields[13] == prev &&
               (i == 0 || entries[i].seq == entries[i - 1].seq + 1);
    };
    std::vector<std::string> reported(n); // the kind reported for entry i, if any
    auto report = [&](std::size_t i, const char* kind, std::string message) {
        if (!reported[i].empty()) return;
        reported[i] = kind;
        v.problems.push_back({entries[i].seq, kind, std::move(message)});
    };

    std::int64_t expected = 1;
    for (std::size_t i = 0; i < n; ++i) {
        const StoredEntry& e = entries[i];
        const std::string seq = std::to_string(e.seq);
        bool gap = false;
        if (e.seq > expected) {
            gap = true;
            v.problems.push_back({expected, "deleted",
                                  range(expected, e.seq - 1) +
                                      (e.seq - expected == 1 ? " is" : " are") +
                                      " missing: entry " + seq +
                                      (i == 0 ? " is the first"
                                              : " follows entry " + std::to_string(expected - 1))});
        } else if (e.seq < expected) {
            report(i, "inserted",
                   "entry " + seq + " is out of sequence (it should be " +
                       std::to_string(expected) + " or later)");
        }
        expected = std::max(expected, e.seq + 1);
        if (!intact[i])
            report(i, "edited",
                   "entry " + seq + " was changed: its fields no longer match its hash (stored " +
                       e.hash.substr(0, 12) + "…, computed from its fields " +
                       store::sha256_hex(store::hash_input(e.fields)).substr(0, 12) + "…)");
        if (links(i) || gap || !intact[i]) continue;
        // The link between entries i-1 and i is broken though both are intact on their own.
        if (i > 0 && reported[i - 1] == "inserted") continue; // explained by that entry
        const bool next_links = i + 1 < n && links(i + 1);
        const bool head_names_it =
            i + 1 == n && head.present && head.hash == e.hash && head.entries == e.seq;
        if (next_links || head_names_it) {
            // Entry i belongs to the chain that goes on: the one before it was replaced.
            if (i == 0)
                report(i, "edited",
                       "entry " + seq +
                           " was changed and its hash recomputed: its prev_hash "
                           "should be 64 zeros");
            else
                report(i - 1, "edited",
                       "entry " + std::to_string(entries[i - 1].seq) +
                           " was changed and its hash recomputed: entry " + seq +
                           " was linked to a different entry " +
                           std::to_string(entries[i - 1].seq));
        } else {
            report(i, "inserted",
                   "entry " + seq + " does not belong to the chain: its prev_hash is not the " +
                       (i == 0 ? std::string("64 zeros of a first entry")
                               : "hash of entry " + std::to_string(entries[i - 1].seq)) +
                       (i + 1 < n ? ", and entry " + std::to_string(entries[i + 1].seq) +
                                        " does not link to it"
                                  : std::string()));
        }
    }

    // The head record: entries deleted or added at the end.
    const std::int64_t last = n == 0 ? 0 : entries.back().seq;
    if (!head.present) {
        v.problems.push_back({0, "deleted",
                              "the head record (entry count and last hash in table meta) is "
                              "missing"});
    } else if (head.entries > last) {
        v.problems.push_back({last + 1, "deleted",
                              range(last + 1, head.entries) +
                                  (head.entries - last == 1 ? " is" : " are") +
                                  " missing at the end: the head record says the ledger has " +
                                  std::to_string(head.entries) + " entries, the last stored is " +
                                  std::to_string(last)});
    } else if (head.entries < last) {
        for (std::size_t i = 0; i < n; ++i)
            if (entries[i].seq > head.entries)
                report(i, "inserted",
                       "entry " + std::to_string(entries[i].seq) +
                           " was added behind commend's back: the head record says the ledger "
                           "ends at entry " +
                           std::to_string(head.entries));
    } else if (n > 0 && head.hash != entries.back().hash) {
        report(n - 1, "edited",
               "the head record holds another hash (" + head.hash.substr(0, 12) +
                   "…) for the last entry, " + std::to_string(last) +
                   ": it was replaced, or entries after it were deleted and the head's count "
                   "changed");
    } else if (n == 0 && !head.hash.empty()) {
        v.problems.push_back({0, "edited", "the head record of an empty ledger holds a hash"});
    }
    std::stable_sort(v.problems.begin(), v.problems.end(),
                     [](const LedgerProblem& a, const LedgerProblem& b) { return a.seq < b.seq; });
    return v;
}

} // namespace commend
