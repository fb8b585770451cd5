// The [[check]] and [[target]] tables of a rule file: the per-subject tests reported beside
// the awards. Part of the FileReader; see file_reader.hpp.
#include <string>
#include <toml++/toml.h>

#include "rules/file_reader.hpp"

namespace commend::rules::detail {

void FileReader::read_check(const toml::table& t, RuleSet& rs) {
    check_keys(t, {"id", "title", "kinds", "test", "severity", "source", "description"},
               "a [[check]]");
    Check c;
    c.pos = pos(t);
    c.id = string_at(t, "id", "a [[check]]", true, &c.pos).value_or("");
    std::string what = "check '" + c.id + "'";
    c.title = string_at(t, "title", what, false).value_or(c.id);
    c.source = string_at(t, "source", what, false);
    c.kinds = strings_at(t, "kinds", what, true);
    if (auto src = expression_at(t, "test", what, true)) c.test = std::move(*src);
    if (auto i = choice_at(t, "severity", what, {"error", "warning"}, "rule.wrong-type",
                           "severity is \"error\" or \"warning\""))
        c.severity = *i == 0 ? Severity::error : Severity::warning;
    rs.checks.push_back(std::move(c));
}

void FileReader::read_target(const toml::table& t, RuleSet& rs) {
    check_keys(t, {"id", "title", "kinds", "actual", "goal", "compare", "source", "description"},
               "a [[target]]");
    Target g;
    g.pos = pos(t);
    g.id = string_at(t, "id", "a [[target]]", true, &g.pos).value_or("");
    std::string what = "target '" + g.id + "'";
    g.title = string_at(t, "title", what, false).value_or(g.id);
    g.kinds = strings_at(t, "kinds", what, true);
    if (auto src = expression_at(t, "actual", what, true)) g.actual = std::move(*src);
    if (auto src = expression_at(t, "goal", what, true)) g.goal = std::move(*src);
    if (auto i = choice_at(t, "compare", what, {">=", ">"}, "rule.wrong-type",
                           "compare is \">=\" or \">\""))
        g.strict = *i == 1;
    rs.targets.push_back(std::move(g));
}

} // namespace commend::rules::detail
