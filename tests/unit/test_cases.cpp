// The data-driven case runner: every folder under tests/cases is one case, and adding one
// needs no C++. A case folder holds
//   rules.toml or rules/   the rule set(s)          (passed as --rules unless `args` has it)
//   data/                  the CSV data set         (passed as --data unless `args` has it)
//   args                   the command line after `commend`, e.g.
//                          `evaluate --year 2021 --format json`
//   expected.json          stdout, compared as JSON (key order included)
//   expected.out           stdout, compared as text
//   expected.err           stderr, compared as text (diagnostics goldens)
//   expected.html          the file `out.html` the command writes (`report … -o out.html`),
//                          compared as text; the case runs in a temporary copy of its folder
//   exit                   the expected exit status (default 0)
//   setup                  optional: commend command lines (after `commend`) run first, each
//                          expected to exit 0; the case then runs in a temporary copy of its
//                          folder, so that what they write (a history store) stays out of the
//                          source tree. Empty lines and lines starting with # are skipped.
// The command runs inside the case folder, so paths in messages are short and stable.
// Every command runs with SOURCE_DATE_EPOCH set, so that what it records is dated the same
// in every run (the history store's hashes include the date).
// Regenerate the goldens of what people read (expected.out, expected.err, expected.html) with
// COMMEND_UPDATE_GOLDEN=1; expected.json and exit are derived by hand and never rewritten.
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
        s.pop_back();
    return s;
}

struct Run {
    std::string out, err;
    int status = -1;
};

Run run_case(const fs::path& dir, const std::string& args) {
    fs::path out = fs::temp_directory_path() / ("commend-case-" + dir.filename().string() + ".out");
    fs::path err = fs::temp_directory_path() / ("commend-case-" + dir.filename().string() + ".err");
    std::string command = "cd '" + dir.string() +
                          "' && SOURCE_DATE_EPOCH=1767225600 '" COMMEND_BINARY "' " + args + " >'" +
                          out.string() + "' 2>'" + err.string() + "'";
    int raw = std::system(command.c_str());
    Run r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

} // namespace

TEST_CASE("data-driven cases under tests/cases", "[cases]") {
    fs::path root = fs::path(COMMEND_SOURCE_DIR) / "tests" / "cases";
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(root))
        if (e.is_directory() && fs::exists(e.path() / "args")) cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 40);
    bool update = std::getenv("COMMEND_UPDATE_GOLDEN") != nullptr;
    for (const auto& dir : cases) {
        DYNAMIC_SECTION(dir.filename().string()) {
            std::string args = trim(slurp(dir / "args"));
            if (args.find("--rules") == std::string::npos && fs::exists(dir / "rules"))
                args += " --rules rules";
            else if (args.find("--rules") == std::string::npos && fs::exists(dir / "rules.toml"))
                args += " --rules rules.toml";
            if (args.find("--data") == std::string::npos &&
                args.find("--db") == std::string::npos && fs::exists(dir / "data"))
                args += " --data data";
            // With a setup, or a file output to compare, in a fresh copy of the folder
            // (removed at the end), so nothing the command writes lands in the source tree.
            fs::path work = dir;
            const bool file_output = fs::exists(dir / "expected.html");
            if (fs::exists(dir / "setup") || file_output) {
                work = fs::temp_directory_path() / ("commend-case-" + dir.filename().string());
                fs::remove_all(work);
                fs::copy(dir, work, fs::copy_options::recursive);
            }
            bool setup_ok = true;
            std::istringstream lines(fs::exists(dir / "setup") ? slurp(dir / "setup")
                                                               : std::string());
            for (std::string line; setup_ok && std::getline(lines, line);) {
                line = trim(line);
                if (line.empty() || line[0] == '#') continue;
                Run s = run_case(work, line);
                INFO("case " << dir.filename().string() << ", setup: commend " << line
                             << "\nstderr:\n"
                             << s.err);
                CHECK(s.status == 0);
                setup_ok = s.status == 0;
            }
            if (!setup_ok) {
                fs::remove_all(work);
                continue;
            }
            Run r = run_case(work, args);
            // The written file, read before the copy goes; absent reads as empty.
            const std::string written = file_output ? slurp(work / "out.html") : std::string();
            if (work != dir) fs::remove_all(work);
            INFO("case " << dir.filename().string() << ": commend " << args << "\nstderr:\n"
                         << r.err);
            int expected_exit = fs::exists(dir / "exit") ? std::stoi(slurp(dir / "exit")) : 0;
            if (update) {
                // Only the goldens of what people read are regenerated; expected JSON and exit
                // statuses are derived by hand from the SPEC and never overwritten.
                if (fs::exists(dir / "expected.out")) spit(dir / "expected.out", r.out);
                if (fs::exists(dir / "expected.err")) spit(dir / "expected.err", r.err);
                if (file_output) spit(dir / "expected.html", written);
                continue;
            }
            CHECK(r.status == expected_exit);
            if (expected_exit == 2) CHECK(r.out.empty()); // input errors write nothing to stdout
            if (fs::exists(dir / "expected.json")) {
                auto expected = nlohmann::ordered_json::parse(slurp(dir / "expected.json"));
                auto actual = nlohmann::ordered_json::parse(r.out, nullptr, false);
                CHECK(actual.dump(2) == expected.dump(2));
            }
            if (fs::exists(dir / "expected.out")) CHECK(r.out == slurp(dir / "expected.out"));
            if (fs::exists(dir / "expected.err")) CHECK(r.err == slurp(dir / "expected.err"));
            if (file_output) {
                INFO("out.html differs from expected.html");
                CHECK(written == slurp(dir / "expected.html"));
            }
        }
    }
}

TEST_CASE("every bad-input case expects exit 2 and nothing on stdout", "[cases]") {
    // The catalogue of bad input (bad-, data-error-, load-error-, cli-error-): each case must
    // be an input error, so the runner above checks that it writes nothing to stdout — no
    // table, no JSON, not half of one.
    fs::path root = fs::path(COMMEND_SOURCE_DIR) / "tests" / "cases";
    int bad = 0;
    for (const auto& e : fs::directory_iterator(root)) {
        const std::string name = e.path().filename().string();
        bool input_error = false;
        for (const char* prefix : {"bad-", "data-error-", "load-error-", "cli-error-"})
            input_error = input_error || name.rfind(prefix, 0) == 0;
        if (!input_error) continue;
        ++bad;
        INFO("case " << name);
        REQUIRE(fs::exists(e.path() / "exit"));
        CHECK(trim(slurp(e.path() / "exit")) == "2");
        CHECK_FALSE(fs::exists(e.path() / "expected.json"));
        CHECK_FALSE(fs::exists(e.path() / "expected.out"));
        CHECK(fs::exists(e.path() / "expected.err")); // what it says is pinned
    }
    CHECK(bad >= 60);
}
