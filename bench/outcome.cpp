#include "outcome.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace commend::bench {

Outcome outcome_of(const Workspace& ws, const YearResult& result) {
    Outcome o;
    auto ids = [&](const auto& list) {
        std::vector<std::string> out;
        for (const auto& e : list)
            out.push_back(ws.subject_id(e.subject));
        return out;
    };
    for (const AwardResult& a : result.awards) {
        AwardOutcome ao;
        ao.id = a.award->id;
        ao.selected = ids(a.selected);
        for (const auto& t : a.ties) {
            AwardOutcome::Tie tie{t.places, {}};
            for (SubjectIndex s : t.subjects)
                tie.subjects.push_back(ws.subject_id(s));
            ao.ties.push_back(std::move(tie));
        }
        ao.over_limit = ids(a.over_limit);
        ao.unknown = ids(a.unknown);
        ao.near_misses = ids(a.near_misses);
        o.awards.push_back(std::move(ao));
    }
    for (const CheckResult& c : result.checks) {
        CheckOutcome co;
        co.id = c.check->id;
        for (SubjectIndex s : c.violations)
            co.violations.push_back(ws.subject_id(s));
        for (SubjectIndex s : c.unknown)
            co.unknown.push_back(ws.subject_id(s));
        o.checks.push_back(std::move(co));
    }
    for (const TargetResult& t : result.targets)
        o.targets.push_back({t.target->id, ws.subject_id(t.subject), t.actual, t.met});
    return o;
}

namespace {

std::string first_few(const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size() && i < 5; ++i)
        out += (i ? ", " : "") + v[i];
    if (v.size() > 5) out += ", … (" + std::to_string(v.size()) + ")";
    return out.empty() ? "none" : out;
}

void compare_list(const std::string& what, const std::vector<std::string>& engine,
                  const std::vector<std::string>& yardstick, std::vector<std::string>& out) {
    if (engine == yardstick) return;
    std::vector<std::string> a = engine, b = yardstick, only_a, only_b;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
    if (only_a.empty() && only_b.empty())
        out.push_back(what + ": the same subjects in another order (engine: " + first_few(engine) +
                      "; yardstick: " + first_few(yardstick) + ")");
    else
        out.push_back(what + ": only the engine has " + first_few(only_a) +
                      "; only the yardstick has " + first_few(only_b));
}

bool same_figure(const std::optional<double>& a, const std::optional<double>& b) {
    if (!a || !b) return a.has_value() == b.has_value();
    const double scale = std::max({std::fabs(*a), std::fabs(*b), 1e-300});
    return std::fabs(*a - *b) <= 1e-12 * scale;
}

std::string text(const std::optional<double>& v) {
    return v ? std::to_string(*v) : "null";
}
std::string text(const std::optional<bool>& v) {
    return v ? (*v ? "true" : "false") : "null";
}

} // namespace

std::vector<std::string> differences(const Outcome& engine, const Outcome& yardstick) {
    std::vector<std::string> out;
    std::map<std::string, const AwardOutcome*> ya;
    for (const auto& a : yardstick.awards)
        ya[a.id] = &a;
    for (const auto& a : engine.awards) {
        auto it = ya.find(a.id);
        if (it == ya.end()) {
            out.push_back("award " + a.id + ": the yardstick does not compute it");
            continue;
        }
        const AwardOutcome& b = *it->second;
        compare_list(a.id + " selected", a.selected, b.selected, out);
        if (a.ties.size() != b.ties.size())
            out.push_back(a.id + " ties: engine " + std::to_string(a.ties.size()) + ", yardstick " +
                          std::to_string(b.ties.size()));
        for (std::size_t i = 0; i < a.ties.size() && i < b.ties.size(); ++i) {
            if (a.ties[i].places != b.ties[i].places)
                out.push_back(a.id + " tie places: engine " + std::to_string(a.ties[i].places) +
                              ", yardstick " + std::to_string(b.ties[i].places));
            compare_list(a.id + " tie", a.ties[i].subjects, b.ties[i].subjects, out);
        }
        compare_list(a.id + " over_limit", a.over_limit, b.over_limit, out);
        compare_list(a.id + " unknown", a.unknown, b.unknown, out);
        compare_list(a.id + " near_misses", a.near_misses, b.near_misses, out);
    }
    if (engine.awards.size() != yardstick.awards.size())
        out.push_back("awards: engine " + std::to_string(engine.awards.size()) + ", yardstick " +
                      std::to_string(yardstick.awards.size()));
    std::map<std::string, const CheckOutcome*> yc;
    for (const auto& c : yardstick.checks)
        yc[c.id] = &c;
    for (const auto& c : engine.checks) {
        auto it = yc.find(c.id);
        if (it == yc.end()) {
            out.push_back("check " + c.id + ": the yardstick does not compute it");
            continue;
        }
        compare_list(c.id + " violations", c.violations, it->second->violations, out);
        compare_list(c.id + " unknown", c.unknown, it->second->unknown, out);
    }
    std::map<std::pair<std::string, std::string>, const TargetOutcome*> yt;
    for (const auto& t : yardstick.targets)
        yt[{t.id, t.subject}] = &t;
    for (const auto& t : engine.targets) {
        auto it = yt.find({t.id, t.subject});
        if (it == yt.end()) {
            out.push_back("target " + t.id + " of " + t.subject + ": missing in the yardstick");
            continue;
        }
        if (!same_figure(t.actual, it->second->actual) || t.met != it->second->met)
            out.push_back("target " + t.id + " of " + t.subject + ": engine " + text(t.actual) +
                          " met " + text(t.met) + ", yardstick " + text(it->second->actual) +
                          " met " + text(it->second->met));
    }
    if (engine.targets.size() != yardstick.targets.size())
        out.push_back("targets: engine " + std::to_string(engine.targets.size()) + ", yardstick " +
                      std::to_string(yardstick.targets.size()));
    return out;
}

std::int64_t criterion_evaluations(const YearResult& result) {
    std::int64_t n = 0;
    for (const AwardResult& a : result.awards)
        n += static_cast<std::int64_t>(a.criteria_evaluated);
    return n;
}

std::string outcome_to_json(const Outcome& o) {
    nlohmann::json j;
    for (const auto& a : o.awards) {
        nlohmann::json ties = nlohmann::json::array();
        for (const auto& t : a.ties)
            ties.push_back({{"places", t.places}, {"subjects", t.subjects}});
        j["awards"].push_back({{"id", a.id},
                               {"selected", a.selected},
                               {"ties", ties},
                               {"over_limit", a.over_limit},
                               {"unknown", a.unknown},
                               {"near_misses", a.near_misses}});
    }
    for (const auto& c : o.checks)
        j["checks"].push_back({{"id", c.id}, {"violations", c.violations}, {"unknown", c.unknown}});
    for (const auto& t : o.targets)
        j["targets"].push_back({{"id", t.id},
                                {"subject", t.subject},
                                {"actual", t.actual ? nlohmann::json(*t.actual) : nullptr},
                                {"met", t.met ? nlohmann::json(*t.met) : nullptr}});
    return j.dump();
}

Outcome outcome_from_json(const std::string& text) {
    const auto j = nlohmann::json::parse(text);
    Outcome o;
    for (const auto& a : j.value("awards", nlohmann::json::array())) {
        AwardOutcome ao;
        ao.id = a.at("id");
        ao.selected = a.at("selected").get<std::vector<std::string>>();
        for (const auto& t : a.at("ties"))
            ao.ties.push_back({t.at("places"), t.at("subjects").get<std::vector<std::string>>()});
        ao.over_limit = a.at("over_limit").get<std::vector<std::string>>();
        ao.unknown = a.at("unknown").get<std::vector<std::string>>();
        ao.near_misses = a.at("near_misses").get<std::vector<std::string>>();
        o.awards.push_back(std::move(ao));
    }
    for (const auto& c : j.value("checks", nlohmann::json::array()))
        o.checks.push_back({c.at("id"), c.at("violations").get<std::vector<std::string>>(),
                            c.at("unknown").get<std::vector<std::string>>()});
    for (const auto& t : j.value("targets", nlohmann::json::array())) {
        TargetOutcome to{t.at("id"), t.at("subject"), std::nullopt, std::nullopt};
        if (!t.at("actual").is_null()) to.actual = t.at("actual").get<double>();
        if (!t.at("met").is_null()) to.met = t.at("met").get<bool>();
        o.targets.push_back(std::move(to));
    }
    return o;
}

} // namespace commend::bench
