// AtomicFile and the whole-file helpers built on it (commend/io/atomic_file.hpp).
#include "commend/io/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace commend::io {

namespace fs = std::filesystem;

namespace {

std::string reason(int err) {
    return std::strerror(err);
}

fs::path folder_of(const fs::path& target) {
    return target.has_parent_path() ? target.parent_path() : fs::path(".");
}

/// A name no other writer uses: hidden, beside the target, with the process id and a counter
/// (two files of one process may target the same folder at once, as the export does).
fs::path temp_name(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    return folder_of(target) / ("." + target.filename().string() + ".tmp-" +
                                std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

/// The rename is durable only once the folder's entry is on disk too.
bool sync_folder(const fs::path& folder) {
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return false;
    const bool ok = ::fsync(dir) == 0 || errno == EINVAL; // some file systems cannot sync folders
    ::close(dir);
    return ok;
}

} // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)), temp_(temp_name(target_)) {
    if (target_.filename().empty()) {
        fail("the path names a folder, not a file");
        return;
    }
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0) {
        fail("cannot create a file in the folder " + folder_of(target_).string() + ": " +
             reason(errno));
        return;
    }
    created_ = true;
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (created_ && !committed_) ::unlink(temp_.c_str());
}

void AtomicFile::fail(std::string what) {
    if (error_.empty()) error_ = std::move(what);
}

bool AtomicFile::write(std::string_view bytes) {
    if (!ok() || fd_ < 0) return false;
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("cannot write: " + reason(errno));
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

void AtomicFile::hand_over() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    handed_over_ = true;
}

bool AtomicFile::close() {
    if (!ok() || closed_ || !created_) return false;
    if (handed_over_) {
        fd_ = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) {
            fail("the written file is gone: " + reason(errno));
            return false;
        }
    }
    if (::fsync(fd_) != 0) fail("cannot write to disk: " + reason(errno));
    if (::close(fd_) != 0) fail("cannot write: " + reason(errno));
    fd_ = -1;
    closed_ = true;
    return ok();
}

bool AtomicFile::commit() {
    if (!ok() || !closed_) {
        fail("the file was not completely written");
        return false;
    }
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        fail("cannot replace it: " + reason(errno));
        return false;
    }
    committed_ = true;
    if (!sync_folder(folder_of(target_))) fail("written, but the folder cannot be synced to disk");
    return ok();
}

namespace {

bool finish(AtomicFile& f, Diagnostics& diags) {
    if (f.close() && f.commit()) return true;
    diags.error("io.write-failed", {f.target().string(), 0, 0},
                f.error() + (f.error().rfind("written,", 0) == 0
                                 ? ""
                                 : "; the previous file, if any, is left as it was"));
    return false;
}

} // namespace

bool write_file(const std::string& path, std::string_view bytes, Diagnostics& diags) {
    AtomicFile f(path);
    f.write(bytes);
    return finish(f, diags);
}

bool write_file_with(
    const std::string& path,
    const std::function<bool(const std::string& temp_path, std::string& why)>& produce,
    Diagnostics& diags) {
    AtomicFile f(path);
    if (f.ok()) {
        f.hand_over();
        std::string why;
        if (!produce(f.temp_path().string(), why)) {
            diags.error("io.write-failed", {path, 0, 0},
                        (why.empty() ? std::string("cannot write the file") : why) +
                            "; the previous file, if any, is left as it was");
            return false;
        }
    }
    return finish(f, diags);
}

} // namespace commend::io
