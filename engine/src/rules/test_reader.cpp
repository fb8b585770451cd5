// The [[test]] tables of a rule file: the cases `commend test` runs (format in rules/README.md).
// Every command reads and validates them — a malformed case is a load error like any other —
// but only `commend test` runs them. What can be checked without running the case is checked
// here: keys, types, the shape of histories, and (check_test_ids) that every id a case expects
// something of is defined by a loaded rule set. What a value means (a level on the scale, a
// number in a flag column) is checked by the data loader when the case runs.
#include <set>
#include <string>
#include <toml++/toml.h>

#include "commend/expr/value.hpp"
#include "commend/limits.hpp"
#include "commend/text/unicode.hpp"
#include "rules/file_reader.hpp"

namespace commend::ruletest {

const char* outcome_key(Outcome o) {
    switch (o) {
    case Outcome::eligible:
        return "eligible";
    case Outcome::not_eligible:
        return "not_eligible";
    case Outcome::unknown:
        return "unknown";
    case Outcome::selected:
        return "selected";
    case Outcome::not_selected:
        return "not_selected";
    case Outcome::not_applicable:
        return "not_applicable";
    case Outcome::holds:
        return "holds";
    case Outcome::violated:
        return "violated";
    }
    return "";
}

} // namespace commend::ruletest

namespace commend::rules::detail {

using ruletest::CaseSubject;
using ruletest::CaseValue;
using ruletest::Outcome;

namespace {

constexpr int max_nesting = limits::test_case_nesting;      // parent of parent…
constexpr std::int64_t max_count = limits::test_case_count; // subjects alike in one `count`

constexpr Outcome all_outcomes[] = {
    Outcome::eligible,     Outcome::not_eligible,   Outcome::unknown, Outcome::selected,
    Outcome::not_selected, Outcome::not_applicable, Outcome::holds,   Outcome::violated};

// Columns of subjects.csv and evaluations.csv that a case writes itself.
const std::set<std::string, std::less<>> reserved_attributes{"id",     "name", "kind",
                                                             "parent", "from", "until"};
const std::set<std::string, std::less<>> reserved_columns{"subject", "year"};

} // namespace

std::optional<CaseValue> FileReader::cell_value(const toml::node& n, const std::string& what) {
    CaseValue v;
    v.pos = pos(n);
    if (auto* s = n.as_string())
        v.text = text::to_nfc(s->get());
    else if (auto* b = n.as_boolean())
        v.text = b->get() ? "true" : "false";
    else if (auto* i = n.as_integer())
        v.text = std::to_string(i->get());
    else if (auto* f = n.as_floating_point())
        v.text = expr::format_number(f->get());
    else {
        error(v.pos, "test.wrong-type",
              what + " is text, a number, true or false (\"\" for a missing value)");
        return std::nullopt;
    }
    return v;
}

void FileReader::read_history(const toml::node& n, CaseSubject& s, const std::string& what) {
    const toml::table* t = as_table(n, "'history' of " + what);
    if (!t) return;
    for (auto&& [k, v] : *t) {
        ruletest::HistoryColumn c;
        c.column = std::string(k.str());
        c.pos = pos(k.source());
        if (reserved_columns.count(c.column)) {
            error(c.pos, "test.reserved-column",
                  "'" + c.column +
                      "' is written by the case itself; a history holds yearly "
                      "columns such as rating");
            continue;
        }
        const std::string value_what = "the history value '" + c.column + "'";
        if (auto* arr = v.as_array()) {
            if (arr->empty()) {
                error(pos(v), "test.wrong-type",
                      "'" + c.column + "' has no values; give one per year, oldest first");
                continue;
            }
            for (const toml::node& item : *arr)
                if (auto cell = cell_value(item, "each value of '" + c.column + "'"))
                    c.values.push_back(std::move(*cell));
        } else if (auto cell = cell_value(v, value_what)) {
            c.values.push_back(std::move(*cell));
            c.every_year = true;
        }
        s.history.push_back(std::move(c));
    }
}

std::optional<CaseSubject> FileReader::read_case_subject(const toml::table& t,
                                                         const std::string& what, int depth,
                                                         bool in_list) {
    CaseSubject s;
    s.pos = pos(t);
    if (depth > max_nesting) {
        error(s.pos, "test.limit",
              "subjects nested more than " + std::to_string(max_nesting) +
                  " deep in a case; use a data folder");
        return std::nullopt;
    }
    if (depth > 0) {
        // A subject of the case's own table is read with the case's keys (read_test).
        if (in_list)
            check_keys(t,
                       {"id", "name", "kind", "count", "from", "until", "history", "attributes",
                        "awards", "children"},
                       what);
        else
            check_keys(t,
                       {"id", "name", "kind", "from", "until", "history", "attributes", "awards",
                        "children", "parent"},
                       what);
        s.id = string_at(t, "id", what, false).value_or("");
        s.name = string_at(t, "name", what, false).value_or("");
    }
    if (const toml::node* k = t.get("kind")) {
        if (auto v = cell_value(*k, "'kind' of " + what); v && k->is_string())
            s.kind = *v;
        else if (v)
            error(pos(*k), "rule.wrong-type", "'kind' of " + what + " must be text");
    } else {
        error(pos(t), "rule.missing-key", what + " needs 'kind' (the kind of subject it is)");
    }
    s.from = year_at(t, "from", what);
    s.until = year_at(t, "until", what);
    if (const toml::node* u = t.get("until")) s.until_pos = pos(*u);
    if (s.from && s.until && *s.from > *s.until)
        error(s.until_pos, "test.bad-year", "'until' of " + what + " is before its 'from'");
    if (const toml::node* c = t.get("count")) {
        auto* i = c->as_integer();
        if (!i || i->get() < 1 || i->get() > max_count)
            error(pos(*c), "test.bad-count",
                  "'count' is how many subjects alike: a whole number from 1 to " +
                      std::to_string(max_count));
        else
            s.count = static_cast<int>(i->get());
        if (s.count > 1 && t.get("id"))
            error(pos(*c), "test.bad-count",
                  "subjects alike (count > 1) cannot share one 'id'; drop 'id' or 'count'");
    }
    if (const toml::node* h = t.get("history")) read_history(*h, s, what);
    if (const toml::node* a = t.get("attributes")) {
        if (auto* at = as_table(*a, "'attributes' of " + what)) {
            for (auto&& [k, v] : *at) {
                std::string name(k.str());
                if (reserved_attributes.count(name)) {
                    error(pos(k.source()), "test.reserved-column",
                          "'" + name + "' is not an attribute; the case writes it itself");
                    continue;
                }
                if (auto cell = cell_value(v, "attribute '" + name + "'"))
                    s.attributes.emplace_back(name, std::move(*cell));
            }
        }
    }
    if (const toml::node* a = t.get("awards")) {
        if (auto* at = as_table(*a, "'awards' of " + what)) {
            for (auto&& [k, v] : *at) {
                std::string award(k.str());
                auto add = [&](const toml::node& y) {
                    if (!y.is_integer()) {
                        error(pos(y), "test.wrong-type",
                              "the years an award was received are whole years, e.g. [2019, "
                              "2020]");
                        return;
                    }
                    s.awards.push_back({award, {std::to_string(y.as_integer()->get()), pos(y)}});
                };
                if (auto* arr = v.as_array())
                    for (const toml::node& y : *arr)
                        add(y);
                else
                    add(v);
            }
        }
    }
    if (const toml::node* c = t.get("children")) {
        if (auto* arr = c->as_array()) {
            for (const toml::node& item : *arr)
                if (auto* ct = as_table(item, "each of 'children'"))
                    if (auto child = read_case_subject(*ct, "a child in a case", depth + 1, true))
                        s.children.push_back(std::move(*child));
        } else {
            error(pos(*c), "rule.wrong-type",
                  "'children' is a list of subjects: [{ kind = …, count = …, history = … }]");
        }
    }
    return s;
}

void FileReader::read_test(const toml::table& t, RuleSet& rs) {
    check_keys(t, {"name",         "description", "year",     "mode",         "data",
                   "subject",      "kind",        "from",     "until",        "history",
                   "attributes",   "awards",      "children", "parent",       "eligible",
                   "not_eligible", "unknown",     "selected", "not_selected", "not_applicable",
                   "holds",        "violated"},
               "a [[test]]");
    ruletest::TestCase c;
    c.file = display_;
    c.pos = pos(t);
    SourcePos name_pos = c.pos;
    c.name = string_at(t, "name", "a [[test]]", true, &name_pos).value_or("");
    c.pos = name_pos;
    const std::string what = "test '" + c.name + "'";
    for (const auto& other : rs.tests)
        if (!c.name.empty() && other.name == c.name)
            diags_.add({Severity::error,
                        "test.duplicate-name",
                        name_pos,
                        "two cases in this file are named '" + c.name +
                            "'; give each its own name, so a failure points at one",
                        {{other.pos, "the other case"}}});
    string_at(t, "description", what, false);
    if (auto y = year_at(t, "year", what))
        c.year = *y;
    else if (!t.get("year"))
        error(c.pos, "rule.missing-key", what + " needs 'year' (the evaluation year)");
    if (auto m = choice_at(t, "mode", what, {"evaluate", "audit"}, "rule.wrong-type",
                           "mode is \"evaluate\" (awarded() in the case's year reads this run's "
                           "selection) or \"audit\" (it reads the awards the case records)"))
        c.audit = *m == 1;

    SourcePos subject_pos = c.pos;
    auto subject = string_at(t, "subject", what, false, &subject_pos);
    if (t.get("data")) {
        SourcePos data_pos;
        if (auto folder = string_at(t, "data", what, false, &data_pos))
            c.data = CaseValue{*folder, data_pos};
        if (!subject)
            error(data_pos, "rule.missing-key",
                  what + " reads a data folder, so it needs 'subject' (the id the expectations "
                         "are about)");
        for (const char* k :
             {"kind", "from", "until", "history", "attributes", "awards", "children", "parent"})
            if (const toml::node* n = t.get(k))
                error(pos(*n), "test.data-and-history",
                      std::string("'") + k + "' describes an inline subject, but " + what +
                          " reads its subjects from the data folder; keep one of the two");
    } else {
        c.inline_subject = read_case_subject(t, what, 0, false);
        if (c.inline_subject) c.inline_subject->id = subject.value_or("s");
        // The parent chain, nearest first; each may have children (the subject's siblings).
        const toml::table* at = &t;
        int depth = 1;
        while (const toml::node* p = at->get("parent")) {
            const toml::table* pt = as_table(*p, "'parent' of " + what);
            if (!pt) break;
            auto a = read_case_subject(*pt, "the parent in a case", depth, false);
            if (!a) break;
            // "parent", "parent.parent", …: never the id of a child ("parent-2").
            if (a->id.empty())
                a->id = c.ancestors.empty() ? "parent" : c.ancestors.back().id + ".parent";
            c.ancestors.push_back(std::move(*a));
            at = pt;
            ++depth;
        }
    }
    c.subject =
        CaseValue{subject.value_or(c.inline_subject ? c.inline_subject->id : ""), subject_pos};

    for (Outcome o : all_outcomes) {
        const char* key = ruletest::outcome_key(o);
        const toml::node* n = t.get(key);
        if (!n) continue;
        auto add = [&](const toml::node& item) {
            if (auto* s = item.as_string())
                c.expect.push_back({o, text::to_nfc(s->get()), pos(item)});
            else
                error(pos(item), "rule.wrong-type",
                      std::string("'") + key + "' lists the ids of awards or checks, as text");
        };
        if (auto* arr = n->as_array())
            for (const toml::node& item : *arr)
                add(item);
        else
            add(*n);
    }
    if (c.expect.empty())
        error(c.pos, "test.no-expectation",
              what + " expects nothing; list award or check ids under eligible, not_eligible, "
                     "unknown, selected, not_selected, not_applicable, holds or violated");
    rs.tests.push_back(std::move(c));
}

} // namespace commend::rules::detail

namespace commend::rules {

using ruletest::Outcome;

void check_test_ids(const RuleBook& book, Diagnostics& diags) {
    std::set<std::string, std::less<>> awards, checks;
    for (const auto& rs : book.rulesets) {
        for (const auto& a : rs->awards)
            awards.insert(a.id);
        for (const auto& c : rs->checks)
            checks.insert(c.id);
    }
    for (const auto& rs : book.rulesets) {
        for (const auto& c : rs->tests) {
            // One expectation of the result per id, and one of the selection.
            std::map<std::pair<std::string, bool>, const ruletest::Expectation*> seen;
            for (const auto& e : c.expect) {
                const bool award = awards.count(e.id) > 0, check = checks.count(e.id) > 0;
                const std::string key = ruletest::outcome_key(e.outcome);
                std::string problem;
                switch (e.outcome) {
                case Outcome::eligible:
                case Outcome::not_eligible:
                case Outcome::selected:
                case Outcome::not_selected:
                    if (!award)
                        problem = check ? "'" + e.id + "' is a check; '" + key +
                                              "' is said of awards (a check holds or is violated)"
                                        : "no loaded rule set defines an award '" + e.id + "'";
                    break;
                case Outcome::holds:
                case Outcome::violated:
                    if (!check)
                        problem = award ? "'" + e.id + "' is an award; '" + key +
                                              "' is said of checks (an award is eligible or not)"
                                        : "no loaded rule set defines a check '" + e.id + "'";
                    break;
                case Outcome::unknown:
                case Outcome::not_applicable:
                    if (!award && !check)
                        problem = "no loaded rule set defines an award or a check '" + e.id + "'";
                    else if (award && check)
                        problem = "'" + e.id +
                                  "' is both an award and a check; give them "
                                  "different ids so the case says which it means";
                    break;
                }
                if (!problem.empty()) {
                    diags.error("test.unknown-id", e.pos, problem);
                    continue;
                }
                const bool selection =
                    e.outcome == Outcome::selected || e.outcome == Outcome::not_selected;
                auto [it, fresh] = seen.emplace(std::pair{e.id, selection}, &e);
                if (!fresh)
                    diags.add({Severity::error,
                               "test.duplicate-expectation",
                               e.pos,
                               "the case already expects " +
                                   std::string(ruletest::outcome_key(it->second->outcome)) +
                                   " of '" + e.id + "'; keep one of the two",
                               {{it->second->pos, "the other expectation"}}});
            }
        }
    }
}

} // namespace commend::rules
