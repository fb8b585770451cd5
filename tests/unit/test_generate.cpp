// Tests of `commend generate` (engine/src/generate): the same seed gives the same bytes; the
// tree has the sizes of DOMAIN.md §6 and exactly the subjects asked for; the levels have the
// shares of DOMAIN.md §3; the data set loads and evaluates against rules/khoi-co-quan-tinh;
// and the past awards are what the rules select — `audit` finds nothing in the years the
// generator decided, only the undecided last year's selection.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "commend/data/csv.hpp"
#include "commend/data/csv_source.hpp"
#include "commend/generate/generate.hpp"
#include "commend/run/audit.hpp"
#include "temp_dir.hpp"

using namespace commend;
namespace fs = std::filesystem;
using commend::test::TempDir;

namespace {

const std::string rules_dir = COMMEND_SOURCE_DIR "/rules/khoi-co-quan-tinh";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

generate::Options options(std::int64_t subjects, std::uint64_t seed = 1) {
    generate::Options o;
    o.subjects = subjects;
    o.first_year = 2012;
    o.last_year = 2021;
    o.seed = seed;
    return o;
}

generate::Summary write(const generate::Options& o, const fs::path& dir) {
    Diagnostics diags;
    auto summary = generate::write_dataset(o, dir.string(), diags);
    INFO((diags.items().empty() ? "" : diags.items().front().message));
    REQUIRE(summary);
    return *summary;
}

/// One 20,000-subject data set (2012–2021, seed 1) shared by the tests below.
const fs::path& shared_set() {
    static TempDir dir("commend-generate-");
    static bool written = false;
    if (!written) {
        write(options(20'000), dir.path);
        written = true;
    }
    return dir.path;
}

CsvTable read(const fs::path& file) {
    Diagnostics diags;
    auto t = read_csv(file.string(), file.filename().string(), diags);
    REQUIRE(t);
    return std::move(*t);
}

Workspace open(const std::string& rules, const fs::path& data) {
    Diagnostics diags;
    CsvDataSource source(data.string());
    auto ws = open_workspace(rules, &source, diags);
    INFO((diags.items().empty() ? "" : diags.items().front().message));
    REQUIRE(ws);
    CHECK(diags.items().empty()); // not even a warning
    return std::move(*ws);
}

} // namespace

TEST_CASE("generate: the same seed gives the same bytes, another seed other bytes", "[generate]") {
    TempDir a, b, c;
    write(options(3'000, 7), a.path);
    write(options(3'000, 7), b.path);
    write(options(3'000, 8), c.path);
    for (const char* name : {"subjects.csv", "evaluations.csv", "awards.csv"}) {
        INFO(name);
        const std::string text = slurp(a.path / name);
        CHECK(text.size() > 30);
        CHECK(text == slurp(b.path / name));
    }
    CHECK(slurp(a.path / "evaluations.csv") != slurp(c.path / "evaluations.csv"));
}

TEST_CASE("generate: exactly the subjects asked for, in the tree of DOMAIN.md §6", "[generate]") {
    const CsvTable t = read(shared_set() / "subjects.csv");
    REQUIRE(t.rows().size() == 20'000);
    const auto c_id = *t.column("id"), c_kind = *t.column("kind"), c_parent = *t.column("parent");
    std::map<std::string, std::string> kind_of;
    std::map<std::string, int> children, members_under;
    std::map<std::string, int> count;
    for (CsvTable::Row row : t.rows()) {
        const std::string id(row[c_id].text), kind(row[c_kind].text), parent(row[c_parent].text);
        kind_of[id] = kind;
        ++count[kind];
        if (parent.empty()) {
            CHECK(kind == "dang-uy-khoi");
            continue;
        }
        ++children[parent];
        if (kind == "dang-vien") {
            // a member's grassroots organization: its cell, or the cell's committee
            const std::string& cell = parent;
            CHECK((kind_of[cell] == "chi-bo-truc-thuoc" || kind_of[cell] == "chi-bo-co-so"));
            ++members_under[cell];
        }
    }
    const std::int64_t tccsd = count["dang-bo-co-so"] + count["chi-bo-co-so"];
    CHECK(count["dang-uy-khoi"] >= 1);
    CHECK(count["chi-bo-truc-thuoc"] > 0);
    CHECK(tccsd > 0);
    // ~100 members per grassroots organization (5 million in 52,000).
    const double per_tccsd = static_cast<double>(count["dang-vien"]) / static_cast<double>(tccsd);
    CHECK(per_tccsd > 70);
    CHECK(per_tccsd < 130);
    // Blocs of at most 800 grassroots organizations; cells of 6–30 members (the last cell
    // takes what is left of the count).
    for (const auto& [id, kind] : kind_of) {
        if (kind == "dang-uy-khoi") CHECK(children[id] <= 800);
        if (kind == "chi-bo-truc-thuoc" || kind == "chi-bo-co-so") CHECK(members_under[id] >= 1);
        if (kind == "dang-bo-co-so") CHECK(children[id] >= 1);
    }
    int oversized = 0;
    for (const auto& [cell, n] : members_under)
        oversized += n > 30;
    CHECK(oversized <= 1);
}

TEST_CASE("generate: levels in the shares of DOMAIN.md §3", "[generate]") {
    const CsvTable s = read(shared_set() / "subjects.csv");
    std::map<std::string, std::string> kind_of;
    for (CsvTable::Row row : s.rows())
        kind_of[std::string(row[*s.column("id")].text)] = row[*s.column("kind")].text;
    const CsvTable e = read(shared_set() / "evaluations.csv");
    std::map<std::string, std::map<std::string, double>> levels; // class → level → rows
    const auto c_subject = *e.column("subject"), c_rating = *e.column("rating");
    for (CsvTable::Row row : e.rows()) {
        const std::string& kind = kind_of[std::string(row[c_subject].text)];
        const std::string cls = kind == "dang-vien"                                 ? "members"
                                : kind == "dang-bo-co-so" || kind == "chi-bo-co-so" ? "tccsd"
                                                                                    : "other";
        std::string level(row[c_rating].text == "TSVM" ? "HTXSNV" : row[c_rating].text);
        ++levels[cls][level];
        ++levels[cls]["all"];
    }
    auto share = [&](const char* cls, const char* level) {
        return 100 * levels[cls][level] / levels[cls]["all"];
    };
    // Hải Dương 2019: TCCSĐ 23.8 % HTXSNV, 91.2 % HTTNV or better, none KHTNV.
    CHECK(share("tccsd", "HTXSNV") == Approx(23.8).margin(3));
    CHECK(share("tccsd", "HTXSNV") + share("tccsd", "HTTNV") == Approx(91.2).margin(2.5));
    CHECK(share("tccsd", "KHTNV") < 1);
    // Members: 90.3 % HTTNV or better, 9.1 % HTNV, 0.6 % KHTNV; HTXSNV capped at 20 % of
    // those HTTNV or better.
    CHECK(share("members", "HTXSNV") + share("members", "HTTNV") == Approx(90.3).margin(1.5));
    CHECK(share("members", "HTNV") == Approx(9.1).margin(1.5));
    CHECK(share("members", "KHTNV") == Approx(0.6).margin(0.4));
    CHECK(share("members", "HTXSNV") > 10);
    CHECK(share("members", "HTXSNV") < 18);
    CHECK(levels["members"][""] > 0); // a few not rated (suspended from party activity)
}

TEST_CASE("generate: the data set loads and evaluates against rules/khoi-co-quan-tinh",
          "[generate]") {
    Workspace ws = open(rules_dir, shared_set());
    CHECK(ws.data.first_year == 2012);
    CHECK(ws.data.last_year == 2021);
    YearResult r = evaluate_year(ws, 2021);
    REQUIRE(r.awards.size() == 2);
    const AwardResult& yearly = *r.find_award("tieu-bieu-nam");
    CHECK(yearly.selected.size() + (yearly.ties.empty() ? 0 : yearly.ties[0].places) == 20);
    CHECK(yearly.over_limit.size() > 0);
    CHECK(r.find_award("tieu-bieu-5-nam")->near_misses.size() > 0);
    // The 20 % cap holds in every grassroots organization, even counting members not rated.
    REQUIRE(r.checks.size() == 1);
    CHECK(r.checks[0].violations.empty());
    CHECK(r.checks[0].unknown.empty());
    CHECK(!r.targets.empty());
}

TEST_CASE("generate: audit finds nothing but the undecided last year", "[generate]") {
    auto last_year_selection = [](const Workspace& ws) {
        std::set<std::pair<std::string, std::string>> selected;
        YearResult r = evaluate_year(ws, 2021);
        for (const auto& a : r.awards)
            for (const auto& s : a.selected)
                selected.insert({ws.subject_id(s.subject), a.award->id});
        return selected;
    };
    auto findings = [](const Workspace& ws, int from, int to) {
        AuditResult a = audit_years(ws, from, to);
        std::set<std::pair<std::string, std::string>> found;
        for (const auto& f : a.findings) {
            INFO(finding_type_name(f.type) << " " << f.year << " " << f.award);
            CHECK(f.type == FindingType::eligible_not_granted);
            CHECK(f.year == 2021);
            found.insert({f.subject ? ws.subject_id(*f.subject) : "", f.award});
        }
        return found;
    };
    {
        // The shipped rules are in force from 2017: the default audit years are 2017–2021.
        Workspace ws = open(rules_dir, shared_set());
        auto years = default_audit_years(ws);
        REQUIRE(years);
        CHECK(years->first == 2017);
        const auto selected = last_year_selection(ws);
        CHECK(selected.size() >= 20);
        CHECK(findings(ws, years->first, years->second) == selected);
    }
    {
        // In force from 2012, every year of the data is judged: the generator decided
        // 2012–2020 as the rules select.
        TempDir rules;
        std::string text = slurp(rules_dir + "/khoi-co-quan-tinh.toml");
        const std::string from = "in_force = { from = 2017 }";
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), "in_force = { from = 2012 }");
        Workspace ws = open(rules.write("khoi.toml", text), shared_set());
        CHECK(findings(ws, 2012, 2021) == last_year_selection(ws));
    }
}

TEST_CASE("generate: files are replaced whole, and a failure leaves nothing behind", "[generate]") {
    TempDir dir;
    dir.write("subjects.csv", "old");
    write(options(500), dir.path);
    CHECK(slurp(dir.path / "subjects.csv").rfind("id,name,kind,parent,from,until,gender\n", 0) ==
          0);
    int files = 0;
    for (const auto& e : fs::directory_iterator(dir.path)) {
        ++files;
        CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
    }
    CHECK(files == 3);

    // A folder that cannot be created (a file is in the way).
    const std::string blocked = dir.write("blocked", "a file") + "/inside";
    Diagnostics diags;
    CHECK_FALSE(generate::write_dataset(options(500), blocked, diags));
    CHECK(diags.has_errors());
}

TEST_CASE("generate: options out of range are refused", "[generate]") {
    CHECK(generate::validate(options(20'000)).empty());
    CHECK(generate::validate(options(9)).size() == 1);
    CHECK(generate::validate(options(generate::max_subjects + 1)).size() == 1);
    auto o = options(1'000);
    o.first_year = 2021;
    o.last_year = 2012;
    CHECK(generate::validate(o).size() == 1);
    o.first_year = 1900;
    o.last_year = 2100;
    CHECK(generate::validate(o).size() == 1); // more than 100 years
    o.first_year = o.last_year = 2021;        // one year is enough
    CHECK(generate::validate(o).empty());
}
