#include "generate/output_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace commend::generate {

OutputFile::OutputFile(std::string path) : path_(std::move(path)) {
    // The process id keeps two runs writing into one folder from sharing a temporary file.
    temp_ = path_ + ".tmp-" + std::to_string(::getpid());
    file_ = std::fopen(temp_.c_str(), "wb");
    if (!file_) fail("cannot create");
    buffer_.reserve(flush_at + (64u << 10));
}

OutputFile::~OutputFile() {
    if (file_) {
        std::fclose(file_);
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
    }
}

void OutputFile::fail(const std::string& what) {
    if (error_.empty()) error_ = what + " " + temp_ + ": " + std::strerror(errno);
}

void OutputFile::flush() {
    if (!file_ || buffer_.empty()) {
        buffer_.clear();
        return;
    }
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
        fail("cannot write");
    written_ += buffer_.size();
    buffer_.clear();
}

bool OutputFile::commit() {
    flush();
    if (!file_) return false;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!closed) fail("cannot write");
    std::error_code ec;
    if (error_.empty()) {
        std::filesystem::rename(temp_, path_, ec);
        if (ec) error_ = "cannot rename " + temp_ + " to " + path_ + ": " + ec.message();
    }
    if (!error_.empty()) std::filesystem::remove(temp_, ec);
    return error_.empty();
}

} // namespace commend::generate
