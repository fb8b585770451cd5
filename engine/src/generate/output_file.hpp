// One CSV file of a generated data set, streamed: rows are appended to a buffer that is
// written out whenever it holds a few MiB, through io::AtomicFile (a temporary file beside
// the target, renamed into place by commit()), so that a reader sees the old file or the
// whole new one, never half, and a failed or abandoned write leaves nothing behind.
//
//   OutputFile f(folder / "subjects.csv");
//   f.text() += "id,name\n"; f.flush_if_full();
//   if (!f.close() || !f.commit()) report(f.error());
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "commend/io/atomic_file.hpp"

namespace commend::generate {

class OutputFile {
  public:
    explicit OutputFile(std::filesystem::path target) : file_(std::move(target)) {
        buffer_.reserve(flush_at + (64u << 10));
    }

    /// The buffer to append to.
    std::string& text() { return buffer_; }
    /// Writes the buffer out when it is full (call after each row).
    void flush_if_full() {
        if (buffer_.size() >= flush_at) flush();
    }
    /// Writes what is left and closes the temporary file; false on any error so far.
    bool close() {
        flush();
        return file_.close();
    }
    /// Renames the closed file into place.
    bool commit() { return file_.commit(); }

    const std::string& error() const { return file_.error(); }
    std::uint64_t bytes() const { return written_ + buffer_.size(); }

  private:
    static constexpr std::size_t flush_at = 4u << 20;
    io::AtomicFile file_;
    std::string buffer_;
    std::uint64_t written_ = 0;

    void flush() {
        if (!buffer_.empty() && file_.ok()) file_.write(buffer_);
        written_ += buffer_.size();
        buffer_.clear();
    }
};

} // namespace commend::generate
