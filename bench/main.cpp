// commend-bench: wall time, peak memory and throughput of each stage of the engine on one or
// more data sets, beside the yardstick (bench/yardstick.hpp), printed as a Markdown table
// (one column per data set) ready for docs/performance.md. scripts/bench.sh generates the
// data sets and calls it; run it by hand as
//
//   build/bench/commend-bench --data /tmp/d100k --label 100k [--data … --label …]
//       [--rules rules/khoi-co-quan-tinh] [--audit-rules R] [--year 2021] [--from 2012 --to 2021]
//       [--stages yardstick,engine,audit,store,cli] [--repeat 3] [--threads 1|2] [--work DIR]
//
// Exit status: 0; 1 when the engine and the yardstick disagree on any data set (printed
// loudly: that is a correctness failure, not a timing); 2 for a bad command line.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <spdlog/spdlog.h>

#include "commend/run/threads.hpp"
#include "sessions.hpp"

namespace fs = std::filesystem;
using namespace commend::bench;

namespace {

struct DataFiles {
    double bytes = 0;
    double subjects = 0, evaluation_rows = 0, award_rows = 0;
};

/// Lines after the header (the generated files have one record per line).
double data_lines(const fs::path& file) {
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return 0;
    static char buf[1 << 20];
    double lines = 0;
    std::size_t n;
    char last = '\n';
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        for (const char* p = buf; (p = static_cast<const char*>(std::memchr(
                                       p, '\n', n - static_cast<std::size_t>(p - buf))));
             ++p)
            ++lines;
        last = buf[n - 1];
    }
    std::fclose(f);
    if (last != '\n') ++lines;
    return std::max(0.0, lines - 1);
}

DataFiles count_files(const std::string& dir) {
    DataFiles d;
    for (const char* name : {"subjects.csv", "evaluations.csv", "awards.csv"}) {
        const fs::path p = fs::path(dir) / name;
        std::error_code ec;
        const auto size = fs::file_size(p, ec);
        if (!ec) d.bytes += static_cast<double>(size);
    }
    d.subjects = data_lines(fs::path(dir) / "subjects.csv");
    d.evaluation_rows = data_lines(fs::path(dir) / "evaluations.csv");
    d.award_rows = data_lines(fs::path(dir) / "awards.csv");
    return d;
}

/// One data set's figures: numbers and texts by name, and the errors of failed stages.
struct Column {
    std::string label;
    DataFiles files;
    Figures f;
    std::vector<std::string> errors;
};

void merge(Column& c, const std::string& stage, const ChildRun& run) {
    for (const auto& [k, v] : run.figures.numbers)
        c.f.numbers[k] = v;
    for (const auto& [k, v] : run.figures.texts)
        c.f.texts[k] = v;
    c.f.numbers[stage + ".process_seconds"] = run.wall_seconds;
    c.f.numbers[stage + ".process_rss_mb"] = run.max_rss_mb;
    if (!run.error.empty()) {
        c.errors.push_back(stage + ": " + run.error);
        c.f.texts[stage + ".error"] = run.error;
    }
}

std::string number(double v, int significant = 3) {
    if (!std::isfinite(v)) return "—";
    char buf[64];
    if (v != 0 && std::fabs(v) < 1) {
        std::snprintf(buf, sizeof buf, "%.*g", significant, v);
        return buf;
    }
    // Large figures: group thousands, no more digits than they carry.
    const int digits = v == 0 ? 1 : static_cast<int>(std::floor(std::log10(std::fabs(v)))) + 1;
    const int decimals = std::max(0, significant - digits);
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf, out;
    const auto dot = s.find('.');
    const std::string whole = s.substr(0, dot),
                      rest = dot == std::string::npos ? "" : s.substr(dot);
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0 && whole[i - 1] != '-') out += ',';
        out += whole[i];
    }
    return out + rest;
}

/// A duration with its unit: "28.7 µs", "3.54 ms", "1.19 s".
std::string duration(double seconds) {
    if (!std::isfinite(seconds)) return "—";
    if (seconds < 1e-3) return number(seconds * 1e6) + " µs";
    if (seconds < 1) return number(seconds * 1e3) + " ms";
    return number(seconds) + " s";
}

/// A count: "3,680".
std::string count(double v) {
    if (!std::isfinite(v)) return "—";
    return number(std::round(v), 1);
}

std::string rate(double count, double seconds) {
    if (!(seconds > 0) || !(count > 0) || !std::isfinite(count / seconds)) return "—";
    const double r = count / seconds;
    if (r >= 1e9) return number(r / 1e9) + " G/s";
    if (r >= 1e6) return number(r / 1e6) + " M/s";
    if (r >= 1e3) return number(r / 1e3) + " k/s";
    return number(r) + " /s";
}

struct Options {
    // --rules, --audit-rules, --from and --to are given once for every data set, or once per
    // --data (to compare rule variants on one data set, or data sets of different years).
    std::vector<std::string> data, labels, rules, audit_rules;
    std::vector<int> from, to;
    std::string commend = COMMEND_BINARY, work, stages = "yardstick,engine,audit,store,cli";
    int year = 2021, repeat = 1, threads = 2;
    bool keep = false;
};

/// The i-th of values given once or once per data set; `fallback` when none was given.
template <class T> T for_data(const std::vector<T>& values, std::size_t i, T fallback) {
    if (values.empty()) return fallback;
    return values.size() == 1 ? values[0] : values[i];
}

} // namespace

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn); // the engine logs its stages at info
    Options o;
    CLI::App app{"commend-bench: wall time, peak memory and throughput of each stage, beside "
                 "the yardstick"};
    app.add_option("--data", o.data, "a data set folder (repeat for several)")->required();
    app.add_option("--label", o.labels, "the column heading of each --data (default: its name)");
    app.add_option("--rules", o.rules,
                   "the rules (default: rules/khoi-co-quan-tinh); once, or once per --data");
    app.add_option("--audit-rules", o.audit_rules,
                   "the rules of the audit (default: --rules); scripts/bench.sh passes a copy "
                   "in force from the first year of data");
    app.add_option("--year", o.year, "the evaluation year (default 2021)");
    app.add_option("--from", o.from,
                   "the audit's first year (default: --year - 9); once, or "
                   "once per --data");
    app.add_option("--to", o.to,
                   "the audit's last year (default: --year); once, or once per "
                   "--data");
    app.add_option("--stages", o.stages,
                   "which of yardstick,engine,audit,store,cli (default: all)");
    app.add_option("--repeat", o.repeat,
                   "run evaluate and explain this many times; the median "
                   "counts (default 1)");
    app.add_option("--threads", o.threads,
                   "threads the engine may use, 1 or 2 (default 2, as commend's default)")
        ->check(CLI::Range(1, 2));
    app.add_option("--commend", o.commend, "the commend binary for import and the whole run");
    app.add_option("--work", o.work,
                   "a folder for the stores and outputs (default: a temporary "
                   "folder, removed at the end)");
    app.add_flag("--keep", o.keep, "keep the work folder");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    auto per_data = [&](std::size_t n) { return n == 0 || n == 1 || n == o.data.size(); };
    if (!o.labels.empty() && o.labels.size() != o.data.size()) {
        std::cerr << "commend-bench: error: give one --label per --data\n";
        return 2;
    }
    if (!per_data(o.rules.size()) || !per_data(o.audit_rules.size()) || !per_data(o.from.size()) ||
        !per_data(o.to.size())) {
        std::cerr << "commend-bench: error: give --rules, --audit-rules, --from and --to once, "
                     "or once per --data\n";
        return 2;
    }
    if (!o.labels.empty() &&
        std::set<std::string>(o.labels.begin(), o.labels.end()).size() != o.labels.size()) {
        std::cerr << "commend-bench: error: the labels must differ (each names a work folder)\n";
        return 2;
    }
    std::set<std::string> stages;
    for (std::size_t a = 0, b; a <= o.stages.size(); a = b + 1) {
        b = o.stages.find(',', a);
        if (b == std::string::npos) b = o.stages.size();
        stages.insert(o.stages.substr(a, b - a));
    }
    for (const auto& s : stages)
        if (!std::set<std::string>{"yardstick", "engine", "audit", "store", "cli"}.count(s)) {
            std::cerr << "commend-bench: error: unknown stage '" << s << "'\n";
            return 2;
        }
    commend::set_worker_threads(o.threads); // inherited by every stage's process
    const bool temporary_work = o.work.empty();
    if (temporary_work) {
        char name[] = "/tmp/commend-bench-XXXXXX";
        if (!::mkdtemp(name)) {
            std::cerr << "commend-bench: error: cannot create a work folder\n";
            return 2;
        }
        o.work = name;
    }

    std::vector<Column> columns;
    for (std::size_t i = 0; i < o.data.size(); ++i) {
        Column c;
        c.label = o.labels.empty() ? fs::path(o.data[i]).filename().string() : o.labels[i];
        c.files = count_files(o.data[i]);
        c.f.numbers["machine.load"] = load_average();
        BenchInput in;
        in.data = o.data[i];
        in.rules = for_data(o.rules, i, std::string(COMMEND_SOURCE_DIR "/rules/khoi-co-quan-tinh"));
        in.audit_rules = for_data(o.audit_rules, i, in.rules);
        in.work = (fs::path(o.work) / c.label).string();
        in.db = in.work + "/store.db";
        in.year = o.year;
        in.audit_from = for_data(o.from, i, o.year - 9);
        in.audit_to = for_data(o.to, i, o.year);
        c.f.numbers["audit.from"] = in.audit_from;
        c.f.numbers["audit.to"] = in.audit_to;
        in.repeat = o.repeat;
        fs::create_directories(in.work);
        fs::remove(yardstick_outcome_path(in));
        fs::remove(in.db);
        auto progress = [&](const char* stage) {
            std::cerr << "[" << c.label << "] " << stage << " (load average "
                      << number(load_average()) << ")\n";
        };
        const bool audit_apart = in.audit_rules != in.rules;
        if (stages.count("yardstick")) {
            progress("yardstick");
            merge(c, "yardstick", run_in_child([&] { return yardstick_session(in); }));
        }
        if (stages.count("engine")) {
            progress(audit_apart || !stages.count("audit") ? "load, evaluate, explain"
                                                           : "load, evaluate, explain, audit");
            const bool with_audit = stages.count("audit") && !audit_apart;
            merge(c, "engine", run_in_child([&] { return engine_session(in, with_audit); }));
        }
        if (stages.count("audit") && (audit_apart || !stages.count("engine"))) {
            progress("audit");
            merge(c, "audit", run_in_child([&] { return audit_session(in); }));
        }
        if (stages.count("store")) {
            progress("import");
            ChildRun imp = run_program({o.commend, "import", in.data, "--db", in.db},
                                       in.work + "/import.out", in.work + "/import.err");
            merge(c, "import", imp);
            if (imp.error.empty()) {
                progress("load from the store");
                merge(c, "store", run_in_child([&] { return store_session(in); }));
            }
        }
        if (stages.count("cli")) {
            progress("commend evaluate (whole run)");
            // Exit 1 (a check of severity error violated) is a result, not a failure.
            merge(c, "cli",
                  run_program({o.commend, "evaluate", "--rules", in.rules, "--data", in.data,
                               "--year", std::to_string(o.year), "--format", "json", "--threads",
                               std::to_string(o.threads)},
                              in.work + "/evaluate.json", in.work + "/evaluate.err", {1}));
        }
        columns.push_back(std::move(c));
    }

    // The table: one row per figure, one column per data set.
    auto num = [](const Column& c, const std::string& k) {
        auto it = c.f.numbers.find(k);
        return it == c.f.numbers.end() ? NAN : it->second;
    };
    auto txt = [](const Column& c, const std::string& k) {
        auto it = c.f.texts.find(k);
        return it == c.f.texts.end() ? std::string("—") : it->second;
    };
    auto failed = [&](const Column& c, const std::string& stage) {
        return c.f.texts.count(stage + ".error") > 0;
    };
    using Cell = std::function<std::string(const Column&)>;
    std::vector<std::pair<std::string, Cell>> rows = {
        {"engine threads", [&](const Column&) { return std::to_string(o.threads); }},
        {"machine load average at start",
         [&](const Column& c) { return number(num(c, "machine.load")); }},
        {"subjects", [&](const Column& c) { return count(c.files.subjects); }},
        {"subject-years (evaluation rows)",
         [&](const Column& c) { return count(c.files.evaluation_rows); }},
        {"CSV size (MB)", [&](const Column& c) { return number(c.files.bytes / 1e6); }},
        {"**load from CSV**",
         [&](const Column& c) {
             return failed(c, "engine") ? "FAILED" : duration(num(c, "load.seconds"));
         }},
        {"  MB/s",
         [&](const Column& c) { return number(c.files.bytes / 1e6 / num(c, "load.seconds")); }},
        {"  rows/s",
         [&](const Column& c) {
             return rate(c.files.subjects + c.files.evaluation_rows + c.files.award_rows,
                         num(c, "load.seconds"));
         }},
        {"  peak RSS (MB)", [&](const Column& c) { return number(num(c, "load.rss_mb")); }},
        {"**evaluate " + std::to_string(o.year) + "**, after load",
         [&](const Column& c) { return duration(num(c, "evaluate.seconds")); }},
        {"  criterion evaluations",
         [&](const Column& c) { return count(num(c, "evaluate.criteria")); }},
        {"  criterion evaluations/s",
         [&](const Column& c) {
             return rate(num(c, "evaluate.criteria"), num(c, "evaluate.seconds"));
         }},
        {"  subject-years/s",
         [&](const Column& c) {
             return rate(c.files.evaluation_rows, num(c, "evaluate.seconds"));
         }},
        {"  peak RSS (MB)", [&](const Column& c) { return number(num(c, "evaluate.rss_mb")); }},
        {"**yardstick**, same outcome",
         [&](const Column& c) {
             return failed(c, "yardstick") ? "FAILED" : duration(num(c, "yardstick.seconds"));
         }},
        {"  subject-years/s",
         [&](const Column& c) {
             return rate(c.files.evaluation_rows, num(c, "yardstick.seconds"));
         }},
        {"  engine evaluate ÷ yardstick",
         [&](const Column& c) {
             const double r = num(c, "evaluate.seconds") / num(c, "yardstick.seconds");
             return std::isfinite(r) ? number(r) + "×" : std::string("—");
         }},
        {"  same outcome as the engine", [&](const Column& c) { return txt(c, "agreement"); }},
        {"**audit**",
         [&](const Column& c) {
             return failed(c, "audit") ? "FAILED" : duration(num(c, "audit.seconds"));
         }},
        {"  years",
         [&](const Column& c) {
             return c.f.numbers.count("audit.seconds")
                        ? std::to_string(static_cast<int>(num(c, "audit.from"))) + "–" +
                              std::to_string(static_cast<int>(num(c, "audit.to")))
                        : std::string("—");
         }},
        {"  subject-years/s",
         [&](const Column& c) { return rate(c.files.evaluation_rows, num(c, "audit.seconds")); }},
        {"  peak RSS (MB)", [&](const Column& c) { return number(num(c, "audit.rss_mb")); }},
        {"  findings", [&](const Column& c) { return count(num(c, "audit.findings")); }},
        {"**explain** one subject",
         [&](const Column& c) { return duration(num(c, "explain.seconds")); }},
        {"**import** into the store",
         [&](const Column& c) {
             return failed(c, "import") ? "FAILED" : duration(num(c, "import.process_seconds"));
         }},
        {"  peak RSS (MB)",
         [&](const Column& c) { return number(num(c, "import.process_rss_mb")); }},
        {"**load from the store**",
         [&](const Column& c) {
             return failed(c, "store") ? "FAILED" : duration(num(c, "store.seconds"));
         }},
        {"  peak RSS (MB)", [&](const Column& c) { return number(num(c, "store.rss_mb")); }},
        {"**commend evaluate**, whole run",
         [&](const Column& c) {
             return failed(c, "cli") ? "FAILED" : duration(num(c, "cli.process_seconds"));
         }},
        {"  peak RSS (MB)", [&](const Column& c) { return number(num(c, "cli.process_rss_mb")); }},
    };
    std::cout << "| figure |";
    for (const auto& c : columns)
        std::cout << " " << c.label << " |";
    std::cout << "\n| --- |";
    for (std::size_t i = 0; i < columns.size(); ++i)
        std::cout << " ---: |";
    std::cout << "\n";
    for (const auto& [name, cell] : rows) {
        bool any = false;
        for (const auto& c : columns)
            any = any || cell(c) != "—";
        if (!any) continue; // a stage that was not run
        std::cout << "| " << name << " |";
        for (const auto& c : columns)
            std::cout << " " << cell(c) << " |";
        std::cout << "\n";
    }
    std::cout << "\nexplain timed on: ";
    for (const auto& c : columns)
        std::cout << c.label << " " << txt(c, "explain.subject") << "; ";
    std::cout << "peak RSS per stage: the process's peak during the stage, loaded data included.\n";

    int status = 0;
    for (const auto& c : columns) {
        for (const auto& e : c.errors)
            std::cerr << "commend-bench: [" << c.label << "] " << e << "\n";
        const std::string agreement = txt(c, "agreement");
        if (agreement != "yes" && agreement != "—") {
            status = 1;
            std::ifstream diffs((fs::path(o.work) / c.label / "differences.txt").string());
            std::cerr << "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
                      << "!!! [" << c.label << "] THE ENGINE AND THE YARDSTICK DISAGREE\n"
                      << diffs.rdbuf()
                      << "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n";
            std::cout << "\n**FAILURE: the engine and the yardstick disagree on " << c.label
                      << "** (details on stderr)\n";
        }
    }
    if (temporary_work && !o.keep) fs::remove_all(o.work);
    return status;
}
