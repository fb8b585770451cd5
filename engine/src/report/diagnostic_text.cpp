// Diagnostics as people read them: `file:line:col: error: message`, the source line, a caret.
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
    const std::string* line = cache.line(p.file, p.line);
    if (!line || line->size() > 400) return;
    std::string number = std::to_string(p.line);
    out << " " << number << " | " << *line << "\n";
    out << " " << std::string(number.size(), ' ') << " | ";
    // Pad with the line's own characters' widths: tabs stay tabs so the caret lines up.
    int col = 1;
    for (std::size_t i = 0; i < line->size() && col < p.column; ++i) {
        unsigned char c = static_cast<unsigned char>((*line)[i]);
        if ((c & 0xC0) == 0x80) continue;
        out << (c == '\t' ? '\t' : ' ');
        ++col;
    }
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
