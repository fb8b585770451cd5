// The colours of levels shared by the review's pictures and legends (level_charts.hpp).
#include <array>
#include <cmath>

#include "report/level_charts.hpp"

namespace commend::report::charts {

namespace {

// Dark green to red. A 4-level scale (HTXSNV, HTTNV, HTNV, KHTNV) takes every other colour,
// so neighbouring levels differ in lightness as well as hue and still part in greyscale print.
constexpr std::array<const char*, 7> ramp{"#1b5e20", "#388e3c", "#7cb342", "#c0ca33",
                                          "#fbc02d", "#f57c00", "#d32f2f"};

} // namespace

std::string level_fill(int level, int count) {
    if (level < 0) return "url(#lv-unknown)";
    if (count <= 1) return ramp[0];
    const double step = static_cast<double>(ramp.size() - 1) / (count - 1);
    auto i = static_cast<std::size_t>(std::lround(level * step));
    return ramp[std::min(i, ramp.size() - 1)];
}

std::string level_pattern_defs() {
    return "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\">"
           "<defs><pattern id=\"lv-unknown\" width=\"4\" height=\"4\" "
           "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
           "<rect width=\"4\" height=\"4\" fill=\"#e0e0e0\"/>"
           "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#9e9e9e\" stroke-width=\"1.5\"/>"
           "</pattern>"
           // Heat-map labels are cut to a number of characters; the clip catches wide ones.
           "<clipPath id=\"hm-label\"><rect x=\"0\" y=\"-4\" width=\"240\" "
           "height=\"20\"/></clipPath></defs></svg>\n";
}

std::string level_swatch(int level, int count) {
    return "<svg class=\"swatch\" width=\"14\" height=\"14\" aria-hidden=\"true\"><rect "
           "width=\"14\" height=\"14\" rx=\"2\" fill=\"" +
           level_fill(level, count) + "\"/></svg>";
}

int level_at(const Workspace& ws, const Column& levels, SubjectIndex subject, int year) {
    if (ws.data.has_year(year)) return levels.bytes[ws.data.slot(subject, year)];
    return levels.has_default ? levels.default_byte : -1;
}

} // namespace commend::report::charts
