// Decoding the PNG screenshots Chromium writes (8-bit RGB or RGBA, not interlaced), with zlib,
// so a test can look at the pixels: is anything painted at all?
#pragma once

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>
#include <zlib.h>

namespace commend::test {

struct Image {
    int width = 0, height = 0;
    std::vector<std::uint32_t> pixels; ///< 0xRRGGBB, row by row
    std::uint32_t at(int x, int y) const {
        return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                      static_cast<std::size_t>(x)];
    }
};

inline std::uint32_t be32(const std::string& b, std::size_t at) {
    return (std::uint32_t(static_cast<unsigned char>(b.at(at))) << 24) |
           (std::uint32_t(static_cast<unsigned char>(b.at(at + 1))) << 16) |
           (std::uint32_t(static_cast<unsigned char>(b.at(at + 2))) << 8) |
           std::uint32_t(static_cast<unsigned char>(b.at(at + 3)));
}

inline Image decode_png(const std::string& png) {
    if (png.size() < 8 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0)
        throw std::runtime_error("not a PNG file");
    Image img;
    int channels = 0;
    std::string idat;
    for (std::size_t at = 8; at + 8 <= png.size();) {
        const std::uint32_t length = be32(png, at);
        const std::string type = png.substr(at + 4, 4);
        if (type == "IHDR") {
            img.width = static_cast<int>(be32(png, at + 8));
            img.height = static_cast<int>(be32(png, at + 12));
            const int depth = static_cast<unsigned char>(png.at(at + 16));
            const int colour = static_cast<unsigned char>(png.at(at + 17));
            const int interlace = static_cast<unsigned char>(png.at(at + 20));
            if (depth != 8 || (colour != 2 && colour != 6) || interlace != 0)
                throw std::runtime_error("unsupported PNG layout");
            channels = colour == 2 ? 3 : 4;
        } else if (type == "IDAT") {
            idat += png.substr(at + 8, length);
        } else if (type == "IEND") {
            break;
        }
        at += 12 + length;
    }
    const std::size_t stride = static_cast<std::size_t>(img.width) * channels;
    std::string raw((stride + 1) * static_cast<std::size_t>(img.height), '\0');
    uLongf raw_size = raw.size();
    if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &raw_size,
                   reinterpret_cast<const Bytef*>(idat.data()), idat.size()) != Z_OK ||
        raw_size != raw.size())
        throw std::runtime_error("cannot inflate the PNG data");
    // Undo the per-row filters (PNG spec §9).
    std::vector<unsigned char> prev(stride, 0), row(stride);
    img.pixels.reserve(static_cast<std::size_t>(img.width) * img.height);
    for (int y = 0; y < img.height; ++y) {
        const std::size_t start = static_cast<std::size_t>(y) * (stride + 1);
        const int filter = static_cast<unsigned char>(raw[start]);
        for (std::size_t i = 0; i < stride; ++i) {
            const int x = static_cast<unsigned char>(raw[start + 1 + i]);
            const int a = i >= static_cast<std::size_t>(channels) ? row[i - channels] : 0;
            const int b = prev[i];
            const int c = i >= static_cast<std::size_t>(channels) ? prev[i - channels] : 0;
            int v = x;
            switch (filter) {
            case 1:
                v = x + a;
                break;
            case 2:
                v = x + b;
                break;
            case 3:
                v = x + (a + b) / 2;
                break;
            case 4: {
                const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b),
                          pc = std::abs(p - c);
                v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                break;
            }
            default:
                break;
            }
            row[i] = static_cast<unsigned char>(v & 0xFF);
        }
        for (int px = 0; px < img.width; ++px) {
            const std::size_t o = static_cast<std::size_t>(px) * channels;
            img.pixels.push_back((std::uint32_t(row[o]) << 16) | (std::uint32_t(row[o + 1]) << 8) |
                                 row[o + 2]);
        }
        prev.swap(row);
    }
    return img;
}

} // namespace commend::test
