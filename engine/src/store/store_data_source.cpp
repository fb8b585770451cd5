// StoreDataSource: a history store read as a data set, through the same loader as a CSV
// folder (load_data_tables), so that --db and --data give the same results.
#include "commend/store/history_store.hpp"

namespace commend {

std::optional<DataSet> StoreDataSource::load(const DataSchema& schema, Diagnostics& diags) {
    auto tables = store_.read_tables(diags);
    if (!tables) return std::nullopt;
    return load_data_tables(*tables, schema, diags);
}

} // namespace commend
