// The browser tests' main. They need headless Chromium (Debian's `chromium`, installed by
// `scripts/install-deps.sh --browser`). Without it they are skipped, loudly: a message on
// stderr and exit status 77, which ctest reports as "Skipped" in its summary — never a silent
// pass. With COMMEND_REQUIRE_BROWSER set (scripts/test.sh sets it, so CI runs them) a missing
// Chromium is a failure instead.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <spdlog/spdlog.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "browser.hpp"

namespace commend::test {

namespace {
std::string found;
}

std::string find_chromium() {
    if (const char* env = std::getenv("COMMEND_CHROMIUM"); env && *env)
        return ::access(env, X_OK) == 0 ? env : "";
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');)
        for (const char* name : {"chromium", "chromium-browser"}) {
            const std::string candidate = dir + "/" + name;
            if (!dir.empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        }
    return "";
}

const std::string& chromium() {
    return found;
}

int run_chromium(const std::filesystem::path& profile, const std::string& args,
                 const std::filesystem::path& page, const std::filesystem::path& out) {
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start; the pages are
    // our own files. A profile of its own per run, so parallel runs do not share one.
    const std::string command =
        "timeout 120 '" + found + "' --headless --no-sandbox --disable-gpu --no-first-run " +
        "--no-default-browser-check --disable-extensions --hide-scrollbars " + "--user-data-dir='" +
        profile.string() + "' " + args + " 'file://" + page.string() + "' >'" + out.string() +
        "' 2>'" + out.string() + ".stderr'";
    const int raw = std::system(command.c_str());
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

} // namespace commend::test

int main(int argc, char* argv[]) {
    spdlog::set_level(spdlog::level::warn);
    commend::test::found = commend::test::find_chromium();
    if (commend::test::found.empty()) {
        const bool required = std::getenv("COMMEND_REQUIRE_BROWSER") != nullptr;
        std::cerr << (required ? "FAILED" : "SKIPPED")
                  << ": the browser tests of the HTML review need headless Chromium, and none "
                     "was found (install it with `scripts/install-deps.sh --browser`, or set "
                     "COMMEND_CHROMIUM to its path)"
                  << (required ? "; COMMEND_REQUIRE_BROWSER is set, so this is a failure" : "")
                  << "\n";
        return required ? 1 : 77;
    }
    return Catch::Session().run(argc, argv);
}
