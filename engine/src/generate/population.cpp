// Building the tree. Sizes follow shared/DOMAIN.md §6: about 100 members per grassroots
// organization (5 million members in 52,000), blocs of 70–800 of them (a district has ~70,
// a province 600–800), cells of 6–30 members (an agency committee: 70 members in 11 cells).
#include "generate/population.hpp"

#include <algorithm>
#include <array>

#include "generate/random.hpp"

namespace commend::generate {

namespace {

class Builder {
  public:
    Builder(const Options& o, Population& p)
        : o_(o), p_(p), rng_(stream(o.seed, Purpose::structure, 0)),
          years_(o.last_year - o.first_year + 1) {}

    std::int64_t left() const { return o_.subjects - static_cast<std::int64_t>(p_.size()); }
    Rng& rng() { return rng_; }

    std::int32_t add(Kind k, std::int32_t parent) {
        const auto s = p_.size();
        p_.kind.push_back(k);
        p_.parent.push_back(parent);
        p_.end.push_back(s + 1);
        p_.serial.push_back(++serials_[static_cast<std::size_t>(k)]);
        int from = o_.first_year;
        if (k == Kind::dang_bo || k == Kind::chi_bo_co_so) {
            if (years_ > 1 && rng_.chance(10000)) // 1 %: founded within the data's years
                from = rng_.between(o_.first_year + 1, o_.last_year);
        } else if (k == Kind::chi_bo_truc_thuoc) {
            if (years_ > 1 && rng_.chance(20000)) // 2 %: a cell founded later
                from = rng_.between(o_.first_year + 1, o_.last_year);
        }
        if (parent >= 0) from = std::max<int>(from, p_.from[static_cast<std::size_t>(parent)]);
        p_.from.push_back(static_cast<std::int16_t>(from));
        p_.until.push_back(0);
        p_.admitted.push_back(0);
        return s;
    }

    /// `n` members of `cell`. About 3 % of the members of a year were admitted in it (the
    /// country admits ~180,000 a year to 5 million); ~1.8 % a year leave (death, transfer).
    void add_members(std::int32_t cell, std::int64_t n) {
        const int cell_from = p_.from[static_cast<std::size_t>(cell)];
        const auto later = static_cast<std::uint32_t>(std::min(30000 * (years_ - 1), 600000));
        const auto leave = static_cast<std::uint32_t>(std::min(18000 * (years_ - 1), 500000));
        for (std::int64_t i = 0; i < n; ++i) {
            const std::int32_t m = add(Kind::member, cell);
            const auto mi = static_cast<std::size_t>(m);
            int admitted = 0;
            if (years_ > 1 && rng_.chance(later))
                admitted = rng_.between(o_.first_year + 1, o_.last_year);
            else if (rng_.chance(32000))
                admitted = o_.first_year;
            int from = std::max(admitted, cell_from);
            if (admitted < cell_from) admitted = 0; // came with its organization, not admitted
            p_.from[mi] = static_cast<std::int16_t>(from);
            p_.admitted[mi] = static_cast<std::int16_t>(admitted);
            if (from < o_.last_year && rng_.chance(leave))
                p_.until[mi] = static_cast<std::int16_t>(rng_.between(from, o_.last_year - 1));
        }
    }

  private:
    const Options& o_;
    Population& p_;
    Rng rng_;
    int years_;
    std::array<std::int32_t, 5> serials_{};
};

} // namespace

Population build_population(const Options& o) {
    Population p;
    p.first_year = o.first_year;
    p.last_year = o.last_year;
    const auto n = static_cast<std::size_t>(o.subjects);
    p.kind.reserve(n);
    p.parent.reserve(n);
    p.end.reserve(n);
    p.serial.reserve(n);
    p.from.reserve(n);
    p.until.reserve(n);
    p.admitted.reserve(n);

    Builder b(o, p);
    Rng& r = b.rng();
    std::int32_t last_cell = -1;
    // A new organization is started only while the budget can hold it with one member; what
    // is left at the end joins the last cell, so the count is exact.
    while (b.left() >= 3) {
        const std::int32_t bloc = b.add(Kind::bloc, -1);
        const int planned = r.between(70, 800);
        for (int t = 0; t < planned && b.left() >= 2; ++t) {
            if (r.chance(450000) || b.left() < 3) {
                const std::int32_t cell = b.add(Kind::chi_bo_co_so, bloc);
                b.add_members(cell, std::min<std::int64_t>(r.between(8, 29), b.left()));
                last_cell = cell;
                continue;
            }
            const std::int32_t committee = b.add(Kind::dang_bo, bloc);
            // Most committees have a handful of cells; a few (large agencies, enterprises)
            // have dozens.
            const std::uint32_t size_class = r.below(100);
            const int cells = size_class < 70   ? r.between(3, 8)
                              : size_class < 95 ? r.between(9, 20)
                                                : r.between(21, 40);
            for (int c = 0; c < cells && b.left() >= 2; ++c) {
                const std::int32_t cell = b.add(Kind::chi_bo_truc_thuoc, committee);
                b.add_members(cell, std::min<std::int64_t>(r.between(6, 30), b.left()));
                last_cell = cell;
            }
        }
    }
    if (b.left() > 0) b.add_members(last_cell, b.left());

    // Pre-order: a subtree ends where the last of its descendants' subtrees ends.
    for (std::int32_t s = p.size() - 1; s >= 0; --s) {
        const std::int32_t parent = p.parent[static_cast<std::size_t>(s)];
        if (parent >= 0)
            p.end[static_cast<std::size_t>(parent)] = std::max(
                p.end[static_cast<std::size_t>(parent)], p.end[static_cast<std::size_t>(s)]);
    }
    return p;
}

void append_id(std::string& out, const Population& p, std::int32_t s) {
    static constexpr std::array<const char*, 5> prefix = {"khoi-", "db-", "cb-", "cbcs-", "dv-"};
    static constexpr std::array<int, 5> width = {4, 6, 7, 6, 8};
    const auto k = static_cast<std::size_t>(p.kind[static_cast<std::size_t>(s)]);
    out += prefix[k];
    char digits[16];
    int n = 0;
    for (auto v = static_cast<std::uint32_t>(p.serial[static_cast<std::size_t>(s)]); v > 0; v /= 10)
        digits[n++] = static_cast<char>('0' + v % 10);
    for (int i = n; i < width[k]; ++i)
        out += '0';
    while (n > 0)
        out += digits[--n];
}

std::string subject_id(const Population& p, std::int32_t s) {
    std::string id;
    append_id(id, p, s);
    return id;
}

} // namespace commend::generate
