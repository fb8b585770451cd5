// The review's pictures, drawn as inline SVG by our own code (no chart library, nothing
// loaded from the network): the heat map of subjects' levels year by year, and the
// distribution of levels per year. Internal to `report`.
//
// Colours: one per level of the scale, from dark green (best) to red (worst), so a run of
// the best level reads as one dark bar and a bad year stands out; a year without a level is
// hatched grey (the pattern `lv-unknown`, defined once per page by level_pattern_defs()); a
// year in which the subject does not exist is left blank.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "commend/report/report.hpp"

namespace commend::report::charts {

/// The fill of `level` (0 = best) on a scale of `count` levels; -1 = unknown.
std::string level_fill(int level, int count);
/// A hidden SVG with the patterns the charts refer to; once per page, before any chart.
std::string level_pattern_defs();
/// A small square of `level`'s fill, for legends and tables.
std::string level_swatch(int level, int count);

/// The level of `subject` in `year` in a level column: -1 when missing, or when the year is
/// outside the data and the column has no `missing` default.
int level_at(const Workspace& ws, const Column& levels, SubjectIndex subject, int year);

struct HeatmapRows {
    const Column* levels = nullptr; ///< a level column of the data
    int first_year = 0, last_year = 0;
    std::vector<SubjectIndex> subjects; ///< one row each, in this order
    /// Subjects selected in last_year, with the awards they were selected for.
    const std::map<SubjectIndex, std::vector<std::string>>* selected = nullptr;
};
/// One block of the heat map: a row per subject, a column per year, then the run of the
/// best level ending in the last year and a star for the selected.
std::string heatmap_svg(const Workspace& ws, const HeatmapRows& rows, Language lang);

/// Stacked bars, one per year from `first_year` to `last_year`: how many subjects of `kind`
/// that exist that year are at each level.
std::string distribution_svg(const Workspace& ws, const Column& levels, const std::string& kind,
                             int first_year, int last_year, Language lang);

} // namespace commend::report::charts
