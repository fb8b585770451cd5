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
    BinaryOp op = BinaryOp::eq; ///< with `level`; a flag is tested as `== true`
    std::int8_t level = 1;      ///< the level compared with (for a flag: 1, true)
    bool level_column = false;
    bool negate = false;

    /// The condition's truth for a stored byte (-1 = missing: unknown).
    Truth operator()(std::int8_t byte) const {
        if (byte < 0) return Truth::unknown;
        bool t = true;
        if (!level_column) {
            t = byte != 0;
        } else {
            // Index 0 is the best level: "a > b" means a is better, a smaller index.
            switch (op) {
            case BinaryOp::eq:
                t = byte == level;
                break;
            case BinaryOp::ne:
                t = byte != level;
                break;
            case BinaryOp::lt:
                t = byte > level;
                break;
            case BinaryOp::le:
                t = byte >= level;
                break;
            case BinaryOp::gt:
                t = byte < level;
                break;
            case BinaryOp::ge:
                t = byte <= level;
                break;
            default:
                return Truth::unknown;
            }
        }
        return (t != negate) ? Truth::yes : Truth::no;
    }
};

/// The byte test `e` amounts to, or nullopt when it is anything else.
std::optional<ByteTest> byte_test(const Expr& e, const DataSet& data);

} // namespace commend::expr
