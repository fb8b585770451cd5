// The workbook layer over libxlsxwriter (xlsx_workbook.hpp).
#include "report/xlsx_workbook.hpp"

#include <cstdlib>

namespace commend::report::xlsx {

namespace {

constexpr lxw_color_t header_fill = 0xE8EAED;
constexpr uint8_t paper_a4 = 9; // Excel's paper code

lxw_format* bordered(lxw_workbook* book) {
    lxw_format* f = workbook_add_format(book);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

/// The cell's text as a whole number, for columns that hold them (STT, rank, year).
bool whole_number(const std::string& s, double& out) {
    if (s.empty() || s.size() > 15) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    out = std::strtod(s.c_str(), nullptr);
    return true;
}

} // namespace

Workbook::Workbook(const std::string& path) {
    book_ = workbook_new(path.c_str());
    if (!book_) {
        first_error_ = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return;
    }
    title_ = workbook_add_format(book_);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
    format_set_align(title_, LXW_ALIGN_CENTER);
    format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(title_);
    subtitle_ = workbook_add_format(book_);
    format_set_bold(subtitle_);
    format_set_align(subtitle_, LXW_ALIGN_CENTER);
    format_set_text_wrap(subtitle_);
    header_ = bordered(book_);
    format_set_bold(header_);
    format_set_bg_color(header_, header_fill);
    format_set_align(header_, LXW_ALIGN_CENTER);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    text_ = bordered(book_);
    number_ = bordered(book_);
    format_set_align(number_, LXW_ALIGN_CENTER);
    section_ = bordered(book_);
    format_set_bold(section_);
    format_set_italic(section_);
    lxw_doc_properties properties{};
    properties.author = const_cast<char*>("commend");
    workbook_set_properties(book_, &properties);
}

Workbook::~Workbook() {
    if (book_) lxw_workbook_free(book_);
}

void Workbook::note(lxw_error e) {
    if (first_error_ == LXW_NO_ERROR) first_error_ = e;
}

void Workbook::add_sheet(const std::string& name, const std::vector<std::string>& titles,
                         const std::vector<ColumnSpec>& columns) {
    if (!book_) return;
    sheet_ = workbook_add_worksheet(book_, name.c_str());
    if (!sheet_) {
        note(LXW_ERROR_SHEETNAME_ALREADY_USED); // names are made valid beforehand: a bug
        return;
    }
    columns_ = static_cast<lxw_col_t>(columns.size());
    const lxw_col_t last = columns_ - 1;
    next_row_ = 0;
    for (std::size_t i = 0; i < titles.size(); ++i) {
        note(worksheet_merge_range(sheet_, next_row_, 0, next_row_, last, titles[i].c_str(),
                                   i == 0 ? title_ : subtitle_));
        note(worksheet_set_row(sheet_, next_row_, i == 0 ? 24 : 18, nullptr));
        ++next_row_;
    }
    ++next_row_; // a blank row between the titles and the list
    const lxw_row_t header = next_row_;
    for (lxw_col_t c = 0; c < columns_; ++c) {
        note(worksheet_set_column(sheet_, c, c, columns[c].width, nullptr));
        note(worksheet_write_string(sheet_, header, c, columns[c].heading.c_str(), header_));
    }
    ++next_row_;
    // The header stays in view while scrolling and heads every printed page.
    worksheet_freeze_panes(sheet_, header + 1, 0);
    note(worksheet_repeat_rows(sheet_, header, header));
    worksheet_set_paper(sheet_, paper_a4);
    worksheet_set_landscape(sheet_);
    worksheet_fit_to_pages(sheet_, 1, 0); // as wide as one page, as long as it takes
    worksheet_set_margins(sheet_, 0.5, 0.5, 0.6, 0.6);
    worksheet_center_horizontally(sheet_);
    note(worksheet_set_footer(sheet_, "&C&P/&N"));
}

void Workbook::row(const std::vector<std::string>& cells, const std::vector<Style>& styles) {
    if (!sheet_) return;
    for (lxw_col_t c = 0; c < columns_ && c < cells.size(); ++c) {
        const Style style = c < styles.size() ? styles[c] : Style::text;
        double n = 0;
        if (style == Style::number && whole_number(cells[c], n))
            note(worksheet_write_number(sheet_, next_row_, c, n, number_));
        else
            note(worksheet_write_string(sheet_, next_row_, c, cells[c].c_str(),
                                        style == Style::number ? number_ : text_));
    }
    for (lxw_col_t c = static_cast<lxw_col_t>(cells.size()); c < columns_; ++c)
        note(worksheet_write_blank(sheet_, next_row_, c, text_));
    ++next_row_;
}

void Workbook::section_row(const std::string& text) {
    if (!sheet_) return;
    note(worksheet_merge_range(sheet_, next_row_, 0, next_row_, columns_ - 1, text.c_str(),
                               section_));
    ++next_row_;
}

bool Workbook::close(std::string& why) {
    if (!book_) {
        why = "cannot start the workbook (out of memory)";
        return false;
    }
    if (first_error_ != LXW_NO_ERROR) {
        why = std::string("cannot lay out the workbook: ") + lxw_strerror(first_error_);
        return false;
    }
    const lxw_error e = workbook_close(book_);
    book_ = nullptr; // workbook_close frees it, whatever the outcome
    if (e != LXW_NO_ERROR) {
        why = std::string("cannot write the workbook: ") + lxw_strerror(e);
        return false;
    }
    return true;
}

} // namespace commend::report::xlsx
