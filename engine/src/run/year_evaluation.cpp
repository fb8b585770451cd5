// Evaluating one year: awards in dependency order, each with its selection; then checks and
// targets. One evaluation path serves evaluate, rank, explain and audit.
#include "commend/expr/batch_evaluator.hpp"
#include "commend/expr/checker.hpp"
#include "commend/graph/award_graph.hpp"
#include "commend/select/selection.hpp"
#include <algorithm>
#include <iterator>
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
    const std::size_t criteria = award.criteria.size();
    out.applicable.resize(subjects.size());
    out.criteria.assign(subjects.size() * criteria, Truth::unknown);
    std::vector<std::vector<expr::Value>> keys(subjects.size());
    std::size_t evaluated[2] = {0, 0}; // criterion results computed, per worker
    struct Lists {
        std::vector<AwardResult::Pending> unknown, near_misses;
    };
    Lists worker_lists[2];
    parallel_ranges(subjects.size(), [&](std::size_t worker, std::size_t begin, std::size_t end) {
        expr::BatchEvaluator batch(ctx);
        const std::span<const SubjectIndex> part(subjects.data() + begin, end - begin);
        // Gates first. A candidate a gate fails is neither eligible, unknown nor a near miss
        // whatever its other criteria give (SPEC §6), so those are evaluated only for the
        // candidates every gate lets through; for the others they read unknown.
        std::vector<std::size_t> through(part.size()); // indexes into part
        for (std::size_t j = 0; j < part.size(); ++j)
            through[j] = j;
        for (std::size_t k = 0; k < criteria; ++k) {
            if (!award.criteria[k].gate) continue;
            std::vector<SubjectIndex> those;
            for (std::size_t j : through)
                those.push_back(part[j]);
            const std::vector<Truth> r = batch.truths(*award.criteria[k].test.root, those);
            evaluated[worker] += those.size();
            std::vector<std::size_t> still;
            for (std::size_t x = 0; x < through.size(); ++x) {
                out.criteria[(begin + through[x]) * criteria + k] = r[x];
                if (r[x] != Truth::no) still.push_back(through[x]);
            }
            through.swap(still);
        }
        std::vector<SubjectIndex> open;
        for (std::size_t j : through)
            open.push_back(part[j]);
        for (std::size_t k = 0; k < criteria; ++k) {
            if (award.criteria[k].gate) continue;
            const std::vector<Truth> r = batch.truths(*award.criteria[k].test.root, open);
            evaluated[worker] += open.size();
            for (std::size_t x = 0; x < through.size(); ++x)
                out.criteria[(begin + through[x]) * criteria + k] = r[x];
        }
        std::vector<SubjectIndex> eligible; // rank keys are needed only for these
        std::vector<std::size_t> eligible_at;
        Lists& lists = worker_lists[worker];
        for (std::size_t i = begin; i < end; ++i) {
            const SubjectIndex s = subjects[i];
            AwardResult::Candidate& c = out.applicable[i];
            c.subject = s;
            c.group = group_of(ws, award.limit, s, ancestors);
            // unknown: no criterion fails, one is unknown; near miss: exactly one non-gate
            // fails. Each worker lists its own candidates, in subject order.
            Truth all = Truth::yes;
            std::size_t failed = 0, unknown = 0, first_failed = 0;
            for (std::size_t k = 0; k < criteria; ++k) {
                const Truth t = out.criteria[i * criteria + k];
                all = expr::truth_and(all, t);
                if (t == Truth::no && failed++ == 0) first_failed = k;
                unknown += t == Truth::unknown;
            }
            c.eligible = all;
            out.eligible_by_subject[static_cast<std::size_t>(s)] = all;
            if (all == Truth::yes) {
                eligible.push_back(s);
                eligible_at.push_back(i);
            }
            if (failed == 0 && unknown > 0) {
                AwardResult::Pending p{s, {}};
                for (std::size_t k = 0; k < criteria; ++k)
                    if (out.criterion(i, k) == Truth::unknown) p.criteria.push_back(k);
                lists.unknown.push_back(std::move(p));
            }
            if (failed == 1 && unknown == 0 && !award.criteria[first_failed].gate)
                lists.near_misses.push_back({s, {first_failed}});
        }
        for (const auto& k : award.rank) {
            std::vector<expr::Value> values = batch.values(*k.key.root, eligible);
            for (std::size_t j = 0; j < eligible.size(); ++j)
                keys[eligible_at[j]].push_back(std::move(values[j]));
        }
    });
    out.criteria_evaluated = evaluated[0] + evaluated[1];

    // The workers' lists one after the other: subject order, whatever the threads did.
    for (Lists& lists : worker_lists) {
        std::move(lists.unknown.begin(), lists.unknown.end(), std::back_inserter(out.unknown));
        std::move(lists.near_misses.begin(), lists.near_misses.end(),
                  std::back_inserter(out.near_misses));
    }
    std::vector<RankedCandidate> eligible;
    for (std::size_t i = 0; i < subjects.size(); ++i) {
        const AwardResult::Candidate& c = out.applicable[i];
        if (c.eligible == Truth::yes)
            eligible.push_back({c.subject,
                                &ws.data.subjects[static_cast<std::size_t>(c.subject)].id, c.group,
                                std::move(keys[i])});
    }

    Places places;
    if (award.limit.form != Limit::Form::none) {
        places.unlimited = false;
        std::map<Group, int> base;
        std::vector<Truth> of;
        if (award.limit.form == Limit::Form::share && award.limit.of)
            of = expr::BatchEvaluator(ctx).truths(*award.limit.of->root, subjects);
        // Candidates come in subject order, so neighbours mostly share a group: look the
        // group up again only when it changes.
        std::map<Group, int>::iterator group = base.end();
        for (std::size_t i = 0; i < out.applicable.size(); ++i) {
            const auto& c = out.applicable[i];
            if (group == base.end() || group->first != c.group)
                group = base.emplace(c.group, 0).first;
            // Unknown counts as not true: places are never granted on a guess.
            if (!(award.limit.form == Limit::Form::share && award.limit.of) || of[i] == Truth::yes)
                ++group->second;
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
    auto subject_of = [](const auto& x) { return x.subject; };
    for (auto& t : out.ties)
        sort_by_id(ws, t.subjects);
    std::stable_sort(out.ties.begin(), out.ties.end(), [&](const auto& a, const auto& b) {
        if (!a.group || !b.group) return !a.group && b.group;
        return group_key(ws, a.group) < group_key(ws, b.group);
    });
    sort_by_id(ws, out.over_limit, subject_of);
    // These two lists were built in subject order: already by id when the award is for one
    // kind whose subjects come by id (no need to read every subject's id to find that out).
    const bool in_id_order =
        award.kinds.size() == 1 && ws.forest->ids_in_order(ws.forest->kind_id(award.kinds[0]));
    if (!in_id_order) {
        sort_by_id(ws, out.unknown, subject_of);
        sort_by_id(ws, out.near_misses, subject_of);
    }
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

    expr::EvalContext ctx{ws.data, *ws.forest,    ws.rules.schema, year,
                          &state,  options.audit, ws.sums.get(),   ws.kind_runs.get()};
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
                const std::span<const SubjectIndex> part(subjects.data() + begin, end - begin);
                std::vector<Truth> t = expr::BatchEvaluator(ctx).truths(*c.test.root, part);
                std::copy(t.begin(), t.end(), holds.begin() + static_cast<std::ptrdiff_t>(begin));
            });
            for (std::size_t i = 0; i < subjects.size(); ++i) {
                if (holds[i] == Truth::no) r.violations.push_back(subjects[i]);
                if (holds[i] == Truth::unknown) r.unknown.push_back(subjects[i]);
            }
            sort_by_id(ws, r.violations);
            sort_by_id(ws, r.unknown);
            result.checks.push_back(std::move(r));
        }

    expr::BatchEvaluator batch(ctx);
    for (const RuleSet* rs : result.rulesets)
        for (const Target& t : rs->targets) {
            // One entry per applicable subject, by id like every other subject list.
            std::vector<SubjectIndex> subjects = applicable_subjects(ws, t.kinds, year);
            sort_by_id(ws, subjects);
            std::vector<Value> actuals = batch.values(*t.actual.root, subjects);
            std::vector<Value> goals = batch.values(*t.goal.root, subjects);
            for (std::size_t i = 0; i < subjects.size(); ++i) {
                TargetResult r;
                r.ruleset = rs;
                r.target = &t;
                r.subject = subjects[i];
                const Value& actual = actuals[i];
                const Value& goal = goals[i];
                r.actual = known_number(actual);
                r.goal = known_number(goal);
                if (r.actual && r.goal && !expr::approx_equal(*r.goal, 0))
                    r.ratio = *r.actual / *r.goal;
                // `met` may be known from ranges even when a figure is not (SPEC §4 comparisons).
                const Value &a = actual, &g = goal;
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
