// Naming the encoding of a file that is not UTF-8. Vietnamese offices still keep files in
// the encodings of the 1990s — TCVN3 (ABC, the .VnTime fonts), VNI Windows (the VNI-Times
// fonts), Windows-1258 — and Excel's "Unicode Text" saves UTF-16. commend reads only UTF-8
// (SPEC §2); telling the user which encoding a file is in, and how to convert it, turns
// "bytes that are not UTF-8" on every line into one error they can act on.
//
//   if (auto e = detect_utf16(bytes)) report(encoding_advice(*e));
//   else if (text::invalid_utf8_offset(bytes))
//   report(encoding_advice(guess_legacy_encoding(bytes)));
//
// The guesses are heuristics over the bytes (see encoding.cpp): good on a line of Vietnamese
// text, unreliable on a byte or two, so they are worded as "looks like".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace commend {

enum class TextEncoding {
    utf16le,
    utf16be,
    windows1258, ///< Vietnamese Windows code page: tone marks as separate combining bytes
    vni,         ///< VNI Windows: a vowel followed by a byte for its marks
    tcvn3,       ///< TCVN 5712 "ABC": one byte per lower-case letter with its marks
    unknown,     ///< not UTF-8, and none of the above stands out
};

/// UTF-16 by its byte order mark, or without one by the NUL bytes every ASCII character
/// brings (in the first 4 KiB); nullopt when the bytes do not look like UTF-16.
std::optional<TextEncoding> detect_utf16(std::string_view bytes);

/// The legacy Vietnamese encoding that `bytes` (which are not valid UTF-8) most look like,
/// judged from their bytes above 0x7F and the letters around them; `unknown` when no
/// encoding explains them clearly better than the others.
TextEncoding guess_legacy_encoding(std::string_view bytes);

/// "TCVN3 (ABC)", "VNI Windows", "Windows-1258", "UTF-16 LE", …
std::string_view encoding_name(TextEncoding e);

/// What to do about a file in `e`, for a diagnostic: "convert it … and save it as UTF-8".
std::string encoding_advice(TextEncoding e);

} // namespace commend
