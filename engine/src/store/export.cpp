// HistoryStore::export_tables: the stored data set written back as CSV files, streamed from
// the database row by row, each file written atomically (commend/io/atomic_file.hpp) and
// renamed into place only once all three are written.
#include <filesystem>

#include "commend/io/atomic_file.hpp"
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

        io::AtomicFile f_subjects(fs::path(folder) / store::subjects_file),
            f_evaluations(fs::path(folder) / store::evaluations_file),
            f_awards(fs::path(folder) / store::awards_file);
        // Rows are gathered in a buffer and written when it has grown large, so the export
        // streams without holding a whole table in memory.
        auto write = [](io::AtomicFile& out, std::string& buf, bool flush = false) {
            if (!flush && buf.size() < (1u << 20)) return;
            out.write(buf);
            buf.clear();
        };
        auto same = [](const std::string& s) -> std::string_view { return s; };
        bool rows_ok = true;
        auto write_table = [&](io::AtomicFile& out, const store::StoredFile& f, const char* table) {
            std::string buf = bom;
            append_record(buf, f.header, f.delimiter, same);
            rows_ok = store::read_rows(c, table, f, diags,
                                       [&](int, std::vector<std::string>& cells) {
                                           append_record(buf, cells, f.delimiter, same);
                                           write(out, buf);
                                       }) &&
                      rows_ok;
            write(out, buf, true);
        };
        write_table(f_subjects, *subjects, "subject");
        write_table(f_evaluations, *evaluations, "evaluation");
        {
            std::string buf = bom;
            auto cell_text = [](const auto& cell) -> std::string_view { return cell.text; };
            append_record(buf, awards.header, awards.delimiter, cell_text);
            for (const auto& row : awards.rows())
                append_record(buf, row, awards.delimiter, cell_text);
            write(f_awards, buf, true);
        }
        if (!rows_ok) return false; // the damaged rows are reported; nothing is replaced
        for (io::AtomicFile* f : {&f_subjects, &f_evaluations, &f_awards})
            if (!f->close()) {
                diags.error("store.export-failed", {f->target().string(), 0, 0},
                            f->error() + " (is the disk full, or the folder read-only?); no "
                                         "file was replaced");
                return false;
            }
        for (io::AtomicFile* f : {&f_subjects, &f_evaluations, &f_awards})
            if (!f->commit()) {
                diags.error("store.export-failed", {f->target().string(), 0, 0}, f->error());
                return false;
            }
        return true;
    } catch (const SQLite::Exception& e) {
        diags.error("store.read-failed", {c.path, 0, 0},
                    std::string("cannot read the history store: ") + e.what());
        return false;
    }
}

} // namespace commend
