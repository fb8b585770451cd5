// The hand-written evaluation of rules/khoi-co-quan-tinh (see yardstick.hpp). Three-valued
// logic and ranges are worked out per criterion by hand: a level code 4 (not rated) makes a
// count a range, and a comparison that holds for only part of the range is unknown (SPEC §4).
// Shares are compared as exact fractions (a·d vs c·b), which is what the engine's comparison
// to 12 significant digits amounts to for denominators this small.
#include "yardstick.hpp"

#include <algorithm>

namespace commend::bench {

namespace {

enum Truth : std::uint8_t { no, unknown, yes };

/// What the rules count over a set of subjects in the year.
struct Counts {
    std::int64_t existing = 0, excellent = 0, good = 0, failing = 0, unrated = 0;
    // (good: HTTNV or better; failing: KHTNV)
    Counts& operator+=(const Counts& o) {
        existing += o.existing, excellent += o.excellent, good += o.good, failing += o.failing,
            unrated += o.unrated;
        return *this;
    }
    Counts& operator-=(const Counts& o) {
        existing -= o.existing, excellent -= o.excellent, good -= o.good, failing -= o.failing,
            unrated -= o.unrated;
        return *this;
    }
};

/// Counts over the contiguous range [from, to) of a level column: branch-free, so that the
/// compiler vectorizes it.
Counts count_range(const std::uint8_t* level, std::int32_t from, std::int32_t to) {
    std::uint32_t absent = 0, excellent = 0, good = 0, failing = 0, unrated = 0;
    for (std::int32_t i = from; i < to; ++i) {
        const std::uint8_t l = level[i];
        absent += l == level_absent;
        excellent += l == 0;
        good += l <= 1;
        failing += l == 3;
        unrated += l == level_missing;
    }
    return {to - from - absent, excellent, good, failing, unrated};
}

/// Adds one subject's level.
void count_one(Counts& c, std::uint8_t l) {
    c.existing += l != level_absent;
    c.excellent += l == 0;
    c.good += l <= 1;
    c.failing += l == 3;
    c.unrated += l == level_missing;
}

/// A rank key that is a fraction count/total with `unknown` members not rated: the range
/// [count, count + unknown] / total. A whole number k is k/1.
struct Fraction {
    std::int64_t count = 0, unknown = 0, total = 0;
    bool known() const { return total > 0 && unknown == 0; }
};

/// <0: a before b (larger first); unknown after every known value; two unknowns equal.
int compare_desc(const Fraction& a, const Fraction& b) {
    if (!a.known() || !b.known()) return a.known() == b.known() ? 0 : (a.known() ? -1 : 1);
    const std::int64_t l = a.count * b.total, r = b.count * a.total;
    return l == r ? 0 : (l > r ? -1 : 1);
}

struct Candidate {
    std::int32_t subject, id_rank;
    Fraction first, second;
};

Truth excellent(std::uint8_t level) {
    return level == 0 ? yes : (level == level_missing ? unknown : no);
}

/// Sorts the lists by id; selects by rank keys with `places` for the whole run (SPEC §5).
void select(std::vector<Candidate>& eligible, int places, const BlocLayout& d,
            YardstickResult::Award& out) {
    auto keys = [](const Candidate& a, const Candidate& b) {
        if (int c = compare_desc(a.first, b.first)) return c;
        return compare_desc(a.second, b.second);
    };
    std::sort(eligible.begin(), eligible.end(), [&](const Candidate& a, const Candidate& b) {
        int c = keys(a, b);
        return c != 0 ? c < 0 : a.id_rank < b.id_rank;
    });
    int left = places;
    for (std::size_t i = 0; i < eligible.size();) {
        std::size_t j = i + 1;
        while (j < eligible.size() && keys(eligible[i], eligible[j]) == 0)
            ++j;
        const int block = static_cast<int>(j - i);
        if (block <= left) {
            for (std::size_t k = i; k < j; ++k)
                out.selected.push_back(eligible[k].subject);
            left -= block;
        } else if (left > 0) {
            YardstickResult::Award::Tie tie{left, {}};
            for (std::size_t k = i; k < j; ++k)
                tie.subjects.push_back(eligible[k].subject);
            out.ties.push_back(std::move(tie));
            left = 0;
        } else {
            for (std::size_t k = i; k < j; ++k)
                out.over_limit.push_back(eligible[k].subject);
        }
        i = j;
    }
    auto by_id = [&](std::vector<std::int32_t>& v) {
        std::sort(v.begin(), v.end(), [&](std::int32_t a, std::int32_t b) {
            return d.id_rank[static_cast<std::size_t>(a)] < d.id_rank[static_cast<std::size_t>(b)];
        });
    };
    by_id(out.over_limit);
    by_id(out.unknown);
    by_id(out.near_misses);
}

/// Unknown: no criterion fails, one is unknown. Near miss: exactly one fails, not the gate
/// (criterion 0 in both awards), none unknown.
void classify(const Truth* c, std::size_t n, std::int32_t s, YardstickResult::Award& out,
              bool& eligible) {
    std::size_t fails = 0, unknowns = 0, failed = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (c[i] == no) ++fails, failed = i;
        if (c[i] == unknown) ++unknowns;
    }
    eligible = fails == 0 && unknowns == 0;
    if (fails == 0 && unknowns > 0) out.unknown.push_back(s);
    if (fails == 1 && unknowns == 0 && failed != 0) out.near_misses.push_back(s);
}

/// Pass 1, over the grassroots organizations: tieu-bieu-nam, the check tran-20-phan-tram and
/// the bloc's targets (they read the same counts).
void grassroots_pass(const BlocLayout& d, YardstickResult& r) {
    const std::uint8_t* level = d.level.data();
    const std::int32_t* end = d.end.data();
    std::vector<Candidate> eligible;
    std::size_t k = 0; // the grassroots organization's position in the dense arrays
    for (std::int32_t b : d.roots) {
        std::int64_t admitted = 0, orgs = 0, orgs_good = 0, orgs_unknown = 0;
        Counts bloc_members;
        for (std::int32_t t = b + 1; t < end[b]; t = end[t]) {
            const std::size_t tk = k++;
            const std::uint8_t lt = level[t];
            if (lt == level_absent) continue;
            // The subtree is contiguous: count it in one sweep; for a committee, its cells
            // are then taken out to leave the members.
            Counts members = count_range(level, t + 1, end[t]), children;
            if (d.kind[static_cast<std::size_t>(t)] == BlocKind::chi_bo_co_so) {
                children = members;
            } else {
                for (std::int32_t c = t + 1; c < end[t]; c = end[c])
                    count_one(children, level[c]);
                members -= children;
            }
            // tieu-bieu-nam
            const std::int64_t n = children.existing, good = children.good,
                               unrated = children.unrated;
            Truth c[4];
            c[0] = excellent(lt);
            c[1] = children.failing ? no : (unrated ? unknown : yes);
            c[2] = n == 0                         ? unknown
                   : 5 * good >= 4 * n            ? yes
                   : 5 * (good + unrated) < 4 * n ? no
                                                  : unknown;
            c[3] = d.tccsd_disciplined[tk] ? no : yes;
            bool ok = false;
            classify(c, 4, t, r.yearly, ok);
            const std::int64_t m_all = members.existing, m_x = members.excellent,
                               m_unrated = members.unrated, m_good = members.good;
            const std::int64_t adm = d.tccsd_admitted[tk];
            if (ok)
                eligible.push_back({t,
                                    d.id_rank[static_cast<std::size_t>(t)],
                                    {m_x, m_unrated, m_all},
                                    {adm, 0, 1}});
            // tran-20-phan-tram: count(X) <= 0.2 * count(HTTNV or better), over ranges.
            if (5 * (m_x + m_unrated) > m_good) {
                if (5 * m_x > m_good + m_unrated)
                    r.violations.push_back(t);
                else
                    r.check_unknown.push_back(t);
            }
            admitted += adm;
            ++orgs;
            orgs_good += lt <= 1;
            orgs_unknown += lt == level_missing;
            bloc_members += members;
        }
        if (level[b] == level_absent) continue;
        const std::int64_t goal = d.admission_target[static_cast<std::size_t>(b)];
        r.targets.push_back({0, b, static_cast<double>(admitted),
                             goal < 0 ? std::nullopt : std::optional<bool>(admitted >= goal)});
        // share(descendants('dang-vien'), rating >= HTTNV) > 0.9
        const std::int64_t mn = bloc_members.existing, mg = bloc_members.good,
                           mu = bloc_members.unrated;
        YardstickResult::Target members_target{1, b, std::nullopt, std::nullopt};
        if (mn > 0) {
            if (mu == 0) members_target.actual = static_cast<double>(mg) / static_cast<double>(mn);
            if (10 * mg > 9 * mn) members_target.met = true;
            if (10 * (mg + mu) <= 9 * mn) members_target.met = false;
        }
        r.targets.push_back(members_target);
        // tccsd_httnv / tccsd_total > 0.95
        YardstickResult::Target orgs_target{2, b, std::nullopt, std::nullopt};
        if (orgs > 0) {
            if (orgs_unknown == 0)
                orgs_target.actual = static_cast<double>(orgs_good) / static_cast<double>(orgs);
            if (20 * orgs_good > 19 * orgs) orgs_target.met = true;
            if (20 * (orgs_good + orgs_unknown) <= 19 * orgs) orgs_target.met = false;
        }
        r.targets.push_back(orgs_target);
    }
    select(eligible, 20, d, r.yearly);
    auto by_id = [&](std::vector<std::int32_t>& v) {
        std::sort(v.begin(), v.end(), [&](std::int32_t a, std::int32_t b) {
            return d.id_rank[static_cast<std::size_t>(a)] < d.id_rank[static_cast<std::size_t>(b)];
        });
    };
    by_id(r.violations);
    by_id(r.check_unknown);
}

/// Pass 2, over the cells under grassroots committees: tieu-bieu-5-nam.
void cell_pass(const BlocLayout& d, YardstickResult& r) {
    const int year = d.year, first_year = d.first_year;
    const std::uint8_t* level = d.level.data();
    const std::int32_t* end = d.end.data();
    const auto years = static_cast<std::size_t>(d.years());
    std::vector<Candidate> eligible;
    std::size_t q = 0; // the cell's position in the dense arrays
    for (std::int32_t b : d.roots)
        for (std::int32_t t = b + 1; t < end[b]; t = end[t]) {
            if (d.kind[static_cast<std::size_t>(t)] != BlocKind::dang_bo) continue;
            for (std::int32_t c = t + 1; c < end[t]; c = end[c]) {
                const std::size_t cq = q++;
                // history[i]: the year first_year + i
                const std::uint8_t* history = d.cell_history.data() + cq * years;
                const std::uint8_t lc = history[year - first_year] & 7;
                // Not applicable, or the gate fails: then it is neither eligible, unknown nor
                // a near miss, and nothing else need be looked at.
                if (lc != 0 && lc != level_missing) continue;
                Truth k[3];
                k[0] = excellent(lc);
                // streak(rating == HTXSNV, since = 'tieu-bieu-5-nam') >= 5, as a range
                const int since = d.cell_since[cq];
                const int first = since ? since + 1 : first_year;
                int lo = 0, hi = 0;
                bool lo_open = true;
                for (int y = year; y >= first; --y) {
                    const std::uint8_t l = history[y - first_year] & 7;
                    if (l == 0) {
                        lo += lo_open;
                        ++hi;
                    } else if (l == level_missing) {
                        lo_open = false;
                        ++hi;
                    } else {
                        break; // false, or a year it does not exist
                    }
                }
                k[1] = lo >= 5 ? yes : (hi < 5 ? no : unknown);
                // never(disciplined, last = 5); discipline is known wherever it exists
                k[2] = yes;
                for (int y = std::max(year - 4, first_year); y <= year; ++y)
                    if (history[y - first_year] & 8) k[2] = no;
                bool ok = false;
                classify(k, 3, c, r.five_years, ok);
                if (!ok) continue;
                const Counts members = count_range(level, c + 1, end[c]);
                const std::int64_t n = members.existing, u = members.unrated;
                eligible.push_back({c,
                                    d.id_rank[static_cast<std::size_t>(c)],
                                    {members.excellent, u, n},
                                    {members.good, u, n}});
            }
        }
    select(eligible, 3, d, r.five_years);
}

} // namespace

YardstickResult run_yardstick(const BlocLayout& layout) {
    YardstickResult r;
    grassroots_pass(layout, r);
    cell_pass(layout, r);
    return r;
}

Outcome outcome_of(const BlocLayout& d, const YardstickResult& r) {
    auto ids = [&](const std::vector<std::int32_t>& v) {
        std::vector<std::string> out;
        out.reserve(v.size());
        for (std::int32_t s : v)
            out.push_back(d.ids[static_cast<std::size_t>(s)]);
        return out;
    };
    auto award = [&](const char* id, const YardstickResult::Award& a) {
        AwardOutcome o;
        o.id = id;
        o.selected = ids(a.selected);
        for (const auto& t : a.ties)
            o.ties.push_back({t.places, ids(t.subjects)});
        o.over_limit = ids(a.over_limit);
        o.unknown = ids(a.unknown);
        o.near_misses = ids(a.near_misses);
        return o;
    };
    Outcome o;
    o.awards.push_back(award("tieu-bieu-nam", r.yearly));
    o.awards.push_back(award("tieu-bieu-5-nam", r.five_years));
    o.checks.push_back({"tran-20-phan-tram", ids(r.violations), ids(r.check_unknown)});
    static constexpr const char* target_ids[] = {"ket-nap", "dang-vien-httnv", "tccsd-httnv"};
    for (const auto& t : r.targets)
        o.targets.push_back(
            {target_ids[t.target], d.ids[static_cast<std::size_t>(t.subject)], t.actual, t.met});
    return o;
}

} // namespace commend::bench
