// Tests of CsvDataSource (SPEC §2 and the existence rules of §4): what a data folder becomes,
// and every data error with its place.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "commend/data/csv_source.hpp"

using namespace commend;

namespace {

/// The schema of the tests: one scale, one alias, three declared columns.
DataSchema test_schema() {
    DataSchema s;
    s.scales.push_back({"rating", {"HTXSNV", "HTTNV", "HTNV", "KHTNV"}});
    s.aliases["TSVM"] = "HTXSNV";
    s.columns["disciplined"] = {ColumnType::flag, -1, "false", {"rules.toml", 10, 1}};
    s.columns["admitted"] = {ColumnType::number, -1, std::nullopt, {"rules.toml", 11, 1}};
    s.columns["member_rating"] = {ColumnType::level, 0, "HTNV", {"rules.toml", 12, 1}};
    return s;
}

const std::string subjects_csv = "id,name,kind,parent,from,until,gender,joined\n"
                                 "khoi,Đảng ủy Khối,dang-uy-khoi,,,,,\n"
                                 "cb-01,Chi bộ An Phú,chi-bo,khoi,2018,,nam,2001\n"
                                 "cb-02,Chi bộ Ăn Khê,chi-bo,khoi,,2020,nữ,1999\n"
                                 "cb-03,Chi bộ Ân Thi,chi-bo,khoi,,,nam,\n";
const std::string evaluations_csv = "subject,year,rating,disciplined,score,note,flagged\n"
                                    "khoi,2017,HTTNV,,12,,\n"
                                    "cb-01,2018,TSVM,FALSE,1.5,ghi chú,True\n"
                                    "cb-01,2019,HTXSNV,,,,\n"
                                    "cb-02,2019,HTNV,true,3,,false\n"
                                    "cb-02,2020,KHTNV,,,x,\n";
const std::string awards_csv = "subject,year,award,decision\n"
                               "cb-01,2019,tieu-bieu,12-QĐ/ĐUK\n"
                               "cb-01,2021,tieu-bieu,\n"
                               "cb-03,2017,giay-khen,\n";

/// A data folder in a fresh temporary directory, removed at the end of the test.
struct Folder {
    std::filesystem::path path;
    explicit Folder(const std::map<std::string, std::string>& files) {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("commend-data-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
        for (const auto& [name, content] : files)
            std::ofstream(path / name, std::ios::binary) << content;
    }
    ~Folder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

struct Loaded {
    std::optional<DataSet> data;
    Diagnostics diags;
};

/// Loads the standard files, with `changes` replacing (or, when empty, removing) some of them.
Loaded load(const std::map<std::string, std::string>& changes = {},
            const DataSchema& schema = test_schema()) {
    std::map<std::string, std::string> files = {{"subjects.csv", subjects_csv},
                                                {"evaluations.csv", evaluations_csv},
                                                {"awards.csv", awards_csv}};
    for (const auto& [name, content] : changes) {
        if (content.empty())
            files.erase(name);
        else
            files[name] = content;
    }
    Folder folder(files);
    Loaded out;
    out.data = CsvDataSource(folder.path.string()).load(schema, out.diags);
    return out;
}

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

/// "file:line:column" of the first diagnostic with `code` (file without its folder).
std::string where(const Diagnostics& diags, std::string_view code) {
    const Diagnostic* d = find(diags, code);
    if (!d) return "none";
    return std::filesystem::path(d->pos.file).filename().string() + ":" +
           std::to_string(d->pos.line) + ":" + std::to_string(d->pos.column);
}

bool mentions(const Diagnostic* d, std::string_view text) {
    return d && d->message.find(text) != std::string::npos;
}

std::string dump(const Diagnostics& diags) {
    std::string out;
    for (const auto& d : diags.items())
        out += d.code + " " + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) +
               " " + d.message + "\n";
    return out;
}

} // namespace

TEST_CASE("dataset: a valid folder", "[dataset]") {
    Loaded l = load();
    INFO(dump(l.diags));
    REQUIRE(l.data);
    const DataSet& d = *l.data;
    CHECK_FALSE(l.diags.has_errors());

    SECTION("subjects, parents and existence") {
        REQUIRE(d.subjects.size() == 4);
        CHECK(d.find_subject("cb-02") == 2);
        CHECK_FALSE(d.find_subject("CB-02"));
        CHECK(d.subjects[0].name == "Đảng ủy Khối");
        CHECK(d.subjects[0].parent == no_subject);
        CHECK(d.subjects[1].parent == 0);
        CHECK(d.subjects[1].pos.line == 3);
        // Years: the earliest and latest mentioned anywhere (2021 only in awards.csv).
        CHECK(d.first_year == 2017);
        CHECK(d.last_year == 2021);
        CHECK(d.year_count() == 5);
        CHECK(d.subjects[0].from == 2017); // its first row in evaluations.csv
        CHECK(d.subjects[1].from == 2018); // written
        CHECK(d.subjects[2].from == 2019); // its first row
        CHECK(d.subjects[2].until == 2020);
        CHECK(d.subjects[3].from == 2017); // no rows: the data set's first year
        CHECK_FALSE(d.subjects[3].until);
    }
    SECTION("static attributes") {
        REQUIRE(d.statics.size() == 2);
        const Column* gender = d.find_static("gender");
        REQUIRE(gender);
        CHECK(gender->type == ColumnType::text);
        REQUIRE(gender->texts.size() == 4);
        CHECK(gender->texts[0] == -1);
        CHECK(gender->strings[static_cast<std::size_t>(gender->texts[2])] == "nữ");
        CHECK(gender->texts[1] == gender->texts[3]); // interned
        const Column* joined = d.find_static("joined");
        REQUIRE(joined);
        CHECK(joined->type == ColumnType::number);
        CHECK(joined->numbers[1] == 2001);
        CHECK(std::isnan(joined->numbers[3]));
        CHECK_FALSE(d.find_static("rating"));
    }
    SECTION("yearly columns: types, aliases, defaults") {
        const Column* rating = d.find_yearly("rating");
        REQUIRE(rating);
        CHECK(rating->type == ColumnType::level); // named after a scale
        CHECK(rating->scale == 0);
        REQUIRE(rating->bytes.size() == 4 * 5);
        CHECK(rating->bytes[d.slot(0, 2017)] == 1);
        CHECK(rating->bytes[d.slot(1, 2018)] == 0); // TSVM via [aliases]
        CHECK(rating->bytes[d.slot(2, 2019)] == 2);
        CHECK(rating->bytes[d.slot(0, 2018)] == -1); // no row

        const Column* disciplined = d.find_yearly("disciplined");
        REQUIRE(disciplined);
        CHECK(disciplined->type == ColumnType::flag);
        CHECK(disciplined->bytes[d.slot(1, 2018)] == 0);  // FALSE
        CHECK(disciplined->bytes[d.slot(2, 2019)] == 1);  // true
        CHECK(disciplined->bytes[d.slot(0, 2017)] == 0);  // empty cell: default
        CHECK(disciplined->bytes[d.slot(0, 2021)] == 0);  // no row, exists: default
        CHECK(disciplined->bytes[d.slot(1, 2017)] == -1); // before its from
        CHECK(disciplined->bytes[d.slot(2, 2021)] == -1); // after its until

        const Column* score = d.find_yearly("score");
        REQUIRE(score);
        CHECK(score->type == ColumnType::number);
        CHECK(score->numbers[d.slot(0, 2017)] == 12);
        CHECK(score->numbers[d.slot(1, 2018)] == 1.5);
        CHECK(std::isnan(score->numbers[d.slot(1, 2019)]));

        const Column* note = d.find_yearly("note");
        REQUIRE(note);
        CHECK(note->type == ColumnType::text);
        CHECK(note->strings[static_cast<std::size_t>(note->texts[d.slot(1, 2018)])] == "ghi chú");
        CHECK(note->texts[d.slot(0, 2017)] == -1);

        const Column* flagged = d.find_yearly("flagged");
        REQUIRE(flagged);
        CHECK(flagged->type == ColumnType::flag); // only true/false, any case
        CHECK(flagged->bytes[d.slot(1, 2018)] == 1);
        CHECK(flagged->bytes[d.slot(2, 2019)] == 0);

        // Declared columns the file lacks: missing throughout, or their default.
        const Column* admitted = d.find_yearly("admitted");
        REQUIRE(admitted);
        CHECK(admitted->type == ColumnType::number);
        REQUIRE(admitted->numbers.size() == 20);
        for (double v : admitted->numbers)
            CHECK(std::isnan(v));
        const Column* member = d.find_yearly("member_rating");
        REQUIRE(member);
        CHECK(member->type == ColumnType::level);
        CHECK(member->bytes[d.slot(3, 2017)] == 2); // HTNV
        CHECK(member->bytes[d.slot(2, 2021)] == -1);
    }
    SECTION("awards") {
        REQUIRE(d.granted.size() == 3);
        CHECK(d.granted[0].decision == "12-QĐ/ĐUK");
        CHECK(d.granted[0].pos.line == 2);
        CHECK(d.award_years(1, "tieu-bieu") == std::vector<int>{2019, 2021});
        CHECK(d.award_years(2, "tieu-bieu").empty());
        CHECK(d.award_years(1, "nope").empty());
    }
}

TEST_CASE("dataset: awards.csv is optional; ';' files use decimal commas", "[dataset]") {
    Loaded l = load({{"awards.csv", ""},
                     {"subjects.csv", "id;name;kind;size\na;A;k;1.250,5\nb;B;k;0,5\n"},
                     {"evaluations.csv", "subject;year;ratio\na;2020;0,57\nb;2021;1.000\n"}});
    INFO(dump(l.diags));
    REQUIRE(l.data);
    CHECK(l.data->granted.empty());
    CHECK(l.data->find_static("size")->numbers == std::vector<double>{1250.5, 0.5});
    const Column* ratio = l.data->find_yearly("ratio");
    CHECK(ratio->type == ColumnType::number);
    CHECK(ratio->numbers[l.data->slot(0, 2020)] == 0.57);
    CHECK(ratio->numbers[l.data->slot(1, 2021)] == 1000);
    CHECK(l.data->subjects[1].from == 2021);
}

TEST_CASE("dataset: warnings", "[dataset]") {
    SECTION("ids that differ only by case") {
        Loaded l = load({{"subjects.csv", subjects_csv + "CB-01,Khác,chi-bo,khoi,,,,\n"}});
        REQUIRE(l.data); // a warning only
        CHECK(where(l.diags, "data.id-case") == "subjects.csv:6:1");
        CHECK(mentions(find(l.diags, "data.id-case"), "\"cb-01\" (line 3)"));
        CHECK(l.data->find_subject("CB-01") == 4);
    }
    SECTION("an undeclared column without values") {
        Loaded l = load({{"evaluations.csv", "subject,year,empty\nkhoi,2017,\n"}});
        REQUIRE(l.data);
        CHECK(where(l.diags, "data.empty-column") == "evaluations.csv:1:14");
        CHECK(l.data->find_yearly("empty")->type == ColumnType::flag);
    }
}

TEST_CASE("dataset: errors in subjects.csv", "[dataset]") {
    SECTION("missing required column") {
        Loaded l = load({{"subjects.csv", "id,name\na,A\n"}});
        CHECK_FALSE(l.data);
        CHECK(where(l.diags, "data.missing-column") == "subjects.csv:1:1");
        CHECK(mentions(find(l.diags, "data.missing-column"), "\"kind\""));
    }
    SECTION("empty and duplicate ids") {
        Loaded l = load({{"subjects.csv", subjects_csv + " ,X,k,,,,,\ncb-02,Again,k,,,,,\n"}});
        CHECK_FALSE(l.data);
        CHECK(where(l.diags, "data.empty-id") == "subjects.csv:6:1");
        CHECK(where(l.diags, "data.duplicate-id") == "subjects.csv:7:1");
        const Diagnostic* dup = find(l.diags, "data.duplicate-id");
        CHECK(mentions(dup, "line 4"));
        REQUIRE(dup->notes.size() == 1);
        CHECK(dup->notes[0].first.line == 4);
    }
    SECTION("unknown parent") {
        Loaded l = load({{"subjects.csv", subjects_csv + "cb-04,X,chi-bo,KHOI,,,,\n"}});
        CHECK_FALSE(l.data);
        CHECK(where(l.diags, "data.unknown-parent") == "subjects.csv:6:16");
        CHECK(mentions(find(l.diags, "data.unknown-parent"), "subjects.csv has \"khoi\""));
    }
    SECTION("parent cycles, one error each") {
        Loaded l = load({{"subjects.csv", subjects_csv + "a,A,k,b,,,,\nb,B,k,a,,,,\n"
                                                         "c,C,k,c,,,,\nd,D,k,a,,,,\n"}});
        CHECK_FALSE(l.data);
        REQUIRE(count(l.diags, "data.parent-cycle") == 2);
        const Diagnostic* first = find(l.diags, "data.parent-cycle");
        CHECK(mentions(first, "parent cycle: a → b → a"));
        CHECK(where(l.diags, "data.parent-cycle") == "subjects.csv:6:7");
        CHECK(first->notes.size() == 1);
        bool self = false;
        for (const auto& d : l.diags.items())
            self = self || d.message.find("subject \"c\" is its own parent") != std::string::npos;
        CHECK(self);
    }
    SECTION("bad from and until") {
        Loaded l = load({{"subjects.csv",
                          subjects_csv + "x,X,k,,20x1,,,\ny,Y,k,,2021,2019,,\nz,Z,k,,,2.5,,\n"}});
        CHECK_FALSE(l.data);
        CHECK(count(l.diags, "data.bad-year") == 2);
        CHECK(where(l.diags, "data.bad-year") == "subjects.csv:6:8");
        CHECK(where(l.diags, "data.bad-range") == "subjects.csv:7:13");
    }
}

TEST_CASE("dataset: errors in evaluations.csv", "[dataset]") {
    auto with = [](const std::string& rows) {
        return load({{"evaluations.csv",
                      "subject,year,rating,disciplined,admitted\nkhoi,2017,HTTNV,,1\n" + rows}});
    };
    SECTION("missing required column") {
        Loaded l = load({{"evaluations.csv", "subject,rating\nkhoi,HTNV\n"}});
        CHECK_FALSE(l.data);
        CHECK(where(l.diags, "data.missing-column") == "evaluations.csv:1:1");
    }
    SECTION("unknown subject, with a hint for a case difference") {
        Loaded l = with("CB-01,2019,,,\nnobody,2019,,,\n");
        CHECK_FALSE(l.data);
        CHECK(count(l.diags, "data.unknown-subject") == 2);
        CHECK(where(l.diags, "data.unknown-subject") == "evaluations.csv:3:1");
        CHECK(mentions(find(l.diags, "data.unknown-subject"), "subjects.csv has \"cb-01\""));
    }
    SECTION("duplicate row") {
        Loaded l = with("cb-01,2019,,,\ncb-01,2019,HTNV,,\n");
        CHECK_FALSE(l.data);
        CHECK(where(l.diags, "data.duplicate-row") == "evaluations.csv:4:1");
        CHECK(mentions(find(l.diags, "data.duplicate-row"), "line 3"));
    }
    SECTION("year not an integer") {
        Loaded l = with("cb-01,2019.5,,,\ncb-01,,,,\n");
        CHECK_FALSE(l.data);
        CHECK(count(l.diags, "data.bad-year") == 2);
        CHECK(where(l.diags, "data.bad-year") == "evaluations.csv:3:7");
    }
    SECTION("year outside the subject's from-until") {
        Loaded l = with("cb-01,2017,,,\ncb-02,2021,,,\n");
        CHECK_FALSE(l.data);
        CHECK(count(l.diags, "data.year-outside") == 2);
        CHECK(where(l.diags, "data.year-outside") == "evaluations.csv:3:7");
        CHECK(mentions(find(l.diags, "data.year-outside"), "exists from 2018 on"));
        CHECK(mentions(&l.diags.items().back(), "until 2020"));
    }
    SECTION("values not of their column's type") {
        Loaded l = with("cb-01,2019,Tốt,yes,12%\ncb-02,2019,HTNV,1,\n");
        CHECK_FALSE(l.data);
        CHECK(where(l.diags, "data.bad-level") == "evaluations.csv:3:12");
        CHECK(mentions(find(l.diags, "data.bad-level"),
                       "column \"rating\" holds levels of scale rating (HTXSNV, HTTNV, HTNV, "
                       "KHTNV)"));
        CHECK(count(l.diags, "data.bad-value") == 3);
        CHECK(where(l.diags, "data.bad-value") == "evaluations.csv:3:16");
    }
    SECTION("an alias to a name that is not a level") {
        DataSchema schema = test_schema();
        schema.aliases["TOT"] = "GOOD";
        Loaded l = load({{"evaluations.csv", "subject,year,rating\nkhoi,2017,TOT\n"}}, schema);
        CHECK_FALSE(l.data);
        CHECK(mentions(find(l.diags, "data.bad-level"), "[aliases] reads \"TOT\" as \"GOOD\""));
    }
    SECTION("a bad missing default points at the rule file") {
        DataSchema schema = test_schema();
        schema.columns["admitted"].missing = "many";
        Loaded l = load({}, schema);
        CHECK_FALSE(l.data);
        CHECK(where(l.diags, "data.bad-default") == "rules.toml:11:1");
    }
}

TEST_CASE("dataset: errors in awards.csv and missing files", "[dataset]") {
    SECTION("awards: unknown subject, duplicate, outside existence, missing column") {
        Loaded l = load({{"awards.csv", awards_csv + "nobody,2019,x,\ncb-01,2019,tieu-bieu,\n"
                                                     "cb-02,2021,x,\n"}});
        CHECK_FALSE(l.data);
        CHECK(where(l.diags, "data.unknown-subject") == "awards.csv:5:1");
        CHECK(where(l.diags, "data.duplicate-row") == "awards.csv:6:1");
        CHECK(where(l.diags, "data.year-outside") == "awards.csv:7:7");
        Loaded m = load({{"awards.csv", "subject,year\ncb-01,2019\n"}});
        CHECK_FALSE(m.data);
        CHECK(where(m.diags, "data.missing-column") == "awards.csv:1:1");
    }
    SECTION("a missing required file") {
        Loaded l = load({{"evaluations.csv", ""}});
        CHECK_FALSE(l.data);
        CHECK(where(l.diags, "data.missing-file") == "evaluations.csv:0:0");
    }
    SECTION("CSV errors of every file are reported together") {
        Loaded l = load({{"subjects.csv", subjects_csv + "=A1,x,k,,,,,\n"},
                         {"awards.csv", awards_csv + "cb-01,2019\n"}});
        CHECK_FALSE(l.data);
        CHECK(where(l.diags, "data.formula") == "subjects.csv:6:1");
        CHECK(where(l.diags, "data.cell-count") == "awards.csv:5:1");
    }
    SECTION("a missing folder") {
        Diagnostics diags;
        CHECK_FALSE(CsvDataSource("/nonexistent/commend-data").load(test_schema(), diags));
        CHECK(find(diags, "data.missing-folder"));
    }
}
