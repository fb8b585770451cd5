// The heat map of levels year by year (level_charts.hpp). Each row is one subject; each year
// a cell coloured by its level. Cells of equal level in consecutive years are drawn as one bar
// with a faint tick at each year, so a streak reads at a glance as one long dark bar; the
// length of the run of the best level ending in the last year is written after the row, and
// a star marks the subjects selected that year. Drawn at a fixed size, with labels cut to fit,
// so that 800 rows stay legible (the page scrolls down; only a phone's narrow screen scales
// the picture to its width).
#include <sstream>

#include "report/html_text.hpp"
#include "report/level_charts.hpp"

namespace commend::report::charts {

namespace {

constexpr int label_w = 248, cell_w = 30, pitch = 16, bar_h = 12, header_h = 18;
// What fits label_w at the 12 px label font in most fonts; the clip path `hm-label` (240 px,
// level_pattern_defs) cuts any that a wide font would still push into the cells.
constexpr int label_chars = 34;

} // namespace

std::string heatmap_svg(const Workspace& ws, const HeatmapRows& rows, Language lang) {
    const bool vi = lang == Language::vi;
    const Column& column = *rows.levels;
    const Scale& scale = ws.rules.schema.scales[static_cast<std::size_t>(column.scale)];
    const int levels = static_cast<int>(scale.levels.size());
    const int years = rows.last_year - rows.first_year + 1;
    const int x_end = label_w + years * cell_w;
    const int width = x_end + 56;
    const int height = header_h + static_cast<int>(rows.subjects.size()) * pitch + 2;

    std::ostringstream out;
    out << "<svg class=\"heatmap\" width=\"" << width << "\" height=\"" << height
        << "\" viewBox=\"0 0 " << width << " " << height << "\" role=\"img\" aria-label=\""
        << (vi ? "Bản đồ nhiệt xếp loại " : "Heat map of ") << html::escape(column.name)
        << (vi ? " qua các năm" : " by year") << "\">\n";
    out << "<g class=\"hm-years\">";
    for (int y = rows.first_year; y <= rows.last_year; ++y)
        out << "<text x=\"" << label_w + (y - rows.first_year) * cell_w + cell_w / 2
            << "\" y=\"12\">" << y << "</text>";
    out << "<text x=\"" << x_end + 16 << "\" y=\"12\">" << (vi ? "chuỗi" : "run") << "</text>";
    out << "</g>\n";

    for (std::size_t r = 0; r < rows.subjects.size(); ++r) {
        const SubjectIndex s = rows.subjects[r];
        const Subject& subject = ws.data.subjects[static_cast<std::size_t>(s)];
        const std::vector<std::string>* awards = nullptr;
        if (rows.selected)
            if (auto it = rows.selected->find(s); it != rows.selected->end()) awards = &it->second;

        // The tooltip says in words what the colours show.
        std::string tip = subject.name + " (" + subject.id + "):";
        for (int y = rows.first_year; y <= rows.last_year; ++y) {
            if (!subject.exists_in(y)) continue;
            const int l = level_at(ws, column, s, y);
            tip += " " + std::to_string(y) + " " +
                   (l < 0 ? std::string("?") : scale.levels[static_cast<std::size_t>(l)]) + ",";
        }
        tip.pop_back();
        if (awards) {
            tip += vi ? ". Được chọn: " : ". Selected: ";
            for (std::size_t i = 0; i < awards->size(); ++i)
                tip += (i ? "; " : "") + (*awards)[i];
        }

        out << "<g transform=\"translate(0," << header_h + static_cast<int>(r) * pitch
            << ")\"><title>" << html::escape(tip) << "</title><text class=\"hm-name"
            << (awards ? " hm-sel" : "") << "\" x=\"0\" y=\"10\" clip-path=\"url(#hm-label)\">"
            << html::escape(html::shorten(subject.name, label_chars)) << "</text>";
        // Runs of equal level in consecutive years in which the subject exists.
        for (int y = rows.first_year; y <= rows.last_year;) {
            if (!subject.exists_in(y)) {
                ++y;
                continue;
            }
            const int l = level_at(ws, column, s, y);
            int end = y + 1;
            while (end <= rows.last_year && subject.exists_in(end) &&
                   level_at(ws, column, s, end) == l)
                ++end;
            out << "<rect x=\"" << label_w + (y - rows.first_year) * cell_w << "\" width=\""
                << (end - y) * cell_w << "\" height=\"" << bar_h << "\" fill=\""
                << level_fill(l, levels) << "\"/>";
            y = end;
        }
        int streak = 0;
        for (int y = rows.last_year; y >= rows.first_year; --y) {
            if (!subject.exists_in(y) || level_at(ws, column, s, y) != 0) break;
            ++streak;
        }
        if (streak >= 2)
            out << "<text class=\"hm-run\" x=\"" << x_end + 16 << "\" y=\"10\">" << streak
                << "</text>";
        if (awards) out << "<text class=\"hm-star\" x=\"" << x_end + 40 << "\" y=\"11\">★</text>";
        out << "</g>\n";
    }
    // Year ticks over the bars: a run stays one bar, yet its years can be counted.
    if (years > 1 && !rows.subjects.empty()) {
        out << "<path class=\"hm-ticks\" d=\"";
        for (int i = 1; i < years; ++i)
            out << "M" << label_w + i * cell_w << " " << header_h << "V" << height - 2;
        out << "\"/>\n";
    }
    out << "</svg>";
    return out.str();
}

} // namespace commend::report::charts
