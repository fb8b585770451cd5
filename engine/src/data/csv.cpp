#include "commend/data/csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commend/text/unicode.hpp"

namespace commend {

namespace {

/// At most this many lines with bad UTF-8 are reported one by one; a file saved in a legacy
/// encoding would otherwise produce an error for nearly every line.
constexpr int max_utf8_reports = 20;

/// Excel's error values, which end up in exported CSV in place of a value.
constexpr std::array<std::string_view, 7> excel_errors = {"#N/A",   "#VALUE!", "#REF!", "#DIV/0!",
                                                          "#NAME?", "#NUM!",   "#NULL!"};

/// What a byte means to the scanner. One table lookup per byte keeps the inner loops tight.
enum ByteClass : unsigned char { ordinary, delimiter, newline, carriage, quote, control };

/// "U+0007" for a diagnostic.
std::string code_point_name(unsigned cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", cp);
    return buf;
}

/// A cell as scanned, before trimming and normalization.
struct RawCell {
    std::string_view plain; ///< an unquoted cell: a view into the file buffer
    std::string owned;      ///< a quoted cell: its text without quotes, "" undoubled
    int line = 0;
    int column = 0;
    bool quoted = false;
    int control = -1; ///< the first control character found in it, or -1

    // Not a stored view: RawCells move when the record vector grows.
    std::string_view text() const { return quoted ? std::string_view(owned) : plain; }
};

class Parser {
  public:
    Parser(std::string_view buf, const std::string& file, Diagnostics& diags)
        : buf_(buf), file_(file), diags_(diags) {}

    std::optional<CsvTable> run() {
        const std::size_t errors_before = diags_.error_count();
        // A UTF-8 BOM is not part of the first header name, and not counted as a column.
        if (buf_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
        line_begin_ = anchor_off_ = i_;
        check_utf8();

        table_.file = file_;
        table_.delimiter = detect_delimiter();
        table_.decimal_comma = table_.delimiter == ';';
        init_classes(table_.delimiter);

        std::vector<RawCell> record;
        while (i_ < buf_.size() && !fatal_) {
            record.clear();
            read_record(record);
            if (!fatal_) take_record(record);
        }
        if (!have_header_ && !fatal_)
            diags_.error("data.empty-file", {file_, 0, 0},
                         "the file has no header row; the first line must name the columns");
        const std::size_t errors = diags_.error_count() - errors_before;
        if (errors > cell_errors_) return std::nullopt; // the file's structure is in doubt
        table_.cell_errors = errors > 0;
        return std::move(table_);
    }

  private:
    std::string_view buf_;
    const std::string& file_;
    Diagnostics& diags_;
    CsvTable table_;
    std::array<ByteClass, 256> cls_{};

    std::size_t i_ = 0;          // read position
    int line_ = 1;               // physical line of i_
    std::size_t line_begin_ = 0; // offset where that line starts
    // Columns are counted in code points from the last cell start on the same line, so every
    // byte is counted once however many cells the line has.
    std::size_t anchor_off_ = 0;
    int anchor_col_ = 1;
    bool fatal_ = false;          // a quote left open: nothing after it can be read
    std::size_t cell_errors_ = 0; // errors confined to one cell (the cell is blanked)
    bool have_header_ = false;
    std::string scratch_; // a normalized cell's text until the table copies it

    void init_classes(char delim) {
        cls_.fill(ordinary);
        for (int c = 0; c < 0x20; ++c)
            cls_[c] = control;
        cls_[0x7F] = control;
        cls_['\t'] = ordinary;
        cls_['\n'] = newline;
        cls_['\r'] = carriage;
        cls_['"'] = quote;
        cls_[static_cast<unsigned char>(delim)] = delimiter;
    }
    ByteClass cls(std::size_t at) const { return cls_[static_cast<unsigned char>(buf_[at])]; }

    void start_line(std::size_t at) {
        ++line_;
        line_begin_ = anchor_off_ = at;
        anchor_col_ = 1;
    }

    int column_at(std::size_t off) {
        anchor_col_ += text::code_point_count(buf_.substr(anchor_off_, off - anchor_off_));
        anchor_off_ = off;
        return anchor_col_;
    }

    /// The header line decides the delimiter: `;` when it has `;` and no `,`.
    char detect_delimiter() const {
        // The first line that is not blank (blank lines before the header are skipped too).
        std::string_view header;
        for (std::size_t at = i_; at < buf_.size();) {
            std::size_t end = buf_.find('\n', at);
            if (end == std::string_view::npos) end = buf_.size();
            header = buf_.substr(at, end - at);
            if (header.find_first_not_of(" \t\r") != std::string_view::npos) break;
            at = end + 1;
        }
        bool semicolon = header.find(';') != std::string_view::npos;
        bool comma = header.find(',') != std::string_view::npos;
        return semicolon && !comma ? ';' : ',';
    }

    /// Reports every line holding bytes that are not UTF-8 (up to a limit). Done once over the
    /// whole buffer before parsing: the common valid case costs one fast pass.
    void check_utf8() {
        std::size_t pos = i_;
        int line = 1;
        std::size_t line_start = i_;
        int reported = 0, more = 0;
        SourcePos first_unreported;
        while (pos < buf_.size()) {
            auto bad = text::invalid_utf8_offset(buf_.substr(pos));
            if (!bad) break;
            std::size_t at = pos + *bad;
            // Advance the line count to the bad byte.
            for (std::size_t k = buf_.find('\n', line_start); k != std::string_view::npos && k < at;
                 k = buf_.find('\n', k + 1)) {
                ++line;
                line_start = k + 1;
            }
            std::size_t line_end = buf_.find('\n', at);
            if (line_end == std::string_view::npos) line_end = buf_.size();
            SourcePos where{file_, line,
                            1 + text::code_point_count(buf_.substr(line_start, at - line_start))};
            if (reported < max_utf8_reports) {
                char bytes[8];
                std::snprintf(bytes, sizeof bytes, "0x%02X", static_cast<unsigned char>(buf_[at]));
                diags_.error("data.invalid-utf8", where,
                             "line " + std::to_string(line) + " of " + file_ +
                                 " holds bytes that are not UTF-8 (" + bytes +
                                 "); save the file as UTF-8 (in Excel: \"CSV UTF-8\")");
                ++reported;
            } else {
                if (more == 0) first_unreported = where;
                ++more;
            }
            // One report per line: continue after the end of this one.
            pos = line_end;
        }
        if (more > 0)
            diags_.error("data.invalid-utf8", first_unreported,
                         std::to_string(more) + " more lines of " + file_ +
                             " hold bytes that are not UTF-8; save the file as UTF-8");
    }

    /// Reads one record (a row, which may span lines inside quotes) and its line end.
    void read_record(std::vector<RawCell>& record) {
        for (;;) {
            record.emplace_back();
            read_cell(record.back());
            if (fatal_ || i_ >= buf_.size()) return;
            ByteClass c = cls(i_);
            if (c == delimiter) {
                ++i_;
                continue;
            }
            // read_cell stops only at a delimiter, a line end or the end of the buffer.
            if (c == carriage) ++i_; // the \r of \r\n
            ++i_;                    // the \n
            start_line(i_);
            return;
        }
    }

    /// True when at a line end: \n or \r\n (a lone \r is a control character).
    bool at_line_end(std::size_t at) const {
        return buf_[at] == '\n' ||
               (buf_[at] == '\r' && at + 1 < buf_.size() && buf_[at + 1] == '\n');
    }

    void read_cell(RawCell& cell) {
        cell.line = line_;
        cell.column = column_at(i_);
        const std::size_t n = buf_.size();
        if (i_ < n && buf_[i_] == '"') {
            read_quoted(cell);
            return;
        }
        // Unquoted: everything up to the delimiter or line end, a `"` inside being literal.
        const std::size_t start = i_;
        for (;;) {
            while (i_ < n && (cls(i_) == ordinary || cls(i_) == quote))
                ++i_;
            if (i_ >= n || cls(i_) == delimiter || at_line_end(i_)) break;
            // A control character (or a lone \r): remember the first, keep reading.
            if (cell.control < 0) cell.control = static_cast<unsigned char>(buf_[i_]);
            ++i_;
        }
        cell.plain = buf_.substr(start, i_ - start);
    }

    void read_quoted(RawCell& cell) {
        const std::size_t n = buf_.size();
        const int open_line = line_, open_col = cell.column;
        cell.quoted = true;
        ++i_; // the opening quote
        for (;;) {
            std::size_t chunk = i_;
            while (i_ < n && cls(i_) != quote && cls(i_) != newline && cls(i_) != carriage &&
                   cls(i_) != control)
                ++i_; // the delimiter is ordinary text inside quotes
            cell.owned.append(buf_.substr(chunk, i_ - chunk));
            if (i_ >= n) {
                diags_.error("data.open-quote", {file_, open_line, open_col},
                             "the quote opened here is never closed, so the rest of the file "
                             "reads as one cell; close it, and write a quote inside a cell "
                             "as two quotes (\"\")");
                fatal_ = true;
                return;
            }
            char c = buf_[i_];
            if (c == '"') {
                if (i_ + 1 < n && buf_[i_ + 1] == '"') { // "" is one quote
                    cell.owned.push_back('"');
                    i_ += 2;
                    continue;
                }
                ++i_; // the closing quote
                break;
            }
            if (at_line_end(i_)) {
                // A line break inside quotes belongs to the cell; store it as \n.
                cell.owned.push_back('\n');
                i_ += c == '\r' ? 2 : 1;
                start_line(i_);
                continue;
            }
            if (cell.control < 0) cell.control = static_cast<unsigned char>(c);
            cell.owned.push_back(c);
            ++i_;
        }
        // After the closing quote only spaces may come before the delimiter or line end.
        while (i_ < n && (buf_[i_] == ' ' || buf_[i_] == '\t'))
            ++i_;
        if (i_ < n && cls(i_) != delimiter && !at_line_end(i_)) {
            diags_.error("data.bad-quote", {file_, line_, column_at(i_)},
                         "text after the closing quote of a cell; quote the whole cell and "
                         "write a quote inside it as two quotes (\"\")");
            while (i_ < n && cls(i_) != delimiter && !at_line_end(i_))
                ++i_;
        }
    }

    /// Trims, normalizes and checks one cell; returns its text (a view of the file buffer,
    /// of the raw cell, or of `scratch` when normalization changed it). A cell with an error
    /// confined to it comes back blank, so later checks don't report it again.
    std::string_view finish(RawCell& raw, std::string& scratch) {
        std::string_view text = text::trim_view(raw.text());
        // Only non-ASCII text can need normalization or hold a C1 control (U+0080..U+009F).
        if (!text::is_ascii(text)) {
            scratch = text::to_nfc(text);
            text = scratch;
            if (raw.control < 0)
                for (std::size_t k = 0; k + 1 < text.size(); ++k)
                    if (text[k] == '\xC2' && static_cast<unsigned char>(text[k + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[k + 1]) <= 0x9F) {
                        raw.control = static_cast<unsigned char>(text[k + 1]); // C2 xx is U+00xx
                        break;
                    }
        }
        if (raw.control < 0 && (text.empty() || (text[0] != '=' && text[0] != '#')))
            return text; // the common case: nothing to check further
        SourcePos pos{file_, raw.line, raw.column};
        const std::size_t errors_before = diags_.error_count();
        if (raw.control >= 0)
            diags_.error("data.control-character", pos,
                         "cell holds the control character " +
                             code_point_name(static_cast<unsigned>(raw.control)) +
                             "; remove it (only tab is allowed in a cell)");
        if (!text.empty() && text[0] == '=')
            diags_.error("data.formula", pos,
                         "cell holds a spreadsheet formula \"" + std::string(text) +
                             "\"; export the values, not the formulas");
        for (std::string_view e : excel_errors)
            if (text == e)
                diags_.error("data.error-value", pos,
                             "cell holds the spreadsheet error value \"" + std::string(text) +
                                 "\"; fix the formula that produced it and export the value");
        if (diags_.error_count() != errors_before) {
            cell_errors_ += diags_.error_count() - errors_before;
            return {};
        }
        return text;
    }

    static bool all_empty(const std::vector<RawCell>& record) {
        for (const auto& c : record)
            if (!text::trim_view(c.text()).empty() || c.control >= 0) return false;
        return true;
    }

    void take_record(std::vector<RawCell>& record) {
        // Blank lines and rows like ",,," are skipped, before the header as well as after.
        if (all_empty(record)) return;
        if (!have_header_) {
            take_header(record);
            return;
        }
        const std::size_t width = table_.header.size();
        if (record.size() != width) {
            const RawCell& at = record.size() > width ? record[width] : record.front();
            diags_.error("data.cell-count", {file_, at.line, record.size() > width ? at.column : 1},
                         "row has " + std::to_string(record.size()) + " cells but the header has " +
                             std::to_string(width) +
                             "; check for a missing or extra delimiter, and quote cells that "
                             "contain \"" +
                             std::string(1, table_.delimiter) + "\"");
            // Still check its cells, so that every problem of the file is reported at once.
            for (auto& raw : record)
                finish(raw, scratch_);
            return;
        }
        table_.begin_row(record.front().line);
        for (auto& raw : record)
            if (!table_.add_cell(finish(raw, scratch_), raw.line, raw.column)) {
                too_big();
                return;
            }
    }

    void too_big() {
        diags_.error("data.file-too-large", {file_, 0, 0},
                     "the file holds more than 4 GiB of cell text, more than one table can "
                     "hold; split the data set by years or by organization");
        fatal_ = true;
    }

    void take_header(std::vector<RawCell>& record) {
        have_header_ = true;
        table_.header.reserve(record.size());
        for (auto& raw : record) {
            CsvCell h{std::string(finish(raw, scratch_)), raw.line, raw.column};
            SourcePos pos{file_, h.line, h.column};
            if (h.text.empty()) {
                diags_.error("data.empty-header", pos,
                             "column " + std::to_string(table_.header.size() + 1) +
                                 " of the header has no name; name it or delete the column");
            } else {
                for (const auto& prev : table_.header)
                    if (prev.text == h.text) {
                        Diagnostic d{Severity::error,
                                     "data.duplicate-header",
                                     pos,
                                     "the header names column \"" + h.text +
                                         "\" twice; rename or delete one of them",
                                     {}};
                        d.notes.push_back({{file_, prev.line, prev.column}, "first named here"});
                        diags_.add(std::move(d));
                        break;
                    }
            }
            table_.header.push_back(std::move(h));
        }
        // The cells' text is at most what is left of the file; reserving room for it and for
        // twice the rows the first data line suggests saves copying 100s of MB as the table
        // grows (memory that is reserved but never written costs nothing).
        std::size_t next = buf_.find('\n', i_);
        if (next == std::string_view::npos) next = buf_.size();
        const std::size_t line_bytes = std::max<std::size_t>(next - i_, 2);
        table_.reserve(2 * (buf_.size() - i_) / line_bytes + 1, buf_.size() - i_);
    }
};

} // namespace

bool CsvTable::add_cell(std::string_view text, int line, int column) {
    if (text_.size() + text.size() > max_text_bytes) return false;
    if (line != lines_.back()) cell_lines_[ends_.size()] = line;
    text_.append(text);
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
    columns_.push_back(column);
    return true;
}

bool CsvTable::add_row(int line, const std::vector<CsvField>& cells) {
    std::size_t bytes = 0;
    for (const auto& c : cells)
        bytes += c.text.size();
    if (text_.size() + bytes > max_text_bytes) return false;
    begin_row(line);
    for (const auto& c : cells)
        add_cell(c.text, c.line, c.column);
    return true;
}

void CsvTable::reserve(std::size_t rows, std::size_t bytes) {
    text_.reserve(std::min(bytes, max_text_bytes));
    ends_.reserve(rows * std::max<std::size_t>(header.size(), 1));
    columns_.reserve(rows * std::max<std::size_t>(header.size(), 1));
    lines_.reserve(rows);
}

std::optional<CsvTable> parse_csv(std::string_view content, const std::string& display_name,
                                  Diagnostics& diags) {
    return Parser(content, display_name, diags).run();
}

std::optional<CsvTable> read_csv(const std::string& path, const std::string& display_name,
                                 Diagnostics& diags) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        bool exists = std::filesystem::exists(path, ec);
        diags.error(exists ? "data.unreadable-file" : "data.missing-file", {display_name, 0, 0},
                    exists ? "not a regular file; expected a CSV file here"
                           : "file not found; the data folder must contain it");
        return std::nullopt;
    }
    // Map the whole file: parsing then runs over one contiguous buffer, read straight from
    // the page cache rather than copied into freshly zeroed memory (hundreds of MB at a
    // national scale).
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        if (fd >= 0) ::close(fd);
        diags.error("data.unreadable-file", {display_name, 0, 0},
                    "the file cannot be read; check its permissions");
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size == 0) {
        ::close(fd);
        return parse_csv({}, display_name, diags);
    }
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) {
        diags.error("data.unreadable-file", {display_name, 0, 0},
                    "the file cannot be read into memory; check its permissions and size");
        return std::nullopt;
    }
    ::madvise(map, size, MADV_SEQUENTIAL);
    auto table =
        parse_csv(std::string_view(static_cast<const char*>(map), size), display_name, diags);
    ::munmap(map, size);
    return table;
}

std::optional<double> parse_number(std::string_view t, bool decimal_comma) {
    // Build the plain form "-123.45" and let from_chars convert it exactly as written.
    std::string plain;
    plain.reserve(t.size());
    std::size_t i = 0;
    if (i < t.size() && t[i] == '-') plain.push_back(t[i++]);
    auto digits = [&](std::size_t& k) {
        std::size_t start = k;
        while (k < t.size() && t[k] >= '0' && t[k] <= '9')
            plain.push_back(t[k++]);
        return k - start;
    };
    std::size_t first = digits(i);
    if (first == 0) return std::nullopt;
    const char mark = decimal_comma ? ',' : '.';
    if (decimal_comma && i < t.size() && t[i] == '.') {
        // Thousands groups: 1 to 3 leading digits, then groups of exactly 3.
        if (first > 3) return std::nullopt;
        while (i < t.size() && t[i] == '.') {
            ++i;
            if (digits(i) != 3) return std::nullopt;
        }
    }
    if (i < t.size() && t[i] == mark) {
        ++i;
        plain.push_back('.');
        if (digits(i) == 0) return std::nullopt;
    }
    if (i != t.size()) return std::nullopt;
    double value = 0;
    auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
    if (ec != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
    return value;
}

} // namespace commend
