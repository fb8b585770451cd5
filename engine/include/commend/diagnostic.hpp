// A diagnostic is data: a stable code, a severity, a message and the place in a file it is
// about. Every stage of the engine reports problems by appending diagnostics to a list and
// returning; only the command-line front end prints them (with the source line and a caret)
// and chooses the exit status.
//
//   Diagnostics diags;
//   diags.error("data.unknown-subject", {"evaluations.csv", 12, 1}, "unknown subject id
//   \"cb-99\""); if (diags.has_errors()) return;
#pragma once

#include <string>
#include <vector>

namespace commend {

/// A position in a file: 1-based line and column (column counted in Unicode characters).
/// A line of 0 means "the whole file".
struct SourcePos {
    std::string file;
    int line = 0;
    int column = 0;
};

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    std::string code; ///< stable identifier, e.g. "rule.unknown-identifier"
    SourcePos pos;
    std::string message;
    std::vector<std::pair<SourcePos, std::string>> notes; ///< further places worth showing
};

class Diagnostics {
  public:
    void error(std::string code, SourcePos pos, std::string message) {
        add({Severity::error, std::move(code), std::move(pos), std::move(message), {}});
    }
    void warning(std::string code, SourcePos pos, std::string message) {
        add({Severity::warning, std::move(code), std::move(pos), std::move(message), {}});
    }
    void add(Diagnostic d) {
        if (d.severity == Severity::error) ++errors_;
        items_.push_back(std::move(d));
    }
    void append(const Diagnostics& other) {
        for (const auto& d : other.items_)
            add(d);
    }
    bool has_errors() const { return errors_ > 0; }
    std::size_t error_count() const { return errors_; }
    const std::vector<Diagnostic>& items() const { return items_; }
    /// Sort by file, line, column, so printed output is deterministic.
    void sort();

  private:
    std::vector<Diagnostic> items_;
    std::size_t errors_ = 0;
};

} // namespace commend
