// Rating every subject year by year, bottom-up within each grassroots organization: members,
// then their cell, then (for a committee) the committee over its cells. The reasons for each
// rule are in ratings.hpp; the figures below are tuned so that the shares after the HD 21
// corrections come out near DOMAIN.md §3.
#include "generate/ratings.hpp"

#include <algorithm>
#include <array>

#include "generate/random.hpp"

namespace commend::generate {

namespace {

/// A Markov chain over the four levels: keep last year's level with probability `keep`,
/// otherwise draw from `share` (parts per million, summing to 1,000,000), which is then also
/// the chain's long-run distribution.
struct Chain {
    std::uint32_t keep;
    std::array<std::uint32_t, 4> share;
};
// Members: 20 % would merit HTXSNV; the 20 % cap brings that to ~14 %.
constexpr Chain member_chain{550000, {200000, 706500, 91000, 2500}};
// Cells and grassroots organizations: the HD 21 corrections demote some HTXSNV.
constexpr Chain cell_chain{600000, {330000, 600000, 65000, 5000}};
constexpr Chain tccsd_chain{600000, {280000, 633500, 85000, 1500}};
constexpr Chain bloc_chain{500000, {550000, 450000, 0, 0}};

constexpr std::uint32_t member_discipline = 3500; // ppm: ~20,000 of 5 million a year
constexpr std::uint32_t member_not_rated = 500;   // suspended from party activity
constexpr std::uint32_t org_discipline = 2000;    // ppm of organizations a year
constexpr std::uint32_t org_remedied = 300000;    // of those: self-detected and remedied
constexpr std::uint32_t org_not_rated = 1000;     // rating not reported
constexpr std::uint32_t org_inconsistent = 15000; // HTXSNV kept against HD 21 (data errors)

int step(const Chain& c, int previous, Rng& r) {
    if (previous >= 0 && r.chance(c.keep)) return previous;
    std::uint32_t u = r.below(1000000), acc = 0;
    for (int i = 0; i < 3; ++i) {
        acc += c.share[static_cast<std::size_t>(i)];
        if (u < acc) return i;
    }
    return 3;
}

class Rater {
  public:
    Rater(const Population& p, History& h, std::uint64_t seed) : p_(p), h_(h), seed_(seed) {}

    void rate_year(int year) {
        for (std::int32_t bloc = 0; bloc < p_.size(); bloc = end(bloc)) {
            rate_bloc(bloc, year);
            for (std::int32_t t = bloc + 1; t < end(bloc); t = end(t)) {
                if (!p_.exists(t, year)) continue; // and neither does anything below it
                if (p_.kind[static_cast<std::size_t>(t)] == Kind::chi_bo_co_so) {
                    rate_members(t, year);
                    rate_collective(t, year, tccsd_chain);
                    continue;
                }
                for (std::int32_t c = t + 1; c < end(t); c = end(c)) {
                    if (!p_.exists(c, year)) continue;
                    rate_members(c, year);
                    rate_collective(c, year, cell_chain);
                }
                rate_collective(t, year, tccsd_chain);
            }
        }
    }

  private:
    const Population& p_;
    History& h_;
    std::uint64_t seed_;
    std::vector<std::int32_t> excellent_; // scratch: the HTXSNV members of a cell

    std::int32_t end(std::int32_t s) const { return p_.end[static_cast<std::size_t>(s)]; }

    /// The chain's state last year, or -1 when the subject did not exist then.
    int previous_state(std::int32_t s, int year) const {
        if (year == h_.first_year || !p_.exists(s, year - 1)) return -1;
        return (h_.cells[h_.at(s, year - 1)] >> 4) & 3;
    }
    void store(std::int32_t s, int year, int level, bool disciplined, int state) {
        h_.cells[h_.at(s, year)] =
            static_cast<std::uint8_t>(level | (disciplined ? 8 : 0) | (state << 4));
    }
    void set_level(std::int32_t s, int year, int level) {
        auto& c = h_.cells[h_.at(s, year)];
        c = static_cast<std::uint8_t>((c & ~7u) | static_cast<unsigned>(level));
    }

    void rate_bloc(std::int32_t bloc, int year) {
        Rng r(stream(seed_, Purpose::rating, static_cast<std::uint64_t>(bloc),
                     static_cast<std::uint64_t>(year)));
        const int state = step(bloc_chain, previous_state(bloc, year), r);
        store(bloc, year, state, false, state);
    }

    void rate_members(std::int32_t cell, int year) {
        int good = 0, unrated = 0;
        excellent_.clear();
        for (std::int32_t m = cell + 1; m < end(cell); ++m) {
            if (!p_.exists(m, year)) continue;
            Rng r(stream(seed_, Purpose::rating, static_cast<std::uint64_t>(m),
                         static_cast<std::uint64_t>(year)));
            const int state = step(member_chain, previous_state(m, year), r);
            int level = state;
            const bool disciplined = r.chance(member_discipline);
            if (disciplined)
                level = khtnv;
            else if (r.chance(member_not_rated))
                level = not_rated;
            store(m, year, level, disciplined, state);
            if (level <= httnv) ++good;
            if (level == not_rated) ++unrated;
            if (level == htxsnv) excellent_.push_back(m);
        }
        // The 20 % cap: the cell keeps its best members (a fixed order of merit per member).
        const int allowed = std::max(0, good / 5 - unrated);
        if (static_cast<int>(excellent_.size()) <= allowed) return;
        auto merit = [&](std::int32_t m) {
            return mix64(stream(seed_, Purpose::member_priority, static_cast<std::uint64_t>(m)));
        };
        std::sort(excellent_.begin(), excellent_.end(),
                  [&](std::int32_t a, std::int32_t b) { return merit(a) > merit(b); });
        for (std::size_t i = static_cast<std::size_t>(allowed); i < excellent_.size(); ++i)
            set_level(excellent_[i], year, httnv);
    }

    /// An organization over its direct subordinates (members of a cell, cells of a committee),
    /// which are already rated.
    void rate_collective(std::int32_t o, int year, const Chain& chain) {
        Rng r(stream(seed_, Purpose::rating, static_cast<std::uint64_t>(o),
                     static_cast<std::uint64_t>(year)));
        const int state = step(chain, previous_state(o, year), r);
        int level = state;
        const bool disciplined = r.chance(org_discipline);
        if (disciplined && !r.chance(org_remedied)) level = std::max(level, int{htnv});
        if (r.chance(org_not_rated)) level = not_rated;
        if (level == htxsnv) {
            int n = 0, good = 0;
            bool failing = false;
            for (std::int32_t c = o + 1; c < end(o); c = end(c)) {
                if (!p_.exists(c, year)) continue;
                const int l = h_.level(c, year);
                ++n;
                if (l <= httnv) ++good;
                if (l == khtnv) failing = true;
            }
            if (n > 0 && (failing || 5 * good < 4 * n) && !r.chance(org_inconsistent))
                level = httnv;
        }
        store(o, year, level, disciplined, state);
    }
};

} // namespace

History assign_ratings(const Population& p, std::uint64_t seed) {
    History h;
    h.first_year = p.first_year;
    h.years = p.years();
    h.cells.assign(static_cast<std::size_t>(p.size()) * static_cast<std::size_t>(h.years), absent);
    Rater rater(p, h, seed);
    for (int year = p.first_year; year <= p.last_year; ++year)
        rater.rate_year(year);
    return h;
}

} // namespace commend::generate
