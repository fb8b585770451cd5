// Guessing the encoding of a file that is not UTF-8 (see commend/data/encoding.hpp).
//
// UTF-16 announces itself: a byte order mark, or a NUL byte beside every ASCII character.
// The three legacy Vietnamese encodings all put Vietnamese letters in bytes 0x80–0xFF, but
// each in its own way, and that is what the guess scores:
//
//   TCVN3 (ABC)   one byte per lower-case letter with all its marks: "ệ" is 0xD6. Bytes
//                 0xA1–0xBF are letters (ă â ê ô ơ ư đ, à ả ã á ạ, …), which the other two
//                 use only for symbols.
//   VNI Windows   the plain vowel, then one byte for its marks: "ệ" is "e" 0xE4. A mark
//                 byte after a consonant cannot happen.
//   Windows-1258  precomposed letters where Latin-1 has them (à â ê ô ơ ư đ …), and the
//                 tone as a separate combining byte after its vowel: "ệ" is 0xEA 0xF2.
//
// Each word (a run of letters and high bytes) is read under each encoding: a byte that
// makes a letter, or a mark that lands on a vowel, scores; a symbol in the middle of a word,
// a mark after a consonant, or a second tone in one syllable costs. The encoding that
// explains the bytes clearly best is the guess.
#include "commend/data/encoding.hpp"

#include <array>
#include <cstdint>

namespace commend {

namespace {

// What a byte above 0x7F is in one encoding, read after the byte before it.
enum Kind : std::uint8_t {
    neutral, ///< punctuation or unused: says nothing
    symbol,  ///< a symbol that does not belong inside a word
    letter,  ///< a letter without a tone mark (ă, â, ơ, đ, …)
    toned,   ///< a letter with its tone mark
    mark,    ///< combines with the vowel before it (VNI marks, Windows-1258 tones)
    tone,    ///< as `mark`, and it is a tone
};

using Table = std::array<Kind, 256>;

void set(Table& t, std::initializer_list<int> bytes, Kind k) {
    for (int b : bytes)
        t[static_cast<std::size_t>(b)] = k;
}

Table make_tcvn3() {
    Table t{};
    for (int b = 0xA1; b <= 0xAE; ++b)
        t[static_cast<std::size_t>(b)] = letter; // Ă Â Ê Ô Ơ Ư Đ ă â ê ô ơ ư đ
    for (int b = 0xB0; b <= 0xB4; ++b)
        t[static_cast<std::size_t>(b)] = symbol; // combining marks, not used in ABC text
    for (int b = 0xB5; b <= 0xFE; ++b)
        t[static_cast<std::size_t>(b)] = toned; // à ả ã á ạ ằ … ỵ
    t[0xAF] = toned;
    return t;
}

Table make_vni() {
    Table t{};
    for (int b = 0xA0; b <= 0xBF; ++b)
        t[static_cast<std::size_t>(b)] = symbol;
    for (int b = 0xC0; b <= 0xFF; ++b)
        t[static_cast<std::size_t>(b)] = symbol;
    // Marks for a lower-case vowel (and their upper-case counterparts 0x20 lower): á à ả ã
    // ạ, â ấ ầ ẩ ẫ ậ, ă ắ ằ ẳ ẵ ặ. 0xE2 and 0xEA (â/ê/ô, ă) carry no tone.
    set(t,
        {0xF9, 0xF8, 0xFB, 0xF5, 0xEF, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB},
        tone);
    set(t,
        {0xD9, 0xD8, 0xDB, 0xD5, 0xCF, 0xC1, 0xC0, 0xC5, 0xC3, 0xC4, 0xC9, 0xC8, 0xDA, 0xDC, 0xCB},
        tone);
    set(t, {0xE2, 0xEA, 0xC2, 0xCA}, mark);
    // Whole letters: đ Đ ơ Ơ ư Ư, and i/y with their tone (í ì ỉ ĩ ị ỵ and capitals).
    set(t, {0xF1, 0xD1, 0xF4, 0xD4, 0xF6, 0xD6}, letter);
    set(t, {0xED, 0xEC, 0xE6, 0xF3, 0xF2, 0xEE, 0xCD, 0xCC, 0xC6, 0xD3, 0xD2, 0xCE}, toned);
    return t;
}

Table make_windows1258() {
    Table t{};
    for (int b = 0xA0; b <= 0xBF; ++b)
        t[static_cast<std::size_t>(b)] = symbol;
    for (int b = 0xC0; b <= 0xFF; ++b)
        t[static_cast<std::size_t>(b)] = symbol; // Latin-1 letters Vietnamese does not use
    // Â Ă Ê Ô Ơ Ư Đ and lower case: letters a tone can follow.
    set(t, {0xC2, 0xC3, 0xCA, 0xD4, 0xD5, 0xDD, 0xD0, 0xE2, 0xE3, 0xEA, 0xF4, 0xF5, 0xFD, 0xF0},
        letter);
    // À Á È É Í Ó Ù Ú and lower case: precomposed with their tone.
    set(t,
        {0xC0, 0xC1, 0xC8, 0xC9, 0xCD, 0xD3, 0xD9, 0xDA, 0xE0, 0xE1, 0xE8, 0xE9, 0xED, 0xF3, 0xF9,
         0xFA},
        toned);
    // Combining grave, hook above, tilde, acute, dot below.
    set(t, {0xCC, 0xD2, 0xDE, 0xEC, 0xF2}, tone);
    return t;
}

bool is_ascii_letter(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_vowel(unsigned char c) {
    switch (c | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
        return true;
    default:
        return false;
    }
}

/// A word's score under one encoding.
int score_word(std::string_view word, const Table& t) {
    int score = 0, tones = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const auto b = static_cast<unsigned char>(word[i]);
        if (b < 0x80) continue;
        const auto prev = i > 0 ? static_cast<unsigned char>(word[i - 1]) : 0;
        // A mark lands on a plain vowel, or on a letter such as ơ/â (a Windows-1258 tone
        // after 0xE2), but never on a consonant, a toned letter or another mark.
        const bool after_vowel = is_ascii_vowel(prev) || (prev >= 0x80 && t[prev] == letter);
        switch (t[b]) {
        case neutral:
            break;
        case symbol:
            score -= 1;
            break;
        case letter:
            score += 1;
            break;
        case toned:
            score += 1, ++tones;
            break;
        case mark:
        case tone:
            if (after_vowel) {
                score += 2;
                tones += t[b] == tone;
            } else {
                score -= 2;
            }
            break;
        }
    }
    // One syllable, one tone.
    if (tones > 1) score -= 2 * (tones - 1);
    return score;
}

} // namespace

std::optional<TextEncoding> detect_utf16(std::string_view bytes) {
    if (bytes.size() >= 2) {
        const auto b0 = static_cast<unsigned char>(bytes[0]),
                   b1 = static_cast<unsigned char>(bytes[1]);
        if (b0 == 0xFF && b1 == 0xFE) return TextEncoding::utf16le;
        if (b0 == 0xFE && b1 == 0xFF) return TextEncoding::utf16be;
    }
    // Without a mark: CSV text is mostly ASCII (delimiters, digits, ids), and in UTF-16 each
    // ASCII character brings a NUL, after it (LE) or before it (BE). UTF-8 text has none.
    const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
    if (n < 4) return std::nullopt;
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
        even += bytes[i] == '\0';
        odd += bytes[i + 1] == '\0';
    }
    const std::size_t pairs = n / 2;
    if (odd * 3 >= pairs && even * 20 < pairs) return TextEncoding::utf16le;
    if (even * 3 >= pairs && odd * 20 < pairs) return TextEncoding::utf16be;
    return std::nullopt;
}

TextEncoding guess_legacy_encoding(std::string_view bytes) {
    static const Table tcvn3 = make_tcvn3(), vni = make_vni(), windows1258 = make_windows1258();
    // The first 1 MiB is plenty, and keeps the guess cheap on a huge file.
    bytes = bytes.substr(0, 1u << 20);
    long s_tcvn3 = 0, s_vni = 0, s_1258 = 0;
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (!is_ascii_letter(c) && c < 0x80) {
            ++i;
            continue;
        }
        std::size_t end = i;
        bool high = false;
        while (end < bytes.size() && (is_ascii_letter(static_cast<unsigned char>(bytes[end])) ||
                                      static_cast<unsigned char>(bytes[end]) >= 0x80)) {
            high = high || static_cast<unsigned char>(bytes[end]) >= 0x80;
            ++end;
        }
        if (high) {
            const std::string_view word = bytes.substr(i, end - i);
            s_tcvn3 += score_word(word, tcvn3);
            s_vni += score_word(word, vni);
            s_1258 += score_word(word, windows1258);
        }
        i = end;
    }
    // The best must stand out: clearly more than the runner-up, and over a few words at least
    // (a stray byte or two in a UTF-8 file is no sign of an encoding).
    struct Candidate {
        TextEncoding e;
        long score;
    };
    std::array<Candidate, 3> c{{{TextEncoding::tcvn3, s_tcvn3},
                                {TextEncoding::vni, s_vni},
                                {TextEncoding::windows1258, s_1258}}};
    std::size_t best = 0;
    for (std::size_t k = 1; k < c.size(); ++k)
        if (c[k].score > c[best].score) best = k;
    long second = -1000000000;
    for (std::size_t k = 0; k < c.size(); ++k)
        if (k != best && c[k].score > second) second = c[k].score;
    if (c[best].score >= 6 && c[best].score * 4 >= second * 5 + 8) return c[best].e;
    return TextEncoding::unknown;
}

std::string_view encoding_name(TextEncoding e) {
    switch (e) {
    case TextEncoding::utf16le:
        return "UTF-16 LE";
    case TextEncoding::utf16be:
        return "UTF-16 BE";
    case TextEncoding::windows1258:
        return "Windows-1258";
    case TextEncoding::vni:
        return "VNI Windows";
    case TextEncoding::tcvn3:
        return "TCVN3 (ABC)";
    case TextEncoding::unknown:
        break;
    }
    return "an unknown encoding";
}

std::string encoding_advice(TextEncoding e) {
    switch (e) {
    case TextEncoding::utf16le:
    case TextEncoding::utf16be:
        return "the file is " + std::string(encoding_name(e)) +
               " (what Excel's \"Unicode Text\" and Notepad's \"Unicode\" save), not UTF-8; "
               "save it as UTF-8 (in Excel: \"CSV UTF-8 (Comma delimited)\"), or convert it: "
               "iconv -f UTF-16 -t UTF-8";
    case TextEncoding::windows1258:
        return "the file is not UTF-8; it looks like Windows-1258 (the Vietnamese Windows code "
               "page); save it as UTF-8 (in Excel: \"CSV UTF-8 (Comma delimited)\"), or "
               "convert it: iconv -f CP1258 -t UTF-8";
    case TextEncoding::vni:
        return "the file is not UTF-8; it looks like VNI Windows (the encoding of the VNI-Times "
               "fonts); convert it to Unicode (UniKey's converter: from VNI Windows to Unicode) "
               "and save it as UTF-8";
    case TextEncoding::tcvn3:
        return "the file is not UTF-8; it looks like TCVN3 (ABC, the encoding of the .VnTime "
               "fonts); convert it to Unicode (UniKey's converter: from TCVN3 (ABC) to Unicode) "
               "and save it as UTF-8";
    case TextEncoding::unknown:
        break;
    }
    return "the file is not UTF-8; save it as UTF-8 (in Excel: \"CSV UTF-8\")";
}

} // namespace commend
