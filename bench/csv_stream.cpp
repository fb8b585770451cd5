#include "csv_stream.hpp"

namespace commend::bench {

CsvStream::CsvStream(const std::string& path) : path_(path) {
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_) error_ = "cannot open " + path;
}

CsvStream::~CsvStream() {
    if (file_) std::fclose(file_);
}

bool CsvStream::fill() {
    if (eof_ || !file_) return false;
    // Keep the unread part; views handed out before are no longer needed.
    buffer_.erase(0, pos_);
    pos_ = 0;
    const std::size_t old = buffer_.size();
    constexpr std::size_t chunk = 1u << 20;
    buffer_.resize(old + chunk);
    const std::size_t got = std::fread(buffer_.data() + old, 1, chunk, file_);
    buffer_.resize(old + got);
    if (got == 0) eof_ = true;
    if (old == 0 && got >= 3 && next_line_ == 1 && buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0)
        pos_ = 3; // the UTF-8 byte order mark
    return got > 0;
}

bool CsvStream::next(std::vector<std::string_view>& fields) {
    fields.clear();
    unquoted_.clear();
    for (;;) {
        // Find the end of the record: a line break outside quotes.
        std::size_t i = pos_;
        bool quoted = false, complete = false;
        std::int64_t breaks = 0;
        for (; i < buffer_.size(); ++i) {
            const char c = buffer_[i];
            if (c == '"') quoted = !quoted;
            if (c == '\n') {
                if (!quoted) {
                    complete = true;
                    break;
                }
                ++breaks;
            }
        }
        if (!complete && fill()) continue; // the buffer moved: scan again from pos_
        if (!complete && quoted) {
            error_ = path_ + ":" + std::to_string(next_line_) + ": a quote is left open";
            return false;
        }
        if (pos_ >= buffer_.size()) return false;
        std::size_t end = i; // the '\n' or the end of the buffer
        std::string_view record(buffer_.data() + pos_, end - pos_);
        pos_ = end < buffer_.size() ? end + 1 : end;
        line_ = next_line_;
        next_line_ += 1 + breaks;
        if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
        if (record.empty()) continue;

        std::size_t k = 0;
        while (true) {
            if (k < record.size() && record[k] == '"') {
                std::string& text = unquoted_.emplace_back();
                ++k;
                for (; k < record.size(); ++k) {
                    if (record[k] == '"') {
                        if (k + 1 < record.size() && record[k + 1] == '"') {
                            text += '"';
                            ++k;
                            continue;
                        }
                        ++k;
                        break;
                    }
                    text += record[k];
                }
                fields.push_back(text);
                // (anything between the closing quote and the comma is ignored)
                while (k < record.size() && record[k] != ',')
                    ++k;
            } else {
                const std::size_t comma = record.find(',', k);
                const std::size_t stop = comma == std::string_view::npos ? record.size() : comma;
                fields.push_back(record.substr(k, stop - k));
                k = stop;
            }
            if (k >= record.size()) break;
            ++k; // the comma
            if (k == record.size()) {
                fields.emplace_back(); // a trailing empty field
                break;
            }
        }
        return true;
    }
}

} // namespace commend::bench
