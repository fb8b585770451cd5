// The output of `commend test`: like a test runner's. Each failing case with what it expected,
// what the rules decided and the trace of the criteria behind it; a count per rule file; and
// the SPEC's last line, `N passed, M failed` (in English in both languages, since scripts and
// CI logs look for it).
#include <map>
#include <sstream>

#include "commend/report/report.hpp"

namespace commend::report {

namespace {

using ruletest::Outcome;
using ruletest::Selection;

struct Words {
    const char *eligible, *not_eligible, *unknown, *selected, *not_selected, *not_applicable,
        *holds, *violated, *tied, *over_limit, *not_in_force, *not_for_subject, *expected, *got,
        *year, *subject, *audit_mode, *pass, *fail, *unknown_result, *cases, *failed_word, *source;
};

const Words vi{"đủ điều kiện",
               "không đủ điều kiện",
               "chưa xác định",
               "được chọn",
               "không được chọn",
               "không áp dụng",
               "không vi phạm",
               "vi phạm",
               "đồng hạng tại ngưỡng",
               "vượt số lượng",
               "không có trong quy tắc áp dụng năm",
               "không thuộc diện xét",
               "mong đợi",
               "kết quả",
               "năm",
               "đối tượng",
               "xét như audit",
               "đạt",
               "không đạt",
               "chưa xác định",
               "trường hợp",
               "không đạt",
               "nguồn"};

const Words en{"eligible",
               "not eligible",
               "unknown",
               "selected",
               "not selected",
               "not applicable",
               "holds",
               "violated",
               "tied at the cut-off",
               "over the limit",
               "defined by no rule set in force in",
               "not for this subject",
               "expected",
               "got",
               "year",
               "subject",
               "judged as audit",
               "pass",
               "fail",
               "unknown",
               "cases",
               "failed",
               "source"};

const Words& words(Language l) {
    return l == Language::vi ? vi : en;
}

const char* outcome_word(Outcome o, const Words& W) {
    switch (o) {
    case Outcome::eligible:
        return W.eligible;
    case Outcome::not_eligible:
        return W.not_eligible;
    case Outcome::unknown:
        return W.unknown;
    case Outcome::selected:
        return W.selected;
    case Outcome::not_selected:
        return W.not_selected;
    case Outcome::not_applicable:
        return W.not_applicable;
    case Outcome::holds:
        return W.holds;
    case Outcome::violated:
        return W.violated;
    }
    return "";
}

/// What the rules decided, in words: "không đủ điều kiện", "đủ điều kiện, vượt số lượng",
/// "không áp dụng (không thuộc diện xét)".
std::string observed_words(const ruletest::ExpectationResult& x, int year, const Words& W) {
    const auto& o = x.observed;
    if (!o.in_force)
        return std::string(W.not_applicable) + " (" + W.not_in_force + " " + std::to_string(year) +
               ")";
    if (!o.applicable) return std::string(W.not_applicable) + " (" + W.not_for_subject + ")";
    if (o.is_check)
        return o.result == expr::Truth::yes  ? W.holds
               : o.result == expr::Truth::no ? W.violated
                                             : W.unknown;
    std::string s = o.result == expr::Truth::yes  ? W.eligible
                    : o.result == expr::Truth::no ? W.not_eligible
                                                  : W.unknown;
    if (o.result == expr::Truth::yes) {
        s += ", ";
        s += o.selection == Selection::selected ? W.selected
             : o.selection == Selection::tied   ? W.tied
                                                : W.over_limit;
    }
    return s;
}

const char* result_word(expr::Truth t, const Words& W) {
    return t == expr::Truth::yes ? W.pass : t == expr::Truth::no ? W.fail : W.unknown_result;
}

/// The lines of one case below its heading: each expectation, and under one that is not met
/// the criteria behind the actual result, as `explain` shows them.
std::vector<std::string> case_lines(const ruletest::CaseResult& c, const Words& W) {
    std::vector<std::string> lines;
    lines.push_back(std::string(W.year) + " " + std::to_string(c.year) + ", " + W.subject + " " +
                    c.subject + " (" + c.kind + ")" +
                    (c.audit ? std::string(", ") + W.audit_mode : ""));
    for (const auto& x : c.expectations) {
        std::string line = (x.met ? "✓ " : "✗ ") + x.expected.id + ": ";
        if (x.met)
            line += outcome_word(x.expected.outcome, W);
        else
            line += std::string(W.expected) + " «" + outcome_word(x.expected.outcome, W) + "», " +
                    W.got + " «" + observed_words(x, c.year, W) + "»";
        lines.push_back(line);
        if (x.met) continue;
        if (x.observed.source)
            lines.push_back("    " + std::string(W.source) + ": " + *x.observed.source);
        for (const auto& k : x.criteria) {
            lines.push_back("    [" + std::string(result_word(k.result, W)) + "] " + k.name);
            if (k.test) lines.push_back("        " + *k.test);
            for (const auto& t : k.trace)
                lines.push_back("        " + t);
        }
    }
    return lines;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += (out.empty() ? "" : "\n") + l;
    return out;
}

} // namespace

std::string test_table(const ruletest::TestReport& r, Language lang) {
    const Words& W = words(lang);
    std::ostringstream out;
    // Per file, in the order the files were loaded: its count of cases and of failures.
    std::vector<std::pair<std::string, std::pair<int, int>>> files;
    for (const auto& c : r.cases) {
        if (files.empty() || files.back().first != c.file) files.push_back({c.file, {0, 0}});
        ++files.back().second.first;
        if (c.passed()) continue;
        ++files.back().second.second;
        out << "✗ " << c.file << ":" << c.line << ": " << c.name << "\n";
        for (const auto& l : case_lines(c, W))
            out << "    " << l << "\n";
        out << "\n";
    }
    for (const auto& [file, counts] : files) {
        out << file << ": " << counts.first << " " << W.cases;
        if (counts.second > 0) out << ", " << counts.second << " " << W.failed_word;
        out << "\n";
    }
    out << r.passed() << " passed, " << r.failed() << " failed\n";
    return out.str();
}

Json test_json(const ruletest::TestReport& r, Language lang) {
    const Words& W = words(lang);
    Json cases = Json::array();
    for (const auto& c : r.cases)
        cases.push_back({{"file", c.file},
                         {"name", c.name},
                         {"result", c.passed() ? "pass" : "fail"},
                         {"detail", joined(case_lines(c, W))},
                         {"line", c.line},
                         {"year", c.year},
                         {"subject", c.subject}});
    return {{"passed", r.passed()}, {"failed", r.failed()}, {"cases", cases}};
}

} // namespace commend::report
