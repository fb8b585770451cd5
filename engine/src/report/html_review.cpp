// The HTML review's frame (commend/report/review_html.hpp): the words in both languages, the
// style sheet, the title block with its table of contents, and the order of the sections.
// The sections themselves are written by the review_*.cpp files beside this one.
#include <algorithm>

#include "report/html_text.hpp"
#include "report/level_charts.hpp"
#include "report/review_page.hpp"

namespace commend::report {

namespace review {

namespace {

const Labels vi{
    .lang = "vi",
    .title = "Tổng kết đánh giá, xếp loại và khen thưởng năm",
    .rules = "Quy tắc",
    .data = "Dữ liệu",
    .years = "các năm",
    .contents = "Nội dung",
    .summary = "Tóm tắt năm",
    .lists = "Danh sách đề nghị khen thưởng",
    .waiting = "Chờ cấp ủy quyết định",
    .near_misses = "Suýt đạt",
    .levels = "Diễn biến xếp loại qua các năm",
    .ranking = "Xếp hạng cuối năm",
    .checks = "Kết quả kiểm tra",
    .audit = "Kiểm tra lịch sử khen thưởng",
    .levels_in_year = "Số lượng theo mức xếp loại năm",
    .kind = "Loại đối tượng",
    .not_rated = "Chưa xếp loại",
    .total = "Tổng",
    .targets = "Chỉ tiêu",
    .awards_at_glance = "Khen thưởng",
    .award = "Hình thức khen thưởng",
    .issuer = "Cơ quan quyết định",
    .no_issuer = "(không ghi cơ quan quyết định)",
    .selected = "Được chọn",
    .ties = "Đồng hạng",
    .unknown = "Chưa xác định",
    .near = "Suýt đạt",
    .over_limit = "Vượt số lượng",
    .checks_ok = "Không có vi phạm nào.",
    .violations_word = "vi phạm",
    .met = "đạt",
    .not_met = "chưa đạt",
    .target_unknown = "chưa xác định",
    .no_targets = "Không có chỉ tiêu nào.",
    .column = "Cột",
    .criteria = "Tiêu chí",
    .gate = "điều kiện bắt buộc",
    .rank_by = "Thứ tự xét chọn",
    .asc = "tăng dần",
    .desc = "giảm dần",
    .no_limit = "Không giới hạn số lượng",
    .places = "Số lượng",
    .per_group = "mỗi nhóm",
    .share_of = "của số đối tượng",
    .no_ = "STT",
    .name = "Tên tập thể/cá nhân",
    .unit = "Đơn vị",
    .reason = "Lý do",
    .meets_all = "Đạt",
    .values_used = "Giá trị đã dùng",
    .group = "Nhóm",
    .none = "Không có.",
    .over_limit_list = "Đủ điều kiện nhưng vượt số lượng",
    .tied_count = "đồng hạng",
    .unknown_count = "chưa xác định được",
    .see_section = "xem mục",
    .tie_group = "Nhóm",
    .places_left = "suất còn lại cho",
    .tied = "đối tượng đồng hạng",
    .undetermined = "Chưa xác định được (thiếu dữ liệu)",
    .lacked = "Còn thiếu",
    .nothing_waiting = "Không có trường hợp nào chờ quyết định.",
    .no_near_misses = "Không có trường hợp suýt đạt.",
    .run_group = "toàn bộ",
    .distribution = "Cơ cấu xếp loại theo năm",
    .heatmap = "Bản đồ nhiệt xếp loại",
    .heatmap_note = "Mỗi dòng là một đối tượng, mỗi cột một năm; các năm liền nhau cùng mức "
                    "liền thành một dải. Số sau dòng là số năm liên tiếp đạt mức cao nhất tính "
                    "đến năm",
    .blank_year = "Ô trống: năm chưa thành lập hoặc đã giải thể",
    .selected_mark = "được chọn khen thưởng năm",
    .run_note = "số năm liên tiếp đạt mức cao nhất",
    .no_level_column = "Dữ liệu không có cột xếp loại.",
    .no_years = "Dữ liệu bắt đầu sau năm này.",
    .no_parent = "(không có cấp trên)",
    .heatmap_cut = "dòng nữa không vẽ để trang đọc được; chọn loại đối tượng bằng "
                   "--heatmap-kinds để thu hẹp",
    .position = "Hạng",
    .counts = "Số lượng theo mức",
    .severity_error = "lỗi",
    .severity_warning = "cảnh báo",
    .holds = "Không có vi phạm",
    .violated = "Vi phạm",
    .check_unknown = "Chưa xác định được",
    .audit_years = "Các năm được kiểm tra",
    .no_audit = "Không có năm nào trước năm này để kiểm tra.",
    .no_findings = "Không có phát hiện nào.",
    .errors = "lỗi",
    .warnings = "cảnh báo",
    .year = "Năm",
    .type = "Loại phát hiện",
    .subject = "Đối tượng",
    .award_or_check = "Hình thức / kiểm tra",
    .detail = "Chi tiết",
    .whole_run = "(toàn bộ)",
    .made_by = "Lập bằng commend từ bộ quy tắc và dữ liệu nêu trên; mọi con số có thể kiểm "
               "lại bằng lệnh commend explain.",
};

const Labels en{
    .lang = "en",
    .title = "Year-end review of ratings and commendations,",
    .rules = "Rules",
    .data = "Data",
    .years = "years",
    .contents = "Contents",
    .summary = "The year at a glance",
    .lists = "Proposed commendation lists",
    .waiting = "Awaiting the committee",
    .near_misses = "Near misses",
    .levels = "Levels over the years",
    .ranking = "Year-end ranking",
    .checks = "Checks",
    .audit = "Audit of past commendations",
    .levels_in_year = "Subjects at each level in",
    .kind = "Kind",
    .not_rated = "Not rated",
    .total = "Total",
    .targets = "Targets",
    .awards_at_glance = "Awards",
    .award = "Award",
    .issuer = "Decided by",
    .no_issuer = "(no issuer given)",
    .selected = "Selected",
    .ties = "Tied",
    .unknown = "Unknown",
    .near = "Near misses",
    .over_limit = "Over the limit",
    .checks_ok = "No violations.",
    .violations_word = "violations",
    .met = "met",
    .not_met = "not met",
    .target_unknown = "unknown",
    .no_targets = "No targets.",
    .column = "Column",
    .criteria = "Criteria",
    .gate = "required",
    .rank_by = "Ranked by",
    .asc = "ascending",
    .desc = "descending",
    .no_limit = "No limit on the number",
    .places = "Places",
    .per_group = "per group",
    .share_of = "of the subjects",
    .no_ = "No.",
    .name = "Collective / person",
    .unit = "Unit",
    .reason = "Reason",
    .meets_all = "Meets",
    .values_used = "Values used",
    .group = "Group",
    .none = "None.",
    .over_limit_list = "Eligible but over the limit",
    .tied_count = "tied",
    .unknown_count = "cannot be decided",
    .see_section = "see section",
    .tie_group = "Group",
    .places_left = "places left for",
    .tied = "tied subjects",
    .undetermined = "Cannot be decided (data missing)",
    .lacked = "What it lacked",
    .nothing_waiting = "Nothing awaits the committee.",
    .no_near_misses = "No near misses.",
    .run_group = "whole run",
    .distribution = "Levels per year",
    .heatmap = "Heat map of levels",
    .heatmap_note = "One row per subject, one column per year; consecutive years at the same "
                    "level join into one bar. The number after a row is its run of the best "
                    "level up to",
    .blank_year = "Blank: the subject did not exist that year",
    .selected_mark = "selected for an award in",
    .run_note = "years in a row at the best level",
    .no_level_column = "The data has no level column.",
    .no_years = "The data starts after this year.",
    .no_parent = "(no parent)",
    .heatmap_cut = "more rows are not drawn, to keep the page readable; choose kinds with "
                   "--heatmap-kinds to narrow it",
    .position = "Position",
    .counts = "Levels",
    .severity_error = "error",
    .severity_warning = "warning",
    .holds = "No violations",
    .violated = "Violated",
    .check_unknown = "Cannot be decided",
    .audit_years = "Years audited",
    .no_audit = "No earlier year to audit.",
    .no_findings = "No findings.",
    .errors = "errors",
    .warnings = "warnings",
    .year = "Year",
    .type = "Finding",
    .subject = "Subject",
    .award_or_check = "Award / check",
    .detail = "Detail",
    .whole_run = "(whole run)",
    .made_by = "Made with commend from the rules and data named above; every figure can be "
               "traced with commend explain.",
};

// Phone first: one column; tables scroll inside their own box, never the page; on a narrow
// screen the heat map is scaled to the width, so the evaluation year and the stars stay in view.
// Print: A4, each section on a new page, headers repeated, colours kept.
constexpr const char* style = R"css(
:root{--ink:#1d1d1f;--muted:#5f6368;--line:#d9dce1;--accent:#8b1a1a;--soft:#f5f6f8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:15px/1.5 "Noto Sans","DejaVu Sans","Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#fff;overflow-wrap:break-word;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.page{max-width:1180px;margin:0 auto;padding:16px}
header.doc{border-bottom:3px solid var(--accent);padding-bottom:10px}
h1{font-size:1.6rem;line-height:1.25;margin:.2em 0 .3em}
h2{font-size:1.3rem;line-height:1.3;color:var(--accent);border-bottom:1px solid var(--line);padding-bottom:4px;margin:1.8em 0 .6em}
h3{font-size:1.1rem;margin:1.4em 0 .4em}
h4{font-size:1rem;margin:.8em 0 .3em}
h5{font-size:.95rem;margin:.8em 0 .2em}
p{margin:.4em 0}
.meta{color:var(--muted);font-size:.9rem}
nav.toc ol{columns:2 15em;padding-left:1.6em;margin:.4em 0}
nav.toc a{color:var(--accent)}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.3em 0 .8em;font-size:.93rem}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
.num{text-align:right;width:1%;white-space:nowrap}
a{color:var(--accent)}
.id{display:block;color:var(--muted);font-size:.8rem}
small{color:var(--muted)}
.award{border:1px solid var(--line);border-radius:6px;padding:2px 12px 6px;margin:12px 0}
.badge{display:inline-block;padding:0 6px;border-radius:3px;font-size:.8rem;font-weight:600;white-space:nowrap}
.badge.error{background:#fdecea;color:#a50e0e}
.badge.warning{background:#fef7e0;color:#7a4f00}
.badge.ok{background:#e6f4ea;color:#137333}
.met{color:#137333;font-weight:600}
.not-met{color:#a50e0e;font-weight:600}
ol.criteria{margin:.2em 0 .4em;padding-left:1.6em}
.legend{list-style:none;padding:0;margin:.4em 0 .8em;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:.88rem}
.legend li{display:flex;align-items:center;gap:6px}
svg.swatch{flex:none;vertical-align:-2px}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
figure{margin:6px 0 14px;min-width:0}
figcaption{font-weight:600;font-size:.92rem;margin-bottom:2px}
svg text{font-family:inherit}
svg.distribution{display:block;max-width:100%;height:auto}
.ds-year,.ds-total{font-size:12px;fill:var(--ink)}
.ds-n{font-size:11px;text-anchor:middle;fill:#111}
.ds-light{fill:#fff}
.hm-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,470px),1fr));gap:4px 28px}
svg.heatmap{display:block}
.hm-years text{font-size:10px;fill:var(--muted);text-anchor:middle}
.hm-name{font-size:12px;fill:var(--ink)}
.hm-sel{font-weight:700}
.hm-run{font-size:11px;font-weight:700;fill:#1b5e20;text-anchor:middle}
.hm-star{font-size:13px;fill:#a66f00;text-anchor:middle}
.hm-ticks{stroke:#fff;stroke-width:1;opacity:.7}
details summary{cursor:pointer;color:var(--muted);font-size:.85rem}
details ul{margin:.2em 0;padding-left:1.2em;font-size:.85rem}
code{font-size:.85em;background:var(--soft);padding:0 3px;border-radius:3px}
footer{margin-top:2em;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem;padding-top:8px}
@media (max-width:600px){body{font-size:14px}.page{padding:10px}h1{font-size:1.3rem}h2{font-size:1.15rem}th,td{padding:3px 4px}td.num small{display:block}svg.heatmap{max-width:100%;height:auto}}
@media print{
@page{size:A4;margin:12mm}
body{font-size:10pt}
.page{max-width:none;padding:0}
nav.toc,details{display:none}
main>section{break-before:page}
h2,h3,h4,h5,figcaption{break-after:avoid}
tr,figure{break-inside:avoid}
thead{display:table-header-group}
.scroll{overflow:visible}
svg.heatmap{max-width:100%;height:auto}
.hm-grid{display:block}
a{color:inherit;text-decoration:none}
}
)css";

} // namespace

const Labels& labels(Language lang) {
    return lang == Language::vi ? vi : en;
}

std::string Page::unit_of(SubjectIndex s) const {
    const SubjectIndex parent = ws.forest->parent(s);
    return parent == no_subject ? std::string("—") : subject(parent).name;
}

std::string Page::name_cell(SubjectIndex s) const {
    return "<td>" + html::escape(subject(s).name) + "<span class=\"id\">" +
           html::escape(subject(s).id) + "</span></td>";
}

std::vector<const Column*> Page::level_columns() const {
    std::vector<const Column*> out;
    for (std::size_t sc = 0; sc < ws.rules.schema.scales.size(); ++sc)
        for (const auto& c : ws.data.yearly)
            if (c.type == ColumnType::level && c.scale == static_cast<int>(sc)) out.push_back(&c);
    return out;
}

std::vector<std::string> Page::kinds_in(int year) const {
    std::vector<std::string> out;
    for (SubjectIndex s : ws.forest->preorder())
        if (subject(s).exists_in(year) &&
            std::find(out.begin(), out.end(), subject(s).kind) == out.end())
            out.push_back(subject(s).kind);
    return out;
}

std::string section_heading(int number, const char* heading) {
    return "<h2>" + std::to_string(number) + ". " + heading + "</h2>\n";
}

} // namespace review

std::string review_html(const Workspace& ws, const YearReview& review, Language lang) {
    const review::Labels& L = review::labels(lang);
    const review::Page page{ws, review, lang, L};
    const int year = review.result.year;

    std::string rules;
    for (const RuleSet* rs : review.result.rulesets)
        rules += (rules.empty() ? "" : " · ") + html::escape(rs->title);

    std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(L.lang) + "\">\n<head>\n";
    out += "<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + std::string(L.title) + " " + std::to_string(year) + "</title>\n";
    out += "<style>" + std::string(review::style) + "</style>\n</head>\n<body>\n";
    out += charts::level_pattern_defs();
    out += "<div class=\"page\">\n<header class=\"doc\">\n";
    out += "<p class=\"meta\">" + rules + "</p>\n";
    out += "<h1>" + std::string(L.title) + " " + std::to_string(year) + "</h1>\n";
    out += "<p class=\"meta\">" + std::string(L.data) + ": " + html::escape(ws.data.source) + " (" +
           L.years + " " + std::to_string(ws.data.first_year) + "–" +
           std::to_string(ws.data.last_year) + ") · " + L.rules + ":";
    for (const RuleSet* rs : review.result.rulesets)
        out += " <code>" + html::escape(rs->id) + "</code>";
    out += "</p>\n";

    struct Section {
        const char* id;
        const char* heading;
        std::string (*write)(const review::Page&, int);
    };
    const Section sections[] = {
        {"tom-tat", L.summary, review::summary_section},
        {"de-nghi", L.lists, review::lists_section},
        {"cho-quyet-dinh", L.waiting, review::waiting_section},
        {"suyt-dat", L.near_misses, review::near_miss_section},
        {"dien-bien", L.levels, review::levels_section},
        {"xep-hang", L.ranking, review::ranking_section},
        {"kiem-tra", L.checks, review::checks_section},
        {"hau-kiem", L.audit, review::audit_section},
    };
    out += "<nav class=\"toc\" aria-label=\"" + std::string(L.contents) + "\"><ol>";
    for (const auto& s : sections)
        out += "<li><a href=\"#" + std::string(s.id) + "\">" + s.heading + "</a></li>";
    out += "</ol></nav>\n</header>\n<main>\n";
    int number = 0;
    for (const auto& s : sections) {
        out += "<section id=\"" + std::string(s.id) + "\">\n";
        out += s.write(page, ++number);
        out += "</section>\n";
    }
    out += "</main>\n<footer><p>" + std::string(L.made_by) + "</p></footer>\n</div>\n";
    out += "</body>\n</html>\n";
    return out;
}

} // namespace commend::report
