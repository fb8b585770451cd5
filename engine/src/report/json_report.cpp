// The JSON of SPEC §6, keys in the order the SPEC shows them.
#include <cmath>

#include "commend/report/report.hpp"

namespace commend::report {

namespace {

Json number(std::optional<double> x) {
    if (!x) return nullptr;
    double v = expr::snap(*x);
    if (std::fabs(v) < 9e15 && v == std::floor(v)) return static_cast<std::int64_t>(v);
    return v;
}

Json group_json(const Workspace& ws, const Group& g) {
    return g ? Json(ws.subject_id(*g)) : Json(nullptr);
}

Json checks_json(const Workspace& ws, const YearResult& r) {
    Json out = Json::array();
    for (const auto& c : r.checks) {
        Json violations = Json::array(), unknown = Json::array();
        for (SubjectIndex s : c.violations)
            violations.push_back({{"subject", ws.subject_id(s)}, {"year", r.year}});
        for (SubjectIndex s : c.unknown)
            unknown.push_back({{"subject", ws.subject_id(s)}, {"year", r.year}});
        out.push_back({{"id", c.check->id},
                       {"severity", c.check->severity == Severity::error ? "error" : "warning"},
                       {"violations", violations},
                       {"unknown", unknown}});
    }
    return out;
}

Json targets_json(const Workspace& ws, const YearResult& r) {
    Json out = Json::array();
    for (const auto& t : r.targets)
        out.push_back({{"id", t.target->id},
                       {"subject", ws.subject_id(t.subject)},
                       {"actual", number(t.actual)},
                       {"goal", number(t.goal)},
                       {"ratio", number(t.ratio)},
                       {"met", t.met ? Json(*t.met) : Json(nullptr)}});
    return out;
}

} // namespace

std::string join_trace(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : "; ") + p;
    return out;
}

Json evaluate_json(const Workspace& ws, const YearResult& r) {
    Json rulesets = Json::array();
    for (const RuleSet* rs : r.rulesets)
        rulesets.push_back(rs->id);
    Json awards = Json::array();
    for (const auto& a : r.awards) {
        Json selected = Json::array(), ties = Json::array(), over = Json::array(),
             unknown = Json::array(), near = Json::array();
        for (const auto& s : a.selected)
            selected.push_back(
                {{"subject", ws.subject_id(s.subject)},
                 {"name", ws.data.subjects[static_cast<std::size_t>(s.subject)].name},
                 {"rank", s.rank},
                 {"group", group_json(ws, s.group)}});
        for (const auto& t : a.ties) {
            Json subjects = Json::array();
            for (SubjectIndex s : t.subjects)
                subjects.push_back({{"subject", ws.subject_id(s)}});
            ties.push_back(
                {{"group", group_json(ws, t.group)}, {"places", t.places}, {"subjects", subjects}});
        }
        for (const auto& o : a.over_limit)
            over.push_back(
                {{"subject", ws.subject_id(o.subject)}, {"group", group_json(ws, o.group)}});
        auto names = [&](const AwardResult::CriterionIndexes& idx) {
            Json n = Json::array();
            for (std::size_t i : idx)
                n.push_back(a.award->criteria[i].name());
            return n;
        };
        for (const auto& u : a.unknown)
            unknown.push_back(
                {{"subject", ws.subject_id(u.subject)}, {"unknown", names(u.criteria)}});
        for (const auto& m : a.near_misses)
            near.push_back({{"subject", ws.subject_id(m.subject)}, {"failed", names(m.criteria)}});
        awards.push_back({{"id", a.award->id},
                          {"title", a.award->title},
                          {"issuer", a.award->issuer ? Json(*a.award->issuer) : Json(nullptr)},
                          {"selected", selected},
                          {"ties", ties},
                          {"over_limit", over},
                          {"unknown", unknown},
                          {"near_misses", near}});
    }
    return {{"year", r.year},
            {"rulesets", rulesets},
            {"awards", awards},
            {"checks", checks_json(ws, r)},
            {"targets", targets_json(ws, r)}};
}

Json explain_json(const Workspace& ws, const YearResult& r, const Explanation& e) {
    Json awards = Json::array();
    for (const auto& a : e.awards) {
        Json criteria = Json::array();
        for (const auto& c : a.criteria)
            criteria.push_back(
                {{"text", c.criterion->test.text},
                 {"label", c.criterion->label ? Json(*c.criterion->label) : Json(nullptr)},
                 {"result", expr::truth_name(c.result)},
                 {"trace", join_trace(c.trace)}});
        awards.push_back({{"id", a.result->award->id},
                          {"applicable", a.applicable},
                          {"eligible", a.eligible ? Json(*a.eligible) : Json(nullptr)},
                          {"selected", a.selected},
                          {"criteria", criteria}});
    }
    Json checks = Json::array();
    for (const auto& c : e.checks)
        checks.push_back({{"id", c.result->check->id},
                          {"result", c.outcome == expr::Truth::yes  ? "pass"
                                     : c.outcome == expr::Truth::no ? "violation"
                                                                    : "unknown"},
                          {"trace", join_trace(c.trace)}});
    Json targets = Json::array();
    for (const auto& t : e.targets)
        targets.push_back(
            {{"id", t.result->target->id},
             {"actual", number(t.result->actual)},
             {"goal", number(t.result->goal)},
             {"met", t.result->met ? Json(*t.result->met) : Json(nullptr)},
             {"trace", join_trace(t.actual_trace) +
                           (t.goal_trace.empty() ? "" : " | goal: " + join_trace(t.goal_trace))}});
    return {{"subject", ws.subject_id(e.subject)},
            {"year", r.year},
            {"awards", awards},
            {"checks", checks},
            {"targets", targets}};
}

Json rank_json(const Workspace& ws, const YearResult& r, const std::vector<RankingGroup>& groups) {
    Json out_groups = Json::array();
    for (const auto& g : groups) {
        Json ranking = Json::array();
        for (const auto& e : g.ranking)
            ranking.push_back({{"subject", ws.subject_id(e.subject)},
                               {"name", ws.data.subjects[static_cast<std::size_t>(e.subject)].name},
                               {"position", e.position}});
        Json counts = Json::object();
        for (const auto& [column, levels] : g.counts) {
            Json c = Json::object();
            for (const auto& [level, n] : levels)
                c[level] = n;
            counts[column] = c;
        }
        out_groups.push_back(
            {{"group", group_json(ws, g.group)}, {"ranking", ranking}, {"counts", counts}});
    }
    return {{"year", r.year},
            {"groups", out_groups},
            {"checks", checks_json(ws, r)},
            {"targets", targets_json(ws, r)}};
}

Json check_json(const Workspace& ws, const Diagnostics& warnings) {
    Json rulesets = Json::array();
    for (const auto& rs : ws.rules.rulesets) {
        Json awards = Json::array(), checks = Json::array(), targets = Json::array();
        for (const auto& a : rs->awards)
            awards.push_back(a.id);
        for (const auto& c : rs->checks)
            checks.push_back(c.id);
        for (const auto& t : rs->targets)
            targets.push_back(t.id);
        rulesets.push_back(
            {{"id", rs->id},
             {"file", rs->file},
             {"in_force",
              {{"from", rs->in_force_from ? Json(*rs->in_force_from) : Json(nullptr)},
               {"until", rs->in_force_until ? Json(*rs->in_force_until) : Json(nullptr)}}},
             {"awards", awards},
             {"checks", checks},
             {"targets", targets}});
    }
    Json w = Json::array();
    for (const auto& d : warnings.items())
        if (d.severity == Severity::warning)
            w.push_back({{"file", d.pos.file},
                         {"line", d.pos.line},
                         {"column", d.pos.column},
                         {"message", d.message}});
    return {{"rulesets", rulesets}, {"warnings", w}};
}

} // namespace commend::report
