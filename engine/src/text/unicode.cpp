#include "commend/text/unicode.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include <unicode/bytestream.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/unistr.h>

namespace commend::text {

namespace {

constexpr bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

icu::StringPiece piece(std::string_view s) {
    return icu::StringPiece(s.data(), static_cast<int32_t>(s.size()));
}

} // namespace

std::optional<std::size_t> invalid_utf8_offset(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // Most data is ASCII: skip 8 bytes at a time while none has its high bit set.
        while (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, p + i, 8);
            if (word & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        // Well-formed sequences per the Unicode Standard, table 3-7: the second byte's range
        // depends on the lead byte so that overlong forms, surrogates (U+D800..U+DFFF) and
        // code points past U+10FFFF are rejected.
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return i; // a stray continuation byte, C0/C1 (overlong) or F5..FF
        }
        if (i + len > n) return i;
        if (p[i + 1] < lo || p[i + 1] > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if (!is_continuation(p[i + k])) return i;
        i += len;
    }
    return std::nullopt;
}

bool is_ascii(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, p + i, 8);
        if (word & 0x8080808080808080ULL) return false;
    }
    for (; i < n; ++i)
        if (p[i] >= 0x80) return false;
    return true;
}

std::string to_nfc(std::string_view utf8) {
    // ASCII is always NFC; this is the common case for ids, years and numbers.
    if (is_ascii(utf8)) return std::string(utf8);
    // ICU would replace ill-formed bytes; leave them for the caller's validation to report.
    if (invalid_utf8_offset(utf8)) return std::string(utf8);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: no NFC normalization data");
    // Text typed on one machine is nearly always NFC already: check before converting.
    if (nfc->isNormalizedUTF8(piece(utf8), status) && U_SUCCESS(status)) return std::string(utf8);
    status = U_ZERO_ERROR;
    std::string out;
    out.reserve(utf8.size());
    icu::StringByteSink<std::string> sink(&out);
    nfc->normalizeUTF8(0, piece(utf8), sink, nullptr, status);
    if (U_FAILURE(status)) return std::string(utf8);
    return out;
}

std::string_view trim_view(std::string_view s) {
    // U+00A0 is the two bytes C2 A0; a lone A0 cannot occur in valid UTF-8 text, so matching
    // the pair at either end is enough.
    auto starts_blank = [](std::string_view v) -> std::size_t {
        if (v.empty()) return 0;
        if (v[0] == ' ' || v[0] == '\t') return 1;
        if (v.size() >= 2 && v[0] == '\xC2' && v[1] == '\xA0') return 2;
        return 0;
    };
    auto ends_blank = [](std::string_view v) -> std::size_t {
        if (v.empty()) return 0;
        if (v.back() == ' ' || v.back() == '\t') return 1;
        if (v.size() >= 2 && v[v.size() - 2] == '\xC2' && v.back() == '\xA0') return 2;
        return 0;
    };
    while (std::size_t k = starts_blank(s))
        s.remove_prefix(k);
    while (std::size_t k = ends_blank(s))
        s.remove_suffix(k);
    return s;
}

std::string trim(std::string_view s) {
    return std::string(trim_view(s));
}

int code_point_count(std::string_view s) {
    int count = 0;
    for (char c : s)
        if (!is_continuation(static_cast<unsigned char>(c))) ++count;
    return count;
}

std::string fold_case(std::string_view utf8) {
    if (is_ascii(utf8)) {
        // Full case folding of ASCII is plain lower-casing.
        std::string out(utf8);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(piece(utf8));
    u.foldCase(U_FOLD_CASE_DEFAULT);
    std::string out;
    u.toUTF8String(out);
    return out;
}

struct Collator::Impl {
    std::unique_ptr<icu::Collator> collator;
};

Collator::Collator(const char* locale) : impl_(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    impl_->collator.reset(icu::Collator::createInstance(icu::Locale(locale), status));
    if (U_FAILURE(status) || !impl_->collator)
        throw std::runtime_error(std::string("ICU: no collation for locale ") + locale);
    // Data is NFC after loading, but text from rule files or the command line may not be:
    // let ICU normalize so that canonically equivalent strings always compare equal.
    impl_->collator->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
}

Collator::~Collator() = default;

const Collator& Collator::vietnamese() {
    // A function-local static is initialized exactly once, even with concurrent callers.
    static const Collator instance("vi");
    return instance;
}

int Collator::compare(std::string_view a, std::string_view b) const {
    UErrorCode status = U_ZERO_ERROR;
    UCollationResult r = impl_->collator->compareUTF8(piece(a), piece(b), status);
    if (U_FAILURE(status)) return a.compare(b); // unreachable for valid input; stay total
    return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

std::string Collator::sort_key(std::string_view s) const {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(piece(s));
    std::string key(std::max<std::size_t>(32, s.size() * 4), '\0');
    auto fill = [&] {
        return impl_->collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()),
                                           static_cast<int32_t>(key.size()));
    };
    int32_t len = fill();
    if (len > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(len));
        len = fill();
    }
    // ICU counts and writes a terminating zero byte; drop it so keys compare as plain bytes.
    key.resize(len > 0 ? static_cast<std::size_t>(len - 1) : 0);
    return key;
}

} // namespace commend::text
