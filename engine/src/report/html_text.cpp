// Escaping and number formatting for the HTML review (html_text.hpp).
#include "report/html_text.hpp"

#include <cmath>

namespace commend::report::html {

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string percent(double fraction, Language lang) {
    return format_number(std::round(fraction * 10000) / 100, lang) + "\u00A0%";
}

std::string figure(double x, Language lang) {
    return format_number(std::round(x * 10000) / 10000, lang);
}

std::string shorten(std::string_view text, int max_chars) {
    // Byte offset where the (max_chars - 1)th code point starts: the cut when it is too long.
    std::size_t cut = text.size();
    int chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue; // continuation
        if (chars == max_chars - 1) cut = i;
        if (++chars > max_chars) {
            std::string head(text.substr(0, cut));
            while (!head.empty() && head.back() == ' ')
                head.pop_back();
            return head + "…";
        }
    }
    return std::string(text);
}

} // namespace commend::report::html
