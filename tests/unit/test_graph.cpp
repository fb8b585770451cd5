// Tests of the graph stage: the organization tree (children in input order, descendants as one
// contiguous preorder run, nearest ancestors of some kinds) and the award dependency graph
// (evaluation order, cycles reported once with every award in them).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "commend/graph/award_graph.hpp"
#include "commend/graph/subject_forest.hpp"

using namespace commend;

namespace {

struct Row {
    std::string id, kind, parent;
};

/// A data set of subjects only, in the given input order.
DataSet tree(const std::vector<Row>& rows) {
    DataSet d;
    for (const auto& r : rows) {
        Subject s;
        s.id = r.id;
        s.name = r.id;
        s.kind = r.kind;
        d.subjects.push_back(std::move(s));
    }
    d.build_indexes();
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (!rows[i].parent.empty()) d.subjects[i].parent = *d.find_subject(rows[i].parent);
    return d;
}

std::vector<std::string> ids(const DataSet& d, std::span<const SubjectIndex> v) {
    std::vector<std::string> out;
    for (SubjectIndex s : v)
        out.push_back(d.subjects[static_cast<std::size_t>(s)].id);
    return out;
}

using Ids = std::vector<std::string>;

/// Children listed before their parents, two roots, the second root first in the input.
const std::vector<Row> rows = {
    {"c1", "chi-bo", "r1"},      // 0
    {"r2", "dang-bo", ""},       // 1
    {"r1", "dang-bo", ""},       // 2
    {"c2", "chi-bo", "r1"},      // 3
    {"g1", "dang-vien", "c1"},   // 4
    {"c3", "chi-bo", "r2"},      // 5
    {"g2", "dang-vien", "c2"},   // 6
    {"g3", "dang-vien", "c1"},   // 7
    {"c0", "chi-bo-co-so", "r1"} // 8
};

} // namespace

TEST_CASE("forest: children in input order", "[graph]") {
    DataSet d = tree(rows);
    SubjectForest f(d);
    auto at = [&](const char* id) { return *d.find_subject(id); };
    CHECK(ids(d, f.children(at("r1"))) == Ids{"c1", "c2", "c0"});
    CHECK(ids(d, f.children(at("r2"))) == Ids{"c3"});
    CHECK(ids(d, f.children(at("c1"))) == Ids{"g1", "g3"});
    CHECK(f.children(at("g1")).empty());
    CHECK(f.parent(at("g1")) == at("c1"));
    CHECK(f.parent(at("r1")) == no_subject);
}

TEST_CASE("forest: descendants are one contiguous run of the preorder", "[graph]") {
    DataSet d = tree(rows);
    SubjectForest f(d);
    auto at = [&](const char* id) { return *d.find_subject(id); };
    // Roots in input order, each subtree depth first, children in input order.
    CHECK(ids(d, f.preorder()) == Ids{"r2", "c3", "r1", "c1", "g1", "g3", "c2", "g2", "c0"});
    CHECK(ids(d, f.descendants(at("r1"))) == Ids{"c1", "g1", "g3", "c2", "g2", "c0"});
    CHECK(ids(d, f.descendants(at("r2"))) == Ids{"c3"});
    CHECK(ids(d, f.descendants(at("c1"))) == Ids{"g1", "g3"});
    CHECK(f.descendants(at("g2")).empty());
    CHECK(f.descendants(at("c0")).empty());
    // Each descendants span points into preorder() right after the subject itself.
    const auto& pre = f.preorder();
    for (std::size_t i = 0; i < d.subjects.size(); ++i) {
        auto s = static_cast<SubjectIndex>(i);
        auto span = f.descendants(s);
        auto pos = std::find(pre.begin(), pre.end(), s) - pre.begin();
        if (!span.empty()) CHECK(span.data() == pre.data() + pos + 1);
    }
    // Every subject appears exactly once.
    std::set<SubjectIndex> seen(pre.begin(), pre.end());
    CHECK(seen.size() == d.subjects.size());
    CHECK(pre.size() == d.subjects.size());
}

TEST_CASE("forest: descendants agree with walking up the parents", "[graph]") {
    DataSet d = tree(rows);
    SubjectForest f(d);
    for (std::size_t a = 0; a < d.subjects.size(); ++a) {
        std::set<SubjectIndex> below;
        for (std::size_t b = 0; b < d.subjects.size(); ++b)
            for (SubjectIndex p = d.subjects[b].parent; p != no_subject;
                 p = d.subjects[static_cast<std::size_t>(p)].parent)
                if (p == static_cast<SubjectIndex>(a)) below.insert(static_cast<SubjectIndex>(b));
        auto span = f.descendants(static_cast<SubjectIndex>(a));
        CHECK(std::set<SubjectIndex>(span.begin(), span.end()) == below);
        CHECK(span.size() == below.size());
    }
}

TEST_CASE("forest: kinds and nearest ancestors", "[graph]") {
    DataSet d = tree(rows);
    SubjectForest f(d);
    auto at = [&](const char* id) { return *d.find_subject(id); };
    int chi_bo = f.kind_id("chi-bo"), dang_bo = f.kind_id("dang-bo");
    int dang_vien = f.kind_id("dang-vien"), co_so = f.kind_id("chi-bo-co-so");
    CHECK(chi_bo >= 0);
    CHECK(dang_bo >= 0);
    CHECK(std::set<int>{chi_bo, dang_bo, dang_vien, co_so}.size() == 4);
    CHECK(f.kind_id("khong-co") == -1);
    CHECK(f.kind_id("") == -1);
    CHECK(f.kind_id("CHI-BO") == -1);
    for (std::size_t i = 0; i < d.subjects.size(); ++i)
        CHECK(f.kind_of(static_cast<SubjectIndex>(i)) == f.kind_id(d.subjects[i].kind));

    // The nearest proper ancestor of one of the kinds.
    CHECK(f.nearest_ancestor(at("g1"), {chi_bo}) == at("c1"));
    CHECK(f.nearest_ancestor(at("g1"), {dang_bo}) == at("r1"));
    CHECK(f.nearest_ancestor(at("g1"), {dang_bo, chi_bo}) == at("c1"));
    CHECK(f.nearest_ancestor(at("g2"), {dang_bo}) == at("r1"));
    CHECK(f.nearest_ancestor(at("c3"), {dang_bo}) == at("r2"));
    // Not the subject itself, even when it has the kind.
    CHECK(f.nearest_ancestor(at("c1"), {chi_bo}) == no_subject);
    CHECK(f.nearest_ancestor(at("r1"), {dang_bo}) == no_subject);
    // No ancestor of the kinds.
    CHECK(f.nearest_ancestor(at("g1"), {co_so}) == no_subject);
    CHECK(f.nearest_ancestor(at("g1"), {}) == no_subject);
    CHECK(f.nearest_ancestor(at("g1"), {-1}) == no_subject);
}

TEST_CASE("forest: a very deep chain does not exhaust the stack", "[graph]") {
    const int n = 200000;
    DataSet d;
    for (int i = 0; i < n; ++i) {
        Subject s;
        s.id = "s" + std::to_string(i);
        s.kind = i % 2 ? "odd" : "even";
        s.parent = i == 0 ? no_subject : i - 1;
        d.subjects.push_back(std::move(s));
    }
    d.build_indexes();
    SubjectForest f(d);
    CHECK(f.descendants(0).size() == static_cast<std::size_t>(n - 1));
    CHECK(f.descendants(n - 2).size() == 1);
    CHECK(f.preorder().front() == 0);
    CHECK(f.preorder().back() == n - 1);
    CHECK(f.nearest_ancestor(n - 1, {f.kind_id("even")}) == n - 2); // n - 1 is odd
    CHECK(f.nearest_ancestor(n - 1, {f.kind_id("odd")}) == n - 3);
}

TEST_CASE("forest: an empty data set and a flat one", "[graph]") {
    DataSet empty;
    SubjectForest f(empty);
    CHECK(f.preorder().empty());
    CHECK(f.kind_id("x") == -1);

    DataSet flat = tree({{"b", "k", ""}, {"a", "k", ""}, {"c", "k", ""}});
    SubjectForest g(flat);
    CHECK(ids(flat, g.preorder()) == Ids{"b", "a", "c"});
    for (SubjectIndex s = 0; s < 3; ++s) {
        CHECK(g.children(s).empty());
        CHECK(g.descendants(s).empty());
    }
}

TEST_CASE("forest: graphviz output names the subjects", "[graph]") {
    DataSet d = tree(rows);
    SubjectForest f(d);
    std::ostringstream out;
    f.write_graphviz(out, d);
    std::string text = out.str();
    CHECK_FALSE(text.empty());
    CHECK(text.find("digraph") != std::string::npos);
    CHECK(text.find("\"g3\"") != std::string::npos);
    CHECK(text.find("->") != std::string::npos);
}

// =============================================================================================
// Award graph
// =============================================================================================

TEST_CASE("award graph: without dependencies the order is the order of addition", "[graph]") {
    AwardGraph g;
    g.add_award("c");
    g.add_award("a");
    g.add_award("b");
    g.add_award("a"); // again: ignored
    CHECK(g.order() == Ids{"c", "a", "b"});
    CHECK(g.cycles().empty());
}

TEST_CASE("award graph: dependencies come first, otherwise addition order", "[graph]") {
    AwardGraph g;
    for (const char* id : {"a", "b", "c", "d"})
        g.add_award(id);
    g.add_dependency("a", "c"); // a reads c
    CHECK(g.cycles().empty());
    CHECK(g.order() == Ids{"b", "c", "a", "d"});

    AwardGraph chain;
    for (const char* id : {"top", "mid", "base", "other"})
        chain.add_award(id);
    chain.add_dependency("top", "mid");
    chain.add_dependency("mid", "base");
    chain.add_dependency("mid", "base"); // twice: one edge
    CHECK(chain.cycles().empty());
    CHECK(chain.order() == Ids{"base", "mid", "top", "other"});

    // A diamond: d needs b and c, both need a.
    AwardGraph diamond;
    for (const char* id : {"d", "c", "b", "a"})
        diamond.add_award(id);
    diamond.add_dependency("d", "b");
    diamond.add_dependency("d", "c");
    diamond.add_dependency("b", "a");
    diamond.add_dependency("c", "a");
    auto order = diamond.order();
    REQUIRE(order.size() == 4);
    auto pos = [&](const std::string& id) {
        return std::find(order.begin(), order.end(), id) - order.begin();
    };
    CHECK(pos("a") < pos("b"));
    CHECK(pos("a") < pos("c"));
    CHECK(pos("b") < pos("d"));
    CHECK(pos("c") < pos("d"));
    CHECK(order == Ids{"a", "c", "b", "d"}); // c was added before b
}

TEST_CASE("award graph: a dependency on an award not yet added adds it", "[graph]") {
    AwardGraph g;
    g.add_dependency("x", "y");
    CHECK(g.order() == Ids{"y", "x"});
}

TEST_CASE("award graph: a cycle of three is reported once, naming all three", "[graph]") {
    AwardGraph g;
    for (const char* id : {"p", "a", "b", "c", "q"})
        g.add_award(id);
    g.add_dependency("a", "b");
    g.add_dependency("b", "c");
    g.add_dependency("c", "a");
    g.add_dependency("q", "a"); // depends on the cycle but is not in it
    auto cycles = g.cycles();
    REQUIRE(cycles.size() == 1);
    CHECK(cycles[0] == Ids{"a", "b", "c"}); // in order of addition
}

TEST_CASE("award graph: a self-loop is a cycle", "[graph]") {
    AwardGraph g;
    g.add_award("a");
    g.add_award("b");
    g.add_dependency("b", "b");
    auto cycles = g.cycles();
    REQUIRE(cycles.size() == 1);
    CHECK(cycles[0] == Ids{"b"});
}

TEST_CASE("award graph: separate cycles are reported separately", "[graph]") {
    AwardGraph g;
    for (const char* id : {"a", "b", "c", "d", "e"})
        g.add_award(id);
    g.add_dependency("a", "b");
    g.add_dependency("b", "a");
    g.add_dependency("d", "e");
    g.add_dependency("e", "d");
    g.add_dependency("c", "c");
    auto cycles = g.cycles();
    REQUIRE(cycles.size() == 3);
    CHECK(cycles[0] == Ids{"a", "b"});
    CHECK(cycles[1] == Ids{"c"});
    CHECK(cycles[2] == Ids{"d", "e"});
}

TEST_CASE("award graph: graphviz output", "[graph]") {
    AwardGraph g;
    g.add_award("tieu-bieu");
    g.add_award("xuat-sac");
    g.add_dependency("tieu-bieu", "xuat-sac");
    std::ostringstream out;
    g.write_graphviz(out);
    std::string text = out.str();
    CHECK_FALSE(text.empty());
    CHECK(text.find("digraph") != std::string::npos);
    CHECK(text.find("tieu-bieu") != std::string::npos);
    CHECK(text.find("xuat-sac") != std::string::npos);
    CHECK(text.find("->") != std::string::npos);
}
