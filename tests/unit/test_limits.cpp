// The limits of docs/limits.md whose bad inputs are too big to keep as case folders: each
// input is generated here (a 100 MB line, 10,000 awards, a 5 GiB file, a tree of 100,000
// subjects), and each test checks the error — its code, its place and what it says — and,
// through the command line, that nothing reaches stdout.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

#include "commend/data/csv.hpp"
#include "commend/data/csv_source.hpp"
#include "commend/limits.hpp"
#include "commend/rules/ruleset.hpp"
#include "commend/run/evaluation_budget.hpp"
#include "commend/run/workspace.hpp"
#include "temp_dir.hpp"

using namespace commend;
namespace fs = std::filesystem;

namespace {

const Diagnostic* find(const Diagnostics& diags, std::string_view code) {
    for (const auto& d : diags.items())
        if (d.code == code) return &d;
    return nullptr;
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

struct Run {
    std::string out, err;
    int status = -1;
};

/// Runs `commend ARGS` in `dir`, capturing both streams.
Run commend_in(const fs::path& dir, const std::string& args) {
    const fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
    const std::string command = "cd '" + dir.string() + "' && '" COMMEND_BINARY "' " + args +
                                " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int raw = std::system(command.c_str());
    auto slurp = [](const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    };
    return {slurp(out), slurp(err), WIFEXITED(raw) ? WEXITSTATUS(raw) : -1};
}

constexpr std::string_view minimal_rules = R"([ruleset]
id = "t"
[scales]
rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
[[award]]
id = "x"
kinds = ["cb"]
criteria = ["rating == HTXSNV"]
)";

/// A file of `size` bytes that takes no disk space (a hole), to test size limits.
void sparse_file(const fs::path& p, std::uintmax_t size) {
    std::ofstream(p, std::ios::binary) << "id,name,kind\n";
    fs::resize_file(p, size);
}

} // namespace

TEST_CASE("limits: a line of 100 MB is refused with a clear error, nothing on stdout", "[limits]") {
    test::TempDir dir("commend-limits-");
    dir.write("rules.toml", minimal_rules);
    dir.write("data/evaluations.csv", "subject,year,rating\na,2021,HTXSNV\n");
    {
        std::ofstream f(dir.path / "data" / "subjects.csv", std::ios::binary);
        f << "id,name,kind\na,Chi bộ A,cb\nb,";
        const std::string chunk(1 << 20, 'x');
        for (int i = 0; i < 100; ++i)
            f << chunk;
        f << ",cb\n";
    }
    const Run r = commend_in(dir.path, "evaluate --year 2021 --rules rules.toml --data data");
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "data/subjects.csv:3:1: error: the row starting on line 3 is longer "
                          "than 1 MiB"));
    CHECK(contains(r.err, "[data.row-too-long]"));
    // The caret line is not printed for a file that big (it is not reread), nor the 100 MB.
    CHECK(r.err.size() < 2000);
}

TEST_CASE("limits: a line of more than 1 MiB inside quotes stops the file too", "[limits]") {
    Diagnostics d;
    std::string text = "a,b\n1,\"";
    for (int i = 0; i < 20000; ++i)
        text += std::string(60, 'y') + "\n";
    text += "\"\n";
    CHECK_FALSE(parse_csv(text, "t.csv", d));
    const Diagnostic* e = find(d, "data.row-too-long");
    REQUIRE(e);
    CHECK(e->pos.line == 2);
    CHECK(d.error_count() == 1);
}

TEST_CASE("limits: 10,000 awards in one file, and too many in all files", "[limits]") {
    std::string one = "[ruleset]\nid = \"r\"\n";
    for (int i = 0; i < 10'000; ++i)
        one += "[[award]]\nid = \"a" + std::to_string(i) +
               "\"\nkinds = [\"cb\"]\ncriteria = [\"true\"]\n";
    Diagnostics d;
    CHECK_FALSE(load_rules({{"big.toml", one}}, d));
    const Diagnostic* e = find(d, "rule.limit");
    REQUIRE(e);
    CHECK(e->pos.file == "big.toml");
    CHECK(e->pos.line == 3);
    CHECK(contains(e->message, "10000 [[award]] tables; the limit is 2000 in one file"));

    // Six files of 2,000 awards each (in force in different years, so no id clashes count).
    std::vector<RuleText> files;
    for (int f = 0; f < 6; ++f) {
        std::string text = "[ruleset]\nid = \"r" + std::to_string(f) + "\"\n";
        for (int i = 0; i < 2000; ++i)
            text += "[[award]]\nid = \"a" + std::to_string(f) + "-" + std::to_string(i) +
                    "\"\nkinds = [\"cb\"]\ncriteria = [\"true\"]\n";
        files.push_back({"r" + std::to_string(f) + ".toml", text});
    }
    Diagnostics all;
    CHECK_FALSE(load_rules(files, all));
    const Diagnostic* total = find(all, "rule.limit");
    REQUIRE(total);
    CHECK(contains(total->message, "define 12000 awards together; the limit is 10000"));
    CHECK(all.error_count() == 1);
}

TEST_CASE("limits: files too big are refused before they are read", "[limits]") {
    test::TempDir dir("commend-limits-");
    SECTION("a CSV file of 5 GiB") {
        sparse_file(dir.path / "big.csv", 5ull << 30);
        Diagnostics d;
        CHECK_FALSE(read_csv((dir.path / "big.csv").string(), "big.csv", d));
        const Diagnostic* e = find(d, "data.file-too-large");
        REQUIRE(e);
        CHECK(contains(e->message, "the file is 5120 MiB; the limit is 4 GiB"));
    }
    SECTION("a rule file of 9 MiB") {
        sparse_file(dir.path / "big.toml", 9u << 20);
        Diagnostics d;
        CHECK_FALSE(load_rules((dir.path / "big.toml").string(), d));
        const Diagnostic* e = find(d, "rule.limit");
        REQUIRE(e);
        CHECK(contains(e->message, "the rule file is 9 MiB; the limit is 8 MiB"));
    }
}

TEST_CASE("limits: a header of more columns than the limit", "[limits]") {
    std::string header = "c0";
    for (std::size_t i = 1; i <= limits::csv_columns; ++i)
        header += ",c" + std::to_string(i);
    Diagnostics d;
    CHECK_FALSE(parse_csv(header + "\n", "t.csv", d));
    const Diagnostic* e = find(d, "data.too-many-columns");
    REQUIRE(e);
    CHECK(contains(e->message, "the header has 1001 columns; the limit is 1000"));
}

TEST_CASE("limits: a span of years that would make yearly columns too big", "[limits]") {
    // 50,001 subjects over the years 0..9999: 500 million values per yearly column and more.
    std::string subjects = "id,name,kind,from,until\ns0,S,cb,0,\n";
    for (int i = 1; i < 50'000; ++i)
        subjects += "s" + std::to_string(i) + ",S,cb,,\n";
    subjects += "last,S,cb,,9999\n";
    Diagnostics d;
    auto s = parse_csv(subjects, "subjects.csv", d);
    auto e = parse_csv("subject,year,rating\ns1,2021,HTXSNV\n", "evaluations.csv", d);
    REQUIRE(s);
    REQUIRE(e);
    DataTables tables{"t", std::move(*s), std::move(*e), std::nullopt};
    CHECK_FALSE(load_data_tables(tables, DataSchema{}, d));
    const Diagnostic* err = find(d, "data.too-many-values");
    REQUIRE(err);
    CHECK(err->pos.file == "subjects.csv");
    CHECK(err->pos.line == 2); // where the earliest year is written
    CHECK(contains(err->message, "runs from 0 to 9999: 10000 years for 50001 subjects"));
    REQUIRE(err->notes.size() == 1);
    CHECK(err->notes[0].first.line == 50'002); // the latest year
}

TEST_CASE("limits: nested descendants() over a tree of 100,000 subjects are refused, named",
          "[limits]") {
    // khoi → 10 party committees → 100 cells each → 100 members each: 101,011 subjects.
    std::string subjects = "id,name,kind,parent\nkhoi,Khối,dang-uy-khoi,\n";
    std::string evaluations = "subject,year,rating\n";
    for (int b = 0; b < 10; ++b) {
        const std::string bo = "b" + std::to_string(b);
        subjects += bo + ",B,dang-bo,khoi\n";
        for (int c = 0; c < 100; ++c) {
            const std::string cell = bo + "-" + std::to_string(c);
            subjects += cell + ",C,chi-bo," + bo + "\n";
            for (int m = 0; m < 100; ++m)
                subjects += cell + "-" + std::to_string(m) + ",M,dang-vien," + cell + "\n";
        }
    }
    evaluations += "khoi,2021,HTXSNV\n";
    Diagnostics d;
    auto s = parse_csv(subjects, "subjects.csv", d);
    auto e = parse_csv(evaluations, "evaluations.csv", d);
    REQUIRE(s);
    REQUIRE(e);
    const DataTables tables{"t", std::move(*s), std::move(*e), std::nullopt};
    struct Source : DataSource {
        const DataTables& t;
        explicit Source(const DataTables& tables) : t(tables) {}
        std::optional<DataSet> load(const DataSchema& schema, Diagnostics& diags) override {
            return load_data_tables(t, schema, diags);
        }
    } source(tables);
    auto open = [&](const std::string& criterion, Diagnostics& diags) {
        std::string rules = "[ruleset]\nid = \"t\"\n[scales]\n"
                            "rating = [\"HTXSNV\", \"HTTNV\", \"HTNV\", \"KHTNV\"]\n"
                            "[[award]]\nid = \"x\"\nkinds = [\"dang-uy-khoi\"]\ncriteria = [\"" +
                            criterion + "\"]\n";
        auto book = load_rules({{"rules.toml", rules}}, diags);
        REQUIRE(book);
        return open_workspace(std::move(*book), &source, diags, 2021);
    };

    SECTION("three descendants() nested: refused at the criterion") {
        Diagnostics diags;
        CHECK_FALSE(open("count(descendants(), count(descendants(), count(descendants(), "
                         "rating == HTXSNV) > 0) > 0) > 0",
                         diags));
        const Diagnostic* err = find(diags, "eval.too-costly");
        REQUIRE(err);
        CHECK(err->pos.file == "rules.toml");
        CHECK(err->pos.line == 8);
        CHECK(err->pos.column == 14); // the criterion's first character
        CHECK(contains(err->message, "more than the limit of 303.0 million for a data set of "
                                     "101,011 subjects"));
        CHECK(contains(err->message, "descendants('dang-vien')"));
    }
    SECTION("the same question asked of the kinds that matter: loads") {
        Diagnostics diags;
        auto ws = open("count(descendants('chi-bo'), count(children('dang-vien'), "
                       "rating == HTXSNV) > 50) > 0",
                       diags);
        CHECK(ws);
        CHECK_FALSE(diags.has_errors());
    }
}

TEST_CASE("limits: an expression just under the evaluation depth evaluates and explains",
          "[limits]") {
    // Five lets, each a chain of 197 additions on the one before: 991 levels written out,
    // evaluated directly, inside a window and inside a set function, and traced. Under the
    // sanitizers this is the test that the depth limit leaves room on the stack.
    std::string terms = "1";
    for (int i = 1; i < 197; ++i)
        terms += " + 1";
    std::string rules = "[ruleset]\nid = \"t\"\n[columns]\nscore = \"number\"\n[let]\n"
                        "l1 = \"score + " +
                        terms + "\"\n";
    for (int i = 2; i <= 5; ++i)
        rules +=
            "l" + std::to_string(i) + " = \"l" + std::to_string(i - 1) + " + " + terms + "\"\n";
    rules +=
        "[[award]]\nid = \"x\"\nkinds = [\"cb\"]\ncriteria = [\"l5 > 0\", \"years(l5 > 0, last = "
        "3) > 0\", \"count(children(), l5 > 0) >= 0\"]\nrank = [\"l5\"]\n";
    Diagnostics d;
    auto book = load_rules({{"rules.toml", rules}}, d);
    REQUIRE(book);
    auto s = parse_csv("id,name,kind,parent\na,A,cb,\nb,B,cb,a\n", "subjects.csv", d);
    auto e = parse_csv("subject,year,score\na,2021,1\nb,2021,2\na,2020,3\n", "evaluations.csv", d);
    REQUIRE(s);
    REQUIRE(e);
    const DataTables tables{"t", std::move(*s), std::move(*e), std::nullopt};
    struct Source : DataSource {
        const DataTables& t;
        explicit Source(const DataTables& tables) : t(tables) {}
        std::optional<DataSet> load(const DataSchema& schema, Diagnostics& diags) override {
            return load_data_tables(t, schema, diags);
        }
    } source(tables);
    auto ws = open_workspace(std::move(*book), &source, d, 2021);
    REQUIRE(ws);
    YearResult r = evaluate_year(*ws, 2021);
    REQUIRE(r.awards.size() == 1);
    CHECK(r.awards[0].selected.size() == 2); // both pass every criterion
    Explanation x = explain_subject(*ws, r, 0);
    REQUIRE(x.awards.size() == 1);
    CHECK(x.awards[0].eligible == std::optional<bool>(true));
}
