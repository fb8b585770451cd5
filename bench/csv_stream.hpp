// A small streaming CSV reader for the yardstick: one record at a time from a file of any
// size, fields as views into its buffer (quoted fields unescaped into scratch storage).
// Comma-separated, RFC 4180 quotes (line breaks inside quotes included), a UTF-8 BOM and CRLF
// accepted. It does not validate what the engine validates (encoding, formulas, …): the
// yardstick reads data the engine has accepted.
//
//   CsvStream in("data/subjects.csv");
//   std::vector<std::string_view> f;
//   while (in.next(f)) use(f[0]);
//   if (!in.error().empty()) fail(in.error());
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace commend::bench {

class CsvStream {
  public:
    explicit CsvStream(const std::string& path);
    ~CsvStream();
    CsvStream(const CsvStream&) = delete;
    CsvStream& operator=(const CsvStream&) = delete;

    /// The next non-empty record; false at the end of the file or on an error. The views
    /// stay valid until the next call.
    bool next(std::vector<std::string_view>& fields);
    /// Empty, or what went wrong (the file cannot be opened, a quote is left open).
    const std::string& error() const { return error_; }
    /// The line the last record started on (1-based).
    std::int64_t line() const { return line_; }

  private:
    std::FILE* file_ = nullptr;
    std::string path_, buffer_, error_;
    std::size_t pos_ = 0;
    bool eof_ = false;
    std::int64_t line_ = 0, next_line_ = 1;
    std::deque<std::string> unquoted_; // quoted fields, unescaped

    bool fill(); ///< reads more into the buffer; false at the end of the file
};

} // namespace commend::bench
