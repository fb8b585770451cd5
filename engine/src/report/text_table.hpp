// Aligned plain-text tables whose cells may hold Vietnamese text: widths are counted in
// characters (text is NFC, so one precomposed letter is one column), not bytes.
#pragma once

#include <string>
#include <vector>

namespace commend::report {

class TextTable {
  public:
    explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    bool empty() const { return rows_.empty(); }
    /// The table, each line starting with `indent`.
    std::string render(const std::string& indent) const;

  private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace commend::report
