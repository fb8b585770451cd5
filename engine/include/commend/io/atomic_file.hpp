// Writing a file so that whoever reads it sees the previous content or the new, never a part:
// the bytes go to a temporary file in the same folder (so the rename cannot cross file
// systems), which is synced to disk, renamed over the target and followed by a sync of the
// folder, so that the rename itself survives a crash. Any failure removes the temporary file
// and leaves the previous file, or none, in place. Every file commend writes goes through here
// (the HTML review, the Excel workbooks, the store's export).
//
//   Diagnostics diags;
//   if (!io::write_file("review.html", html, diags)) { /* the CLI prints diags, exit 2 */ }
//
//   // A writer that insists on a file name of its own (libxlsxwriter):
//   io::write_file_with("lists.xlsx", [&](const std::string& temp, std::string& why) {
//       return write_workbook(temp, why);
//   }, diags);
//
//   // Streaming, and several files replaced only once all of them are written:
//   io::AtomicFile a("out/subjects.csv"), b("out/awards.csv");
//   a.write(chunk); …  if (a.close() && b.close() && a.commit() && b.commit()) …
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "commend/diagnostic.hpp"

namespace commend::io {

/// A file being written under a temporary name next to its target. Destroying it without a
/// successful commit() removes the temporary file; the target is never touched until then.
class AtomicFile {
  public:
    /// Creates the temporary file (exclusively, so two writers never share one).
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// False once anything failed; error() then says what.
    bool ok() const { return error_.empty(); }
    /// What failed, in words ("cannot create a file in folder out: Permission denied").
    const std::string& error() const { return error_; }
    const std::filesystem::path& target() const { return target_; }
    const std::filesystem::path& temp_path() const { return temp_; }

    /// Appends `bytes`; false on failure (a full disk, a file size limit).
    bool write(std::string_view bytes);
    /// Lets another writer write temp_path() by name instead of write(); close() then syncs
    /// what it wrote.
    void hand_over();
    /// Syncs the written bytes to disk and closes the temporary file; false on failure.
    bool close();
    /// Renames the closed temporary file over the target and syncs the folder.
    bool commit();

  private:
    void fail(std::string what);

    std::filesystem::path target_, temp_;
    int fd_ = -1;
    bool created_ = false, handed_over_ = false, closed_ = false, committed_ = false;
    std::string error_;
};

/// Writes `bytes` to `path` atomically. On failure adds the error `io.write-failed` at
/// `path` saying why, and leaves the previous file as it was.
bool write_file(const std::string& path, std::string_view bytes, Diagnostics& diags);

/// Writes `path` atomically through `produce`, which must write the whole file at the
/// temporary path it is given (the file exists, empty) and return true, or false with the
/// reason in its second argument. The result is synced and renamed as with write_file.
bool write_file_with(
    const std::string& path,
    const std::function<bool(const std::string& temp_path, std::string& why)>& produce,
    Diagnostics& diags);

} // namespace commend::io
