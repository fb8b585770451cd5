// A fast path for the conditions set functions test on every member: a flag column, or a
// level column compared with a level (`rating == HTXSNV`, `rating >= HTTNV`, `disciplined`,
// `not disciplined`). Such a condition is decided from the column's stored byte alone, without
// building Values — a national count() visits millions of members, and this is most of
// them. Internal to the evaluator; the result is exactly what eval() gives.
#pragma once

#include <cstdint>
#include <optional>

#include "commend/data/dataset.hpp"
#include "commend/expr/ast.hpp"
#include "commend/expr/value.hpp"

namespace commend::expr {

struct ByteTest {
    const Column* column = nullptr;
    /// The condition holds for a stored byte b >= 0 when lo <= b <= hi, or, with `negate`,
    /// when it is outside. Every test is one such range: a flag is [1, 127], `== L` is
    /// [L, L], `>= L` (L or better: a smaller index) is [0, L], `< L` is [L + 1, 127], `!= L`
    /// is [L, L] negated, `not` negates.
    int lo = 1, hi = 127;
    bool negate = false;

    /// The condition's truth for a stored byte (-1 = missing: unknown).
    Truth operator()(std::int8_t byte) const {
        if (byte < 0) return Truth::unknown;
        return ((byte >= lo && byte <= hi) != negate) ? Truth::yes : Truth::no;
    }
};

/// The byte test `e` amounts to, or nullopt when it is anything else.
std::optional<ByteTest> byte_test(const Expr& e, const DataSet& data);

} // namespace commend::expr
