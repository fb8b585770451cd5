// plan_decision (commend record): the committee's decision compared with the run's selection,
// every difference with a reason, nothing the rules chose dropped without a word.
#include <catch2/catch.hpp>

#include "commend/data/csv_source.hpp"
#include "commend/record/committee_decision.hpp"
#include "temp_dir.hpp"

using namespace commend;

namespace {

// A: limit 2 ranked by score: a (9) selected, b and c tied (5) for the last place; d's rating
// is missing (unknown); e is HTTNV (not eligible).
const char* rules_toml = R"(
[ruleset]
id = "r"
[scales]
rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
[columns]
score = "number"
[[award]]
id = "A"
kinds = ["cb"]
criteria = ["rating == HTXSNV"]
rank = ["score"]
limit = 2
[[award]]
id = "B"
kinds = ["cb"]
criteria = ["rating >= HTTNV"]
)";

struct Fixture {
    test::TempDir dir{"commend-record-"};
    std::optional<Workspace> ws;
    YearResult run;
    Diagnostics diags;

    Fixture() {
        dir.write("rules.toml", rules_toml);
        dir.write("data/subjects.csv", "id,name,kind,parent\nk,K,k,\na,A,cb,k\nb,B,cb,k\n"
                                       "c,C,cb,k\nd,D,cb,k\ne,E,cb,k\n");
        dir.write("data/evaluations.csv", "subject,year,rating,score\na,2021,HTXSNV,9\n"
                                          "b,2021,HTXSNV,5\nc,2021,HTXSNV,5\nd,2021,,7\n"
                                          "e,2021,HTTNV,8\n");
        CsvDataSource source((dir.path / "data").string());
        ws = open_workspace((dir.path / "rules.toml").string(), &source, diags);
        REQUIRE(ws);
        run = evaluate_year(*ws, 2021);
    }

    std::optional<std::vector<LedgerEntry>> plan(const std::string& list_csv,
                                                 std::vector<std::string> awards = {"A"},
                                                 const std::vector<LedgerEntry>& effective = {}) {
        DecisionInput in{"12-QĐ", "2022-01-18", std::move(awards), std::nullopt};
        if (!list_csv.empty()) in.list = parse_csv(list_csv, "list.csv", diags);
        return plan_decision(*ws, run, in, effective, diags);
    }
    std::string first_error() const {
        for (const auto& d : diags.items())
            if (d.severity == Severity::error) return d.code + " " + d.message;
        return "";
    }
};

const LedgerEntry* find(const std::vector<LedgerEntry>& v, const std::string& subject) {
    for (const auto& e : v)
        if (e.subject == subject) return &e;
    return nullptr;
}

} // namespace

TEST_CASE("record: without a list the run's selection is recorded, ties and unknowns not",
          "[record]") {
    Fixture f;
    auto entries = f.plan("");
    REQUIRE(entries);
    REQUIRE(entries->size() == 1);
    const LedgerEntry& e = entries->front();
    CHECK(e.subject == "a");
    CHECK(e.award == "A");
    CHECK(e.year == 2021);
    CHECK(e.action == LedgerEntry::Action::grant);
    CHECK(e.origin == "run");
    CHECK(e.decision == "12-QĐ");
    CHECK(e.decided_on == "2022-01-18");
    CHECK(e.difference.empty());
}

TEST_CASE("record: every award in force when none is named", "[record]") {
    Fixture f;
    auto entries = f.plan("", {});
    REQUIRE(entries);
    // A: a; B (no limit): a, b, c, e (HTTNV or better); d is unknown.
    CHECK(entries->size() == 5);
}

TEST_CASE("record: a list names each difference with its reason", "[record]") {
    Fixture f;
    auto entries = f.plan("subject,award,reason\n"
                          "a,A,\n"
                          "b,A,Chi bộ có nữ đảng viên đông hơn (ưu tiên theo quy chế)\n"
                          "d,A,Đã bổ sung kết quả xếp loại\n"
                          "e,A,Thành tích đột xuất\n");
    INFO(f.first_error());
    REQUIRE(entries);
    REQUIRE(entries->size() == 4);
    CHECK(find(*entries, "a")->difference.empty());
    CHECK(find(*entries, "b")->difference == "tie-resolved");
    CHECK(find(*entries, "d")->difference == "unknown-accepted");
    CHECK(find(*entries, "e")->difference == "added");
    CHECK(find(*entries, "e")->reason == "Thành tích đột xuất");
    for (const auto& e : *entries)
        CHECK(e.origin == "list");
}

TEST_CASE("record: a difference without a reason is refused at its cell", "[record]") {
    Fixture f;
    auto entries = f.plan("subject,award,reason\na,A,\nb,A,\n");
    CHECK_FALSE(entries);
    REQUIRE(f.diags.has_errors());
    const Diagnostic& d = f.diags.items().front();
    CHECK(d.code == "record.reason-required");
    CHECK(d.pos.file == "list.csv");
    CHECK(d.pos.line == 3);
    CHECK(d.message.find("tied") != std::string::npos);
}

TEST_CASE("record: a selected subject the list leaves out must be excluded with a reason",
          "[record]") {
    Fixture f;
    SECTION("left out without a word") {
        CHECK_FALSE(f.plan("subject,award,reason\nb,A,bốc thăm\n"));
        CHECK(f.first_error().find("record.selected-missing \"a\"") == 0);
    }
    SECTION("excluded without a reason") {
        CHECK_FALSE(f.plan("subject,award,reason,excluded\na,A,,true\n"));
        CHECK(f.first_error().find("record.reason-required") == 0);
    }
    SECTION("excluded with a reason: an exclude entry, no grant") {
        auto entries = f.plan("subject,award,reason,excluded\na,A,Đang bị xem xét kỷ luật,TRUE\n");
        INFO(f.first_error());
        REQUIRE(entries);
        REQUIRE(entries->size() == 1);
        CHECK(entries->front().action == LedgerEntry::Action::exclude);
        CHECK(entries->front().difference == "excluded");
        CHECK(entries->front().reason == "Đang bị xem xét kỷ luật");
    }
    SECTION("only a selected subject can be excluded") {
        CHECK_FALSE(f.plan("subject,award,reason,excluded\na,A,,\nb,A,x,true\n"));
        CHECK(f.first_error().find("record.exclude-not-selected") == 0);
    }
}

TEST_CASE("record: list errors name the place", "[record]") {
    Fixture f;
    CHECK_FALSE(f.plan("subject,award,reason\na,A,\nzz,A,x\na,Q,x\na,A,\n"));
    std::vector<std::string> codes;
    for (const auto& d : f.diags.items())
        if (d.severity == Severity::error)
            codes.push_back(d.code + "@" + std::to_string(d.pos.line) + ":" +
                            std::to_string(d.pos.column));
    CHECK(codes == std::vector<std::string>{"record.unknown-subject@3:1",
                                            "record.unknown-award@4:3",
                                            "record.duplicate-row@5:1"});
}

TEST_CASE("record: a list without the required columns", "[record]") {
    Fixture f;
    CHECK_FALSE(f.plan("subject,award\na,A\n"));
    CHECK(f.first_error().find("record.missing-column") == 0);
}

TEST_CASE("record: an award already recorded is refused until revoked", "[record]") {
    Fixture f;
    LedgerEntry old;
    old.seq = 7;
    old.subject = "a";
    old.year = 2021;
    old.award = "A";
    old.decision = "3-QĐ";
    CHECK_FALSE(f.plan("", {"A"}, {old}));
    CHECK(f.first_error().find("record.already-recorded") == 0);
    CHECK(f.first_error().find("entry 7, decision 3-QĐ") != std::string::npos);
    // The same award of another year does not count.
    old.year = 2020;
    Diagnostics fresh;
    f.diags = fresh;
    CHECK(f.plan("", {"A"}, {old}));
}

TEST_CASE("record: --award must name an award in force", "[record]") {
    Fixture f;
    CHECK_FALSE(f.plan("", {"Z"}));
    CHECK(f.first_error().find("record.unknown-award") == 0);
}
