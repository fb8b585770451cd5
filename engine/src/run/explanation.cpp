// `commend explain`: one subject's criteria, re-evaluated with a trace of the values used.
#include <algorithm>

#include "run/run_awards.hpp"

namespace commend {

using expr::Truth;
using run_detail::RunAwards;

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

} // namespace commend
