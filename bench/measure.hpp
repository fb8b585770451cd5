// Measuring a stage: wall time, and peak resident memory of the process doing it.
//
// Each group of stages runs in a child process (run_in_child forks; run_program runs the
// `commend` binary), so that one stage's memory never counts against another's and a crash
// is reported, not fatal. Inside a child, reset_peak_rss() starts a new peak (Linux: writing
// 5 to /proc/self/clear_refs resets VmHWM), so each stage reports its own peak: the memory
// the process holds during that stage, the loaded data included.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace commend::bench {

/// What a stage reports: numbers ("evaluate.seconds") and texts ("explain.subject").
struct Figures {
    std::map<std::string, double> numbers;
    std::map<std::string, std::string> texts;
};

struct ChildRun {
    Figures figures;
    std::string error;       ///< empty when the child succeeded
    double wall_seconds = 0; ///< measured by the parent
    double max_rss_mb = 0;   ///< the child's peak resident memory (getrusage)
};

/// Runs `work` in a forked child and collects what it returns. An exception in `work` (or a
/// crash) becomes `error`.
ChildRun run_in_child(const std::function<Figures()>& work);

/// Runs `argv` (argv[0] a path) with stdout and stderr sent to files; `error` is set when it
/// exits with a status other than 0 or one of `ok_statuses`.
ChildRun run_program(const std::vector<std::string>& argv, const std::string& out_path,
                     const std::string& err_path, std::vector<int> ok_statuses = {});

/// Peak resident memory of this process since it started or since reset_peak_rss(), in MB.
double peak_rss_mb();
/// Starts a new peak; false when the kernel does not allow it (peaks are then cumulative).
bool reset_peak_rss();

using Clock = std::chrono::steady_clock;
inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The 1-minute load average (/proc/loadavg), to note how busy the machine was; -1 if unknown.
double load_average();

} // namespace commend::bench
