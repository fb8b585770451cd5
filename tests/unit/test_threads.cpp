// Work split between two threads gives exactly the output of one thread (the engine assembles
// results in subject order): checked on a data set big enough to be split.
#include <catch2/catch.hpp>
#include <string>

#include "commend/data/csv_source.hpp"
#include "commend/report/report.hpp"
#include "commend/run/audit.hpp"
#include "commend/run/threads.hpp"
#include "commend/run/workspace.hpp"
#include "temp_dir.hpp"

using namespace commend;

namespace {

const char* rules = R"toml(
[ruleset]
id = "r"
[scales]
rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
[columns]
score = "number"
[[award]]
id = "tieu-bieu"
kinds = ["cb"]
criteria = ["rating == HTXSNV", "streak(rating >= HTTNV) >= 2", "count(children(), rating == KHTNV) == 0"]
rank = ["score", "share(children(), rating == HTXSNV)"]
limit = { share = 0.2, per = "parent" }
[[check]]
id = "tran"
kinds = ["cb"]
test = "count(children(), rating == HTXSNV) <= 0.3 * count(children(), rating >= HTTNV)"
)toml";

/// 12 đảng bộ × 500 chi bộ × 3 members, two years; ratings from a fixed pseudo-random walk.
void write_data(const test::TempDir& dir) {
    std::string subjects = "id,name,kind,parent\n", evaluations = "subject,year,rating,score\n";
    const char* levels[] = {"HTXSNV", "HTTNV", "HTNV", "KHTNV"};
    unsigned x = 12345;
    auto next = [&] { return x = x * 1103515245u + 12345u, (x >> 16) & 0x7fff; };
    for (int d = 0; d < 12; ++d) {
        const std::string db = "db" + std::to_string(d);
        subjects += db + ",Đảng bộ " + std::to_string(d) + ",db,\n";
        for (int c = 0; c < 500; ++c) {
            const std::string cb = db + "-cb" + std::to_string(c);
            subjects += cb + ",Chi bộ " + std::to_string(c) + ",cb," + db + "\n";
            for (int y = 2020; y <= 2021; ++y)
                evaluations += cb + "," + std::to_string(y) + "," + levels[next() % 3] + "," +
                               std::to_string(next() % 7) + "\n";
            for (int m = 0; m < 3; ++m) {
                const std::string dv = cb + "-dv" + std::to_string(m);
                subjects += dv + ",Đảng viên,dv," + cb + "\n";
                for (int y = 2020; y <= 2021; ++y)
                    evaluations += dv + "," + std::to_string(y) + "," + levels[next() % 4] + ",\n";
            }
        }
    }
    dir.write("data/subjects.csv", subjects);
    dir.write("data/evaluations.csv", evaluations);
    dir.write("rules.toml", rules);
}

std::string run(const test::TempDir& dir, int threads) {
    set_worker_threads(threads);
    Diagnostics diags;
    CsvDataSource source((dir.path / "data").string());
    auto ws = open_workspace((dir.path / "rules.toml").string(), &source, diags);
    REQUIRE(ws);
    const YearResult r = evaluate_year(*ws, 2021);
    const AuditResult a = audit_years(*ws, 2020, 2021);
    set_worker_threads(2);
    return report::evaluate_json(*ws, r).dump(1) +
           report::audit_json(*ws, a, report::Language::en).dump(1);
}

} // namespace

TEST_CASE("threads: two threads give the output of one", "[run]") {
    test::TempDir dir("commend-threads-");
    write_data(dir);
    const std::string one = run(dir, 1), two = run(dir, 2);
    CHECK(one.size() > 1000); // something was selected and found
    CHECK(one.find("\"selected\": []") == std::string::npos);
    CHECK(one == two);
}
