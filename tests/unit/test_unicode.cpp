// Tests of commend::text: UTF-8 validation, NFC, trimming, case folding, Vietnamese collation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "commend/text/unicode.hpp"

using namespace commend::text;

TEST_CASE("invalid_utf8_offset finds the first ill-formed byte", "[unicode]") {
    CHECK_FALSE(invalid_utf8_offset(""));
    CHECK_FALSE(invalid_utf8_offset("plain ascii, longer than eight bytes"));
    CHECK_FALSE(invalid_utf8_offset("Đảng ủy Khối — 𝄞"));
    CHECK(invalid_utf8_offset("ab\xC3(") == 2u);               // bad continuation
    CHECK(invalid_utf8_offset("\xC0\xAF") == 0u);              // overlong '/'
    CHECK(invalid_utf8_offset("x\xED\xA0\x80") == 1u);         // surrogate U+D800
    CHECK(invalid_utf8_offset("\xF4\x90\x80\x80") == 0u);      // past U+10FFFF
    CHECK(invalid_utf8_offset("abc\xE1\xBA") == 3u);           // truncated at the end
    CHECK(invalid_utf8_offset("0123456789abcdef\x80") == 16u); // after the 8-byte fast path
    CHECK(invalid_utf8_offset("Vi\xEA\x74 Nam (Windows-1258)") == 2u);
}

TEST_CASE("to_nfc composes decomposed Vietnamese", "[unicode]") {
    // "Chi bộ" typed as o + combining dot below + combining circumflex.
    const std::string nfd = "Chi bo\xCC\xA3\xCC\x82";
    CHECK(to_nfc(nfd) == "Chi b\xE1\xBB\x99"); // U+1ED9
    CHECK(to_nfc(nfd) == "Chi bộ");
    CHECK(to_nfc("already NFC: Đà Lạt") == "already NFC: Đà Lạt");
    CHECK(to_nfc("ascii") == "ascii");
    CHECK(to_nfc("bad \xFF bytes") == "bad \xFF bytes"); // left for validation to report
}

TEST_CASE("trim removes spaces, tabs and no-break spaces", "[unicode]") {
    CHECK(trim("  a b\t") == "a b");
    CHECK(trim("\xC2\xA0 x\xC2\xA0") == "x");
    CHECK(trim(" \t\xC2\xA0 ") == "");
    CHECK(trim("Ấp 3") == "Ấp 3");
    CHECK(trim_view("  keep inner  spaces ") == "keep inner  spaces");
}

TEST_CASE("code_point_count counts characters, not bytes", "[unicode]") {
    CHECK(code_point_count("") == 0);
    CHECK(code_point_count("abc") == 3);
    CHECK(code_point_count("Đà Lạt") == 6);
    CHECK(code_point_count("𝄞") == 1);
}

TEST_CASE("fold_case makes case-only differences equal", "[unicode]") {
    CHECK(fold_case("CB-01") == "cb-01");
    CHECK(fold_case("ĐẢNG ỦY") == fold_case("đảng ủy"));
    CHECK(fold_case("Đà") != fold_case("Da"));
}

TEST_CASE("the Vietnamese collator orders a < ă < â < b < d < đ", "[unicode]") {
    const std::vector<std::string> expected = {"Chi bộ An Phú", "Chi bộ Ăn Khê",
                                               "Chi bộ Ân Thi", "Chi bộ Bình Minh",
                                               "Chi bộ Dĩ An",  "Chi bộ Đà Lạt"};
    const Collator& vi = Collator::vietnamese();
    CHECK(&vi == &Collator::vietnamese()); // one shared instance
    for (std::size_t i = 0; i + 1 < expected.size(); ++i) {
        INFO(expected[i] << " < " << expected[i + 1]);
        CHECK(vi.compare(expected[i], expected[i + 1]) < 0);
        CHECK(vi.compare(expected[i + 1], expected[i]) > 0);
        CHECK(vi.sort_key(expected[i]) < vi.sort_key(expected[i + 1]));
    }
    CHECK(vi.compare("Chi bộ An Phú", "Chi bộ An Phú") == 0);
    // Canonically equivalent spellings are equal.
    CHECK(vi.compare("Chi bo\xCC\xA3\xCC\x82", "Chi bộ") == 0);

    std::vector<std::string> shuffled = expected;
    std::mt19937 rng(7);
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    std::sort(shuffled.begin(), shuffled.end(),
              [&](const std::string& a, const std::string& b) { return vi.compare(a, b) < 0; });
    CHECK(shuffled == expected);
}
