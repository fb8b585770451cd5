// Tests of the CSV reader (SPEC §2): accepted variations, cell positions, and every error.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "commend/data/csv.hpp"
#include "temp_dir.hpp"

using namespace commend;

namespace {

/// Parses `text` as the file "t.csv".
std::optional<CsvTable> parse(std::string_view text, Diagnostics& diags) {
    return parse_csv(text, "t.csv", diags);
}

/// The first diagnostic with `code`, or nullptr.
const Diagnostic* find(const Diagnostics& diags, std::string_view code) {
    for (const auto& d : diags.items())
        if (d.code == code) return &d;
    return nullptr;
}

std::size_t count(const Diagnostics& diags, std::string_view code) {
    std::size_t n = 0;
    for (const auto& d : diags.items())
        n += d.code == code;
    return n;
}

/// "line:column" of the first diagnostic with `code`, or "none".
std::string where(const Diagnostics& diags, std::string_view code) {
    const Diagnostic* d = find(diags, code);
    return d ? std::to_string(d->pos.line) + ":" + std::to_string(d->pos.column) : "none";
}

struct TempDir : test::TempDir {
    TempDir() : test::TempDir("commend-csv-") {}
};

} // namespace

TEST_CASE("csv: a plain file with positions", "[csv]") {
    Diagnostics diags;
    auto t = parse("id,name,score\ncb-01,Chi bộ Đà Lạt,12\ncb-02, An Phú ,-3.5\n", diags);
    REQUIRE(t);
    CHECK(diags.items().empty());
    CHECK(t->delimiter == ',');
    CHECK_FALSE(t->decimal_comma);
    REQUIRE(t->header.size() == 3);
    CHECK(t->header[2].text == "score");
    CHECK(t->column("name") == 1u);
    CHECK_FALSE(t->column("nope"));
    REQUIRE(t->rows().size() == 2);
    CHECK(t->rows()[0][1].text == "Chi bộ Đà Lạt");
    // Columns count characters: "cb-01,Chi bộ Đà Lạt," is 20 characters (27 bytes).
    CHECK(t->rows()[0][2].line == 2);
    CHECK(t->rows()[0][2].column == 21);
    CHECK(t->rows()[1][1].text == "An Phú"); // trimmed
    CHECK(t->rows()[1][2].line == 3);
    CHECK(t->pos(t->rows()[1]).line == 3);
}

TEST_CASE("csv: BOM and CRLF", "[csv]") {
    TempDir dir;
    std::string path = dir.write("bom.csv", "\xEF\xBB\xBFid,name\r\na,Ấp 1\r\nb,Ấp 2");
    Diagnostics diags;
    auto t = read_csv(path, "data/bom.csv", diags);
    REQUIRE(t);
    CHECK(t->file == "data/bom.csv");
    CHECK(t->header[0].text == "id"); // the BOM is not part of the name
    CHECK(t->header[0].column == 1);
    CHECK(t->header[1].column == 4);
    REQUIRE(t->rows().size() == 2);
    CHECK(t->rows()[0][1].text == "Ấp 1"); // no trailing \r
    CHECK(t->rows()[1][1].text == "Ấp 2"); // last line without a line end
    CHECK(t->rows()[1][1].line == 3);
}

TEST_CASE("csv: quoted cells with \"\" and line breaks", "[csv]") {
    Diagnostics diags;
    auto t = parse("id,note,x\r\n1,\"a \"\"b\"\"\r\nc, d\",y\r\n\"Đà\",\"\",z\r\n", diags);
    REQUIRE(t);
    CHECK(diags.items().empty());
    REQUIRE(t->rows().size() == 2);
    CHECK(t->rows()[0][1].text == "a \"b\"\nc, d"); // CRLF inside quotes is stored as \n
    CHECK(t->rows()[0][1].line == 2);
    CHECK(t->rows()[0][1].column == 3);
    CHECK(t->rows()[0][2].text == "y");
    CHECK(t->rows()[0][2].line == 3); // on the physical line where it starts
    CHECK(t->rows()[0][2].column == 7);
    CHECK(t->rows()[1][0].text == "Đà");
    CHECK(t->rows()[1][0].line == 4);
    CHECK(t->rows()[1][1].text.empty());
    CHECK(t->rows()[1][1].column == 6); // counted in characters: "Đà", is 5
}

TEST_CASE("csv: ';' delimiter means decimal comma", "[csv]") {
    Diagnostics diags;
    auto t = parse("subject;year;admitted;ratio\ncb-01;2021;1.250,5;0,57\n", diags);
    REQUIRE(t);
    CHECK(t->delimiter == ';');
    CHECK(t->decimal_comma);
    REQUIRE(t->rows().size() == 1);
    CHECK(t->rows()[0][2].text == "1.250,5");
    CHECK(parse_number(t->rows()[0][2].text, t->decimal_comma) == 1250.5);
    CHECK(parse_number(t->rows()[0][3].text, t->decimal_comma) == 0.57);

    // A header with both ';' and ',' keeps ','.
    auto u = parse("a,b;c\n1,2\n", diags);
    REQUIRE(u);
    CHECK(u->delimiter == ',');
    CHECK(u->header[1].text == "b;c");
}

TEST_CASE("csv: blank lines and all-empty rows are skipped", "[csv]") {
    Diagnostics diags;
    auto t = parse("\n\na,b\n\n,\n , \n,,,\n\"\",\n1,2\r\n\r\n", diags);
    REQUIRE(t);
    CHECK(diags.items().empty()); // ",,," has 4 cells but is skipped before the count check
    REQUIRE(t->rows().size() == 1);
    CHECK(t->rows()[0][0].text == "1");
    CHECK(t->rows()[0][0].line == 9);
    CHECK(t->header[0].line == 3);
}

TEST_CASE("csv: cells are normalized to NFC", "[csv]") {
    Diagnostics diags;
    auto t = parse("id,name\ncb,Chi bo\xCC\xA3\xCC\x82 \xC2\xA0\n", diags);
    REQUIRE(t);
    CHECK(t->rows()[0][1].text == "Chi bộ");
}

TEST_CASE("csv: errors", "[csv]") {
    Diagnostics diags;

    SECTION("missing file is an error at line 0") {
        auto t = read_csv("/nonexistent/commend/x.csv", "x.csv", diags);
        CHECK_FALSE(t);
        REQUIRE(find(diags, "data.missing-file"));
        CHECK(find(diags, "data.missing-file")->pos.file == "x.csv");
        CHECK(where(diags, "data.missing-file") == "0:0");
    }
    SECTION("bytes that are not UTF-8 name the line") {
        CHECK_FALSE(parse("id,name\na,ok\nb,Vi\xEAt\nc,\xFF\xFE\n", diags));
        CHECK(count(diags, "data.invalid-utf8") == 2);
        CHECK(where(diags, "data.invalid-utf8") == "3:5");
        CHECK(find(diags, "data.invalid-utf8")->message.find("line 3 of t.csv") !=
              std::string::npos);
        CHECK(diags.items().back().pos.line == 4);
    }
    SECTION("a row with more or fewer cells than the header") {
        CHECK_FALSE(parse("a,b,c\n1,2,3,4\n1,2\n", diags));
        REQUIRE(count(diags, "data.cell-count") == 2);
        CHECK(diags.items()[0].pos.line == 2);
        CHECK(diags.items()[0].pos.column == 7); // the first surplus cell
        CHECK(diags.items()[1].pos.line == 3);
        CHECK(diags.items()[1].pos.column == 1);
        CHECK(diags.items()[0].message.find("4 cells but the header has 3") != std::string::npos);
    }
    SECTION("empty and repeated header names") {
        CHECK_FALSE(parse("id,,name,id\n1,2,3,4\n", diags));
        CHECK(where(diags, "data.empty-header") == "1:4");
        CHECK(where(diags, "data.duplicate-header") == "1:10");
        REQUIRE(find(diags, "data.duplicate-header")->notes.size() == 1);
        CHECK(find(diags, "data.duplicate-header")->notes[0].first.column == 1);
    }
    SECTION("control characters other than tab") {
        // Errors confined to a cell: the table comes back, marked, with those cells blanked.
        auto t = parse("a,b\nx\ty,o\x07k\n\"q\x01\",z\nu\rv,w\n\xC2\x85,1\n", diags);
        REQUIRE(t);
        CHECK(t->cell_errors);
        CHECK(t->rows()[0][0].text == "x\ty");
        CHECK(t->rows()[0][1].text.empty());
        CHECK(count(diags, "data.control-character") == 4);
        CHECK(where(diags, "data.control-character") == "2:5");
        CHECK(find(diags, "data.control-character")->message.find("U+0007") != std::string::npos);
        CHECK(diags.items()[1].pos.line == 3);
        CHECK(diags.items()[2].pos.line == 4); // a lone CR is not a line end
        CHECK(diags.items()[3].message.find("U+0085") != std::string::npos);
    }
    SECTION("a quote left open at the end of the file") {
        CHECK_FALSE(parse("a,b\n1,2\n3,\"open\n4,5\n", diags));
        CHECK(where(diags, "data.open-quote") == "3:3");
    }
    SECTION("text after a closing quote") {
        CHECK_FALSE(parse("a,b\n\"x\"y,2\n\"ok\"  ,3\n", diags));
        CHECK(count(diags, "data.bad-quote") == 1);
        CHECK(where(diags, "data.bad-quote") == "2:4");
    }
    SECTION("formulas and Excel error values") {
        auto t = parse("a,b\n =SUM(B2:B9),#N/A\n#DIV/0!,\"#REF!\"\n", diags);
        REQUIRE(t);
        CHECK(t->cell_errors);
        CHECK(t->rows()[0][0].text.empty());
        CHECK(t->rows()[1][1].text.empty());
        CHECK(where(diags, "data.formula") == "2:1");
        CHECK(find(diags, "data.formula")->message ==
              "cell holds a spreadsheet formula \"=SUM(B2:B9)\"; export the values, not the "
              "formulas");
        CHECK(count(diags, "data.error-value") == 3);
        CHECK(where(diags, "data.error-value") == "2:14");
    }
    SECTION("an empty file has no header") {
        CHECK_FALSE(parse("\n\n", diags));
        CHECK(where(diags, "data.empty-file") == "0:0");
    }
    SECTION("all errors of a file are reported") {
        CHECK_FALSE(parse("a,a\n=1,2\n1\n#NAME?,#NUM!\n#NULL!,#VALUE!\n", diags));
        CHECK(count(diags, "data.duplicate-header") == 1);
        CHECK(count(diags, "data.formula") == 1);
        CHECK(count(diags, "data.cell-count") == 1);
        CHECK(count(diags, "data.error-value") == 4);
    }
}

TEST_CASE("csv: many lines of bad UTF-8 are summarized", "[csv]") {
    std::string text = "a\n";
    for (int i = 0; i < 50; ++i)
        text += "caf\xE9\n";
    Diagnostics diags;
    CHECK_FALSE(parse(text, diags));
    CHECK(count(diags, "data.invalid-utf8") == 21);
    CHECK(diags.items().back().message.find("30 more lines") != std::string::npos);
}

TEST_CASE("csv: parse_number", "[csv]") {
    CHECK(parse_number("12", false) == 12.0);
    CHECK(parse_number("-3.5", false) == -3.5);
    CHECK(parse_number("0.57", false) == 0.57);
    CHECK(parse_number("007", false) == 7.0);
    CHECK_FALSE(parse_number("", false));
    CHECK_FALSE(parse_number("-", false));
    CHECK_FALSE(parse_number("1e3", false));
    CHECK_FALSE(parse_number("1,5", false));
    CHECK_FALSE(parse_number(".5", false));
    CHECK_FALSE(parse_number("5.", false));
    CHECK_FALSE(parse_number("12%", false));
    CHECK_FALSE(parse_number("1 000", false));

    CHECK(parse_number("1.250,5", true) == 1250.5);
    CHECK(parse_number("0,57", true) == 0.57);
    CHECK(parse_number("1.250", true) == 1250.0);
    CHECK(parse_number("12.345.678", true) == 12345678.0);
    CHECK(parse_number("-3", true) == -3.0);
    CHECK(parse_number("1250,5", true) == 1250.5);
    CHECK_FALSE(parse_number("1.25", true));
    CHECK_FALSE(parse_number("1234.567", true));
    CHECK_FALSE(parse_number("1.2345", true));
    CHECK_FALSE(parse_number("0.57", true));
    CHECK_FALSE(parse_number("1,", true));
    CHECK_FALSE(parse_number("1.250,5,1", true));
}
