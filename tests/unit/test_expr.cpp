// Tests of the expression stage (SPEC §4): the lexer and parser (precedence, syntax errors and
// their columns, the nesting limit), the checker (types, functions, windows, identifiers) and
// the evaluator (Kleene logic, number ranges, time and set functions) on a data set built by
// hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <deque>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "commend/expr/checker.hpp"
#include "commend/expr/evaluator.hpp"
#include "commend/expr/source_text.hpp"
#include "commend/expr/value.hpp"
#include "commend/graph/subject_forest.hpp"
#include "commend/rules/ruleset.hpp"
#include "expr/lexer.hpp"
#include "expr/value_ops.hpp"

using namespace commend;
using namespace commend::expr;

namespace {

// ---- helpers: parsing ------------------------------------------------------------------------

/// The tree written back fully parenthesized, so tests can assert its shape.
std::string show(const Expr& e);

struct Shower {
    std::string operator()(const NumberLiteral& n) const { return format_number(n.value); }
    std::string operator()(const BoolLiteral& b) const { return b.value ? "true" : "false"; }
    std::string operator()(const TextLiteral& t) const { return "'" + t.value + "'"; }
    std::string operator()(const Identifier& id) const {
        return id.qualifier.empty() ? id.name : id.qualifier + "." + id.name;
    }
    std::string operator()(const Unary& u) const {
        return u.op == UnaryOp::logical_not ? "(not " + show(*u.operand) + ")"
                                            : "(-" + show(*u.operand) + ")";
    }
    std::string operator()(const Binary& b) const {
        return "(" + show(*b.left) + " " + op_text(b.op) + " " + show(*b.right) + ")";
    }
    std::string operator()(const Call& c) const {
        std::string out = c.name + "(";
        bool first = true;
        for (const auto& a : c.args) {
            out += (first ? "" : ", ") + show(*a);
            first = false;
        }
        for (const auto& n : c.named) {
            out += (first ? "" : ", ") + n.name + "=" + show(*n.value);
            first = false;
        }
        return out + ")";
    }
};

std::string show(const Expr& e) {
    return std::visit(Shower{}, e.node);
}

struct Parsed {
    SourceText src;
    Diagnostics diags;
};

std::unique_ptr<Parsed> parse_text(const std::string& text, SourcePos origin = {"r.toml", 1, 1}) {
    auto p = std::make_unique<Parsed>();
    p->src.text = text;
    p->src.origin = origin;
    parse(p->src, p->diags);
    return p;
}

/// The fully parenthesized tree, or "ERROR" when the text did not parse.
std::string tree_of(const std::string& text) {
    auto p = parse_text(text);
    if (!p->src.root || p->diags.has_errors()) return "ERROR";
    return show(*p->src.root);
}

const Diagnostic* first_error(const Diagnostics& d) {
    for (const auto& i : d.items())
        if (i.severity == Severity::error) return &i;
    return nullptr;
}

bool has_code(const Diagnostics& d, const std::string& code) {
    for (const auto& i : d.items())
        if (i.code == code) return true;
    return false;
}

std::string dump(const Diagnostics& d) {
    std::string out;
    for (const auto& i : d.items())
        out += std::to_string(i.pos.line) + ":" + std::to_string(i.pos.column) + ": " + i.code +
               ": " + i.message + "\n";
    return out;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

// ---- helpers: a schema, a rule set and a data set built by hand ----------------------------

constexpr int first_year = 2015, last_year = 2021;

struct World {
    DataSchema schema;
    RuleSet rules;
    DataSet data;
    std::unique_ptr<SubjectForest> forest;
    std::set<std::string> award_ids{"tb", "x"};
    std::deque<SourceText> sources; ///< keeps every checked expression (and its text) alive

    Column& yearly(const std::string& name) {
        for (auto& c : data.yearly)
            if (c.name == name) return c;
        FAIL("no column " << name);
        return data.yearly.front();
    }
    SubjectIndex sub(const std::string& id) const {
        auto s = data.find_subject(id);
        REQUIRE(s);
        return *s;
    }
    void flag(const std::string& col, const std::string& id, int year, int v) {
        yearly(col).bytes[data.slot(sub(id), year)] = static_cast<std::int8_t>(v);
    }
    void number(const std::string& col, const std::string& id, int year, double v) {
        yearly(col).numbers[data.slot(sub(id), year)] = v;
    }
    void level(const std::string& col, const std::string& id, int year, int v) {
        yearly(col).bytes[data.slot(sub(id), year)] = static_cast<std::int8_t>(v);
    }
    void text(const std::string& col, const std::string& id, int year, const std::string& v) {
        Column& c = yearly(col);
        c.strings.push_back(v);
        c.texts[data.slot(sub(id), year)] = static_cast<std::int32_t>(c.strings.size() - 1);
    }

    /// Parses and checks `text` against this world (with data); the test fails on errors.
    const Expr& compile(const std::string& text) {
        sources.emplace_back();
        SourceText& src = sources.back();
        src.text = text;
        src.origin = {"t.toml", 1, 1};
        Diagnostics d;
        parse(src, d);
        INFO("expression: " << text);
        REQUIRE_FALSE(d.has_errors());
        Scope scope{schema, rules, &data, &award_ids};
        bool ok = check(src, Type{}, scope, d);
        for (const auto& i : d.items())
            UNSCOPED_INFO(i.code << ": " << i.message);
        REQUIRE(ok);
        REQUIRE_FALSE(d.has_errors());
        return *src.root;
    }

    Value eval(const std::string& text, const std::string& id, int year = last_year,
               const AwardState* awards = nullptr, bool audit = false) {
        const Expr& e = compile(text);
        EvalContext ctx{data, *forest, schema, year, awards, audit};
        Evaluator ev(ctx);
        return ev.evaluate(e, sub(id));
    }
    Truth truth(const std::string& text, const std::string& id, int year = last_year,
                const AwardState* awards = nullptr) {
        Value v = eval(text, id, year, awards);
        INFO("expression: " << text);
        REQUIRE(v.kind == Type::boolean);
        return v.truth;
    }
};

Column make_column(const std::string& name, ColumnType type, int scale, std::size_t n) {
    Column c;
    c.name = name;
    c.type = type;
    c.scale = scale;
    if (type == ColumnType::flag || type == ColumnType::level) c.bytes.assign(n, -1);
    if (type == ColumnType::number) c.numbers.assign(n, Column::missing_number);
    if (type == ColumnType::text) c.texts.assign(n, -1);
    return c;
}

void add_let(World& w, const std::string& name, const std::string& text) {
    LetBinding let;
    let.name = name;
    let.value.text = text;
    let.value.origin = {"t.toml", 1, 1};
    Diagnostics d;
    parse(let.value, d);
    REQUIRE_FALSE(d.has_errors());
    w.rules.lets.push_back(std::move(let));
    Scope scope{w.schema, w.rules, &w.data, &w.award_ids};
    REQUIRE(check(w.rules.lets.back().value, Type{}, scope, d));
}

/// The tree of subjects (years 2015–2021):
///
///   khoi (dang-uy-khoi)
///   ├── cb-a (chi-bo)         └── dv-1 (dang-vien)
///   ├── cb-b (chi-bo)
///   ├── cb-c (chi-bo)         exists from 2019
///   └── cb-d (chi-bo)         exists until 2019
std::unique_ptr<World> make_world() {
    auto w = std::make_unique<World>();
    w->schema.scales.push_back({"rating", {"HTXSNV", "HTTNV", "HTNV", "KHTNV"}});
    // `A` is on two scales, at different places: first of grade, second of tier.
    w->schema.scales.push_back({"grade", {"A", "B"}});
    w->schema.scales.push_back({"tier", {"X", "A"}});
    w->schema.columns["disciplined"] = {ColumnType::flag, -1, std::nullopt, {"t.toml", 2, 1}};
    w->schema.columns["admitted"] = {ColumnType::number, -1, std::nullopt, {"t.toml", 3, 1}};

    DataSet& d = w->data;
    d.first_year = first_year;
    d.last_year = last_year;
    auto subject = [&](std::string id, std::string kind, SubjectIndex parent, int from,
                       std::optional<int> until = std::nullopt) {
        Subject s;
        s.id = id;
        s.name = "Tên " + id;
        s.kind = std::move(kind);
        s.parent = parent;
        s.from = from;
        s.until = until;
        d.subjects.push_back(std::move(s));
    };
    subject("khoi", "dang-uy-khoi", no_subject, 2015);
    subject("cb-a", "chi-bo", 0, 2015);
    subject("cb-b", "chi-bo", 0, 2015);
    subject("cb-c", "chi-bo", 0, 2019);
    subject("cb-d", "chi-bo", 0, 2015, 2019);
    subject("dv-1", "dang-vien", 1, 2015);

    const std::size_t n = d.subjects.size() * static_cast<std::size_t>(d.year_count());
    d.yearly.push_back(make_column("rating", ColumnType::level, 0, n));
    d.yearly.push_back(make_column("disciplined", ColumnType::flag, -1, n));
    d.yearly.push_back(make_column("admitted", ColumnType::number, -1, n));
    d.yearly.push_back(make_column("c", ColumnType::flag, -1, n));
    d.yearly.push_back(make_column("good", ColumnType::flag, -1, n));
    d.yearly.push_back(make_column("note", ColumnType::text, -1, n));
    d.yearly.push_back(make_column("mark", ColumnType::level, 1, n));
    d.yearly.push_back(make_column("tier", ColumnType::level, 2, n));

    Column gender = make_column("gender", ColumnType::text, -1, d.subjects.size());
    gender.strings = {"nam", "nữ"};
    gender.texts = {-1, 0, 1, 0, 1, 0};
    d.statics.push_back(std::move(gender));

    // Two awards recorded for cb-b: `tb` in 2018 and in 2021.
    d.granted.push_back({2, 2018, "tb", "", {}});
    d.granted.push_back({2, 2021, "tb", "", {}});
    d.build_indexes();
    w->forest = std::make_unique<SubjectForest>(w->data);

    // cb-a, c over 2016..2021: F T ? T ? T  → years(c, last = 5) in 2021 is 3..5.
    w->flag("c", "cb-a", 2016, 0);
    w->flag("c", "cb-a", 2017, 1);
    w->flag("c", "cb-a", 2019, 1);
    w->flag("c", "cb-a", 2021, 1);
    // cb-b, good: 2015 T, 2016 F, 2017..2021 T → streak 5.
    w->flag("good", "cb-b", 2015, 1);
    w->flag("good", "cb-b", 2016, 0);
    for (int y = 2017; y <= 2021; ++y)
        w->flag("good", "cb-b", y, 1);
    // cb-c, good: true in every year of the data, but it exists only from 2019.
    for (int y = first_year; y <= last_year; ++y)
        w->flag("good", "cb-c", y, 1);
    // cb-d, good: true in every year of the data, but it exists only until 2019.
    for (int y = first_year; y <= last_year; ++y)
        w->flag("good", "cb-d", y, 1);

    // admitted: khoi 40 in 2021; cb-a 3, cb-b 5, cb-c missing in 2021; cb-b per year.
    w->number("admitted", "khoi", 2021, 40);
    w->number("admitted", "cb-a", 2021, 3);
    for (int y = first_year; y <= last_year; ++y)
        w->number("admitted", "cb-b", y, static_cast<double>(y - 2016)); // 2021 → 5, 2018 → 2
    w->number("admitted", "cb-c", 2018, 99); // a year in which cb-c does not exist
    w->number("admitted", "cb-c", 2020, 7);

    // rating in 2021: khoi HTTNV, cb-a HTXSNV, cb-b HTTNV, cb-c missing, cb-d (gone) HTXSNV.
    w->level("rating", "khoi", 2021, 1);
    w->level("rating", "cb-a", 2021, 0);
    w->level("rating", "cb-b", 2021, 1);
    w->level("rating", "cb-d", 2021, 0);
    w->level("rating", "cb-a", 2019, 2);
    w->level("rating", "cb-b", 2019, 0);
    w->level("rating", "cb-c", 2019, 0);
    w->level("rating", "cb-d", 2019, 3);

    // disciplined: cb-a missing in 2021; cb-b false; khoi true.
    w->flag("disciplined", "cb-b", 2021, 0);
    w->flag("disciplined", "khoi", 2021, 1);

    w->text("note", "cb-b", 2021, "Chi bộ tốt");

    // mark (scale grade) and tier (scale tier) in 2021: cb-a A and A, cb-b B and X.
    w->level("mark", "cb-a", 2021, 0);
    w->level("tier", "cb-a", 2021, 1);
    w->level("mark", "cb-b", 2021, 1);
    w->level("tier", "cb-b", 2021, 0);

    add_let(*w, "excellent", "rating == HTXSNV");
    return w;
}

/// A run's award state for eligible() and awarded() in the evaluation year.
class FakeAwards : public AwardState {
  public:
    std::set<std::string> defined;
    std::vector<Truth> eligible_of, selected_of;
    bool defines(std::string_view award) const override {
        return defined.count(std::string(award)) > 0;
    }
    Truth eligible(std::string_view, SubjectIndex s) const override {
        return eligible_of[static_cast<std::size_t>(s)];
    }
    Truth selected(std::string_view, SubjectIndex s) const override {
        return selected_of[static_cast<std::size_t>(s)];
    }
};

// ---- helpers: checking without data ------------------------------------------------------

struct Checked {
    SourceText src;
    Diagnostics diags;
    bool ok = false;
};

DataSchema checker_schema() {
    DataSchema s;
    s.scales.push_back({"rating", {"HTXSNV", "HTTNV", "HTNV", "KHTNV"}});
    s.scales.push_back({"grade", {"A", "B", "C"}});
    s.scales.push_back({"tier", {"A", "X"}});
    s.columns["disciplined"] = {ColumnType::flag, -1, "false", {"t.toml", 2, 1}};
    s.columns["admitted"] = {ColumnType::number, -1, std::nullopt, {"t.toml", 3, 1}};
    s.columns["note"] = {ColumnType::text, -1, std::nullopt, {"t.toml", 4, 1}};
    s.columns["mark"] = {ColumnType::level, 1, std::nullopt, {"t.toml", 5, 1}};
    return s;
}

std::unique_ptr<Checked> check_text(const std::string& text, Type expected = Type{Type::boolean},
                                    const RuleSet* rules = nullptr, const DataSet* data = nullptr,
                                    SourcePos origin = {"r.toml", 4, 12}) {
    static const DataSchema schema = checker_schema();
    static const RuleSet empty_rules;
    static const std::set<std::string> awards{"tb", "x", "y"};
    auto c = std::make_unique<Checked>();
    c->src.text = text;
    c->src.origin = origin;
    parse(c->src, c->diags);
    REQUIRE(c->src.root);
    Scope scope{schema, rules ? *rules : empty_rules, data, &awards};
    c->ok = check(c->src, expected, scope, c->diags);
    return c;
}

/// The code and column of the first error of checking `text` (origin column 1).
std::pair<std::string, int> error_of(const std::string& text, Type expected = Type{Type::boolean}) {
    auto c = check_text(text, expected, nullptr, nullptr, {"r.toml", 4, 1});
    const Diagnostic* e = first_error(c->diags);
    if (!e) return {"", 0};
    CHECK_FALSE(c->ok);
    CHECK(e->pos.line == 4);
    CHECK(e->pos.file == "r.toml");
    return {e->code, e->pos.column};
}

/// The 1-based column of the first occurrence of `needle` in `text` (ASCII text).
int col(const std::string& text, const std::string& needle, std::size_t from = 0) {
    auto at = text.find(needle, from);
    REQUIRE(at != std::string::npos);
    return static_cast<int>(at) + 1;
}

} // namespace

// =============================================================================================
// Lexer
// =============================================================================================

TEST_CASE("lexer: tokens, offsets and two-character operators", "[expr]") {
    auto t = tokenize("a>=1.5 and b!='x y'");
    REQUIRE(t.size() == 8);
    CHECK(t[0].kind == TokenKind::identifier);
    CHECK(t[0].text == "a");
    CHECK(t[1].kind == TokenKind::ge);
    CHECK(t[1].offset == 1);
    CHECK(t[2].kind == TokenKind::number);
    CHECK(t[2].text == "1.5");
    CHECK(t[3].text == "and");
    CHECK(t[5].kind == TokenKind::ne);
    CHECK(t[6].kind == TokenKind::text);
    CHECK(t[6].text == "x y");
    CHECK(t[6].offset == 14);
    CHECK(t[7].kind == TokenKind::end);
    CHECK(t[7].offset == 19);

    auto u = tokenize("x = 'abc");
    CHECK(u[1].kind == TokenKind::assign);
    CHECK(u.back().kind == TokenKind::bad);
    CHECK(u.back().offset == 4);

    auto v = tokenize("Xếp_loại == 1");
    CHECK(v[0].kind == TokenKind::identifier);
    CHECK(v[0].text == "Xếp_loại");
}

// =============================================================================================
// Parser
// =============================================================================================

TEST_CASE("parser: precedence, loosest first", "[expr]") {
    CHECK(tree_of("a or b and c") == "(a or (b and c))");
    CHECK(tree_of("a and b or c") == "((a and b) or c)");
    CHECK(tree_of("not a == b") == "(not (a == b))");
    CHECK(tree_of("not a and b") == "((not a) and b)");
    CHECK(tree_of("not not a") == "(not (not a))");
    CHECK(tree_of("-x * y") == "((-x) * y)");
    CHECK(tree_of("- - x") == "(-(-x))");
    CHECK(tree_of("a + b * c") == "(a + (b * c))");
    CHECK(tree_of("a - b - c") == "((a - b) - c)");
    CHECK(tree_of("a / b / c") == "((a / b) / c)");
    CHECK(tree_of("(a + b) * c") == "((a + b) * c)");
    CHECK(tree_of("a + b >= c * 2") == "((a + b) >= (c * 2))");
    CHECK(tree_of("a < b or c != d and e > f") == "((a < b) or ((c != d) and (e > f)))");
    CHECK(tree_of("x == -1") == "(x == (-1))");
}

TEST_CASE("parser: literals, qualified levels and calls", "[expr]") {
    CHECK(tree_of("true and false") == "(true and false)");
    CHECK(tree_of("0.57 * 100") == "(0.57 * 100)");
    CHECK(tree_of("'a b' == \"c\"") == "('a b' == 'c')");
    CHECK(tree_of("rating.HTXSNV") == "rating.HTXSNV");
    CHECK(tree_of("children()") == "children()");
    CHECK(tree_of("streak(rating == HTXSNV, since = 'tb') >= 5") ==
          "(streak((rating == HTXSNV), since='tb') >= 5)");
    CHECK(tree_of("years(c, from = 2019, to = 2021)") == "years(c, from=2019, to=2021)");
    CHECK(tree_of("count(children('chi-bo'), a or b)") == "count(children('chi-bo'), (a or b))");
}

TEST_CASE("parser: every node keeps its offset", "[expr]") {
    auto p = parse_text("abc + 12 * foo(x)");
    REQUIRE(p->src.root);
    const auto& add = std::get<Binary>(p->src.root->node);
    CHECK(p->src.root->offset == 4); // the operator
    CHECK(add.left->offset == 0);
    const auto& mul = std::get<Binary>(add.right->node);
    CHECK(mul.left->offset == 6);
    CHECK(mul.right->offset == 11);
    CHECK(std::get<Call>(mul.right->node).args[0]->offset == 15);
}

TEST_CASE("parser: chained comparison is rejected at the second operator", "[expr]") {
    for (const std::string text : {"a < b < c", "1 == 2 == 3", "a <= b > c"}) {
        INFO(text);
        auto p = parse_text(text);
        CHECK_FALSE(p->src.root);
        const Diagnostic* e = first_error(p->diags);
        REQUIRE(e);
        CHECK(e->code == "expr.syntax");
        CHECK(e->message.find("chain") != std::string::npos);
    }
    auto p = parse_text("a < b < c");
    CHECK(first_error(p->diags)->pos.column == 7);
    auto q = parse_text("1 == 2 == 3");
    CHECK(first_error(q->diags)->pos.column == 8);
}

TEST_CASE("parser: '=' instead of '==' is an error pointing at it", "[expr]") {
    for (const std::string text : {"rating = HTXSNV", "a == b = c", "f(x == 1 = 2)"}) {
        INFO(text);
        auto p = parse_text(text);
        CHECK_FALSE(p->src.root);
        const Diagnostic* e = first_error(p->diags);
        REQUIRE(e);
        CHECK(e->code == "expr.syntax");
    }
    auto p = parse_text("rating = HTXSNV");
    CHECK(first_error(p->diags)->pos.column == 8);
    CHECK(first_error(p->diags)->message.find("==") != std::string::npos);
    auto q = parse_text("a == b = c");
    CHECK(first_error(q->diags)->pos.column == 8);
}

TEST_CASE("parser: unterminated text points at its opening quote", "[expr]") {
    auto p = parse_text("name == 'Chi bộ", {"r.toml", 9, 20});
    CHECK_FALSE(p->src.root);
    const Diagnostic* e = first_error(p->diags);
    REQUIRE(e);
    CHECK(e->code == "expr.syntax");
    CHECK(e->pos.line == 9);
    CHECK(e->pos.column == 20 + 8);
    CHECK(e->message.find("quote") != std::string::npos);

    auto q = parse_text("\"abc' == x");
    CHECK_FALSE(q->src.root);
    CHECK(first_error(q->diags)->pos.column == 1);
}

TEST_CASE("parser: other syntax errors and their columns", "[expr]") {
    struct Case {
        std::string text;
        int column;
    };
    for (const Case& c : std::vector<Case>{
             {"a +", 4},          // end of text
             {"(a + b", 7},       // missing ')'
             {"a b", 3},          // trailing token
             {"f(a,", 5},         // missing argument
             {"f(x = 1, 2)", 10}, // positional after named
             {"a ? b", 3},        // bad character
             {"a and", 6},        // missing operand
             {"rating.", 8},      // missing level after the dot
             {"a == and", 6},     // keyword as value
             {"", 1},             // empty expression
         }) {
        INFO(c.text);
        auto p = parse_text(c.text);
        CHECK_FALSE(p->src.root);
        const Diagnostic* e = first_error(p->diags);
        REQUIRE(e);
        CHECK(e->code == "expr.syntax");
        CHECK(e->pos.column == c.column);
    }
}

TEST_CASE("parser: columns count Unicode characters, from the expression's origin", "[expr]") {
    // 'Xếp loại' is 8 characters but 12 bytes; the error is at the ')' after it.
    auto p = parse_text("note == 'Xếp loại' + )", {"rules/a.toml", 14, 31});
    const Diagnostic* e = first_error(p->diags);
    REQUIRE(e);
    CHECK(e->pos.file == "rules/a.toml");
    CHECK(e->pos.line == 14);
    CHECK(e->pos.column == 31 + 21);

    SourceText s;
    s.text = "ắ + ằ";
    s.origin = {"f", 3, 5};
    CHECK(s.at(0).column == 5);
    CHECK(s.at(static_cast<int>(std::string("ắ").size())).column == 6);
    CHECK(s.at(static_cast<int>(s.text.size())).column == 10);
    CHECK(s.at(1000).column == 10); // clamped to the end
    CHECK(s.at(0).line == 3);
    CHECK(s.at(0).file == "f");
}

TEST_CASE("parser: nesting within the documented limit parses", "[expr]") {
    // SPEC §4: nesting deeper than a documented limit (at least 64) is a load error; the
    // README documents 64 levels, so 64 levels of parentheses, `not` or calls must load.
    for (const std::string& text : std::vector<std::string>{
             repeat("(", max_expression_depth) + "x" + repeat(")", max_expression_depth),
             repeat("not ", max_expression_depth) + "x",
             repeat("abs(", max_expression_depth) + "x" + repeat(")", max_expression_depth),
             repeat("(", 21) + "x" + repeat(")", 21),
         }) {
        INFO(text);
        auto p = parse_text(text);
        INFO(dump(p->diags));
        CHECK_FALSE(p->diags.has_errors());
        CHECK(p->src.root);
        if (p->src.root) {
            auto c = check_text(text, Type{});
            INFO(dump(c->diags));
            CHECK(c->ok);
        }
    }
}

TEST_CASE("parser: nesting deeper than the limit is an error, never a crash", "[expr]") {
    for (const std::string& text : std::vector<std::string>{
             repeat("(", max_expression_depth + 5) + "x" + repeat(")", max_expression_depth + 5),
             repeat("(", 1000) + "x" + repeat(")", 1000),
             repeat("(", 1000),
             repeat("not ", 1000) + "x",
             repeat("-", 3000) + "x",
             repeat("abs(", 800) + "x" + repeat(")", 800),
             repeat("(", 10000),
             repeat("(", 10000) + "x" + repeat(")", 10000),
         }) {
        INFO(text.substr(0, 20) << "… (" << text.size() << " bytes)");
        Diagnostics d;
        SourceText s;
        s.text = text;
        s.origin = {"r.toml", 2, 3};
        REQUIRE_NOTHROW(parse(s, d));
        CHECK_FALSE(s.root);
        CHECK(d.has_errors());
        CHECK(d.error_count() == 1);
        CHECK((has_code(d, "expr.syntax") || has_code(d, "expr.too-long")));
    }
    // Within the length limit, depth is what stops it, with a message saying so.
    Diagnostics d;
    SourceText s;
    s.text = repeat("(", 1000) + "x" + repeat(")", 1000);
    parse(s, d);
    REQUIRE(first_error(d));
    CHECK(first_error(d)->message.find("deeper") != std::string::npos);
}

TEST_CASE("parser: an expression longer than the limit is an error", "[expr]") {
    std::string text = repeat("x + ", 1100) + "x";
    REQUIRE(text.size() > max_expression_length);
    auto p = parse_text(text);
    CHECK_FALSE(p->src.root);
    CHECK(has_code(p->diags, "expr.too-long"));
}

// =============================================================================================
// Checker
// =============================================================================================

TEST_CASE("checker: well-typed expressions pass and get types", "[expr]") {
    for (const std::string text : {
             "rating >= HTTNV",
             "not disciplined and admitted > 3",
             "count(children(), rating == HTXSNV) <= 0.2 * count(children(), rating == HTTNV)",
             "streak(rating == HTXSNV, since = 'tb') >= 5",
             "years(disciplined, last = 5) == 0",
             "never(disciplined, past = 3)",
             "always(rating >= HTNV, from = 2017, to = 2021)",
             "ever(awarded('tb'), since = 'x')",
             "prev(rating) == HTXSNV and prev(admitted, 2) > 1",
             "share(descendants('dang-vien'), rating == HTXSNV) >= 0.5",
             "all(children('chi-bo'), not disciplined)",
             "sum(children(), admitted) > max(children(), admitted)",
             "avg(where(children(), rating == HTXSNV), admitted) >= min(1, 2)",
             "parent(rating) == HTXSNV",
             "if(disciplined, 1, 2) > abs(-3)",
             "known(admitted) or eligible('tb')",
             "note == 'tốt'",
             "mark == A and mark > grade.B",
             "year >= 2020 and id != 'x' and kind == 'chi-bo' and name != ''",
         }) {
        INFO(text);
        auto c = check_text(text);
        CHECK(c->ok);
        CHECK_FALSE(c->diags.has_errors());
        CHECK(c->src.root->type.kind == Type::boolean);
    }
    auto n = check_text("admitted / 2 + 1", Type{Type::number});
    CHECK(n->ok);
    CHECK(n->src.root->type.kind == Type::number);
    auto l = check_text("prev(rating)", Type{});
    CHECK(l->ok);
    CHECK(l->src.root->type == Type{Type::level, 0});
}

TEST_CASE("checker: type errors point at the column inside the expression", "[expr]") {
    {
        std::string t = "admitted + 'x' > 3";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "'x'")));
    }
    {
        std::string t = "rating >= 3";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "3")));
    }
    {
        std::string t = "rating == 'HTXSNV'";
        auto c = check_text(t, Type{Type::boolean}, nullptr, nullptr, {"r.toml", 4, 1});
        REQUIRE(first_error(c->diags));
        CHECK(first_error(c->diags)->code == "expr.type");
        CHECK(first_error(c->diags)->pos.column == col(t, "'HTXSNV'"));
        CHECK(first_error(c->diags)->message.find("quotes") != std::string::npos);
    }
    {
        std::string t = "disciplined and admitted";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "admitted")));
    }
    {
        std::string t = "not admitted";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "admitted")));
    }
    {
        std::string t = "-disciplined == 1";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "disciplined")));
    }
    {
        std::string t = "note < 'b'"; // text cannot be ordered
        CHECK(error_of(t).first == "expr.type");
    }
    {
        std::string t = "disciplined > false"; // nor can bools
        CHECK(error_of(t).first == "expr.type");
    }
    {
        std::string t = "rating == mark"; // levels of two scales
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "mark")));
    }
    {
        std::string t = "admitted"; // a criterion must be a bool
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), 1));
    }
    {
        std::string t = "children()"; // a set is no value
        CHECK(error_of(t, Type{}).first == "expr.type");
    }
    {
        std::string t = "children() == 1";
        CHECK(error_of(t).first == "expr.type");
    }
    {
        std::string t = "count(children(), admitted) > 1";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "admitted")));
    }
    {
        std::string t = "sum(children(), disciplined) > 1";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "disciplined")));
    }
    {
        std::string t = "streak(admitted) > 1";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "admitted")));
    }
    {
        std::string t = "if(disciplined, 1, 'x') == 1";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "'x'")));
    }
    {
        std::string t = "count(admitted) > 1";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "admitted")));
    }
    {
        std::string t = "awarded(tb)";
        CHECK(error_of(t).first != "");
    }
    {
        std::string t = "children(1) == 1";
        CHECK(error_of(t).first == "expr.type");
    }
}

TEST_CASE("checker: the column of an error honours the expression's origin", "[expr]") {
    auto c = check_text("admitted + 'Xếp' > 3 and rating >= 7", Type{Type::boolean}, nullptr,
                        nullptr, {"rules/k.toml", 17, 23});
    std::vector<int> columns;
    for (const auto& d : c->diags.items()) {
        if (d.severity != Severity::error) continue;
        CHECK(d.pos.file == "rules/k.toml");
        CHECK(d.pos.line == 17);
        columns.push_back(d.pos.column);
    }
    // Both errors are reported: 'Xếp' at offset 11, 7 at character 35.
    REQUIRE(columns.size() == 2);
    CHECK(columns[0] == 23 + 11);
    CHECK(columns[1] == 23 + 35);
}

TEST_CASE("checker: unknown function and arity", "[expr]") {
    {
        std::string t = "disciplined and foo(1)";
        CHECK(error_of(t) == std::make_pair(std::string("expr.unknown-function"), col(t, "foo")));
    }
    {
        std::string t = "streak(disciplined, admitted) > 1";
        CHECK(error_of(t) == std::make_pair(std::string("expr.arity"), col(t, "streak")));
    }
    for (const std::string t :
         {"if(disciplined, 1) == 1", "known() or true", "abs(1, 2) > 0", "prev(admitted, 1, 2) > 0",
          "where(children()) == 1", "count() > 1", "children('a', 'b') == 1"}) {
        INFO(t);
        CHECK(error_of(t).first == "expr.arity");
    }
    {
        std::string t = "disciplined == streak"; // a function named as a value
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "streak")));
    }
    {
        std::string t = "count(children(), disciplined, last = 3) > 1";
        CHECK(error_of(t) == std::make_pair(std::string("expr.argument"), col(t, "last")));
    }
}

TEST_CASE("checker: eligible() inside a time function is an error", "[expr]") {
    for (const std::string t : {"streak(eligible('tb')) > 1", "years(eligible('tb'), last = 3) > 1",
                                "prev(eligible('tb'))", "ever(disciplined and eligible('x'))",
                                "never(not eligible('tb'), past = 2)"}) {
        INFO(t);
        auto [code, column] = error_of(t);
        CHECK(code == "expr.eligible-in-time");
        CHECK(column == col(t, "eligible"));
    }
    // Outside a time function it is fine; awarded() inside one is fine too.
    auto ok = check_text("eligible('tb') and ever(awarded('tb'), past = 3)");
    CHECK(ok->ok);
    // A set function is not a time function.
    auto set = check_text("any(children(), eligible('tb'))");
    CHECK(set->ok);
    // An award no loaded rule set defines.
    std::string t = "eligible('khong-co')";
    CHECK(error_of(t) == std::make_pair(std::string("expr.unknown-award"), col(t, "'khong-co'")));
}

TEST_CASE("checker: window arguments", "[expr]") {
    struct Case {
        std::string text, at;
    };
    for (const Case& c : std::vector<Case>{
             {"years(disciplined, last = 0) > 1", "0"},
             {"years(disciplined, last = -1) > 1", "-1"},
             {"years(disciplined, last = 2000000000) > 1", "2000000000"},
             {"years(disciplined, last = 1001) > 1", "1001"},
             {"years(disciplined, past = 2.5) > 1", "2.5"},
             {"years(disciplined, past = admitted) > 1", "admitted"},
             {"ever(disciplined, from = 2021, to = 2019)", "2021"},
             {"ever(disciplined, since = tb)", "tb"},
             {"prev(admitted, 0) > 1", "0"},
             {"prev(admitted, 1.5) > 1", "1.5"},
         }) {
        INFO(c.text);
        auto [code, column] = error_of(c.text);
        CHECK(code == "expr.window");
        CHECK(column == col(c.text, c.at, c.text.find('(') + 1));
    }
    for (const std::string t : {
             "years(disciplined, last = 3, past = 2) > 1",
             "ever(disciplined, from = 2019)",
             "ever(disciplined, to = 2019)",
             "ever(disciplined, last = 2, since = 'tb')",
         }) {
        INFO(t);
        CHECK(error_of(t).first == "expr.window");
    }
    for (const std::string t : {
             "streak(disciplined, last = 3) > 1",    // streak takes only since
             "years(disciplined, lats = 3) > 1",     // misspelt
             "ever(disciplined, last = 2, last = 3)" // twice
         }) {
        INFO(t);
        CHECK(error_of(t).first == "expr.argument");
    }
    // The largest window allowed, and a window of one year.
    CHECK(check_text("years(disciplined, last = 1000) > 1")->ok);
    CHECK(check_text("ever(disciplined, from = 2019, to = 2019)")->ok);
}

TEST_CASE("checker: ambiguous identifiers", "[expr]") {
    DataSchema schema = checker_schema();
    auto ruleset_with_let = [](const std::string& name) {
        auto rs = std::make_unique<RuleSet>();
        LetBinding let;
        let.name = name;
        let.value.text = "1 + 1";
        Diagnostics d;
        parse(let.value, d);
        rs->lets.push_back(std::move(let));
        return rs;
    };
    struct Case {
        std::string let, text;
    };
    for (const Case& c : std::vector<Case>{
             {"HTXSNV", "rating == HTXSNV"}, // a let and a level
             {"admitted", "admitted > 1"},   // a let and a declared column
             {"rating", "rating > 1"},       // a let and the column named after a scale
             {"year", "year > 1"},           // a let and a built-in
             {"kind", "kind == 'x'"},
         }) {
        INFO(c.text);
        auto rs = ruleset_with_let(c.let);
        auto k = check_text(c.text, Type{Type::boolean}, rs.get(), nullptr, {"r.toml", 4, 1});
        CHECK_FALSE(k->ok);
        REQUIRE(first_error(k->diags));
        CHECK(first_error(k->diags)->code == "expr.ambiguous-identifier");
        CHECK(first_error(k->diags)->pos.column == col(c.text, c.let));
    }
    // A let that is only a let is fine.
    auto rs = ruleset_with_let("bonus");
    CHECK(check_text("bonus > 1", Type{Type::boolean}, rs.get())->ok);

    // With data: a yearly column that is also a static attribute.
    DataSet data;
    data.first_year = 2020;
    data.last_year = 2020;
    Column yearly;
    yearly.name = "score";
    yearly.type = ColumnType::number;
    data.yearly.push_back(yearly);
    Column attr;
    attr.name = "score";
    attr.type = ColumnType::number;
    data.statics.push_back(attr);
    Column gender;
    gender.name = "gender";
    gender.type = ColumnType::text;
    data.statics.push_back(gender);
    data.build_indexes();
    auto k = check_text("score > 1", Type{Type::boolean}, nullptr, &data, {"r.toml", 4, 1});
    CHECK_FALSE(k->ok);
    CHECK(has_code(k->diags, "expr.ambiguous-identifier"));
    CHECK(check_text("gender == 'nam'", Type{Type::boolean}, nullptr, &data)->ok);
}

TEST_CASE("checker: a level of two scales needs scale.LEVEL", "[expr]") {
    // `A` is a level of both grade and tier.
    {
        std::string t = "A == A";
        CHECK(error_of(t).first == "expr.ambiguous-level");
    }
    // Compared with a value of one scale, it takes that scale.
    for (const std::string t : {"mark == A", "A == mark", "grade >= A", "tier == A", "A != tier"}) {
        INFO(t);
        auto c = check_text(t);
        CHECK(c->ok);
        CHECK_FALSE(c->diags.has_errors());
    }
    // Qualified, it is one level of one scale.
    auto q = check_text("tier.A", Type{});
    CHECK(q->ok);
    CHECK(q->src.root->type == Type{Type::level, 2});
    CHECK(check_text("mark == grade.A")->ok);
    {
        std::string t = "mark == tier.A";
        CHECK(error_of(t) == std::make_pair(std::string("expr.type"), col(t, "tier.A")));
    }
    {
        std::string t = "mark == grade.Z";
        CHECK(error_of(t) == std::make_pair(std::string("expr.unknown-level"), col(t, "grade.Z")));
    }
    {
        std::string t = "mark == nope.A";
        CHECK(error_of(t) == std::make_pair(std::string("expr.unknown-scale"), col(t, "nope.A")));
    }
    // Elsewhere than in a comparison the scale cannot be told: SPEC §4 "elsewhere write it as
    // scale.LEVEL".
    {
        std::string t = "known(A)";
        auto c = check_text(t, Type{Type::boolean}, nullptr, nullptr, {"r.toml", 4, 1});
        CHECK_FALSE(c->ok);
        CHECK(has_code(c->diags, "expr.ambiguous-level"));
    }
    // A level of one scale needs no qualifier.
    auto b = check_text("B", Type{});
    CHECK(b->ok);
    CHECK(b->src.root->type == Type{Type::level, 1});
}

TEST_CASE("checker: unknown identifiers before and after data is loaded", "[expr]") {
    // Before data: taken to be a data column, with a warning at its column.
    auto c = check_text("luong > 5", Type{Type::boolean}, nullptr, nullptr, {"r.toml", 6, 3});
    CHECK(c->ok);
    CHECK_FALSE(c->diags.has_errors());
    REQUIRE(c->diags.items().size() == 1);
    CHECK(c->diags.items()[0].severity == Severity::warning);
    CHECK(c->diags.items()[0].code == "expr.undeclared-column");
    CHECK(c->diags.items()[0].pos.column == 3);

    // With data that lacks it: an error.
    DataSet data;
    data.build_indexes();
    auto d = check_text("rating == HTXSNV and luong > 5", Type{Type::boolean}, nullptr, &data,
                        {"r.toml", 6, 3});
    CHECK_FALSE(d->ok);
    REQUIRE(first_error(d->diags));
    CHECK(first_error(d->diags)->code == "expr.unknown-identifier");
    CHECK(first_error(d->diags)->pos.column == 3 + 21);
}

TEST_CASE("checker: a flat sum of many terms is not nesting", "[expr]") {
    // 150 terms at the same level of the text: no nesting at all (SPEC §4 limits nesting).
    auto c = check_text(repeat("admitted + ", 149) + "admitted > 1");
    INFO(dump(c->diags));
    CHECK(c->ok);
    CHECK_FALSE(c->diags.has_errors());
}

// =============================================================================================
// Values
// =============================================================================================

TEST_CASE("values: Kleene truth tables", "[expr]") {
    const Truth Y = Truth::yes, N = Truth::no, U = Truth::unknown;
    CHECK(truth_and(N, U) == N);
    CHECK(truth_and(U, N) == N);
    CHECK(truth_and(Y, U) == U);
    CHECK(truth_and(Y, Y) == Y);
    CHECK(truth_and(U, U) == U);
    CHECK(truth_or(Y, U) == Y);
    CHECK(truth_or(U, Y) == Y);
    CHECK(truth_or(N, U) == U);
    CHECK(truth_or(N, N) == N);
    CHECK(truth_not(U) == U);
    CHECK(truth_not(Y) == N);
    CHECK(truth_not(N) == Y);
    CHECK(std::string(truth_name(Y)) == "pass");
    CHECK(std::string(truth_name(N)) == "fail");
    CHECK(std::string(truth_name(U)) == "unknown");
}

TEST_CASE("values: approx_equal and snap work to 12 significant digits", "[expr]") {
    CHECK(approx_equal(0.57 * 100, 57));
    CHECK(0.57 * 100 != 57.0); // the binary product really is off
    CHECK(approx_equal(0.1 + 0.2, 0.3));
    CHECK(approx_equal(0.1 + 0.2 - 0.3, 0));
    CHECK(approx_equal(1e12 + 0.1, 1e12));
    CHECK_FALSE(approx_equal(1.0, 1.0000001));
    CHECK_FALSE(approx_equal(57, 57.000001));
    CHECK_FALSE(approx_equal(0.001, 0.002));
    CHECK_FALSE(approx_equal(1e-9, 0));
    CHECK(approx_equal(INFINITY, INFINITY));
    CHECK_FALSE(approx_equal(INFINITY, 1e300));
    CHECK_FALSE(approx_equal(NAN, NAN));

    CHECK(snap(0.57 * 100) == 57.0);
    CHECK(std::floor(snap(56.99999999999999)) == 57.0);
    CHECK(std::ceil(snap(0.7 * 10)) == 7.0);
    CHECK(snap(0.1 + 0.2) == 0.3);
    CHECK(snap(2.5) == 2.5);
    CHECK(snap(123456.789) == 123456.789);
    CHECK(std::isinf(snap(INFINITY)));
    CHECK(std::isnan(snap(NAN)));
}

TEST_CASE("values: known, ranges and formatting", "[expr]") {
    CHECK(Value::number(3).known());
    CHECK_FALSE(Value::range(3, 5).known());
    CHECK(Value::range(57, 0.57 * 100).known());
    CHECK_FALSE(Value::unknown_number().known());
    CHECK_FALSE(Value::boolean(Truth::unknown).known());
    CHECK(Value::boolean(Truth::no).known());
    CHECK(Value::of_level(0, 2).known());
    CHECK_FALSE(Value::unknown(Type{Type::level, 0}).known());
    CHECK_FALSE(Value::of_text("x", false).known());
    CHECK(Value::of_text("").known());
    CHECK(format_number(0.57 * 100) == "57");
    CHECK(format_number(1.0125) == "1.0125");
    CHECK(format_number(-3) == "-3");
    CHECK(format_number(NAN) == "unknown");
}

// =============================================================================================
// Evaluator
// =============================================================================================

TEST_CASE("evaluator: Kleene and, or, not with unknown", "[expr]") {
    auto w = make_world();
    // cb-a: disciplined is missing in 2021 (unknown).
    CHECK(w->truth("disciplined", "cb-a") == Truth::unknown);
    CHECK(w->truth("false and disciplined", "cb-a") == Truth::no);
    CHECK(w->truth("disciplined and false", "cb-a") == Truth::no);
    CHECK(w->truth("true and disciplined", "cb-a") == Truth::unknown);
    CHECK(w->truth("true or disciplined", "cb-a") == Truth::yes);
    CHECK(w->truth("disciplined or true", "cb-a") == Truth::yes);
    CHECK(w->truth("false or disciplined", "cb-a") == Truth::unknown);
    CHECK(w->truth("not disciplined", "cb-a") == Truth::unknown);
    CHECK(w->truth("not not disciplined", "cb-a") == Truth::unknown);
    CHECK(w->truth("disciplined or not disciplined", "cb-a") == Truth::unknown);
    // Known values.
    CHECK(w->truth("not disciplined", "cb-b") == Truth::yes);
    CHECK(w->truth("disciplined", "khoi") == Truth::yes);
    // Comparisons with a missing level, text or number are unknown.
    CHECK(w->truth("rating == HTXSNV", "cb-c") == Truth::unknown);
    CHECK(w->truth("rating != HTXSNV", "cb-c") == Truth::unknown);
    CHECK(w->truth("note == 'x'", "cb-a") == Truth::unknown);
    CHECK(w->truth("note == 'Chi bộ tốt'", "cb-b") == Truth::yes);
    CHECK(w->truth("admitted > 0", "cb-c") == Truth::unknown);
    CHECK(w->truth("disciplined == false", "cb-a") == Truth::unknown);
    CHECK(w->truth("disciplined == false", "cb-b") == Truth::yes);
}

TEST_CASE("evaluator: levels compare by their scale's order", "[expr]") {
    auto w = make_world();
    CHECK(w->truth("rating >= HTTNV", "cb-a") == Truth::yes); // HTXSNV
    CHECK(w->truth("rating > HTTNV", "cb-a") == Truth::yes);
    CHECK(w->truth("rating >= HTTNV", "cb-b") == Truth::yes); // HTTNV
    CHECK(w->truth("rating > HTTNV", "cb-b") == Truth::no);
    CHECK(w->truth("rating < HTXSNV", "cb-b") == Truth::yes);
    CHECK(w->truth("rating <= HTNV", "cb-b") == Truth::no);
    CHECK(w->truth("excellent", "cb-a") == Truth::yes);
    CHECK(w->truth("excellent", "cb-b") == Truth::no);
    CHECK(w->truth("excellent", "cb-c") == Truth::unknown);
    CHECK(w->truth("rating == rating.HTXSNV", "cb-a") == Truth::yes);
}

TEST_CASE("evaluator: a level of two scales takes the scale it is compared with", "[expr]") {
    auto w = make_world();
    CHECK(w->truth("mark == A", "cb-a") == Truth::yes);
    CHECK(w->truth("mark == A", "cb-b") == Truth::no);
    CHECK(w->truth("tier == A", "cb-a") == Truth::yes);
    CHECK(w->truth("A == tier", "cb-a") == Truth::yes);
    CHECK(w->truth("tier == A", "cb-b") == Truth::no);
    // On tier, A is the worse level.
    CHECK(w->truth("tier > A", "cb-b") == Truth::yes);
    CHECK(w->truth("tier > A", "cb-a") == Truth::no);
    CHECK(w->truth("tier >= A", "cb-a") == Truth::yes);
    CHECK(w->truth("mark >= A", "cb-b") == Truth::no);
    CHECK(w->truth("mark == grade.A and tier == tier.A", "cb-a") == Truth::yes);
}

TEST_CASE("evaluator: number ranges", "[expr]") {
    auto w = make_world();
    // cb-a: c over 2017..2021 is T ? T ? T.
    Value v = w->eval("years(c, last = 5)", "cb-a");
    REQUIRE(v.kind == Type::number);
    CHECK(v.lo == 3);
    CHECK(v.hi == 5);
    CHECK_FALSE(v.known());
    CHECK(w->truth("years(c, last = 5) >= 3", "cb-a") == Truth::yes);
    CHECK(w->truth("years(c, last = 5) >= 4", "cb-a") == Truth::unknown);
    CHECK(w->truth("years(c, last = 5) > 5", "cb-a") == Truth::no);
    CHECK(w->truth("years(c, last = 5) <= 5", "cb-a") == Truth::yes);
    CHECK(w->truth("years(c, last = 5) < 3", "cb-a") == Truth::no);
    CHECK(w->truth("years(c, last = 5) == 4", "cb-a") == Truth::unknown);
    CHECK(w->truth("years(c, last = 5) == 6", "cb-a") == Truth::no);
    CHECK(w->truth("years(c, last = 5) != 2", "cb-a") == Truth::yes);
    // Arithmetic on ranges.
    Value sum = w->eval("years(c, last = 5) + 10", "cb-a");
    CHECK(sum.lo == 13);
    CHECK(sum.hi == 15);
    Value neg = w->eval("-years(c, last = 5)", "cb-a");
    CHECK(neg.lo == -5);
    CHECK(neg.hi == -3);
    Value prod = w->eval("years(c, last = 5) * -2", "cb-a");
    CHECK(prod.lo == -10);
    CHECK(prod.hi == -6);
    Value diff = w->eval("10 - years(c, last = 5)", "cb-a");
    CHECK(diff.lo == 5);
    CHECK(diff.hi == 7);
    Value q = w->eval("15 / years(c, last = 5)", "cb-a");
    CHECK(q.lo == Approx(3));
    CHECK(q.hi == Approx(5));
    // A missing cell is any number.
    Value missing = w->eval("admitted", "cb-c");
    CHECK(std::isinf(missing.lo));
    CHECK(std::isinf(missing.hi));
    CHECK(w->truth("admitted + 1 > 0", "cb-c") == Truth::unknown);
    CHECK(w->truth("admitted >= 3", "cb-a") == Truth::yes);
}

TEST_CASE("evaluator: division by a range containing zero is unknown", "[expr]") {
    auto w = make_world();
    CHECK(w->truth("known(1 / 0)", "cb-a") == Truth::no);
    CHECK(w->truth("1 / 0 > 0", "cb-a") == Truth::unknown);
    // years(c, last = 5) - 3 is 0..2.
    Value v = w->eval("10 / (years(c, last = 5) - 3)", "cb-a");
    CHECK_FALSE(v.known());
    CHECK(w->truth("10 / (years(c, last = 5) - 3) > 0", "cb-a") == Truth::unknown);
    CHECK(w->truth("10 / (years(c, last = 5) - 4) < 100", "cb-a") == Truth::unknown);
    // A missing denominator is any number, zero included.
    CHECK(w->truth("known(1 / admitted)", "cb-c") == Truth::no);
    // A denominator away from zero is fine.
    CHECK(w->truth("10 / years(c, last = 5) >= 2", "cb-a") == Truth::yes);
    CHECK(w->truth("admitted / 3 == 1", "cb-a") == Truth::yes);
}

TEST_CASE("evaluator: numbers are decimal to 12 significant digits", "[expr]") {
    auto w = make_world();
    CHECK(w->truth("0.57 * 100 == 57", "khoi") == Truth::yes);
    CHECK(w->truth("0.57 * 100 != 57", "khoi") == Truth::no);
    CHECK(w->truth("0.57 * 100 >= 57", "khoi") == Truth::yes);
    CHECK(w->truth("0.57 * 100 < 57", "khoi") == Truth::no);
    CHECK(w->truth("0.1 + 0.2 == 0.3", "khoi") == Truth::yes);
    CHECK(w->truth("0.1 + 0.2 <= 0.3", "khoi") == Truth::yes);
    CHECK(w->truth("0.1 + 0.2 > 0.3", "khoi") == Truth::no);
    CHECK(w->truth("0.1 + 0.2 - 0.3 == 0", "khoi") == Truth::yes);
    CHECK(w->truth("1 / 3 * 3 == 1", "khoi") == Truth::yes);
    CHECK(w->truth("1.000001 == 1", "khoi") == Truth::no);
    CHECK(w->truth("1.000001 > 1", "khoi") == Truth::yes);
    CHECK(w->truth("2 - 3 * 4 == -10", "khoi") == Truth::yes);
    CHECK(w->truth("-2 * -3 == 6", "khoi") == Truth::yes);
}

TEST_CASE("evaluator: streak stops at a false year, a year not looked at, and since", "[expr]") {
    auto w = make_world();
    // cb-b good: 2015 T, 2016 F, 2017..2021 T.
    CHECK(w->eval("streak(good)", "cb-b").lo == 5);
    CHECK(w->eval("streak(good)", "cb-b").hi == 5);
    CHECK(w->truth("streak(good) >= 5", "cb-b") == Truth::yes);
    CHECK(w->truth("streak(good) >= 6", "cb-b") == Truth::no);
    // In 2016 the streak is 0 (false that year).
    CHECK(w->eval("streak(good)", "cb-b", 2016).lo == 0);
    CHECK(w->eval("streak(good)", "cb-b", 2015).hi == 1);
    // cb-c exists from 2019: the years before are not looked at, although the data says true.
    Value c = w->eval("streak(good)", "cb-c");
    CHECK(c.lo == 3);
    CHECK(c.hi == 3);
    // Before cb-c exists, nothing is looked at.
    CHECK(w->eval("streak(good)", "cb-c", 2018).hi == 0);
    // cb-d exists until 2019: in 2021 its streak is 0 (2021 is not looked at).
    CHECK(w->eval("streak(good)", "cb-d").hi == 0);
    CHECK(w->eval("streak(good)", "cb-d", 2019).lo == 5);
    // cb-a, c: 2021 T, 2020 ?, 2019 T, 2018 ?, 2017 T, 2016 F → 1..5.
    Value a = w->eval("streak(c)", "cb-a");
    CHECK(a.lo == 1);
    CHECK(a.hi == 5);
    // since: cb-b received tb in 2018 (and in 2021, the evaluation year, which is not before Y).
    Value s = w->eval("streak(good, since = 'tb')", "cb-b");
    CHECK(s.lo == 3);
    CHECK(s.hi == 3);
    // In 2018 itself, the last grant before 2018 is none: the plain streak.
    CHECK(w->eval("streak(good, since = 'tb')", "cb-b", 2018).lo == 2);
    // In 2019 the grant of 2018 stops it at one year.
    CHECK(w->eval("streak(good, since = 'tb')", "cb-b", 2019).lo == 1);
    // An award never received changes nothing.
    CHECK(w->eval("streak(good, since = 'khong-co')", "cb-b").lo == 5);
    // Streak of a subject's first year, with the condition unknown.
    Value u = w->eval("streak(disciplined)", "cb-a");
    CHECK(u.lo == 0);
    CHECK(u.hi == 7);
}

TEST_CASE("evaluator: windows of years, always, ever, never", "[expr]") {
    auto w = make_world();
    CHECK(w->eval("years(good)", "cb-b").lo == 6);
    CHECK(w->eval("years(good)", "cb-c").lo == 3); // only the years it exists
    CHECK(w->eval("years(good, last = 3)", "cb-b").lo == 3);
    CHECK(w->eval("years(good, past = 3)", "cb-b").lo == 3);  // 2018..2020
    CHECK(w->eval("years(good, past = 6)", "cb-b").lo == 5);  // 2015..2020, 2016 false
    CHECK(w->eval("years(good, last = 10)", "cb-c").hi == 3); // not looked at counts false
    CHECK(w->eval("years(good, from = 2014, to = 2016)", "cb-b").lo == 1);
    CHECK(w->eval("years(good, since = 'tb')", "cb-b").lo == 3); // 2019..2021
    // A window reaching past Y: those years are not looked at and count as false.
    CHECK(w->eval("years(good, from = 2019, to = 2021)", "cb-b", 2020).hi == 2);
    CHECK(w->truth("always(good, from = 2019, to = 2021)", "cb-b", 2020) == Truth::no);
    CHECK(w->truth("always(good, from = 2019, to = 2020)", "cb-b", 2020) == Truth::yes);
    CHECK(w->truth("always(good, last = 5)", "cb-b") == Truth::yes);
    CHECK(w->truth("always(good, last = 6)", "cb-b") == Truth::no);
    CHECK(w->truth("always(good, last = 4)", "cb-c") == Truth::no); // 2018 not looked at
    CHECK(w->truth("ever(not good, last = 6)", "cb-b") == Truth::yes);
    CHECK(w->truth("never(not good, last = 5)", "cb-b") == Truth::yes);
    CHECK(w->truth("never(not good)", "cb-b") == Truth::no);
    // Kleene over unknown years (cb-a, c: 2017 T 2018 ? 2019 T 2020 ? 2021 T).
    CHECK(w->truth("always(c, last = 5)", "cb-a") == Truth::unknown);
    CHECK(w->truth("always(c, last = 6)", "cb-a") == Truth::no);
    CHECK(w->truth("ever(not c, last = 5)", "cb-a") == Truth::unknown);
    CHECK(w->truth("ever(c, last = 5)", "cb-a") == Truth::yes);
    CHECK(w->truth("never(not c, last = 5)", "cb-a") == Truth::unknown);
    CHECK(w->truth("never(c, past = 1)", "cb-a") == Truth::unknown); // 2020 unknown
    CHECK(w->truth("never(c, from = 2016, to = 2016)", "cb-a") == Truth::yes);
    // Inside a time function, identifiers refer to the year looked at.
    CHECK(w->eval("years(admitted > 3, last = 3)", "cb-b").lo == 2); // 2019:3 2020:4 2021:5
    CHECK(w->eval("years(year >= 2020, last = 5)", "cb-b").lo == 2);
}

TEST_CASE("evaluator: prev", "[expr]") {
    auto w = make_world();
    // cb-b admitted: year - 2016.
    CHECK(w->eval("prev(admitted)", "cb-b").lo == 4);
    CHECK(w->eval("prev(admitted, 3)", "cb-b").lo == 2);
    CHECK(w->truth("prev(admitted) == admitted - 1", "cb-b") == Truth::yes);
    // A year that is not looked at: unknown, though the data has a value for it.
    CHECK_FALSE(w->eval("prev(admitted, 3)", "cb-c").known());
    CHECK(w->eval("prev(admitted)", "cb-c").lo == 7);
    CHECK(w->truth("prev(rating) == HTXSNV", "cb-b", 2020) == Truth::yes); // 2019 HTXSNV
    CHECK(w->truth("prev(rating) == HTXSNV", "cb-c", 2019) == Truth::unknown);
    CHECK(w->truth("known(prev(admitted, 7))", "cb-b") == Truth::no); // 2014: before the data
    CHECK(w->truth("prev(awarded('tb'), 3)", "cb-b") == Truth::yes);  // 2018
    CHECK(w->truth("prev(awarded('tb'), 2)", "cb-b") == Truth::no);
    // Nested: prev inside a time function is relative to the year looked at.
    CHECK(w->eval("years(prev(good), last = 2)", "cb-b").lo == 2);
    CHECK(w->eval("years(prev(good), last = 5)", "cb-b").lo == 4); // 2016 false
}

TEST_CASE("evaluator: set functions", "[expr]") {
    auto w = make_world();
    // Children of khoi in 2021: cb-a, cb-b, cb-c (cb-d ended in 2019).
    CHECK(w->eval("count(children())", "khoi").lo == 3);
    CHECK(w->eval("count(children())", "khoi", 2019).lo == 4);
    CHECK(w->eval("count(children())", "khoi", 2017).lo == 3); // cb-c from 2019
    CHECK(w->eval("count(children('chi-bo'))", "khoi").lo == 3);
    CHECK(w->eval("count(children('dang-vien'))", "khoi").lo == 0);
    CHECK(w->eval("count(children('khong-co'))", "khoi").lo == 0);
    CHECK(w->eval("count(descendants())", "khoi").lo == 4);
    CHECK(w->eval("count(descendants('dang-vien'))", "khoi").lo == 1);
    CHECK(w->eval("count(children())", "dv-1").lo == 0);
    // count with a condition: cb-a HTXSNV, cb-b HTTNV, cb-c unknown → 1..2.
    Value n = w->eval("count(children(), rating == HTXSNV)", "khoi");
    CHECK(n.lo == 1);
    CHECK(n.hi == 2);
    Value sh = w->eval("share(children(), rating == HTXSNV)", "khoi");
    CHECK(sh.lo == Approx(1.0 / 3));
    CHECK(sh.hi == Approx(2.0 / 3));
    CHECK_FALSE(w->eval("share(children('dang-vien'), rating == HTXSNV)", "khoi").known());
    CHECK(w->eval("share(children(), rating >= HTTNV)", "khoi", 2019).lo == Approx(0.5));
    // Inside the second argument identifiers refer to the member.
    CHECK(w->truth("any(children(), id == 'cb-b')", "khoi") == Truth::yes);
    CHECK(w->truth("all(children(), kind == 'chi-bo')", "khoi") == Truth::yes);
    // Kleene over members.
    CHECK(w->truth("all(children(), rating >= HTTNV)", "khoi") == Truth::unknown);
    CHECK(w->truth("all(children(), rating == HTXSNV)", "khoi") == Truth::no);
    CHECK(w->truth("any(children(), rating == KHTNV)", "khoi") == Truth::unknown);
    CHECK(w->truth("any(children(), rating == HTXSNV)", "khoi") == Truth::yes);
    CHECK(w->truth("none(children(), rating == HTXSNV)", "khoi") == Truth::no);
    CHECK(w->truth("none(children(), rating == KHTNV)", "khoi") == Truth::unknown);
    CHECK(w->truth("none(children(), id == 'x')", "khoi") == Truth::yes);
    CHECK(w->truth("all(children('khong-co'), false)", "khoi") == Truth::yes);
    // where: unknown counts as not true.
    CHECK(w->eval("count(where(children(), rating >= HTTNV))", "khoi").lo == 2);
    CHECK(w->eval("count(where(children(), rating >= HTTNV))", "khoi").hi == 2);
    // sum, avg, min, max: admitted cb-a 3, cb-b 5, cb-c missing.
    CHECK(w->eval("sum(where(children(), known(admitted)), admitted)", "khoi").lo == 8);
    CHECK(w->eval("avg(where(children(), known(admitted)), admitted)", "khoi").lo == 4);
    CHECK(w->eval("min(where(children(), known(admitted)), admitted)", "khoi").lo == 3);
    CHECK(w->eval("max(where(children(), known(admitted)), admitted)", "khoi").hi == 5);
    CHECK_FALSE(w->eval("sum(children(), admitted)", "khoi").known());
    CHECK(w->truth("max(children(), admitted) >= 5", "khoi") == Truth::yes);
    CHECK(w->truth("min(children(), admitted) <= 3", "khoi") == Truth::yes);
    CHECK(w->truth("min(children(), admitted) >= 3", "khoi") == Truth::unknown);
    CHECK(w->eval("sum(children('dang-vien'), admitted)", "khoi").lo == 0);
    CHECK_FALSE(w->eval("avg(children('dang-vien'), admitted)", "khoi").known());
    CHECK_FALSE(w->eval("min(children('dang-vien'), admitted)", "khoi").known());
    CHECK_FALSE(w->eval("max(children('dang-vien'), admitted)", "khoi").known());
    // A set function inside a time function looks at each year's members.
    CHECK(w->eval("years(count(children()) >= 4, last = 5)", "khoi").lo == 1); // 2019
    CHECK(w->eval("years(any(children(), rating == HTXSNV), last = 3)", "khoi").lo == 2);
    // Static attributes of members.
    CHECK(w->eval("count(children(), gender == 'nữ')", "khoi", 2019).lo == 2); // cb-b, cb-d
}

TEST_CASE("evaluator: parent", "[expr]") {
    auto w = make_world();
    CHECK(w->eval("parent(admitted)", "cb-a").lo == 40);
    CHECK(w->truth("parent(rating) == HTTNV", "cb-b") == Truth::yes);
    CHECK(w->truth("parent(parent(rating)) == HTTNV", "dv-1") == Truth::yes);
    // At a root: unknown.
    CHECK_FALSE(w->eval("parent(admitted)", "khoi").known());
    CHECK(w->truth("parent(rating) == HTTNV", "khoi") == Truth::unknown);
    CHECK(w->truth("known(parent(rating))", "khoi") == Truth::no);
    CHECK(w->truth("parent(disciplined)", "khoi") == Truth::unknown);
    CHECK(w->truth("parent(id) == 'khoi'", "cb-a") == Truth::yes);
}

TEST_CASE("evaluator: if with an unknown condition merges the branches", "[expr]") {
    auto w = make_world();
    Value v = w->eval("if(disciplined, 1, 3)", "cb-a");
    CHECK(v.lo == 1);
    CHECK(v.hi == 3);
    CHECK(w->truth("if(disciplined, 1, 3) >= 1", "cb-a") == Truth::yes);
    CHECK(w->truth("if(disciplined, 1, 3) >= 2", "cb-a") == Truth::unknown);
    CHECK(w->eval("if(disciplined, 1, 3)", "khoi").lo == 1);
    CHECK(w->eval("if(disciplined, 1, 3)", "cb-b").lo == 3);
    CHECK(w->truth("if(disciplined, HTXSNV, HTXSNV) == HTXSNV", "cb-a") == Truth::yes);
    CHECK(w->truth("if(disciplined, HTXSNV, HTTNV) == HTXSNV", "cb-a") == Truth::unknown);
    CHECK(w->truth("if(disciplined, true, true)", "cb-a") == Truth::yes);
    CHECK(w->truth("if(disciplined, true, false)", "cb-a") == Truth::unknown);
    CHECK(w->truth("if(disciplined, 'a', 'a') == 'a'", "cb-a") == Truth::yes);
    CHECK(w->truth("if(disciplined, 'a', 'b') == 'a'", "cb-a") == Truth::unknown);
    // A known condition takes one branch only.
    CHECK(w->truth("if(true, admitted == 3, 1 / 0 > 1)", "cb-a") == Truth::yes);
}

TEST_CASE("evaluator: known() is never unknown", "[expr]") {
    auto w = make_world();
    CHECK(w->truth("known(admitted)", "cb-a") == Truth::yes);
    CHECK(w->truth("known(admitted)", "cb-c") == Truth::no);
    CHECK(w->truth("known(disciplined)", "cb-a") == Truth::no);
    CHECK(w->truth("known(disciplined)", "cb-b") == Truth::yes);
    CHECK(w->truth("known(rating)", "cb-c") == Truth::no);
    CHECK(w->truth("known(note)", "cb-b") == Truth::yes);
    CHECK(w->truth("known(note)", "cb-a") == Truth::no);
    CHECK(w->truth("known(years(c, last = 5))", "cb-a") == Truth::no);
    CHECK(w->truth("known(years(c, last = 2))", "cb-a") == Truth::no);
    CHECK(w->truth("known(years(c, last = 1))", "cb-a") == Truth::yes);
    CHECK(w->truth("known(count(children()))", "khoi") == Truth::yes);
    CHECK(w->truth("known(disciplined and false)", "cb-a") == Truth::yes);
    CHECK(w->truth("not known(admitted)", "cb-c") == Truth::yes);
    CHECK(w->truth("known(HTXSNV)", "cb-a") == Truth::yes);
}

TEST_CASE("evaluator: abs, min, max of two numbers", "[expr]") {
    auto w = make_world();
    CHECK(w->eval("abs(-3)", "khoi").lo == 3);
    Value a = w->eval("abs(years(c, last = 5) - 4)", "cb-a"); // -1..1 → 0..1
    CHECK(a.lo == 0);
    CHECK(a.hi == 1);
    CHECK(w->eval("min(2, 7)", "khoi").lo == 2);
    CHECK(w->eval("max(2, 7)", "khoi").lo == 7);
    Value m = w->eval("max(years(c, last = 5), 4)", "cb-a");
    CHECK(m.lo == 4);
    CHECK(m.hi == 5);
}

TEST_CASE("evaluator: built-in identifiers and attributes", "[expr]") {
    auto w = make_world();
    CHECK(w->eval("year", "cb-a", 2019).lo == 2019);
    CHECK(w->truth("id == 'cb-a'", "cb-a") == Truth::yes);
    CHECK(w->truth("name == 'Tên cb-a'", "cb-a") == Truth::yes);
    CHECK(w->truth("kind == 'chi-bo'", "cb-a") == Truth::yes);
    CHECK(w->truth("gender == 'nam'", "cb-a") == Truth::yes);
    CHECK(w->truth("gender == 'nam'", "khoi") == Truth::unknown); // missing attribute
}

TEST_CASE("evaluator: awarded and eligible", "[expr]") {
    auto w = make_world();
    // Without a run's state every year reads the records.
    CHECK(w->truth("awarded('tb')", "cb-b") == Truth::yes); // recorded 2021
    CHECK(w->truth("awarded('tb')", "cb-b", 2019) == Truth::no);
    CHECK(w->truth("ever(awarded('tb'), past = 3)", "cb-b") == Truth::yes); // 2018
    CHECK(w->truth("awarded('tb')", "cb-a") == Truth::no);
    CHECK(w->truth("eligible('tb')", "cb-a") == Truth::unknown);

    FakeAwards run;
    run.defined = {"tb"};
    run.eligible_of = {Truth::no, Truth::yes, Truth::unknown, Truth::no, Truth::no, Truth::no};
    run.selected_of = {Truth::no, Truth::yes, Truth::unknown, Truth::no, Truth::no, Truth::no};
    // Year Y reads this run's selection; earlier years read the records.
    CHECK(w->truth("awarded('tb')", "cb-a", 2021, &run) == Truth::yes);
    CHECK(w->truth("awarded('tb')", "cb-b", 2021, &run) == Truth::unknown);
    CHECK(w->truth("prev(awarded('tb'), 3)", "cb-b", 2021, &run) == Truth::yes);
    CHECK(w->truth("eligible('tb')", "cb-a", 2021, &run) == Truth::yes);
    CHECK(w->truth("eligible('tb')", "cb-b", 2021, &run) == Truth::unknown);
    CHECK(w->truth("eligible('tb')", "khoi", 2021, &run) == Truth::no);
    // An award the run does not define reads the records even in Y.
    run.defined.clear();
    CHECK(w->truth("awarded('tb')", "cb-b", 2021, &run) == Truth::yes);
    CHECK(w->truth("awarded('tb')", "cb-a", 2021, &run) == Truth::no);
    // In audit, year Y reads the records.
    run.defined = {"tb"};
    const Expr& e = w->compile("awarded('tb')");
    EvalContext audit{w->data, *w->forest, w->schema, 2021, &run, true};
    Evaluator ev(audit);
    CHECK(ev.evaluate(e, w->sub("cb-b")).truth == Truth::yes);
    CHECK(ev.evaluate(e, w->sub("cb-a")).truth == Truth::no);
}

TEST_CASE("evaluator: a traced evaluation notes the years it used", "[expr]") {
    auto w = make_world();
    const Expr& e = w->compile("streak(good) >= 5");
    EvalContext ctx{w->data, *w->forest, w->schema, 2021, nullptr, false};
    Evaluator ev(ctx);
    Trace trace;
    Value v = ev.evaluate_traced(e, w->sub("cb-b"), trace);
    CHECK(v.truth == Truth::yes);
    REQUIRE_FALSE(trace.empty());
    std::string all;
    for (const auto& t : trace)
        all += t + "\n";
    CHECK(all.find("2021") != std::string::npos);
    CHECK(all.find("2016") != std::string::npos);
    CHECK(all.find("2015") == std::string::npos); // the streak stopped at 2016
    CHECK(ev.describe(Value::range(3, 5)) == "3..5");
    CHECK(ev.describe(Value::unknown_number()) == "unknown");
    CHECK(ev.describe(Value::of_level(0, 1)) == "HTTNV");
    CHECK(ev.describe(Value::boolean(Truth::unknown)) == "unknown");
}
