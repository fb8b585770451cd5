// Tests of the batch evaluator (commend/expr/batch_evaluator.hpp) against the tree walker
// (commend/expr/evaluator.hpp). The batch's contract is the walker's results exactly, for
// every subject list: the same Truth, the same number ranges bit for bit, the same level, the
// same text. Each test evaluates expressions with both and compares value by value:
//
//   - every expression of every shipped rule folder (criteria, rank keys, limit `of`, checks,
//     targets, [let]s, [ranking] keys) on every shipped sample the folder loads, every year of
//     the data and one either side, without an award state, with this run's and with audit;
//   - the same with the sample's subjects.csv rows shuffled (subjects not numbered in
//     preorder, so the kernels take their non-contiguous paths);
//   - a generated data set of 3,000 subjects, 2012–2021, under rules/khoi-co-quan-tinh;
//   - a small data set written here, with hand-made expressions covering every kernel and
//     window shape and their edge cases (empty sets, unknown kinds, constant conditions,
//     missing values and defaults, non-integer numbers, more kinds than a byte holds).
//
// Every comparison is made over all subjects in order, over a shuffled list with duplicates,
// over the empty list and over the in-order list cut into batches of odd sizes.
//
// Numbers are compared by their bits (std::bit_cast): -0.0 and 0.0 differ, infinities must
// have the same sign. The batch promises the walker's doubles bit for bit (same additions in
// the same order), so a signed zero that differs is reported like any other difference. Two
// NaNs are equal whatever their payload (neither side should make a NaN bound).
// Levels compare their index, and their scale when the level is known (an unknown level's
// scale reads nowhere). Texts compare known-ness and, when known, their characters.
//
// Set COMMEND_BATCH_VERBOSE to print how many values each test compared.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../fuzz/fuzz_targets.hpp"
#include "commend/data/csv_source.hpp"
#include "commend/expr/batch_evaluator.hpp"
#include "commend/expr/checker.hpp"
#include "commend/expr/evaluator.hpp"
#include "commend/generate/generate.hpp"
#include "commend/report/report.hpp"
#include "commend/rules/ruleset.hpp"
#include "commend/run/workspace.hpp"
#include "run/run_awards.hpp"
#include "temp_dir.hpp"

using namespace commend;
using namespace commend::expr;
namespace fs = std::filesystem;
using commend::test::TempDir;

namespace {

// ---- exact comparison of two values ---------------------------------------------------------

// The fuzz target's comparison (tests/fuzz/fuzz_targets.hpp), so both mean the same.
bool same_value(const Value& a, const Value& b) {
    return commend::fuzz::same_bits(a, b);
}

/// A value with every bit that counts: numbers in decimal and in hexadecimal floating point.
std::string show(const Value& v) {
    char buf[160];
    switch (v.kind) {
    case Type::boolean:
        return std::string("boolean ") + (v.truth == Truth::yes  ? "yes"
                                          : v.truth == Truth::no ? "no"
                                                                 : "unknown");
    case Type::number:
        std::snprintf(buf, sizeof buf, "number [%.17g (%a), %.17g (%a)]", v.lo, v.lo, v.hi, v.hi);
        return buf;
    case Type::level:
        return "level " + std::to_string(v.level) + " of scale " + std::to_string(v.scale);
    case Type::text:
        return v.text_known ? "text '" + std::string(v.text) + "'" : "text unknown";
    case Type::set: {
        std::string out = "set {";
        for (std::size_t i = 0; i < v.set.size(); ++i)
            out += (i ? "," : "") + std::to_string(v.set[i]);
        return out + "}";
    }
    case Type::any:
        std::snprintf(buf, sizeof buf, "any (truth %d, [%.17g, %.17g], level %d, text %s)",
                      static_cast<int>(v.truth), v.lo, v.hi, v.level,
                      v.text_known ? "known" : "unknown");
        return buf;
    }
    return "?";
}

// ---- comparing the batch with the walker ----------------------------------------------------

/// How many comparisons were made, and the first mismatches with all it takes to reproduce.
struct Tally {
    std::size_t expressions = 0, values = 0, truths = 0, batches = 0, mismatches = 0;
    std::vector<std::string> first;
    void mismatch(std::string what) {
        if (first.size() < 25) first.push_back(std::move(what));
        ++mismatches;
    }
    void report(const std::string& test) const {
        if (std::getenv("COMMEND_BATCH_VERBOSE"))
            std::printf("%s: %zu expression evaluations, %zu batches, %zu values and %zu truths "
                        "compared, %zu mismatches\n",
                        test.c_str(), expressions, batches, values, truths, mismatches);
        for (const auto& m : first)
            UNSCOPED_INFO(m);
        CHECK(mismatches == 0);
        CHECK(values > 0);
    }
};

/// Subject lists every expression is evaluated over: all subjects in order, a shuffled list
/// with duplicates, and the empty list.
std::vector<std::vector<SubjectIndex>> subject_lists(std::size_t n, std::uint32_t seed) {
    std::vector<SubjectIndex> all(n);
    std::iota(all.begin(), all.end(), SubjectIndex{0});
    std::vector<SubjectIndex> mixed = all;
    for (std::size_t i = 0; i < n; i += 7)
        mixed.push_back(static_cast<SubjectIndex>(i));
    if (n > 0) mixed.insert(mixed.end(), 3, static_cast<SubjectIndex>(n - 1));
    std::mt19937 rng(seed);
    std::shuffle(mixed.begin(), mixed.end(), rng);
    return {all, mixed, {}};
}

/// Compares the batch evaluator with the walker for `e` in `ctx`, over each list of `lists`
/// (the first, all subjects in order, also cut into batches of odd sizes). `label` says
/// where the expression comes from.
void compare(const EvalContext& ctx, const Expr& e, const std::string& label,
             const std::vector<std::vector<SubjectIndex>>& lists, Tally& tally) {
    const DataSet& data = ctx.data;
    const std::size_t n = data.subjects.size();
    Evaluator walker(ctx);
    std::vector<Value> want(n);
    for (std::size_t s = 0; s < n; ++s)
        want[s] = walker.evaluate(e, static_cast<SubjectIndex>(s));
    ++tally.expressions;
    const bool truthy = e.type.kind == Type::boolean || e.type.kind == Type::any;
    const std::string where = label + ", year " + std::to_string(ctx.year) +
                              (ctx.awards ? ctx.audit ? ", awards, audit" : ", awards" : "");
    auto who = [&](SubjectIndex s) {
        return data.subjects[static_cast<std::size_t>(s)].id + " (index " + std::to_string(s) + ")";
    };
    auto check = [&](std::span<const SubjectIndex> list, const std::vector<Value>& got,
                     const std::vector<Truth>* truths, const char* how) {
        if (got.size() != list.size() || (truths && truths->size() != list.size())) {
            tally.mismatch(where + " [" + how + "]: " + std::to_string(got.size()) +
                           " values for " + std::to_string(list.size()) + " subjects");
            return;
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Value& w = want[static_cast<std::size_t>(list[i])];
            ++tally.values;
            if (!same_value(w, got[i]))
                tally.mismatch(where + " [" + how + "], subject " + who(list[i]) + ": walker " +
                               show(w) + ", batch " + show(got[i]));
            if (!truths) continue;
            ++tally.truths;
            if ((*truths)[i] != w.truth)
                tally.mismatch(where + " [" + how + " truths], subject " + who(list[i]) +
                               ": walker " + show(w) + ", batch truth " +
                               std::to_string(static_cast<int>((*truths)[i])));
        }
    };
    BatchEvaluator batch(ctx); // one for every list, as evaluate_year reuses one
    for (std::size_t l = 0; l < lists.size(); ++l) {
        const auto& list = lists[l];
        ++tally.batches;
        const std::vector<Value> got = batch.values(e, list);
        std::vector<Truth> truths;
        if (truthy) truths = batch.truths(e, list);
        check(list, got, truthy ? &truths : nullptr, l == 0 ? "in order" : "mixed");
    }
    // The in-order list in pieces of 1, 7, 64, 3, 1, 7, … subjects, each a batch of its own
    // (evaluate_year hands each worker a part of the list).
    const auto& all = lists.front();
    static constexpr std::size_t sizes[] = {1, 7, 64, 3};
    for (std::size_t at = 0, k = 0; at < all.size(); ++k) {
        const std::size_t m = std::min(sizes[k % 4], all.size() - at);
        const std::span<const SubjectIndex> part(all.data() + at, m);
        BatchEvaluator piece(ctx);
        ++tally.batches;
        const std::vector<Value> got = piece.values(e, part);
        std::vector<Truth> truths;
        if (truthy) truths = piece.truths(e, part);
        check(part, got, truthy ? &truths : nullptr, "pieces");
        at += m;
    }
}

/// Every expression of the loaded rules, with a label naming it.
struct Named {
    std::string label;
    const Expr* root;
};
std::vector<Named> rule_expressions(const Workspace& ws) {
    std::vector<Named> out;
    auto add = [&](const std::string& label, const SourceText& t) {
        if (t.root) out.push_back({label + " \"" + t.text + "\"", t.root.get()});
    };
    for (const auto& rs : ws.rules.rulesets) {
        const std::string in = rs->id + ": ";
        for (const auto& l : rs->lets)
            add(in + "let " + l.name, l.value);
        for (const auto& a : rs->awards) {
            for (const auto& c : a.criteria)
                add(in + a.id + " criterion", c.test);
            for (const auto& k : a.rank)
                add(in + a.id + " rank key", k.key);
            if (a.limit.of) add(in + a.id + " limit of", *a.limit.of);
        }
        for (const auto& c : rs->checks)
            add(in + "check " + c.id, c.test);
        for (const auto& t : rs->targets) {
            add(in + "target " + t.id + " actual", t.actual);
            add(in + "target " + t.id + " goal", t.goal);
        }
        if (rs->ranking)
            for (const auto& k : rs->ranking->by)
                add(in + "ranking key", k.key);
    }
    return out;
}

/// Compares every expression of the workspace's rules in every year from one before the
/// data's first to one after its last: without an award state, with this run's awards (as
/// evaluate_year leaves them) and with the same in audit mode.
void compare_rules(const Workspace& ws, const std::string& where, Tally& tally) {
    const auto exprs = rule_expressions(ws);
    REQUIRE(!exprs.empty());
    const auto lists = subject_lists(ws.data.subjects.size(), 20240601u);
    for (int year = ws.data.first_year - 1; year <= ws.data.last_year + 1; ++year) {
        const YearResult run = evaluate_year(ws, year);
        run_detail::RunAwards state(ws);
        for (const auto& a : run.awards)
            state.add(a);
        // With and without the running sums of the columns the rules sum over descendants and
        // the kind-major copies of the columns they read over time.
        const EvalContext contexts[] = {
            {ws.data, *ws.forest, ws.rules.schema, year, nullptr, false},
            {ws.data, *ws.forest, ws.rules.schema, year, &state, false, ws.sums.get(),
             ws.kind_runs.get()},
            {ws.data, *ws.forest, ws.rules.schema, year, &state, true},
        };
        for (const auto& ctx : contexts)
            for (const auto& x : exprs)
                compare(ctx, *x.root, where + ", " + x.label, lists, tally);
    }
}

// ---- data folders ---------------------------------------------------------------------------

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The rows of a CSV text after its header, shuffled (seeded); the header stays first. The
/// files here have no line breaks inside quotes.
std::string shuffle_rows(const std::string& csv, std::uint32_t seed) {
    std::vector<std::string> lines;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    REQUIRE(lines.size() >= 2);
    std::mt19937 rng(seed);
    std::shuffle(lines.begin() + 1, lines.end(), rng);
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

/// Copies the CSV files of `from` into `to`, subjects.csv with its rows shuffled.
void copy_renumbered(const fs::path& from, const fs::path& to, std::uint32_t seed) {
    fs::create_directories(to);
    for (const auto& f : fs::directory_iterator(from))
        if (f.is_regular_file() && f.path().extension() == ".csv") {
            std::string text = slurp(f.path());
            if (f.path().filename() == "subjects.csv") text = shuffle_rows(text, seed);
            std::ofstream(to / f.path().filename(), std::ios::binary) << text;
        }
}

std::optional<Workspace> open(const std::string& rules, const std::string& data) {
    Diagnostics diags;
    CsvDataSource source(data);
    return open_workspace(rules, &source, diags);
}

const std::string source_dir = COMMEND_SOURCE_DIR;
const char* const rule_folders[] = {"khoi-co-quan-tinh", "thi-dua-ca-nhan", "khen-thuong-dang",
                                    "xep-loai-dang"};
const char* const samples[] = {"khoi-co-quan-tinh", "khoi-co-quan-tinh-kiem-tra", "dang-bo-co-so",
                               "so-tu-phap"};

// ---- a data set written here ----------------------------------------------------------------

const char* const hand_rules = R"toml(
[ruleset]
id = "batch"
[scales]
rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
grade = ["A", "B", "C"]
[aliases]
TSVM = "HTXSNV"
[columns]
disciplined = { type = "flag", missing = false }
active = "flag"
admitted = { type = "number", missing = 0 }
score = "number"
points = "number"
note = "text"
conduct = { type = "grade", missing = "B" }
[let]
excellent = "rating == HTXSNV"
good = "rating >= HTTNV"
clean = "not disciplined"
adm = "admitted"
always_true = "true"
strong_cells = "count(children('chi-bo'), rating >= HTTNV)"
good_years = "years(rating >= HTTNV, last = 3)"
[[award]]
id = "a1"
kinds = ["chi-bo", "dang-vien"]
criteria = ["rating == HTXSNV", "not disciplined"]
rank = ["score", "points"]
limit = { max = 3, per = "parent" }
[[award]]
id = "a2"
kinds = ["dang-bo", "chi-bo"]
criteria = ["share(children(), rating >= HTTNV) >= 0.5", "awarded('a1') or eligible('a1')"]
limit = { share = 0.5, of = "awarded('a1')" }
[[check]]
id = "c1"
kinds = ["chi-bo"]
test = "count(children(), rating == HTXSNV) <= 0.3 * count(children(), rating >= HTTNV)"
severity = "warning"
[[target]]
id = "t1"
kinds = ["khoi"]
actual = "sum(descendants('chi-bo'), admitted)"
goal = "count(descendants('chi-bo'))"
)toml";

/// A pseudo-random walk, the same on every platform.
struct Lcg {
    std::uint32_t x;
    std::uint32_t next() {
        x = x * 1103515245u + 12345u;
        return (x >> 16) & 0x7fff;
    }
    bool chance(unsigned percent) { return next() % 100 < percent; }
};

/// subjects.csv, evaluations.csv and awards.csv of a small forest, 2014–2021, in tree order:
/// two blocs (one existing 2017–2020), committees and cells existing only some years, cells
/// of 20 and 35 members (more than a 16-byte scan), a lone member, an empty cell, a subject
/// existing from 2014 with no row that year. With `many_kinds`, a third tree of 260
/// subjects of as many kinds: more kinds than a byte holds, so the forest keeps no per-year
/// kind bytes.
struct HandData {
    std::string subjects, evaluations, awards;
};
HandData hand_data(bool many_kinds) {
    struct Row {
        std::string id, kind, parent;
        int from = 0, until = 0; // 0: not given
    };
    std::vector<Row> rows;
    // Every subject gets a `from` (2014 unless given), so that its years are known here: one
    // without is taken to start at its first row of evaluations.csv.
    auto add = [&](std::string id, std::string kind, std::string parent, int from = 0,
                   int until = 0) {
        rows.push_back({id, kind, parent, from ? from : 2014, until});
    };
    Lcg r{2024};
    int dv = 0;
    auto members = [&](const std::string& cell, int count, int cell_from, int cell_until) {
        for (int i = 0; i < count; ++i) {
            char id[16];
            std::snprintf(id, sizeof id, "dv-%03d", ++dv);
            int from = 0, until = 0;
            if (r.chance(25)) from = 2015 + static_cast<int>(r.next() % 5);
            if (r.chance(20)) until = 2016 + static_cast<int>(r.next() % 5);
            if (from && until && until < from) std::swap(from, until);
            if (cell_from) from = std::max(from, cell_from);
            if (cell_until) until = until ? std::min(until, cell_until) : cell_until;
            if (from && until && until < from) until = from;
            add(id, "dang-vien", cell, from, until);
        }
    };
    add("k1", "khoi", "", 2014);
    add("db1", "dang-bo", "k1");
    add("cb1", "chi-bo", "db1");
    members("cb1", 20, 0, 0);
    add("cb2", "chi-bo", "db1", 2016, 2019);
    members("cb2", 5, 2016, 2019);
    add("tt1", "tap-the", "db1");
    add("db2", "dang-bo", "k1", 2018);
    add("cb3", "chi-bo", "db2", 2018);
    members("cb3", 35, 2018, 0);
    add("cb4", "chi-bo", "k1");
    members("cb4", 4, 0, 0);
    add("k2", "khoi", "", 2017, 2020);
    add("db3", "dang-bo", "k2", 2017, 2020);
    add("cb5", "chi-bo", "db3", 2017, 2020);
    members("cb5", 6, 2017, 2020);
    add("lone", "dang-vien", "");
    add("cb-empty", "chi-bo", "");
    if (many_kinds) {
        // m-0 under the root with the even ones below it, then the odd ones: tree order.
        add("many", "khoi", "");
        add("m-0", "kind-0", "many");
        for (int i = 2; i < 260; i += 2)
            add("m-" + std::to_string(i), "kind-" + std::to_string(i), "m-0");
        for (int i = 1; i < 260; i += 2)
            add("m-" + std::to_string(i), "kind-" + std::to_string(i), "many");
    }

    HandData out;
    out.subjects = "id,name,kind,parent,from,until,gender,joined\n";
    for (const auto& x : rows)
        out.subjects += x.id + ",Tên " + x.id + "," + x.kind + "," + x.parent + "," +
                        (x.from ? std::to_string(x.from) : "") + "," +
                        (x.until ? std::to_string(x.until) : "") + "," +
                        (r.chance(50) ? "nam" : "nữ") + "," +
                        (r.chance(70) ? std::to_string(1990 + r.next() % 30) : "") + "\n";

    const char* levels[] = {"HTXSNV", "HTTNV", "HTNV", "KHTNV", "TSVM"};
    const char* grades[] = {"A", "B", "C"};
    const char* flags[] = {"true", "false", ""};
    out.evaluations = "subject,year,rating,disciplined,active,admitted,score,points,note,conduct\n";
    for (const auto& x : rows)
        for (int y = 2015; y <= 2021; ++y) {
            if (y < x.from || (x.until && y > x.until) || r.chance(12)) continue;
            std::string row = x.id + "," + std::to_string(y) + ",";
            // Levels skewed to the better ones; a tenth missing.
            const unsigned l = r.next() % 20;
            row += l < 2 ? "" : levels[l < 8 ? 0 : l < 15 ? 1 : l < 17 ? 2 : l < 19 ? 3 : 4];
            row += std::string(",") + flags[r.next() % 3] + "," + flags[r.next() % 3] + ",";
            if (r.chance(80)) row += std::to_string(r.next() % 6);
            row += ",";
            if (r.chance(80)) { // quarters and tenths: not small integers
                const unsigned v = r.next() % 40;
                char buf[32];
                std::snprintf(buf, sizeof buf, "%g", v % 3 ? 5 + v * 0.25 : 6.1 + v * 0.1);
                row += buf;
            }
            row += ",";
            if (r.chance(75)) { // small integers, some negative, some written "-0"
                const int v = static_cast<int>(r.next() % 10) - 2;
                row += v == 0 && r.chance(50) ? "-0" : std::to_string(v);
            }
            row += ",";
            if (r.chance(30)) row += "ghi chú " + std::to_string(r.next() % 3);
            row += ",";
            if (r.chance(70)) row += grades[r.next() % 3];
            out.evaluations += row + "\n";
        }

    out.awards = "subject,year,award,decision\n";
    for (const auto& x : rows) {
        if (x.kind == "khoi" || x.kind.rfind("kind-", 0) == 0) continue;
        for (int y = std::max(2015, x.from); y <= (x.until ? x.until : 2021); ++y) {
            if (r.chance(15)) out.awards += x.id + "," + std::to_string(y) + ",a1,\n";
            if (r.chance(10)) out.awards += x.id + "," + std::to_string(y) + ",a3,\n";
        }
    }
    return out;
}

/// What awarded() and eligible() see in the hand-made tests besides this run's own awards:
/// a1 and a2 decided "this run", with every truth somewhere.
class FakeAwards : public AwardState {
  public:
    bool defines(std::string_view award) const override { return award == "a1" || award == "a2"; }
    Truth eligible(std::string_view award, SubjectIndex s) const override {
        return static_cast<Truth>((s + static_cast<int>(award.size())) % 3);
    }
    Truth selected(std::string_view award, SubjectIndex s) const override {
        return static_cast<Truth>((s / 2 + (award == "a2" ? 1 : 0)) % 3);
    }
};

/// The hand-made expressions: every kernel and window shape, constant and fallback
/// conditions, empty sets and unknown kinds, arithmetic and comparisons over ranges.
std::vector<std::string> hand_expressions() {
    const std::vector<std::string> conditions = {"rating >= HTTNV", "rating == HTXSNV",
                                                 "rating != HTTNV", "rating < HTTNV",
                                                 "HTNV >= rating",  "not (rating > HTNV)",
                                                 "disciplined",     "not disciplined",
                                                 "active",          "not active",
                                                 "conduct == A",    "conduct != B",
                                                 "excellent",       "not good",
                                                 "clean",           "true",
                                                 "false",           "rating == TSVM",
                                                 "score > 7",       "active == true",
                                                 "known(rating)",   "always_true",
                                                 "not not active",  "HTTNV < rating"};
    const std::vector<std::string> sets = {"children()",
                                           "descendants()",
                                           "children('dang-vien')",
                                           "descendants('dang-vien')",
                                           "descendants('chi-bo')",
                                           "descendants('dang-bo')",
                                           "children('chi-bo')",
                                           "descendants('nope')",
                                           "children('nope')",
                                           "descendants('kind-7')",
                                           "where(children(), active)"};
    const std::vector<std::string> numbers = {"admitted", "score",      "points",  "adm",
                                              "joined",   "points + 0", "-points", "year"};
    std::vector<std::string> out;
    // Byte tests, identifiers and operators on one subject.
    for (const auto& c : conditions)
        out.push_back(c);
    for (const char* x : {"rating",
                          "conduct",
                          "admitted",
                          "score",
                          "points",
                          "note",
                          "joined",
                          "gender",
                          "year",
                          "id",
                          "kind",
                          "name",
                          "-score",
                          "-admitted",
                          "year - 2000",
                          "rating == rating",
                          "rating != rating",
                          "conduct >= B",
                          "disciplined == active",
                          "disciplined != true",
                          "active or disciplined",
                          "active and not disciplined",
                          "excellent or active",
                          "not (active and disciplined)",
                          "score == 7.25",
                          "score != 7.25",
                          "score >= points",
                          "points / 3 == 1",
                          "score * points",
                          "score / (points - 2)",
                          "score / points",
                          "(admitted - 1) * (score + 0.5) < 10",
                          "min(score, admitted)",
                          "max(points, score)",
                          "min(-score, points)",
                          "abs(score - 7)",
                          "abs(points)",
                          "if(active, score, points)",
                          "if(disciplined, note, 'x')",
                          "if(active, HTXSNV, rating) == rating",
                          "known(score)",
                          "known(note)",
                          "awarded('a1')",
                          "awarded('a2')",
                          "awarded('a3')",
                          "eligible('a1')",
                          "eligible('a2')",
                          "awarded('a1') or excellent",
                          "excellent and not disciplined",
                          "parent(rating)",
                          "parent(rating) >= HTTNV",
                          "parent(parent(score))",
                          "parent(count(children()))",
                          "strong_cells",
                          "strong_cells + 1 > 2",
                          "good_years",
                          "good_years >= 2",
                          "0 - streak(active)",
                          "1 / 0",
                          "0 * score",
                          "-0 * points",
                          "0 - 0",
                          "-(0)",
                          "score - score",
                          "points - points",
                          "admitted * 0.1 + 0.2 == 0.3"})
        out.push_back(x);
    // Set kernels: count/share/all/any/none over every set with every condition.
    for (const auto& s : sets) {
        out.push_back("count(" + s + ")");
        for (const auto& c : conditions)
            for (const char* f : {"count", "share", "all", "any", "none"})
                out.push_back(std::string(f) + "(" + s + ", " + c + ")");
        for (const auto& x : numbers)
            for (const char* f : {"sum", "avg", "min", "max"})
                out.push_back(std::string(f) + "(" + s + ", " + x + ")");
    }
    for (const char* x :
         {"count(children(), true) == count(children())", "count(children(), false)",
          "share(descendants(), rating >= HTTNV) * 100 >= 50",
          "count(children(), active) == count(children())",
          "sum(children(), score) > avg(descendants(), score)",
          "years(rating >= HTTNV, last = 5) / count(children())",
          "count(descendants('dang-vien'), rating == HTXSNV) <= 0.2 * "
          "count(descendants('dang-vien'), rating >= HTTNV)",
          "sum(descendants('chi-bo'), admitted) + sum(descendants('dang-bo'), admitted)",
          "max(years(active, last = 3), score)", "count(children('chi-bo'), strong_cells > 1)",
          "any(children(), awarded('a1'))", "all(descendants(), eligible('a1') or true)",
          "count(children(), streak(active) >= 2)", "sum(children(), count(children()))",
          "prev(count(children(), active))", "years(count(children(), active) > 0, last = 3)"})
        out.push_back(x);
    // Time kernels: every function with every condition and window.
    const std::vector<std::string> windows = {"",
                                              ", last = 1",
                                              ", last = 3",
                                              ", last = 12",
                                              ", past = 1",
                                              ", past = 2",
                                              ", from = 2015, to = 2030",
                                              ", from = 2010, to = 2016",
                                              ", from = 2019, to = 2019",
                                              ", from = 2000, to = 2013",
                                              ", since = 'a1'",
                                              ", since = 'a3'",
                                              ", since = 'none-such'"};
    for (const auto& c : conditions) {
        for (const char* w : {"", ", since = 'a1'", ", since = 'a3'", ", since = 'none-such'"})
            out.push_back("streak(" + c + w + ")");
        for (const auto& w : windows)
            for (const char* f : {"years", "always", "ever", "never"})
                out.push_back(std::string(f) + "(" + c + w + ")");
        for (const char* n : {"", ", 1", ", 3", ", 12"})
            out.push_back("prev(" + c + n + ")");
    }
    for (const char* x :
         {"prev(rating)", "prev(rating, 2) == HTXSNV", "prev(score, 2)", "prev(note)",
          "prev(conduct, 3)", "prev(admitted) + prev(admitted, 2)",
          "streak(rating >= HTTNV, since = 'a1') >= 2", "years(excellent, from = 2015, to = 2030)",
          "streak(awarded('a1'))", "years(awarded('a3'), last = 4)", "ever(awarded('a1'))",
          "streak(good_years >= 2)", "always(strong_cells >= 0)",
          "streak(active) - years(active, past = 2)", "streak(true) + streak(false)",
          "years(true, last = 12) * years(false)", "prev(excellent, 3) or prev(active, 3)"})
        out.push_back(x);
    return out;
}

struct HandWorld {
    TempDir dir{"commend-batch-"};
    std::optional<Workspace> ws;
    std::set<std::string> award_ids{"a1", "a2"};
    std::deque<SourceText> sources;
    std::vector<Named> exprs;

    /// Writes the data (subjects in tree order, or shuffled) and opens it with the rules.
    HandWorld(bool shuffled, bool many_kinds) {
        HandData d = hand_data(many_kinds);
        dir.write("rules.toml", hand_rules);
        dir.write("data/subjects.csv", shuffled ? shuffle_rows(d.subjects, 7) : d.subjects);
        dir.write("data/evaluations.csv", d.evaluations);
        dir.write("data/awards.csv", d.awards);
        Diagnostics diags;
        CsvDataSource source((dir.path / "data").string());
        ws = open_workspace((dir.path / "rules.toml").string(), &source, diags);
        INFO(report::diagnostics_text(diags));
        REQUIRE(ws);
        exprs = rule_expressions(*ws);
        for (const auto& text : hand_expressions()) {
            SourceText& src = sources.emplace_back();
            src.text = text;
            src.origin = {"batch", 1, 1};
            Diagnostics d;
            parse(src, d);
            Scope scope{ws->rules.schema, *ws->rules.rulesets.front(), &ws->data, &award_ids};
            const bool checked = src.root && check(src, Type{}, scope, d);
            INFO(text << "\n" << report::diagnostics_text(d));
            CHECK(checked);
            if (checked) exprs.push_back({"\"" + text + "\"", src.root.get()});
        }
    }

    /// Compares every expression over 2012–2023: before the data, its years (2014–2021, one
    /// without rows) and after it.
    void compare_all(const std::string& where, Tally& tally) const {
        const auto lists = subject_lists(ws->data.subjects.size(), 99u);
        FakeAwards fake;
        std::set<int> every_column;
        for (std::size_t c = 0; c < ws->data.yearly.size(); ++c)
            every_column.insert(static_cast<int>(c));
        const SubtreeSums every_sum(ws->data, *ws->forest, every_column);
        const KindRuns every_run(ws->data, *ws->forest, every_column);
        for (int year = 2012; year <= 2023; ++year) {
            const YearResult run = evaluate_year(*ws, year);
            run_detail::RunAwards state(*ws);
            for (const auto& a : run.awards)
                state.add(a);
            // Every yearly column indexed and copied kind by kind, so that sums over
            // descendants and time functions take those here and the data set's own runs in
            // the other contexts.
            const EvalContext with_run{ws->data, *ws->forest, ws->rules.schema, year,
                                       &state,   false,       &every_sum,       &every_run};
            const EvalContext others[] = {
                {ws->data, *ws->forest, ws->rules.schema, year, nullptr, false},
                {ws->data, *ws->forest, ws->rules.schema, year, &fake, false},
                {ws->data, *ws->forest, ws->rules.schema, year, &fake, true},
            };
            for (const auto& x : exprs) {
                compare(with_run, *x.root, where + ", " + x.label, lists, tally);
                // The award state matters only to awarded() and eligible().
                if (x.label.find("awarded") != std::string::npos ||
                    x.label.find("eligible") != std::string::npos)
                    for (const auto& ctx : others)
                        compare(ctx, *x.root, where + ", " + x.label, lists, tally);
            }
        }
    }
};

} // namespace

TEST_CASE("batch: the comparison of values is exact", "[batch]") {
    CHECK(same_value(Value::range(1, 2), Value::range(1, 2)));
    CHECK_FALSE(same_value(Value::number(0.0), Value::number(-0.0)));
    CHECK_FALSE(same_value(Value::number(0.1 + 0.2), Value::number(0.3)));
    CHECK(same_value(Value::unknown_number(), Value::range(-INFINITY, INFINITY)));
    CHECK_FALSE(same_value(Value::range(-INFINITY, 1), Value::range(INFINITY, 1)));
    CHECK(same_value(Value::range(NAN, 1), Value::range(-NAN, 1)));
    CHECK_FALSE(same_value(Value::boolean(Truth::yes), Value::boolean(Truth::unknown)));
    CHECK_FALSE(same_value(Value::boolean(Truth::yes), Value::number(1)));
    CHECK_FALSE(same_value(Value::of_level(0, 1), Value::of_level(1, 1)));
    CHECK(same_value(Value::of_level(0, -1), Value::of_level(1, -1)));
    CHECK_FALSE(same_value(Value::of_level(0, 1), Value::of_level(0, 2)));
    CHECK(same_value(Value::of_text("a"), Value::of_text("a")));
    CHECK_FALSE(same_value(Value::of_text("a"), Value::of_text("b")));
    CHECK(same_value(Value::of_text("a", false), Value::of_text("b", false)));
}

TEST_CASE("batch: every shipped rule folder on every sample it loads", "[batch]") {
    Tally tally;
    int loaded = 0, in_preorder = 0;
    std::string pairs;
    for (const char* rules : rule_folders)
        for (const char* sample : samples) {
            auto ws = open(source_dir + "/rules/" + rules, source_dir + "/samples/" + sample);
            if (!ws) continue; // a folder written for other data
            ++loaded;
            in_preorder += ws->forest->numbered_in_preorder();
            pairs += std::string(" ") + rules + "/" + sample +
                     (ws->forest->numbered_in_preorder() ? "" : " (not in preorder)");
            compare_rules(*ws, std::string("rules/") + rules + " on samples/" + sample, tally);
        }
    // Each folder loads at least its own sample; most samples are written in tree order, so
    // the kernels' contiguous paths are taken here (the next test takes the others).
    CHECK(loaded >= 4);
    CHECK(in_preorder > 0);
    tally.report("shipped rules on shipped samples (" + std::to_string(loaded) + " pairs:" + pairs +
                 ")");
}

TEST_CASE("batch: every shipped rule folder on every sample, subjects not in tree order",
          "[batch]") {
    Tally tally;
    int loaded = 0;
    for (const char* sample : samples) {
        TempDir dir("commend-batch-");
        copy_renumbered(source_dir + "/samples/" + sample, dir.path, 1234u);
        for (const char* rules : rule_folders) {
            auto ws = open(source_dir + "/rules/" + rules, dir.path.string());
            if (!ws) continue;
            ++loaded;
            CHECK_FALSE(ws->forest->numbered_in_preorder());
            compare_rules(*ws,
                          std::string("rules/") + rules + " on samples/" + sample +
                              " (subjects.csv shuffled, seed 1234)",
                          tally);
        }
    }
    CHECK(loaded >= 4);
    tally.report("shipped rules on renumbered samples (" + std::to_string(loaded) + " pairs)");
}

TEST_CASE("batch: rules/khoi-co-quan-tinh on a generated data set of 3,000 subjects", "[batch]") {
    TempDir dir("commend-batch-gen-");
    generate::Options o;
    o.subjects = 3000;
    o.first_year = 2012;
    o.last_year = 2021;
    o.seed = 1;
    Diagnostics diags;
    REQUIRE(generate::write_dataset(o, dir.path.string(), diags));
    Tally tally;
    for (bool shuffled : {false, true}) {
        std::string folder = dir.path.string();
        TempDir copy("commend-batch-gen-shuffled-");
        if (shuffled) {
            copy_renumbered(dir.path, copy.path, 42u);
            folder = copy.path.string();
        }
        auto ws = open(source_dir + "/rules/khoi-co-quan-tinh", folder);
        REQUIRE(ws);
        REQUIRE(ws->data.first_year == 2012);
        REQUIRE(ws->data.last_year == 2021);
        CHECK(ws->forest->numbered_in_preorder() == !shuffled);
        compare_rules(*ws, shuffled ? "generated 3,000 (shuffled)" : "generated 3,000", tally);
    }
    tally.report("khoi-co-quan-tinh on generated data");
}

TEST_CASE("batch: hand-made expressions over every kernel and window", "[batch]") {
    struct Variant {
        bool shuffled, many_kinds;
        const char* name;
    };
    for (const Variant& v : {Variant{false, false, "tree order"}, Variant{true, false, "shuffled"},
                             Variant{false, true, "tree order, 261 kinds"},
                             Variant{true, true, "shuffled, 261 kinds"}}) {
        SECTION(v.name) {
            HandWorld world(v.shuffled, v.many_kinds);
            const Workspace& ws = *world.ws;
            // The paths this variant is meant to take.
            CHECK(ws.forest->numbered_in_preorder() == !v.shuffled);
            CHECK((ws.forest->kinds_in(2019) == nullptr) == v.many_kinds);
            CHECK(ws.data.first_year == 2014);
            CHECK(ws.data.last_year == 2021);
            CHECK_FALSE(ws.data.find_yearly("score")->small_integers);
            CHECK(ws.data.find_yearly("points")->small_integers);
            CHECK(ws.data.find_yearly("admitted")->small_integers);
            Tally tally;
            world.compare_all(std::string("hand-made data (") + v.name + ")", tally);
            tally.report(std::string("hand-made expressions (") + v.name + ", " +
                         std::to_string(world.exprs.size()) + " expressions)");
        }
    }
}
