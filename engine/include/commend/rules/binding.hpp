// Binding rules to data: once the data set is loaded, every identifier the rules take to be
// a data column is looked up, and types are checked again with the data's real columns.
#pragma once

#include "commend/data/dataset.hpp"
#include "commend/rules/ruleset.hpp"

namespace commend {

/// Re-checks every expression of `book` against `data`. An identifier the data lacks is an
/// error pointing at the rule file. Returns false on errors.
bool bind_rules(RuleBook& book, const DataSet& data, Diagnostics& diags);

} // namespace commend
