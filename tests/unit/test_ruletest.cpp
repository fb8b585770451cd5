// Tests of `commend test` in the library: reading [[test]] tables (and their load errors, each
// at its place), writing an inline case out as data tables, judging expectations, and running
// whole files — a failing case carries the criteria behind the result it got.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "commend/report/report.hpp"
#include "commend/rules/ruleset.hpp"
#include "commend/ruletest/test_run.hpp"
#include "ruletest/case_data.hpp"
#include "temp_dir.hpp"

using namespace commend;
using ruletest::Outcome;

namespace {

const char* header = R"toml([ruleset]
id = "t"
in_force = { from = 2017 }

[scales]
rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]

[columns]
disciplined = { type = "flag", missing = false }

[[award]]
id = "nam"
kinds = ["cb"]
criteria = [{ label = "HTXSNV", test = "rating == HTXSNV", gate = true }, "not disciplined"]

[[award]]
id = "ba-nam"
kinds = ["cb"]
criteria = ["streak(awarded('nam'), since = 'ba-nam') >= 3"]

[[check]]
id = "tran"
kinds = ["cb"]
test = "count(children(), rating == HTXSNV) <= 0.2 * count(children(), rating >= HTTNV)"
)toml";

struct Loaded {
    test::TempDir dir{"commend-ruletest-"};
    std::string file;
    std::optional<RuleBook> book;
    Diagnostics diags;

    const Diagnostic* first(const std::string& code) const {
        for (const auto& d : diags.items())
            if (d.code == code) return &d;
        return nullptr;
    }
    std::string dump() const {
        std::string s;
        for (const auto& d : diags.items())
            s += d.pos.file + ":" + std::to_string(d.pos.line) + ":" +
                 std::to_string(d.pos.column) + ": " + d.code + ": " + d.message + "\n";
        return s;
    }
};

std::unique_ptr<Loaded> load(const std::string& tests) {
    auto l = std::make_unique<Loaded>();
    l->file = l->dir.write("rules.toml", std::string(header) + tests);
    l->book = load_rules(l->file, l->diags);
    return l;
}

/// The 1-based line of `text` in the rule file written by load() (header included).
int line_of(const std::string& tests, const std::string& text) {
    const std::string all = std::string(header) + tests;
    const auto at = all.find(text);
    REQUIRE(at != std::string::npos);
    return 1 + static_cast<int>(std::count(all.begin(), all.begin() + static_cast<long>(at), '\n'));
}

CsvTable::Rows rows(const CsvTable& t) {
    return t.rows();
}

std::string cell(const CsvTable& t, std::size_t row, const std::string& column) {
    auto c = t.column(column);
    REQUIRE(c);
    REQUIRE(row < t.rows().size());
    return std::string(t.rows()[row][*c].text);
}

} // namespace

TEST_CASE("a [[test]] table becomes a TestCase with its subjects, history and expectations",
          "[ruletest]") {
    const std::string tests = R"toml(
[[test]]
name = "chuỗi"
year = 2021
mode = "audit"
kind = "cb"
history = { rating = ["HTTNV", "HTXSNV"], disciplined = false }
awards = { nam = [2019, 2020] }
children = [{ kind = "dv", count = 3, history = { rating = "HTXSNV" } }]
parent = { kind = "db", parent = { kind = "khoi" } }
eligible = ["ba-nam"]
violated = "tran"
)toml";
    auto l = load(tests);
    INFO(l->dump());
    REQUIRE(l->book);
    const auto& cases = l->book->rulesets.front()->tests;
    REQUIRE(cases.size() == 1);
    const auto& c = cases.front();
    CHECK(c.name == "chuỗi");
    CHECK(c.year == 2021);
    CHECK(c.audit);
    CHECK(c.pos.line == line_of(tests, "name = \"chuỗi\""));
    REQUIRE(c.inline_subject);
    CHECK(c.inline_subject->id == "s");
    CHECK(c.subject.text == "s");
    CHECK(c.inline_subject->kind.text == "cb");
    REQUIRE(c.inline_subject->history.size() == 2);
    const auto& rating = c.inline_subject->history[0].column == "rating"
                             ? c.inline_subject->history[0]
                             : c.inline_subject->history[1];
    REQUIRE(rating.values.size() == 2);
    CHECK(rating.values[1].text == "HTXSNV");
    CHECK(rating.values[1].pos.line == line_of(tests, "history = {"));
    CHECK(rating.values[1].pos.column == 32); // its opening quote
    CHECK_FALSE(rating.every_year);
    REQUIRE(c.inline_subject->awards.size() == 2);
    CHECK(c.inline_subject->awards[1].year.text == "2020");
    REQUIRE(c.inline_subject->children.size() == 1);
    CHECK(c.inline_subject->children[0].count == 3);
    REQUIRE(c.ancestors.size() == 2);
    CHECK(c.ancestors[0].id == "parent");
    CHECK(c.ancestors[1].id == "parent.parent");
    CHECK(c.ancestors[1].kind.text == "khoi");
    REQUIRE(c.expect.size() == 2);
    CHECK(c.expect[0].outcome == Outcome::eligible);
    CHECK(c.expect[0].id == "ba-nam");
    CHECK(c.expect[1].outcome == Outcome::violated);
    CHECK(c.expect[1].id == "tran");
}

TEST_CASE("malformed [[test]] tables are load errors at their place, all of them", "[ruletest]") {
    const std::string tests = R"toml(
[[test]]
name = "a"
year = 2021
kind = "cb"
history = { year = 3 }
children = [{ kind = "dv", count = 0 }]
eligible = ["tran", "khong-co"]
colour = 1

[[test]]
name = "a"
year = 2021
data = "du-lieu"
kind = "cb"
eligible = ["nam"]
not_eligible = ["nam"]

[[test]]
name = "b"
year = 2021
kind = "cb"
)toml";
    auto l = load(tests);
    INFO(l->dump());
    CHECK_FALSE(l->book);
    struct Want {
        const char* code;
        const char* at; ///< text at the start of the reported line
    };
    for (const Want& w :
         std::vector<Want>{{"test.reserved-column", "history = { year"},
                           {"test.bad-count", "children = [{"},
                           {"test.unknown-id", "eligible = [\"tran\""},
                           {"rule.unknown-key", "colour = 1"},
                           {"test.duplicate-name", "name = \"a\"\nyear = 2021\ndata"},
                           {"test.data-and-history", "kind = \"cb\"\neligible = [\"nam\"]"},
                           {"rule.missing-key", "data = \"du-lieu\""},
                           {"test.duplicate-expectation", "not_eligible = [\"nam\"]"},
                           {"test.no-expectation", "name = \"b\""}}) {
        INFO(w.code);
        const Diagnostic* d = l->first(w.code);
        REQUIRE(d);
        CHECK(d->pos.line == line_of(tests, w.at));
    }
    // "tran" is a check, said to be eligible; "khong-co" is nothing at all.
    int unknown_ids = 0;
    for (const auto& d : l->diags.items())
        unknown_ids += d.code == "test.unknown-id";
    CHECK(unknown_ids == 2);
}

TEST_CASE("an inline case is written out as data tables: ids, years and lists ending at the "
          "case's year",
          "[ruletest]") {
    const std::string tests = R"toml(
[[test]]
name = "bảng"
year = 2021
kind = "cb"
history = { rating = ["HTTNV", "HTXSNV", "HTXSNV"], disciplined = [true], note = "x" }
awards = { nam = 2016 }
children = [{ kind = "dv", count = 2, history = { rating = "HTTNV" } }, { kind = "dv", id = "ten" }]
parent = { kind = "db", history = { rating = "HTTNV" } }
eligible = ["nam"]
)toml";
    auto l = load(tests);
    INFO(l->dump());
    REQUIRE(l->book);
    Diagnostics diags;
    auto t = ruletest::case_tables(l->book->rulesets.front()->tests.front(), diags);
    REQUIRE(t);
    CHECK_FALSE(diags.has_errors());
    // The parent first, then the subject and, depth first, its children.
    REQUIRE(rows(t->subjects).size() == 5);
    CHECK(cell(t->subjects, 0, "id") == "parent");
    CHECK(cell(t->subjects, 1, "id") == "s");
    CHECK(cell(t->subjects, 1, "parent") == "parent");
    CHECK(cell(t->subjects, 2, "id") == "s-1");
    CHECK(cell(t->subjects, 3, "id") == "s-2");
    CHECK(cell(t->subjects, 4, "id") == "ten");
    CHECK(cell(t->subjects, 4, "parent") == "s");
    // The subject's rows reach back to its award of 2016; the 3-value list ends in 2021.
    std::vector<std::vector<std::string>> own;
    for (std::size_t r = 0; r < rows(t->evaluations).size(); ++r)
        if (cell(t->evaluations, r, "subject") == "s")
            own.push_back({cell(t->evaluations, r, "year"), cell(t->evaluations, r, "rating"),
                           cell(t->evaluations, r, "disciplined"),
                           cell(t->evaluations, r, "note")});
    REQUIRE(own.size() == 6);
    CHECK(own[0] == std::vector<std::string>{"2016", "", "", "x"});
    CHECK(own[2] == std::vector<std::string>{"2018", "", "", "x"});
    CHECK(own[3] == std::vector<std::string>{"2019", "HTTNV", "", "x"});
    CHECK(own[5] == std::vector<std::string>{"2021", "HTXSNV", "true", "x"});
    REQUIRE(rows(*t->awards).size() == 1);
    CHECK(cell(*t->awards, 0, "year") == "2016");
    // A cell remembers where its value is written.
    CHECK(t->evaluations.file == l->file);
    CHECK(t->evaluations.rows()[5][2].line == line_of(tests, "history = {"));
}

TEST_CASE("a history longer than the subject's years is an error at its first extra value",
          "[ruletest]") {
    const std::string tests = R"toml(
[[test]]
name = "dài"
year = 2021
kind = "cb"
from = 2020
history = { rating = ["HTTNV", "HTXSNV", "HTXSNV"] }
eligible = ["nam"]
)toml";
    auto l = load(tests);
    REQUIRE(l->book);
    Diagnostics diags;
    CHECK_FALSE(ruletest::case_tables(l->book->rulesets.front()->tests.front(), diags));
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "test.history-too-long");
    CHECK(diags.items()[0].pos.column == 23); // the first value: "HTTNV"
}

TEST_CASE("an expectation is met only by the result it names", "[ruletest]") {
    ruletest::Observed o;
    o.in_force = o.applicable = true;
    o.result = expr::Truth::yes;
    o.selection = ruletest::Selection::over_limit;
    CHECK(ruletest::outcome_met(Outcome::eligible, o));
    CHECK(ruletest::outcome_met(Outcome::not_selected, o));
    CHECK_FALSE(ruletest::outcome_met(Outcome::selected, o));
    CHECK_FALSE(ruletest::outcome_met(Outcome::not_eligible, o));
    CHECK_FALSE(ruletest::outcome_met(Outcome::unknown, o));
    CHECK_FALSE(ruletest::outcome_met(Outcome::not_applicable, o));
    o.result = expr::Truth::unknown;
    CHECK(ruletest::outcome_met(Outcome::unknown, o));
    CHECK_FALSE(ruletest::outcome_met(Outcome::eligible, o));
    o.applicable = false; // not for this subject: only not_applicable holds
    CHECK(ruletest::outcome_met(Outcome::not_applicable, o));
    CHECK_FALSE(ruletest::outcome_met(Outcome::not_eligible, o));
    CHECK_FALSE(ruletest::outcome_met(Outcome::not_selected, o));
    ruletest::Observed check;
    check.is_check = true;
    check.in_force = check.applicable = true;
    check.result = expr::Truth::no;
    CHECK(ruletest::outcome_met(Outcome::violated, check));
    CHECK_FALSE(ruletest::outcome_met(Outcome::holds, check));
}

TEST_CASE("running cases: passes, failures with the criteria behind them, chains within a run",
          "[ruletest]") {
    const std::string tests = R"toml(
[[test]]
name = "chuỗi ba năm trong một lần xét"
year = 2021
kind = "cb"
history = { rating = "HTXSNV" }
awards = { nam = [2019, 2020] }
eligible = ["nam", "ba-nam"]
selected = ["ba-nam"]

[[test]]
name = "sai: mong đủ điều kiện"
year = 2021
kind = "cb"
history = { rating = "HTXSNV", disciplined = true }
eligible = ["nam"]

[[test]]
name = "sai: mong không đủ điều kiện"
year = 2021
kind = "cb"
history = { rating = "HTXSNV" }
not_eligible = ["nam"]

[[test]]
name = "trần"
year = 2021
kind = "cb"
children = [{ kind = "dv", count = 3, history = { rating = "HTXSNV" } }, { kind = "dv", count = 7, history = { rating = "HTTNV" } }]
violated = ["tran"]
unknown = ["nam"]

[[test]]
name = "trước năm áp dụng"
year = 2016
kind = "cb"
history = { rating = "HTXSNV" }
not_applicable = ["nam", "tran"]
)toml";
    test::TempDir dir("commend-ruletest-");
    const std::string file = dir.write("rules.toml", std::string(header) + tests);
    Diagnostics diags;
    auto report = ruletest::run_tests(file, diags);
    INFO(report::diagnostics_text(diags));
    REQUIRE(report);
    REQUIRE(report->cases.size() == 5);
    CHECK(report->passed() == 3);
    CHECK(report->failed() == 2);
    CHECK(report->cases[0].passed());
    CHECK(report->cases[3].passed()); // 3 > 0.2 × 10; without a rating, `nam` is unknown

    // Expected eligible, but a criterion failed: that criterion, with its trace.
    const auto& f1 = report->cases[1].expectations.at(0);
    CHECK_FALSE(f1.met);
    CHECK(f1.observed.result == expr::Truth::no);
    REQUIRE(f1.criteria.size() == 1);
    CHECK(f1.criteria[0].name == "not disciplined");
    CHECK_FALSE(f1.criteria[0].trace.empty());
    // Expected not eligible, but every criterion passed: all of them are shown.
    const auto& f2 = report->cases[2].expectations.at(0);
    CHECK_FALSE(f2.met);
    CHECK(f2.observed.result == expr::Truth::yes);
    CHECK(f2.criteria.size() == 2);
    CHECK(report->cases[2].line > report->cases[1].line);
    CHECK(report->cases[4].passed());
}
