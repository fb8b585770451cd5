// Reading cell text as values of a column's type (flag, number, text, level) and inferring
// the type of an undeclared column (SPEC §2).
#include <algorithm>

#include "data/csv_load.hpp"

namespace commend {

namespace {

bool iequals_ascii(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

} // namespace

std::optional<bool> parse_flag(std::string_view text) {
    if (iequals_ascii(text, "true")) return true;
    if (iequals_ascii(text, "false")) return false;
    return std::nullopt;
}

namespace csv_load {

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

} // namespace

const char* type_name(ColumnType type) {
    switch (type) {
    case ColumnType::flag:
        return "flag";
    case ColumnType::number:
        return "number";
    case ColumnType::text:
        return "text";
    case ColumnType::level:
        return "level";
    }
    return "?";
}

ColumnReader::ColumnReader(Column& col, const DataSchema& schema, std::size_t size)
    : col_(col), schema_(schema) {
    switch (col.type) {
    case ColumnType::flag:
    case ColumnType::level:
        col.bytes.assign(size, -1);
        break;
    case ColumnType::number:
        col.numbers.assign(size, Column::missing_number);
        break;
    case ColumnType::text:
        col.texts.assign(size, -1);
        break;
    }
    if (col.type == ColumnType::level && col.scale >= 0) {
        // One lookup per cell, without allocating: the scale's levels, then the aliases, which
        // are applied first and so override a level of the same name.
        const Scale& scale = schema.scales[static_cast<std::size_t>(col.scale)];
        for (std::size_t i = 0; i < scale.levels.size(); ++i)
            levels_[scale.levels[i]] = static_cast<int>(i);
        for (const auto& [from, to] : schema.aliases) {
            int i = scale.index_of(to);
            levels_[from] = i >= 0 ? i : -2;
        }
    }
}

std::optional<ColumnReader::Value> ColumnReader::parse(std::string_view text, bool decimal_comma) {
    Value v;
    switch (col_.type) {
    case ColumnType::flag:
        if (auto f = parse_flag(text)) {
            v.byte = *f ? 1 : 0;
            return v;
        }
        return std::nullopt;
    case ColumnType::number:
        if (auto n = parse_number(text, decimal_comma)) {
            v.number = *n;
            return v;
        }
        return std::nullopt;
    case ColumnType::text: {
        auto [it, added] = interned_.try_emplace(std::string(text),
                                                 static_cast<std::int32_t>(col_.strings.size()));
        if (added) col_.strings.emplace_back(text);
        v.text = it->second;
        return v;
    }
    case ColumnType::level: {
        auto it = levels_.find(text);
        if (it == levels_.end() || it->second < 0) return std::nullopt;
        v.byte = static_cast<std::int8_t>(it->second);
        return v;
    }
    }
    return std::nullopt;
}

void ColumnReader::set_default(const Value& v) {
    col_.has_default = true;
    col_.default_byte = v.byte;
    col_.default_number = v.number;
    col_.default_text = v.text;
}

void ColumnReader::put(std::size_t slot, const Value& v) {
    switch (col_.type) {
    case ColumnType::flag:
    case ColumnType::level:
        col_.bytes[slot] = v.byte;
        break;
    case ColumnType::number:
        col_.numbers[slot] = v.number;
        break;
    case ColumnType::text:
        col_.texts[slot] = v.text;
        break;
    }
}

bool ColumnReader::is_missing(std::size_t slot) const {
    switch (col_.type) {
    case ColumnType::flag:
    case ColumnType::level:
        return col_.bytes[slot] < 0;
    case ColumnType::number:
        return std::isnan(col_.numbers[slot]);
    case ColumnType::text:
        return col_.texts[slot] < 0;
    }
    return true;
}

void ColumnReader::report_bad(const CsvTable& t, const CsvField& cell, Diagnostics& diags) const {
    const std::string head = "column \"" + col_.name + "\" ";
    const std::string value = "\"" + std::string(cell.text) + "\"";
    switch (col_.type) {
    case ColumnType::flag:
        diags.error("data.bad-value", t.pos(cell),
                    head + "holds flags, but this cell is " + value + "; write true or false");
        return;
    case ColumnType::number:
        diags.error("data.bad-value", t.pos(cell),
                    head + "holds numbers, but this cell is " + value +
                        (t.decimal_comma
                             ? "; write a number such as 12, -3 or 1.250,5 (with ';' as the "
                               "delimiter, ',' is the decimal mark)"
                             : "; write a number such as 12, -3 or 0.57"));
        return;
    case ColumnType::text:
        return; // every text is a text
    case ColumnType::level:
        break;
    }
    const Scale& scale = schema_.scales[static_cast<std::size_t>(col_.scale)];
    const std::string levels = "scale " + scale.name + " (" + joined(scale.levels) + ")";
    auto alias = schema_.aliases.find(std::string(cell.text));
    if (alias != schema_.aliases.end())
        diags.error("data.bad-level", t.pos(cell),
                    head + "holds levels of " + levels + ", but [aliases] reads " + value +
                        " as \"" + alias->second +
                        "\", which is not one of them; fix the alias or the cell");
    else
        diags.error("data.bad-level", t.pos(cell),
                    head + "holds levels of " + levels + ", but this cell is " + value +
                        "; use one of those levels, or map the value to one in [aliases]");
}

ColumnType infer_type(const CsvTable& t, std::size_t column, bool allow_flag) {
    bool flags = allow_flag, numbers = true;
    for (const auto& row : t.rows()) {
        const std::string_view text = row[column].text;
        if (text.empty()) continue;
        if (flags && !parse_flag(text)) flags = false;
        if (numbers && !parse_number(text, t.decimal_comma)) numbers = false;
        if (!flags && !numbers) return ColumnType::text;
    }
    // Checked in the SPEC's order, so an empty column is a flag (or a number for statics).
    return flags ? ColumnType::flag : numbers ? ColumnType::number : ColumnType::text;
}

} // namespace csv_load

} // namespace commend
