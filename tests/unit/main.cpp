// The one Catch2 main of the unit tests; every other file here holds the tests of one stage.
// The library logs its stage timings at info level; tests keep only warnings.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <spdlog/spdlog.h>

int main(int argc, char* argv[]) {
    spdlog::set_level(spdlog::level::warn);
    return Catch::Session().run(argc, argv);
}
