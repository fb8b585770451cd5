// Small pieces shared by the stages of CsvDataSource: required columns, years, subject ids.
#include "commend/text/unicode.hpp"
#include "data/csv_load.hpp"

namespace commend::csv_load {

bool require_columns(const CsvTable& t, std::initializer_list<std::string_view> names,
                     Diagnostics& diags) {
    bool ok = true;
    const int line = t.header.empty() ? 1 : t.header.front().line;
    for (std::string_view name : names) {
        if (t.column(name)) continue;
        std::string all;
        for (std::string_view n : names)
            all += (all.empty() ? "" : ", ") + std::string(n);
        diags.error("data.missing-column", {t.file, line, 1},
                    "the header has no column \"" + std::string(name) +
                        "\"; this file needs the columns " + all);
        ok = false;
    }
    return ok;
}

std::optional<int> parse_year(std::string_view text) {
    if (text.empty() || text.size() > 4) return std::nullopt;
    int year = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        year = year * 10 + (c - '0');
    }
    return year;
}

std::optional<int> read_year(const CsvTable& t, const CsvField& cell, std::string_view what,
                             Diagnostics& diags) {
    auto year = parse_year(cell.text);
    if (!year && cell.text.empty())
        diags.error("data.bad-year", t.pos(cell),
                    std::string(what) + " is empty; write the year as a whole number such as 2021");
    else if (!year)
        diags.error("data.bad-year", t.pos(cell),
                    std::string(what) + " \"" + std::string(cell.text) +
                        "\" is not a year; write it as a whole number such as 2021");
    return year;
}

std::optional<SubjectIndex> lookup_subject(const Loader& l, const CsvTable& t, const CsvField& cell,
                                           const char* code, const char* what) {
    if (cell.text.empty()) {
        l.diags.error("data.empty-id", t.pos(cell),
                      std::string(what) +
                          " id is empty; write the id of a subject of subjects.csv");
        return std::nullopt;
    }
    if (auto it = l.by_id.find(cell.text); it != l.by_id.end()) return it->second;
    std::string message = "unknown " + std::string(what) + " id \"" + std::string(cell.text) + "\"";
    // Ids are compared exactly, but a near miss by letter case is most likely a typo.
    if (auto other = find_by_folded_id(l, cell.text))
        message += "; subjects.csv has \"" + l.data.subjects[static_cast<std::size_t>(*other)].id +
                   "\" (ids are compared exactly, letter case included)";
    else
        message += "; it is not an id in subjects.csv";
    l.diags.error(code, t.pos(cell), message);
    return std::nullopt;
}

std::optional<SubjectIndex> find_by_folded_id(const Loader& l, std::string_view id,
                                              SubjectIndex self) {
    const std::string folded = text::fold_case(id);
    for (const auto* index : {&l.by_id, &l.by_folded_id})
        if (auto it = index->find(folded); it != index->end() && it->second != self)
            return it->second;
    return std::nullopt;
}

void error_with_note(Diagnostics& diags, std::string code, SourcePos pos, std::string message,
                     SourcePos note_pos, std::string note) {
    Diagnostic d{Severity::error, std::move(code), std::move(pos), std::move(message), {}};
    d.notes.emplace_back(std::move(note_pos), std::move(note));
    diags.add(std::move(d));
}

} // namespace commend::csv_load
