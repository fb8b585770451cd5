// Stages 3 and 5 of CsvDataSource for evaluations.csv: the rows (subject, year), then the
// yearly columns with their types, values and `missing` defaults (SPEC §2).
#include <algorithm>
#include <set>

#include "data/csv_load.hpp"

namespace commend::csv_load {

namespace {

/// A (subject, year) pair as one integer key; years have at most 4 digits.
std::int64_t key(SubjectIndex s, int year) {
    return std::int64_t{s} * 10000 + year;
}

/// The type of the evaluations.csv column `name`: declared in [columns], else the column
/// named after a scale holds its levels, else inferred from the values.
void choose_type(Loader& l, const CsvTable& t, std::size_t c, Column& col) {
    if (auto d = l.schema.columns.find(col.name); d != l.schema.columns.end()) {
        col.type = d->second.type;
        col.scale = d->second.scale;
    } else if (int scale = l.schema.scale_index(col.name); scale >= 0) {
        col.type = ColumnType::level;
        col.scale = scale;
    } else {
        col.type = infer_type(t, c, /*allow_flag=*/true);
        bool empty = true;
        for (const auto& row : t.rows())
            empty = empty && row[c].text.empty();
        if (empty)
            l.diags.warning("data.empty-column", t.pos(t.header[c]),
                            "column \"" + col.name +
                                "\" has no values, so it is read as a flag; declare its type in "
                                "[columns] if it holds something else");
    }
    // A level column always names its scale; a declaration that does not is the rule
    // loader's error, so read the values as text rather than index a missing scale.
    if (col.type == ColumnType::level && col.scale < 0) col.type = ColumnType::text;
}

/// Fills the slots still missing, in years in which the subject exists, with the declared
/// `missing` default of the column, if any.
void apply_default(Loader& l, ColumnReader& reader, const Column& col) {
    auto d = l.schema.columns.find(col.name);
    if (d == l.schema.columns.end() || !d->second.missing) return;
    // The default comes from TOML, where numbers always use '.'.
    auto value = reader.parse(*d->second.missing, /*decimal_comma=*/false);
    if (!value) {
        l.diags.error("data.bad-default", d->second.pos,
                      "the missing value \"" + *d->second.missing + "\" of column \"" + col.name +
                          "\" is not a " + type_name(col.type) +
                          "; give a value of the column's type");
        return;
    }
    reader.set_default(*value);
    const DataSet& data = l.data;
    for (int y = data.first_year; y <= data.last_year; ++y) // in slot order (year-major)
        for (SubjectIndex s = 0; s < static_cast<SubjectIndex>(data.subjects.size()); ++s)
            if (data.subjects[static_cast<std::size_t>(s)].exists_in(y) &&
                reader.is_missing(data.slot(s, y)))
                reader.put(data.slot(s, y), *value);
}

} // namespace

bool load_evaluation_rows(Loader& l, const CsvTable& t) {
    if (!require_columns(t, {"subject", "year"}, l.diags)) return false;
    const std::size_t c_subject = *t.column("subject"), c_year = *t.column("year");
    // Duplicates are found with one slot per (subject, year) of the file's span of years —
    // a flat array rather than a hash map of ten million entries — unless a stray year
    // makes the span too wide for that.
    int min_year = 0, max_year = -1;
    for (const auto row : t.rows())
        if (auto y = parse_year(row[c_year].text)) {
            if (max_year < min_year) min_year = max_year = *y;
            min_year = std::min(min_year, *y), max_year = std::max(max_year, *y);
        }
    const std::size_t span = max_year >= min_year ? std::size_t(max_year - min_year + 1) : 0;
    const std::size_t subjects = l.data.subjects.size();
    const bool flat = span * subjects <= 4 * t.rows().size() + 1024;
    std::vector<std::uint32_t> first_slot(flat ? span * subjects : 0); // row + 1, or 0
    std::unordered_map<std::int64_t, std::size_t> first_map;           // when not flat
    l.evaluation_rows.reserve(t.rows().size());
    // Rows usually come grouped by subject: the previous row's lookup is reused.
    std::string_view last_id;
    std::optional<SubjectIndex> last_subject;
    for (std::size_t r = 0; r < t.rows().size(); ++r) {
        const auto row = t.rows()[r];
        const CsvField id = row[c_subject];
        auto s = last_subject && id.text == last_id
                     ? last_subject
                     : lookup_subject(l, t, id, "data.unknown-subject", "subject");
        last_id = id.text;
        last_subject = s;
        auto y = read_year(t, row[c_year], "year", l.diags);
        if (!s || !y) continue;
        std::optional<std::size_t> first;
        if (flat) {
            auto& slot = first_slot[std::size_t(*s) * span + std::size_t(*y - min_year)];
            if (slot)
                first = slot - 1;
            else
                slot = static_cast<std::uint32_t>(r + 1);
        } else if (auto [it, fresh] = first_map.try_emplace(key(*s, *y), r); !fresh) {
            first = it->second;
        }
        if (first) {
            const auto first_row = t.rows()[*first];
            error_with_note(l.diags, "data.duplicate-row", t.pos(row[c_subject]),
                            "a second row for subject \"" + std::string(row[c_subject].text) +
                                "\" in " + std::to_string(*y) + " (the first is on line " +
                                std::to_string(first_row.line()) +
                                "); keep one row per subject and year",
                            t.pos(first_row), "first row");
            continue;
        }
        l.mention(*y);
        l.evaluation_rows.push_back({*s, *y, static_cast<std::uint32_t>(r), true});
    }
    return true;
}

void load_yearly_columns(Loader& l, const CsvTable& t) {
    DataSet& data = l.data;
    const std::size_t size = data.subjects.size() * static_cast<std::size_t>(data.year_count());
    // Which rows are stored: valid subject and year, not a duplicate, within existence.
    std::vector<const YearRow*> stored(t.rows().size(), nullptr);
    for (const auto& yr : l.evaluation_rows)
        if (yr.in_existence) stored[yr.row] = &yr;

    std::set<std::string> present;
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        const std::string& name = t.header[c].text;
        if (name == "subject" || name == "year") continue;
        present.insert(name);
        Column col;
        col.name = name;
        choose_type(l, t, c, col);
        {
            ColumnReader reader(col, l.schema, size);
            // Every row's value is checked, even in rows with other errors, so that all
            // problems are reported at once; only valid rows are stored.
            for (std::size_t r = 0; r < t.rows().size(); ++r) {
                const CsvField& cell = t.rows()[r][c];
                if (cell.text.empty()) continue; // missing
                auto v = reader.parse(cell.text, t.decimal_comma);
                if (!v)
                    reader.report_bad(t, cell, l.diags);
                else if (stored[r])
                    reader.put(data.slot(stored[r]->subject, stored[r]->year), *v);
            }
            apply_default(l, reader, col);
        }
        data.yearly.push_back(std::move(col));
    }

    // A declared column that the file lacks is missing throughout, or its default.
    for (const auto& [name, decl] : l.schema.columns) {
        if (present.count(name)) continue;
        Column col;
        col.name = name;
        col.type = decl.type;
        col.scale = decl.scale;
        if (col.type == ColumnType::level && col.scale < 0) col.type = ColumnType::text;
        {
            ColumnReader reader(col, l.schema, size);
            apply_default(l, reader, col);
        }
        data.yearly.push_back(std::move(col));
    }
    for (auto& col : data.yearly)
        col.small_integers = col.type == ColumnType::number && only_small_integers(col.numbers);
}

} // namespace commend::csv_load
