// Display names of generated subjects: Vietnamese personal names (surname, middle name,
// given name, by gender) and the names of party organizations. Drawn from each subject's own
// stream, so a name needs nothing stored. Every text is NFC, as the engine reads it.
#pragma once

#include <cstdint>
#include <string>

#include "generate/population.hpp"

namespace commend::generate {

struct Person {
    bool female = false;
};

/// Appends the name of subject `s` to `out`; for a member, returns its gender.
Person append_name(std::string& out, const Population& p, std::int32_t s, std::uint64_t seed);

} // namespace commend::generate
