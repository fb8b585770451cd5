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

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "commend/diagnostic.hpp"

namespace commend {

/// A header cell: its text (trimmed, NFC) and where it starts. `line` is the 1-based
/// physical line, `column` the 1-based position in Unicode characters on that line (of the
/// opening quote for a quoted cell).
struct CsvCell {
    std::string text;
    int line = 0;
    int column = 0;
};

/// A data cell as the table hands it out: a view of its text (valid while the table lives)
/// and where it starts, as for CsvCell.
struct CsvField {
    std::string_view text;
    int line = 0;
    int column = 0;
};

/// A whole file: the header and the data rows (each of exactly header.size() cells).
///
/// The rows are stored compactly, because evaluations.csv of a nation has tens of millions
/// of cells: every cell's text in one buffer, one end offset and one column number per cell,
/// one line number per row — 8 bytes per cell besides its text, and no allocation per cell.
/// `rows()` gives them back as light views:
///
///   for (CsvTable::Row row : t.rows()) use(row[c].text, t.pos(row[c]));
class CsvTable {
  public:
    std::string file; ///< the display name given to read_csv, used in SourcePos
    char delimiter = ',';
    bool decimal_comma = false; ///< `;`-delimited: numbers are written `1.250,5`
    std::vector<CsvCell> header;
    /// Some cells held a formula, an Excel error value or a control character: they were
    /// reported and blanked, and the table is returned so that the data set's other errors
    /// can still be reported in the same run. A table with such errors never loads.
    bool cell_errors = false;

    /// The largest total of cell text one table holds (4 GiB less one byte: offsets are 32
    /// bits). read_csv refuses bigger files with a clear error.
    static constexpr std::size_t max_text_bytes = 0xFFFFFFFFu;

    class Row {
      public:
        Row(const CsvTable& t, std::size_t r) : t_(&t), r_(r) {}
        CsvField operator[](std::size_t c) const { return t_->field(r_, c); }
        CsvField front() const { return (*this)[0]; }
        std::size_t size() const { return t_->header.size(); }
        int line() const { return t_->lines_[r_]; }
        std::size_t index() const { return r_; }

      private:
        const CsvTable* t_;
        std::size_t r_;
    };
    class Rows {
      public:
        explicit Rows(const CsvTable& t) : t_(&t) {}
        std::size_t size() const { return t_->lines_.size(); }
        bool empty() const { return size() == 0; }
        Row operator[](std::size_t r) const { return {*t_, r}; }
        Row front() const { return {*t_, 0}; }
        struct iterator {
            const CsvTable* t;
            std::size_t r;
            Row operator*() const { return {*t, r}; }
            iterator& operator++() { return ++r, *this; }
            bool operator!=(const iterator& o) const { return r != o.r; }
            bool operator==(const iterator& o) const { return r == o.r; }
        };
        iterator begin() const { return {t_, 0}; }
        iterator end() const { return {t_, size()}; }

      private:
        const CsvTable* t_;
    };
    Rows rows() const { return Rows(*this); }

    /// Index of the header cell named `name`, or nullopt.
    std::optional<std::size_t> column(std::string_view name) const {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i].text == name) return i;
        return std::nullopt;
    }
    /// Cell `c` of row `r`.
    CsvField field(std::size_t r, std::size_t c) const {
        const std::size_t i = r * header.size() + c;
        const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
        int line = lines_[r];
        if (!cell_lines_.empty())
            if (auto it = cell_lines_.find(i); it != cell_lines_.end()) line = it->second;
        return {std::string_view(text_).substr(begin, ends_[i] - begin), line, columns_[i]};
    }
    /// The diagnostic position of a cell of this table.
    SourcePos pos(const CsvCell& c) const { return {file, c.line, c.column}; }
    SourcePos pos(const CsvField& c) const { return {file, c.line, c.column}; }
    /// The position of a whole row: its line, column 1.
    SourcePos pos(const Row& row) const { return {file, row.line(), 1}; }

    /// Appends a row of exactly header.size() cells, each at its line and column (their text
    /// must not be a view of this table, whose buffer may move as it grows). False when
    /// the table would hold more than max_text_bytes of text (nothing is added then).
    bool add_row(int line, const std::vector<CsvField>& cells);
    /// Starts a row at `line`; then add_cell for each of its header.size() cells, in order.
    /// For the parser, which avoids a vector per row.
    void begin_row(int line) { lines_.push_back(line); }
    /// False when the table would hold more than max_text_bytes of text.
    bool add_cell(std::string_view text, int line, int column);
    /// Reserves room for about `rows` rows of `bytes` bytes of text in all.
    void reserve(std::size_t rows, std::size_t bytes);

  private:
    std::string text_;                  // every data cell's text, one after another
    std::vector<std::uint32_t> ends_;   // per cell: the end of its text in text_
    std::vector<std::int32_t> columns_; // per cell
    std::vector<std::int32_t> lines_;   // per row
    // The line of each cell that does not start on its row's line (after a line break inside
    // quotes): rare, so kept aside rather than per cell.
    std::unordered_map<std::size_t, int> cell_lines_;
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
