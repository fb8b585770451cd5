// The reports people read outside a terminal: the year-end review (HTML) and the Excel
// workbooks. What a reader would check by eye, checked here: every selected name is in its
// award's sheet, text from the data is escaped, the page loads nothing from elsewhere, the
// heat map stays legible with 800 rows, sheet names are ones Excel accepts, and a command that
// fails leaves the previous file alone.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <sys/wait.h>

#include "commend/data/csv_source.hpp"
#include "commend/report/review_html.hpp"
#include "commend/report/xlsx_report.hpp"
#include "commend/run/review.hpp"
#include "commend/text/unicode.hpp"
#include "temp_dir.hpp"
#include "zip_reader.hpp"

using namespace commend;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Workspace open(const fs::path& rules, const fs::path& data) {
    Diagnostics diags;
    CsvDataSource source(data.string());
    auto ws = open_workspace(rules.string(), &source, diags);
    INFO(report::diagnostics_text(diags));
    REQUIRE(ws);
    return std::move(*ws);
}

Workspace sample() {
    const fs::path root = COMMEND_SOURCE_DIR;
    return open(root / "rules/khoi-co-quan-tinh", root / "samples/khoi-co-quan-tinh");
}

int run_commend(const fs::path& dir, const std::string& args) {
    const std::string command = "cd '" + dir.string() + "' && '" COMMEND_BINARY "' " + args +
                                " >/dev/null 2>'" + (dir / "stderr.txt").string() + "'";
    const int raw = std::system(command.c_str());
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t i = 0; (i = text.find(what, i)) != std::string::npos; i += what.size())
        ++n;
    return n;
}

// Names that break HTML unless escaped, and a subject whose rating is missing.
const char* escaping_rules = R"(
[ruleset]
id = "r"
title = "Rules <&>"
[scales]
rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
[[award]]
id = "a"
title = "Award \"<i>\""
issuer = "Ban <b>"
kinds = ["cb"]
criteria = ["rating == HTXSNV"]
)";

} // namespace

TEST_CASE("report: sheet names are ones Excel accepts, unique ignoring case", "[report]") {
    std::vector<std::string> taken;
    CHECK(report::sheet_name("Giấy khen: Tổ chức cơ sở đảng HTXSNV tiêu biểu năm", taken) ==
          "Giấy khen Tổ chức cơ sở đảng");
    // Forbidden characters become spaces, spaces collapse, apostrophes leave the ends.
    CHECK(report::sheet_name("'a[b]c:d*e?f/g\\h'", taken) == "a b c d e f g h");
    // Taken, ignoring case (Vietnamese letters too): a number is added within 31 characters.
    CHECK(report::sheet_name("GIẤY KHEN TỔ CHỨC CƠ SỞ ĐẢNG", taken) ==
          "GIẤY KHEN TỔ CHỨC CƠ SỞ (2)");
    CHECK(report::sheet_name("Giấy khen tổ chức cơ sở đảng", taken) ==
          "Giấy khen tổ chức cơ sở (3)");
    CHECK(report::sheet_name("history", taken) == "history (2)"); // reserved by Excel
    CHECK(report::sheet_name("", taken) == "Sheet");
    CHECK(report::sheet_name(":::", taken) == "Sheet (2)");
    // One long word cannot be cut at a word: it is cut at 31 characters.
    const std::string word(40, 'x');
    CHECK(report::sheet_name(word, taken) == std::string(31, 'x'));
    for (const auto& name : taken) {
        CHECK(text::code_point_count(name) <= 31);
        CHECK(name.find_first_of("[]:*?/\\") == std::string::npos);
    }
}

TEST_CASE("report: the evaluate workbook lists every selected subject in its award's sheet",
          "[report]") {
    Workspace ws = sample();
    YearResult r = evaluate_year(ws, 2021);
    test::TempDir t("commend-xlsx-");
    const fs::path file = t.path / "de-nghi.xlsx";
    Diagnostics diags;
    REQUIRE(report::evaluate_xlsx(ws, r, report::Language::vi, file.string(), diags));
    const auto sheets = test::read_workbook(slurp(file));
    REQUIRE(sheets.size() == r.awards.size());
    std::size_t found = 0;
    for (std::size_t i = 0; i < r.awards.size(); ++i) {
        const auto& a = r.awards[i];
        const test::Sheet& sheet = sheets[i];
        INFO(sheet.name);
        CHECK(sheet.has(a.award->title));
        for (const char* heading : {"STT", "Tên tập thể/cá nhân", "Đơn vị", "Thành tích",
                                    "Hình thức khen thưởng", "Ghi chú"})
            CHECK(sheet.has(heading));
        for (const auto& s : a.selected) {
            const Subject& subject = ws.data.subjects[static_cast<std::size_t>(s.subject)];
            INFO(subject.id);
            CHECK(sheet.has(subject.name)); // the name intact, in UTF-8
            CHECK(sheet.has("Mã " + subject.id));
            ++found;
        }
        // A frozen header, printed on every A4 landscape page, fitted to the width.
        CHECK(sheet.xml.find("state=\"frozen\"") != std::string::npos);
        CHECK(sheet.xml.find("paperSize=\"9\"") != std::string::npos);
        CHECK(sheet.xml.find("orientation=\"landscape\"") != std::string::npos);
        CHECK(sheet.xml.find("fitToPage=\"1\"") != std::string::npos);
    }
    CHECK(found == 23); // 20 TCCSĐ of the year, 3 cells of five years
    const auto files = test::read_zip(slurp(file));
    CHECK(count(files.at("xl/workbook.xml"), "_xlnm.Print_Titles") == r.awards.size());
    // No temporary file is left beside it.
    CHECK(std::distance(fs::directory_iterator(t.path), fs::directory_iterator()) == 1);
}

TEST_CASE("report: the rank and audit workbooks hold every ranked subject and every finding",
          "[report]") {
    const fs::path root = COMMEND_SOURCE_DIR;
    test::TempDir t("commend-xlsx-");
    {
        Workspace ws = sample();
        YearResult r = evaluate_year(ws, 2021);
        auto groups = rank_year(ws, 2021, r);
        Diagnostics diags;
        REQUIRE(report::rank_xlsx(ws, r, groups, report::Language::en,
                                  (t.path / "rank.xlsx").string(), diags));
        const auto sheets = test::read_workbook(slurp(t.path / "rank.xlsx"));
        REQUIRE(sheets.size() == 1);
        CHECK(sheets[0].has("Position"));
        std::size_t ranked = 0;
        for (const auto& g : groups)
            for (const auto& e : g.ranking) {
                CHECK(sheets[0].has(ws.subject_id(e.subject)));
                ++ranked;
            }
        CHECK(ranked == 84); // every grassroots organization
    }
    {
        Workspace ws =
            open(root / "rules/khoi-co-quan-tinh", root / "samples/khoi-co-quan-tinh-kiem-tra");
        auto years = default_audit_years(ws);
        REQUIRE(years);
        AuditResult a = audit_years(ws, years->first, years->second);
        REQUIRE_FALSE(a.findings.empty());
        Diagnostics diags;
        REQUIRE(report::audit_xlsx(ws, a, report::Language::vi, (t.path / "audit.xlsx").string(),
                                   diags));
        const auto sheets = test::read_workbook(slurp(t.path / "audit.xlsx"));
        REQUIRE(sheets.size() == 1);
        for (const auto& f : a.findings) {
            CHECK(sheets[0].has(report::finding_detail(ws, f, report::Language::vi)));
            if (f.subject) CHECK(sheets[0].has(ws.subject_id(*f.subject)));
        }
    }
}

TEST_CASE("report: the review escapes every text and loads nothing from elsewhere", "[report]") {
    test::TempDir t("commend-review-");
    t.write("rules.toml", escaping_rules);
    t.write("data/subjects.csv", "id,name,kind,parent\n"
                                 "k,\"Khối <script>alert(\"\"x\"\")</script>\",k,\n"
                                 "a,Chi bộ A & B's <b>,cb,k\nb,\"Chi bộ \"\"Ê\"\"\",cb,k\n");
    t.write("data/evaluations.csv", "subject,year,rating\nk,2021,HTXSNV\na,2021,HTXSNV\n"
                                    "b,2021,HTTNV\n");
    Workspace ws = open(t.path / "rules.toml", t.path / "data");
    Diagnostics diags;
    auto review = review_year(ws, 2021, {}, diags);
    REQUIRE(review);
    const std::string page = report::review_html(ws, *review, report::Language::vi);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("Khối &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") != std::string::npos);
    CHECK(page.find("Chi bộ A &amp; B&#39;s &lt;b&gt;") != std::string::npos);
    CHECK(page.find("Award &quot;&lt;i&gt;&quot;") != std::string::npos);
    CHECK(page.find("Ban &lt;b&gt;") != std::string::npos);
    // Self-contained: no script, no link, no source or address to fetch.
    for (const char* fetch : {"<link", "src=", "http://", "https://", "@import", "<iframe"})
        CHECK(page.find(fetch) == std::string::npos);
    // Every element the page opens among these is closed.
    for (const char* tag : {"section", "table", "svg", "figure", "article", "details"})
        CHECK(count(page, std::string("<") + tag + ">") +
                  count(page, std::string("<") + tag + " ") ==
              count(page, std::string("</") + tag + ">"));
}

TEST_CASE("report: the review in English, its figures written as English readers do", "[report]") {
    const fs::path root = COMMEND_SOURCE_DIR;
    Workspace ws = sample();
    Diagnostics diags;
    auto review = review_year(ws, 2021, {}, diags);
    REQUIRE(review);
    const std::string en = report::review_html(ws, *review, report::Language::en);
    const std::string vi = report::review_html(ws, *review, report::Language::vi);
    CHECK(en.find("<html lang=\"en\">") != std::string::npos);
    CHECK(en.find("Proposed commendation lists") != std::string::npos);
    CHECK(en.find("243/240 = 101.25\u00A0%") != std::string::npos);
    CHECK(en.find("Danh sách đề nghị") == std::string::npos);
    CHECK(vi.find("243/240 = 101,25\u00A0%") != std::string::npos);
    CHECK(vi.find("2.709") != std::string::npos); // members, thousands grouped with a dot
    // Both list every selected subject.
    for (const auto& a : review->result.awards)
        for (const auto& s : a.selected) {
            const std::string id = "<span class=\"id\">" + ws.subject_id(s.subject) + "</span>";
            CHECK(en.find(id) != std::string::npos);
            CHECK(vi.find(id) != std::string::npos);
        }
}

TEST_CASE("report: the audit of the review covers the years before, and the year once decided",
          "[report]") {
    test::TempDir t("commend-review-");
    t.write("rules.toml", escaping_rules);
    t.write("data/subjects.csv", "id,name,kind,parent\nk,K,k,\na,A,cb,k\n");
    t.write("data/evaluations.csv",
            "subject,year,rating\na,2019,HTXSNV\na,2020,HTXSNV\na,2021,HTXSNV\n");
    {
        Workspace ws = open(t.path / "rules.toml", t.path / "data");
        CHECK(review_audit_years(ws, 2021) == std::pair{2019, 2020});
        CHECK(review_audit_years(ws, 2019) == std::nullopt); // nothing before the first year
        CHECK(review_audit_years(ws, 2023) == std::pair{2019, 2021}); // never past the data
    }
    t.write("data/awards.csv", "subject,year,award\na,2021,a\n");
    Workspace ws = open(t.path / "rules.toml", t.path / "data");
    CHECK(review_audit_years(ws, 2021) == std::pair{2019, 2021});
}

TEST_CASE("report: the heat map stays legible with 800 rows", "[report]") {
    test::TempDir t("commend-review-");
    t.write("rules.toml", escaping_rules);
    std::string subjects = "id,name,kind,parent\nk,K,k,\n", evaluations = "subject,year,rating\n";
    const char* levels[] = {"HTXSNV", "HTTNV", "HTNV", "KHTNV", ""};
    for (int p = 0; p < 8; ++p) {
        subjects += "p" + std::to_string(p) + ",Đảng bộ " + std::to_string(p) + ",p,k\n";
        for (int i = 0; i < 100; ++i) {
            const std::string id = "c" + std::to_string(p * 100 + i);
            subjects += id + ",Chi bộ số " + std::to_string(p * 100 + i) +
                        " với một cái tên rất dài để phải cắt bớt,cb,p" + std::to_string(p) + "\n";
            for (int y = 2017; y <= 2021; ++y)
                evaluations += id + "," + std::to_string(y) + "," + levels[(i + y) % 5] + "\n";
        }
    }
    t.write("data/subjects.csv", subjects);
    t.write("data/evaluations.csv", evaluations);
    Workspace ws = open(t.path / "rules.toml", t.path / "data");
    Diagnostics diags;
    auto review = review_year(ws, 2021, {}, diags);
    REQUIRE(review);
    REQUIRE(review->heatmap_kinds == std::vector<std::string>{"cb"});
    const std::string page = report::review_html(ws, *review, report::Language::vi);
    // One block per parent, 100 rows each, a row every 16 px at a 12 px label font.
    const std::regex heatmap("<svg class=\"heatmap\" width=\"([0-9]+)\" height=\"([0-9]+)\"");
    int blocks = 0;
    for (std::sregex_iterator i(page.begin(), page.end(), heatmap), end; i != end; ++i) {
        ++blocks;
        CHECK(std::stoi((*i)[2]) == 18 + 100 * 16 + 2);
        CHECK(std::stoi((*i)[1]) <= 480); // fits a phone held sideways without shrinking
    }
    CHECK(blocks == 8);
    CHECK(count(page, "class=\"hm-name") == 800);
    // Labels are cut, with an ellipsis, rather than run into the cells.
    CHECK(page.find(">Chi bộ số 17 với một cái tên rất…</text>") != std::string::npos);
    // The unknown year is hatched, not left blank.
    CHECK(count(page, "fill=\"url(#lv-unknown)\"") >= 800 / 5);
}

TEST_CASE("report: a command that fails leaves the previous file as it was", "[report]") {
    test::TempDir t("commend-report-cli-");
    const fs::path root = COMMEND_SOURCE_DIR;
    const std::string rules = "--rules '" + (root / "rules/khoi-co-quan-tinh").string() + "'";
    const std::string data = "--data '" + (root / "samples/khoi-co-quan-tinh").string() + "'";
    t.write("review.html", "previous review");
    t.write("lists.xlsx", "previous workbook");
    // A year with no rule set in force, an unknown heat-map kind, a workbook without a file.
    CHECK(run_commend(t.path, "report " + rules + " " + data + " --year 2016 -o review.html") == 2);
    CHECK(run_commend(t.path, "report " + rules + " " + data +
                                  " --year 2021 --heatmap-kinds chi-bo-co-so,no-such-kind "
                                  "-o review.html") == 2);
    CHECK(slurp(t.path / "stderr.txt").find("no subject is of kind 'no-such-kind'") !=
          std::string::npos);
    CHECK(run_commend(t.path, "evaluate " + rules + " " + data + " --year 2021 --format xlsx") ==
          2);
    CHECK(run_commend(t.path, "evaluate " + rules + " " + data +
                                  " --year 2016 --format xlsx -o lists.xlsx") == 2);
    CHECK(slurp(t.path / "review.html") == "previous review");
    CHECK(slurp(t.path / "lists.xlsx") == "previous workbook");
    // The target is a folder: the write fails, the folder stays, nothing else is left.
    fs::create_directory(t.path / "out.html");
    CHECK(run_commend(t.path, "report " + rules + " " + data + " --year 2021 -o out.html") == 2);
    CHECK(fs::is_directory(t.path / "out.html"));
    // Then it works, and replaces the previous file whole.
    CHECK(run_commend(t.path, "report " + rules + " " + data + " --year 2021 -o review.html") == 0);
    CHECK(slurp(t.path / "review.html").rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(run_commend(t.path, "evaluate " + rules + " " + data +
                                  " --year 2021 --format xlsx -o lists.xlsx") == 0);
    CHECK(slurp(t.path / "lists.xlsx").rfind("PK", 0) == 0);
    for (const auto& e : fs::directory_iterator(t.path))
        CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("report: the review read from a history store is the review of its CSV folder",
          "[report]") {
    test::TempDir t("commend-report-db-");
    const fs::path small = fs::path(COMMEND_SOURCE_DIR) / "tests/cases/report-review-small";
    fs::copy(small / "data", t.path / "data", fs::copy_options::recursive);
    fs::copy(small / "rules.toml", t.path / "rules.toml");
    REQUIRE(run_commend(t.path, "import data --db history.db") == 0);
    REQUIRE(run_commend(t.path, "report --rules rules.toml --data data --year 2021 -o csv.html") ==
            0);
    REQUIRE(run_commend(t.path, "report --rules rules.toml --db history.db --year 2021 -o "
                                "db.html") == 0);
    std::string from_csv = slurp(t.path / "csv.html"), from_db = slurp(t.path / "db.html");
    // Only the line naming the data differs; the audit reads the ledger's awards.
    const std::string csv_line = "Dữ liệu: data (", db_line = "Dữ liệu: history.db (";
    REQUIRE(from_csv.find(csv_line) != std::string::npos);
    REQUIRE(from_db.find(db_line) != std::string::npos);
    from_db.replace(from_db.find(db_line), db_line.size(), csv_line);
    CHECK(from_db == from_csv);
    CHECK(from_db.find("quyết định 12-QĐ/ĐUK") != std::string::npos);
}
