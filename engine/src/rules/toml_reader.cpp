// TOML → RuleSet, with toml++. Every element keeps the position toml++ gives its node, and
// every expression keeps the position of its first character, so the checker can point
// into the expression. Problems are collected, never thrown: all of them are reported.
#include "rules/toml_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>
#include <tuple>

#include "commend/data/encoding.hpp"
#include "commend/expr/value.hpp"
#include "commend/limits.hpp"
#include "commend/text/unicode.hpp"
#include "rules/file_reader.hpp"

namespace commend::rules {

namespace {

constexpr std::size_t max_rule_file_bytes = limits::rule_file_bytes;
constexpr std::size_t max_items_per_file = limits::items_per_file;

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

} // namespace

namespace detail {

template <class F> void FileReader::for_each_table(const toml::table& root, const char* key, F f) {
    const toml::node* n = root.get(key);
    if (!n) return;
    const toml::array* arr = n->as_array();
    if (!arr) {
        error(pos(*n), "rule.wrong-type",
              std::string("[[") + key + "]] must be an array of tables");
        return;
    }
    if (arr->size() > max_items_per_file) {
        error(pos(*n), "rule.limit",
              "the file has " + std::to_string(arr->size()) + " [[" + key +
                  "]] tables; the limit is " + std::to_string(max_items_per_file) +
                  " in one file (split them into several files of a folder)");
        return;
    }
    for (const toml::node& item : *arr)
        if (auto* t = as_table(item, std::string("each [[") + key + "]]")) f(*t);
}

FileContents FileReader::read(const toml::table& root) {
    FileContents out;
    out.ruleset = std::make_unique<RuleSet>();
    RuleSet& rs = *out.ruleset;
    rs.file = display_;
    rs.source_lines = lines_;
    check_keys(root,
               {"ruleset", "scales", "aliases", "columns", "labels", "let", "award", "check",
                "target", "ranking", "test"},
               "the file");
    read_header(root, rs);
    read_shared(root, out.shared);
    rs.labels = out.shared.labels;
    read_lets(root, rs);
    for_each_table(root, "award", [&](const toml::table& t) { read_award(t, rs); });
    for_each_table(root, "check", [&](const toml::table& t) { read_check(t, rs); });
    for_each_table(root, "target", [&](const toml::table& t) { read_target(t, rs); });
    for_each_table(root, "test", [&](const toml::table& t) { read_test(t, rs); });
    if (auto* r = root.get("ranking")) {
        if (auto* t = as_table(*r, "[ranking]")) read_ranking(*t, rs);
    }
    return out;
}

SourcePos FileReader::pos(const toml::source_region& r) const {
    return {display_, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}
SourcePos FileReader::pos(const toml::node& n) const {
    return pos(n.source());
}

void FileReader::error(const SourcePos& at, std::string code, std::string message) {
    diags_.error(std::move(code), at, std::move(message));
}

void FileReader::check_keys(const toml::table& t, std::initializer_list<const char*> allowed,
                            const std::string& what) {
    std::set<std::string_view> ok(allowed.begin(), allowed.end());
    for (auto&& [k, v] : t) {
        if (!ok.count(k.str())) {
            std::string list;
            for (const char* a : allowed)
                list += (list.empty() ? "" : ", ") + std::string(a);
            error(pos(k.source()), "rule.unknown-key",
                  "unknown key '" + std::string(k.str()) + "' in " + what + "; allowed: " + list);
        }
    }
}

const toml::table* FileReader::as_table(const toml::node& n, const std::string& what) {
    if (auto* t = n.as_table()) return t;
    error(pos(n), "rule.wrong-type", what + " must be a table");
    return nullptr;
}

std::optional<std::size_t> FileReader::choice_at(const toml::table& t, const char* key,
                                                 const std::string& what,
                                                 std::initializer_list<const char*> words,
                                                 const char* code, const char* message) {
    auto s = string_at(t, key, what, false);
    if (!s) return std::nullopt;
    std::size_t i = 0;
    for (const char* w : words) {
        if (*s == w) return i;
        ++i;
    }
    error(pos(*t.get(key)), code, message);
    return std::nullopt;
}

std::optional<std::string> FileReader::string_at(const toml::table& t, const char* key,
                                                 const std::string& what, bool required,
                                                 SourcePos* where) {
    const toml::node* n = t.get(key);
    if (!n) {
        if (required) error(pos(t), "rule.missing-key", what + " needs '" + key + "'");
        return std::nullopt;
    }
    if (where) *where = pos(*n);
    if (auto* s = n->as_string()) return text::to_nfc(s->get());
    error(pos(*n), "rule.wrong-type", std::string("'") + key + "' of " + what + " must be text");
    return std::nullopt;
}

std::optional<int> FileReader::year_at(const toml::table& t, const char* key,
                                       const std::string& what) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto* i = n->as_integer()) {
        if (i->get() < 0 || i->get() > 9999) {
            error(pos(*n), "rule.bad-year",
                  std::string("'") + key + "' must be a year between 0 and 9999");
            return std::nullopt;
        }
        return static_cast<int>(i->get());
    }
    error(pos(*n), "rule.wrong-type",
          std::string("'") + key + "' of " + what + " must be a whole year");
    return std::nullopt;
}

std::vector<std::string> FileReader::strings_at(const toml::table& t, const char* key,
                                                const std::string& what, bool required) {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) {
        if (required) error(pos(t), "rule.missing-key", what + " needs '" + key + "'");
        return out;
    }
    const toml::array* arr = n->as_array();
    if (!arr) {
        error(pos(*n), "rule.wrong-type",
              std::string("'") + key + "' of " + what + " must be a list of text");
        return out;
    }
    // A repeated entry is a slip, and would make every subject of that kind count twice.
    std::set<std::string> seen;
    for (const toml::node& item : *arr) {
        if (auto* s = item.as_string()) {
            std::string entry = text::to_nfc(s->get());
            if (!seen.insert(entry).second) {
                error(pos(item), "rule.duplicate",
                      "'" + entry + "' appears twice in '" + key + "' of " + what);
                continue;
            }
            out.push_back(std::move(entry));
        } else
            error(pos(item), "rule.wrong-type",
                  std::string("each entry of '") + key + "' must be text");
    }
    return out;
}

/// Where the text of a string node starts: after its opening quote(s).
SourcePos FileReader::text_origin(const toml::node& n) const {
    SourcePos p = pos(n);
    if (p.line >= 1 && p.line <= static_cast<int>(lines_.size())) {
        const std::string& line = lines_[static_cast<std::size_t>(p.line - 1)];
        // Columns count characters; find the byte offset of column p.column.
        std::size_t byte = 0;
        for (int col = 1; col < p.column && byte < line.size(); ++col) {
            ++byte;
            while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80)
                ++byte;
        }
        std::string_view rest = std::string_view(line).substr(std::min(byte, line.size()));
        if (rest.rfind("\"\"\"", 0) == 0 || rest.rfind("'''", 0) == 0) {
            p.column += 3;
            if (rest.size() == 3) ++p.line, p.column = 1; // text starts on the next line
        } else {
            p.column += 1;
        }
    }
    return p;
}

std::optional<expr::SourceText> FileReader::expression(const toml::node& n,
                                                       const std::string& what) {
    auto* s = n.as_string();
    if (!s) {
        error(pos(n), "rule.wrong-type", what + " must be an expression in quotes");
        return std::nullopt;
    }
    expr::SourceText src;
    src.text = text::to_nfc(s->get());
    src.origin = text_origin(n);
    expr::parse(src, diags_);
    return src;
}

std::optional<expr::SourceText> FileReader::expression_at(const toml::table& t, const char* key,
                                                          const std::string& what, bool required) {
    const toml::node* n = t.get(key);
    if (!n) {
        if (required) error(pos(t), "rule.missing-key", what + " needs '" + key + "'");
        return std::nullopt;
    }
    return expression(*n, std::string("'") + key + "' of " + what);
}

void FileReader::read_header(const toml::table& root, RuleSet& rs) {
    const toml::node* n = root.get("ruleset");
    if (!n) {
        error({display_, 1, 1}, "rule.missing-key",
              "the file needs a [ruleset] table with an 'id'");
        return;
    }
    const toml::table* t = as_table(*n, "[ruleset]");
    if (!t) return;
    check_keys(*t, {"id", "title", "in_force", "source", "description"}, "[ruleset]");
    rs.pos = pos(*t);
    rs.id = string_at(*t, "id", "[ruleset]", true, &rs.pos).value_or("");
    rs.title = string_at(*t, "title", "[ruleset]", false).value_or(rs.id);
    if (const toml::node* f = t->get("in_force")) {
        if (auto* ft = as_table(*f, "in_force")) {
            check_keys(*ft, {"from", "until"}, "in_force");
            rs.in_force_from = year_at(*ft, "from", "in_force");
            rs.in_force_until = year_at(*ft, "until", "in_force");
            if (rs.in_force_from && rs.in_force_until && *rs.in_force_from > *rs.in_force_until)
                error(pos(*f), "rule.bad-year", "in_force: 'from' is after 'until'");
        }
    }
}

void FileReader::read_shared(const toml::table& root, SharedTables& shared) {
    if (auto* n = root.get("scales")) {
        if (auto* t = as_table(*n, "[scales]")) {
            for (auto&& [k, v] : *t) {
                SharedTables::ScaleDecl d;
                d.scale.name = std::string(k.str());
                d.pos = pos(k.source());
                auto* arr = v.as_array();
                if (!arr || arr->empty()) {
                    error(pos(v), "rule.wrong-type",
                          "a scale is a non-empty list of levels, best first");
                    continue;
                }
                std::set<std::string> seen;
                for (const toml::node& item : *arr) {
                    auto* s = item.as_string();
                    if (!s) {
                        error(pos(item), "rule.wrong-type", "each level of a scale must be text");
                        continue;
                    }
                    std::string level = text::to_nfc(s->get());
                    if (!seen.insert(level).second)
                        error(pos(item), "rule.duplicate",
                              "level '" + level + "' appears twice in scale " + d.scale.name);
                    d.scale.levels.push_back(level);
                }
                shared.scales.push_back(std::move(d));
            }
            // toml++ keeps a table's keys sorted by name; [scales] order is file order
            // (it orders `rank` without [ranking] and the counts), so restore it.
            std::stable_sort(
                shared.scales.begin(), shared.scales.end(), [](const auto& a, const auto& b) {
                    return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
                });
        }
    }
    if (auto* n = root.get("aliases")) {
        if (auto* t = as_table(*n, "[aliases]")) {
            for (auto&& [k, v] : *t) {
                if (auto* s = v.as_string())
                    shared.aliases.push_back(
                        {std::string(k.str()), text::to_nfc(s->get()), pos(k.source())});
                else
                    error(pos(v), "rule.wrong-type",
                          "an alias maps a data value to a level name, as text");
            }
        }
    }
    if (auto* n = root.get("columns")) {
        if (auto* t = as_table(*n, "[columns]")) {
            for (auto&& [k, v] : *t) {
                SharedTables::ColumnDecl d;
                d.name = std::string(k.str());
                d.pos = pos(k.source());
                d.type_pos = pos(v);
                if (auto* s = v.as_string()) {
                    d.type = s->get();
                } else if (auto* ct = v.as_table()) {
                    check_keys(*ct, {"type", "missing"}, "column '" + d.name + "'");
                    d.type = string_at(*ct, "type", "column '" + d.name + "'", true).value_or("");
                    if (auto* tn = ct->get("type")) d.type_pos = pos(*tn);
                    if (const toml::node* m = ct->get("missing")) {
                        using Kind = SharedTables::ColumnDecl::MissingKind;
                        d.missing_pos = pos(*m);
                        if (auto* b = m->as_boolean())
                            d.missing = b->get() ? "true" : "false", d.missing_kind = Kind::boolean;
                        else if (auto* i = m->as_integer())
                            d.missing = std::to_string(i->get()), d.missing_kind = Kind::number;
                        else if (auto* f = m->as_floating_point())
                            d.missing = expr::format_number(f->get()),
                            d.missing_kind = Kind::number;
                        else if (auto* ms = m->as_string())
                            d.missing = text::to_nfc(ms->get()), d.missing_kind = Kind::text;
                        else
                            error(pos(*m), "rule.wrong-type",
                                  "'missing' must be a value: true/false, a number or text");
                    }
                } else {
                    error(pos(v), "rule.wrong-type",
                          "a column is declared as a type name (\"flag\") or a table {type = "
                          "…, missing = …}");
                    continue;
                }
                shared.columns.push_back(std::move(d));
            }
        }
    }
    if (auto* n = root.get("labels")) {
        if (auto* t = as_table(*n, "[labels]")) {
            for (auto&& [k, v] : *t) {
                if (auto* s = v.as_string())
                    shared.labels[std::string(k.str())] = text::to_nfc(s->get());
                else
                    error(pos(v), "rule.wrong-type", "a label must be text");
            }
        }
    }
}

void FileReader::read_lets(const toml::table& root, RuleSet& rs) {
    const toml::node* n = root.get("let");
    if (!n) return;
    const toml::table* t = as_table(*n, "[let]");
    if (!t) return;
    if (t->size() > max_items_per_file) {
        error(pos(*n), "rule.limit",
              "the file has " + std::to_string(t->size()) + " [let] names; the limit is " +
                  std::to_string(max_items_per_file) + " in one file");
        return;
    }
    for (auto&& [k, v] : *t) {
        auto src = expression(v, "let '" + std::string(k.str()) + "'");
        if (src) rs.lets.push_back({std::string(k.str()), std::move(*src)});
    }
}

} // namespace detail

std::optional<std::string> read_rule_bytes(const std::string& path, const std::string& display,
                                           Diagnostics& diags) {
    // The size is checked before reading, so a huge file given by mistake is never loaded.
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_rule_file_bytes) {
        diags.error("rule.limit", {display, 0, 0},
                    "the rule file is " + std::to_string(size >> 20) + " MiB; the limit is " +
                        std::to_string(max_rule_file_bytes >> 20) +
                        " MiB (is this really a rule file? split big rule sets into several "
                        "files of a folder)");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (ec || !in) {
        diags.error("rule.unreadable", {display, 0, 0},
                    "cannot read the rule file; check that it exists and its permissions");
        return std::nullopt;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

std::optional<FileContents> read_rule_text(std::string_view content, const std::string& display,
                                           Diagnostics& diags) {
    if (content.size() > max_rule_file_bytes) {
        diags.error("rule.limit", {display, 0, 0},
                    "the rule file is larger than " + std::to_string(max_rule_file_bytes >> 20) +
                        " MiB; split big rule sets into several files of a folder");
        return std::nullopt;
    }
    // Named when it is a known encoding: one error the author can act on.
    if (auto e = detect_utf16(content)) {
        diags.error("rule.encoding", {display, 0, 0}, encoding_advice(*e)); // the whole file
        return std::nullopt;
    }
    if (auto bad = text::invalid_utf8_offset(content)) {
        const std::string_view before = content.substr(0, *bad);
        const std::size_t line_start = before.rfind('\n') + 1; // npos + 1 == 0
        const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
        const int column = 1 + text::code_point_count(before.substr(line_start));
        const TextEncoding e = guess_legacy_encoding(content);
        diags.error("rule.encoding", {display, line, column},
                    e == TextEncoding::unknown
                        ? "the rule file is not valid UTF-8 (from here on); save it as UTF-8"
                        : encoding_advice(e));
        return std::nullopt;
    }
    toml::table root;
    try {
        root = toml::parse(content, display);
    } catch (const toml::parse_error& e) {
        diags.error("rule.toml-syntax",
                    {display, static_cast<int>(e.source().begin.line),
                     static_cast<int>(e.source().begin.column)},
                    std::string(e.description()));
        return std::nullopt;
    }
    detail::FileReader reader(display, split_lines(std::string(content)), diags);
    return reader.read(root);
}

} // namespace commend::rules