// The two awards of rules/khoi-co-quan-tinh, decided year by year (see award_model.hpp).
// Three-valued logic and ranges as SPEC §4: a member not rated makes a count a range, and a
// comparison that holds for part of the range is unknown. Shares are compared exactly as
// fractions (a*d vs c*b): the engine compares doubles to 12 significant digits, and two
// different fractions with denominators this small never agree to 12 digits.
#include "generate/award_model.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace commend::generate {

namespace {

enum class Truth { no, unknown, yes };

/// count / total as a range: [count, count + unknown] / total; unknown when total is 0 or the
/// range is not a single value.
struct Share {
    std::int64_t count = 0, unknown = 0, total = 0;
    bool known() const { return total > 0 && unknown == 0; }
};

/// <0: a ranks before b (greater first), 0: equal, >0: after. Unknown after every known
/// value; two unknowns are equal on this key (SPEC §5; select/rank_order.cpp).
int compare_desc(const Share& a, const Share& b) {
    if (!a.known() || !b.known()) return a.known() == b.known() ? 0 : (a.known() ? -1 : 1);
    const std::int64_t l = a.count * b.total, r = b.count * a.total;
    return l == r ? 0 : (l > r ? -1 : 1);
}
int compare_desc(std::int64_t a, std::int64_t b) {
    return a == b ? 0 : (a > b ? -1 : 1);
}

struct Candidate {
    std::int32_t subject;
    std::string id;
    Share first;
    Share second_share;    // tieu-bieu-5-nam
    std::int64_t second_n; // tieu-bieu-nam: admitted
};

class Committee {
  public:
    Committee(const Population& p, const History& h) : p_(p), h_(h) {}

    void decide(int year, std::vector<Grant>& out) {
        std::vector<Candidate> yearly, five_years;
        for (std::int32_t s = 0; s < p_.size(); ++s) {
            if (!p_.exists(s, year)) continue;
            if (p_.is_tccsd(s) && eligible_yearly(s, year)) yearly.push_back(yearly_keys(s, year));
            if (p_.kind[static_cast<std::size_t>(s)] == Kind::chi_bo_truc_thuoc &&
                eligible_five_years(s, year))
                five_years.push_back(five_year_keys(s, year));
        }
        auto by_yearly = [](const Candidate& a, const Candidate& b) {
            if (int c = compare_desc(a.first, b.first)) return c;
            return compare_desc(a.second_n, b.second_n);
        };
        auto by_five = [](const Candidate& a, const Candidate& b) {
            if (int c = compare_desc(a.first, b.first)) return c;
            return compare_desc(a.second_share, b.second_share);
        };
        for (std::int32_t s : select(yearly, award_limits[0], by_yearly))
            out.push_back({s, year, 0});
        for (std::int32_t s : select(five_years, award_limits[1], by_five)) {
            out.push_back({s, year, 1});
            last_five_years_[s] = year;
        }
    }

  private:
    const Population& p_;
    const History& h_;
    std::map<std::int32_t, int> last_five_years_; // cell → year of its last tieu-bieu-5-nam

    std::int32_t end(std::int32_t s) const { return p_.end[static_cast<std::size_t>(s)]; }

    static Truth is_excellent(int level) {
        return level == not_rated ? Truth::unknown : level == htxsnv ? Truth::yes : Truth::no;
    }

    /// Over the direct subordinates existing in `year`: how many have the level `wanted` or
    /// better, and how many are not rated.
    Share children_share(std::int32_t s, int year, int wanted) const {
        Share r;
        for (std::int32_t c = s + 1; c < end(s); c = end(c)) {
            if (!p_.exists(c, year)) continue;
            const int l = h_.level(c, year);
            ++r.total;
            if (l == not_rated)
                ++r.unknown;
            else if (l <= wanted)
                ++r.count;
        }
        return r;
    }

    // tieu-bieu-nam: rating == HTXSNV (gate); none(children(), rating == KHTNV);
    // share(children(), rating >= HTTNV) >= 0.8; not disciplined.
    bool eligible_yearly(std::int32_t s, int year) const {
        if (is_excellent(h_.level(s, year)) != Truth::yes || h_.disciplined(s, year)) return false;
        bool failing = false;
        for (std::int32_t c = s + 1; c < end(s); c = end(c))
            if (p_.exists(c, year) && h_.level(c, year) == khtnv) failing = true;
        const Share good = children_share(s, year, httnv);
        // none(): false if one is KHTNV, unknown if one is not rated; share >= 0.8 must hold
        // for every value of its range.
        return !failing && good.known() && 5 * good.count >= 4 * good.total;
    }

    // rank: share(descendants('dang-vien'), rating == HTXSNV) desc, admitted desc.
    Candidate yearly_keys(std::int32_t s, int year) const {
        Candidate c{s, subject_id(p_, s), {}, {}, 0};
        for (std::int32_t m = s + 1; m < end(s); ++m) {
            if (p_.kind[static_cast<std::size_t>(m)] != Kind::member || !p_.exists(m, year))
                continue;
            const int l = h_.level(m, year);
            ++c.first.total;
            if (l == not_rated) ++c.first.unknown;
            if (l == htxsnv) ++c.first.count;
            if (p_.admitted[static_cast<std::size_t>(m)] == year) ++c.second_n;
        }
        return c;
    }

    // tieu-bieu-5-nam: rating == HTXSNV (gate);
    // streak(rating == HTXSNV, since = 'tieu-bieu-5-nam') >= 5; never(disciplined, last = 5).
    bool eligible_five_years(std::int32_t s, int year) const {
        if (is_excellent(h_.level(s, year)) != Truth::yes) return false;
        int first = p_.from[static_cast<std::size_t>(s)];
        if (auto it = last_five_years_.find(s); it != last_five_years_.end())
            first = std::max(first, it->second + 1);
        int lo = 0;
        for (int y = year; y >= first && h_.level(s, y) == htxsnv; --y)
            ++lo; // the streak's lower end: a year not rated stops it
        if (lo < 5) return false;
        for (int y = std::max(year - 4, static_cast<int>(p_.from[static_cast<std::size_t>(s)]));
             y <= year; ++y)
            if (h_.disciplined(s, y)) return false;
        return true;
    }

    // rank: share(children(), rating == HTXSNV) desc, share(children(), rating >= HTTNV) desc.
    Candidate five_year_keys(std::int32_t s, int year) const {
        return {s, subject_id(p_, s), children_share(s, year, htxsnv),
                children_share(s, year, httnv), 0};
    }

    /// The rules' selection, with the places left at a tie filled by id.
    template <class Compare>
    static std::vector<std::int32_t> select(std::vector<Candidate>& cs, int places,
                                            Compare compare) {
        std::sort(cs.begin(), cs.end(), [&](const Candidate& a, const Candidate& b) {
            int c = compare(a, b);
            return c != 0 ? c < 0 : a.id < b.id;
        });
        std::vector<std::int32_t> chosen;
        for (std::size_t i = 0; i < cs.size() && places > 0;) {
            std::size_t j = i + 1;
            while (j < cs.size() && compare(cs[i], cs[j]) == 0)
                ++j;
            for (std::size_t k = i; k < j && places > 0; ++k, --places)
                chosen.push_back(cs[k].subject);
            i = j;
        }
        return chosen;
    }
};

} // namespace

std::vector<Grant> decide_past_awards(const Population& p, const History& h) {
    std::vector<Grant> grants;
    Committee committee(p, h);
    for (int year = p.first_year; year < p.last_year; ++year)
        committee.decide(year, grants);
    // By year, award, then id: the order of awards.csv.
    std::stable_sort(grants.begin(), grants.end(), [&](const Grant& a, const Grant& b) {
        if (a.year != b.year) return a.year < b.year;
        if (a.award != b.award) return a.award < b.award;
        return subject_id(p, a.subject) < subject_id(p, b.subject);
    });
    return grants;
}

} // namespace commend::generate
