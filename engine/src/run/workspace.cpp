#include "commend/run/workspace.hpp"

#include <chrono>
#include <spdlog/spdlog.h>

#include "commend/expr/batch_evaluator.hpp"
#include "commend/rules/binding.hpp"
#include "commend/run/evaluation_budget.hpp"

namespace commend {

namespace {
// Logs how long a stage took (visible with `--verbose`); logs are never the user's output.
class StageLog {
  public:
    explicit StageLog(const char* stage)
        : stage_(stage), start_(std::chrono::steady_clock::now()) {}
    ~StageLog() {
        auto ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
                .count();
        spdlog::info("{}: {:.1f} ms", stage_, ms);
    }

  private:
    const char* stage_;
    std::chrono::steady_clock::time_point start_;
};
} // namespace

namespace {
/// The columns `collect(root)` gives for any expression of the rules.
template <class Collect> std::set<int> columns_of(const RuleBook& rules, Collect collect) {
    std::set<int> out;
    auto add = [&](const expr::SourceText& t) {
        if (t.root) out.merge(collect(*t.root));
    };
    for (const auto& rs : rules.rulesets) {
        for (const Award& a : rs->awards) {
            for (const auto& c : a.criteria)
                add(c.test);
            for (const auto& k : a.rank)
                add(k.key);
            if (a.limit.of) add(*a.limit.of);
        }
        for (const Check& c : rs->checks)
            add(c.test);
        for (const Target& t : rs->targets) {
            add(t.actual);
            add(t.goal);
        }
        if (rs->ranking)
            for (const auto& k : rs->ranking->by)
                add(k.key);
    }
    return out;
}
} // namespace

std::optional<Workspace> open_workspace(const std::string& rules_path, DataSource* source,
                                        Diagnostics& diags, std::optional<int> through_year) {
    Diagnostics rule_diags;
    std::optional<RuleBook> rules;
    {
        StageLog log("load rules");
        rules = load_rules(rules_path, rule_diags);
    }
    // With data at hand, "taken to be a data column" warnings are settled by binding (the
    // column exists, or it is an error), so they are only passed on without data.
    for (const auto& d : rule_diags.items())
        if (!source || d.code != "expr.undeclared-column") diags.add(d);
    if (!rules) return std::nullopt; // evaluation never starts on rules that failed a check
    return open_workspace(std::move(*rules), source, diags, through_year);
}

std::optional<Workspace> open_workspace(RuleBook rules, DataSource* source, Diagnostics& diags,
                                        std::optional<int> through_year) {
    Workspace ws;
    ws.rules = std::move(rules);
    if (!source) return ws;
    Diagnostics data_diags;
    std::optional<DataSet> data;
    {
        StageLog log("load data");
        data = source->load(ws.rules.schema, data_diags);
    }
    data_diags.sort();
    diags.append(data_diags);
    if (!data) return std::nullopt;
    ws.data = std::move(*data);
    {
        StageLog log("bind rules to data");
        if (!bind_rules(ws.rules, ws.data, diags)) return std::nullopt;
    }
    {
        StageLog log("build the organization tree");
        ws.forest = std::make_unique<SubjectForest>(ws.data);
    }
    {
        StageLog log("index the sums over descendants");
        ws.sums = std::make_unique<SubtreeSums>(
            ws.data, *ws.forest, columns_of(ws.rules, expr::summed_over_descendants));
    }
    {
        StageLog log("copy the columns read over time, kind by kind");
        ws.kind_runs = std::make_unique<KindRuns>(ws.data, *ws.forest,
                                                  columns_of(ws.rules, expr::read_over_time));
    }
    // Last, because it needs the tree's sizes: rules that this data cannot afford are refused
    // before anything is evaluated.
    StageLog log("estimate the evaluation cost");
    double steps = 0;
    if (!check_evaluation_budget(ws.rules, ws.data, *ws.forest,
                                 through_year.value_or(ws.data.last_year + 1), diags, &steps))
        return std::nullopt;
    spdlog::info("estimated evaluation: {:.3g} steps a year, of {:.3g} allowed", steps,
                 evaluation_budget(ws.data));
    return ws;
}

} // namespace commend
