// Workbooks for the clerks who prepare decisions in Excel (`--format xlsx -o FILE`), written
// with libxlsxwriter through the atomic file writer (commend/io/atomic_file.hpp): the
// previous file, or none, is left in place on any failure.
//
//   Diagnostics diags;
//   if (!report::evaluate_xlsx(ws, result, report::Language::vi, "de-nghi.xlsx", diags)) …
//
// `evaluate` gives one sheet per award, laid out as a Vietnamese proposal list: a title row,
// then STT | Tên tập thể/cá nhân | Đơn vị | Thành tích | Hình thức khen thưởng | Ghi chú for
// the selected, and below them, apart, the ties and unknowns awaiting the committee. `rank`
// gives one sheet with every group's ranking, `audit` one sheet of findings. Every sheet has
// a formatted, frozen header row, column widths, and print setup: A4, landscape, fit to the
// page width, the header row repeated on each page.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "commend/report/report.hpp"

namespace commend::report {

bool evaluate_xlsx(const Workspace& ws, const YearResult& r, Language lang, const std::string& path,
                   Diagnostics& diags);
bool rank_xlsx(const Workspace& ws, const YearResult& r, const std::vector<RankingGroup>& groups,
               Language lang, const std::string& path, Diagnostics& diags);
bool audit_xlsx(const Workspace& ws, const AuditResult& a, Language lang, const std::string& path,
                Diagnostics& diags);

/// A name Excel accepts for a sheet titled `title`, not among `taken` (compared ignoring
/// case, as Excel does), which it joins: the characters [ ] : * ? / \ become spaces, spaces
/// are collapsed, no apostrophe at either end, at most 31 characters (cut at a word when one
/// ends late enough), and " (2)", " (3)"… when the name is taken. "History" is reserved.
///
///   sheet_name("Giấy khen: Tổ chức cơ sở đảng HTXSNV tiêu biểu năm", taken)
///       == "Giấy khen Tổ chức cơ sở đảng"
std::string sheet_name(std::string_view title, std::vector<std::string>& taken);

} // namespace commend::report
