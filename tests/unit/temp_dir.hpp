// A fresh temporary folder for one test, removed when the test ends.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace commend::test {

struct TempDir {
    std::filesystem::path path;
    explicit TempDir(std::string_view prefix = "commend-test-") {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               (std::string(prefix) + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// Writes `content` to `name` (a relative path; folders are created) and returns its path.
    std::string write(const std::string& name, std::string_view content) const {
        const auto file = path / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
        return file.string();
    }
};

} // namespace commend::test
