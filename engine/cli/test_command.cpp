// `commend test` (SPEC §6): runs the [[test]] cases written in the rule files.
#include <iostream>

#include "cli.hpp"
#include "commend/ruletest/test_run.hpp"

namespace commend::cli {

namespace {

int run_test(const CommonOptions& o) {
    Diagnostics diags;
    std::optional<ruletest::TestReport> report;
    {
        StageTimer t("test cases");
        report = ruletest::run_tests(o.rules, diags);
    }
    print_diagnostics(diags);
    if (!report) {
        std::cerr << "commend: " << diags.error_count() << " error"
                  << (diags.error_count() == 1 ? "" : "s") << "; no case was run\n";
        return exit_input;
    }
    const auto lang = language(o);
    std::cout << (o.format == "json" ? report::test_json(*report, lang).dump(2) + "\n"
                                     : report::test_table(*report, lang));
    return report->failed() > 0 ? exit_violation : exit_ok;
}

} // namespace

void add_test_command(CLI::App& app, Commands& commands) {
    static CommonOptions o; // bound to the options; only the parsed command reads them
    auto* test = app.add_subcommand("test", "run the [[test]] cases written in the rule files");
    // Like `check`, no data: each case brings its own (inline, or a folder it names).
    test->add_option("--rules", o.rules, "rule file or folder of *.toml")->required();
    test->add_flag("--verbose", o.verbose, "log stage timings to stderr");
    test->add_option("--lang", o.lang, "language of the table: vi (default) or en")
        ->check(CLI::IsMember({"vi", "en"}));
    add_format_option(test, o, {"table", "json"});
    commands.push_back({test, [] { return run_test(o); }});
}

} // namespace commend::cli
