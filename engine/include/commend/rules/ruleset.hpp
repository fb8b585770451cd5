// A rule set is one TOML file (SPEC §3): the awards, checks and targets a committee decides
// by, with their criteria as expressions, and the years they are in force. Every element
// keeps its place in the file so a problem found late still points at the right line.
//
//   [[award]]
//   id = "tieu-bieu-5-nam"
//   kinds = ["chi-bo-truc-thuoc"]
//   criteria = ["streak(rating == HTXSNV, since = 'tieu-bieu-5-nam') >= 5"]
//   limit = 3
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "commend/data/dataset.hpp"
#include "commend/diagnostic.hpp"
#include "commend/expr/source_text.hpp"
#include "commend/ruletest/test_case.hpp"

namespace commend {

/// One condition of an award; its result is pass, fail or unknown.
struct Criterion {
    std::optional<std::string> label;
    expr::SourceText test;
    bool gate = false;                 ///< a failing gate never makes a near miss
    std::optional<std::string> source; ///< the clause it encodes, when it differs from the award's
    /// How the criterion is named in reports: its label, or else its text.
    const std::string& name() const { return label ? *label : test.text; }
};

/// A rank key: an expression and a direction (`asc`/`desc`, or the type's default).
struct RankKey {
    expr::SourceText key;
    enum class Direction { natural, asc, desc } direction = Direction::natural;
};

/// How places are counted (SPEC §5).
struct Limit {
    enum class Form { none, count, share } form = Form::none;
    int max = 0;                        ///< for count
    double share = 0;                   ///< for share
    std::optional<expr::SourceText> of; ///< for share: which applicable subjects count
    enum class Round { floor, nearest, ceil } round = Round::floor;
    int min = 0;
    enum class Per { run, parent, ancestor } per = Per::run;
    std::vector<std::string> ancestor_kinds;
};

struct Award {
    std::string id, title;
    std::optional<std::string> issuer;
    std::vector<std::string> kinds;
    std::vector<Criterion> criteria;
    std::vector<RankKey> rank;
    Limit limit;
    std::optional<std::string> source; ///< the regulation it encodes (document, article)
    SourcePos pos;
};

/// The awards whose evaluation-year result `award` reads (through its criteria, rank keys or
/// share base), so it must be decided after them.
std::set<std::string> award_dependencies(const Award& award, std::optional<int> in_force_from);

struct Check {
    std::string id, title;
    std::vector<std::string> kinds;
    expr::SourceText test;
    Severity severity = Severity::error;
    std::optional<std::string> source;
    SourcePos pos;
};

struct Target {
    std::string id, title;
    std::vector<std::string> kinds;
    expr::SourceText actual, goal;
    bool strict = false; ///< compare = ">" (else ">=")
    SourcePos pos;
};

struct Ranking {
    std::vector<std::string> kinds;
    std::vector<RankKey> by;
    SourcePos pos;
};

/// A named expression of one file's `[let]` table.
struct LetBinding {
    std::string name;
    expr::SourceText value;
};

struct RuleSet {
    std::string id, title;
    std::string file; ///< the path it was loaded from, as given
    SourcePos pos;    ///< where its id is written
    std::optional<int> in_force_from, in_force_until;
    std::vector<LetBinding> lets;
    std::map<std::string, std::string> labels; ///< level → display name
    std::vector<Award> awards;
    std::vector<Check> checks;
    std::vector<Target> targets;
    std::optional<Ranking> ranking;
    std::vector<ruletest::TestCase> tests; ///< `[[test]]` cases, run only by `commend test`
    std::vector<std::string> source_lines; ///< the file's text, for printing carets

    bool in_force(int year) const {
        return (!in_force_from || year >= *in_force_from) &&
               (!in_force_until || year <= *in_force_until);
    }
    const LetBinding* find_let(std::string_view name) const {
        for (const auto& l : lets)
            if (l.name == name) return &l;
        return nullptr;
    }
};

/// Everything loaded from `--rules PATH`: the rule sets in file-name order and the schema
/// they share (scales, aliases, declared columns).
struct RuleBook {
    std::vector<std::unique_ptr<RuleSet>> rulesets;
    DataSchema schema;
    std::map<std::string, std::string> labels; ///< level display names from every file

    /// The rule sets in force in `year`, in file-name order.
    std::vector<const RuleSet*> in_force(int year) const {
        std::vector<const RuleSet*> out;
        for (const auto& r : rulesets)
            if (r->in_force(year)) out.push_back(r.get());
        return out;
    }
    /// The source line `line` (1-based) of `file`, for printing a caret under a diagnostic.
    const std::string* source_line(const std::string& file, int line) const;
};

/// Loads `path` (a .toml file, or a folder whose *.toml files are loaded in name order),
/// parses every expression, checks types against the schema (columns the rules do not
/// declare are accepted with a warning until data is bound) and the award dependency graph.
/// Returns nullopt when there are errors.
std::optional<RuleBook> load_rules(const std::string& path, Diagnostics& diags);

/// The text of one rule file and the name diagnostics give it.
struct RuleText {
    std::string name; ///< e.g. "rules/khen-thuong.toml"
    std::string text; ///< TOML
};
/// load_rules over rule files already in memory, in the order given (for rules that do not
/// live in files — tests, fuzzing, a database — with the same checks and limits).
std::optional<RuleBook> load_rules(const std::vector<RuleText>& files, Diagnostics& diags);

} // namespace commend
