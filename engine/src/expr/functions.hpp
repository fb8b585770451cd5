// The built-in functions of the rule language (SPEC §4): their names and how many
// positional arguments each takes. Internal to the checker.
#pragma once

#include <map>
#include <string>

#include "commend/expr/ast.hpp"

namespace commend::expr {

struct FunctionInfo {
    Function fn;
    int min_args, max_args;
};

/// Every built-in function by name.
const std::map<std::string, FunctionInfo, std::less<>>& functions();

/// Time functions move the year looked at; inside their first argument `eligible()` is not
/// allowed and identifiers refer to the year being looked at.
bool is_time_function(Function f);
/// count, share, all, any, none, sum, avg, min and max over a set (not children/descendants/where).
bool is_set_aggregate(Function f);

} // namespace commend::expr
