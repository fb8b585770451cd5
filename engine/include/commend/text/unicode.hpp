// Unicode helpers shared by the engine: UTF-8 validation, NFC normalization, trimming, case
// folding and the Vietnamese collation used to sort text (SPEC §2 and §5).
//
// Every string in the engine is UTF-8. Data read from files is validated once
// (`invalid_utf8_offset`), trimmed and normalized to NFC (`to_nfc`), so that ids typed with
// combining accents ("Chi bộ" as `o` + U+0323 + U+0302) compare equal to precomposed ones.
//
//   using namespace commend::text;
//   std::string id = to_nfc(trim(cell));              // "  Ấp 3 " -> "Ấp 3"
//   if (fold_case(a) == fold_case(b) && a != b) ...   // ids differing only by case
//   Collator::vietnamese().compare("Dĩ An", "Đà Lạt") // < 0: D sorts before Đ
//
// The ICU types stay out of this header so that callers do not pull in ICU.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace commend::text {

/// Byte offset of the first byte that does not start or continue a well-formed UTF-8
/// sequence (overlong forms, surrogates and code points past U+10FFFF are ill-formed), or
/// nullopt when `s` is valid UTF-8.
std::optional<std::size_t> invalid_utf8_offset(std::string_view s);

/// True when every byte is ASCII (below 0x80).
bool is_ascii(std::string_view s);

/// `utf8` in Unicode Normalization Form C. ASCII text, and text already in NFC, are returned
/// unchanged without converting to UTF-16. Input that is not valid UTF-8 is returned as is.
std::string to_nfc(std::string_view utf8);

/// `s` without leading and trailing spaces, tabs and no-break spaces (U+00A0), which
/// spreadsheets often leave around values.
std::string trim(std::string_view s);
/// The same as a view into `s` (no allocation).
std::string_view trim_view(std::string_view s);

/// The number of code points in valid UTF-8 `s` (what the diagnostics call a column).
int code_point_count(std::string_view s);

/// Full Unicode case folding ("ĐẢNG" and "đảng" fold to the same string). Used only to warn
/// about ids that differ by letter case; ids themselves are compared exactly.
std::string fold_case(std::string_view utf8);

/// Compares text in the order a Vietnamese reader expects (ICU's "vi" collation): letters
/// with breve and circumflex and đ are letters of their own (a < ă < â < b, d < đ), and tone
/// marks only break ties.
///
///   "Chi bộ An Phú" < "Chi bộ Ăn Khê" < "Chi bộ Ân Thi" < "Chi bộ Bình Minh"
///   < "Chi bộ Dĩ An" < "Chi bộ Đà Lạt"
///
/// A Collator is immutable after construction; `compare` and `sort_key` may be called from
/// several threads at once.
class Collator {
  public:
    /// A collator for `locale` (an ICU locale id such as "vi"); throws std::runtime_error when
    /// ICU has no collation data for it.
    explicit Collator(const char* locale);
    ~Collator();
    Collator(const Collator&) = delete;
    Collator& operator=(const Collator&) = delete;

    /// The shared Vietnamese collator (created on first use; thread-safe).
    static const Collator& vietnamese();

    /// <0, 0 or >0 as `a` sorts before, the same as, or after `b`.
    int compare(std::string_view a, std::string_view b) const;
    /// A byte string whose plain byte order (std::string's operator<) is the collation order:
    /// compute it once per value when sorting many values.
    std::string sort_key(std::string_view s) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace commend::text
