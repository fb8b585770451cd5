// Small pieces every HTML-producing renderer shares: escaping arbitrary Unicode text for
// HTML and SVG, and numbers as Vietnamese (or English) readers write them. Internal to
// `report`.
#pragma once

#include <string>
#include <string_view>

#include "commend/report/report.hpp"

namespace commend::report::html {

/// `text` safe inside an element or a quoted attribute value: & < > " ' are replaced by
/// entities. Names come from the data and may hold any of them.
std::string escape(std::string_view text);

/// A fraction as a percentage with up to two decimals and a no-break space before the sign:
/// 1.0125 → "101,25 %" (vi), "101.25 %" (en).
std::string percent(double fraction, Language lang);

/// A figure for reading, rounded to four decimals: 0.93123 → "0,9312"; 1234 → "1.234".
std::string figure(double x, Language lang);

/// At most `max_chars` code points of valid UTF-8 `text`, ending with "…" when it was cut.
std::string shorten(std::string_view text, int max_chars);

} // namespace commend::report::html
