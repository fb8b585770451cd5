// HistoryStore::export_tables: the stored data set written back as CSV files, streamed from
// the database row by row, each file written under a temporary name and renamed into place.
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

#include "store/store_impl.hpp"

namespace commend {

namespace {

namespace fs = std::filesystem;

/// Appends one cell, quoted (RFC 4180) when it holds the delimiter, a quote or a line break,
/// or starts or ends with a blank that reading would trim.
void append_cell(std::string& out, std::string_view text, char delimiter) {
    bool quote = false;
    for (char ch : text)
        if (ch == delimiter || ch == '"' || ch == '\n' || ch == '\r') {
            quote = true;
            break;
        }
    if (!text.empty() &&
        (text.front() == ' ' || text.front() == '\t' || text.back() == ' ' || text.back() == '\t'))
        quote = true;
    if (!quote) {
        out.append(text);
        return;
    }
    out.push_back('"');
    for (char ch : text) {
        if (ch == '"') out.push_back('"');
        out.push_back(ch);
    }
    out.push_back('"');
}

template <class Cells, class Text>
void append_record(std::string& out, const Cells& cells, char delimiter, Text text) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out.push_back(delimiter);
        append_cell(out, text(cells[i]), delimiter);
    }
    out += "\r\n";
}

/// A file written under a temporary name in the target folder, renamed into place by
/// commit(); removed if never committed.
class AtomicFile {
  public:
    AtomicFile(fs::path target)
        : target_(std::move(target)),
          temp_(target_.parent_path() /
                ("." + target_.filename().string() + ".tmp-" + std::to_string(::getpid()))) {
        f_ = std::fopen(temp_.c_str(), "wb");
    }
    ~AtomicFile() {
        if (f_) std::fclose(f_);
        if (!committed_) {
            std::error_code ec;
            fs::remove(temp_, ec);
        }
    }
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    bool ok() const { return f_ != nullptr && !failed_; }
    const fs::path& target() const { return target_; }

    /// Writes `buf` when it has grown large, or always with `flush`; then empties it.
    void write(std::string& buf, bool flush = false) {
        if (!f_ || (!flush && buf.size() < (1u << 20))) return;
        if (std::fwrite(buf.data(), 1, buf.size(), f_) != buf.size()) failed_ = true;
        buf.clear();
    }
    /// Flushes, syncs to disk and closes; false on any failure.
    bool close() {
        if (!f_) return false;
        if (std::fflush(f_) != 0 || ::fsync(::fileno(f_)) != 0) failed_ = true;
        if (std::fclose(f_) != 0) failed_ = true;
        f_ = nullptr;
        return !failed_;
    }
    bool commit() {
        std::error_code ec;
        fs::rename(temp_, target_, ec);
        committed_ = !ec;
        return committed_;
    }

  private:
    fs::path target_, temp_;
    std::FILE* f_ = nullptr;
    bool failed_ = false, committed_ = false;
};

constexpr const char* bom = "\xEF\xBB\xBF";

} // namespace

bool HistoryStore::export_tables(const std::string& folder, Diagnostics& diags) const {
    store::Connection& c = impl_->c;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (!fs::is_directory(folder, ec)) {
        diags.error("store.export-failed", {folder, 0, 0},
                    "cannot create the folder; check the path and its permissions");
        return false;
    }
    try {
        auto subjects = store::read_data_file(c.db, store::subjects_file);
        auto evaluations = store::read_data_file(c.db, store::evaluations_file);
        if (!subjects || !evaluations) {
            diags.error("store.no-data", {c.path, 0, 0},
                        "no data set was imported into this history store yet; nothing to "
                        "export");
            return false;
        }
        const CsvTable awards = store::stored_awards_table(c);

        AtomicFile f_subjects(fs::path(folder) / store::subjects_file),
            f_evaluations(fs::path(folder) / store::evaluations_file),
            f_awards(fs::path(folder) / store::awards_file);
        auto same = [](const std::string& s) -> std::string_view { return s; };
        bool rows_ok = true;
        auto write_table = [&](AtomicFile& out, const store::StoredFile& f, const char* table) {
            std::string buf = bom;
            append_record(buf, f.header, f.delimiter, same);
            rows_ok = store::read_rows(c, table, f, diags,
                                       [&](int, std::vector<std::string>& cells) {
                                           append_record(buf, cells, f.delimiter, same);
                                           out.write(buf);
                                       }) &&
                      rows_ok;
            out.write(buf, true);
        };
        write_table(f_subjects, *subjects, "subject");
        write_table(f_evaluations, *evaluations, "evaluation");
        {
            std::string buf = bom;
            auto cell_text = [](const auto& cell) -> std::string_view { return cell.text; };
            append_record(buf, awards.header, awards.delimiter, cell_text);
            for (const auto& row : awards.rows())
                append_record(buf, row, awards.delimiter, cell_text);
            f_awards.write(buf, true);
        }
        if (!rows_ok) return false; // the damaged rows are reported; nothing is replaced
        for (AtomicFile* f : {&f_subjects, &f_evaluations, &f_awards})
            if (!f->ok() || !f->close()) {
                diags.error("store.export-failed", {f->target().string(), 0, 0},
                            "cannot write the file (is the disk full, or the folder "
                            "read-only?); no file was replaced");
                return false;
            }
        for (AtomicFile* f : {&f_subjects, &f_evaluations, &f_awards})
            if (!f->commit()) {
                diags.error("store.export-failed", {f->target().string(), 0, 0},
                            "cannot rename the written file into place");
                return false;
            }
        // The renames themselves reach the disk with the folder's entry.
        if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
            ::fsync(dir);
            ::close(dir);
        }
        return true;
    } catch (const SQLite::Exception& e) {
        diags.error("store.read-failed", {c.path, 0, 0},
                    std::string("cannot read the history store: ") + e.what());
        return false;
    }
}

} // namespace commend
