// Tests of loading rule sets (SPEC §3): what a TOML file becomes, and every load error with its
// code and its place (line and column, the column pointing into an expression where the
// problem is), all of them reported.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "commend/rules/ruleset.hpp"
#include "commend/text/unicode.hpp"
#include "temp_dir.hpp"

using namespace commend;

namespace {

namespace fs = std::filesystem;

struct TempDir : test::TempDir {
    TempDir() : test::TempDir("commend-rules-") {}
};

struct Loaded {
    TempDir dir;
    std::string file; ///< the path of the (first) file, as diagnostics name it
    std::optional<RuleBook> book;
    Diagnostics diags;

    std::vector<Diagnostic> errors() const {
        std::vector<Diagnostic> out;
        for (const auto& d : diags.items())
            if (d.severity == Severity::error) out.push_back(d);
        return out;
    }
    std::vector<Diagnostic> with_code(const std::string& code) const {
        std::vector<Diagnostic> out;
        for (const auto& d : diags.items())
            if (d.code == code) out.push_back(d);
        return out;
    }
    std::string dump() const {
        std::string s;
        for (const auto& d : diags.items())
            s += d.pos.file + ":" + std::to_string(d.pos.line) + ":" +
                 std::to_string(d.pos.column) + ": " + d.code + ": " + d.message + "\n";
        return s;
    }
};

/// Loads one file named rules.toml.
std::unique_ptr<Loaded> load_text(const std::string& content) {
    auto l = std::make_unique<Loaded>();
    l->file = l->dir.write("rules.toml", content);
    l->book = load_rules(l->file, l->diags);
    return l;
}

/// Loads a folder of files.
std::unique_ptr<Loaded> load_folder(const std::map<std::string, std::string>& files) {
    auto l = std::make_unique<Loaded>();
    for (const auto& [name, content] : files)
        l->dir.write(name, content);
    l->file = l->dir.path.string();
    l->book = load_rules(l->dir.path.string(), l->diags);
    return l;
}

/// The 1-based line of the first line of `text` containing `needle` (after `after`, if given).
int line_of(const std::string& text, const std::string& needle, const std::string& after = "") {
    std::size_t start = after.empty() ? 0 : text.find(after);
    REQUIRE(start != std::string::npos);
    std::size_t at = text.find(needle, start);
    REQUIRE(at != std::string::npos);
    return 1 +
           static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

/// The 1-based column, in characters, of `needle` on its line (first occurrence after `after`).
int column_of(const std::string& text, const std::string& needle, const std::string& after = "") {
    std::size_t start = after.empty() ? 0 : text.find(after);
    REQUIRE(start != std::string::npos);
    std::size_t at = text.find(needle, start);
    REQUIRE(at != std::string::npos);
    std::size_t line_start = text.rfind('\n', at);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    return 1 + text::code_point_count(std::string_view(text).substr(line_start, at - line_start));
}

const std::string header = R"TOML([ruleset]
id = "r"

[scales]
rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]

[columns]
disciplined = "flag"
admitted = "number"
)TOML";

/// A file with the standard header and one award whose criteria are `criteria` (TOML text).
std::string award_file(const std::string& id, const std::string& criteria,
                       const std::string& extra = "") {
    return header + "\n[[award]]\nid = \"" + id +
           "\"\nkinds = [\"chi-bo\"]\ncriteria = " + criteria + "\n" + extra;
}

bool names_file(const Diagnostic& d, const std::string& file_name) {
    return d.pos.file.size() >= file_name.size() &&
           d.pos.file.compare(d.pos.file.size() - file_name.size(), file_name.size(), file_name) ==
               0;
}

const std::string valid = R"TOML([ruleset]
id = "khoi-to-chuc-dang"
title = "Khen thưởng tổ chức đảng hằng năm"
in_force = { from = 2017, until = 2025 }

[scales]
rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]

[aliases]
TSVM = "HTXSNV"

[columns]
disciplined = { type = "flag", missing = false }
admitted = "number"
admission_target = "number"
member_rating = "rating"

[labels]
HTXSNV = "Hoàn thành xuất sắc nhiệm vụ"

[let]
excellent = "rating == HTXSNV"

[[award]]
id = "tieu-bieu-5-nam"
title = "Giấy khen: HTXSNV tiêu biểu 5 năm liền"
issuer = "Ban Thường vụ Đảng ủy Khối"
kinds = ["chi-bo-truc-thuoc"]
criteria = [
  { label = "Xếp loại HTXSNV trong năm", test = "excellent", gate = true },
  "streak(excellent, since = 'tieu-bieu-5-nam') >= 5",
  { label = "Không bị kỷ luật trong 5 năm", test = "never(disciplined, last = 5)" },
]
rank = ["streak(excellent) desc", "admitted / admission_target desc", "rating", "name asc"]
limit = 3

[[award]]
id = "per-parent"
kinds = ["chi-bo", "dang-bo"]
criteria = ["excellent"]
limit = { max = 2, per = "parent" }

[[award]]
id = "share"
kinds = ["dang-vien"]
criteria = ["member_rating >= HTTNV"]
limit = { share = 0.2, per = { ancestor = ["dang-bo-co-so", "chi-bo-co-so"] }, of = "member_rating != KHTNV", round = "nearest", min = 1 }

[[award]]
id = "no-limit"
kinds = ["chi-bo"]
criteria = ["eligible('per-parent') and not disciplined"]

[[check]]
id = "tran-20-phan-tram"
title = "Số HTXSNV không vượt quá 20% số HTTNV"
kinds = ["dang-uy-khoi"]
test = "count(children(), rating == HTXSNV) <= 0.2 * count(children(), rating == HTTNV)"

[[check]]
id = "canh-bao"
kinds = ["dang-uy-khoi"]
test = "admitted >= 0"
severity = "warning"

[[target]]
id = "ket-nap"
title = "Kết nạp đảng viên"
kinds = ["dang-uy-khoi"]
actual = "admitted"
goal = "admission_target"

[[target]]
id = "vuot"
kinds = ["dang-uy-khoi"]
actual = "admitted"
goal = "admission_target"
compare = ">"

[ranking]
kinds = ["dang-bo-co-so", "chi-bo-co-so"]
by = ["rating", "admitted / admission_target desc"]
)TOML";

} // namespace

// =============================================================================================
// A valid file
// =============================================================================================

TEST_CASE("rules: a valid file loads with everything in it", "[rules]") {
    auto l = load_text(valid);
    INFO(l->dump());
    REQUIRE(l->book);
    CHECK_FALSE(l->diags.has_errors());
    const RuleBook& book = *l->book;
    REQUIRE(book.rulesets.size() == 1);
    const RuleSet& rs = *book.rulesets[0];
    CHECK(rs.id == "khoi-to-chuc-dang");
    CHECK(rs.title == "Khen thưởng tổ chức đảng hằng năm");
    CHECK(rs.file == l->file);
    CHECK(rs.in_force_from == 2017);
    CHECK(rs.in_force_until == 2025);
    CHECK_FALSE(rs.in_force(2016));
    CHECK(rs.in_force(2017));
    CHECK(rs.in_force(2025));
    CHECK_FALSE(rs.in_force(2026));
    CHECK(book.in_force(2020).size() == 1);
    CHECK(book.in_force(2030).empty());

    // The shared schema.
    REQUIRE(book.schema.scales.size() == 1);
    CHECK(book.schema.scales[0].name == "rating");
    CHECK(book.schema.scales[0].levels ==
          std::vector<std::string>{"HTXSNV", "HTTNV", "HTNV", "KHTNV"});
    CHECK(book.schema.aliases.at("TSVM") == "HTXSNV");
    REQUIRE(book.schema.columns.count("disciplined"));
    CHECK(book.schema.columns.at("disciplined").type == ColumnType::flag);
    CHECK(book.schema.columns.at("disciplined").missing == std::optional<std::string>("false"));
    CHECK(book.schema.columns.at("admitted").type == ColumnType::number);
    CHECK_FALSE(book.schema.columns.at("admitted").missing);
    CHECK(book.schema.columns.at("member_rating").type == ColumnType::level);
    CHECK(book.schema.columns.at("member_rating").scale == 0);
    CHECK(book.labels.at("HTXSNV") == "Hoàn thành xuất sắc nhiệm vụ");
    REQUIRE(rs.lets.size() == 1);
    CHECK(rs.lets[0].name == "excellent");
    CHECK(rs.find_let("excellent"));
    CHECK_FALSE(rs.find_let("khong-co"));

    // Awards.
    REQUIRE(rs.awards.size() == 4);
    const Award& a = rs.awards[0];
    CHECK(a.id == "tieu-bieu-5-nam");
    CHECK(a.title == "Giấy khen: HTXSNV tiêu biểu 5 năm liền");
    CHECK(a.issuer == std::optional<std::string>("Ban Thường vụ Đảng ủy Khối"));
    CHECK(a.kinds == std::vector<std::string>{"chi-bo-truc-thuoc"});
    CHECK(a.pos.line == line_of(valid, "id = \"tieu-bieu-5-nam\""));
    REQUIRE(a.criteria.size() == 3);
    CHECK(a.criteria[0].label == std::optional<std::string>("Xếp loại HTXSNV trong năm"));
    CHECK(a.criteria[0].gate);
    CHECK(a.criteria[0].test.text == "excellent");
    CHECK(a.criteria[0].name() == "Xếp loại HTXSNV trong năm");
    CHECK_FALSE(a.criteria[1].label);
    CHECK_FALSE(a.criteria[1].gate);
    CHECK(a.criteria[1].test.text == "streak(excellent, since = 'tieu-bieu-5-nam') >= 5");
    CHECK(a.criteria[1].name() == a.criteria[1].test.text);
    CHECK(a.criteria[2].label == std::optional<std::string>("Không bị kỷ luật trong 5 năm"));
    CHECK_FALSE(a.criteria[2].gate);
    for (const auto& c : a.criteria)
        CHECK(c.test.root);
    // Each expression knows where its text starts: just after the opening quote.
    CHECK(a.criteria[1].test.origin.line == line_of(valid, "\"streak(excellent, since"));
    CHECK(a.criteria[1].test.origin.column == column_of(valid, "streak(excellent, since"));
    CHECK(a.criteria[2].test.origin.column == column_of(valid, "never(disciplined"));
    // Rank keys and their directions.
    REQUIRE(a.rank.size() == 4);
    CHECK(a.rank[0].key.text == "streak(excellent)");
    CHECK(a.rank[0].direction == RankKey::Direction::desc);
    CHECK(a.rank[1].key.text == "admitted / admission_target");
    CHECK(a.rank[1].direction == RankKey::Direction::desc);
    CHECK(a.rank[2].key.text == "rating");
    CHECK(a.rank[2].direction == RankKey::Direction::natural);
    CHECK(a.rank[3].key.text == "name");
    CHECK(a.rank[3].direction == RankKey::Direction::asc);
    for (const auto& k : a.rank)
        CHECK(k.key.root);
    // The limit forms.
    CHECK(a.limit.form == Limit::Form::count);
    CHECK(a.limit.max == 3);
    CHECK(a.limit.per == Limit::Per::run);

    const Award& pp = rs.awards[1];
    CHECK(pp.title == "per-parent"); // the title defaults to the id
    CHECK_FALSE(pp.issuer);
    CHECK(pp.kinds == std::vector<std::string>{"chi-bo", "dang-bo"});
    CHECK(pp.rank.empty());
    CHECK(pp.limit.form == Limit::Form::count);
    CHECK(pp.limit.max == 2);
    CHECK(pp.limit.per == Limit::Per::parent);

    const Award& sh = rs.awards[2];
    CHECK(sh.limit.form == Limit::Form::share);
    CHECK(sh.limit.share == Approx(0.2));
    CHECK(sh.limit.per == Limit::Per::ancestor);
    CHECK(sh.limit.ancestor_kinds == std::vector<std::string>{"dang-bo-co-so", "chi-bo-co-so"});
    REQUIRE(sh.limit.of);
    CHECK(sh.limit.of->text == "member_rating != KHTNV");
    CHECK(sh.limit.round == Limit::Round::nearest);
    CHECK(sh.limit.min == 1);

    const Award& nl = rs.awards[3];
    CHECK(nl.limit.form == Limit::Form::none);

    // Checks, with the severity defaulting to error.
    REQUIRE(rs.checks.size() == 2);
    CHECK(rs.checks[0].id == "tran-20-phan-tram");
    CHECK(rs.checks[0].severity == Severity::error);
    CHECK(rs.checks[0].test.root);
    CHECK(rs.checks[1].severity == Severity::warning);
    CHECK(rs.checks[1].title == "canh-bao");

    // Targets, with compare defaulting to >=.
    REQUIRE(rs.targets.size() == 2);
    CHECK(rs.targets[0].id == "ket-nap");
    CHECK(rs.targets[0].title == "Kết nạp đảng viên");
    CHECK_FALSE(rs.targets[0].strict);
    CHECK(rs.targets[1].strict);

    // Ranking.
    REQUIRE(rs.ranking);
    CHECK(rs.ranking->kinds == std::vector<std::string>{"dang-bo-co-so", "chi-bo-co-so"});
    REQUIRE(rs.ranking->by.size() == 2);
    CHECK(rs.ranking->by[0].direction == RankKey::Direction::natural);
    CHECK(rs.ranking->by[1].direction == RankKey::Direction::desc);

    // The source lines are kept for carets.
    REQUIRE(book.source_line(l->file, 2));
    CHECK(*book.source_line(l->file, 2) == "id = \"khoi-to-chuc-dang\"");
}

TEST_CASE("rules: defaults of a minimal file", "[rules]") {
    auto l = load_text("[ruleset]\nid = \"min\"\n");
    INFO(l->dump());
    REQUIRE(l->book);
    const RuleSet& rs = *l->book->rulesets[0];
    CHECK(rs.title == "min");
    CHECK_FALSE(rs.in_force_from);
    CHECK_FALSE(rs.in_force_until);
    CHECK(rs.in_force(1900));
    CHECK(rs.in_force(2100));
    CHECK(rs.awards.empty());
    CHECK_FALSE(rs.ranking);
}

TEST_CASE("rules: a share limit's defaults", "[rules]") {
    auto l = load_text(award_file("a", "[\"true\"]", "limit = { share = 0.3 }\n"));
    INFO(l->dump());
    REQUIRE(l->book);
    const Limit& lim = l->book->rulesets[0]->awards[0].limit;
    CHECK(lim.form == Limit::Form::share);
    CHECK(lim.round == Limit::Round::floor);
    CHECK(lim.min == 0);
    CHECK(lim.per == Limit::Per::run);
    CHECK_FALSE(lim.of);
}

TEST_CASE("rules: a folder loads every *.toml in name order", "[rules]") {
    auto l = load_folder({{"b.toml", "[ruleset]\nid = \"b\"\n"},
                          {"a.toml", "[ruleset]\nid = \"a\"\n"},
                          {"notes.txt", "not a rule file"}});
    INFO(l->dump());
    REQUIRE(l->book);
    REQUIRE(l->book->rulesets.size() == 2);
    CHECK(l->book->rulesets[0]->id == "a");
    CHECK(l->book->rulesets[1]->id == "b");
}

// =============================================================================================
// Load errors, each with its code and place
// =============================================================================================

TEST_CASE("rules: an unknown key is an error at the key", "[rules]") {
    std::string text = award_file("a", "[\"true\"]", "limt = 3\n");
    auto l = load_text(text);
    CHECK_FALSE(l->book);
    auto e = l->with_code("rule.unknown-key");
    REQUIRE(e.size() == 1);
    CHECK(e[0].severity == Severity::error);
    CHECK(e[0].pos.file == l->file);
    CHECK(e[0].pos.line == line_of(text, "limt"));
    CHECK(e[0].pos.column == 1);
    CHECK(e[0].message.find("limt") != std::string::npos);

    // In other tables too: the file, [ruleset], a criterion table, a limit table.
    for (const auto& [t, key] : std::vector<std::pair<std::string, std::string>>{
             {header + "\n[awards]\nx = 1\n", "awards]"},
             {"[ruleset]\nid = \"r\"\nversion = 2\n", "version"},
             {award_file("a", "[{ test = \"true\", lable = \"x\" }]"), "lable"},
             {award_file("a", "[\"true\"]", "limit = { max = 2, pr = \"parent\" }\n"), "pr"},
             {header + "\n[[check]]\nid = \"c\"\nkinds = [\"k\"]\ntest = \"true\"\nlevel = 1\n",
              "level"},
         }) {
        INFO(t);
        auto m = load_text(t);
        CHECK_FALSE(m->book);
        auto k = m->with_code("rule.unknown-key");
        REQUIRE(k.size() == 1);
        std::string at = key.back() == ']' ? key : key + " =";
        CHECK(k[0].pos.line == line_of(t, at));
        CHECK(k[0].pos.column == column_of(t, at));
    }
}

TEST_CASE("rules: a wrong type is an error at the value", "[rules]") {
    struct Case {
        std::string text, at;
    };
    for (const Case& c : std::vector<Case>{
             {header + "\n[[award]]\nid = \"a\"\nkinds = \"chi-bo\"\ncriteria = [\"true\"]\n",
              "\"chi-bo\""},
             {header +
                  "\n[[award]]\nid = \"a\"\ntitle = 5\nkinds = [\"k\"]\ncriteria = [\"true\"]\n",
              "5"},
             {header + "\n[[award]]\nid = 7\nkinds = [\"k\"]\ncriteria = [\"true\"]\n", "7"},
             {award_file("a", "\"true\""), "\"true\""},
             {award_file("a", "[{ test = \"true\", gate = \"yes\" }]"), "\"yes\""},
             {award_file("a", "[42]"), "42"},
             {award_file("a", "[\"true\"]", "rank = \"admitted\"\n"), "\"admitted\""},
             {award_file("a", "[\"true\"]", "limit = \"3\"\n"), "\"3\""},
             {header + "\n[[check]]\nid = \"c\"\nkinds = [\"k\"]\ntest = \"true\"\nseverity = "
                       "\"fatal\"\n",
              "\"fatal\""},
             {header + "\n[[check]]\nid = \"c\"\nkinds = [\"k\"]\ntest = true\n", "true\n"},
             {header +
                  "\n[[target]]\nid = \"t\"\nkinds = [\"k\"]\nactual = \"admitted\"\ngoal = 5\n",
              "5"},
             {"[ruleset]\nid = \"r\"\nin_force = { from = \"2017\" }\n", "\"2017\""},
             {"[ruleset]\nid = \"r\"\n[scales]\nrating = \"HTXSNV\"\n", "\"HTXSNV\""},
             {"[ruleset]\nid = \"r\"\n[[award]]\nid = \"a\"\nkinds = [\"k\", 3]\ncriteria = "
              "[\"true\"]\n",
              "3]"},
         }) {
        INFO(c.text);
        auto l = load_text(c.text);
        INFO(l->dump());
        CHECK_FALSE(l->book);
        auto e = l->with_code("rule.wrong-type");
        REQUIRE(e.size() == 1);
        CHECK(e[0].pos.line == line_of(c.text, c.at));
        CHECK(e[0].pos.column == column_of(c.text, c.at));
    }
}

TEST_CASE("rules: a missing required key is an error", "[rules]") {
    // The error points at the table that lacks the key (for an award lacking criteria, at the
    // award's id).
    struct Case {
        std::string text, key, at;
    };
    for (const Case& c : std::vector<Case>{
             {"[ruleset]\ntitle = \"x\"\n", "id", "[ruleset]"},
             {"title = \"x\"\n", "id", "title"},
             {header + "\n[[award]]\nkinds = [\"k\"]\ncriteria = [\"true\"]\n", "id", "[[award]]"},
             {header + "\n[[award]]\nid = \"a\"\ncriteria = [\"true\"]\n", "kinds", "[[award]]"},
             {header + "\n[[award]]\nid = \"a\"\nkinds = [\"k\"]\n", "criteria", "\"a\""},
             {award_file("a", "[{ label = \"x\" }]"), "test", "{ label"},
             {header + "\n[[check]]\nid = \"c\"\nkinds = [\"k\"]\n", "test", "[[check]]"},
             {header + "\n[[check]]\nid = \"c\"\ntest = \"true\"\n", "kinds", "[[check]]"},
             {header + "\n[[target]]\nid = \"t\"\nkinds = [\"k\"]\nactual = \"admitted\"\n", "goal",
              "[[target]]"},
             {header + "\n[[target]]\nid = \"t\"\nkinds = [\"k\"]\ngoal = \"admitted\"\n", "actual",
              "[[target]]"},
             {header + "\n[ranking]\nby = [\"rating\"]\n", "kinds", "[ranking]"},
         }) {
        INFO(c.text);
        auto l = load_text(c.text);
        INFO(l->dump());
        CHECK_FALSE(l->book);
        auto e = l->with_code("rule.missing-key");
        REQUIRE(e.size() == 1);
        CHECK(e[0].message.find("'" + c.key + "'") != std::string::npos);
        CHECK(e[0].pos.file == l->file);
        CHECK(e[0].pos.line == line_of(c.text, c.at));
        CHECK(e[0].pos.column == column_of(c.text, c.at));
    }
}

TEST_CASE("rules: a bad limit is an error at the limit", "[rules]") {
    struct Case {
        std::string limit, at;
    };
    for (const Case& c : std::vector<Case>{
             {"limit = -1", "-1"},
             {"limit = { max = 2, share = 0.1 }", "{"},
             {"limit = { per = \"parent\" }", "{"},
             {"limit = { max = -2 }", "-2"},
             {"limit = { max = 1.5 }", "1.5"},
             {"limit = { share = 1.5 }", "1.5"},
             {"limit = { share = -0.1 }", "-0.1"},
             {"limit = { share = \"20%\" }", "\"20%\""},
             {"limit = { share = 0.2, round = \"up\" }", "\"up\""},
             {"limit = { share = 0.2, min = -1 }", "-1"},
             {"limit = { max = 2, per = \"grandparent\" }", "\"grandparent\""},
             {"limit = { max = 2, per = { ancestor = [] } }", "{ ancestor"},
             {"limit = { max = 2, per = 3 }", "3 }"},
             {"limit = { max = 2, round = \"ceil\" }", "{"},
         }) {
        std::string text = award_file("a", "[\"true\"]", c.limit + "\n");
        INFO(text);
        auto l = load_text(text);
        INFO(l->dump());
        CHECK_FALSE(l->book);
        auto e = l->with_code("rule.bad-limit");
        REQUIRE(e.size() == 1);
        CHECK(e[0].pos.line == line_of(text, c.limit));
        CHECK(e[0].pos.column == column_of(text, c.at, "limit ="));
    }
}

TEST_CASE("rules: in_force years", "[rules]") {
    auto l = load_text("[ruleset]\nid = \"r\"\nin_force = { from = 2024, until = 2020 }\n");
    CHECK_FALSE(l->book);
    CHECK(l->with_code("rule.bad-year").size() == 1);
    auto m = load_text("[ruleset]\nid = \"r\"\nin_force = { from = 2024, untill = 2030 }\n");
    CHECK_FALSE(m->book);
    CHECK(m->with_code("rule.unknown-key").size() == 1);
}

TEST_CASE("rules: a duplicate award id in one file", "[rules]") {
    std::string text = header + R"TOML(
[[award]]
id = "a"
kinds = ["k"]
criteria = ["true"]

[[award]]
id = "b"
kinds = ["k"]
criteria = ["true"]

[[award]]
id = "a"
kinds = ["k"]
criteria = ["false"]
)TOML";
    auto l = load_text(text);
    CHECK_FALSE(l->book);
    auto e = l->with_code("rule.duplicate-id");
    REQUIRE(e.size() == 1);
    CHECK(e[0].pos.line == line_of(text, "id = \"a\"", "id = \"b\""));
    CHECK(e[0].message.find("'a'") != std::string::npos);

    // Checks and targets too.
    std::string checks = header + R"TOML(
[[check]]
id = "c"
kinds = ["k"]
test = "true"

[[check]]
id = "c"
kinds = ["k"]
test = "true"
)TOML";
    auto m = load_text(checks);
    CHECK_FALSE(m->book);
    REQUIRE(m->with_code("rule.duplicate-id").size() == 1);
    CHECK(m->with_code("rule.duplicate-id")[0].pos.line == line_of(checks, "id = \"c\"", "test"));
}

TEST_CASE("rules: two files in force in overlapping years may not define one award id", "[rules]") {
    auto file = [](const std::string& id, const std::string& in_force,
                   const std::string& criterion) {
        return "[ruleset]\nid = \"" + id + "\"\n" + in_force +
               "\n[scales]\nrating = [\"HTXSNV\", \"HTTNV\"]\n\n[[award]]\nid = \"tb\"\nkinds = "
               "[\"k\"]\ncriteria = [\"" +
               criterion + "\"]\n";
    };
    SECTION("overlapping years") {
        auto l = load_folder(
            {{"a.toml", file("old", "in_force = { from = 2017, until = 2024 }", "true")},
             {"b.toml", file("new", "in_force = { from = 2024 }", "false")}});
        INFO(l->dump());
        CHECK_FALSE(l->book);
        auto e = l->with_code("rule.duplicate-id");
        REQUIRE(e.size() == 1);
        CHECK(names_file(e[0], "b.toml"));
        CHECK(e[0].pos.line == 8);
        CHECK(e[0].message.find("tb") != std::string::npos);
    }
    SECTION("both always in force") {
        auto l = load_folder(
            {{"a.toml", file("old", "", "true")}, {"b.toml", file("new", "", "false")}});
        CHECK_FALSE(l->book);
        CHECK(l->with_code("rule.duplicate-id").size() == 1);
    }
    SECTION("one open-ended, one in its years") {
        auto l = load_folder(
            {{"a.toml", file("old", "in_force = { until = 2020 }", "true")},
             {"b.toml", file("new", "in_force = { from = 2019, until = 2019 }", "false")}});
        CHECK_FALSE(l->book);
        CHECK(l->with_code("rule.duplicate-id").size() == 1);
    }
    SECTION("years that do not overlap: old criteria until 2023, new ones from 2024") {
        auto l = load_folder(
            {{"a.toml", file("old", "in_force = { from = 2017, until = 2023 }", "true")},
             {"b.toml", file("new", "in_force = { from = 2024 }", "false")}});
        INFO(l->dump());
        REQUIRE(l->book);
        CHECK_FALSE(l->diags.has_errors());
        REQUIRE(l->book->in_force(2023).size() == 1);
        CHECK(l->book->in_force(2023)[0]->id == "old");
        REQUIRE(l->book->in_force(2024).size() == 1);
        CHECK(l->book->in_force(2024)[0]->id == "new");
        CHECK(l->book->in_force(2024)[0]->awards[0].criteria[0].test.text == "false");
        CHECK(l->book->in_force(2016).empty());
    }
    SECTION("checks and targets too") {
        std::string a =
            "[ruleset]\nid = \"a\"\n[[check]]\nid = \"c\"\nkinds = [\"k\"]\ntest = \"true\"\n";
        std::string b =
            "[ruleset]\nid = \"b\"\n[[check]]\nid = \"c\"\nkinds = [\"k\"]\ntest = \"true\"\n";
        auto l = load_folder({{"a.toml", a}, {"b.toml", b}});
        CHECK_FALSE(l->book);
        CHECK(l->with_code("rule.duplicate-id").size() == 1);
        std::string ta = "[ruleset]\nid = \"a\"\n[[target]]\nid = \"t\"\nkinds = [\"k\"]\nactual = "
                         "\"1\"\ngoal = \"1\"\n";
        std::string tb = "[ruleset]\nid = \"b\"\n[[target]]\nid = \"t\"\nkinds = [\"k\"]\nactual = "
                         "\"1\"\ngoal = \"1\"\n";
        auto m = load_folder({{"a.toml", ta}, {"b.toml", tb}});
        CHECK_FALSE(m->book);
        CHECK(m->with_code("rule.duplicate-id").size() == 1);
    }
}

TEST_CASE("rules: shared tables must agree across files", "[rules]") {
    SECTION("a scale defined differently") {
        auto l = load_folder(
            {{"a.toml", "[ruleset]\nid = \"a\"\n[scales]\nrating = [\"HTXSNV\", \"HTTNV\"]\n"},
             {"b.toml", "[ruleset]\nid = \"b\"\n[scales]\nrating = [\"HTTNV\", \"HTXSNV\"]\n"}});
        CHECK_FALSE(l->book);
        auto e = l->with_code("rule.conflicting-scale");
        REQUIRE(e.size() == 1);
        CHECK(names_file(e[0], "b.toml"));
        CHECK(e[0].pos.line == 4);
        CHECK(e[0].pos.column == 1);
    }
    SECTION("the same scale in two files is fine") {
        auto l = load_folder(
            {{"a.toml", "[ruleset]\nid = \"a\"\n[scales]\nrating = [\"HTXSNV\", \"HTTNV\"]\n"},
             {"b.toml", "[ruleset]\nid = \"b\"\n[scales]\nrating = [\"HTXSNV\", \"HTTNV\"]\n"}});
        INFO(l->dump());
        REQUIRE(l->book);
        CHECK(l->book->schema.scales.size() == 1);
    }
    SECTION("an alias defined differently") {
        std::string s = "[scales]\nrating = [\"HTXSNV\", \"HTTNV\"]\n";
        auto l = load_folder(
            {{"a.toml", "[ruleset]\nid = \"a\"\n" + s + "[aliases]\nTSVM = \"HTXSNV\"\n"},
             {"b.toml", "[ruleset]\nid = \"b\"\n" + s + "[aliases]\nTSVM = \"HTTNV\"\n"}});
        CHECK_FALSE(l->book);
        CHECK(l->with_code("rule.conflicting-alias").size() == 1);
    }
    SECTION("a column declared differently") {
        auto l = load_folder({{"a.toml", "[ruleset]\nid = \"a\"\n[columns]\nx = \"flag\"\n"},
                              {"b.toml", "[ruleset]\nid = \"b\"\n[columns]\nx = \"number\"\n"}});
        CHECK_FALSE(l->book);
        CHECK(l->with_code("rule.conflicting-column").size() == 1);
    }
    SECTION("[let] names belong to their file") {
        auto l = load_folder({{"a.toml", "[ruleset]\nid = \"a\"\n[let]\nexcellent = \"true\"\n"},
                              {"b.toml", "[ruleset]\nid = \"b\"\n[[check]]\nid = \"c\"\nkinds = "
                                         "[\"k\"]\ntest = \"excellent\"\n"}});
        INFO(l->dump());
        REQUIRE(l->book);
        // In b.toml `excellent` is not a let: it is taken to be a data column, with a warning.
        auto w = l->with_code("expr.undeclared-column");
        REQUIRE(w.size() == 1);
        CHECK(w[0].severity == Severity::warning);
        CHECK(names_file(w[0], "b.toml"));
    }
}

TEST_CASE("rules: an award dependency cycle through eligible() names every award", "[rules]") {
    std::string text = header + R"TOML(
[[award]]
id = "alpha-award"
kinds = ["k"]
criteria = ["eligible('beta-award')"]

[[award]]
id = "beta-award"
kinds = ["k"]
criteria = ["true", "eligible('gamma-award') or disciplined"]

[[award]]
id = "gamma-award"
kinds = ["k"]
criteria = ["not eligible('alpha-award')"]

[[award]]
id = "delta-award"
kinds = ["k"]
criteria = ["eligible('alpha-award')"]
)TOML";
    auto l = load_text(text);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    auto e = l->with_code("award.cycle");
    REQUIRE(e.size() == 1); // reported once
    CHECK(l->errors().size() == 1);
    for (const char* id : {"alpha-award", "beta-award", "gamma-award"})
        CHECK(e[0].message.find(id) != std::string::npos);
    // delta-award depends on the cycle but is not in it.
    CHECK(e[0].message.find("delta-award") == std::string::npos);
    CHECK(e[0].pos.file == l->file);
    CHECK(e[0].pos.line == line_of(text, "id = \"alpha-award\""));
}

TEST_CASE("rules: a cycle across two files", "[rules]") {
    auto l = load_folder({{"a.toml", "[ruleset]\nid = \"a\"\n[[award]]\nid = \"x-award\"\nkinds = "
                                     "[\"k\"]\ncriteria = [\"eligible('y-award')\"]\n"},
                          {"b.toml", "[ruleset]\nid = \"b\"\n[[award]]\nid = \"y-award\"\nkinds = "
                                     "[\"k\"]\ncriteria = [\"awarded('x-award')\"]\n"}});
    CHECK_FALSE(l->book);
    auto e = l->with_code("award.cycle");
    REQUIRE(e.size() == 1);
    CHECK(e[0].message.find("x-award") != std::string::npos);
    CHECK(e[0].message.find("y-award") != std::string::npos);
}

TEST_CASE("rules: awarded() and since looking only at earlier years make no dependency",
          "[rules]") {
    for (const std::string criterion : {
             "ever(awarded('self'), past = 3)",
             "never(awarded('self'), past = 1)",
             "prev(awarded('self'))",
             "prev(awarded('self'), 2)",
             "streak(true, since = 'self') >= 5",
             "years(true, since = 'self') >= 2",
             "not ever(awarded('self'), from = 2000, to = 2010)",
         }) {
        std::string text = "[ruleset]\nid = \"r\"\nin_force = { from = 2017 }\n[[award]]\nid = "
                           "\"self\"\nkinds = [\"k\"]\ncriteria = [\"" +
                           criterion + "\"]\n";
        INFO(text);
        auto l = load_text(text);
        INFO(l->dump());
        CHECK(l->book);
        CHECK(l->with_code("award.cycle").empty());
    }
    // Where awarded() can look at the evaluation year, naming itself is a cycle.
    for (const std::string criterion : {
             "awarded('self')",
             "not awarded('self')",
             "ever(awarded('self'), last = 3)",
             "streak(awarded('self')) >= 2",
             "eligible('self')",
             "ever(awarded('self'), from = 2015, to = 2030)",
         }) {
        std::string text = "[ruleset]\nid = \"r\"\nin_force = { from = 2017 }\n[[award]]\nid = "
                           "\"self\"\nkinds = [\"k\"]\ncriteria = [\"" +
                           criterion + "\"]\n";
        INFO(text);
        auto l = load_text(text);
        CHECK_FALSE(l->book);
        CHECK(l->with_code("award.cycle").size() == 1);
    }
    // awarded() of an award no rule set defines reads the records: no dependency.
    auto r = load_text(award_file("a", "[\"awarded('khong-dinh-nghia')\"]"));
    CHECK(r->book);
}

TEST_CASE("rules: an expression error points into the string", "[rules]") {
    SECTION("a type error at the column of the offending operand") {
        std::string text = award_file("a", "[\"rating == 5\"]");
        auto l = load_text(text);
        CHECK_FALSE(l->book);
        auto e = l->errors();
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "expr.type");
        CHECK(e[0].pos.file == l->file);
        CHECK(e[0].pos.line == line_of(text, "rating == 5"));
        CHECK(e[0].pos.column == column_of(text, "5\"]"));
    }
    SECTION("after a Vietnamese label, columns count characters") {
        std::string text =
            award_file("a", "[{ label = \"Xếp loại đảng viên\", test = \"rating >= 'HTTNV'\" }]");
        auto l = load_text(text);
        auto e = l->errors();
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "expr.type");
        CHECK(e[0].pos.line == line_of(text, "Xếp loại"));
        CHECK(e[0].pos.column == column_of(text, "'HTTNV'"));
    }
    SECTION("an unknown function") {
        std::string text = award_file("a", "[\"disciplined or streek(disciplined) > 1\"]");
        auto l = load_text(text);
        auto e = l->errors();
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "expr.unknown-function");
        CHECK(e[0].pos.column == column_of(text, "streek"));
    }
    SECTION("a syntax error") {
        std::string text = award_file("a", "[\"rating = HTXSNV\"]");
        auto l = load_text(text);
        auto e = l->errors();
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "expr.syntax");
        CHECK(e[0].pos.column == column_of(text, "= HTXSNV"));
    }
    SECTION("a window error in a check") {
        std::string text = header + "\n[[check]]\nid = \"c\"\nkinds = [\"k\"]\ntest = "
                                    "'years(disciplined, last = 0) == 0'\n";
        auto l = load_text(text);
        auto e = l->errors();
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "expr.window");
        CHECK(e[0].pos.line == line_of(text, "last = 0"));
        CHECK(e[0].pos.column == column_of(text, "0)"));
    }
    SECTION("in a rank key with a direction") {
        std::string text = award_file("a", "[\"true\"]", "rank = [\"admitted + 'x' desc\"]\n");
        auto l = load_text(text);
        auto e = l->errors();
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "expr.type");
        CHECK(e[0].pos.column == column_of(text, "'x'"));
    }
    SECTION("in a multi-line string") {
        std::string text = award_file("a", "[\"\"\"\nrating >= HTTNV and\n  admitted > 'x'\"\"\"]");
        auto l = load_text(text);
        auto e = l->errors();
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "expr.type");
        // The text starts on the line after the quotes; the 'x' is on the line after that.
        CHECK(e[0].pos.line == line_of(text, "admitted > 'x'"));
        CHECK(e[0].pos.column == column_of(text, "'x'"));
    }
    SECTION("in a let") {
        std::string text = header + "\n[let]\nbad = \"disciplined + 1\"\n";
        auto l = load_text(text);
        auto e = l->errors();
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "expr.type");
        CHECK(e[0].pos.line == line_of(text, "bad ="));
        CHECK(e[0].pos.column == column_of(text, "disciplined + 1"));
    }
}

TEST_CASE("rules: a TOML syntax error gives its position", "[rules]") {
    std::string text =
        "[ruleset]\nid = \"r\"\n\n[[award]]\nid = \"a\"\nkinds = [\"k\"\ncriteria = [\"true\"]\n";
    auto l = load_text(text);
    CHECK_FALSE(l->book);
    auto e = l->errors();
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == "rule.toml-syntax");
    CHECK(e[0].pos.file == l->file);
    CHECK(e[0].pos.line >= 6);
    CHECK(e[0].pos.line <= 7);
    CHECK(e[0].pos.column >= 1);

    std::string dup = "[ruleset]\nid = \"r\"\nid = \"s\"\n";
    auto m = load_text(dup);
    CHECK_FALSE(m->book);
    REQUIRE(m->errors().size() == 1);
    CHECK(m->errors()[0].code == "rule.toml-syntax");
    CHECK(m->errors()[0].pos.line == 3);

    std::string bad = "[ruleset]\nid = \"r\"\ntitle = \"unterminated\n";
    auto n = load_text(bad);
    CHECK_FALSE(n->book);
    REQUIRE(n->errors().size() == 1);
    CHECK(n->errors()[0].code == "rule.toml-syntax");
    CHECK(n->errors()[0].pos.line == 3);
}

TEST_CASE("rules: a missing path and an empty folder", "[rules]") {
    Diagnostics d;
    CHECK_FALSE(load_rules("/nonexistent/commend/rules.toml", d));
    CHECK(d.has_errors());
    auto l = load_folder({{"readme.txt", "x"}});
    CHECK_FALSE(l->book);
    CHECK(l->with_code("rule.no-files").size() == 1);
}

// =============================================================================================
// All errors are reported, not only the first
// =============================================================================================

TEST_CASE("rules: two bad awards give two errors", "[rules]") {
    std::string text = header + R"TOML(
[[award]]
id = "a"
kinds = ["k"]
criteria = ["rating == 5"]

[[award]]
id = "b"
kinds = ["k"]
criteria = ["admitted and true"]
)TOML";
    auto l = load_text(text);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    auto e = l->errors();
    REQUIRE(e.size() == 2);
    CHECK(e[0].pos.line == line_of(text, "rating == 5"));
    CHECK(e[1].pos.line == line_of(text, "admitted and true"));
}

TEST_CASE("rules: several load errors of one kind are all reported", "[rules]") {
    std::string text = header + R"TOML(
[[award]]
id = "a"
kinds = "k"
criteria = ["true"]
limit = -3

[[award]]
id = "b"
kinds = ["k"]
criteria = ["true"]
colour = "red"
shape = "round"
)TOML";
    auto l = load_text(text);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    CHECK(l->with_code("rule.wrong-type").size() == 1);
    CHECK(l->with_code("rule.bad-limit").size() == 1);
    CHECK(l->with_code("rule.unknown-key").size() == 2);
    CHECK(l->errors().size() == 4);
}

TEST_CASE("rules: two syntax errors in two criteria are both reported", "[rules]") {
    std::string text = award_file("a", "[\"rating = HTXSNV\", \"(admitted > 1\"]");
    auto l = load_text(text);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    CHECK(l->with_code("expr.syntax").size() == 2);
}

TEST_CASE("rules: errors of two files are all reported", "[rules]") {
    auto l = load_folder({{"a.toml", award_file("a", "[\"rating == 5\"]")},
                          {"b.toml", "[ruleset]\nid = \"b\"\n[[award]]\nid = \"b\"\nkinds = "
                                     "[\"k\"]\ncriteria = [\"1 + true > 0\"]\n"}});
    INFO(l->dump());
    CHECK_FALSE(l->book);
    auto e = l->errors();
    REQUIRE(e.size() == 2);
    CHECK(names_file(e[0], "a.toml"));
    CHECK(names_file(e[1], "b.toml"));
}

TEST_CASE("rules: two bad lets give two errors", "[rules]") {
    std::string text = header + "\n[let]\nx = \"disciplined + 1\"\ny = \"admitted and true\"\n";
    auto l = load_text(text);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    CHECK(l->errors().size() == 2);
}

TEST_CASE("rules: a file error and an expression error are both reported", "[rules]") {
    // An unknown key in one award, a type error in another: independent problems.
    std::string text = header + R"TOML(
[[award]]
id = "a"
kinds = ["k"]
criteria = ["true"]
colour = "red"

[[award]]
id = "b"
kinds = ["k"]
criteria = ["rating == 5"]
)TOML";
    auto l = load_text(text);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    CHECK(l->with_code("rule.unknown-key").size() == 1);
    CHECK(l->with_code("expr.type").size() == 1);
}

TEST_CASE("rules: a syntax error and a type error in two awards are both reported", "[rules]") {
    std::string text = header + R"TOML(
[[award]]
id = "a"
kinds = ["k"]
criteria = ["rating = HTXSNV"]

[[award]]
id = "b"
kinds = ["k"]
criteria = ["rating == 5"]
)TOML";
    auto l = load_text(text);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    CHECK(l->with_code("expr.syntax").size() == 1);
    CHECK(l->with_code("expr.type").size() == 1);
}

// =============================================================================================
// Lets, shared tables and expressions checked with their context
// =============================================================================================

TEST_CASE("rules: eligible() reached through a let inside a time function is an error", "[rules]") {
    // SPEC §4: eligible() is not allowed inside a time function; a [let] name stands for its
    // expression, so `streak(e)` with `e = "eligible('b')"` is eligible() inside streak().
    std::string text = header + R"TOML(
[let]
was_eligible = "eligible('b')"

[[award]]
id = "b"
kinds = ["k"]
criteria = ["true"]

[[award]]
id = "a"
kinds = ["k"]
criteria = ["streak(was_eligible) >= 2"]
)TOML";
    auto l = load_text(text);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    CHECK(l->with_code("expr.eligible-in-time").size() == 1);
}

TEST_CASE("rules: a let that refers to itself", "[rules]") {
    std::string text = header + "\n[let]\nx = \"y and true\"\ny = \"not x\"\n";
    auto l = load_text(text);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    CHECK_FALSE(l->with_code("rule.let-cycle").empty());
    auto m = load_text(header + "\n[let]\nx = \"x or true\"\n");
    CHECK_FALSE(m->book);
    CHECK_FALSE(m->with_code("rule.let-cycle").empty());
}

TEST_CASE("rules: award dependencies through lets", "[rules]") {
    std::string text = header + R"TOML(
[let]
needs_b = "eligible('b-award')"

[[award]]
id = "a-award"
kinds = ["k"]
criteria = ["needs_b"]

[[award]]
id = "b-award"
kinds = ["k"]
criteria = ["eligible('a-award')"]
)TOML";
    auto l = load_text(text);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    auto e = l->with_code("award.cycle");
    REQUIRE(e.size() == 1);
    CHECK(e[0].message.find("a-award") != std::string::npos);
    CHECK(e[0].message.find("b-award") != std::string::npos);
}

TEST_CASE("rules: expressions are checked for the type their place needs", "[rules]") {
    // The error points into the expression (`at` is the whole expression's text).
    struct Case {
        std::string text, at;
    };
    for (const Case& c : std::vector<Case>{
             {award_file("a", "[\"admitted\"]"), "admitted\"]"},
             {award_file("a", "[\"true\"]", "limit = { share = 0.2, of = \"admitted + 1\" }\n"),
              "admitted + 1"},
             {award_file("a", "[\"true\"]", "rank = [\"children() desc\"]\n"), "children()"},
             {header + "\n[[target]]\nid = \"t\"\nkinds = [\"k\"]\nactual = \"disciplined\"\ngoal "
                       "= \"1\"\n",
              "disciplined\"\ngoal"},
             {header + "\n[[check]]\nid = \"c\"\nkinds = [\"k\"]\ntest = \"admitted * 2\"\n",
              "admitted * 2"},
         }) {
        INFO(c.text);
        auto l = load_text(c.text);
        INFO(l->dump());
        CHECK_FALSE(l->book);
        auto e = l->errors();
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == "expr.type");
        CHECK(e[0].pos.line == line_of(c.text, c.at));
        std::string expression = c.at.substr(0, c.at.find('"'));
        CHECK(e[0].pos.column >= column_of(c.text, c.at));
        CHECK(e[0].pos.column < column_of(c.text, c.at) + static_cast<int>(expression.size()));
    }
}

TEST_CASE("rules: errors in the shared tables of one file", "[rules]") {
    SECTION("a column type that is no type and no scale") {
        std::string text = "[ruleset]\nid = \"r\"\n[columns]\nx = \"integer\"\n";
        auto l = load_text(text);
        CHECK_FALSE(l->book);
        auto e = l->with_code("rule.bad-column-type");
        REQUIRE(e.size() == 1);
        CHECK(e[0].pos.line == 4);
        CHECK(e[0].pos.column == column_of(text, "\"integer\""));
    }
    SECTION("an alias to a level of no scale") {
        auto l = load_text(
            "[ruleset]\nid = \"r\"\n[scales]\nrating = [\"A\", \"B\"]\n[aliases]\nX = \"C\"\n");
        CHECK_FALSE(l->book);
        auto e = l->with_code("rule.bad-alias");
        REQUIRE(e.size() == 1);
        CHECK(e[0].pos.line == 6);
    }
    SECTION("a level twice in a scale") {
        auto l = load_text("[ruleset]\nid = \"r\"\n[scales]\nrating = [\"A\", \"B\", \"A\"]\n");
        CHECK_FALSE(l->book);
        REQUIRE(l->errors().size() == 1);
        CHECK(l->errors()[0].pos.line == 4);
    }
    SECTION("a column of a declared scale") {
        auto l =
            load_text("[ruleset]\nid = \"r\"\n[scales]\ngrade = [\"A\", \"B\"]\n[columns]\nmark = "
                      "{ type = \"grade\", missing = \"B\" }\n");
        INFO(l->dump());
        REQUIRE(l->book);
        CHECK(l->book->schema.columns.at("mark").type == ColumnType::level);
        CHECK(l->book->schema.columns.at("mark").scale == 0);
        CHECK(l->book->schema.columns.at("mark").missing == std::optional<std::string>("B"));
    }
}
