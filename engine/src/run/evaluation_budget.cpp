// Refusing rules that would take too long on the loaded data (see
// commend/run/evaluation_budget.hpp). Every expression evaluated in a year is counted as its
// evaluate_year() loop runs it: criteria, `of` and checks once per applicable subject, rank
// keys at most once per applicable subject, targets twice, [ranking] keys once per subject
// ranked.
#include "commend/run/evaluation_budget.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

#include "commend/expr/cost.hpp"
#include "commend/limits.hpp"

namespace commend {

namespace {

/// "12,345", "4.2 million", "1.5e+15": a count a person can read at a glance.
std::string about(double x) {
    if (!std::isfinite(x) || x >= 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1e", x);
        return std::isfinite(x) ? buf : "more than 1e308";
    }
    const char* words[] = {"thousand", "million", "billion", "trillion"};
    if (x >= 1e6) {
        int w = 0;
        double v = x / 1e3;
        while (v >= 1e3 && w < 3)
            v /= 1e3, ++w;
        char buf[48];
        std::snprintf(buf, sizeof buf, "%.1f %s", v, words[w]);
        return buf;
    }
    std::string digits = std::to_string(static_cast<long long>(std::llround(x)));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

/// Steps of bookkeeping per applicable subject: an award's candidate record, near misses,
/// sorting by id; a check's or target's result.
constexpr double award_overhead = 50, check_overhead = 10;

/// One expression as a year's evaluation runs it.
struct Item {
    const RuleSet* ruleset;
    const expr::SourceText* text;
    double subjects; ///< how many times a year it is evaluated, at most
    double each;     ///< steps per evaluation, bookkeeping included
    double total() const { return subjects == 0 || each == 0 ? 0 : subjects * each; }
};

std::vector<int> kind_ids(const SubjectForest& forest, const std::vector<std::string>& kinds) {
    std::vector<int> out;
    for (const auto& k : kinds)
        if (int id = forest.kind_id(k); id >= 0) out.push_back(id);
    return out;
}

/// What is in force in the years from `from`: "in 2021", "from 2024", "in every year".
std::string era_name(int from, int until) {
    if (from == INT_MIN && until == INT_MAX) return "in every year";
    if (from == INT_MIN) return "until " + std::to_string(until);
    if (until == INT_MAX) return "from " + std::to_string(from);
    if (from == until) return "in " + std::to_string(from);
    return "from " + std::to_string(from) + " to " + std::to_string(until);
}

} // namespace

double evaluation_budget(const DataSet& data) {
    return limits::evaluation_steps_per_100k_subjects *
           std::max(1.0, static_cast<double>(data.subjects.size()) / 100'000.0);
}

bool check_evaluation_budget(const RuleBook& rules, const DataSet& data,
                             const SubjectForest& forest, int through_year, Diagnostics& diags,
                             double* estimate) {
    const double budget = evaluation_budget(data);
    if (estimate) *estimate = 0;
    expr::CostModel model(data, forest, through_year);

    std::vector<Item> items;
    for (const auto& rs : rules.rulesets) {
        auto add = [&](const expr::SourceText& text, const std::vector<int>& kinds,
                       double overhead) {
            if (!text.root) return;
            double subjects = 0;
            for (int k : kinds)
                subjects += static_cast<double>(forest.of_kind(k).size());
            items.push_back({rs.get(), &text, subjects, overhead + model.steps(*text.root, kinds)});
        };
        for (const Award& a : rs->awards) {
            const auto kinds = kind_ids(forest, a.kinds);
            // The bookkeeping goes with the first criterion (an award needs one).
            double overhead = award_overhead;
            for (const auto& c : a.criteria)
                add(c.test, kinds, std::exchange(overhead, 1));
            // Rank keys are also compared while sorting: about log2(n) comparisons each, and
            // text compares by collation, some thirty steps' worth.
            double applicable = 0;
            for (int k : kinds)
                applicable += static_cast<double>(forest.of_kind(k).size());
            for (const auto& k : a.rank)
                add(k.key, kinds, 5 * std::log2(std::max(2.0, applicable)));
            if (a.limit.of) add(*a.limit.of, kinds, 1);
        }
        for (const Check& c : rs->checks)
            add(c.test, kind_ids(forest, c.kinds), check_overhead);
        for (const Target& t : rs->targets) {
            add(t.actual, kind_ids(forest, t.kinds), check_overhead);
            add(t.goal, kind_ids(forest, t.kinds), 1);
        }
        if (rs->ranking)
            for (const auto& k : rs->ranking->by) {
                const auto kinds = kind_ids(forest, rs->ranking->kinds);
                double ranked = 0;
                for (int id : kinds)
                    ranked += static_cast<double>(forest.of_kind(id).size());
                add(k.key, kinds, check_overhead + 5 * std::log2(std::max(2.0, ranked)));
            }
    }

    const std::size_t errors_before = diags.error_count();
    const std::string limit_text =
        "more than the limit of " + about(budget) + " for a data set of " +
        about(static_cast<double>(data.subjects.size())) + " subjects (about 10 s)";
    const std::string advice =
        "; avoid nesting set functions and windows inside each other, and [let] names that use "
        "the one before more than once; narrow sets to a kind (descendants('dang-vien')), or "
        "shorten windows (last = 5)";
    const std::string years =
        std::to_string(model.years()) + (model.years() == 1 ? " year" : " years");
    std::set<const Item*> reported;
    for (const Item& item : items) {
        if (!(item.total() > budget)) continue;
        reported.insert(&item);
        diags.error("eval.too-costly", item.text->at(0),
                    "evaluating this for one year would take about " + about(item.total()) +
                        " steps (" + about(item.subjects) + " subjects × " + about(item.each) +
                        " steps each, with up to " + years + " to look back on), " + limit_text +
                        advice);
    }

    // The rule sets in force together, era by era (the years between in_force boundaries).
    std::set<int> starts{INT_MIN};
    for (const auto& rs : rules.rulesets) {
        if (rs->in_force_from) starts.insert(*rs->in_force_from);
        if (rs->in_force_until && *rs->in_force_until < INT_MAX)
            starts.insert(*rs->in_force_until + 1);
    }
    for (auto it = starts.begin(); it != starts.end(); ++it) {
        const int from = *it;
        const int until = std::next(it) == starts.end() ? INT_MAX : *std::next(it) - 1;
        double total = 0;
        std::vector<const Item*> in_force;
        for (const Item& item : items)
            if (item.ruleset->in_force(from)) {
                total += item.total();
                in_force.push_back(&item);
            }
        if (estimate) *estimate = std::max(*estimate, total);
        if (!(total > budget) || in_force.empty()) continue;
        std::sort(in_force.begin(), in_force.end(),
                  [](const Item* a, const Item* b) { return a->total() > b->total(); });
        if (reported.count(in_force.front())) continue; // already named on its own
        reported.insert(in_force.front());
        Diagnostic d{Severity::error,
                     "eval.too-costly",
                     in_force.front()->text->at(0),
                     "the rule sets in force " + era_name(from, until) + " would take about " +
                         about(total) + " steps to evaluate one year, " + limit_text +
                         "; this is the costliest of their " + std::to_string(in_force.size()) +
                         " expressions (about " + about(in_force.front()->total()) + " steps)" +
                         advice,
                     {}};
        for (std::size_t i = 1; i < in_force.size() && i < 3; ++i)
            d.notes.emplace_back(in_force[i]->text->at(0),
                                 "next costliest: about " + about(in_force[i]->total()) + " steps");
        diags.add(std::move(d));
    }
    return diags.error_count() == errors_before;
}

} // namespace commend
