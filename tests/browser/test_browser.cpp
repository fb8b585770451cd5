// The year-end review as a person sees it, in headless Chromium: the lists' text is in the
// DOM the browser builds (and names holding markup stay text), the page does not scroll
// sideways on a phone (375 px) or a desktop (1280 px), and screenshots at both widths show a
// painted page, not a blank one.
//
// Widths. Headless Chromium will not make a window narrower than 500 px: asked for 375 it
// lays the page out at 500 and scales the picture down, which would hide a page too wide for a
// phone. So the review is shown in an iframe exactly W px wide inside a small wrapper page —
// a real W px viewport, with the review's own media queries applying — and a script in the
// wrapper writes what it measured (the review's scrollWidth against its clientWidth) into the
// wrapper's DOM, which --dump-dom then prints. Screenshots are of the same wrapper; the test
// looks at the iframe's W columns.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <sys/wait.h>

#include "browser.hpp"
#include "commend/data/csv_source.hpp"
#include "commend/run/workspace.hpp"
#include "png_reader.hpp"
#include "temp_dir.hpp"

using namespace commend;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// `commend report` on the shipped sample's 2021, written to `dir`/review.html.
fs::path sample_review(const fs::path& dir) {
    const fs::path root = COMMEND_SOURCE_DIR;
    const fs::path out = dir / "review.html";
    const std::string command = "'" COMMEND_BINARY "' report --rules '" +
                                (root / "rules/khoi-co-quan-tinh").string() + "' --data '" +
                                (root / "samples/khoi-co-quan-tinh").string() +
                                "' --year 2021 -o '" + out.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    return out;
}

/// The names of the subjects the shipped sample selects in 2021, computed by the library.
std::vector<std::string> selected_names() {
    const fs::path root = COMMEND_SOURCE_DIR;
    Diagnostics diags;
    CsvDataSource source((root / "samples/khoi-co-quan-tinh").string());
    auto ws = open_workspace((root / "rules/khoi-co-quan-tinh").string(), &source, diags);
    REQUIRE(ws);
    YearResult r = evaluate_year(*ws, 2021);
    std::vector<std::string> names;
    for (const auto& a : r.awards)
        for (const auto& s : a.selected)
            names.push_back(ws->data.subjects[static_cast<std::size_t>(s.subject)].name);
    return names;
}

std::string attribute(const std::string& text) {
    std::string out;
    for (char c : text)
        out += c == '&' ? "&amp;" : c == '"' ? "&quot;" : c == '<' ? "&lt;" : std::string(1, c);
    return out;
}

/// The wrapper page: the review in an iframe `width` px wide, and a script that writes the
/// review's measurements into an <output id="measure"> once it has loaded.
fs::path wrap(const fs::path& review, int width, int height) {
    const fs::path page = review.parent_path() / ("wrap-" + std::to_string(width) + ".html");
    std::ofstream(page, std::ios::binary)
        << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0;"
           "background:#fff}iframe{border:0;display:block}</style></head><body>"
        << "<iframe id=\"review\" width=\"" << width << "\" height=\"" << height << "\" srcdoc=\""
        << attribute(slurp(review)) << "\"></iframe>"
        << "<script>document.getElementById('review').addEventListener('load', function () {"
           "var d = this.contentDocument, o = document.createElement('output');"
           "o.id = 'measure'; o.textContent = 'scrollWidth=' + "
           "d.documentElement.scrollWidth + ' clientWidth=' + d.documentElement.clientWidth + "
           "' innerWidth=' + this.contentWindow.innerWidth; document.body.appendChild(o);"
           "});</script></body></html>";
    return page;
}

/// Chromium's window for a viewport of `width`: never narrower than it will make one.
int window_for(int width) {
    return std::max(width, 500);
}

} // namespace

TEST_CASE("browser: the lists' text is in the DOM Chromium builds", "[browser]") {
    test::TempDir t("commend-browser-");
    const fs::path review = sample_review(t.path);
    const fs::path dom = t.path / "dom.html";
    REQUIRE(test::run_chromium(t.path / "profile", "--window-size=1280,1000 --dump-dom", review,
                               dom) == 0);
    const std::string text = slurp(dom);
    INFO(slurp(t.path / "dom.html.stderr"));
    REQUIRE(text.find("</html>") != std::string::npos);
    for (const char* heading :
         {"Danh sách đề nghị khen thưởng", "Cơ quan quyết định: Ban Thường vụ Đảng ủy Khối",
          "Giấy khen: Tổ chức cơ sở đảng HTXSNV tiêu biểu năm", "Chờ cấp ủy quyết định", "Suýt đạt",
          "Bản đồ nhiệt xếp loại", "Xếp hạng cuối năm", "Kết quả kiểm tra",
          "Kiểm tra lịch sử khen thưởng"})
        CHECK(text.find(heading) != std::string::npos);
    // The DOM holds the no-break space before the sign as &nbsp;.
    CHECK(text.find("243/240 = 101,25&nbsp;%") != std::string::npos);
    const auto names = selected_names();
    CHECK(names.size() == 23);
    for (const auto& name : names) {
        INFO(name);
        CHECK(text.find(name) != std::string::npos);
    }
    // Every selected row of the first list is a table row the browser parsed as one.
    const std::regex row("<tr><td class=\"num\">([0-9]+)</td><td>");
    int rows = 0;
    for (std::sregex_iterator i(text.begin(), text.end(), row), end; i != end; ++i)
        ++rows;
    CHECK(rows >= 23);
}

TEST_CASE("browser: names holding markup are text to the browser, not markup", "[browser]") {
    test::TempDir t("commend-browser-");
    const fs::path case_dir = fs::path(COMMEND_SOURCE_DIR) / "tests/cases/report-review-small";
    const fs::path review = t.path / "review.html";
    const std::string command = "cd '" + case_dir.string() +
                                "' && '" COMMEND_BINARY
                                "' report --rules rules.toml --data data --year 2021 -o '" +
                                review.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    const fs::path dom = t.path / "dom.html";
    REQUIRE(test::run_chromium(t.path / "profile", "--dump-dom", review, dom) == 0);
    const std::string text = slurp(dom);
    // The browser serializes text with < and > escaped: had the name been markup, a <b>
    // element "Cà Mau" would appear instead.
    CHECK(text.find("Chi bộ &lt;b&gt;Cà Mau&lt;/b&gt;") != std::string::npos);
    CHECK(text.find("<b>Cà Mau</b>") == std::string::npos);
    CHECK(text.find("Đảng ủy Khối &lt;Mẫu&gt; &amp; \"Thử\"") != std::string::npos);
}

TEST_CASE("browser: the page does not scroll sideways, and paints, at 375 and 1280 px",
          "[browser]") {
    test::TempDir t("commend-browser-");
    const fs::path review = sample_review(t.path);
    for (int width : {375, 1280}) {
        DYNAMIC_SECTION("width " << width) {
            constexpr int height = 1400;
            const fs::path page = wrap(review, width, height);
            const std::string size =
                "--window-size=" + std::to_string(window_for(width)) + "," + std::to_string(height);
            // --virtual-time-budget lets the iframe load and the script run before the dump.
            const fs::path dom = t.path / ("dom-" + std::to_string(width) + ".html");
            REQUIRE(test::run_chromium(t.path / "profile",
                                       size + " --virtual-time-budget=10000 --dump-dom", page,
                                       dom) == 0);
            const std::string text = slurp(dom);
            const std::regex measure(
                "scrollWidth=([0-9]+) clientWidth=([0-9]+) innerWidth=([0-9]+)");
            std::smatch m;
            INFO(slurp(fs::path(dom.string() + ".stderr")));
            REQUIRE(std::regex_search(text, m, measure));
            const int scroll = std::stoi(m[1]), client = std::stoi(m[2]), inner = std::stoi(m[3]);
            CHECK(inner == width); // the review was laid out at the width under test
            CHECK(client > width - 40);
            CHECK(scroll <= client); // nothing sticks out: no sideways scrolling of the page

            const fs::path png = t.path / ("review-" + std::to_string(width) + ".png");
            REQUIRE(test::run_chromium(t.path / "profile",
                                       size + " --virtual-time-budget=10000 --screenshot='" +
                                           png.string() + "'",
                                       page, t.path / "screenshot.log") == 0);
            const test::Image img = test::decode_png(slurp(png));
            CHECK(img.width == window_for(width));
            CHECK(img.height == height);
            // Within the review's columns: enough ink, and enough colours (text, the red
            // rule under the title, the level swatches) to be a page, not a blank.
            std::size_t ink = 0;
            std::set<std::uint32_t> colours;
            for (int y = 0; y < img.height; ++y)
                for (int x = 0; x < std::min(width, img.width); ++x) {
                    const std::uint32_t p = img.at(x, y);
                    if (p != 0xFFFFFF) ++ink;
                    if (colours.size() < 1000) colours.insert(p);
                }
            const double share = static_cast<double>(ink) / (static_cast<double>(width) * height);
            INFO("non-white share " << share << ", colours " << colours.size());
            CHECK(share > 0.02);
            CHECK(colours.size() >= 16);
            CHECK(colours.count(0x8B1A1A) == 1); // the accent rule under the title
        }
    }
}
