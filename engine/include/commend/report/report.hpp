// Rendering results for people and programs. Every function returns text; printing and exit
// statuses belong to the command-line front end.
//
//   std::cout << report::evaluate_json(ws, result).dump(2);
//   std::cout << report::evaluate_table(ws, result, report::Language::vi);
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "commend/diagnostic.hpp"
#include "commend/ruletest/test_run.hpp"
#include "commend/run/audit.hpp"
#include "commend/run/workspace.hpp"

namespace commend::report {

enum class Language { vi, en };
using Json = nlohmann::ordered_json;

/// `FILE:LINE:COLUMN: error: message`, the source line and a caret under the column.
std::string diagnostics_text(const Diagnostics& diags);

Json evaluate_json(const Workspace& ws, const YearResult& r);
Json explain_json(const Workspace& ws, const YearResult& r, const Explanation& e);
Json rank_json(const Workspace& ws, const YearResult& r, const std::vector<RankingGroup>& groups);
Json check_json(const Workspace& ws, const Diagnostics& warnings);

std::string evaluate_table(const Workspace& ws, const YearResult& r, Language lang);
std::string explain_table(const Workspace& ws, const YearResult& r, const Explanation& e,
                          Language lang);
std::string rank_table(const Workspace& ws, const YearResult& r,
                       const std::vector<RankingGroup>& groups, Language lang);
std::string check_table(const Workspace& ws, Language lang);

Json audit_json(const Workspace& ws, const AuditResult& a, Language lang);
std::string audit_table(const Workspace& ws, const AuditResult& a, Language lang);
/// The heading of a finding type: "Được khen nhưng không đủ điều kiện" (vi), "Granted but not
/// eligible" (en).
std::string finding_type_label(FindingType t, Language lang);
/// What is wrong, in words: "granted for 2019 but fails «Xếp loại HTXSNV trong năm»: rating
/// = HTTNV; HTTNV == HTXSNV → false". The `detail` of the audit's JSON and table.
std::string finding_detail(const Workspace& ws, const Finding& f, Language lang);

/// `commend test`: every failing case with expected, actual and the traces behind it; a count
/// per rule file; the last line `N passed, M failed`.
std::string test_table(const ruletest::TestReport& r, Language lang);
/// SPEC §6 `test`; `detail` is the case's lines of the table (in `lang`); `line`, `year` and
/// `subject` follow as extensions.
Json test_json(const ruletest::TestReport& r, Language lang);

/// The lines of an explain trace on one line, separated by "; ".
std::string join_trace(const std::vector<std::string>& parts);

/// One row per (award, subject) decision: selected, tie, over limit, unknown, near miss.
std::string evaluate_csv(const Workspace& ws, const YearResult& r);

/// A number as Vietnamese readers write it: 1.234,5 (`vi`), or 1,234.5 (`en`).
std::string format_number(double x, Language lang);

} // namespace commend::report
