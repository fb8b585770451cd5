// Ordering subjects by id (code point order, SPEC §6) without reading every id's string at
// every comparison: the first 16 bytes of an id as two big-endian integers order ids as the
// strings do (bytes compared unsigned, a shorter id first), so a sort compares two integers
// and reads the strings only when the first 16 bytes agree.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace commend {

struct IdPrefix {
    std::uint64_t high = 0, low = 0;

    IdPrefix() = default;
    explicit IdPrefix(std::string_view id) {
        unsigned char bytes[16] = {};
        std::memcpy(bytes, id.data(), std::min<std::size_t>(id.size(), 16));
        for (std::size_t i = 0; i < 8; ++i) {
            high = high << 8 | bytes[i];
            low = low << 8 | bytes[8 + i];
        }
    }
    bool operator<(const IdPrefix& o) const { return high != o.high ? high < o.high : low < o.low; }
    bool operator==(const IdPrefix& o) const = default;
};

/// a < b for two ids with their prefixes: the strings are read only when the prefixes agree.
inline bool id_less(const IdPrefix& pa, const std::string& a, const IdPrefix& pb,
                    const std::string& b) {
    if (!(pa == pb)) return pa < pb;
    return a < b;
}

} // namespace commend
