// The `--format table` output: what a committee's staff reads. Vietnamese by default, lists
// grouped by the deciding body (`issuer`), every decision with its reason.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "commend/report/report.hpp"
#include "report/text_table.hpp"

namespace commend::report {

namespace {

struct Labels {
    const char *title, *rulesets, *issuer, *no_issuer, *selected, *ties, *places_left, *over_limit,
        *unknown, *near_misses, *none, *no, *code, *name, *group, *reason, *checks, *violations,
        *undetermined, *error, *warning, *ok, *targets, *met, *not_met, *target_unknown, *subject,
        *awards, *applicable, *not_applicable, *eligible, *not_eligible, *eligible_unknown,
        *selected_yes, *selected_no, *criterion, *result, *pass, *fail, *unknown_result, *ranking,
        *position, *counts, *rank_title, *explain_title, *check_title, *unknown_level, *lacks,
        *failed_word, *tie_word;
};

const Labels vi{"Danh sách đề nghị khen thưởng năm",
                "Bộ quy tắc áp dụng",
                "Cơ quan quyết định",
                "(không ghi cơ quan quyết định)",
                "Được chọn",
                "Đồng hạng tại ngưỡng — chờ cấp ủy quyết định",
                "suất còn lại",
                "Đủ điều kiện nhưng vượt số lượng",
                "Chưa xác định được (thiếu dữ liệu) — cần xem xét",
                "Suýt đạt (chỉ thiếu một tiêu chí)",
                "không có",
                "STT",
                "Mã",
                "Tên",
                "Nhóm",
                "Lý do",
                "Kiểm tra",
                "vi phạm",
                "chưa xác định",
                "lỗi",
                "cảnh báo",
                "không có vi phạm",
                "Chỉ tiêu",
                "đạt",
                "chưa đạt",
                "chưa xác định",
                "Đối tượng",
                "Khen thưởng",
                "thuộc diện xét",
                "không thuộc diện xét",
                "đủ điều kiện",
                "không đủ điều kiện",
                "chưa xác định được",
                "được chọn",
                "không được chọn",
                "Tiêu chí",
                "Kết quả",
                "đạt",
                "không đạt",
                "chưa xác định",
                "Xếp hạng",
                "Hạng",
                "Số lượng theo mức",
                "Xếp hạng cuối năm",
                "Giải trình kết quả năm",
                "Kiểm tra bộ quy tắc",
                "chưa xếp loại",
                "chưa xác định",
                "không đạt",
                "đồng hạng"};

const Labels en{"Commendation lists for",
                "Rule sets in force",
                "Decided by",
                "(no issuer given)",
                "Selected",
                "Tied at the cut-off — for the committee to decide",
                "places left",
                "Eligible but over the limit",
                "Unknown (data missing) — to be looked at",
                "Near misses (one criterion short)",
                "none",
                "No.",
                "Id",
                "Name",
                "Group",
                "Reason",
                "Checks",
                "violations",
                "unknown",
                "error",
                "warning",
                "no violations",
                "Targets",
                "met",
                "not met",
                "unknown",
                "Subject",
                "Awards",
                "applicable",
                "not applicable",
                "eligible",
                "not eligible",
                "unknown",
                "selected",
                "not selected",
                "Criterion",
                "Result",
                "pass",
                "fail",
                "unknown",
                "Ranking",
                "Position",
                "Levels",
                "Year-end ranking",
                "Explanation for",
                "Rule check",
                "not rated",
                "unknown",
                "failed",
                "tie"};

const Labels& labels(Language l) {
    return l == Language::vi ? vi : en;
}

const Subject& subject(const Workspace& ws, SubjectIndex s) {
    return ws.data.subjects[static_cast<std::size_t>(s)];
}
std::string group_name(const Workspace& ws, const Group& g) {
    return g ? subject(ws, *g).id : "—";
}

std::string criteria_names(const AwardResult& a, const AwardResult::CriterionIndexes& idx) {
    std::string out;
    for (std::size_t i : idx)
        out += (out.empty() ? "" : "; ") + a.award->criteria[i].name();
    return out;
}

void checks_and_targets(std::ostringstream& out, const Workspace& ws, const YearResult& r,
                        const Labels& L, Language lang) {
    out << "\n== " << L.checks << " ==\n";
    if (r.checks.empty()) out << "  (" << L.none << ")\n";
    for (const auto& c : r.checks) {
        out << "  [" << (c.check->severity == Severity::error ? L.error : L.warning) << "] "
            << c.check->title << " [" << c.check->id << "]: ";
        if (c.violations.empty() && c.unknown.empty())
            out << L.ok << "\n";
        else
            out << c.violations.size() << " " << L.violations << ", " << c.unknown.size() << " "
                << L.undetermined << "\n";
        // Where the rule comes from, on its own line as under an award's title.
        if (c.check->source) out << "      (" << *c.check->source << ")\n";
        for (SubjectIndex s : c.violations)
            out << "      ✗ " << subject(ws, s).id << "  " << subject(ws, s).name << "\n";
        for (SubjectIndex s : c.unknown)
            out << "      ? " << subject(ws, s).id << "  " << subject(ws, s).name << "\n";
    }
    out << "\n== " << L.targets << " ==\n";
    if (r.targets.empty()) out << "  (" << L.none << ")\n";
    TextTable t({L.targets, L.subject, lang == Language::vi ? "Thực hiện" : "Actual",
                 lang == Language::vi ? "Chỉ tiêu" : "Goal", "%", L.result});
    for (const auto& g : r.targets) {
        auto num = [&](std::optional<double> x) {
            return x ? format_number(*x, lang) : std::string("?");
        };
        std::string pct =
            g.ratio ? format_number(std::round(*g.ratio * 10000) / 100, lang) + " %" : "?";
        t.add({g.target->title, subject(ws, g.subject).id, num(g.actual), num(g.goal), pct,
               g.met ? (*g.met ? L.met : L.not_met) : L.target_unknown});
    }
    if (!t.empty()) out << t.render("  ");
}

} // namespace

std::string format_number(double x, Language lang) {
    if (!std::isfinite(x)) return "?";
    double v = expr::snap(x);
    char buf[64];
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%.10g", v);
    std::string s = buf;
    // Group thousands and use the language's decimal mark.
    std::string sign = s[0] == '-' ? "-" : "";
    if (!sign.empty()) s.erase(0, 1);
    std::size_t dot = s.find('.');
    std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    if (whole.find('e') != std::string::npos) return sign + s;
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += lang == Language::vi ? "." : ",";
        grouped += whole[i];
    }
    if (!frac.empty()) grouped += (lang == Language::vi ? "," : ".") + frac;
    return sign + grouped;
}

std::string evaluate_table(const Workspace& ws, const YearResult& r, Language lang) {
    const Labels& L = labels(lang);
    std::ostringstream out;
    out << L.title << " " << r.year << "\n";
    out << L.rulesets << ":";
    for (const RuleSet* rs : r.rulesets)
        out << " " << rs->title << " [" << rs->id << "]";
    out << "\n";
    // Lists grouped by issuer, in order of first appearance, since each body signs its own.
    std::vector<std::optional<std::string>> issuers;
    for (const auto& a : r.awards)
        if (std::find(issuers.begin(), issuers.end(), a.award->issuer) == issuers.end())
            issuers.push_back(a.award->issuer);
    for (const auto& issuer : issuers) {
        out << "\n==== " << L.issuer << ": " << (issuer ? *issuer : L.no_issuer) << " ====\n";
        for (const auto& a : r.awards) {
            if (a.award->issuer != issuer) continue;
            out << "\n" << a.award->title << " [" << a.award->id << "]\n";
            if (a.award->source) out << "  (" << *a.award->source << ")\n";
            out << "  " << L.selected << ": " << a.selected.size() << "\n";
            TextTable sel({L.no, L.code, L.name, L.group});
            for (const auto& s : a.selected)
                sel.add({std::to_string(s.rank), subject(ws, s.subject).id,
                         subject(ws, s.subject).name, group_name(ws, s.group)});
            if (!sel.empty()) out << sel.render("    ");
            if (!a.ties.empty()) {
                out << "  " << L.ties << ":\n";
                for (const auto& t : a.ties) {
                    out << "    " << L.group << " " << group_name(ws, t.group) << ", " << t.places
                        << " " << L.places_left << ":\n";
                    for (SubjectIndex s : t.subjects)
                        out << "      " << subject(ws, s).id << "  " << subject(ws, s).name << "\n";
                }
            }
            if (!a.over_limit.empty()) {
                out << "  " << L.over_limit << ": " << a.over_limit.size() << "\n";
                TextTable t({L.code, L.name, L.group});
                for (const auto& o : a.over_limit)
                    t.add({subject(ws, o.subject).id, subject(ws, o.subject).name,
                           group_name(ws, o.group)});
                out << t.render("    ");
            }
            if (!a.unknown.empty()) {
                out << "  " << L.unknown << ": " << a.unknown.size() << "\n";
                TextTable t({L.code, L.name, L.reason});
                for (const auto& u : a.unknown)
                    t.add({subject(ws, u.subject).id, subject(ws, u.subject).name,
                           std::string(L.undetermined) + ": " + criteria_names(a, u.criteria)});
                out << t.render("    ");
            }
            if (!a.near_misses.empty()) {
                out << "  " << L.near_misses << ": " << a.near_misses.size() << "\n";
                TextTable t({L.code, L.name, L.reason});
                for (const auto& m : a.near_misses)
                    t.add({subject(ws, m.subject).id, subject(ws, m.subject).name,
                           std::string(L.failed_word) + ": " + criteria_names(a, m.criteria)});
                out << t.render("    ");
            }
        }
    }
    checks_and_targets(out, ws, r, L, lang);
    return out.str();
}

std::string explain_table(const Workspace& ws, const YearResult& r, const Explanation& e,
                          Language lang) {
    const Labels& L = labels(lang);
    std::ostringstream out;
    const Subject& s = subject(ws, e.subject);
    out << L.explain_title << " " << r.year << ": " << s.name << " [" << s.id << ", " << s.kind
        << "]\n";
    auto result_word = [&](expr::Truth t) {
        return t == expr::Truth::yes ? L.pass : t == expr::Truth::no ? L.fail : L.unknown_result;
    };
    for (const auto& a : e.awards) {
        out << "\n" << a.result->award->title << " [" << a.result->award->id << "]: ";
        if (!a.applicable) {
            out << L.not_applicable << "\n";
            continue;
        }
        out << (a.eligible ? (*a.eligible ? L.eligible : L.not_eligible) : L.eligible_unknown)
            << ", " << (a.selected ? L.selected_yes : L.selected_no);
        if (a.result->selected_by_subject[static_cast<std::size_t>(e.subject)] ==
                expr::Truth::unknown &&
            a.eligible && *a.eligible)
            out << " (" << L.tie_word << ")";
        out << "\n";
        if (a.result->award->source) out << "  (" << *a.result->award->source << ")\n";
        for (const auto& c : a.criteria) {
            out << "  [" << result_word(c.result) << "] " << c.criterion->name() << "\n";
            if (c.criterion->label) out << "      " << c.criterion->test.text << "\n";
            if (c.criterion->source) out << "      (" << *c.criterion->source << ")\n";
            for (const auto& line : c.trace)
                out << "      " << line << "\n";
        }
    }
    if (!e.checks.empty()) out << "\n== " << L.checks << " ==\n";
    for (const auto& c : e.checks) {
        out << "  ["
            << (c.outcome == expr::Truth::yes  ? L.ok
                : c.outcome == expr::Truth::no ? L.violations
                                               : L.undetermined)
            << "] " << c.result->check->title << " [" << c.result->check->id << "]\n";
        if (c.result->check->source) out << "      (" << *c.result->check->source << ")\n";
        for (const auto& line : c.trace)
            out << "      " << line << "\n";
    }
    if (!e.targets.empty()) out << "\n== " << L.targets << " ==\n";
    for (const auto& t : e.targets) {
        auto num = [&](std::optional<double> x) {
            return x ? format_number(*x, lang) : std::string("?");
        };
        out << "  " << t.result->target->title << ": " << num(t.result->actual) << " / "
            << num(t.result->goal) << " — "
            << (t.result->met ? (*t.result->met ? L.met : L.not_met) : L.target_unknown) << "\n";
        for (const auto& line : t.actual_trace)
            out << "      " << line << "\n";
    }
    return out.str();
}

std::string rank_table(const Workspace& ws, const YearResult& r,
                       const std::vector<RankingGroup>& groups, Language lang) {
    const Labels& L = labels(lang);
    std::ostringstream out;
    out << L.rank_title << " " << r.year << "\n";
    for (const auto& g : groups) {
        out << "\n== " << L.group << ": "
            << (g.group ? subject(ws, *g.group).name + " [" + subject(ws, *g.group).id + "]" : "—")
            << " ==\n";
        std::vector<std::string> header{L.position, L.code, L.name};
        for (const auto& [column, counts] : g.counts)
            header.push_back(column);
        for (const auto& k : g.key_names)
            if (std::none_of(g.counts.begin(), g.counts.end(),
                             [&](const auto& c) { return c.first == k; }))
                header.push_back(k);
        TextTable t(header);
        for (const auto& e : g.ranking) {
            std::vector<std::string> row{std::to_string(e.position), subject(ws, e.subject).id,
                                         subject(ws, e.subject).name};
            for (const auto& [column, counts] : g.counts) {
                const Column* c = ws.data.find_yearly(column);
                int level =
                    ws.data.has_year(r.year) ? c->bytes[ws.data.slot(e.subject, r.year)] : -1;
                row.push_back(level < 0 ? L.unknown_level
                                        : ws.rules.schema.scales[static_cast<std::size_t>(c->scale)]
                                              .levels[static_cast<std::size_t>(level)]);
            }
            for (std::size_t k = 0; k < g.key_names.size() && k < e.keys.size(); ++k)
                if (std::none_of(g.counts.begin(), g.counts.end(),
                                 [&](const auto& c) { return c.first == g.key_names[k]; }))
                    row.push_back(e.keys[k]);
            t.add(row);
        }
        out << t.render("  ");
        for (const auto& [column, counts] : g.counts) {
            out << "  " << L.counts << " (" << column << "):";
            for (const auto& [level, n] : counts)
                out << " " << (level == "unknown" ? L.unknown_level : level) << " " << n << ";";
            out << "\n";
        }
    }
    checks_and_targets(out, ws, r, L, lang);
    return out.str();
}

std::string check_table(const Workspace& ws, Language lang) {
    const Labels& L = labels(lang);
    std::ostringstream out;
    out << L.check_title << "\n";
    for (const auto& rs : ws.rules.rulesets) {
        out << "\n" << rs->title << " [" << rs->id << "] — " << rs->file << "\n";
        out << "  in_force: " << (rs->in_force_from ? std::to_string(*rs->in_force_from) : "…")
            << "–" << (rs->in_force_until ? std::to_string(*rs->in_force_until) : "…") << "\n";
        for (const auto& a : rs->awards)
            out << "  " << (lang == Language::vi ? "khen thưởng" : "award") << "  " << a.id << ": "
                << a.title << " (" << a.criteria.size() << " "
                << (lang == Language::vi ? "tiêu chí" : "criteria") << ")\n";
        for (const auto& c : rs->checks)
            out << "  " << (lang == Language::vi ? "kiểm tra" : "check") << "  " << c.id << ": "
                << c.title << "\n";
        for (const auto& t : rs->targets)
            out << "  " << (lang == Language::vi ? "chỉ tiêu" : "target") << "  " << t.id << ": "
                << t.title << "\n";
    }
    return out.str();
}

std::string evaluate_csv(const Workspace& ws, const YearResult& r) {
    auto field = [](const std::string& s) {
        if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
        std::string q = "\"";
        for (char c : s)
            q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    std::ostringstream out;
    out << "year,award,status,subject,name,rank,group,criteria\n";
    auto row = [&](const AwardResult& a, const char* status, SubjectIndex s, std::string rank,
                   const Group& g, std::string criteria) {
        out << r.year << "," << field(a.award->id) << "," << status << ","
            << field(subject(ws, s).id) << "," << field(subject(ws, s).name) << "," << rank << ","
            << (g ? field(subject(ws, *g).id) : "") << "," << field(criteria) << "\n";
    };
    for (const auto& a : r.awards) {
        for (const auto& s : a.selected)
            row(a, "selected", s.subject, std::to_string(s.rank), s.group, "");
        for (const auto& t : a.ties)
            for (SubjectIndex s : t.subjects)
                row(a, "tie", s, "", t.group, "");
        for (const auto& o : a.over_limit)
            row(a, "over_limit", o.subject, "", o.group, "");
        for (const auto& u : a.unknown)
            row(a, "unknown", u.subject, "", std::nullopt, criteria_names(a, u.criteria));
        for (const auto& m : a.near_misses)
            row(a, "near_miss", m.subject, "", std::nullopt, criteria_names(a, m.criteria));
    }
    return out.str();
}

} // namespace commend::report
