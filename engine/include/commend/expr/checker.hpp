// The checker resolves every identifier and function of an expression and gives every node
// its type (SPEC §4), reporting type errors at the column inside the expression where they
// are. It runs twice: when rules are loaded (columns the rules do not declare are still of
// unknown type, with a warning) and again when data is bound (now every column is known, and
// one the data lacks is an error that points at the rule file).
#pragma once

#include <set>
#include <string>

#include "commend/data/dataset.hpp"
#include "commend/diagnostic.hpp"
#include "commend/expr/source_text.hpp"

namespace commend {
struct RuleSet;
}

namespace commend::expr {

struct Scope {
    const DataSchema& schema;
    const RuleSet& ruleset;                           ///< for [let] names
    const DataSet* data = nullptr;                    ///< null before data is loaded
    const std::set<std::string>* award_ids = nullptr; ///< every award id of the loaded rules
};

/// Checks `source` (already parsed) and requires its value to be of type `expected`
/// (Type::any accepts every type but sets). Returns false on errors.
bool check(SourceText& source, Type expected, const Scope& scope, Diagnostics& diags);

/// Awards whose result in the evaluation year the expression reads (through `eligible`, or
/// `awarded` where it can look at the evaluation year). `in_force_from` is the first year its
/// rule set is in force, used to tell whether a `from/to` window can reach the evaluation year.
std::set<std::string> award_dependencies(const Expr& root, std::optional<int> in_force_from);

const char* type_name(Type t);

} // namespace commend::expr
