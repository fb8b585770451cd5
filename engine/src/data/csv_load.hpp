// Internal to CsvDataSource: the state shared by the stages that turn the three CSV tables of
// a data folder into a DataSet (see commend/data/csv_source.hpp for the stages).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "commend/data/csv.hpp"
#include "commend/data/dataset.hpp"
#include "commend/diagnostic.hpp"

namespace commend::csv_load {

/// A row of evaluations.csv or awards.csv whose subject and year are valid.
struct YearRow {
    SubjectIndex subject = no_subject;
    int year = 0;
    std::uint32_t row = 0;    ///< index into CsvTable::rows() (a table has < 2^32 rows)
    bool in_existence = true; ///< cleared by the existence check
};

struct Loader {
    const DataSchema& schema;
    Diagnostics& diags;
    DataSet& data;

    // From subjects.csv, indexed by SubjectIndex.
    std::vector<std::optional<int>> from_cell; ///< the `from` cell when not empty
    /// id → subject; looked up by string_view (once per row of evaluations.csv), and handed
    /// to the DataSet at the end.
    DataSet::IdIndex by_id;
    /// Case-folded id → first subject, for the ids that case folding changes (the ids that
    /// fold to themselves are found in by_id): enough to find ids that differ only by case.
    DataSet::IdIndex by_folded_id;

    std::vector<YearRow> evaluation_rows;
    std::vector<YearRow> award_rows; ///< parallel to data.granted

    // The earliest and latest year mentioned anywhere (rows, from, until).
    std::optional<int> min_year, max_year;
    void mention(int year) {
        if (!min_year || year < *min_year) min_year = year;
        if (!max_year || year > *max_year) max_year = year;
    }
};

/// Reports an error for each of `names` that the table's header lacks (at the header line);
/// true when all are present.
bool require_columns(const CsvTable& t, std::initializer_list<std::string_view> names,
                     Diagnostics& diags);

/// A year written as 1 to 4 digits, or nullopt.
std::optional<int> parse_year(std::string_view text);

/// Parses `cell` as a year; reports "data.bad-year" naming `what` when it is not one.
std::optional<int> read_year(const CsvTable& t, const CsvField& cell, std::string_view what,
                             Diagnostics& diags);

/// The subject whose id is `cell`'s text. Reports an empty id ("data.empty-id") or an unknown
/// one (under `code`, with a hint when an id differs only by case) and returns nullopt.
/// `what` names the cell in messages: "subject", "parent".
std::optional<SubjectIndex> lookup_subject(const Loader& l, const CsvTable& t, const CsvField& cell,
                                           const char* code, const char* what);

/// The subject an id names when letter case is ignored (another id than `self`, if given),
/// or nullopt: "CB-01" finds "cb-01".
std::optional<SubjectIndex> find_by_folded_id(const Loader& l, std::string_view id,
                                              SubjectIndex self = no_subject);

/// An error with a note pointing at an earlier place (a duplicate's first occurrence).
void error_with_note(Diagnostics& diags, std::string code, SourcePos pos, std::string message,
                     SourcePos note_pos, std::string note);

/// Stage 2: subjects.csv → data.subjects and data.statics. False when it cannot go on
/// (a required column is missing).
bool load_subjects(Loader& l, const CsvTable& t);
/// Stage 3: evaluations.csv rows → l.evaluation_rows. False when a required column is missing.
bool load_evaluation_rows(Loader& l, const CsvTable& t);
/// Stage 3: awards.csv → data.granted and l.award_rows.
void load_awards(Loader& l, const CsvTable& t);
/// Stage 5: the yearly columns of evaluations.csv and the declared columns it lacks.
void load_yearly_columns(Loader& l, const CsvTable& t);

/// How the cells of one column are read: type, scale, and the value each text stands for.
/// Used for yearly columns, static attributes and `missing` defaults.
class ColumnReader {
  public:
    /// Reads into `col` (whose name, type and scale are set), sizing its storage to `size`
    /// missing values.
    ColumnReader(Column& col, const DataSchema& schema, std::size_t size);

    /// One value, in the field its column's type uses.
    struct Value {
        std::int8_t byte = -1;                  ///< flag or level
        double number = Column::missing_number; ///< number
        std::int32_t text = -1;                 ///< index into Column::strings
    };
    /// The value of non-empty `text` in the column's type (a level after [aliases]), or
    /// nullopt when it is not one. `decimal_comma` selects the number format (parse_number).
    std::optional<Value> parse(std::string_view text, bool decimal_comma);
    /// Stores `v` at `slot` of the column.
    void put(std::size_t slot, const Value& v);
    /// Records `v` as the column's `missing` default (Column::has_default and friends).
    void set_default(const Value& v);
    bool is_missing(std::size_t slot) const;

    /// Reports that `cell` is not a value of the column, saying what it should be.
    void report_bad(const CsvTable& t, const CsvField& cell, Diagnostics& diags) const;

  private:
    Column& col_;
    const DataSchema& schema_;
    std::unordered_map<std::string, std::int32_t> interned_;
    /// For a level column: data value → level index, including aliases; -2 marks an alias to
    /// a name that is not a level of the scale.
    std::unordered_map<std::string_view, int> levels_;
};

/// The type of an undeclared column from its non-empty cells: flag when all are true/false
/// (any case) and `allow_flag`, number when all are numbers, else text. A column without
/// values is a flag when `allow_flag` (all its cells are vacuously true/false), else a number.
ColumnType infer_type(const CsvTable& t, std::size_t column, bool allow_flag);

/// "flag", "number", "text" or "level".
const char* type_name(ColumnType type);

} // namespace commend::csv_load
