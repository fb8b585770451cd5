// Reading back what commend writes as a zip (an .xlsx workbook) in tests: the archive's files
// by name, inflated with zlib, and the text of every cell of a workbook's sheets.
#pragma once

#include <cstdint>
#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>
#include <zlib.h>

namespace commend::test {

inline std::uint32_t le(const std::string& b, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(b.at(at + static_cast<std::size_t>(i)));
    return v;
}

/// Every file of the zip archive `bytes`, by its name. Throws on what it cannot read.
inline std::map<std::string, std::string> read_zip(const std::string& bytes) {
    const std::size_t eocd = bytes.rfind(std::string("PK\x05\x06", 4));
    if (eocd == std::string::npos) throw std::runtime_error("not a zip archive");
    const std::uint32_t entries = le(bytes, eocd + 10, 2);
    std::size_t at = le(bytes, eocd + 16, 4);
    std::map<std::string, std::string> files;
    for (std::uint32_t e = 0; e < entries; ++e) {
        if (le(bytes, at, 4) != 0x02014b50) throw std::runtime_error("bad central directory");
        const auto method = le(bytes, at + 10, 2);
        const auto packed = le(bytes, at + 20, 4), size = le(bytes, at + 24, 4);
        const auto name_len = le(bytes, at + 28, 2), extra = le(bytes, at + 30, 2),
                   comment = le(bytes, at + 32, 2), local = le(bytes, at + 42, 4);
        const std::string name = bytes.substr(at + 46, name_len);
        at += 46 + name_len + extra + comment;
        const std::size_t data = local + 30 + le(bytes, local + 26, 2) + le(bytes, local + 28, 2);
        std::string out(size, '\0');
        if (method == 0) {
            out = bytes.substr(data, size);
        } else if (method == 8) {
            z_stream z{};
            if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw std::runtime_error("zlib");
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + data));
            z.avail_in = packed;
            z.next_out = reinterpret_cast<Bytef*>(out.data());
            z.avail_out = size;
            const int rc = inflate(&z, Z_FINISH);
            inflateEnd(&z);
            if (rc != Z_STREAM_END) throw std::runtime_error("cannot inflate " + name);
        } else {
            throw std::runtime_error("unknown compression in " + name);
        }
        files[name] = std::move(out);
    }
    return files;
}

inline std::string xml_text(std::string s) {
    static const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (std::size_t i = 0; (i = s.find(from, i)) != std::string::npos; i += 1)
            s.replace(i, std::string(from).size(), to);
    return s;
}

/// One sheet of a workbook: its name, its XML, and the text of every cell in order (shared
/// strings resolved, numbers as written).
struct Sheet {
    std::string name, xml;
    std::vector<std::string> cells;
    bool has(const std::string& text) const {
        for (const auto& c : cells)
            if (c == text) return true;
        return false;
    }
};

inline std::vector<Sheet> read_workbook(const std::string& bytes) {
    auto files = read_zip(bytes);
    std::vector<std::string> shared;
    const std::regex si("<si>(?:<t[^>]*>([^<]*)</t>)?</si>"),
        sheet_re("<sheet name=\"([^\"]*)\" "
                 "sheetId=\"[0-9]+\" r:id=\"(rId[0-9]+)\"/>"),
        rel_re("<Relationship Id=\"(rId[0-9]+)\" Type=\"[^\"]*\" Target=\"([^\"]*)\"/>"),
        cell_re("<c r=\"[A-Z]+[0-9]+\"(?: s=\"[0-9]+\")?(?: t=\"([a-z]+)\")?>(?:<v>([^<]*)</v>)?");
    const std::string& sst = files["xl/sharedStrings.xml"];
    for (std::sregex_iterator i(sst.begin(), sst.end(), si), end; i != end; ++i)
        shared.push_back(xml_text((*i)[1]));
    std::map<std::string, std::string> targets;
    const std::string& rels = files["xl/_rels/workbook.xml.rels"];
    for (std::sregex_iterator i(rels.begin(), rels.end(), rel_re), end; i != end; ++i)
        targets[(*i)[1]] = (*i)[2];
    std::vector<Sheet> out;
    const std::string& wb = files["xl/workbook.xml"];
    for (std::sregex_iterator i(wb.begin(), wb.end(), sheet_re), end; i != end; ++i) {
        Sheet s;
        s.name = xml_text((*i)[1]);
        s.xml = files["xl/" + targets[(*i)[2]]];
        for (std::sregex_iterator c(s.xml.begin(), s.xml.end(), cell_re); c != end; ++c) {
            if (!(*c)[2].matched) continue;
            s.cells.push_back((*c)[1] == "s" ? shared.at(std::stoul((*c)[2])) : xml_text((*c)[2]));
        }
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace commend::test
