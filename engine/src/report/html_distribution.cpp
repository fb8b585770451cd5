// The distribution of levels per year (level_charts.hpp): one stacked bar per year, each
// level's share of the subjects of one kind that exist that year, with the count written in
// the segment when it fits and the share in the segment's tooltip.
#include <cstdio>
#include <sstream>
#include <vector>

#include "report/html_text.hpp"
#include "report/level_charts.hpp"

namespace commend::report::charts {

namespace {

constexpr int year_w = 44, bar_w = 400, pitch = 24, bar_h = 18, total_w = 76;

/// Dark fills take white text; the light ones (yellow, light green, the hatch) take black.
bool dark_fill(int level, int count) {
    const std::string fill = level_fill(level, count);
    return fill == "#1b5e20" || fill == "#388e3c" || fill == "#d32f2f" || fill == "#f57c00";
}

} // namespace

std::string distribution_svg(const Workspace& ws, const Column& levels, const std::string& kind,
                             int first_year, int last_year, Language lang) {
    const bool vi = lang == Language::vi;
    const Scale& scale = ws.rules.schema.scales[static_cast<std::size_t>(levels.scale)];
    const int count = static_cast<int>(scale.levels.size());
    const int width = year_w + bar_w + total_w;
    const int height = (last_year - first_year + 1) * pitch + 4;

    std::ostringstream out;
    out << "<svg class=\"distribution\" width=\"" << width << "\" height=\"" << height
        << "\" viewBox=\"0 0 " << width << " " << height << "\" role=\"img\" aria-label=\""
        << (vi ? "Cơ cấu xếp loại theo năm: " : "Levels per year: ") << html::escape(kind)
        << "\">\n";
    for (int y = first_year; y <= last_year; ++y) {
        // counts[level + 1]: index 0 holds the subjects without a level.
        std::vector<int> counts(static_cast<std::size_t>(count) + 1, 0);
        int total = 0;
        for (std::size_t i = 0; i < ws.data.subjects.size(); ++i) {
            const Subject& s = ws.data.subjects[i];
            if (s.kind != kind || !s.exists_in(y)) continue;
            ++counts[static_cast<std::size_t>(
                level_at(ws, levels, static_cast<SubjectIndex>(i), y) + 1)];
            ++total;
        }
        const int top = (y - first_year) * pitch + 2;
        out << "<g transform=\"translate(0," << top
            << ")\"><text class=\"ds-year\" x=\"0\" y=\"14\">" << y << "</text>";
        double x = year_w;
        // Best level first, the unknown last, as the legend reads.
        for (int l = 0; l <= count; ++l) {
            const int level = l < count ? l : -1;
            const int n = counts[static_cast<std::size_t>(level + 1)];
            if (n == 0 || total == 0) continue;
            const double w = static_cast<double>(bar_w) * n / total;
            const std::string name = level < 0 ? (vi ? "chưa xếp loại" : "not rated")
                                               : scale.levels[static_cast<std::size_t>(level)];
            char geometry[96];
            std::snprintf(geometry, sizeof geometry, "x=\"%.2f\" width=\"%.2f\"", x, w);
            out << "<rect " << geometry << " height=\"" << bar_h << "\" fill=\""
                << level_fill(level, count) << "\"><title>" << y << " " << html::escape(name)
                << ": " << format_number(n, lang) << " ("
                << html::percent(static_cast<double>(n) / total, lang) << ")</title></rect>";
            // A count is written only where it fits: digits are about 7 px wide at 11 px.
            const std::string label = format_number(n, lang);
            if (w >= 8.0 * static_cast<double>(label.size()) + 6) {
                char pos[64];
                std::snprintf(pos, sizeof pos, "x=\"%.2f\"", x + w / 2);
                out << "<text class=\"ds-n" << (dark_fill(level, count) ? " ds-light" : "") << "\" "
                    << pos << " y=\"13\">" << label << "</text>";
            }
            x += w;
        }
        out << "<text class=\"ds-total\" x=\"" << year_w + bar_w + 6 << "\" y=\"14\">"
            << (vi ? "tổng " : "total ") << format_number(total, lang) << "</text></g>\n";
    }
    out << "</svg>";
    return out.str();
}

} // namespace commend::report::charts
