// Replays every seed of the fuzz corpora (tests/fuzz/<target>/) and every input a fuzzer once
// crashed on (tests/fuzz/regressions/<target>/) through the fuzz targets' bodies, so that an
// ordinary test run — and the sanitizer run — keeps each fixed crash fixed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <vector>

#include "../fuzz/fuzz_targets.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    if (fs::is_directory(dir))
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file() && e.path().filename() != "README.md") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void replay(const char* target, const std::function<bool(std::string_view)>& body) {
    const fs::path root = fs::path(COMMEND_SOURCE_DIR) / "tests" / "fuzz";
    const auto seeds = files_in(root / target);
    // A corpus that vanished would make this test pass vacuously.
    REQUIRE(seeds.size() >= 5);
    auto inputs = seeds;
    for (const auto& p : files_in(root / "regressions" / target))
        inputs.push_back(p);
    for (const auto& p : inputs) {
        INFO("input " << p.lexically_relative(root).string());
        CHECK(body(slurp(p)));
    }
}

} // namespace

TEST_CASE("fuzz: the CSV corpus and regressions", "[fuzz]") {
    replay("csv", commend::fuzz::csv);
}

TEST_CASE("fuzz: the rule-file corpus and regressions", "[fuzz]") {
    replay("rules", commend::fuzz::rules);
}

TEST_CASE("fuzz: the expression corpus and regressions", "[fuzz]") {
    replay("expression", commend::fuzz::expression);
}

TEST_CASE("fuzz: the targets' checks can fail", "[fuzz]") {
    // Refused input must come with an error, so an empty CSV reports one and passes; the
    // targets return true on every input the engine handles as promised.
    CHECK(commend::fuzz::csv(""));
    CHECK(commend::fuzz::rules("not toml ["));
    CHECK(commend::fuzz::expression("count(children(), rating == HTXSNV) > 1"));
    CHECK(commend::fuzz::expression("((((1"));
}
