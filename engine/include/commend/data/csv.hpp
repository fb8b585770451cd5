// Reading one CSV file of a data set (SPEC §2): RFC 4180 with the variations spreadsheets
// produce, every cell trimmed and normalized to NFC and every cell remembering where it was,
// so that later stages can point at it in a diagnostic.
//
//   Diagnostics diags;
//   auto t = read_csv("/data/2021/subjects.csv", "data/2021/subjects.csv", diags);
//   if (!t) return;                       // the errors are in diags
//   auto id = t->column("id");            // index into each row, or nullopt
//   for (const auto& row : t->rows) use(row[*id].text, t->pos(row[*id]));
//
// What it accepts: a UTF-8 BOM; CRLF or LF line ends; fields quoted with `"`, with `""` for
// a quote and line breaks inside quotes; `,` as delimiter, or `;` when the header line has
// `;` and no `,` (Vietnamese-locale Excel), in which case numbers use `,` as the decimal mark
// (`decimal_comma`). Blank lines and rows whose cells are all empty are skipped.
//
// What it rejects (every problem reported, each at file:line:column): bytes that are not
// UTF-8, a row with more or fewer cells than the header, an empty or repeated header name, a
// control character other than tab, a quote left open at the end of the file, text after a
// closing quote, a spreadsheet formula (`=...`) and an Excel error value (`#N/A`, ...).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commend/diagnostic.hpp"

namespace commend {

/// One cell: its text (trimmed, NFC) and where it starts. `line` is the 1-based physical line,
/// `column` the 1-based position in Unicode characters on that line (of the opening quote for
/// a quoted cell).
struct CsvCell {
    std::string text;
    int line = 0;
    int column = 0;
};

/// A whole file: the header and the data rows (each of exactly header.size() cells).
struct CsvTable {
    std::string file; ///< the display name given to read_csv, used in SourcePos
    char delimiter = ',';
    bool decimal_comma = false; ///< `;`-delimited: numbers are written `1.250,5`
    std::vector<CsvCell> header;
    std::vector<std::vector<CsvCell>> rows;
    /// Some cells held a formula, an Excel error value or a control character: they were
    /// reported and blanked, and the table is returned so that the data set's other errors
    /// can still be reported in the same run. A table with such errors never loads.
    bool cell_errors = false;

    /// Index of the header cell named `name`, or nullopt.
    std::optional<std::size_t> column(std::string_view name) const {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i].text == name) return i;
        return std::nullopt;
    }
    /// The diagnostic position of a cell of this table.
    SourcePos pos(const CsvCell& c) const { return {file, c.line, c.column}; }
    /// The position of a whole row: its line, column 1.
    SourcePos pos(const std::vector<CsvCell>& row) const {
        return {file, row.empty() ? 0 : row.front().line, 1};
    }
};

/// Reads the CSV file at `path`; diagnostics name it `display_name`. Returns nullopt when the
/// file is missing or unreadable (an error at line 0) or when any error was found in it;
/// every error found is in `diags` either way.
std::optional<CsvTable> read_csv(const std::string& path, const std::string& display_name,
                                 Diagnostics& diags);

/// Parses in-memory CSV text as read_csv does (for tests and for data that is not a file).
std::optional<CsvTable> parse_csv(std::string_view content, const std::string& display_name,
                                  Diagnostics& diags);

/// A decimal number as written in a data cell, or nullopt when `text` is not one.
/// Plain form: `12`, `-3.5`, `0.57` (no exponent, no thousands separators).
/// With `decimal_comma`: `,` is the decimal mark and `.` may group thousands, only in groups
/// of three: `1.250,5` is 1250.5, `0,57` is 0.57, `1.250` is 1250; `1.25` is not a number.
std::optional<double> parse_number(std::string_view text, bool decimal_comma);

/// A flag as written in a data cell: `true` or `false` in any letter case, else nullopt.
std::optional<bool> parse_flag(std::string_view text);

} // namespace commend
