// A thin layer over libxlsxwriter for our workbooks: the shared cell formats, a sheet laid out
// as an official list (title rows, a header row that is frozen and repeated on every printed
// page, column widths, A4 print setup), and the first error remembered rather than checked
// after every call. Internal to `report`; libxlsxwriter stays out of the public headers.
#pragma once

#include <string>
#include <vector>
#include <xlsxwriter.h>

namespace commend::report::xlsx {

struct ColumnSpec {
    std::string heading;
    double width; ///< in Excel's character units
};

class Workbook {
  public:
    /// Starts a workbook that close() writes to `path`.
    explicit Workbook(const std::string& path);
    ~Workbook();
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    enum class Style { text, number, section };

    /// Adds a sheet named `name` (already valid, see sheet_name) with `titles` as merged rows
    /// above the header row; following rows are written with row().
    void add_sheet(const std::string& name, const std::vector<std::string>& titles,
                   const std::vector<ColumnSpec>& columns);
    /// Writes the next row of the current sheet; a cell that parses as a whole number in a
    /// `number` column is written as a number.
    void row(const std::vector<std::string>& cells, const std::vector<Style>& styles = {});
    /// A row merged across every column: a sub-heading inside a list.
    void section_row(const std::string& text);
    void blank_row() { ++next_row_; }

    /// Writes the file; false with the reason in `why` on any failure.
    bool close(std::string& why);

  private:
    void note(lxw_error e);

    lxw_workbook* book_ = nullptr;
    lxw_worksheet* sheet_ = nullptr;
    lxw_format *title_ = nullptr, *subtitle_ = nullptr, *header_ = nullptr, *text_ = nullptr,
               *number_ = nullptr, *section_ = nullptr;
    lxw_row_t next_row_ = 0;
    lxw_col_t columns_ = 0;
    lxw_error first_error_ = LXW_NO_ERROR;
};

} // namespace commend::report::xlsx
