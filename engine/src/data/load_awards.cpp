// Stage 3 of CsvDataSource for awards.csv: the awards actually granted (SPEC §2).
#include <map>
#include <tuple>

#include "data/csv_load.hpp"

namespace commend::csv_load {

void load_awards(Loader& l, const CsvTable& t) {
    if (!require_columns(t, {"subject", "year", "award"}, l.diags)) return;
    const std::size_t c_subject = *t.column("subject"), c_year = *t.column("year"),
                      c_award = *t.column("award");
    const auto c_decision = t.column("decision");
    for (const auto& h : t.header)
        if (h.text != "subject" && h.text != "year" && h.text != "award" && h.text != "decision")
            l.diags.warning("data.unused-column", t.pos(h),
                            "awards.csv column \"" + std::string(h.text) +
                                "\" is not used; the columns read are subject, year, award and "
                                "decision");

    std::map<std::tuple<SubjectIndex, int, std::string>, std::size_t> first_row;
    for (std::size_t r = 0; r < t.rows().size(); ++r) {
        const auto& row = t.rows()[r];
        auto s = lookup_subject(l, t, row[c_subject], "data.unknown-subject", "subject");
        auto y = read_year(t, row[c_year], "year", l.diags);
        const CsvField& award = row[c_award];
        if (award.text.empty())
            l.diags.error("data.empty-id", t.pos(award),
                          "award id is empty; write the id of the award that was granted");
        if (!s || !y || award.text.empty()) continue;
        auto [it, fresh] = first_row.try_emplace({*s, *y, std::string(award.text)}, r);
        if (!fresh) {
            const auto& first = t.rows()[it->second];
            error_with_note(
                l.diags, "data.duplicate-row", t.pos(row[c_subject]),
                "award \"" + std::string(award.text) + "\" is recorded twice for subject \"" +
                    std::string(row[c_subject].text) + "\" in " + std::to_string(*y) +
                    " (first on line " + std::to_string(first.front().line) + "); keep one row",
                t.pos(first), "first row");
            continue;
        }
        l.mention(*y);
        l.data.granted.push_back({*s, *y, std::string(award.text),
                                  c_decision ? std::string(row[*c_decision].text) : std::string(),
                                  t.pos(row)});
        l.award_rows.push_back({*s, *y, static_cast<std::uint32_t>(r), true});
    }
}

} // namespace commend::csv_load
