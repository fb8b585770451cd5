// The [[award]] tables of a rule file: criteria, rank keys and limits; and the [ranking]
// table, which is a list of rank keys too. Part of the FileReader; see file_reader.hpp.
#include <string>
#include <string_view>
#include <toml++/toml.h>

#include "commend/limits.hpp"
#include "commend/text/unicode.hpp"
#include "rules/file_reader.hpp"

namespace commend::rules::detail {

std::vector<RankKey> FileReader::rank_keys(const toml::table& t, const char* key,
                                           const std::string& what) {
    std::vector<RankKey> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) {
        error(pos(*n), "rule.wrong-type",
              std::string("'") + key + "' of " + what + " must be a list of expressions");
        return out;
    }
    for (const toml::node& item : *arr) {
        auto* s = item.as_string();
        if (!s) {
            error(pos(item), "rule.wrong-type",
                  "each rank key is an expression, optionally followed by asc or desc");
            continue;
        }
        RankKey k;
        std::string text = text::to_nfc(s->get());
        auto strip = [&](std::string_view word) {
            // Only the end is trimmed: leading spaces stay, so columns still match the file.
            std::string suffix = " " + std::string(word);
            std::size_t end = text.find_last_not_of(" \t");
            std::string_view body =
                std::string_view(text).substr(0, end == std::string::npos ? 0 : end + 1);
            if (body.size() > suffix.size() && body.substr(body.size() - suffix.size()) == suffix) {
                text = std::string(body.substr(0, body.size() - suffix.size()));
                return true;
            }
            return false;
        };
        if (strip("desc"))
            k.direction = RankKey::Direction::desc;
        else if (strip("asc"))
            k.direction = RankKey::Direction::asc;
        k.key.text = text;
        k.key.origin = text_origin(item);
        expr::parse(k.key, diags_);
        out.push_back(std::move(k));
    }
    return out;
}

void FileReader::read_limit(const toml::node& n, Limit& limit, const std::string& what) {
    if (auto* i = n.as_integer()) {
        if (i->get() < 0 || i->get() > limits::places) {
            error(pos(n), "rule.bad-limit",
                  "limit must be a whole number of places, from 0 to " +
                      std::to_string(limits::places));
            return;
        }
        limit.form = Limit::Form::count;
        limit.max = static_cast<int>(i->get());
        return;
    }
    const toml::table* t = n.as_table();
    if (!t) {
        error(pos(n), "rule.wrong-type",
              "limit is a number of places or a table {max/share, per, …}");
        return;
    }
    check_keys(*t, {"max", "share", "per", "of", "round", "min"}, "the limit of " + what);
    const toml::node* max = t->get("max");
    const toml::node* share = t->get("share");
    if ((max != nullptr) == (share != nullptr)) {
        error(pos(n), "rule.bad-limit", "a limit table needs exactly one of 'max' and 'share'");
        return;
    }
    if (max) {
        auto* i = max->as_integer();
        if (!i || i->get() < 0 || i->get() > limits::places) {
            error(pos(*max), "rule.bad-limit",
                  "'max' must be a whole number of places, from 0 to " +
                      std::to_string(limits::places));
            return;
        }
        limit.form = Limit::Form::count;
        limit.max = static_cast<int>(i->get());
        if (t->get("of") || t->get("round") || t->get("min"))
            error(pos(n), "rule.bad-limit", "'of', 'round' and 'min' belong to a share limit");
    } else {
        std::optional<double> f;
        if (auto* d = share->as_floating_point()) f = d->get();
        if (auto* i = share->as_integer()) f = static_cast<double>(i->get());
        if (!f || *f < 0 || *f > 1) {
            error(pos(*share), "rule.bad-limit",
                  "'share' must be a fraction between 0 and 1, e.g. 0.2");
            return;
        }
        limit.form = Limit::Form::share;
        limit.share = *f;
        constexpr Limit::Round rounds[] = {Limit::Round::floor, Limit::Round::nearest,
                                           Limit::Round::ceil};
        if (auto i = choice_at(*t, "round", "the limit", {"floor", "nearest", "ceil"},
                               "rule.bad-limit", "'round' is floor, nearest or ceil"))
            limit.round = rounds[*i];
        if (const toml::node* m = t->get("min")) {
            auto* i = m->as_integer();
            if (!i || i->get() < 0 || i->get() > limits::places)
                error(pos(*m), "rule.bad-limit",
                      "'min' must be a whole number of places, from 0 to " +
                          std::to_string(limits::places));
            else
                limit.min = static_cast<int>(i->get());
        }
        if (t->get("of")) limit.of = expression_at(*t, "of", "the limit", false);
    }
    if (const toml::node* per = t->get("per")) {
        if (auto* s = per->as_string()) {
            if (s->get() == "parent")
                limit.per = Limit::Per::parent;
            else
                error(pos(*per), "rule.bad-limit",
                      "'per' is \"parent\" or { ancestor = [\"kind\", …] }");
        } else if (auto* pt = per->as_table()) {
            check_keys(*pt, {"ancestor"}, "per");
            limit.per = Limit::Per::ancestor;
            limit.ancestor_kinds = strings_at(*pt, "ancestor", "per", true);
            if (limit.ancestor_kinds.empty())
                error(pos(*per), "rule.bad-limit", "'ancestor' needs at least one kind");
        } else {
            error(pos(*per), "rule.bad-limit",
                  "'per' is \"parent\" or { ancestor = [\"kind\", …] }");
        }
    }
}

void FileReader::read_award(const toml::table& t, RuleSet& rs) {
    check_keys(
        t, {"id", "title", "issuer", "kinds", "criteria", "rank", "limit", "source", "description"},
        "an [[award]]");
    Award a;
    a.pos = pos(t);
    SourcePos id_pos = a.pos;
    a.id = string_at(t, "id", "an [[award]]", true, &id_pos).value_or("");
    a.pos = id_pos;
    std::string what = "award '" + a.id + "'";
    a.title = string_at(t, "title", what, false).value_or(a.id);
    a.issuer = string_at(t, "issuer", what, false);
    a.source = string_at(t, "source", what, false);
    a.kinds = strings_at(t, "kinds", what, true);
    const toml::node* c = t.get("criteria");
    if (!c) {
        error(a.pos, "rule.missing-key", what + " needs 'criteria'");
    } else if (auto* arr = c->as_array()) {
        for (const toml::node& item : *arr) {
            Criterion crit;
            if (item.is_string()) {
                auto src = expression(item, "a criterion");
                if (!src) continue;
                crit.test = std::move(*src);
            } else if (auto* ct = item.as_table()) {
                check_keys(*ct, {"label", "test", "gate", "source"}, "a criterion");
                crit.label = string_at(*ct, "label", "a criterion", false);
                crit.source = string_at(*ct, "source", "a criterion", false);
                auto src = expression_at(*ct, "test", "a criterion", true);
                if (!src) continue;
                crit.test = std::move(*src);
                if (const toml::node* g = ct->get("gate")) {
                    if (auto* b = g->as_boolean())
                        crit.gate = b->get();
                    else
                        error(pos(*g), "rule.wrong-type", "'gate' must be true or false");
                }
            } else {
                error(pos(item), "rule.wrong-type",
                      "a criterion is an expression in quotes or a table {label, test, gate}");
                continue;
            }
            a.criteria.push_back(std::move(crit));
        }
    } else {
        error(pos(*c), "rule.wrong-type", "'criteria' must be a list");
    }
    a.rank = rank_keys(t, "rank", what);
    if (const toml::node* l = t.get("limit")) read_limit(*l, a.limit, what);
    rs.awards.push_back(std::move(a));
}

void FileReader::read_ranking(const toml::table& t, RuleSet& rs) {
    check_keys(t, {"kinds", "by"}, "[ranking]");
    Ranking r;
    r.pos = pos(t);
    r.kinds = strings_at(t, "kinds", "[ranking]", true);
    r.by = rank_keys(t, "by", "[ranking]");
    rs.ranking = std::move(r);
}

} // namespace commend::rules::detail
