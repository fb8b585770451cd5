// Evaluating one year: awards in dependency order, each with its selection; then checks and
// targets. One evaluation path serves evaluate, rank, explain and audit.
#include <algorithm>
#include <unordered_map>

#include "commend/expr/checker.hpp"
#include "commend/graph/award_graph.hpp"
#include "commend/run/workspace.hpp"
#include "commend/select/rank_order.hpp"
#include "commend/select/selection.hpp"
#include <map>
#include <set>

namespace commend {

using expr::Truth;
using expr::Value;

namespace {

/// This run's award results, as eligible() and awarded() see them. Every award a loaded rule
/// set defines reads this run in year Y (SPEC §4) — one not in force in Y was given to nobody,
/// whatever awards.csv says (recorded awards of Y do not change the run, SPEC §5).
class RunAwards : public expr::AwardState {
  public:
    explicit RunAwards(const Workspace& ws) {
        for (const auto& rs : ws.rules.rulesets)
            for (const auto& a : rs->awards)
                defined_.insert(a.id);
    }
    void add(const AwardResult& r) { done_[r.award->id] = &r; }
    bool defines(std::string_view award) const override { return defined_.count(award) > 0; }
    Truth eligible(std::string_view award, SubjectIndex s) const override {
        auto it = done_.find(award);
        if (it == done_.end()) return Truth::no; // not in force this year: nobody is eligible
        return it->second->eligible_by_subject[static_cast<std::size_t>(s)];
    }
    Truth selected(std::string_view award, SubjectIndex s) const override {
        auto it = done_.find(award);
        if (it == done_.end()) return Truth::no; // not in force this year: given to nobody
        return it->second->selected_by_subject[static_cast<std::size_t>(s)];
    }

  private:
    std::map<std::string, const AwardResult*, std::less<>> done_;
    std::set<std::string, std::less<>> defined_;
};

std::vector<int> kind_ids(const SubjectForest& forest, const std::vector<std::string>& kinds) {
    std::vector<int> out;
    for (const auto& k : kinds)
        out.push_back(forest.kind_id(k));
    return out;
}

/// The subjects of `kinds` that exist in `year`, in subject order.
std::vector<SubjectIndex> applicable_subjects(const Workspace& ws,
                                              const std::vector<std::string>& kinds, int year) {
    std::vector<int> ids = kind_ids(*ws.forest, kinds);
    std::vector<SubjectIndex> out;
    for (std::size_t i = 0; i < ws.data.subjects.size(); ++i) {
        auto s = static_cast<SubjectIndex>(i);
        if (ws.data.subjects[i].exists_in(year) &&
            std::find(ids.begin(), ids.end(), ws.forest->kind_of(s)) != ids.end())
            out.push_back(s);
    }
    return out;
}

Group group_of(const Workspace& ws, const Limit& limit, SubjectIndex s,
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

void sort_by_id(const Workspace& ws, std::vector<SubjectIndex>& v) {
    std::sort(v.begin(), v.end(),
              [&](SubjectIndex a, SubjectIndex b) { return ws.subject_id(a) < ws.subject_id(b); });
}

std::string group_key(const Workspace& ws, const Group& g) {
    return g ? ws.subject_id(*g) : std::string();
}

void evaluate_award(const Workspace& ws, int year, expr::Evaluator& ev, AwardResult& out) {
    const Award& award = *out.award;
    const std::size_t n = ws.data.subjects.size();
    out.eligible_by_subject.assign(n, Truth::no);
    out.selected_by_subject.assign(n, Truth::no);
    std::vector<int> ancestors = kind_ids(*ws.forest, award.limit.ancestor_kinds);

    std::vector<RankedCandidate> eligible;
    for (SubjectIndex s : applicable_subjects(ws, award.kinds, year)) {
        AwardResult::Candidate c;
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
        if (all == Truth::yes) {
            RankedCandidate r{s, ws.data.subjects[static_cast<std::size_t>(s)].id, c.group, {}};
            for (const auto& k : award.rank)
                r.keys.push_back(ev.evaluate(*k.key.root, s));
            eligible.push_back(std::move(r));
        }
        // unknown: no criterion fails, one is unknown; near miss: exactly one non-gate fails.
        std::vector<std::size_t> failed, unknown;
        for (std::size_t i = 0; i < c.criteria.size(); ++i) {
            if (c.criteria[i] == Truth::no) failed.push_back(i);
            if (c.criteria[i] == Truth::unknown) unknown.push_back(i);
        }
        if (failed.empty() && !unknown.empty()) out.unknown.push_back({s, unknown});
        if (failed.size() == 1 && unknown.empty() && !award.criteria[failed[0]].gate)
            out.near_misses.push_back({s, failed});
        out.applicable.push_back(std::move(c));
    }

    Places places;
    if (award.limit.form != Limit::Form::none) {
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
    expr::Evaluator ev(ctx);
    for (const auto& id : graph.order()) {
        auto it = std::find_if(result.awards.begin(), result.awards.end(),
                               [&](const AwardResult& r) { return r.award->id == id; });
        evaluate_award(ws, year, ev, *it);
        state.add(*it);
    }

    for (const RuleSet* rs : result.rulesets)
        for (const Check& c : rs->checks) {
            CheckResult r;
            r.ruleset = rs;
            r.check = &c;
            for (SubjectIndex s : applicable_subjects(ws, c.kinds, year)) {
                Truth t = ev.evaluate(*c.test.root, s).truth;
                if (t == Truth::no) r.violations.push_back(s);
                if (t == Truth::unknown) r.unknown.push_back(s);
            }
            sort_by_id(ws, r.violations);
            sort_by_id(ws, r.unknown);
            result.checks.push_back(std::move(r));
        }

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

Explanation explain_subject(const Workspace& ws, const YearResult& result, SubjectIndex subject,
                            std::string_view award_id, const EvaluateOptions& options) {
    RunAwards state(ws);
    for (const auto& r : result.awards)
        state.add(r);
    expr::EvalContext ctx{ws.data, *ws.forest, ws.rules.schema, result.year, &state, options.audit};
    expr::Evaluator ev(ctx);
    Explanation out;
    out.subject = subject;
    for (const auto& r : result.awards) {
        if (!award_id.empty() && r.award->id != award_id) continue;
        AwardExplanation a;
        a.result = &r;
        auto c = std::find_if(r.applicable.begin(), r.applicable.end(),
                              [&](const auto& x) { return x.subject == subject; });
        a.applicable = c != r.applicable.end();
        if (a.applicable) {
            if (c->eligible != Truth::unknown) a.eligible = c->eligible == Truth::yes;
            a.selected = r.selected_by_subject[static_cast<std::size_t>(subject)] == Truth::yes;
            for (const auto& crit : r.award->criteria) {
                CriterionTrace t;
                t.criterion = &crit;
                t.result = ev.evaluate_traced(*crit.test.root, subject, t.trace).truth;
                a.criteria.push_back(std::move(t));
            }
        } else {
            a.eligible = false;
        }
        out.awards.push_back(std::move(a));
    }
    if (!award_id.empty()) return out;
    std::vector<int> kinds;
    auto applies = [&](const std::vector<std::string>& k) {
        return ws.data.subjects[static_cast<std::size_t>(subject)].exists_in(result.year) &&
               std::find(k.begin(), k.end(),
                         ws.data.subjects[static_cast<std::size_t>(subject)].kind) != k.end();
    };
    for (const auto& r : result.checks) {
        if (!applies(r.check->kinds)) continue;
        CheckExplanation c;
        c.result = &r;
        c.outcome = ev.evaluate_traced(*r.check->test.root, subject, c.trace).truth;
        out.checks.push_back(std::move(c));
    }
    for (const auto& r : result.targets) {
        if (r.subject != subject) continue;
        TargetExplanation t;
        t.result = &r;
        ev.evaluate_traced(*r.target->actual.root, subject, t.actual_trace);
        ev.evaluate_traced(*r.target->goal.root, subject, t.goal_trace);
        out.targets.push_back(std::move(t));
    }
    return out;
}

std::vector<RankingGroup> rank_year(const Workspace& ws, int year, const YearResult& result) {
    const Ranking* ranking = nullptr;
    for (const RuleSet* rs : result.rulesets)
        if (rs->ranking) {
            ranking = &*rs->ranking;
            break;
        }
    // The level columns, in [scales] order: they are the default keys and what is counted.
    std::vector<const Column*> level_columns;
    for (std::size_t sc = 0; sc < ws.rules.schema.scales.size(); ++sc)
        for (const auto& c : ws.data.yearly)
            if (c.type == ColumnType::level && c.scale == static_cast<int>(sc))
                level_columns.push_back(&c);

    RunAwards state(ws);
    for (const auto& r : result.awards)
        state.add(r);
    expr::EvalContext ctx{ws.data, *ws.forest, ws.rules.schema, year, &state, false};
    expr::Evaluator ev(ctx);

    std::vector<SubjectIndex> subjects;
    if (ranking) {
        subjects = applicable_subjects(ws, ranking->kinds, year);
    } else {
        for (std::size_t i = 0; i < ws.data.subjects.size(); ++i)
            if (ws.data.subjects[i].exists_in(year))
                subjects.push_back(static_cast<SubjectIndex>(i));
    }
    std::vector<RankKey> natural_keys(level_columns.size());
    const std::vector<RankKey>& keys = ranking ? ranking->by : natural_keys;

    auto level_at = [&](const Column& c, SubjectIndex s) -> int {
        if (ws.data.has_year(year)) return c.bytes[ws.data.slot(s, year)];
        return c.has_default ? c.default_byte : -1; // a year the data does not cover
    };
    std::map<std::string, std::vector<std::pair<SubjectIndex, std::vector<Value>>>>
        groups; // by group id
    std::map<std::string, Group> group_of_key;
    for (SubjectIndex s : subjects) {
        std::vector<Value> values;
        if (ranking) {
            for (const auto& k : ranking->by)
                values.push_back(ev.evaluate(*k.key.root, s));
        } else {
            for (const Column* c : level_columns)
                values.push_back(Value::of_level(c->scale, level_at(*c, s)));
        }
        SubjectIndex p = ws.forest->parent(s);
        Group g = p == no_subject ? Group{} : Group{p};
        std::string key = g ? "1" + ws.subject_id(*g) : "0"; // null group first
        group_of_key[key] = g;
        groups[key].emplace_back(s, std::move(values));
    }
    std::vector<RankingGroup> out;
    for (auto& [key, members] : groups) {
        std::stable_sort(members.begin(), members.end(), [&](const auto& a, const auto& b) {
            int c = compare_rank(a.second, b.second, keys);
            return c != 0 ? c < 0 : ws.subject_id(a.first) < ws.subject_id(b.first);
        });
        RankingGroup g;
        g.group = group_of_key[key];
        if (ranking)
            for (const auto& k : ranking->by)
                g.key_names.push_back(k.key.text);
        for (std::size_t i = 0; i < members.size(); ++i) {
            int position = static_cast<int>(i) + 1;
            if (i > 0 && compare_rank(members[i - 1].second, members[i].second, keys) == 0)
                position =
                    g.ranking.back().position; // equal on every key: shared position (1, 2, 2, 4)
            std::vector<std::string> keys;
            if (ranking)
                for (const auto& v : members[i].second)
                    keys.push_back(ev.describe(v));
            g.ranking.push_back({members[i].first, position, std::move(keys)});
        }
        for (const Column* c : level_columns) {
            const Scale& scale = ws.rules.schema.scales[static_cast<std::size_t>(c->scale)];
            std::vector<std::pair<std::string, int>> counts;
            for (const auto& l : scale.levels)
                counts.emplace_back(l, 0);
            int unknown = 0;
            for (const auto& [s, v] : members) {
                int l = level_at(*c, s);
                if (l < 0)
                    ++unknown;
                else
                    ++counts[static_cast<std::size_t>(l)].second;
            }
            counts.emplace_back("unknown", unknown);
            g.counts.emplace_back(c->name, std::move(counts));
        }
        out.push_back(std::move(g));
    }
    return out;
}

} // namespace commend
