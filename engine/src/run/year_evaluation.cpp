// Evaluating one year: awards in dependency order, each with its selection; then checks and
// targets. One evaluation path serves evaluate, rank, explain and audit.
#include "commend/expr/checker.hpp"
#include "commend/graph/award_graph.hpp"
#include "commend/select/selection.hpp"
#include <algorithm>
#include <map>

#include "commend/select/rank_order.hpp"
#include "run/parallel.hpp"
#include "run/run_awards.hpp"

namespace commend {

using expr::Truth;
using expr::Value;
using run_detail::applicable_subjects;
using run_detail::kind_ids;
using run_detail::parallel_ranges;
using run_detail::RunAwards;
using run_detail::sort_by_id;

namespace {} // namespace

Group run_detail::group_of(const Workspace& ws, const Limit& limit, SubjectIndex s,
                           const std::vector<int>& ancestor_kinds) {
    switch (limit.per) {
    case Limit::Per::run:
        return std::nullopt;
    case Limit::Per::parent: {
        SubjectIndex p = ws.forest->parent(s);
        return p == no_subject ? Group{} : Group{p};
    }
    case Limit::Per::ancestor: {
        SubjectIndex a = ws.forest->nearest_ancestor(s, ancestor_kinds);
        return a == no_subject ? Group{} : Group{a};
    }
    }
    return std::nullopt;
}

namespace {

using run_detail::group_of;

std::string group_key(const Workspace& ws, const Group& g) {
    return g ? ws.subject_id(*g) : std::string();
}

void evaluate_award(const Workspace& ws, int year, const expr::EvalContext& ctx, AwardResult& out) {
    const Award& award = *out.award;
    const std::size_t n = ws.data.subjects.size();
    out.eligible_by_subject.assign(n, Truth::no);
    out.selected_by_subject.assign(n, Truth::no);
    std::vector<int> ancestors = kind_ids(*ws.forest, award.limit.ancestor_kinds);

    // Every applicable subject's criteria and rank keys, on both cores: each worker fills
    // the slots of its own subjects; the lists are then built in subject order.
    const std::vector<SubjectIndex> subjects = applicable_subjects(ws, award.kinds, year);
    out.applicable.resize(subjects.size());
    std::vector<std::vector<expr::Value>> keys(subjects.size());
    parallel_ranges(subjects.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
        expr::Evaluator ev(ctx);
        for (std::size_t i = begin; i < end; ++i) {
            const SubjectIndex s = subjects[i];
            AwardResult::Candidate& c = out.applicable[i];
            c.subject = s;
            c.group = group_of(ws, award.limit, s, ancestors);
            Truth all = Truth::yes;
            for (const auto& crit : award.criteria) {
                Truth t = ev.evaluate(*crit.test.root, s).truth;
                c.criteria.push_back(t);
                all = expr::truth_and(all, t);
            }
            c.eligible = all;
            out.eligible_by_subject[static_cast<std::size_t>(s)] = all;
            if (all == Truth::yes)
                for (const auto& k : award.rank)
                    keys[i].push_back(ev.evaluate(*k.key.root, s));
        }
    });

    std::vector<RankedCandidate> eligible;
    for (std::size_t i = 0; i < subjects.size(); ++i) {
        const AwardResult::Candidate& c = out.applicable[i];
        const SubjectIndex s = c.subject;
        if (c.eligible == Truth::yes)
            eligible.push_back(
                {s, ws.data.subjects[static_cast<std::size_t>(s)].id, c.group, std::move(keys[i])});
        // unknown: no criterion fails, one is unknown; near miss: exactly one non-gate fails.
        std::vector<std::size_t> failed, unknown;
        for (std::size_t k = 0; k < c.criteria.size(); ++k) {
            if (c.criteria[k] == Truth::no) failed.push_back(k);
            if (c.criteria[k] == Truth::unknown) unknown.push_back(k);
        }
        if (failed.empty() && !unknown.empty()) out.unknown.push_back({s, unknown});
        if (failed.size() == 1 && unknown.empty() && !award.criteria[failed[0]].gate)
            out.near_misses.push_back({s, failed});
    }

    Places places;
    if (award.limit.form != Limit::Form::none) {
        expr::Evaluator ev(ctx);
        places.unlimited = false;
        std::map<Group, int> base;
        for (const auto& c : out.applicable) {
            if (award.limit.form == Limit::Form::share && award.limit.of) {
                // Unknown counts as not true: places are never granted on a guess.
                if (ev.evaluate(*award.limit.of->root, c.subject).truth == Truth::yes)
                    ++base[c.group];
                else
                    base.emplace(c.group, 0);
            } else {
                ++base[c.group];
            }
        }
        for (const auto& [g, b] : base)
            places.per_group[g] =
                award.limit.form == Limit::Form::count
                    ? award.limit.max
                    : share_places(award.limit.share, b, award.limit.round, award.limit.min);
    }
    out.places = places;
    select_candidates(std::move(eligible), award.rank, places, out);

    for (const auto& s : out.selected)
        out.selected_by_subject[static_cast<std::size_t>(s.subject)] = Truth::yes;
    for (const auto& t : out.ties)
        for (SubjectIndex s : t.subjects)
            out.selected_by_subject[static_cast<std::size_t>(s)] = Truth::unknown;
    for (const auto& c : out.applicable)
        if (c.eligible == Truth::unknown)
            out.selected_by_subject[static_cast<std::size_t>(c.subject)] = Truth::unknown;

    // Deterministic order for the reports: by id (code point), ties by group.
    auto by_id = [&](auto& v) {
        std::sort(v.begin(), v.end(), [&](const auto& a, const auto& b) {
            return ws.subject_id(a.subject) < ws.subject_id(b.subject);
        });
    };
    for (auto& t : out.ties)
        sort_by_id(ws, t.subjects);
    std::stable_sort(out.ties.begin(), out.ties.end(), [&](const auto& a, const auto& b) {
        if (!a.group || !b.group) return !a.group && b.group;
        return group_key(ws, a.group) < group_key(ws, b.group);
    });
    by_id(out.over_limit);
    by_id(out.unknown);
    by_id(out.near_misses);
}

std::optional<double> known_number(const Value& v) {
    if (v.number_known()) return v.lo;
    return std::nullopt;
}

} // namespace

YearResult evaluate_year(const Workspace& ws, int year, const EvaluateOptions& options) {
    YearResult result;
    result.year = year;
    result.rulesets = ws.rules.in_force(year);

    RunAwards state(ws);
    AwardGraph graph;
    for (const RuleSet* rs : result.rulesets)
        for (const Award& a : rs->awards) {
            AwardResult r;
            r.ruleset = rs;
            r.award = &a;
            result.awards.push_back(std::move(r));
            graph.add_award(a.id);
        }
    for (const auto& r : result.awards)
        for (const auto& dep : award_dependencies(*r.award, r.ruleset->in_force_from))
            if (result.find_award(dep)) graph.add_dependency(r.award->id, dep);

    expr::EvalContext ctx{ws.data, *ws.forest, ws.rules.schema, year, &state, options.audit};
    for (const auto& id : graph.order()) {
        auto it = std::find_if(result.awards.begin(), result.awards.end(),
                               [&](const AwardResult& r) { return r.award->id == id; });
        evaluate_award(ws, year, ctx, *it);
        state.add(*it);
    }

    for (const RuleSet* rs : result.rulesets)
        for (const Check& c : rs->checks) {
            CheckResult r;
            r.ruleset = rs;
            r.check = &c;
            const std::vector<SubjectIndex> subjects = applicable_subjects(ws, c.kinds, year);
            std::vector<Truth> holds(subjects.size());
            parallel_ranges(subjects.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
                expr::Evaluator ev(ctx);
                for (std::size_t i = begin; i < end; ++i)
                    holds[i] = ev.evaluate(*c.test.root, subjects[i]).truth;
            });
            for (std::size_t i = 0; i < subjects.size(); ++i) {
                if (holds[i] == Truth::no) r.violations.push_back(subjects[i]);
                if (holds[i] == Truth::unknown) r.unknown.push_back(subjects[i]);
            }
            sort_by_id(ws, r.violations);
            sort_by_id(ws, r.unknown);
            result.checks.push_back(std::move(r));
        }

    expr::Evaluator ev(ctx);
    for (const RuleSet* rs : result.rulesets)
        for (const Target& t : rs->targets) {
            // One entry per applicable subject, by id like every other subject list.
            std::vector<SubjectIndex> subjects = applicable_subjects(ws, t.kinds, year);
            sort_by_id(ws, subjects);
            for (SubjectIndex s : subjects) {
                TargetResult r;
                r.ruleset = rs;
                r.target = &t;
                r.subject = s;
                Value actual = ev.evaluate(*t.actual.root, s), goal = ev.evaluate(*t.goal.root, s);
                r.actual = known_number(actual);
                r.goal = known_number(goal);
                if (r.actual && r.goal && !expr::approx_equal(*r.goal, 0))
                    r.ratio = *r.actual / *r.goal;
                // `met` may be known from ranges even when a figure is not (SPEC §4 comparisons).
                Value a = actual, g = goal;
                Truth met =
                    t.strict
                        ? (g.hi < a.lo && !expr::approx_equal(g.hi, a.lo)    ? Truth::yes
                           : (a.hi < g.lo || expr::approx_equal(a.hi, g.lo)) ? Truth::no
                                                                             : Truth::unknown)
                        : ((g.hi < a.lo || expr::approx_equal(g.hi, a.lo))    ? Truth::yes
                           : (a.hi < g.lo && !expr::approx_equal(a.hi, g.lo)) ? Truth::no
                                                                              : Truth::unknown);
                if (met != Truth::unknown) r.met = met == Truth::yes;
                result.targets.push_back(std::move(r));
            }
        }
    return result;
}

} // namespace commend
