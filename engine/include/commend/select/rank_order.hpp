// The order of rank keys (SPEC §5): each key sorts `asc` or `desc`; without a direction,
// numbers and bools sort desc, levels best first, text asc by Vietnamese collation. A value
// that is not fully known sorts after every known value. Used by award selection and by
// `commend rank`.
#pragma once

#include <vector>

#include "commend/expr/value.hpp"
#include "commend/rules/ruleset.hpp"

namespace commend {

/// <0 when `a` ranks before `b`, 0 when equal on every key, >0 after.
int compare_rank(const std::vector<expr::Value>& a, const std::vector<expr::Value>& b,
                 const std::vector<RankKey>& keys);

} // namespace commend
