// plan_decision: the committee's decision compared with the run's selection (see
// commend/record/committee_decision.hpp for the rules).
#include "commend/record/committee_decision.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace commend {

using expr::Truth;

namespace {

/// How a subject stands in the run for one award.
enum class Standing { selected, tied, unknown, other };

Standing standing(const AwardResult& ar, SubjectIndex s) {
    const auto i = static_cast<std::size_t>(s);
    if (ar.selected_by_subject[i] == Truth::yes) return Standing::selected;
    for (const auto& t : ar.ties)
        if (std::find(t.subjects.begin(), t.subjects.end(), s) != t.subjects.end())
            return Standing::tied;
    if (ar.eligible_by_subject[i] == Truth::unknown) return Standing::unknown;
    return Standing::other;
}

const char* difference_for(Standing s) {
    switch (s) {
    case Standing::tied:
        return "tie-resolved";
    case Standing::unknown:
        return "unknown-accepted";
    case Standing::other:
        return "added";
    case Standing::selected:
        break;
    }
    return "";
}

const char* difference_words(Standing s) {
    switch (s) {
    case Standing::tied:
        return "it was tied at the cut-off, for the committee to decide";
    case Standing::unknown:
        return "its eligibility is unknown (data missing)";
    case Standing::other:
        return "the run did not select it (a manual addition)";
    case Standing::selected:
        break;
    }
    return "";
}

struct Planner {
    const Workspace& ws;
    const YearResult& run;
    const DecisionInput& in;
    Diagnostics& diags;
    std::set<std::tuple<std::string, int, std::string>> already; // effective grants
    std::map<std::string, const LedgerEntry*> already_entry;
    std::vector<LedgerEntry> out;

    bool in_scope(const AwardResult& ar) const {
        return in.awards.empty() ||
               std::find(in.awards.begin(), in.awards.end(), ar.award->id) != in.awards.end();
    }

    LedgerEntry entry(LedgerEntry::Action action, SubjectIndex s, const std::string& award,
                      const char* origin) const {
        LedgerEntry e;
        e.action = action;
        e.subject = ws.subject_id(s);
        e.year = run.year;
        e.award = award;
        e.decision = in.decision;
        e.decided_on = in.decided_on;
        e.origin = origin;
        return e;
    }

    /// False (with an error at `pos`) when the grant is already recorded.
    bool fresh(const LedgerEntry& e, const SourcePos& pos) {
        if (!already.count({e.subject, e.year, e.award})) return true;
        const LedgerEntry* first = already_entry[e.subject + '\n' + e.award];
        diags.error("record.already-recorded", pos,
                    "\"" + e.award + "\" for \"" + e.subject + "\" in " + std::to_string(e.year) +
                        " is already recorded (entry " + std::to_string(first->seq) +
                        (first->decision.empty() ? "" : ", decision " + first->decision) +
                        "); to change it, revoke that entry first (commend revoke)");
        return false;
    }

    void from_run() {
        for (const auto& ar : run.awards) {
            if (!in_scope(ar)) continue;
            for (const auto& s : ar.selected) {
                LedgerEntry e = entry(LedgerEntry::Action::grant, s.subject, ar.award->id, "run");
                if (fresh(e, {in.store, 0, 0})) out.push_back(std::move(e));
            }
        }
    }

    void from_list(const CsvTable& t) {
        bool columns_ok = true;
        for (const char* c : {"subject", "award", "reason"})
            if (!t.column(c)) {
                diags.error("record.missing-column",
                            {t.file, t.header.empty() ? 1 : t.header[0].line, 1},
                            std::string("the list has no column \"") + c +
                                "\"; its columns are subject, award, reason and optionally "
                                "excluded");
                columns_ok = false;
            }
        if (!columns_ok) return;
        const std::size_t c_subject = *t.column("subject"), c_award = *t.column("award"),
                          c_reason = *t.column("reason");
        const auto c_excluded = t.column("excluded");
        for (const auto& h : t.header)
            if (h.text != "subject" && h.text != "award" && h.text != "reason" &&
                h.text != "excluded")
                diags.warning("record.unused-column", t.pos(h),
                              "list column \"" + std::string(h.text) +
                                  "\" is not used; the columns read are subject, award, "
                                  "reason and excluded");

        // (award, subject) → row, to find duplicates and the selected the list leaves out.
        std::map<std::pair<std::string, SubjectIndex>, std::size_t> seen;
        for (std::size_t r = 0; r < t.rows().size(); ++r) {
            const auto& row = t.rows()[r];
            const CsvField subject_cell = row[c_subject];
            const CsvField award_cell = row[c_award];
            const std::string reason(row[c_reason].text);
            bool excluded = false;
            if (c_excluded && !row[*c_excluded].text.empty()) {
                auto f = parse_flag(row[*c_excluded].text);
                if (!f) {
                    diags.error("record.bad-flag", t.pos(row[*c_excluded]),
                                "excluded must be true, false or empty, not \"" +
                                    std::string(row[*c_excluded].text) + "\"");
                    continue;
                }
                excluded = *f;
            }
            auto s = ws.data.find_subject(subject_cell.text);
            if (!s) {
                diags.error("record.unknown-subject", t.pos(subject_cell),
                            "unknown subject \"" + std::string(subject_cell.text) +
                                "\"; the list must name subjects of the data set by id");
                continue;
            }
            const AwardResult* ar = run.find_award(award_cell.text);
            if (!ar || !in_scope(*ar)) {
                diags.error("record.unknown-award", t.pos(award_cell),
                            "award \"" + std::string(award_cell.text) + "\" is not " +
                                (ar ? "among the awards being recorded (--award)"
                                    : "in force in " + std::to_string(run.year)) +
                                "; name an award the run decides");
                continue;
            }
            auto [it, first] = seen.try_emplace({ar->award->id, *s}, r);
            if (!first) {
                diags.error("record.duplicate-row", t.pos(row),
                            "\"" + std::string(subject_cell.text) + "\" appears twice for \"" +
                                std::string(award_cell.text) + "\" (first on line " +
                                std::to_string(t.rows()[it->second].front().line) +
                                "); keep one row");
                continue;
            }
            const Standing st = standing(*ar, *s);
            if (excluded) {
                if (st != Standing::selected) {
                    diags.error("record.exclude-not-selected", t.pos(row),
                                "\"" + std::string(subject_cell.text) +
                                    "\" was not selected for \"" + std::string(award_cell.text) +
                                    "\", so there is nothing to exclude; remove the row");
                    continue;
                }
                if (reason.empty()) {
                    diags.error("record.reason-required", t.pos(row[c_reason]),
                                "a reason is required: \"" + std::string(subject_cell.text) +
                                    "\" was selected for \"" + std::string(award_cell.text) +
                                    "\" and the list excludes it");
                    continue;
                }
                LedgerEntry e = entry(LedgerEntry::Action::exclude, *s, ar->award->id, "list");
                e.difference = "excluded";
                e.reason = reason;
                out.push_back(std::move(e));
                continue;
            }
            if (st != Standing::selected && reason.empty()) {
                diags.error("record.reason-required", t.pos(row[c_reason]),
                            "a reason is required: \"" + std::string(subject_cell.text) +
                                "\" differs from "
                                "the run's selection for \"" +
                                std::string(award_cell.text) + "\": " + difference_words(st));
                continue;
            }
            LedgerEntry e = entry(LedgerEntry::Action::grant, *s, ar->award->id, "list");
            e.difference = difference_for(st);
            e.reason = reason;
            if (fresh(e, t.pos(row))) out.push_back(std::move(e));
        }

        // Every subject the run selected must be granted or excluded by the list.
        for (const auto& ar : run.awards) {
            if (!in_scope(ar)) continue;
            for (const auto& s : ar.selected)
                if (!seen.count({ar.award->id, s.subject}))
                    diags.error("record.selected-missing", {t.file, 0, 0},
                                "\"" + ws.subject_id(s.subject) + "\" was selected for \"" +
                                    ar.award->id +
                                    "\" but the list does not name it; add a row granting it, "
                                    "or one with excluded = true and a reason");
        }
    }
};

} // namespace

std::optional<std::vector<LedgerEntry>> plan_decision(const Workspace& ws, const YearResult& run,
                                                      const DecisionInput& input,
                                                      const std::vector<LedgerEntry>& effective,
                                                      Diagnostics& diags) {
    const std::size_t errors_before = diags.error_count();
    Planner p{ws, run, input, diags, {}, {}, {}};
    for (const auto& e : effective)
        if (e.year == run.year) {
            p.already.insert({e.subject, e.year, e.award});
            p.already_entry[e.subject + '\n' + e.award] = &e;
        }
    for (const auto& id : input.awards)
        if (!run.find_award(id))
            diags.error("record.unknown-award", {"--award", 0, 0},
                        "award \"" + id + "\" is not in force in " + std::to_string(run.year));
    if (input.list)
        p.from_list(*input.list);
    else
        p.from_run();
    if (diags.error_count() > errors_before) return std::nullopt;
    return std::move(p.out);
}

} // namespace commend
