// io::AtomicFile and the whole-file writers: a file is replaced whole or not at all, and a
// failure leaves no temporary file behind.
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/resource.h>

#include "commend/io/atomic_file.hpp"
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

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

/// Lowers the largest file this process may write, for the scope; writes beyond it fail with
/// EFBIG (SIGXFSZ is ignored meanwhile). This makes a real failing write even as root.
class FileSizeLimit {
  public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &saved_);
        previous_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lower = saved_;
        lower.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &lower);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, previous_);
    }

  private:
    rlimit saved_{};
    void (*previous_)(int) = nullptr;
};

} // namespace

TEST_CASE("io: write_file creates and replaces a file whole", "[io]") {
    test::TempDir t("commend-io-");
    const fs::path file = t.path / "review.html";
    Diagnostics diags;
    REQUIRE(io::write_file(file.string(), "first", diags));
    CHECK(slurp(file) == "first");
    REQUIRE(io::write_file(file.string(), "second, longer than the first", diags));
    CHECK(slurp(file) == "second, longer than the first");
    CHECK(entries(t.path) == 1); // no temporary file left
    CHECK_FALSE(diags.has_errors());
}

TEST_CASE("io: a write that fails leaves the previous file intact and no temporary file", "[io]") {
    test::TempDir t("commend-io-");
    const fs::path file = t.path / "lists.csv";
    t.write("lists.csv", "the previous lists");
    Diagnostics diags;
    bool written = true;
    {
        FileSizeLimit limit(4096);
        written = io::write_file(file.string(), std::string(1 << 20, 'x'), diags);
    }
    CHECK_FALSE(written);
    CHECK(slurp(file) == "the previous lists");
    CHECK(entries(t.path) == 1);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].code == "io.write-failed");
    CHECK(diags.items()[0].pos.file == file.string());
    CHECK(diags.items()[0].message.find("File too large") != std::string::npos);
    CHECK(diags.items()[0].message.find("left as it was") != std::string::npos);
}

TEST_CASE("io: a writer that fails, or a target that is a folder, replaces nothing", "[io]") {
    test::TempDir t("commend-io-");
    t.write("book.xlsx", "the previous workbook");
    Diagnostics diags;
    std::string seen;
    CHECK_FALSE(io::write_file_with((t.path / "book.xlsx").string(),
                                    [&](const std::string& temp, std::string& why) {
                                        seen = temp;
                                        std::ofstream(temp) << "half a workbook";
                                        why = "cannot write the workbook: disk full";
                                        return false;
                                    },
                                    diags));
    CHECK(fs::path(seen).parent_path() == t.path); // beside the target: the rename stays local
    CHECK_FALSE(fs::exists(seen));
    CHECK(slurp(t.path / "book.xlsx") == "the previous workbook");
    REQUIRE(diags.error_count() == 1);
    CHECK(diags.items()[0].message.find("disk full") != std::string::npos);

    fs::create_directory(t.path / "out.html");
    t.write("out.html/keep", "kept");
    CHECK_FALSE(io::write_file((t.path / "out.html").string(), "page", diags));
    CHECK(slurp(t.path / "out.html/keep") == "kept");
    CHECK(entries(t.path) == 2);

    CHECK_FALSE(io::write_file((t.path / "no-such-folder/page.html").string(), "page", diags));
    CHECK(diags.items().back().message.find("cannot create a file in the folder") !=
          std::string::npos);
}

TEST_CASE("io: AtomicFile streams, and is replaced only on commit", "[io]") {
    test::TempDir t("commend-io-");
    t.write("a.csv", "old a");
    {
        io::AtomicFile f(t.path / "a.csv");
        REQUIRE(f.ok());
        CHECK(f.write("new "));
        CHECK(f.write("a"));
        CHECK(f.close());
        CHECK(slurp(t.path / "a.csv") == "old a"); // written, not yet committed
    } // dropped without commit: the temporary file goes, the target stays
    CHECK(slurp(t.path / "a.csv") == "old a");
    CHECK(entries(t.path) == 1);
    io::AtomicFile f(t.path / "a.csv");
    f.write("new a");
    REQUIRE(f.close());
    REQUIRE(f.commit());
    CHECK(slurp(t.path / "a.csv") == "new a");
    CHECK(entries(t.path) == 1);
}
