// `commend generate`: writes a synthetic data set (commend/generate/generate.hpp) and prints
// what it wrote: the subjects by kind and the shares of the levels, to compare with
// shared/DOMAIN.md §3.
#include <charconv>
#include <cstdio>
#include <iostream>

#include "cli.hpp"
#include "commend/generate/generate.hpp"

namespace commend::cli {

namespace {

struct GenerateOptions {
    std::string subjects, years = "2012-2021", out;
    std::uint64_t seed = 1;
    bool verbose = false;
};

/// "5500000", "100k", "1m", "5.5m" (k = thousand, m = million); nullopt otherwise. Integer
/// arithmetic only, so "5.5m" is exactly 5,500,000.
std::optional<std::int64_t> parse_count(std::string_view text) {
    std::int64_t scale = 1;
    if (!text.empty() && (text.back() == 'k' || text.back() == 'K')) scale = 1'000;
    if (!text.empty() && (text.back() == 'm' || text.back() == 'M')) scale = 1'000'000;
    if (scale != 1) text.remove_suffix(1);
    const auto dot = text.find('.');
    std::string_view whole = text.substr(0, dot), fraction;
    if (dot != std::string_view::npos) fraction = text.substr(dot + 1);
    if (whole.empty() || whole.size() > 12 || fraction.size() > 6) return std::nullopt;
    if (!fraction.empty() && scale == 1) return std::nullopt;
    std::int64_t value = 0;
    for (char c : whole) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    value *= scale;
    std::int64_t unit = scale;
    for (char c : fraction) {
        if (c < '0' || c > '9') return std::nullopt;
        unit /= 10;
        value += (c - '0') * unit;
    }
    return value;
}

/// "2012-2021" → {2012, 2021}.
std::optional<std::pair<int, int>> parse_years(std::string_view text) {
    const auto dash = text.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    int a = 0, b = 0;
    auto ra = std::from_chars(text.data(), text.data() + dash, a);
    auto rb = std::from_chars(text.data() + dash + 1, text.data() + text.size(), b);
    if (ra.ec != std::errc() || ra.ptr != text.data() + dash || rb.ec != std::errc() ||
        rb.ptr != text.data() + text.size())
        return std::nullopt;
    return std::pair{a, b};
}

std::string percent(std::int64_t part, std::int64_t whole) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%",
                  whole == 0 ? 0.0
                             : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buf;
}

std::string levels_line(const std::array<std::int64_t, 5>& counts) {
    static constexpr std::array<const char*, 5> names = {"HTXSNV", "HTTNV", "HTNV", "KHTNV",
                                                         "not rated"};
    std::int64_t total = 0;
    for (auto c : counts)
        total += c;
    std::string out;
    for (std::size_t i = 0; i < counts.size(); ++i)
        out += std::string(i ? ", " : "") + names[i] + " " + percent(counts[i], total);
    return out;
}

int run_generate(const GenerateOptions& go) {
    generate::Options o;
    auto subjects = parse_count(go.subjects);
    if (!subjects)
        return input_error("--subjects takes a count such as 100000, 100k or 5.5m (got '" +
                           go.subjects + "')");
    auto years = parse_years(go.years);
    if (!years)
        return input_error("--years takes FIRST-LAST, e.g. 2012-2021 (got '" + go.years + "')");
    o.subjects = *subjects;
    o.first_year = years->first;
    o.last_year = years->second;
    o.seed = go.seed;
    auto problems = generate::validate(o);
    if (!problems.empty()) {
        for (const auto& p : problems)
            std::cerr << "commend: error: " << p << "\n";
        return exit_input;
    }
    Diagnostics diags;
    std::optional<generate::Summary> summary;
    {
        StageTimer t("generate " + std::to_string(o.subjects) + " subjects");
        summary = generate::write_dataset(o, go.out, diags);
    }
    if (!summary) {
        print_diagnostics(diags);
        return exit_input;
    }
    std::string kinds;
    for (std::size_t k = 0; k < generate::kind_slugs.size(); ++k)
        kinds += std::string(k ? ", " : "") + generate::kind_slugs[k] + " " +
                 std::to_string(summary->subjects_by_kind[k]);
    std::cout << "wrote " << go.out << ": " << summary->subjects << " subjects, "
              << summary->evaluation_rows << " evaluation rows, " << summary->award_rows
              << " awards, " << summary->bytes << " bytes\n"
              << "  " << kinds << "\n"
              << "  grassroots organizations by level: " << levels_line(summary->tccsd_levels)
              << "\n"
              << "  members by level: " << levels_line(summary->member_levels) << "\n";
    return exit_ok;
}

} // namespace

void add_generate_command(CLI::App& app, Commands& commands) {
    static GenerateOptions o; // bound to the options; only the parsed command reads them
    auto* cmd = app.add_subcommand(
        "generate", "write a synthetic data set for rules/khoi-co-quan-tinh (benchmarks, tests)");
    cmd->add_option("--subjects", o.subjects, "how many subjects: 100000, 100k, 5.5m")->required();
    cmd->add_option("--years", o.years, "the years of data, FIRST-LAST (default 2012-2021)");
    cmd->add_option("--seed", o.seed, "the seed: the same seed gives the same bytes (default 1)");
    cmd->add_option("-o,--out", o.out, "the folder to write (created if missing)")->required();
    cmd->add_flag("--verbose", o.verbose, "log the time taken to stderr");
    commands.push_back({cmd, [] { return run_generate(o); }});
}

} // namespace commend::cli
