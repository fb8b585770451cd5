// The audit's findings for people (a table grouped by year, each finding said in words) and
// for programs (SPEC §6 JSON). The words rest on what the finding carries: the criteria that
// failed with the values they used, the recorded count against the places.
#include <map>

#include "commend/report/report.hpp"

namespace commend::report {

namespace {

struct AuditLabels {
    const char *title, *years, *no_findings, *errors, *warnings, *year, *error, *warning,
        *whole_run, *decision;
    const char *check_failed, *eligible_not_granted, *granted_not_eligible, *granted_unknown,
        *granted_unknown_award, *over_limit;
};

const AuditLabels vi_labels{
    "Kiểm tra lịch sử khen thưởng theo quy tắc có hiệu lực từng năm",
    "Các năm",
    "Không có phát hiện nào.",
    "lỗi",
    "cảnh báo",
    "Năm",
    "lỗi",
    "cảnh báo",
    "(toàn bộ)",
    "quyết định",
    "Vi phạm điều kiện kiểm tra",
    "Đủ điều kiện nhưng không được khen",
    "Được khen nhưng không đủ điều kiện",
    "Được khen nhưng chưa xác định được điều kiện",
    "Được khen một hình thức không có trong quy tắc năm đó",
    "Khen vượt số lượng",
};

const AuditLabels en_labels{
    "Audit of recorded awards under the rules in force each year",
    "Years",
    "No findings.",
    "errors",
    "warnings",
    "Year",
    "error",
    "warning",
    "(whole run)",
    "decision",
    "Check violated",
    "Eligible but not granted",
    "Granted but not eligible",
    "Granted but eligibility unknown",
    "Granted an award no rule set in force that year defines",
    "More granted than places",
};

const AuditLabels& labels(Language lang) {
    return lang == Language::vi ? vi_labels : en_labels;
}

const char* type_label(FindingType t, const AuditLabels& l) {
    switch (t) {
    case FindingType::check_failed:
        return l.check_failed;
    case FindingType::eligible_not_granted:
        return l.eligible_not_granted;
    case FindingType::granted_not_eligible:
        return l.granted_not_eligible;
    case FindingType::granted_unknown:
        return l.granted_unknown;
    case FindingType::granted_unknown_award:
        return l.granted_unknown_award;
    case FindingType::over_limit:
        return l.over_limit;
    }
    return "";
}

std::string quoted(const std::string& s) {
    return "«" + s + "»";
}

std::string join_kinds(const std::vector<std::string>& kinds) {
    std::string out;
    for (const auto& k : kinds)
        out += (out.empty() ? "" : ", ") + k;
    return out;
}

/// "«label» (rating = HTTNV; HTTNV == HTXSNV → false)", one per criterion, "; " between.
std::string criteria_words(const std::vector<CriterionTrace>& criteria) {
    std::string out;
    for (const auto& c : criteria) {
        if (!out.empty()) out += "; ";
        out += quoted(c.criterion->name()) + " (" + join_trace(c.trace) + ")";
    }
    return out;
}

/// "Granted for 2019 (decision 42-QĐ/ĐUK)".
std::string granted_words(const Finding& f, bool vi) {
    std::string out = (vi ? "Được khen năm " : "Granted for ") + std::to_string(f.year);
    if (!f.decision.empty()) out += (vi ? " (quyết định " : " (decision ") + f.decision + ")";
    return out;
}

} // namespace

std::string finding_type_label(FindingType t, Language lang) {
    return type_label(t, labels(lang));
}

std::string finding_detail(const Workspace& ws, const Finding& f, Language lang) {
    const bool vi = lang == Language::vi;
    switch (f.type) {
    case FindingType::granted_not_eligible: {
        if (f.not_applicable) {
            const Subject& s = ws.data.subjects[static_cast<std::size_t>(*f.subject)];
            return granted_words(f, vi) +
                   (vi ? " nhưng hình thức này không áp dụng cho loại " + quoted(s.kind) +
                             " (chỉ áp dụng cho: "
                       : " but the award does not apply to kind " + quoted(s.kind) +
                             " (it applies to: ") +
                   join_kinds(f.award_rule->kinds) + ")";
        }
        return granted_words(f, vi) + (vi ? " nhưng không đạt " : " but fails ") +
               criteria_words(f.failed);
    }
    case FindingType::granted_unknown:
        return granted_words(f, vi) +
               (vi ? " nhưng chưa xác định được (thiếu dữ liệu): "
                   : " but it cannot be determined (data missing): ") +
               criteria_words(f.unknown);
    case FindingType::granted_unknown_award:
        return granted_words(f, vi) +
               (vi ? " hình thức " + quoted(f.award) +
                         ", nhưng không bộ quy tắc nào có hiệu lực năm đó quy định hình thức này"
                   : " award " + quoted(f.award) +
                         ", but no rule set in force that year defines it");
    case FindingType::over_limit:
        return vi ? "Ghi nhận " + std::to_string(f.recorded) + " khen thưởng, vượt " +
                        std::to_string(f.places) + " suất theo quy tắc"
                  : std::to_string(f.recorded) + " recorded, but the rules give " +
                        (f.places == 1 ? "1 place" : std::to_string(f.places) + " places");
    case FindingType::eligible_not_granted:
        if (f.rank == 0)
            return vi ? "Đủ mọi tiêu chí nhưng không được ghi nhận khen thưởng"
                      : "Meets every criterion but no award was recorded";
        return vi ? "Đủ mọi tiêu chí và nằm trong số suất (xếp thứ " + std::to_string(f.rank) +
                        ") nhưng không được ghi nhận khen thưởng"
                  : "Meets every criterion and is within the places (ranked " +
                        std::to_string(f.rank) + ") but no award was recorded";
    case FindingType::check_failed:
        return (vi ? "Vi phạm " : "Violates ") + quoted(f.check_rule->title) + ": " +
               join_trace(f.check_trace);
    }
    return "";
}

Json audit_json(const Workspace& ws, const AuditResult& a, Language lang) {
    Json findings = Json::array();
    for (const auto& f : a.findings)
        findings.push_back({{"type", finding_type_name(f.type)},
                            {"year", f.year},
                            {"subject", f.subject ? Json(ws.subject_id(*f.subject)) : Json()},
                            {"award", f.award},
                            {"detail", finding_detail(ws, f, lang)},
                            {"severity", f.error ? "error" : "warning"}});
    return {{"from", a.from}, {"to", a.to}, {"findings", std::move(findings)}};
}

std::string audit_table(const Workspace& ws, const AuditResult& a, Language lang) {
    const AuditLabels& l = labels(lang);
    std::string out = std::string(l.title) + "\n" + l.years + ": " + std::to_string(a.from) +
                      (a.to == a.from ? "" : "–" + std::to_string(a.to)) + "\n";
    int errors = 0;
    for (const auto& f : a.findings)
        errors += f.error ? 1 : 0;
    const int warnings = static_cast<int>(a.findings.size()) - errors;
    out += std::to_string(errors) + " " + l.errors + ", " + std::to_string(warnings) + " " +
           l.warnings + "\n";
    if (a.findings.empty()) return out + "\n" + l.no_findings + "\n";

    int year = 0;
    for (const auto& f : a.findings) {
        if (f.year != year) {
            year = f.year;
            out += "\n" + std::string(l.year) + " " + std::to_string(year) + "\n";
        }
        std::string who = l.whole_run;
        if (f.subject) {
            const Subject& s = ws.data.subjects[static_cast<std::size_t>(*f.subject)];
            who = s.id + " " + s.name;
        }
        std::string what = f.award;
        if (f.award_rule && f.award_rule->title != f.award) what += " " + f.award_rule->title;
        if (f.check_rule && f.check_rule->title != f.award) what += " " + f.check_rule->title;
        out += "  [" + std::string(f.error ? l.error : l.warning) + "] " + type_label(f.type, l) +
               "\n";
        out += "      " + who + "\n";
        out += "      " + what + "\n";
        out += "      " + finding_detail(ws, f, lang) + "\n";
    }
    return out;
}

} // namespace commend::report
