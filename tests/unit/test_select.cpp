// Tests of selection (SPEC §5): the places a share limit gives, the order of rank keys, and
// choosing candidates within the places of each group, with ties that straddle the last place
// reported instead of broken.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "commend/select/rank_order.hpp"
#include "commend/select/selection.hpp"

using namespace commend;
using expr::Truth;
using expr::Type;
using expr::Value;
using Dir = RankKey::Direction;

namespace {

std::vector<RankKey> keys_of(std::initializer_list<Dir> dirs) {
    std::vector<RankKey> out;
    for (Dir d : dirs) {
        RankKey k;
        k.direction = d;
        out.push_back(std::move(k));
    }
    return out;
}

struct Candidate {
    std::string id;
    Group group;
    std::vector<Value> keys;
};

/// Candidates and the outcome of selecting among them; subject i is candidates[i].
struct Selection {
    std::vector<Candidate> candidates;
    AwardResult out;

    std::string id(SubjectIndex s) const { return candidates[static_cast<std::size_t>(s)].id; }
    std::vector<std::string> selected() const {
        std::vector<std::string> v;
        for (const auto& s : out.selected)
            v.push_back(id(s.subject));
        return v;
    }
    std::vector<int> ranks() const {
        std::vector<int> v;
        for (const auto& s : out.selected)
            v.push_back(s.rank);
        return v;
    }
    std::set<std::string> over() const {
        std::set<std::string> v;
        for (const auto& s : out.over_limit)
            v.insert(id(s.subject));
        return v;
    }
    std::vector<std::string> tied(std::size_t i) const {
        std::vector<std::string> v;
        for (SubjectIndex s : out.ties.at(i).subjects)
            v.push_back(id(s));
        return v;
    }
};

Selection select(std::vector<Candidate> candidates, const std::vector<RankKey>& keys,
                 const Places& places) {
    Selection sel;
    sel.candidates = std::move(candidates);
    std::vector<RankedCandidate> ranked;
    for (std::size_t i = 0; i < sel.candidates.size(); ++i) {
        const Candidate& c = sel.candidates[i];
        ranked.push_back({static_cast<SubjectIndex>(i), &c.id, c.group, c.keys});
    }
    select_candidates(std::move(ranked), keys, places, sel.out);
    return sel;
}

Places limit(int n) {
    Places p;
    p.unlimited = false;
    p.per_group[Group{}] = n;
    return p;
}

Places unlimited() {
    return Places{};
}

Value num(double x) {
    return Value::number(x);
}

} // namespace

// =============================================================================================
// share_places
// =============================================================================================

TEST_CASE("share_places: rounding of share × base", "[select]") {
    using R = Limit::Round;
    // 0.57 × 100 is 56.99999999999999 in binary; to 12 digits it is 57.
    CHECK(share_places(0.57, 100, R::floor, 0) == 57);
    CHECK(share_places(0.29, 100, R::floor, 0) == 29);
    CHECK(share_places(0.7, 10, R::ceil, 0) == 7); // 7.000000000000001 in binary
    CHECK(share_places(0.2, 7, R::floor, 0) == 1);
    CHECK(share_places(0.2, 7, R::nearest, 0) == 1);
    CHECK(share_places(0.2, 7, R::ceil, 0) == 2);
    // Halves go up with nearest.
    CHECK(share_places(0.25, 10, R::nearest, 0) == 3);
    CHECK(share_places(0.25, 10, R::floor, 0) == 2);
    CHECK(share_places(0.25, 10, R::ceil, 0) == 3);
    CHECK(share_places(0.15, 10, R::nearest, 0) == 2); // 1.5 to 12 digits
    CHECK(share_places(0.35, 10, R::nearest, 0) == 4);
    CHECK(share_places(0.5, 3, R::nearest, 0) == 2);
    CHECK(share_places(0.5, 4, R::nearest, 0) == 2);
    // Exact products stay.
    CHECK(share_places(0.2, 10, R::floor, 0) == 2);
    CHECK(share_places(0.2, 10, R::ceil, 0) == 2);
    CHECK(share_places(1, 9, R::floor, 0) == 9);
    CHECK(share_places(0, 9, R::ceil, 0) == 0);
    // An empty base gives no places, unless min says otherwise.
    CHECK(share_places(0.2, 0, R::ceil, 0) == 0);
    CHECK(share_places(0.2, 0, R::floor, 1) == 1);
    // min raises, never lowers.
    CHECK(share_places(0.1, 5, R::floor, 1) == 1);
    CHECK(share_places(0.1, 5, R::floor, 0) == 0);
    CHECK(share_places(0.5, 10, R::floor, 2) == 5);
    CHECK(share_places(0.5, 10, R::floor, 7) == 7);
}

// =============================================================================================
// compare_rank
// =============================================================================================

TEST_CASE("compare_rank: natural directions by type", "[select]") {
    auto natural = keys_of({Dir::natural});
    // Numbers: desc.
    CHECK(compare_rank({num(5)}, {num(3)}, natural) < 0);
    CHECK(compare_rank({num(3)}, {num(5)}, natural) > 0);
    CHECK(compare_rank({num(3)}, {num(3)}, natural) == 0);
    // Bools: desc (true first).
    CHECK(compare_rank({Value::boolean(Truth::yes)}, {Value::boolean(Truth::no)}, natural) < 0);
    // Levels: best first (index 0 is best).
    CHECK(compare_rank({Value::of_level(0, 0)}, {Value::of_level(0, 1)}, natural) < 0);
    CHECK(compare_rank({Value::of_level(0, 3)}, {Value::of_level(0, 1)}, natural) > 0);
    // Text: asc.
    CHECK(compare_rank({Value::of_text("a")}, {Value::of_text("b")}, natural) < 0);
    // Numbers that agree to 12 significant digits are equal.
    CHECK(compare_rank({num(0.57 * 100)}, {num(57)}, natural) == 0);
}

TEST_CASE("compare_rank: explicit asc and desc", "[select]") {
    auto asc = keys_of({Dir::asc});
    auto desc = keys_of({Dir::desc});
    CHECK(compare_rank({num(3)}, {num(5)}, asc) < 0);
    CHECK(compare_rank({num(3)}, {num(5)}, desc) > 0);
    CHECK(compare_rank({Value::of_level(0, 0)}, {Value::of_level(0, 2)}, asc) > 0); // worst first
    CHECK(compare_rank({Value::of_level(0, 0)}, {Value::of_level(0, 2)}, desc) < 0);
    CHECK(compare_rank({Value::of_text("a")}, {Value::of_text("b")}, desc) > 0);
    CHECK(compare_rank({Value::boolean(Truth::no)}, {Value::boolean(Truth::yes)}, asc) < 0);
}

TEST_CASE("compare_rank: a value not fully known sorts after every known one", "[select]") {
    for (Dir d : {Dir::natural, Dir::asc, Dir::desc}) {
        auto dirs = keys_of({d});
        CHECK(compare_rank({num(1)}, {Value::range(0, 10)}, dirs) < 0);
        CHECK(compare_rank({Value::range(0, 10)}, {num(1)}, dirs) > 0);
        CHECK(compare_rank({Value::unknown_number()}, {num(-1000)}, dirs) > 0);
        CHECK(compare_rank({Value::of_level(0, 3)}, {Value::unknown(Type{Type::level, 0})}, dirs) <
              0);
        CHECK(compare_rank({Value::of_text("zzz")}, {Value::of_text("", false)}, dirs) < 0);
        CHECK(compare_rank({Value::boolean(Truth::no)}, {Value::boolean(Truth::unknown)}, dirs) <
              0);
    }
}

TEST_CASE("compare_rank: later keys break ties of earlier ones", "[select]") {
    auto two = keys_of({Dir::natural, Dir::asc});
    CHECK(compare_rank({num(5), num(9)}, {num(5), num(1)}, two) > 0);
    CHECK(compare_rank({num(6), num(9)}, {num(5), num(1)}, two) < 0);
    CHECK(compare_rank({num(5), num(1)}, {num(5), num(1)}, two) == 0);
    // Unknown in the first key still decides before the second.
    CHECK(compare_rank({Value::unknown_number(), num(0)}, {num(1), num(9)}, two) > 0);
}

// =============================================================================================
// select_candidates
// =============================================================================================

TEST_CASE("select: a count limit takes candidates in rank order", "[select]") {
    auto s =
        select({{"a", {}, {num(3)}}, {"b", {}, {num(9)}}, {"c", {}, {num(5)}}, {"d", {}, {num(1)}}},
               keys_of({Dir::natural}), limit(2));
    CHECK(s.selected() == std::vector<std::string>{"b", "c"});
    CHECK(s.ranks() == std::vector<int>{1, 2});
    CHECK(s.over() == std::set<std::string>{"a", "d"});
    CHECK(s.out.ties.empty());
    for (const auto& sel : s.out.selected)
        CHECK_FALSE(sel.group);
}

TEST_CASE("select: without a limit every eligible candidate is selected", "[select]") {
    auto s = select({{"a", {}, {num(3)}}, {"b", {}, {num(9)}}, {"c", {}, {num(3)}}},
                    keys_of({Dir::natural}), unlimited());
    CHECK(s.selected() == std::vector<std::string>{"b", "a", "c"});
    CHECK(s.ranks() == std::vector<int>{1, 2, 3});
    CHECK(s.out.ties.empty());
    CHECK(s.out.over_limit.empty());

    // No keys and no limit: everyone, by id.
    auto t = select({{"cb-2", {}, {}}, {"cb-10", {}, {}}, {"cb-1", {}, {}}}, {}, unlimited());
    CHECK(t.selected() == std::vector<std::string>{"cb-1", "cb-10", "cb-2"});
    CHECK(t.out.ties.empty());
}

TEST_CASE("select: a limit of zero places selects nobody and ties nobody", "[select]") {
    auto s = select({{"a", {}, {num(3)}}, {"b", {}, {num(3)}}}, keys_of({Dir::natural}), limit(0));
    CHECK(s.out.selected.empty());
    CHECK(s.out.ties.empty());
    CHECK(s.over() == std::set<std::string>{"a", "b"});
}

TEST_CASE("select: places per group", "[select]") {
    // Groups are subjects 100 and 200, and the null group.
    Places p;
    p.unlimited = false;
    p.per_group[Group{100}] = 1;
    p.per_group[Group{200}] = 2;
    p.per_group[Group{}] = 1;
    auto s = select(
        {
            {"a1", Group{100}, {num(5)}},
            {"a2", Group{100}, {num(7)}},
            {"b1", Group{200}, {num(1)}},
            {"b2", Group{200}, {num(8)}},
            {"b3", Group{200}, {num(4)}},
            {"n1", Group{}, {num(6)}},
            {"n2", Group{}, {num(2)}},
        },
        keys_of({Dir::natural}), p);
    // Selected over all groups, by rank keys: b2 8, a2 7, n1 6, b3 4.
    CHECK(s.selected() == std::vector<std::string>{"b2", "a2", "n1", "b3"});
    CHECK(s.ranks() == std::vector<int>{1, 2, 3, 4});
    CHECK(s.over() == std::set<std::string>{"a1", "b1", "n2"});
    REQUIRE(s.out.selected.size() == 4);
    CHECK(s.out.selected[0].group == Group{200});
    CHECK(s.out.selected[1].group == Group{100});
    CHECK_FALSE(s.out.selected[2].group);
    for (const auto& o : s.out.over_limit) {
        if (s.id(o.subject) == "a1") CHECK(o.group == Group{100});
        if (s.id(o.subject) == "n2") CHECK_FALSE(o.group);
    }
}

TEST_CASE("select: a group without places selects nobody", "[select]") {
    Places p;
    p.unlimited = false;
    p.per_group[Group{1}] = 5;
    auto s =
        select({{"a", Group{1}, {num(1)}}, {"b", Group{2}, {num(9)}}}, keys_of({Dir::natural}), p);
    CHECK(s.selected() == std::vector<std::string>{"a"});
    CHECK(s.over() == std::set<std::string>{"b"});
}

TEST_CASE("select: a tie straddling the last place selects none of it", "[select]") {
    // a 10, then b, c, e tied at 8, then d 5; two places: a is selected, one place is left
    // for three tied candidates.
    auto s = select({{"c", {}, {num(8)}},
                     {"a", {}, {num(10)}},
                     {"e", {}, {num(8)}},
                     {"d", {}, {num(5)}},
                     {"b", {}, {num(8)}}},
                    keys_of({Dir::natural}), limit(2));
    CHECK(s.selected() == std::vector<std::string>{"a"});
    REQUIRE(s.out.ties.size() == 1);
    CHECK(s.out.ties[0].places == 1);
    CHECK_FALSE(s.out.ties[0].group);
    CHECK(s.tied(0) == std::vector<std::string>{"b", "c", "e"});
    // Later candidates are over the limit; the tied ones are not.
    CHECK(s.over() == std::set<std::string>{"d"});
}

TEST_CASE("select: a tie that fits the places is selected whole", "[select]") {
    auto s = select(
        {{"c", {}, {num(8)}}, {"a", {}, {num(10)}}, {"b", {}, {num(8)}}, {"d", {}, {num(5)}}},
        keys_of({Dir::natural}), limit(3));
    CHECK(s.selected() == std::vector<std::string>{"a", "b", "c"});
    CHECK(s.ranks() == std::vector<int>{1, 2, 3});
    CHECK(s.out.ties.empty());
    CHECK(s.over() == std::set<std::string>{"d"});
}

TEST_CASE("select: a tie at the first place with several places", "[select]") {
    // Four candidates tied for three places: a tie with all three places.
    auto s =
        select({{"a", {}, {num(1)}}, {"b", {}, {num(1)}}, {"c", {}, {num(1)}}, {"d", {}, {num(1)}}},
               keys_of({Dir::natural}), limit(3));
    CHECK(s.out.selected.empty());
    REQUIRE(s.out.ties.size() == 1);
    CHECK(s.out.ties[0].places == 3);
    CHECK(s.tied(0) == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(s.out.over_limit.empty());
}

TEST_CASE("select: without rank keys all candidates are tied", "[select]") {
    auto s = select({{"x", {}, {}}, {"y", {}, {}}, {"z", {}, {}}}, {}, limit(2));
    CHECK(s.out.selected.empty());
    REQUIRE(s.out.ties.size() == 1);
    CHECK(s.out.ties[0].places == 2);
    CHECK(s.tied(0) == std::vector<std::string>{"x", "y", "z"});
    CHECK(s.out.over_limit.empty());

    auto fits = select({{"x", {}, {}}, {"y", {}, {}}}, {}, limit(2));
    CHECK(fits.selected() == std::vector<std::string>{"x", "y"});
    CHECK(fits.out.ties.empty());
}

TEST_CASE("select: numbers equal to 12 significant digits are tied", "[select]") {
    auto s = select({{"a", {}, {num(0.57 * 100)}}, {"b", {}, {num(57)}}, {"c", {}, {num(10)}}},
                    keys_of({Dir::natural}), limit(1));
    CHECK(s.out.selected.empty());
    REQUIRE(s.out.ties.size() == 1);
    CHECK(s.tied(0) == std::vector<std::string>{"a", "b"});
    CHECK(s.over() == std::set<std::string>{"c"});
}

TEST_CASE("select: a cut with a neighbour equal to 12 digits is still a tie", "[select]") {
    // The cut is found on keys compared exactly (57 is second, 56.99999999999999 third); the
    // two agree to 12 digits, so they form one block for the one place left, as a sort finds.
    auto s = select({{"a", {}, {num(0.57 * 100)}},
                     {"b", {}, {num(57)}},
                     {"c", {}, {num(60)}},
                     {"d", {}, {num(10)}},
                     {"e", {}, {num(1)}}},
                    keys_of({Dir::natural}), limit(2));
    CHECK(s.selected() == std::vector<std::string>{"c"});
    REQUIRE(s.out.ties.size() == 1);
    CHECK(s.out.ties[0].places == 1);
    CHECK(s.tied(0) == std::vector<std::string>{"a", "b"});
    CHECK(s.over() == std::set<std::string>{"d", "e"});
}

TEST_CASE("select: many candidates for few places: the cut, the tie and the rest", "[select]") {
    // 2,000 candidates with keys 0..99, twenty of each, for 30 places: the twenty with the
    // best key are taken, the twenty with the next key tie for the 10 places left, and
    // everyone else is over the limit.
    std::vector<Candidate> cs;
    for (int i = 0; i < 2000; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "s%04d", i);
        cs.push_back({id, {}, {num(i % 100)}});
    }
    auto s = select(cs, keys_of({Dir::natural}), limit(30));
    REQUIRE(s.out.selected.size() == 20);
    for (const auto& id : s.selected())
        CHECK(std::stoi(id.substr(1)) % 100 == 99);
    REQUIRE(s.out.ties.size() == 1);
    CHECK(s.out.ties[0].places == 10);
    CHECK(s.tied(0).size() == 20);
    for (const auto& id : s.tied(0))
        CHECK(std::stoi(id.substr(1)) % 100 == 98);
    CHECK(s.over().size() == 1960);
    // The selected list is in rank order, equal keys by id.
    const std::vector<std::string> selected = s.selected();
    CHECK(std::is_sorted(selected.begin(), selected.end()));
}

TEST_CASE("select: ties in several groups, ordered by group with null first", "[select]") {
    Places p;
    p.unlimited = false;
    p.per_group[Group{7}] = 1;
    p.per_group[Group{3}] = 1;
    p.per_group[Group{}] = 1;
    auto s = select({{"g7a", Group{7}, {num(2)}},
                     {"g7b", Group{7}, {num(2)}},
                     {"g3a", Group{3}, {num(4)}},
                     {"g3b", Group{3}, {num(4)}},
                     {"na", Group{}, {num(1)}},
                     {"nb", Group{}, {num(1)}}},
                    keys_of({Dir::natural}), p);
    CHECK(s.out.selected.empty());
    REQUIRE(s.out.ties.size() == 3);
    CHECK_FALSE(s.out.ties[0].group);
    CHECK(s.out.ties[1].group == Group{3});
    CHECK(s.out.ties[2].group == Group{7});
    CHECK(s.tied(0) == std::vector<std::string>{"na", "nb"});
    CHECK(s.tied(1) == std::vector<std::string>{"g3a", "g3b"});
    for (const auto& t : s.out.ties)
        CHECK(t.places == 1);
}

TEST_CASE("select: unknown key values sort after known ones", "[select]") {
    std::vector<Candidate> c = {{"u1", {}, {Value::range(0, 100)}},
                                {"k5", {}, {num(5)}},
                                {"u2", {}, {Value::unknown_number()}},
                                {"k3", {}, {num(3)}}};
    auto desc = select(c, keys_of({Dir::desc}), unlimited());
    REQUIRE(desc.out.selected.size() == 4);
    CHECK(desc.selected()[0] == "k5");
    CHECK(desc.selected()[1] == "k3");
    auto asc = select(c, keys_of({Dir::asc}), unlimited());
    REQUIRE(asc.out.selected.size() == 4);
    CHECK(asc.selected()[0] == "k3");
    CHECK(asc.selected()[1] == "k5");
    // With two places the unknowns never get one.
    auto two = select(c, keys_of({Dir::natural}), limit(2));
    CHECK(two.selected() == std::vector<std::string>{"k5", "k3"});
    CHECK(two.over() == std::set<std::string>{"u1", "u2"});
    // An unknown level after the worst known level.
    auto lv = select({{"u", {}, {Value::unknown(Type{Type::level, 0})}},
                      {"worst", {}, {Value::of_level(0, 3)}},
                      {"best", {}, {Value::of_level(0, 0)}}},
                     keys_of({Dir::natural}), limit(2));
    CHECK(lv.selected() == std::vector<std::string>{"best", "worst"});
}

TEST_CASE("select: asc and desc on numbers and levels", "[select]") {
    std::vector<Candidate> c = {{"a", {}, {num(2)}}, {"b", {}, {num(-1)}}, {"c", {}, {num(7.5)}}};
    CHECK(select(c, keys_of({Dir::natural}), unlimited()).selected() ==
          std::vector<std::string>{"c", "a", "b"});
    CHECK(select(c, keys_of({Dir::desc}), unlimited()).selected() ==
          std::vector<std::string>{"c", "a", "b"});
    CHECK(select(c, keys_of({Dir::asc}), unlimited()).selected() ==
          std::vector<std::string>{"b", "a", "c"});
    CHECK(select(c, keys_of({Dir::asc}), limit(1)).selected() == std::vector<std::string>{"b"});

    std::vector<Candidate> lv = {{"htnv", {}, {Value::of_level(0, 2)}},
                                 {"htxsnv", {}, {Value::of_level(0, 0)}},
                                 {"htttnv", {}, {Value::of_level(0, 1)}}};
    CHECK(select(lv, keys_of({Dir::natural}), unlimited()).selected() ==
          std::vector<std::string>{"htxsnv", "htttnv", "htnv"});
    CHECK(select(lv, keys_of({Dir::asc}), unlimited()).selected() ==
          std::vector<std::string>{"htnv", "htttnv", "htxsnv"});

    std::vector<Candidate> bools = {{"f", {}, {Value::boolean(Truth::no)}},
                                    {"t", {}, {Value::boolean(Truth::yes)}}};
    CHECK(select(bools, keys_of({Dir::natural}), unlimited()).selected() ==
          std::vector<std::string>{"t", "f"});
    CHECK(select(bools, keys_of({Dir::asc}), unlimited()).selected() ==
          std::vector<std::string>{"f", "t"});
}

TEST_CASE("select: text keys sort by Vietnamese collation", "[select]") {
    // Code point order would put "Ăn", "Ân" and "Đà" after "Bình" and "Dĩ".
    static const std::vector<std::string> names = {
        "Chi bộ Đà Lạt", "Chi bộ Bình Minh", "Chi bộ Ân Thi",
        "Chi bộ An Phú", "Chi bộ Dĩ An",     "Chi bộ Ăn Khê",
    };
    std::vector<Candidate> c;
    for (std::size_t i = 0; i < names.size(); ++i)
        c.push_back({"s" + std::to_string(i), {}, {Value::of_text(names[i])}});
    auto natural = select(c, keys_of({Dir::natural}), unlimited());
    std::vector<std::string> order;
    for (const auto& s : natural.out.selected)
        order.push_back(names[static_cast<std::size_t>(s.subject)]);
    CHECK(order == std::vector<std::string>{"Chi bộ An Phú", "Chi bộ Ăn Khê", "Chi bộ Ân Thi",
                                            "Chi bộ Bình Minh", "Chi bộ Dĩ An", "Chi bộ Đà Lạt"});
    auto desc = select(c, keys_of({Dir::desc}), unlimited());
    std::vector<std::string> reversed;
    for (const auto& s : desc.out.selected)
        reversed.push_back(names[static_cast<std::size_t>(s.subject)]);
    std::reverse(order.begin(), order.end());
    CHECK(reversed == order);
    // Two places go to the first two in collation order ("An", then "Ăn").
    auto two = select(c, keys_of({Dir::asc}), limit(2));
    CHECK(two.selected() == std::vector<std::string>{"s3", "s5"});
}

TEST_CASE("select: several keys, and id as the last order of the selected list", "[select]") {
    auto s = select({{"d", {}, {num(5), Value::of_level(0, 1)}},
                     {"c", {}, {num(5), Value::of_level(0, 0)}},
                     {"b", {}, {num(9), Value::of_level(0, 3)}},
                     {"a", {}, {num(5), Value::of_level(0, 1)}}},
                    keys_of({Dir::desc, Dir::natural}), limit(3));
    // b (9), then c (5, best level), then a and d tied (5, HTTNV) for one place.
    CHECK(s.selected() == std::vector<std::string>{"b", "c"});
    REQUIRE(s.out.ties.size() == 1);
    CHECK(s.out.ties[0].places == 1);
    CHECK(s.tied(0) == std::vector<std::string>{"a", "d"});

    auto all = select({{"d", {}, {num(5)}}, {"c", {}, {num(5)}}, {"b", {}, {num(5)}}},
                      keys_of({Dir::desc}), limit(3));
    CHECK(all.selected() == std::vector<std::string>{"b", "c", "d"});
}
