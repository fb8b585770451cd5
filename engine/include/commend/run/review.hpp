// The year-end review (`commend report`): everything the review of year Y shows, computed once
// — the year's lists with the criteria behind every name they show, the year-end ranking, and
// the audit of the years before. The report stage turns it into one HTML page; nothing here
// renders or prints.
//
//   Diagnostics diags;
//   auto review = review_year(ws, 2021, {}, diags);   // nullopt: a --heatmap-kinds error
//   std::string html = report::review_html(ws, *review, report::Language::vi);
//
// Which years are audited. The review is read while year Y is being decided, so its lists are
// a proposal: auditing Y itself would report every proposed name as "eligible but not granted"
// and repeat the checks the review already shows. The audit therefore covers the years from
// the first one in which both a rule set is in force and data exists (SPEC §6's default) to
// Y − 1, and Y too once awards for Y have been recorded (the review is then read after the
// decisions, and the audit judges them). Years after the data's last year are never audited.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "commend/run/audit.hpp"
#include "commend/run/workspace.hpp"

namespace commend {

struct ReviewOptions {
    /// The kinds of subject the heat map shows; empty = the kinds of the awards in force.
    std::vector<std::string> heatmap_kinds;
};

struct YearReview {
    YearResult result;
    std::vector<RankingGroup> ranking;
    /// Per award of `result.awards` (same order): for every subject its lists name — selected,
    /// tied, unknown, near miss — each criterion with its result and the values it used.
    std::vector<std::map<SubjectIndex, std::vector<CriterionTrace>>> criteria;
    std::optional<AuditResult> audit;       ///< nullopt when no year is audited
    std::vector<std::string> heatmap_kinds; ///< resolved: never empty unless no award is in force

    // `criteria` points into `result`; moving keeps the pointers valid, copying would not.
    YearReview() = default;
    YearReview(YearReview&&) = default;
    YearReview& operator=(YearReview&&) = default;
    YearReview(const YearReview&) = delete;
    YearReview& operator=(const YearReview&) = delete;
};

/// The years the review of `year` audits (see above); nullopt when there are none.
std::optional<std::pair<int, int>> review_audit_years(const Workspace& ws, int year);

/// Evaluates, ranks, explains and audits for the review of `year` (a year with a rule set in
/// force). nullopt with an error in `diags` when a heat-map kind is no subject's kind.
std::optional<YearReview> review_year(const Workspace& ws, int year, const ReviewOptions& options,
                                      Diagnostics& diags);

} // namespace commend
