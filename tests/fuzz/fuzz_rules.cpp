// libFuzzer entry point: the bytes as a rule file (see fuzz_targets.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (!commend::fuzz::rules(std::string_view(reinterpret_cast<const char*>(data), size)))
        __builtin_trap(); // a promise broken without a crash is a finding too
    return 0;
}
