// A file written atomically and streamed: rows are appended to a buffer that is written out
// whenever it holds a few MiB, into a temporary file beside the target, which commit()
// renames into place. A reader sees the old file or the whole new one, never half; a failed
// or abandoned write leaves no temporary file behind.
//
//   OutputFile f(folder + "/subjects.csv");
//   f.text() += "id,name\n"; f.flush_if_full();
//   if (!f.commit()) report(f.error());
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace commend::generate {

class OutputFile {
  public:
    explicit OutputFile(std::string path);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    /// The buffer to append to.
    std::string& text() { return buffer_; }
    /// Writes the buffer out when it is full (call after each row).
    void flush_if_full() {
        if (buffer_.size() >= flush_at) flush();
    }
    /// Writes what is left, closes and renames the temporary file into place. False (and
    /// the temporary file removed) on any error, described by error().
    bool commit();

    const std::string& error() const { return error_; }
    std::uint64_t bytes() const { return written_ + buffer_.size(); }

  private:
    static constexpr std::size_t flush_at = 4u << 20;
    std::string path_, temp_, buffer_, error_;
    std::FILE* file_ = nullptr;
    std::uint64_t written_ = 0;

    void flush();
    void fail(const std::string& what);
};

} // namespace commend::generate
