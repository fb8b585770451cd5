// The fuzz target bodies (see fuzz_targets.hpp). The fixed data set is small on purpose:
// every input is evaluated in full when its estimated cost is low, and thousands of inputs a
// second go through.
#include "fuzz_targets.hpp"

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <spdlog/spdlog.h>
#include <string>
#include <unistd.h>

#include "commend/data/csv.hpp"
#include "commend/data/csv_source.hpp"
#include "commend/expr/batch_evaluator.hpp"
#include "commend/expr/checker.hpp"
#include "commend/expr/cost.hpp"
#include "commend/expr/evaluator.hpp"
#include "commend/limits.hpp"
#include "commend/report/report.hpp"
#include "commend/rules/ruleset.hpp"
#include "commend/ruletest/test_run.hpp"
#include "commend/run/audit.hpp"
#include "commend/run/evaluation_budget.hpp"
#include "commend/run/workspace.hpp"
#include "commend/text/unicode.hpp"

namespace commend::fuzz {

namespace {

// A bloc committee with two party committees, cells and members, 2017–2021: enough for every
// function to have something to look at (parents, kinds, gaps, from/until, awards).
constexpr std::string_view subjects_csv = "id,name,kind,parent,from,until,gender,joined\n"
                                          "khoi,Đảng ủy Khối,dang-uy-khoi,,,,,\n"
                                          "db-1,Đảng bộ Sở Tài chính,dang-bo,khoi,,,,\n"
                                          "db-2,Đảng bộ Sở Nội vụ,dang-bo,khoi,2018,,,\n"
                                          "cb-1,Chi bộ Văn phòng,chi-bo,db-1,,,,\n"
                                          "cb-2,Chi bộ Ngân sách,chi-bo,db-1,,2020,,\n"
                                          "cb-3,Chi bộ Tổ chức,chi-bo,db-2,2018,,,\n"
                                          "dv-1,Nguyễn Văn An,dang-vien,cb-1,,,nam,2001\n"
                                          "dv-2,Trần Thị Bình,dang-vien,cb-1,,,nữ,2010\n"
                                          "dv-3,Lê Văn Cường,dang-vien,cb-3,2019,,nam,\n";

// The same subjects in tree order (depth first), so that they are numbered in preorder: the
// batch evaluator's contiguous paths, where the order above takes its other ones.
constexpr std::string_view subjects_in_preorder_csv =
    "id,name,kind,parent,from,until,gender,joined\n"
    "khoi,Đảng ủy Khối,dang-uy-khoi,,,,,\n"
    "db-1,Đảng bộ Sở Tài chính,dang-bo,khoi,,,,\n"
    "cb-1,Chi bộ Văn phòng,chi-bo,db-1,,,,\n"
    "dv-1,Nguyễn Văn An,dang-vien,cb-1,,,nam,2001\n"
    "dv-2,Trần Thị Bình,dang-vien,cb-1,,,nữ,2010\n"
    "cb-2,Chi bộ Ngân sách,chi-bo,db-1,,2020,,\n"
    "db-2,Đảng bộ Sở Nội vụ,dang-bo,khoi,2018,,,\n"
    "cb-3,Chi bộ Tổ chức,chi-bo,db-2,2018,,,\n"
    "dv-3,Lê Văn Cường,dang-vien,cb-3,2019,,nam,\n";

constexpr std::string_view evaluations_csv = "subject,year,rating,disciplined,admitted,note\n"
                                             "khoi,2017,HTXSNV,false,12,\n"
                                             "khoi,2018,HTTNV,false,9,tốt\n"
                                             "khoi,2019,HTXSNV,false,,\n"
                                             "khoi,2020,HTXSNV,true,14,\n"
                                             "khoi,2021,HTTNV,false,11,\n"
                                             "db-1,2017,HTTNV,false,3,\n"
                                             "db-1,2019,HTXSNV,,4,\n"
                                             "db-1,2021,HTXSNV,false,5,\n"
                                             "db-2,2018,HTNV,false,1,\n"
                                             "db-2,2021,HTTNV,false,2,\n"
                                             "cb-1,2017,HTXSNV,false,1,\n"
                                             "cb-1,2018,HTXSNV,false,0,\n"
                                             "cb-1,2019,,false,1,\n"
                                             "cb-1,2020,HTXSNV,false,2,\n"
                                             "cb-1,2021,HTXSNV,false,1,\n"
                                             "cb-2,2018,KHTNV,true,0,\n"
                                             "cb-3,2020,HTTNV,false,1,\n"
                                             "dv-1,2020,HTXSNV,false,,\n"
                                             "dv-1,2021,HTXSNV,false,,\n"
                                             "dv-2,2021,HTNV,true,,\n"
                                             "dv-3,2019,HTTNV,false,,\n";

constexpr std::string_view awards_csv = "subject,year,award,decision\n"
                                        "cb-1,2019,a1,12-QĐ\n"
                                        "db-1,2020,a2,\n";

// The schema and [let] names of the expression target.
constexpr std::string_view schema_toml = R"toml(
[ruleset]
id = "fuzz"
[scales]
rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
[aliases]
TSVM = "HTXSNV"
[columns]
disciplined = { type = "flag", missing = false }
admitted = "number"
note = "text"
[let]
excellent = "rating == HTXSNV"
good_years = "years(rating >= HTTNV, last = 3)"
[[award]]
id = "a1"
kinds = ["chi-bo"]
criteria = ["excellent"]
[[award]]
id = "a2"
kinds = ["dang-bo"]
criteria = ["true"]
)toml";

/// The stage timings open_workspace logs are for --verbose, not for every fuzz input.
const bool quiet = (spdlog::set_level(spdlog::level::warn), true);

/// Above this many estimated steps an input is checked but not evaluated: the fuzzer is
/// after crashes, and an evaluation the budget allows can still take seconds under the
/// sanitizers.
constexpr double max_fuzz_steps = 2e5;

/// With COMMEND_FUZZ_VERBOSE set, the diagnostics of each input go to stderr (to see what
/// a seed or a finding does).
void show(const Diagnostics& d) {
    static const bool verbose = std::getenv("COMMEND_FUZZ_VERBOSE") != nullptr;
    if (verbose) std::fputs((report::diagnostics_text(d) + "--\n").c_str(), stderr);
}

/// The fixed data and rules are ours: they must load, or the target is broken.
void must(bool loaded, const Diagnostics& d) {
    if (loaded) return;
    std::fputs(report::diagnostics_text(d).c_str(), stderr);
    __builtin_trap();
}

CsvTable fixed_table(std::string_view text, const char* name) {
    Diagnostics d;
    auto t = parse_csv(text, name, d);
    must(t.has_value(), d);
    return std::move(*t);
}

/// A data source over tables in memory, for open_workspace.
class TablesSource : public DataSource {
  public:
    explicit TablesSource(const DataTables& tables) : tables_(tables) {}
    std::optional<DataSet> load(const DataSchema& schema, Diagnostics& diags) override {
        return load_data_tables(tables_, schema, diags);
    }

  private:
    const DataTables& tables_;
};

DataTables fixed_tables(std::string_view subjects = subjects_csv) {
    return {"fuzz", fixed_table(subjects, "subjects.csv"),
            fixed_table(evaluations_csv, "evaluations.csv"), fixed_table(awards_csv, "awards.csv")};
}

/// Every diagnostic names a place that exists: a line and column of at least 1, or line 0
/// for the whole file.
bool places_ok(const Diagnostics& d) {
    for (const auto& x : d.items())
        if (x.pos.line < 0 || x.pos.column < 0 || (x.pos.line > 0 && x.pos.column < 1))
            return false;
    return true;
}

/// A loaded data set is consistent: every yearly column has a slot per subject and year.
bool data_ok(const DataSet& data) {
    const std::size_t slots = data.subjects.size() * static_cast<std::size_t>(data.year_count());
    for (const auto& c : data.yearly) {
        const std::size_t size = c.type == ColumnType::number ? c.numbers.size()
                                 : c.type == ColumnType::text ? c.texts.size()
                                                              : c.bytes.size();
        if (size != slots) return false;
    }
    for (const auto& s : data.subjects)
        if (s.parent != no_subject &&
            (s.parent < 0 || static_cast<std::size_t>(s.parent) >= data.subjects.size()))
            return false;
    return true;
}

/// A value agrees with the type the checker gave its expression.
bool value_ok(const expr::Value& v, const expr::Type& t, const DataSchema& schema) {
    using expr::Type;
    if (t.kind != Type::any && v.kind != t.kind) return false;
    if (v.kind == Type::number && v.lo > v.hi) return false;
    if (v.kind == Type::level && v.level >= 0) {
        if (v.scale < 0 || static_cast<std::size_t>(v.scale) >= schema.scales.size()) return false;
        if (static_cast<std::size_t>(v.level) >=
            schema.scales[static_cast<std::size_t>(v.scale)].levels.size())
            return false;
    }
    if (v.kind == Type::text && v.text_known && text::invalid_utf8_offset(v.text)) return false;
    return true;
}

/// What awarded()/eligible() see in the expression target: a1 and a2 are decided this run.
class FixedAwards : public expr::AwardState {
  public:
    bool defines(std::string_view award) const override { return award == "a1" || award == "a2"; }
    expr::Truth eligible(std::string_view, SubjectIndex s) const override {
        return static_cast<expr::Truth>(s % 3);
    }
    expr::Truth selected(std::string_view, SubjectIndex s) const override {
        return s % 2 ? expr::Truth::yes : expr::Truth::unknown;
    }
};

} // namespace

/// Two values are the same to the bit (the batch evaluator's promise): the kind, and the
/// fields of that kind — a number's bounds by their bits (-0.0 is not 0.0), a level's index
/// (and scale when known), a text's characters.
bool same_bits(const expr::Value& a, const expr::Value& b) {
    using expr::Type;
    auto same = [](double x, double y) {
        return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y) ||
               (x != x && y != y);
    };
    auto same_text = [&] {
        return a.text_known == b.text_known && (!a.text_known || a.text == b.text);
    };
    if (a.kind != b.kind) return false;
    switch (a.kind) {
    case Type::boolean:
        return a.truth == b.truth;
    case Type::number:
        return same(a.lo, b.lo) && same(a.hi, b.hi);
    case Type::level:
        return a.level == b.level && (a.level < 0 || a.scale == b.scale);
    case Type::text:
        return same_text();
    case Type::set:
        return a.set == b.set;
    case Type::any:
        return a.truth == b.truth && same(a.lo, b.lo) && same(a.hi, b.hi) && a.level == b.level &&
               same_text() && a.set == b.set;
    }
    return false;
}

bool csv(std::string_view bytes) {
    Diagnostics d;
    auto table = parse_csv(bytes, "fuzz.csv", d);
    show(d);
    if (!places_ok(d)) return false;
    if (!table) return d.has_errors(); // refused, and said why
    for (const auto row : table->rows()) {
        if (row.size() != table->header.size()) return false;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const CsvField f = row[c];
            if (f.line < 1 || f.column < 1 || text::invalid_utf8_offset(f.text)) return false;
            (void)parse_number(f.text, table->decimal_comma);
            (void)parse_flag(f.text);
        }
    }
    // The same table as each file of a data set, the other two fixed.
    static const DataTables fixed = fixed_tables();
    static const DataSchema schema = [] {
        Diagnostics rd;
        auto book = load_rules({{"schema.toml", std::string(schema_toml)}}, rd);
        must(book.has_value(), rd);
        return book->schema;
    }();
    for (int role = 0; role < 3; ++role) {
        DataTables tables{"fuzz", role == 0 ? *table : fixed.subjects,
                          role == 1 ? *table : fixed.evaluations,
                          role == 2 ? std::optional<CsvTable>(*table) : fixed.awards};
        Diagnostics ld;
        auto data = load_data_tables(tables, schema, ld);
        show(ld);
        if (!places_ok(ld)) return false;
        if (!data) {
            // A table whose cell errors were reported when it was read never loads, and
            // the load does not repeat them; any other refusal must say why.
            if (!ld.has_errors() && !table->cell_errors) return false;
            continue;
        }
        if (!data_ok(*data)) return false;
        SubjectForest forest(*data);
        expr::CostModel model(*data, forest, data->last_year + 1);
        (void)model.years();
    }
    return true;
}

bool rules(std::string_view bytes) {
    Diagnostics d;
    auto book = load_rules({{"fuzz.toml", std::string(bytes)}}, d);
    (void)report::diagnostics_text(d); // the printing of every diagnostic
    show(d);
    if (!places_ok(d)) return false;
    if (!book) return d.has_errors();
    // The file's [[test]] cases, as `commend test` runs them: from a file (cases name data
    // folders relative to it), one per process.
    bool has_tests = false;
    for (const auto& rs : book->rulesets)
        has_tests = has_tests || !rs->tests.empty();
    if (has_tests) {
        // A folder of this process's own, removed at exit.
        static const struct Scratch {
            std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                        ("commend-fuzz-" + std::to_string(::getpid()));
            Scratch() { std::filesystem::create_directories(dir); }
            ~Scratch() {
                std::error_code ec;
                std::filesystem::remove_all(dir, ec);
            }
        } scratch;
        const auto file = scratch.dir / "fuzz.toml";
        std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
        Diagnostics td;
        auto report = ruletest::run_tests(file.string(), td);
        if (!places_ok(td)) return false;
        if (!report && !td.has_errors()) return false;
    }
    static const DataTables tables = fixed_tables();
    TablesSource source(tables);
    Diagnostics wd;
    auto ws = open_workspace(std::move(*book), &source, wd, 2022);
    (void)report::diagnostics_text(wd);
    show(wd);
    if (!places_ok(wd)) return false;
    if (!ws) return wd.has_errors();
    double steps = 0;
    Diagnostics bd;
    check_evaluation_budget(ws->rules, ws->data, *ws->forest, 2022, bd, &steps);
    if (steps > max_fuzz_steps) return true;
    for (int year = 2016; year <= 2022; ++year) {
        if (ws->rules.in_force(year).empty()) continue;
        YearResult r = evaluate_year(*ws, year);
        (void)report::evaluate_json(*ws, r).dump();
        (void)report::evaluate_table(*ws, r, report::Language::vi);
        (void)report::evaluate_csv(*ws, r);
        auto groups = rank_year(*ws, year, r);
        (void)report::rank_json(*ws, r, groups).dump();
        Explanation e = explain_subject(*ws, r, 3);
        (void)report::explain_table(*ws, r, e, report::Language::en);
        (void)report::explain_json(*ws, r, e).dump();
    }
    if (auto years = default_audit_years(*ws)) {
        AuditResult a = audit_years(*ws, years->first, years->second);
        (void)report::audit_json(*ws, a, report::Language::vi).dump();
    }
    return true;
}

bool expression(std::string_view bytes) {
    struct Fixed {
        Workspace ws;
        Workspace in_preorder; ///< the same data, subjects numbered in preorder
        std::set<std::string> award_ids{"a1", "a2"};
    };
    static const std::unique_ptr<Fixed> fixed = [] {
        // The tables stay alive with the workspaces, as the rules target's do.
        static const DataTables tables = fixed_tables();
        static const DataTables preorder_tables = fixed_tables(subjects_in_preorder_csv);
        auto open = [](const DataTables& t, bool in_preorder) {
            Diagnostics d;
            auto book = load_rules({{"schema.toml", std::string(schema_toml)}}, d);
            must(book.has_value(), d);
            TablesSource source(t);
            auto ws = open_workspace(std::move(*book), &source, d, 2021);
            must(ws.has_value(), d);
            must(ws->forest->numbered_in_preorder() == in_preorder, d);
            return std::move(*ws);
        };
        return std::make_unique<Fixed>(
            Fixed{open(tables, false), open(preorder_tables, true), {"a1", "a2"}});
    }();
    const Workspace& ws = fixed->ws;

    // The rule loader hands the parser only valid UTF-8, in NFC: so does this target.
    if (text::invalid_utf8_offset(bytes)) return true;
    expr::SourceText src;
    src.text = text::to_nfc(bytes);
    src.origin = {"fuzz", 1, 1};
    Diagnostics d;
    expr::parse(src, d);
    if (!src.root) show(d);
    if (!places_ok(d)) return false;
    if (!src.root) return d.has_errors();
    expr::Scope scope{ws.rules.schema, *ws.rules.rulesets.front(), &ws.data, &fixed->award_ids};
    const bool checked = expr::check(src, expr::Type{}, scope, d);
    show(d);
    if (!checked) return d.has_errors() && places_ok(d);
    std::map<const expr::Expr*, int> heights;
    if (expr::evaluation_height(*src.root, heights) > limits::evaluation_depth) return true;
    expr::CostModel model(ws.data, *ws.forest, 2021);
    if (model.steps(*src.root, {}) > max_fuzz_steps) return true;

    FixedAwards awards;
    for (int year = 2019; year <= 2021; ++year) {
        expr::EvalContext ctx{ws.data, *ws.forest, ws.rules.schema, year, &awards, year == 2020};
        expr::Evaluator ev(ctx);
        for (SubjectIndex s = 0; s < static_cast<SubjectIndex>(ws.data.subjects.size()); ++s) {
            const expr::Value v = ev.evaluate(*src.root, s);
            if (!value_ok(v, src.root->type, ws.rules.schema)) return false;
            (void)ev.describe(v);
        }
        expr::Trace trace;
        const expr::Value traced = ev.evaluate_traced(*src.root, 2, trace);
        if (!value_ok(traced, src.root->type, ws.rules.schema)) return false;
    }
    // The batch evaluator gives the walker's values exactly, for every subject of a list in
    // any order, with subjects numbered in preorder or not. (The expression was checked
    // against `ws`; the other workspace has the same columns, in the same order.)
    for (const Workspace* w : {&ws, static_cast<const Workspace*>(&fixed->in_preorder)})
        for (int year = 2019; year <= 2021; ++year) {
            const bool audit = year == 2020;
            // Every yearly column's running sums in 2020 and kind-major copies in 2021, none
            // otherwise: both paths of sums over descendants and of time functions.
            std::set<int> columns;
            for (std::size_t c = 0; c < w->data.yearly.size(); ++c)
                columns.insert(static_cast<int>(c));
            const SubtreeSums sums(w->data, *w->forest, columns);
            const KindRuns runs(w->data, *w->forest, columns);
            const expr::EvalContext ctx{w->data,
                                        *w->forest,
                                        w->rules.schema,
                                        year,
                                        &awards,
                                        audit,
                                        year == 2020 ? &sums : nullptr,
                                        year == 2021 ? &runs : nullptr};
            expr::Evaluator ev(ctx);
            const auto n = static_cast<SubjectIndex>(w->data.subjects.size());
            std::vector<SubjectIndex> all, mixed;
            for (SubjectIndex s = 0; s < n; ++s)
                all.push_back(s);
            for (SubjectIndex s = n; s-- > 0;) // backwards, every third subject twice
                for (int k = s % 3 ? 1 : 2; k > 0; --k)
                    mixed.push_back(s);
            for (const auto* list : {&all, &mixed}) {
                expr::BatchEvaluator batch(ctx);
                const std::vector<expr::Value> got = batch.values(*src.root, *list);
                if (got.size() != list->size()) return false;
                for (std::size_t i = 0; i < list->size(); ++i) {
                    const expr::Value want = ev.evaluate(*src.root, (*list)[i]);
                    if (same_bits(want, got[i])) continue;
                    std::fprintf(stderr,
                                 "batch evaluation differs from the walker: \"%s\", year %d, "
                                 "subject %s (%s): walker %s [%a, %a], batch %s [%a, %a]\n",
                                 src.text.c_str(), year, w->subject_id((*list)[i]).c_str(),
                                 w == &ws ? "not in preorder" : "in preorder",
                                 ev.describe(want).c_str(), want.lo, want.hi,
                                 ev.describe(got[i]).c_str(), got[i].lo, got[i].hi);
                    return false;
                }
            }
        }
    return true;
}

} // namespace commend::fuzz
