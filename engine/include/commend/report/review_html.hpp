// The year-end review as one web page (`commend report`): a single self-contained HTML file —
// CSS and SVG inline, no script, nothing loaded from the network — that the people who decide
// read on a phone, print, and pass around. Vietnamese by default, English labels on request.
//
//   auto review = review_year(ws, 2021, {}, diags);
//   std::string page = report::review_html(ws, *review, report::Language::vi);
//   io::write_file("review.html", page, diags);
//
// Sections, each starting a printed page: the year's summary (levels counted per kind,
// targets with their figures, awards and checks at a glance); the proposed lists grouped by
// the deciding body (`issuer`), each name with the reason in words; the ties and unknowns
// awaiting the committee; the near misses with what they lacked; the levels over the years
// (distribution per year and a heat map per parent); the year-end ranking per parent; the
// checks; the audit of the years before. Every text from the data or the rules is escaped.
#pragma once

#include <string>

#include "commend/report/report.hpp"
#include "commend/run/review.hpp"

namespace commend::report {

std::string review_html(const Workspace& ws, const YearReview& review, Language lang);

} // namespace commend::report
