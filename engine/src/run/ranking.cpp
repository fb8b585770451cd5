// `commend rank`: the year-end ranking per parent by [ranking], and the count of each level.
#include <algorithm>
#include <map>

#include "commend/select/rank_order.hpp"
#include "run/run_awards.hpp"

namespace commend {

using expr::Value;
using run_detail::applicable_subjects;
using run_detail::RunAwards;

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
