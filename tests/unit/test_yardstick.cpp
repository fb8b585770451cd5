// The yardstick (bench/yardstick.hpp) and the engine must report the same outcome — every
// list of both awards, the check and the targets — on a generated data set and on the shipped
// samples. A correctness test at small scale; the timings are scripts/bench.sh's business.
#include <catch2/catch.hpp>

#include "commend/data/csv_source.hpp"
#include "commend/generate/generate.hpp"
#include "outcome.hpp"
#include "temp_dir.hpp"
#include "yardstick.hpp"

using namespace commend;
using commend::test::TempDir;

namespace {

const std::string rules_dir = COMMEND_SOURCE_DIR "/rules/khoi-co-quan-tinh";

Workspace open(const std::string& data) {
    Diagnostics diags;
    CsvDataSource source(data);
    auto ws = open_workspace(rules_dir, &source, diags);
    REQUIRE(ws);
    return std::move(*ws);
}

bench::Outcome yardstick(const std::string& data, int year) {
    std::string error;
    auto layout = bench::load_bloc_layout(data, year, error);
    INFO(error);
    REQUIRE(layout);
    return bench::outcome_of(*layout, bench::run_yardstick(*layout));
}

/// The engine and the yardstick on one year; returns the engine's outcome.
bench::Outcome agree(const Workspace& ws, const std::string& data, int year) {
    bench::Outcome engine = bench::outcome_of(ws, evaluate_year(ws, year));
    const auto diffs = bench::differences(engine, yardstick(data, year));
    for (const auto& d : diffs)
        UNSCOPED_INFO(d);
    INFO(data << ", " << year);
    CHECK(diffs.empty());
    return engine;
}

} // namespace

TEST_CASE("yardstick: agrees with the engine on a generated data set", "[yardstick]") {
    TempDir dir("commend-yardstick-");
    generate::Options o;
    o.subjects = 20'000;
    o.seed = 3;
    Diagnostics diags;
    REQUIRE(generate::write_dataset(o, dir.path.string(), diags));
    const Workspace ws = open(dir.path.string());
    // The rules are in force from 2017; by then five-year streaks are complete and `since`
    // reads the awards the generator recorded since 2016.
    for (int year = 2017; year <= 2021; ++year) {
        const bench::Outcome e = agree(ws, dir.path.string(), year);
        // The comparison compares something: both awards select, and the other lists are
        // not all empty.
        REQUIRE(e.awards.size() == 2);
        CHECK(e.awards[0].selected.size() + (e.awards[0].ties.empty() ? 0 : 1) > 0);
        CHECK(!e.awards[0].over_limit.empty());
        CHECK(!e.awards[1].near_misses.empty());
        CHECK(e.targets.size() == 3);
    }
}

TEST_CASE("yardstick: agrees with the engine on the shipped samples", "[yardstick]") {
    // The sample has planted cases: a tie-free cut, near misses, an unknown five-year streak,
    // `since` after a 2020 award, TSVM for 2017.
    const std::string sample = COMMEND_SOURCE_DIR "/samples/khoi-co-quan-tinh";
    const bench::Outcome e = agree(open(sample), sample, 2021);
    CHECK(e.awards[1].unknown.size() == 1);
    const std::string audit = COMMEND_SOURCE_DIR "/samples/khoi-co-quan-tinh-kiem-tra";
    const Workspace ws = open(audit);
    for (int year = 2017; year <= 2021; ++year)
        agree(ws, audit, year);
}

TEST_CASE("yardstick: a difference from the engine is found and named", "[yardstick]") {
    const std::string sample = COMMEND_SOURCE_DIR "/samples/khoi-co-quan-tinh";
    const bench::Outcome engine =
        bench::outcome_of(open(sample), evaluate_year(open(sample), 2021));
    bench::Outcome other = yardstick(sample, 2021);
    REQUIRE(bench::differences(engine, other).empty());
    REQUIRE(!other.awards[0].selected.empty());
    const std::string dropped = other.awards[0].selected.back();
    other.awards[0].selected.pop_back();
    other.targets[0].met = !*other.targets[0].met;
    const auto diffs = bench::differences(engine, other);
    REQUIRE(diffs.size() == 2);
    CHECK(diffs[0].find(dropped) != std::string::npos);
    CHECK(diffs[1].find("ket-nap") != std::string::npos);
    // And the outcome survives its trip through JSON (how the benchmark hands it over).
    CHECK(bench::differences(engine, bench::outcome_from_json(bench::outcome_to_json(engine)))
              .empty());
}
