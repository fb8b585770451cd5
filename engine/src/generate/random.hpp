// The generator's randomness: splitmix64 with distributions written here, because the
// standard library's distributions (std::uniform_int_distribution, std::normal_distribution)
// may give different numbers with another standard library, and a data set must be the same
// bytes for a seed everywhere. Only integer arithmetic decides anything: no floating point,
// no libm.
//
// Every decision draws from a stream named by what it is about (the subject, the year, the
// purpose), not from one sequence shared by the whole run, so the outcome for a subject does
// not depend on the order in which subjects are processed.
//
//   Rng r(stream(seed, Purpose::rating, subject, year));
//   if (r.chance(3500)) ...            // 3500 parts per million
//   int cells = r.between(3, 8);       // inclusive
#pragma once

#include <cstdint>

namespace commend::generate {

/// What a stream is for; part of its name, so two purposes never share numbers.
enum class Purpose : std::uint64_t {
    structure = 1,
    rating,
    member_priority,
    name,
    admission_target,
};

/// splitmix64's output function: a bijective mix of 64 bits.
constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// The seed of the stream (seed, purpose, a, b).
constexpr std::uint64_t stream(std::uint64_t seed, Purpose purpose, std::uint64_t a,
                               std::uint64_t b = 0) {
    std::uint64_t h = mix64(seed ^ 0x6a09e667f3bcc908ULL);
    h = mix64(h ^ static_cast<std::uint64_t>(purpose));
    h = mix64(h ^ a);
    return mix64(h ^ (b + 0x3c6ef372fe94f82bULL));
}

class Rng {
  public:
    explicit constexpr Rng(std::uint64_t seed) : state_(seed) {}

    constexpr std::uint64_t next() {
        state_ += 0x9e3779b97f4a7c15ULL;
        return mix64(state_);
    }
    /// Uniform in [0, n) for 0 < n < 2^32, by multiply-shift (Lemire) on the top 32 bits.
    /// The bias is below n / 2^32: irrelevant here, and the same on every platform.
    constexpr std::uint32_t below(std::uint32_t n) {
        return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
    }
    /// Uniform in [a, b], both inclusive.
    constexpr int between(int a, int b) {
        return a + static_cast<int>(below(static_cast<std::uint32_t>(b - a + 1)));
    }
    /// True with probability ppm / 1,000,000.
    constexpr bool chance(std::uint32_t ppm) { return below(1000000) < ppm; }

  private:
    std::uint64_t state_;
};

} // namespace commend::generate
