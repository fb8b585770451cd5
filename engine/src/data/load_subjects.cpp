// Stage 2 of CsvDataSource: subjects.csv → DataSet::subjects and DataSet::statics (SPEC §2).
#include <algorithm>

#include "commend/text/unicode.hpp"
#include "data/csv_load.hpp"

namespace commend::csv_load {

namespace {

constexpr std::string_view known_columns[] = {"id", "name", "kind", "parent", "from", "until"};

/// Reports each cycle of the parent relation once, naming its members in parent order:
/// "parent cycle: a → b → a".
void report_cycles(Loader& l, const CsvTable& t, const std::vector<std::size_t>& row_of,
                   std::size_t parent_column) {
    const auto& subjects = l.data.subjects;
    const auto n = static_cast<SubjectIndex>(subjects.size());
    // 0: not visited; s + 1: on the walk that started at s; -1: known to reach a root or a
    // cycle already reported.
    std::vector<SubjectIndex> state(subjects.size(), 0);
    auto parent = [&](SubjectIndex s) { return subjects[static_cast<std::size_t>(s)].parent; };
    for (SubjectIndex s = 0; s < n; ++s) {
        if (state[static_cast<std::size_t>(s)] != 0) continue;
        const SubjectIndex walk = s + 1;
        SubjectIndex x = s;
        while (x != no_subject && state[static_cast<std::size_t>(x)] == 0) {
            state[static_cast<std::size_t>(x)] = walk;
            x = parent(x);
        }
        if (x != no_subject && state[static_cast<std::size_t>(x)] == walk) {
            // The walk came back to itself: x is on a cycle. Start the message at the member
            // that comes first in the file, so the report does not depend on where we entered.
            std::vector<SubjectIndex> members;
            SubjectIndex y = x;
            do {
                members.push_back(y);
                y = parent(y);
            } while (y != x);
            std::rotate(members.begin(), std::min_element(members.begin(), members.end()),
                        members.end());
            std::string chain;
            for (SubjectIndex m : members)
                chain += subjects[static_cast<std::size_t>(m)].id + " → ";
            chain += subjects[static_cast<std::size_t>(members.front())].id;
            auto cell = [&](SubjectIndex m) {
                return t.pos(t.rows()[row_of[static_cast<std::size_t>(m)]][parent_column]);
            };
            Diagnostic d{Severity::error,
                         "data.parent-cycle",
                         cell(members.front()),
                         "parent cycle: " + chain +
                             "; the parent relation must be a forest, so one of these subjects "
                             "needs another parent (or none)",
                         {}};
            for (std::size_t k = 1; k < members.size(); ++k)
                d.notes.emplace_back(cell(members[k]),
                                     "parent of " +
                                         subjects[static_cast<std::size_t>(members[k])].id);
            l.diags.add(std::move(d));
        }
        for (x = s; x != no_subject && state[static_cast<std::size_t>(x)] == walk; x = parent(x))
            state[static_cast<std::size_t>(x)] = -1;
    }
}

/// True when case folding leaves `id` as it is: ASCII without capitals (checked without
/// building the folded string, since it is true of nearly every id).
bool folds_to_itself(std::string_view id) {
    for (char c : id)
        if ((c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

/// Every column that is not one of the known ones is a static attribute: a number when all
/// its non-empty cells are numbers, else text; one value per subject.
void load_statics(Loader& l, const CsvTable& t, const std::vector<std::size_t>& row_of) {
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        const std::string& name = t.header[c].text;
        if (std::find(std::begin(known_columns), std::end(known_columns), name) !=
            std::end(known_columns))
            continue;
        Column col;
        col.name = name;
        col.type = infer_type(t, c, /*allow_flag=*/false);
        {
            ColumnReader reader(col, l.schema, row_of.size());
            for (std::size_t s = 0; s < row_of.size(); ++s) {
                const std::string_view text = t.rows()[row_of[s]][c].text;
                if (text.empty()) continue; // missing
                if (auto v = reader.parse(text, t.decimal_comma)) reader.put(s, *v);
            }
        }
        l.data.statics.push_back(std::move(col));
    }
}

} // namespace

bool load_subjects(Loader& l, const CsvTable& t) {
    if (!require_columns(t, {"id", "name", "kind"}, l.diags)) return false;
    const std::size_t c_id = *t.column("id"), c_name = *t.column("name"),
                      c_kind = *t.column("kind");
    const auto c_parent = t.column("parent"), c_from = t.column("from"),
               c_until = t.column("until");
    auto& subjects = l.data.subjects;
    std::vector<std::size_t> row_of; // the CSV row of each subject

    for (std::size_t r = 0; r < t.rows().size(); ++r) {
        const auto& row = t.rows()[r];
        const CsvField& id = row[c_id];
        // Rows with an empty or repeated id are left out of the subjects, so that later
        // stages see one subject per id; the error stops the load anyway.
        if (id.text.empty()) {
            l.diags.error("data.empty-id", t.pos(id),
                          "subject id is empty; every row of subjects.csv needs a unique id");
            continue;
        }
        if (auto it = l.by_id.find(id.text); it != l.by_id.end()) {
            const CsvField& first = t.rows()[row_of[static_cast<std::size_t>(it->second)]][c_id];
            error_with_note(l.diags, "data.duplicate-id", t.pos(id),
                            "duplicate subject id \"" + std::string(id.text) +
                                "\", first defined on line " + std::to_string(first.line) +
                                "; ids must be unique",
                            t.pos(first), "first defined here");
            continue;
        }
        const auto index = static_cast<SubjectIndex>(subjects.size());
        // Most ids are lower-case ASCII slugs, which case folding leaves as they are: only
        // the others go into by_folded_id, and finding a clash needs both indexes.
        std::optional<SubjectIndex> clash;
        if (folds_to_itself(id.text)) {
            if (auto it = l.by_folded_id.find(id.text); it != l.by_folded_id.end())
                clash = it->second;
        } else {
            clash = find_by_folded_id(l, id.text, index);
            l.by_folded_id.try_emplace(text::fold_case(id.text), index);
        }
        if (clash) {
            const Subject& other = subjects[static_cast<std::size_t>(*clash)];
            Diagnostic d{Severity::warning,
                         "data.id-case",
                         t.pos(id),
                         "id \"" + std::string(id.text) + "\" differs only by letter case from \"" +
                             other.id + "\" (line " + std::to_string(other.pos.line) +
                             "); ids are compared exactly, so these are two subjects",
                         {}};
            d.notes.emplace_back(t.pos(t.rows()[row_of[static_cast<std::size_t>(*clash)]][c_id]),
                                 "the other id");
            l.diags.add(std::move(d));
        }

        Subject s;
        s.id = id.text;
        s.name = row[c_name].text;
        s.kind = row[c_kind].text;
        s.pos = t.pos(row);
        if (s.kind.empty())
            l.diags.warning("data.empty-kind", t.pos(row[c_kind]),
                            "subject \"" + s.id +
                                "\" has no kind, so no award, check or "
                                "target applies to it");
        std::optional<int> from, until;
        if (c_from && !row[*c_from].text.empty())
            if ((from = read_year(t, row[*c_from], "from", l.diags))) l.mention(*from);
        if (c_until && !row[*c_until].text.empty())
            if ((until = read_year(t, row[*c_until], "until", l.diags))) l.mention(*until);
        if (from && until && *from > *until)
            l.diags.error("data.bad-range", t.pos(row[*c_until]),
                          "subject \"" + s.id + "\" exists from " + std::to_string(*from) +
                              " until " + std::to_string(*until) +
                              ", which is before it starts; swap or fix the years");
        s.until = until;
        subjects.push_back(std::move(s));
        l.from_cell.push_back(from);
        l.by_id.emplace(id.text, index);
        row_of.push_back(r);
    }

    // Parents, once every id is known (a parent may come after its children).
    if (c_parent) {
        for (std::size_t s = 0; s < subjects.size(); ++s) {
            const CsvField& cell = t.rows()[row_of[s]][*c_parent];
            if (cell.text.empty()) continue; // a root
            if (auto p = lookup_subject(l, t, cell, "data.unknown-parent", "parent"))
                subjects[s].parent = *p;
        }
        report_cycles(l, t, row_of, *c_parent);
    }
    load_statics(l, t, row_of);
    return true;
}

} // namespace commend::csv_load
