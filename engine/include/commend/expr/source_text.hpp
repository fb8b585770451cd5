// An expression as written in a rule file: its text, where the text starts in the file, and
// its parsed tree. Offsets inside the text map back to file columns, so diagnostics point
// into the expression (`rules.toml:14:31`).
#pragma once

#include <string>

#include "commend/diagnostic.hpp"
#include "commend/expr/ast.hpp"
#include "commend/limits.hpp"

namespace commend::expr {

struct SourceText {
    std::string text;
    SourcePos origin; ///< position of the first character of `text` in its file
    ExprPtr root;     ///< null when the text did not parse

    /// The file position of byte `offset` of the text.
    SourcePos at(int offset) const;
};

/// Limits that keep hostile rules from exhausting the stack or memory (docs/limits.md).
constexpr int max_expression_depth = limits::expression_depth;
constexpr std::size_t max_expression_length = limits::expression_bytes;

/// Parse `source.text` into `source.root`; on syntax errors, diagnostics point at the column.
void parse(SourceText& source, Diagnostics& diags);

} // namespace commend::expr
