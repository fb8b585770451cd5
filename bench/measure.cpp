#include "measure.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace commend::bench {

namespace {

// The child writes one figure per line: "n<TAB>name<TAB>value", "t<TAB>name<TAB>text",
// "e<TAB>message". Texts and messages have their line breaks replaced.
std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\t') c = ' ';
    return s;
}

void write_all(int fd, const std::string& s) {
    const char* p = s.data();
    std::size_t left = s.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n <= 0) return;
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

void parse_figures(const std::string& text, ChildRun& run) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const auto a = line.find('\t');
        if (a == std::string::npos) continue;
        const std::string tag = line.substr(0, a);
        if (tag == "e") {
            run.error = line.substr(a + 1);
            continue;
        }
        const auto b = line.find('\t', a + 1);
        if (b == std::string::npos) continue;
        const std::string name = line.substr(a + 1, b - a - 1), value = line.substr(b + 1);
        if (tag == "n")
            run.figures.numbers[name] = std::strtod(value.c_str(), nullptr);
        else if (tag == "t")
            run.figures.texts[name] = value;
    }
}

double rss_mb(const rusage& ru) {
    return static_cast<double>(ru.ru_maxrss) / 1024.0; // Linux: kilobytes
}

void finish(pid_t pid, Clock::time_point start, ChildRun& run, std::vector<int> ok_statuses) {
    int status = 0;
    rusage ru{};
    while (::wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
    }
    run.wall_seconds = seconds_since(start);
    run.max_rss_mb = rss_mb(ru);
    if (WIFSIGNALED(status)) {
        run.error = "killed by signal " + std::to_string(WTERMSIG(status)) +
                    (WTERMSIG(status) == SIGKILL ? " (out of memory?)" : "");
    } else if (run.error.empty() && WEXITSTATUS(status) != 0) {
        bool ok = false;
        for (int s : ok_statuses)
            ok = ok || s == WEXITSTATUS(status);
        if (!ok) run.error = "exit status " + std::to_string(WEXITSTATUS(status));
    }
}

} // namespace

ChildRun run_in_child(const std::function<Figures()>& work) {
    ChildRun run;
    int fds[2];
    if (::pipe(fds) != 0) {
        run.error = "pipe: " + std::string(std::strerror(errno));
        return run;
    }
    std::fflush(nullptr);
    const auto start = Clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) {
        run.error = "fork: " + std::string(std::strerror(errno));
        return run;
    }
    if (pid == 0) {
        ::close(fds[0]);
        std::string out;
        int status = 0;
        try {
            Figures f = work();
            for (const auto& [k, v] : f.numbers) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.9g", v);
                out += "n\t" + k + "\t" + buf + "\n";
            }
            for (const auto& [k, v] : f.texts)
                out += "t\t" + k + "\t" + one_line(v) + "\n";
        } catch (const std::exception& e) {
            out += "e\t" + one_line(e.what()) + "\n";
            status = 1;
        }
        write_all(fds[1], out);
        ::close(fds[1]);
        std::fflush(nullptr);
        ::_exit(status);
    }
    ::close(fds[1]);
    parse_figures(read_all(fds[0]), run);
    ::close(fds[0]);
    finish(pid, start, run, {});
    return run;
}

ChildRun run_program(const std::vector<std::string>& argv, const std::string& out_path,
                     const std::string& err_path, std::vector<int> ok_statuses) {
    ChildRun run;
    std::fflush(nullptr);
    const auto start = Clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) {
        run.error = "fork: " + std::string(std::strerror(errno));
        return run;
    }
    if (pid == 0) {
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0 || err < 0) ::_exit(127);
        ::dup2(out, 1);
        ::dup2(err, 2);
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    finish(pid, start, run, std::move(ok_statuses));
    return run;
}

double peak_rss_mb() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    return rss_mb(ru);
}

bool reset_peak_rss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

double load_average() {
    std::ifstream in("/proc/loadavg");
    double v = -1;
    in >> v;
    return in ? v : -1;
}

} // namespace commend::bench
