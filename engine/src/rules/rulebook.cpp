// Loading a whole `--rules PATH`: read every file, merge what they share, and check them
// together (duplicate ids, overlapping versions, types, the award dependency graph).
#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

#include "commend/expr/checker.hpp"
#include "commend/expr/cost.hpp"
#include "commend/graph/award_graph.hpp"
#include "commend/limits.hpp"
#include "commend/rules/binding.hpp"
#include "commend/rules/ruleset.hpp"
#include "rules/toml_reader.hpp"

namespace commend {

namespace fs = std::filesystem;

const std::string* RuleBook::source_line(const std::string& file, int line) const {
    for (const auto& r : rulesets)
        if (r->file == file && line >= 1 && line <= static_cast<int>(r->source_lines.size()))
            return &r->source_lines[static_cast<std::size_t>(line - 1)];
    return nullptr;
}

namespace {

constexpr std::size_t max_rule_files = limits::rule_files;

std::vector<std::string> rule_files(const std::string& path, Diagnostics& diags) {
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        for (const auto& entry : fs::directory_iterator(path, ec))
            if (entry.is_regular_file() && entry.path().extension() == ".toml")
                files.push_back((fs::path(path) / entry.path().filename()).string());
        std::sort(files.begin(), files.end());
        if (files.empty())
            diags.error("rule.no-files", {path, 0, 0}, "the folder holds no *.toml rule files");
        if (files.size() > max_rule_files) {
            diags.error("rule.limit", {path, 0, 0},
                        "the folder holds " + std::to_string(files.size()) +
                            " rule files; the limit is " + std::to_string(max_rule_files) +
                            " (merge small rule sets into one file)");
            files.clear();
        }
    } else if (fs::is_regular_file(path, ec)) {
        files.push_back(path);
    } else {
        diags.error("rule.missing", {path, 0, 0}, "no such rule file or folder");
    }
    return files;
}

bool overlap(const RuleSet& a, const RuleSet& b) {
    int a_from = a.in_force_from.value_or(INT32_MIN),
        a_until = a.in_force_until.value_or(INT32_MAX);
    int b_from = b.in_force_from.value_or(INT32_MIN),
        b_until = b.in_force_until.value_or(INT32_MAX);
    return a_from <= b_until && b_from <= a_until;
}

void merge_shared(const std::vector<rules::SharedTables>& shared, DataSchema& schema,
                  RuleBook& book, Diagnostics& diags) {
    std::map<std::string, SourcePos> scale_pos, alias_pos, column_pos;
    for (const auto& s : shared) {
        for (const auto& d : s.scales) {
            int existing = schema.scale_index(d.scale.name);
            if (existing < 0) {
                schema.scales.push_back(d.scale);
                scale_pos[d.scale.name] = d.pos;
            } else if (schema.scales[static_cast<std::size_t>(existing)].levels != d.scale.levels) {
                Diagnostic diag{Severity::error,
                                "rule.conflicting-scale",
                                d.pos,
                                "scale '" + d.scale.name +
                                    "' is defined differently in another loaded rule file",
                                {{scale_pos[d.scale.name], "first defined here"}}};
                diags.add(diag);
            }
        }
        for (const auto& a : s.aliases) {
            auto it = schema.aliases.find(a.alias);
            if (it == schema.aliases.end()) {
                schema.aliases[a.alias] = a.level;
                alias_pos[a.alias] = a.pos;
            } else if (it->second != a.level) {
                diags.add(
                    {Severity::error,
                     "rule.conflicting-alias",
                     a.pos,
                     "alias '" + a.alias + "' is defined differently in another loaded rule file",
                     {{alias_pos[a.alias], "first defined here"}}});
            }
        }
        for (const auto& [level, label] : s.labels)
            book.labels.emplace(level, label);
    }
    // Aliases must name a level of some scale.
    for (const auto& [alias, level] : schema.aliases) {
        // (A named copy: clang 14 cannot capture a structured binding.)
        const std::string& name = level;
        bool found = std::any_of(schema.scales.begin(), schema.scales.end(),
                                 [&](const Scale& sc) { return sc.index_of(name) >= 0; });
        if (!found)
            diags.error("rule.bad-alias", alias_pos[alias],
                        "alias '" + alias + "' maps to '" + level +
                            "', which is not a level of any scale");
    }
    // Columns after scales, since a column's type may be a scale's name.
    for (const auto& s : shared) {
        for (const auto& c : s.columns) {
            DataSchema::DeclaredColumn d;
            d.pos = c.pos;
            d.missing = c.missing;
            if (c.type == "flag")
                d.type = ColumnType::flag;
            else if (c.type == "number")
                d.type = ColumnType::number;
            else if (c.type == "text")
                d.type = ColumnType::text;
            else if (int sc = schema.scale_index(c.type); sc >= 0)
                d.type = ColumnType::level, d.scale = sc;
            else {
                diags.error("rule.bad-column-type", c.type_pos,
                            "column type '" + c.type +
                                "' is not flag, number, text or the name of a scale");
                continue;
            }
            if (c.missing) {
                // The default must be a value of the column's type (SPEC §3: wrong types are
                // load errors), caught here rather than when data happens to be loaded.
                using Kind = rules::SharedTables::ColumnDecl::MissingKind;
                std::string problem;
                switch (d.type) {
                case ColumnType::flag:
                    if (c.missing_kind != Kind::boolean) problem = "true or false";
                    break;
                case ColumnType::number:
                    if (c.missing_kind != Kind::number) problem = "a number";
                    break;
                case ColumnType::text:
                    if (c.missing_kind != Kind::text) problem = "text in quotes";
                    break;
                case ColumnType::level: {
                    const Scale& sc = schema.scales[static_cast<std::size_t>(d.scale)];
                    std::string level = *c.missing;
                    if (auto a = schema.aliases.find(level); a != schema.aliases.end())
                        level = a->second;
                    if (c.missing_kind != Kind::text || sc.index_of(level) < 0)
                        problem = "a level of scale " + sc.name + " in quotes";
                    break;
                }
                }
                if (!problem.empty()) {
                    diags.error("rule.wrong-type", c.missing_pos,
                                "the missing value of column '" + c.name + "' must be " + problem);
                    d.missing.reset(); // declared all the same, so its uses are still checked
                }
            }
            auto it = schema.columns.find(c.name);
            if (it == schema.columns.end()) {
                schema.columns[c.name] = d;
                column_pos[c.name] = c.pos;
            } else if (it->second.type != d.type || it->second.scale != d.scale ||
                       it->second.missing != d.missing) {
                diags.add(
                    {Severity::error,
                     "rule.conflicting-column",
                     c.pos,
                     "column '" + c.name + "' is declared differently in another loaded rule file",
                     {{column_pos[c.name], "first declared here"}}});
            }
        }
    }
}

void check_ids(const RuleBook& book, Diagnostics& diags) {
    auto dup_in_file = [&](const RuleSet& rs, const char* what, auto getter) {
        std::map<std::string, SourcePos> seen;
        for (const auto& item : getter(rs)) {
            if (item.id.empty()) continue;
            auto [it, added] = seen.emplace(item.id, item.pos);
            if (!added)
                diags.add({Severity::error,
                           "rule.duplicate-id",
                           item.pos,
                           std::string("duplicate ") + what + " id '" + item.id + "'",
                           {{it->second, "first defined here"}}});
        }
    };
    auto awards = [](const RuleSet& r) -> const auto& {
        return r.awards;
    };
    auto checks = [](const RuleSet& r) -> const auto& {
        return r.checks;
    };
    auto targets = [](const RuleSet& r) -> const auto& {
        return r.targets;
    };
    std::map<std::string, const RuleSet*> ruleset_ids;
    for (const auto& rs : book.rulesets) {
        if (rs->id.empty()) continue;
        auto [it, added] = ruleset_ids.emplace(rs->id, rs.get());
        if (!added)
            diags.add({Severity::error,
                       "rule.duplicate-id",
                       rs->pos,
                       "rule set id '" + rs->id + "' is also used by " + it->second->file +
                           "; give each rule set its own id",
                       {{it->second->pos, "the other rule set"}}});
    }
    for (const auto& rs : book.rulesets) {
        dup_in_file(*rs, "award", awards);
        dup_in_file(*rs, "check", checks);
        dup_in_file(*rs, "target", targets);
    }
    // Two rule sets in force in the same year must not define the same id (SPEC §3). The
    // definitions are grouped by id first: comparing every pair of rule sets item by item
    // would take hours for 500 files of 2000 awards.
    auto across = [&](const char* what, auto getter) {
        std::map<std::string_view, std::vector<std::pair<std::size_t, SourcePos>>> by_id;
        for (std::size_t i = 0; i < book.rulesets.size(); ++i)
            for (const auto& x : getter(*book.rulesets[i]))
                if (!x.id.empty()) by_id[x.id].emplace_back(i, x.pos);
        for (const auto& [id, defs] : by_id)
            for (std::size_t p = 0; p < defs.size(); ++p)
                for (std::size_t q = p + 1; q < defs.size(); ++q) {
                    const RuleSet& a = *book.rulesets[defs[p].first];
                    if (defs[p].first == defs[q].first ||
                        !overlap(a, *book.rulesets[defs[q].first]))
                        continue;
                    diags.add({Severity::error,
                               "rule.duplicate-id",
                               defs[q].second,
                               std::string(what) + " '" + std::string(id) +
                                   "' is also defined by rule set '" + a.id +
                                   "', in force in the same years; give the two different "
                                   "in_force years",
                               {{defs[p].second, "the other definition"}}});
                }
    };
    // Every loaded file together: the limit per file times 500 files would be a million.
    auto total = [&](const char* what, auto getter) {
        std::size_t n = 0;
        for (const auto& rs : book.rulesets)
            n += getter(*rs).size();
        if (n > limits::items_in_all_files)
            diags.error("rule.limit", book.rulesets.front()->pos,
                        "the rule files define " + std::to_string(n) + " " + what +
                            "s together; the limit is " +
                            std::to_string(limits::items_in_all_files));
    };
    total("award", awards);
    total("check", checks);
    total("target", targets);
    // Two [ranking] tables in force in one year would make `commend rank` ambiguous.
    for (std::size_t i = 0; i < book.rulesets.size(); ++i)
        for (std::size_t j = i + 1; j < book.rulesets.size(); ++j) {
            const RuleSet& a = *book.rulesets[i];
            const RuleSet& b = *book.rulesets[j];
            if (a.ranking && b.ranking && overlap(a, b))
                diags.add({Severity::error,
                           "rule.duplicate-ranking",
                           b.ranking->pos,
                           "rule set '" + a.id +
                               "' also has a [ranking] in force in the same years; keep one",
                           {{a.ranking->pos, "the other [ranking]"}}});
        }
    across("award", awards);
    across("check", checks);
    across("target", targets);
}

} // namespace

std::set<std::string> award_dependencies(const Award& award, std::optional<int> in_force_from) {
    std::set<std::string> out;
    auto add = [&](const expr::SourceText& s) {
        if (!s.root) return;
        for (auto& d : expr::award_dependencies(*s.root, in_force_from))
            out.insert(d);
    };
    for (const auto& c : award.criteria)
        add(c.test);
    for (const auto& k : award.rank)
        add(k.key);
    if (award.limit.of) add(*award.limit.of);
    return out;
}

namespace rules {

// Checks every expression of every rule set against `data` (null before data is loaded).
bool check_expressions(RuleBook& book, const DataSet* data, Diagnostics& diags) {
    std::set<std::string> award_ids;
    for (const auto& rs : book.rulesets)
        for (const auto& a : rs->awards)
            award_ids.insert(a.id);
    Diagnostics local;
    for (auto& rs : book.rulesets) {
        expr::Scope scope{book.schema, *rs, data, &award_ids};
        // Lets first, in dependency order, so a name's type is known where it is used. A let
        // in a cycle, or at the end of too long a chain, is reported and left unchecked; the
        // other expressions are still checked, so every error is reported at once.
        std::map<std::string, int> state; // 0 new, 1 in progress, 2 done
        std::function<void(LetBinding&, int)> visit_let = [&](LetBinding& let, int chain) {
            int& st = state[let.name];
            if (st == 2) return;
            if (st == 1) {
                local.error("rule.let-cycle", let.value.origin,
                            "let '" + let.name + "' refers to itself");
                return;
            }
            if (chain > expr::max_expression_depth) {
                local.error("rule.let-chain", let.value.origin,
                            "lets refer to lets more than " +
                                std::to_string(expr::max_expression_depth) +
                                " deep; shorten the chain");
                st = 2;
                return;
            }
            st = 1;
            std::function<void(const expr::Expr&)> walk = [&](const expr::Expr& e) {
                std::visit(
                    [&](const auto& n) {
                        using N = std::decay_t<decltype(n)>;
                        if constexpr (std::is_same_v<N, expr::Identifier>) {
                            if (!n.qualifier.empty()) return;
                            if (n.name == let.name) {
                                local.error("rule.let-cycle", let.value.at(e.offset),
                                            "let '" + let.name + "' refers to itself");
                                return;
                            }
                            for (auto& other : rs->lets)
                                if (other.name == n.name) visit_let(other, chain + 1);
                        } else if constexpr (std::is_same_v<N, expr::Unary>) {
                            walk(*n.operand);
                        } else if constexpr (std::is_same_v<N, expr::Binary>) {
                            walk(*n.left), walk(*n.right);
                        } else if constexpr (std::is_same_v<N, expr::Call>) {
                            for (const auto& a : n.args)
                                walk(*a);
                            for (const auto& a : n.named)
                                walk(*a.value);
                        }
                    },
                    e.node);
            };
            std::size_t before = local.error_count();
            if (let.value.root) walk(*let.value.root);
            if (local.error_count() == before && let.value.root)
                expr::check(let.value, expr::Type{}, scope, local);
            st = 2;
        };
        for (auto& let : rs->lets)
            visit_let(let, 0);
        const expr::Type boolean{expr::Type::boolean}, number{expr::Type::number}, any{};
        auto check = [&](expr::SourceText& s, expr::Type t) {
            if (s.root) expr::check(s, t, scope, local);
        };
        for (auto& a : rs->awards) {
            for (auto& c : a.criteria)
                check(c.test, boolean);
            for (auto& k : a.rank)
                check(k.key, any);
            if (a.limit.of) check(*a.limit.of, boolean);
        }
        for (auto& c : rs->checks)
            check(c.test, boolean);
        for (auto& t : rs->targets) {
            check(t.actual, number);
            check(t.goal, number);
        }
        if (rs->ranking)
            for (auto& k : rs->ranking->by)
                check(k.key, any);
    }
    // The evaluator recurses as deep as an expression's tree with its [let] names written
    // out: a sum of a thousand terms in a let used by a let used by … would overflow the
    // stack however short each expression is. Checked once the lets are resolved.
    if (!local.has_errors())
        for (auto& rs : book.rulesets) {
            std::map<const expr::Expr*, int> heights;
            auto deep = [&](const expr::SourceText& s) {
                if (!s.root) return;
                const int h = expr::evaluation_height(*s.root, heights);
                if (h > limits::evaluation_depth)
                    local.error("expr.too-deep", s.at(0),
                                "this expression, with the [let] names it uses written out, is " +
                                    std::to_string(h) + " levels deep; the limit is " +
                                    std::to_string(limits::evaluation_depth) +
                                    " (a long chain of + or and counts one level per operator); "
                                    "split it into [let] names that do not build on each other");
            };
            for (auto& a : rs->awards) {
                for (auto& c : a.criteria)
                    deep(c.test);
                for (auto& k : a.rank)
                    deep(k.key);
                if (a.limit.of) deep(*a.limit.of);
            }
            for (auto& c : rs->checks)
                deep(c.test);
            for (auto& t : rs->targets)
                deep(t.actual), deep(t.goal);
            if (rs->ranking)
                for (auto& k : rs->ranking->by)
                    deep(k.key);
        }
    // Undeclared-column warnings only matter before data is bound; afterwards they are
    // errors or resolved. A warning about one name is given once, at its first place.
    std::set<std::pair<std::string, std::string>> warned; // one warning per name and message
    for (const auto& d : local.items()) {
        if (d.severity == Severity::warning && data && d.code == "expr.undeclared-column") continue;
        if (d.severity == Severity::warning && !warned.insert({d.code, d.message}).second) continue;
        diags.add(d);
    }
    return !local.has_errors();
}

void check_award_graph(const RuleBook& book, Diagnostics& diags) {
    // Awards depend on each other within one evaluation year, so the graph is built per era:
    // the years between in_force boundaries, in which the same rule sets are in force. Two
    // versions of an award that are never in force together cannot form a cycle.
    std::set<int> era_starts{INT32_MIN};
    for (const auto& rs : book.rulesets) {
        if (rs->in_force_from) era_starts.insert(*rs->in_force_from);
        if (rs->in_force_until && *rs->in_force_until < INT32_MAX)
            era_starts.insert(*rs->in_force_until + 1);
    }
    std::set<std::vector<std::string>> reported;
    for (int year : era_starts) {
        AwardGraph graph;
        std::map<std::string, SourcePos> where;
        for (const auto& rs : book.rulesets)
            if (rs->in_force(year))
                for (const auto& a : rs->awards) {
                    graph.add_award(a.id);
                    where.emplace(a.id, a.pos);
                }
        for (const auto& rs : book.rulesets)
            if (rs->in_force(year))
                for (const auto& a : rs->awards)
                    for (const auto& dep : award_dependencies(a, rs->in_force_from))
                        // awarded() of an award not decided in these years reads no run result.
                        if (where.count(dep)) graph.add_dependency(a.id, dep);
        for (const auto& cycle : graph.cycles()) {
            std::vector<std::string> key = cycle;
            std::sort(key.begin(), key.end());
            if (!reported.insert(key).second) continue;
            std::string names;
            for (const auto& id : cycle)
                names += (names.empty() ? "" : ", ") + id;
            Diagnostic d{
                Severity::error,
                "award.cycle",
                where[cycle.front()],
                "awards depend on each other in a cycle: " + names +
                    " (through eligible() or awarded() in the evaluation year); break the cycle",
                {}};
            for (std::size_t i = 1; i < cycle.size(); ++i)
                d.notes.push_back({where[cycle[i]], "'" + cycle[i] + "' is in the cycle"});
            diags.add(d);
        }
    }
}

} // namespace rules

namespace {

/// Everything after reading: parse each file, merge what they share, check them together.
/// `local` already holds the problems met while finding and reading the files.
std::optional<RuleBook> load_rule_texts(const std::vector<RuleText>& files, Diagnostics& local,
                                        Diagnostics& diags) {
    RuleBook book;
    std::vector<rules::SharedTables> shared;
    for (const auto& file : files) {
        auto contents = rules::read_rule_text(file.text, file.name, local);
        if (!contents) continue;
        book.rulesets.push_back(std::move(contents->ruleset));
        shared.push_back(std::move(contents->shared));
    }
    // Every stage runs even after errors, so all of them are reported at once (SPEC §3).
    merge_shared(shared, book.schema, book, local);
    check_ids(book, local);
    rules::check_test_ids(book, local);
    rules::check_expressions(book, nullptr, local);
    rules::check_award_graph(book, local);
    local.sort();
    diags.append(local);
    if (local.has_errors()) return std::nullopt;
    return book;
}

} // namespace

std::optional<RuleBook> load_rules(const std::string& path, Diagnostics& diags) {
    Diagnostics local;
    std::vector<RuleText> files;
    for (const auto& file : rule_files(path, local))
        if (auto text = rules::read_rule_bytes(file, file, local))
            files.push_back({file, std::move(*text)});
    return load_rule_texts(files, local, diags);
}

std::optional<RuleBook> load_rules(const std::vector<RuleText>& files, Diagnostics& diags) {
    Diagnostics local;
    if (files.empty() || files.size() > max_rule_files) {
        local.error("rule.limit", {files.empty() ? "" : files.front().name, 0, 0},
                    "give between 1 and " + std::to_string(max_rule_files) + " rule files, not " +
                        std::to_string(files.size()));
        return load_rule_texts({}, local, diags);
    }
    return load_rule_texts(files, local, diags);
}

bool bind_rules(RuleBook& book, const DataSet& data, Diagnostics& diags) {
    Diagnostics local;
    rules::check_expressions(book, &data, local);
    local.sort();
    diags.append(local);
    return !local.has_errors();
}

} // namespace commend
