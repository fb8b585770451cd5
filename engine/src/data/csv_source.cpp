// CsvDataSource::load: reads the three files of a data folder and runs the stages described in
// commend/data/csv_source.hpp. The existence rules (SPEC §4) live here because they need all
// three files: a subject's `from` may come from evaluations.csv, and the data set's first year
// from any file.
#include "commend/data/csv_source.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "commend/data/csv.hpp"
#include "commend/limits.hpp"
#include "commend/run/threads.hpp"
#include "data/csv_load.hpp"

namespace commend {

namespace {

using csv_load::Loader;
using csv_load::YearRow;

/// "from 2018 until 2021", saying where `from` came from when it was not written.
std::string describe_existence(const Subject& s, bool from_written, bool from_evaluations) {
    // An unwritten `from` taken from evaluations.csv can fall after `until`: then the subject
    // never exists, and "from 2021 until 2020" would only confuse.
    if (s.until && s.from > *s.until) return "until " + std::to_string(*s.until);
    std::string out = "from " + std::to_string(s.from);
    if (!from_written)
        out += from_evaluations ? " (its first year in evaluations.csv)"
                                : " (the first year of the data set)";
    out += s.until ? " until " + std::to_string(*s.until) : " on";
    return out;
}

/// Sets the data set's years and each subject's `from`, then reports the rows that fall
/// outside their subject's years (and leaves them out of the columns).
void resolve_existence(Loader& l, const CsvTable& evaluations, const CsvTable* awards) {
    DataSet& data = l.data;
    data.first_year = l.min_year.value_or(0);
    data.last_year = l.max_year.value_or(-1);

    // "From the year of its first row in evaluations.csv": the earliest year among its rows,
    // so that the file's row order does not matter.
    std::vector<std::optional<int>> first_evaluation(data.subjects.size());
    for (const YearRow& r : l.evaluation_rows) {
        auto& f = first_evaluation[static_cast<std::size_t>(r.subject)];
        if (!f || r.year < *f) f = r.year;
    }
    for (std::size_t s = 0; s < data.subjects.size(); ++s)
        data.subjects[s].from =
            l.from_cell[s] ? *l.from_cell[s] : first_evaluation[s].value_or(data.first_year);

    auto check = [&](std::vector<YearRow>& rows, const CsvTable& t, const char* column) {
        if (rows.empty()) return; // (also when the file lacks its required columns)
        const auto c_year = *t.column(column);
        for (YearRow& r : rows) {
            const auto s = static_cast<std::size_t>(r.subject);
            const Subject& subject = data.subjects[s];
            if (subject.exists_in(r.year)) continue;
            r.in_existence = false;
            l.diags.error("data.year-outside", t.pos(t.rows()[r.row][c_year]),
                          "subject \"" + subject.id + "\" exists " +
                              describe_existence(subject, l.from_cell[s].has_value(),
                                                 first_evaluation[s].has_value()) +
                              " (subjects.csv line " + std::to_string(subject.pos.line) +
                              "), but this row is for " + std::to_string(r.year) +
                              "; fix the year, or the subject's from/until");
        }
    };
    check(l.evaluation_rows, evaluations, "year");
    if (awards) check(l.award_rows, *awards, "year");
}

/// Where `year` is written: a from/until cell of subjects.csv, or a row of evaluations.csv or
/// awards.csv (the first found).
SourcePos year_cell(const Loader& l, const DataTables& tables, int year) {
    const CsvTable& s = tables.subjects;
    for (const char* column : {"from", "until"})
        if (auto c = s.column(column))
            for (const auto row : s.rows())
                if (csv_load::parse_year(row[*c].text) == year) return s.pos(row[*c]);
    auto in_rows = [&](const std::vector<YearRow>& rows, const CsvTable& t) -> SourcePos {
        for (const YearRow& r : rows)
            if (r.year == year) return t.pos(t.rows()[r.row][*t.column("year")]);
        return {};
    };
    SourcePos pos = in_rows(l.evaluation_rows, tables.evaluations);
    if (pos.line == 0 && tables.awards) pos = in_rows(l.award_rows, *tables.awards);
    return pos;
}

/// Yearly columns are dense (one value per subject and year of the data set), so the span of
/// years times the subjects bounds their memory; a stray year is the usual cause.
bool check_year_span(const Loader& l, const DataTables& tables) {
    const DataSet& data = l.data;
    const auto cells = static_cast<std::uint64_t>(data.subjects.size()) *
                       static_cast<std::uint64_t>(data.year_count());
    if (cells <= limits::yearly_cells) return true;
    Diagnostic d{Severity::error,
                 "data.too-many-values",
                 year_cell(l, tables, data.first_year),
                 "the data set runs from " + std::to_string(data.first_year) + " to " +
                     std::to_string(data.last_year) + ": " + std::to_string(data.year_count()) +
                     " years for " + std::to_string(data.subjects.size()) + " subjects, " +
                     std::to_string(cells) + " values per yearly column, more than the limit of " +
                     std::to_string(limits::yearly_cells) +
                     "; check the earliest year (here) and the latest, or split the data set",
                 {}};
    d.notes.emplace_back(year_cell(l, tables, data.last_year), "the latest year");
    l.diags.add(std::move(d));
    return false;
}

} // namespace

std::optional<DataTables> CsvDataSource::read_tables(Diagnostics& diags) const {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(folder_, ec)) {
        diags.error("data.missing-folder", {folder_, 0, 0},
                    std::string(fs::exists(folder_, ec) ? "this is a file, not a folder"
                                                        : "the data folder does not exist") +
                        "; give the folder that holds subjects.csv and evaluations.csv");
        return std::nullopt;
    }
    auto read = [this](const char* name, Diagnostics& d) {
        const std::string path = (fs::path(folder_) / name).string();
        return read_csv(path, path, d);
    };
    // All three files, so that their syntax errors are reported together; then stop if any
    // had errors, since later checks would only repeat them in other words. evaluations.csv
    // is by far the biggest: the other two are read on a second thread meanwhile, each into
    // its own diagnostics, appended in file order so the output is the same as one thread's.
    const bool has_awards = fs::exists(fs::path(folder_) / "awards.csv", ec);
    Diagnostics subjects_diags, awards_diags;
    std::optional<CsvTable> subjects, awards;
    auto read_others = [&] {
        subjects = read("subjects.csv", subjects_diags);
        if (has_awards) awards = read("awards.csv", awards_diags);
    };
    std::thread others;
    if (worker_threads() > 1)
        others = std::thread(read_others);
    else
        read_others();
    Diagnostics evaluations_diags;
    auto evaluations = read("evaluations.csv", evaluations_diags);
    if (others.joinable()) others.join();
    diags.append(subjects_diags);
    diags.append(evaluations_diags);
    diags.append(awards_diags);
    if (!subjects || !evaluations || (has_awards && !awards)) return std::nullopt;
    return DataTables{folder_, std::move(*subjects), std::move(*evaluations), std::move(awards)};
}

std::optional<DataSet> load_data_tables(const DataTables& tables, const DataSchema& schema,
                                        Diagnostics& diags) {
    const std::size_t errors_before = diags.error_count();
    DataSet data;
    data.source = tables.source;
    Loader l{schema, diags, data, {}, {}, {}, {}, {}, {}, {}};
    if (!csv_load::load_subjects(l, tables.subjects)) return std::nullopt;
    const bool rows_ok = csv_load::load_evaluation_rows(l, tables.evaluations);
    const CsvTable* awards = tables.awards ? &*tables.awards : nullptr;
    if (awards) csv_load::load_awards(l, *awards);
    if (!rows_ok) return std::nullopt;
    resolve_existence(l, tables.evaluations, awards);
    if (!check_year_span(l, tables)) return std::nullopt;
    csv_load::load_yearly_columns(l, tables.evaluations);
    data.build_indexes(std::move(l.by_id));

    // Cells blanked for an error reported while reading (a formula, say) never load.
    const bool cell_errors = tables.subjects.cell_errors || tables.evaluations.cell_errors ||
                             (awards && awards->cell_errors);
    if (cell_errors || diags.error_count() > errors_before) return std::nullopt;
    return data;
}

std::optional<DataSet> CsvDataSource::load(const DataSchema& schema, Diagnostics& diags) {
    auto tables = read_tables(diags);
    if (!tables) return std::nullopt;
    return load_data_tables(*tables, schema, diags);
}

} // namespace commend
