// Diagnostics as people read them: `file:line:col: error: message`, the source line, a caret.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "commend/report/report.hpp"

namespace commend::report {

namespace {

constexpr std::streamoff max_quoted_file = 16 << 20; // don't reread huge data files for a caret

class SourceCache {
  public:
    const std::string* line(const std::string& file, int n) {
        auto it = files_.find(file);
        if (it == files_.end()) it = files_.emplace(file, read(file)).first;
        if (n < 1 || n > static_cast<int>(it->second.size())) return nullptr;
        return &it->second[static_cast<std::size_t>(n - 1)];
    }

  private:
    std::map<std::string, std::vector<std::string>> files_;
    static std::vector<std::string> read(const std::string& file) {
        std::vector<std::string> lines;
        std::ifstream in(file, std::ios::binary | std::ios::ate);
        if (!in || in.tellg() > max_quoted_file) return lines;
        in.seekg(0);
        std::string l;
        while (std::getline(in, l)) {
            if (!l.empty() && l.back() == '\r') l.pop_back();
            if (lines.empty() && l.rfind("\xEF\xBB\xBF", 0) == 0) l.erase(0, 3);
            lines.push_back(l);
        }
        return lines;
    }
};

std::string where(const SourcePos& p) {
    std::string s = p.file;
    if (p.line > 0)
        s += ":" + std::to_string(p.line) + ":" + std::to_string(p.column > 0 ? p.column : 1);
    return s;
}

void quote(std::ostringstream& out, SourceCache& cache, const SourcePos& p) {
    if (p.line <= 0) return;
    const std::string* full = cache.line(p.file, p.line);
    if (!full) return;
    // Byte offsets of the line's characters, so a long line can be cut around the column.
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < full->size(); ++i)
        if ((static_cast<unsigned char>((*full)[i]) & 0xC0) != 0x80) starts.push_back(i);
    starts.push_back(full->size());
    const int chars = static_cast<int>(starts.size()) - 1;
    int column = std::max(1, std::min(p.column, chars + 1));
    constexpr int context = 60; // characters shown on each side of the column of a long line
    int first = 1, last = chars;
    if (chars > 300) {
        first = std::max(1, column - context);
        last = std::min(chars, column + context);
    }
    std::string shown = full->substr(starts[static_cast<std::size_t>(first - 1)],
                                     starts[static_cast<std::size_t>(last)] -
                                         starts[static_cast<std::size_t>(first - 1)]);
    std::string lead = first > 1 ? "…" : "", tail = last < chars ? "…" : "";
    std::string number = std::to_string(p.line);
    out << " " << number << " | " << lead << shown << tail << "\n";
    out << " " << std::string(number.size(), ' ') << " | " << (first > 1 ? " " : "");
    // Pad with the line's own whitespace so the caret lines up under tabs too.
    for (int c = first; c < column; ++c)
        out << ((*full)[starts[static_cast<std::size_t>(c - 1)]] == '\t' ? '\t' : ' ');
    out << "^\n";
}

} // namespace

std::string diagnostics_text(const Diagnostics& diags) {
    std::ostringstream out;
    SourceCache cache;
    for (const auto& d : diags.items()) {
        out << where(d.pos) << ": " << (d.severity == Severity::error ? "error" : "warning") << ": "
            << d.message << " [" << d.code << "]\n";
        quote(out, cache, d.pos);
        for (const auto& [pos, note] : d.notes) {
            out << where(pos) << ": note: " << note << "\n";
            quote(out, cache, pos);
        }
    }
    return out.str();
}

} // namespace commend::report
