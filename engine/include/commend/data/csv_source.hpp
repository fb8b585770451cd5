// The CSV folder data source (SPEC §2): `subjects.csv`, `evaluations.csv` and, optionally,
// `awards.csv` of one folder, validated and turned into a column-oriented DataSet.
//
//   CsvDataSource source("samples/khoi");
//   Diagnostics diags;
//   std::optional<DataSet> data = source.load(schema, diags);
//   if (!data) { print(diags); return 2; }  // every data error, each at file:line:column
//
// Loading happens in stages, each in its own file under engine/src/data/:
//   1. read_csv each file (syntax, encoding, cell-level errors). If any file has such errors,
//      loading stops after reading all three, so that no error is a consequence of another.
//   2. subjects (load_subjects.cpp): ids, parents, cycles, from/until, static attributes.
//   3. evaluation and award rows (load_evaluations.cpp, load_awards.cpp): subject ids, years,
//      duplicates.
//   4. existence (csv_source.cpp): the data set's years and each subject's `from` (SPEC §4);
//      rows outside their subject's years are errors.
//   5. yearly columns (load_evaluations.cpp, column_values.cpp): types, values, aliases and
//      `missing` defaults.
// Diagnostics name the files as `<folder>/<file>.csv`, the folder written as given.
#pragma once

#include <optional>
#include <string>

#include "commend/data/csv.hpp"
#include "commend/data/dataset.hpp"

namespace commend {

/// The files of a data set as read, before they are turned into a DataSet: what the history
/// store keeps, and what any data source hands to load_data_tables.
struct DataTables {
    std::string source; ///< the folder (or database) they came from, for DataSet::source
    CsvTable subjects, evaluations;
    std::optional<CsvTable> awards;
};

/// Stages 2–5 above: validates the tables against `schema` and builds the DataSet, or returns
/// nullopt with every error in `diags`. Every data source ends here, so that a data set reads
/// the same whichever source it comes from.
std::optional<DataSet> load_data_tables(const DataTables& tables, const DataSchema& schema,
                                        Diagnostics& diags);

class CsvDataSource : public DataSource {
  public:
    explicit CsvDataSource(std::string folder) : folder_(std::move(folder)) {}
    std::optional<DataSet> load(const DataSchema& schema, Diagnostics& diags) override;
    /// Stage 1 only: the three files, read and checked for syntax, encoding and cell errors;
    /// nullopt (errors in `diags`) when the folder or a required file is missing or any file
    /// has an error.
    std::optional<DataTables> read_tables(Diagnostics& diags) const;

    const std::string& folder() const { return folder_; }

  private:
    std::string folder_;
};

} // namespace commend
