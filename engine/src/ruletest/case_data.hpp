// Internal to `commend test`: an inline case as a data source. The case's subjects and
// history are written into the tables of a data folder (subjects, evaluations, awards) and
// handed to load_data_tables, the loader every data source ends in, so a case reads exactly as
// the same data in CSV files would. Each cell keeps the place in the rule file where its value
// is written, so the loader's errors point there.
#pragma once

#include <optional>

#include "commend/data/csv_source.hpp"
#include "commend/ruletest/test_case.hpp"

namespace commend::ruletest {

/// The three tables of `c`'s inline subjects, or nullopt with errors in `diags` (a history
/// longer than the subject's years, too many subjects).
std::optional<DataTables> case_tables(const TestCase& c, Diagnostics& diags);

class CaseDataSource : public DataSource {
  public:
    explicit CaseDataSource(const TestCase& c) : case_(c) {}
    std::optional<DataSet> load(const DataSchema& schema, Diagnostics& diags) override {
        auto tables = case_tables(case_, diags);
        if (!tables) return std::nullopt;
        return load_data_tables(*tables, schema, diags);
    }

  private:
    const TestCase& case_;
};

} // namespace commend::ruletest
