// The workbooks of `evaluate`, `rank` and `audit` (commend/report/xlsx_report.hpp).
#include "commend/report/xlsx_report.hpp"

#include <algorithm>
#include <functional>

#include "commend/io/atomic_file.hpp"
#include "commend/text/unicode.hpp"
#include "report/level_charts.hpp"
#include "report/xlsx_workbook.hpp"

namespace commend::report {

namespace {

using xlsx::Workbook;
using Style = Workbook::Style;

/// Excel counts a sheet name in UTF-16 units: a code point beyond U+FFFF counts twice.
int excel_length(std::string_view s) {
    int n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) == 0x80) continue;
        n += c >= 0xF0 ? 2 : 1;
    }
    return n;
}

/// The longest prefix of `s` of at most `max` Excel units, cut at a code point boundary.
std::string cut(std::string_view s, int max) {
    int n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) == 0x80) continue;
        n += c >= 0xF0 ? 2 : 1;
        if (n > max) return std::string(s.substr(0, i));
    }
    return std::string(s);
}

std::string trim_name(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\''))
        s.pop_back();
    std::size_t start = 0;
    while (start < s.size() && (s[start] == ' ' || s[start] == '\''))
        ++start;
    return s.substr(start);
}

/// `s` cut to `max` units, at the end of a word when that keeps at least half of it.
std::string fit(const std::string& s, int max) {
    if (excel_length(s) <= max) return s;
    std::string c = cut(s, max);
    const std::size_t space = c.rfind(' ');
    // Cut inside a word: go back to the word's start unless too little would remain.
    if (s[c.size()] != ' ' && space != std::string::npos &&
        excel_length(c.substr(0, space)) * 2 >= max)
        c.resize(space);
    return trim_name(c);
}

const Subject& subject(const Workspace& ws, SubjectIndex s) {
    return ws.data.subjects[static_cast<std::size_t>(s)];
}
std::string unit_of(const Workspace& ws, SubjectIndex s) {
    const SubjectIndex parent = ws.forest->parent(s);
    return parent == no_subject ? std::string() : subject(ws, parent).name;
}

bool write(const std::string& path, Diagnostics& diags,
           const std::function<void(Workbook&)>& fill) {
    return io::write_file_with(
        path,
        [&](const std::string& temp, std::string& why) {
            Workbook book(temp);
            fill(book);
            return book.close(why);
        },
        diags);
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : separator) + p;
    return out;
}

} // namespace

std::string sheet_name(std::string_view title, std::vector<std::string>& taken) {
    constexpr int max = 31;
    std::string name;
    for (char c : title) {
        const bool forbidden = std::string_view("[]:*?/\\").find(c) != std::string_view::npos;
        const char ch = forbidden || c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
        if (ch == ' ' && (name.empty() || name.back() == ' ')) continue;
        name += ch;
    }
    name = trim_name(fit(trim_name(name), max));
    if (name.empty()) name = "Sheet";
    auto is_taken = [&](const std::string& n) {
        const std::string folded = text::fold_case(n);
        if (folded == "history") return true;
        return std::any_of(taken.begin(), taken.end(),
                           [&](const std::string& t) { return text::fold_case(t) == folded; });
    };
    std::string unique = name;
    for (int i = 2; is_taken(unique); ++i) {
        const std::string suffix = " (" + std::to_string(i) + ")";
        unique = fit(name, max - excel_length(suffix)) + suffix;
    }
    taken.push_back(unique);
    return unique;
}

bool evaluate_xlsx(const Workspace& ws, const YearResult& r, Language lang, const std::string& path,
                   Diagnostics& diags) {
    const bool vi = lang == Language::vi;
    const std::string year = std::to_string(r.year);
    return write(path, diags, [&](Workbook& book) {
        std::vector<std::string> taken;
        const std::vector<xlsx::ColumnSpec> columns =
            vi ? std::vector<xlsx::ColumnSpec>{{"STT", 6},
                                               {"Tên tập thể/cá nhân", 36},
                                               {"Đơn vị", 32},
                                               {"Thành tích", 52},
                                               {"Hình thức khen thưởng", 30},
                                               {"Ghi chú", 28}}
               : std::vector<xlsx::ColumnSpec>{{"No.", 6},    {"Collective / person", 36},
                                               {"Unit", 32},  {"Achievement", 52},
                                               {"Award", 30}, {"Notes", 28}};
        const std::vector<Style> styles{Style::number};
        if (r.awards.empty()) {
            book.add_sheet(vi ? "Danh sách" : "Lists",
                           {(vi ? "Không có hình thức khen thưởng nào có hiệu lực năm "
                                : "No award is in force in ") +
                            year},
                           columns);
            return;
        }
        for (const auto& a : r.awards) {
            const Award& award = *a.award;
            std::vector<std::string> titles{
                (vi ? "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM " : "PROPOSED COMMENDATIONS FOR ") + year,
                award.title};
            if (award.issuer)
                titles.push_back((vi ? "Cơ quan quyết định: " : "Decided by: ") + *award.issuer);
            book.add_sheet(sheet_name(award.title, taken), titles, columns);
            std::vector<std::string> criteria;
            for (const auto& c : award.criteria)
                criteria.push_back(c.name());
            const std::string achievement = join(criteria, "; ");
            auto group = [&](const Group& g) {
                return g ? std::string(vi ? "; nhóm " : "; group ") + subject(ws, *g).id
                         : std::string();
            };
            for (const auto& s : a.selected)
                book.row({std::to_string(s.rank), subject(ws, s.subject).name,
                          unit_of(ws, s.subject), achievement, award.title,
                          (vi ? "Mã " : "Id ") + subject(ws, s.subject).id + group(s.group)},
                         styles);
            if (a.selected.empty()) book.row({"", vi ? "(không có)" : "(none)"});
            if (a.ties.empty() && a.unknown.empty()) continue;
            // Apart from the list: the committee decides these before the list is signed.
            book.blank_row();
            book.section_row(vi ? "Chờ cấp ủy quyết định (chưa tính vào danh sách trên)"
                                : "Awaiting the committee (not in the list above)");
            for (const auto& t : a.ties)
                for (SubjectIndex s : t.subjects)
                    book.row({"", subject(ws, s).name, unit_of(ws, s), achievement, award.title,
                              (vi ? "Đồng hạng tại ngưỡng, còn " : "Tied at the cut-off, ") +
                                  std::to_string(t.places) + (vi ? " suất" : " places left") +
                                  group(t.group) + (vi ? "; mã " : "; id ") + subject(ws, s).id});
            for (const auto& u : a.unknown) {
                std::vector<std::string> unknown;
                for (std::size_t i : u.criteria)
                    unknown.push_back(award.criteria[i].name());
                book.row({"", subject(ws, u.subject).name, unit_of(ws, u.subject),
                          (vi ? "Chưa xác định được (thiếu dữ liệu): " : "Cannot be decided: ") +
                              join(unknown, "; "),
                          award.title, (vi ? "Mã " : "Id ") + subject(ws, u.subject).id});
            }
        }
    });
}

bool rank_xlsx(const Workspace& ws, const YearResult& r, const std::vector<RankingGroup>& groups,
               Language lang, const std::string& path, Diagnostics& diags) {
    const bool vi = lang == Language::vi;
    return write(path, diags, [&](Workbook& book) {
        std::vector<std::string> level_columns, keys;
        for (const auto& g : groups) {
            for (const auto& [column, counts] : g.counts)
                if (std::find(level_columns.begin(), level_columns.end(), column) ==
                    level_columns.end())
                    level_columns.push_back(column);
            if (keys.empty()) keys = g.key_names;
        }
        std::vector<std::size_t> extra; // [ranking] keys that are not a level column
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (std::find(level_columns.begin(), level_columns.end(), keys[k]) ==
                level_columns.end())
                extra.push_back(k);
        std::vector<xlsx::ColumnSpec> columns{{vi ? "Nhóm" : "Group", 32},
                                              {vi ? "Hạng" : "Position", 7},
                                              {vi ? "Mã" : "Id", 24},
                                              {vi ? "Tên" : "Name", 40}};
        std::vector<Style> styles{Style::text, Style::number};
        for (const auto& c : level_columns) {
            columns.push_back({c, 12});
            styles.push_back(Style::number);
        }
        for (std::size_t k : extra)
            columns.push_back({keys[k], 18});
        std::vector<std::string> taken;
        const std::string title =
            (vi ? "XẾP HẠNG CUỐI NĂM " : "YEAR-END RANKING ") + std::to_string(r.year);
        book.add_sheet(sheet_name(title, taken), {title}, columns);
        for (const auto& g : groups)
            for (const auto& e : g.ranking) {
                std::vector<std::string> row{g.group ? subject(ws, *g.group).name : "—",
                                             std::to_string(e.position), subject(ws, e.subject).id,
                                             subject(ws, e.subject).name};
                for (const auto& c : level_columns) {
                    const Column* col = ws.data.find_yearly(c);
                    const int level = col ? charts::level_at(ws, *col, e.subject, r.year) : -1;
                    const Scale* scale =
                        col ? &ws.rules.schema.scales[static_cast<std::size_t>(col->scale)]
                            : nullptr;
                    row.push_back(level < 0 ? "?" : scale->levels[static_cast<std::size_t>(level)]);
                }
                for (std::size_t k : extra)
                    row.push_back(k < e.keys.size() ? e.keys[k] : "");
                book.row(row, styles);
            }
    });
}

bool audit_xlsx(const Workspace& ws, const AuditResult& a, Language lang, const std::string& path,
                Diagnostics& diags) {
    const bool vi = lang == Language::vi;
    return write(path, diags, [&](Workbook& book) {
        const std::vector<xlsx::ColumnSpec> columns{
            {vi ? "Năm" : "Year", 7},        {vi ? "Mức độ" : "Severity", 10},
            {vi ? "Loại" : "Finding", 30},   {vi ? "Mã" : "Id", 22},
            {vi ? "Tên" : "Name", 32},       {vi ? "Hình thức / kiểm tra" : "Award / check", 32},
            {vi ? "Chi tiết" : "Detail", 70}};
        std::vector<std::string> taken;
        const std::string years =
            std::to_string(a.from) + (a.to == a.from ? "" : "–" + std::to_string(a.to));
        const std::string title =
            (vi ? "KIỂM TRA LỊCH SỬ KHEN THƯỞNG " : "AUDIT OF COMMENDATIONS ") + years;
        book.add_sheet(sheet_name(title, taken), {title}, columns);
        for (const auto& f : a.findings) {
            std::string what = f.award;
            if (f.award_rule) what = f.award_rule->title + " (" + f.award + ")";
            if (f.check_rule) what = f.check_rule->title + " (" + f.award + ")";
            book.row({std::to_string(f.year),
                      f.error ? (vi ? "lỗi" : "error") : (vi ? "cảnh báo" : "warning"),
                      finding_type_label(f.type, lang), f.subject ? subject(ws, *f.subject).id : "",
                      f.subject ? subject(ws, *f.subject).name : (vi ? "(toàn bộ)" : "(whole run)"),
                      what, finding_detail(ws, f, lang)},
                     {Style::number});
        }
        if (a.findings.empty()) book.row({"", "", vi ? "Không có phát hiện nào." : "No findings."});
    });
}

} // namespace commend::report
