// `commend audit`: each year re-evaluated under the rule sets in force that year (awarded()
// reading the records of the year itself), then the recorded awards compared with it.
#include "commend/run/audit.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "run/run_awards.hpp"

namespace commend {

using expr::Truth;

const char* finding_type_name(FindingType t) {
    switch (t) {
    case FindingType::check_failed:
        return "check-failed";
    case FindingType::eligible_not_granted:
        return "eligible-not-granted";
    case FindingType::granted_not_eligible:
        return "granted-not-eligible";
    case FindingType::granted_unknown:
        return "granted-unknown";
    case FindingType::granted_unknown_award:
        return "granted-unknown-award";
    case FindingType::over_limit:
        return "over-limit";
    }
    return "";
}

std::optional<std::pair<int, int>> default_audit_years(const Workspace& ws) {
    for (int y = ws.data.first_year; y <= ws.data.last_year; ++y)
        if (!ws.rules.in_force(y).empty()) return std::pair{y, ws.data.last_year};
    return std::nullopt;
}

namespace {

/// The criteria of `award` for `subject` whose result is `wanted`, with their traces.
std::vector<CriterionTrace> criteria_with(const Workspace& ws, const YearResult& result,
                                          SubjectIndex subject, const std::string& award,
                                          Truth wanted) {
    Explanation e = explain_subject(ws, result, subject, award, EvaluateOptions{true});
    std::vector<CriterionTrace> out;
    for (auto& a : e.awards)
        for (auto& c : a.criteria)
            if (c.result == wanted) out.push_back(std::move(c));
    return out;
}

/// The findings about the recorded awards of one award in force in the year.
void audit_award(const Workspace& ws, const YearResult& result, const AwardResult& ar,
                 const std::vector<const GrantedAward*>& recorded, std::vector<Finding>& out) {
    const Award& award = *ar.award;
    const int year = result.year;
    std::map<SubjectIndex, const AwardResult::Candidate*> candidate;
    for (const auto& c : ar.applicable)
        candidate[c.subject] = &c;

    std::map<Group, int> recorded_in_group;
    std::vector<int> ancestors = run_detail::kind_ids(*ws.forest, award.limit.ancestor_kinds);
    std::vector<bool> is_recorded(ws.data.subjects.size(), false);
    for (const GrantedAward* g : recorded) {
        is_recorded[static_cast<std::size_t>(g->subject)] = true;
        ++recorded_in_group[run_detail::group_of(ws, award.limit, g->subject, ancestors)];
        Finding f;
        f.year = year;
        f.subject = g->subject;
        f.award = award.id;
        f.award_rule = &award;
        f.decision = g->decision;
        auto c = candidate.find(g->subject);
        if (c == candidate.end()) {
            // Not of the award's kinds: a recorded award always falls within its subject's
            // years, since the data set refuses rows outside them (SPEC §2).
            f.type = FindingType::granted_not_eligible;
            f.not_applicable = true;
        } else if (c->second->eligible == Truth::no) {
            f.type = FindingType::granted_not_eligible;
            f.failed = criteria_with(ws, result, g->subject, award.id, Truth::no);
        } else if (c->second->eligible == Truth::unknown) {
            f.type = FindingType::granted_unknown;
            f.unknown = criteria_with(ws, result, g->subject, award.id, Truth::unknown);
        } else {
            continue; // recorded and eligible: nothing to say
        }
        out.push_back(std::move(f));
    }

    if (!ar.places.unlimited)
        for (const auto& [group, n] : recorded_in_group) {
            const int places = ar.places.of(group);
            if (n <= places) continue;
            Finding f;
            f.type = FindingType::over_limit;
            f.year = year;
            f.subject = group;
            f.award = award.id;
            f.award_rule = &award;
            f.recorded = n;
            f.places = places;
            out.push_back(std::move(f));
        }

    // "Within the places": the run's own selection, which the rules would have made.
    for (const auto& s : ar.selected) {
        if (is_recorded[static_cast<std::size_t>(s.subject)]) continue;
        Finding f;
        f.type = FindingType::eligible_not_granted;
        f.year = year;
        f.subject = s.subject;
        f.award = award.id;
        f.award_rule = &award;
        f.error = false;
        f.rank = ar.places.unlimited ? 0 : s.rank; // without a limit the rank says nothing
        out.push_back(std::move(f));
    }
}

void audit_year(const Workspace& ws, int year, std::vector<Finding>& out) {
    YearResult result = evaluate_year(ws, year, EvaluateOptions{true});

    std::map<std::string, std::vector<const GrantedAward*>, std::less<>> recorded;
    for (const GrantedAward& g : ws.data.granted)
        if (g.year == year) recorded[g.award].push_back(&g);

    for (const auto& ar : result.awards) {
        auto it = recorded.find(ar.award->id);
        static const std::vector<const GrantedAward*> none;
        audit_award(ws, result, ar, it == recorded.end() ? none : it->second, out);
    }
    for (const auto& [award, grants] : recorded) {
        if (result.find_award(award)) continue;
        for (const GrantedAward* g : grants) {
            Finding f;
            f.type = FindingType::granted_unknown_award;
            f.year = year;
            f.subject = g->subject;
            f.award = award;
            f.decision = g->decision;
            out.push_back(std::move(f));
        }
    }

    if (result.checks.empty()) return;
    run_detail::RunAwards state(ws);
    for (const auto& r : result.awards)
        state.add(r);
    expr::EvalContext ctx{ws.data, *ws.forest, ws.rules.schema, year, &state, true};
    expr::Evaluator ev(ctx);
    for (const auto& cr : result.checks)
        for (SubjectIndex s : cr.violations) {
            Finding f;
            f.type = FindingType::check_failed;
            f.year = year;
            f.subject = s;
            f.award = cr.check->id;
            f.check_rule = cr.check;
            f.error = cr.check->severity == Severity::error;
            ev.evaluate_traced(*cr.check->test.root, s, f.check_trace);
            out.push_back(std::move(f));
        }
}

} // namespace

AuditResult audit_years(const Workspace& ws, int from, int to) {
    AuditResult a;
    a.from = from;
    a.to = to;
    for (int y = from; y <= to; ++y)
        audit_year(ws, y, a.findings);
    // SPEC §6: by year, then type, subject (null first) and award, as strings.
    auto key = [&](const Finding& f) {
        return std::tuple(f.year, std::string(finding_type_name(f.type)), f.subject.has_value(),
                          f.subject ? ws.subject_id(*f.subject) : std::string(), f.award);
    };
    std::stable_sort(a.findings.begin(), a.findings.end(),
                     [&](const Finding& x, const Finding& y) { return key(x) < key(y); });
    return a;
}

} // namespace commend
