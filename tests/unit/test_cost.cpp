// The cost estimate of expressions (expr/cost.cpp) on a tree small enough to count by hand:
// a root of kind r with three children of kind c, each with two children of kind m, and
// data from 2019 to 2021. The numbers pin the model docs/limits.md describes.
#include <catch2/catch.hpp>

#include <map>

#include "commend/data/csv.hpp"
#include "commend/data/csv_source.hpp"
#include "commend/expr/cost.hpp"
#include "commend/run/workspace.hpp"

using namespace commend;

namespace {

struct Fixture {
    DataTables tables;
    std::optional<Workspace> ws;

    Fixture() {
        Diagnostics d;
        std::string subjects = "id,name,kind,parent\nroot,R,r,\n";
        for (int c = 0; c < 3; ++c) {
            subjects += "c" + std::to_string(c) + ",C,c,root\n";
            for (int m = 0; m < 2; ++m)
                subjects += "m" + std::to_string(c) + std::to_string(m) + ",M,m,c" +
                            std::to_string(c) + "\n";
        }
        auto s = parse_csv(subjects, "subjects.csv", d);
        auto e = parse_csv("subject,year,rating\nroot,2019,A\nroot,2021,B\n", "evaluations.csv", d);
        REQUIRE(s);
        REQUIRE(e);
        tables = {"t", std::move(*s), std::move(*e), std::nullopt};
    }

    /// The estimate of `text` for a subject of kind `kind`, with the rules' [let] names.
    double steps(const std::string& text, const std::string& kind, const std::string& lets = "") {
        struct Source : DataSource {
            const DataTables& t;
            explicit Source(const DataTables& tables) : t(tables) {}
            std::optional<DataSet> load(const DataSchema& schema, Diagnostics& diags) override {
                return load_data_tables(t, schema, diags);
            }
        } source(tables);
        Diagnostics d;
        auto book = load_rules({{"r.toml", "[ruleset]\nid = \"t\"\n[scales]\nrating = [\"A\", "
                                           "\"B\"]\n[let]\n" +
                                               lets + "\n[[award]]\nid = \"x\"\nkinds = [\"" +
                                               kind + "\"]\ncriteria = [\"" + text + "\"]\n"}},
                               d);
        REQUIRE(book);
        ws = open_workspace(std::move(*book), &source, d, 2021);
        REQUIRE(ws);
        expr::CostModel model(ws->data, *ws->forest, 2021);
        CHECK(model.years() == 3);
        const auto& root = *ws->rules.rulesets.front()->awards.front().criteria.front().test.root;
        return model.steps(root, {ws->forest->kind_id(kind)});
    }
};

} // namespace

TEST_CASE("cost: set functions multiply by the sizes of the tree, per kind", "[expr]") {
    Fixture f;
    // count: 1; children(): 10 + 3 scanned + 3 members; the condition: 3 × (1 + 1).
    CHECK(f.steps("count(children(), true) > 0", "r") == 1 + 23 + 1);
    // descendants('m'): the root scans 9 and finds 6 of kind m.
    CHECK(f.steps("count(descendants('m'), true) > 0", "r") == 1 + 1 + 25 + 6 * 2 + 1);
    // Nested: the members are of kind c, which have 2 children each.
    CHECK(f.steps("count(children(), count(children(), true) > 0) > 0", "r") ==
          1 + (1 + 16 + 3 * (1 + (1 + (1 + 14 + 2 * 2) + 1))) + 1);
    // A kind the data lacks: an empty set, whose condition is never evaluated.
    CHECK(f.steps("count(children('nope'), years(true, last = 1000) > 0) > 0", "r") ==
          1 + (1 + 13) + 1);
    // Members of kind m have no children: the inner set is empty however costly its test.
    CHECK(f.steps("count(descendants('m'), count(children(), years(true) > 0) > 0) > 0", "r") ==
          1 + (1 + 25 + 6 * (1 + (1 + (1 + 10) + 1))) + 1);
}

TEST_CASE("cost: windows and lets", "[expr]") {
    Fixture f;
    // streak looks at up to 3 years (2019..2021), each evaluating `true`.
    CHECK(f.steps("streak(true) > 0", "m") == 1 + (1 + 3 * (1 + 1)) + 1);
    // A window of 1000 years loops 1000 times but evaluates only the 3 years of data.
    CHECK(f.steps("years(true, last = 1000) > 0", "m") == 1 + (1 + 1000 + 3 * 1) + 1);
    // Nested windows multiply.
    CHECK(f.steps("years(years(true, last = 2) > 0, last = 2) > 0", "m") ==
          1 + (1 + 2 + 2 * (1 + (1 + 2 + 2 * 1) + 1)) + 1);
    // A let costs its expression where it is used; doubling lets double.
    CHECK(f.steps("d3 > 0", "m", "d1 = \"1 + 1\"\nd2 = \"d1 + d1\"\nd3 = \"d2 + d2\"") ==
          1 + (1 + (1 + 2 * (1 + (1 + 2 * (1 + 3))))) + 1);
}

TEST_CASE("cost: evaluation height counts lets written out", "[expr]") {
    Fixture f;
    f.steps("l2 > 0", "m", "l1 = \"1 + 1 + 1\"\nl2 = \"l1 + 1\"");
    std::map<const expr::Expr*, int> memo;
    const auto& root = *f.ws->rules.rulesets.front()->awards.front().criteria.front().test.root;
    // `>` → l2 (a let: 1) → `+` → l1 (1) → `+` → `+` → 1: seven levels.
    CHECK(expr::evaluation_height(root, memo) == 7);
}
