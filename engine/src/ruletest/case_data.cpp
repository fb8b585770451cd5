// An inline case written out as the tables of a data folder (see case_data.hpp).
#include "ruletest/case_data.hpp"

#include <algorithm>
#include <map>

#include "commend/limits.hpp"

namespace commend::ruletest {

namespace {

constexpr std::size_t max_subjects = limits::test_case_subjects;
constexpr std::size_t max_rows = limits::test_case_rows;

/// One subject of the case, placed in the tree and given its years.
struct Placed {
    const CaseSubject* subject = nullptr;
    std::string id, parent;
    int first = 0, last = 0; ///< the years of its rows
};

class Builder {
  public:
    Builder(const TestCase& c, Diagnostics& diags) : case_(c), diags_(diags) {}

    std::optional<DataTables> build() {
        // The parent chain first (farthest first), then the case's subject under it.
        std::string parent;
        for (auto a = case_.ancestors.rbegin(); a != case_.ancestors.rend(); ++a) {
            place(*a, a->id, parent);
            parent = a->id;
        }
        if (case_.inline_subject) place(*case_.inline_subject, case_.inline_subject->id, parent);
        if (failed_) return std::nullopt;
        return tables();
    }

  private:
    const TestCase& case_;
    Diagnostics& diags_;
    std::vector<Placed> placed_;
    bool failed_ = false;
    std::size_t rows_ = 0; // the years of every subject placed so far

    // Places `s` and, depth first, its children: a child without an id is named after its
    // parent and its place among the parent's children ("s-1", "s-2", "s-2-1").
    void place(const CaseSubject& s, const std::string& id, const std::string& parent) {
        if (failed_) return;
        if (placed_.size() >= max_subjects) {
            diags_.error("test.limit", s.pos,
                         "the case has more than " + std::to_string(max_subjects) +
                             " subjects; use a data folder");
            failed_ = true;
            return;
        }
        Placed p{&s, id, parent, 0, 0};
        years(s, p);
        rows_ += static_cast<std::size_t>(std::max(0, p.last - p.first + 1));
        if (rows_ > max_rows) {
            diags_.error("test.limit", s.pos,
                         "the case's subjects have more than " + std::to_string(max_rows) +
                             " years of rows together; use a data folder, or give the subjects "
                             "a later 'from'");
            failed_ = true;
            return;
        }
        placed_.push_back(p);
        int n = 0;
        for (const CaseSubject& child : s.children)
            for (int k = 0; k < child.count; ++k)
                place(child, child.id.empty() ? id + "-" + std::to_string(++n) : child.id, id);
    }

    // Lists end at the subject's last year: the case's year, or its `until` if earlier. Its
    // rows start at `from`, or as far back as its longest list (and its earliest award) reach.
    void years(const CaseSubject& s, Placed& p) {
        p.last = s.until ? std::min(*s.until, case_.year) : case_.year;
        std::size_t longest = 1;
        for (const auto& h : s.history)
            longest = std::max(longest, h.values.size());
        p.first = p.last - static_cast<int>(longest) + 1;
        if (s.from) {
            const int span = p.last - *s.from + 1;
            for (const auto& h : s.history)
                if (!h.every_year && static_cast<int>(h.values.size()) > span) {
                    diags_.error("test.history-too-long",
                                 h.values[h.values.size() - static_cast<std::size_t>(span) - 1].pos,
                                 "'" + h.column + "' has " + std::to_string(h.values.size()) +
                                     " values, but the subject's years from " +
                                     std::to_string(*s.from) + " to " + std::to_string(p.last) +
                                     " are " + std::to_string(std::max(span, 0)) +
                                     "; one value per year, the last for " +
                                     std::to_string(p.last));
                    failed_ = true;
                }
            p.first = *s.from;
        } else {
            for (const auto& a : s.awards)
                p.first = std::min(p.first, std::stoi(a.year.text));
        }
    }

    static CsvCell cell(std::string text, const SourcePos& at) {
        return {std::move(text), at.line, at.column};
    }

    // A table stores its cells' text in one buffer (CsvTable): the row is handed over as views
    // of `cells`, which add_row copies; each cell keeps its own line, the row the first's.
    static void add(CsvTable& t, const std::vector<CsvCell>& cells) {
        std::vector<CsvField> fields;
        fields.reserve(cells.size());
        for (const CsvCell& c : cells)
            fields.push_back({c.text, c.line, c.column});
        // A case stays far below the table's 4 GiB of text (max_subjects, the rule file's
        // size), so add_row cannot refuse it.
        [[maybe_unused]] const bool added = t.add_row(cells.front().line, fields);
    }

    CsvTable table(std::vector<std::string> header) const {
        CsvTable t;
        t.file = case_.file;
        for (auto& h : header)
            t.header.push_back(cell(std::move(h), case_.pos));
        return t;
    }

    DataTables tables() const {
        // Columns in the order the case first writes them.
        std::vector<std::string> attributes, columns;
        auto note = [](std::vector<std::string>& list, const std::string& name) {
            if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
        };
        bool until = false;
        for (const Placed& p : placed_) {
            for (const auto& [name, value] : p.subject->attributes)
                note(attributes, name);
            for (const auto& h : p.subject->history)
                note(columns, h.column);
            until = until || p.subject->until.has_value();
        }

        std::vector<std::string> subject_header{"id", "name", "kind", "parent"};
        if (until) subject_header.push_back("until");
        subject_header.insert(subject_header.end(), attributes.begin(), attributes.end());
        CsvTable subjects = table(subject_header);
        std::vector<std::string> evaluation_header{"subject", "year"};
        evaluation_header.insert(evaluation_header.end(), columns.begin(), columns.end());
        CsvTable evaluations = table(evaluation_header);
        CsvTable awards = table({"subject", "year", "award"});

        for (const Placed& p : placed_) {
            const CaseSubject& s = *p.subject;
            std::vector<CsvCell> row{cell(p.id, s.pos), cell(s.name.empty() ? p.id : s.name, s.pos),
                                     cell(s.kind.text, s.kind.pos), cell(p.parent, s.pos)};
            if (until)
                row.push_back(s.until ? cell(std::to_string(*s.until), s.until_pos)
                                      : cell("", s.pos));
            for (const auto& name : attributes) {
                auto it = std::find_if(s.attributes.begin(), s.attributes.end(),
                                       [&](const auto& a) { return a.first == name; });
                row.push_back(it == s.attributes.end() ? cell("", s.pos)
                                                       : cell(it->second.text, it->second.pos));
            }
            add(subjects, row);

            for (int year = p.first; year <= p.last; ++year) {
                std::vector<CsvCell> e{cell(p.id, s.pos), cell(std::to_string(year), s.pos)};
                for (const auto& name : columns) {
                    auto h = std::find_if(s.history.begin(), s.history.end(),
                                          [&](const HistoryColumn& c) { return c.column == name; });
                    if (h == s.history.end()) {
                        e.push_back(cell("", s.pos));
                        continue;
                    }
                    // The list's last value is the last year's.
                    const int offset = p.last - year;
                    const auto n = static_cast<int>(h->values.size());
                    if (h->every_year)
                        e.push_back(cell(h->values.front().text, h->values.front().pos));
                    else if (offset < n)
                        e.push_back(cell(h->values[static_cast<std::size_t>(n - 1 - offset)].text,
                                         h->values[static_cast<std::size_t>(n - 1 - offset)].pos));
                    else
                        e.push_back(cell("", h->pos));
                }
                add(evaluations, e);
            }
            for (const auto& a : s.awards)
                add(awards,
                    {cell(p.id, s.pos), cell(a.year.text, a.year.pos), cell(a.award, a.year.pos)});
        }
        return DataTables{case_.file, std::move(subjects), std::move(evaluations),
                          std::move(awards)};
    }
};

} // namespace

std::optional<DataTables> case_tables(const TestCase& c, Diagnostics& diags) {
    return Builder(c, diags).build();
}

} // namespace commend::ruletest
