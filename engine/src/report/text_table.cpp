#include "report/text_table.hpp"

#include <algorithm>

#include "commend/text/unicode.hpp"

namespace commend::report {

std::string TextTable::render(const std::string& indent) const {
    std::vector<int> width(header_.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], text::code_point_count(row[i]));
    };
    measure(header_);
    for (const auto& r : rows_)
        measure(r);
    auto line = [&](const std::vector<std::string>& row) {
        std::string out = indent;
        for (std::size_t i = 0; i < width.size(); ++i) {
            std::string cell = i < row.size() ? row[i] : "";
            out += cell;
            if (i + 1 < width.size())
                out += std::string(
                    static_cast<std::size_t>(width[i] - text::code_point_count(cell) + 2), ' ');
        }
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
        return out + "\n";
    };
    std::string out = line(header_);
    std::vector<std::string> rule;
    for (int w : width)
        rule.push_back(std::string(static_cast<std::size_t>(w), '-'));
    out += line(rule);
    for (const auto& r : rows_)
        out += line(r);
    return out;
}

} // namespace commend::report
