// A test case written in a rule file (`[[test]]`), as `commend test` runs it: a subject with
// its history, or a subject of a data folder, and what the rules must decide for it in a year.
//
//   [[test]]
//   name = "HTXSNV 5 năm liền, chưa được khen: đủ điều kiện"
//   year = 2021
//   kind = "chi-bo-truc-thuoc"
//   history = { rating = ["HTXSNV", "HTXSNV", "HTXSNV", "HTXSNV", "HTXSNV"] }   # 2017–2021
//   awards = { chi-bo-tieu-bieu-nam = [2017, 2018, 2019, 2020] }
//   eligible = ["chi-bo-tieu-bieu-5-nam"]
//
// The format is described for users in rules/README.md. An inline history becomes the three
// tables of a data folder (subjects, evaluations, awards) and goes through the same loader as
// a CSV folder, so a case sees exactly what the same data in CSV files would give; each value
// remembers where it is written, so a level that is not on the scale is reported at its place
// in the rule file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commend/diagnostic.hpp"

namespace commend::ruletest {

/// One value of an inline history, attribute or award year: the text a CSV cell would hold
/// (empty = missing) and where the value is written.
struct CaseValue {
    std::string text;
    SourcePos pos;
};

/// A yearly column of an inline history: its values oldest first, the last one for the
/// subject's last year (the case's year unless `until` is given). A single value written
/// without a list holds for every year of the history.
struct HistoryColumn {
    std::string column;
    std::vector<CaseValue> values;
    bool every_year = false; ///< written as one value, not a list
    SourcePos pos;           ///< where the column's key is written
};

/// An award received (a row of awards.csv).
struct ReceivedAward {
    std::string award;
    CaseValue year;
};

/// A subject written inline, with its history, and the subjects around it.
struct CaseSubject {
    std::string id;   ///< given, or made from its place ("s", "s-1", "s-1-2", "parent.parent")
    std::string name; ///< given, or the id
    CaseValue kind;
    std::optional<int> from;  ///< first year of its rows (default: as long as its longest list)
    std::optional<int> until; ///< last year it exists (default: open; rows end at the case year)
    SourcePos until_pos;
    std::vector<HistoryColumn> history;
    std::vector<std::pair<std::string, CaseValue>> attributes; ///< static columns
    std::vector<ReceivedAward> awards;
    int count = 1; ///< `count = N` in a list of children: N subjects alike
    std::vector<CaseSubject> children;
    SourcePos pos;
};

/// What a case expects of one award or check.
enum class Outcome {
    eligible,       ///< award: applicable, every criterion passes
    not_eligible,   ///< award: applicable, a criterion fails
    unknown,        ///< award: applicable, none fails, one is unknown; check: unknown
    selected,       ///< award: selected by this run (ranked within the places)
    not_selected,   ///< award: applicable, not selected (not eligible, tied or over the limit)
    not_applicable, ///< award or check: not in force in the year, or not for this subject
    holds,          ///< check: the test is true
    violated        ///< check: the test is false
};

/// The key of a case that lists ids expected to have `outcome` ("not_eligible", …).
const char* outcome_key(Outcome o);

struct Expectation {
    Outcome outcome;
    std::string id; ///< an award's or a check's id
    SourcePos pos;
};

struct TestCase {
    std::string name;
    std::string file; ///< the rule file it is written in, as loaded
    SourcePos pos;
    int year = 0;
    /// How awarded() reads the case's year: this run's selection as `commend evaluate` does
    /// (false), or the awards the case records, as `commend audit` does (true).
    bool audit = false;
    /// A data folder (relative to the rule file) instead of an inline subject.
    std::optional<CaseValue> data;
    CaseValue subject; ///< the id of the subject the expectations are about
    std::optional<CaseSubject> inline_subject;
    std::vector<CaseSubject> ancestors; ///< `parent`, its `parent`, …: nearest first
    std::vector<Expectation> expect;
};

} // namespace commend::ruletest
