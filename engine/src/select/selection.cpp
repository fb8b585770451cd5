#include "commend/select/selection.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include "commend/select/id_order.hpp"
#include "commend/select/rank_order.hpp"

namespace commend {

int share_places(double share, int base, Limit::Round round, int min) {
    double exact = expr::snap(share * static_cast<double>(base));
    double r = round == Limit::Round::floor  ? std::floor(exact)
               : round == Limit::Round::ceil ? std::ceil(exact)
                                             : std::floor(exact + 0.5); // halves up
    return std::max(min, static_cast<int>(r));
}

namespace {
bool group_less(const Group& a, const Group& b) {
    if (!a || !b) return !a && b; // null first
    return *a < *b;
}
} // namespace

namespace {
/// The rank keys of every candidate side by side, when they are numbers, levels or truths,
/// turned so that a smaller value ranks first: comparing two candidates then reads two short
/// runs of doubles instead of two vectors of Values. A known value is its number, minus its
/// level index (a better level is greater) or its Truth, negated for a descending key; an
/// unknown one is +infinity, after every known value. Text keys (collation) stay Values.
struct FlatKeys {
    std::size_t width = 0;
    std::vector<double> value; ///< candidate i's key k at i * width + k
    static std::optional<FlatKeys> of(const std::vector<RankedCandidate>& eligible,
                                      const std::vector<RankKey>& keys) {
        FlatKeys f;
        f.width = keys.size();
        f.value.resize(eligible.size() * f.width);
        for (std::size_t k = 0; k < f.width; ++k) {
            // As compare_rank(): a key without a direction ranks the greater first.
            const bool descending = keys[k].direction != RankKey::Direction::asc;
            for (std::size_t i = 0; i < eligible.size(); ++i) {
                if (eligible[i].keys.size() < f.width) return std::nullopt;
                const expr::Value& v = eligible[i].keys[k];
                double x = INFINITY;
                if (v.known()) {
                    switch (v.kind) {
                    case expr::Type::number:
                        x = v.lo;
                        break;
                    case expr::Type::level:
                        x = -static_cast<double>(v.level);
                        break;
                    case expr::Type::boolean:
                        x = static_cast<double>(v.truth);
                        break;
                    default:
                        return std::nullopt;
                    }
                    if (descending) x = -x;
                }
                f.value[i * f.width + k] = x;
            }
        }
        return f;
    }
    /// As compare_rank() for candidates i and j: numbers equal to 12 digits are equal.
    int compare(std::size_t i, std::size_t j) const {
        for (std::size_t k = 0; k < width; ++k) {
            const double a = value[i * width + k], b = value[j * width + k];
            if (a == b || (std::isfinite(a) && std::isfinite(b) && expr::approx_equal(a, b)))
                continue;
            return a < b ? -1 : 1;
        }
        return 0;
    }
    /// The same with numbers compared exactly: a strict weak order, for nth_element.
    int compare_exactly(std::size_t i, std::size_t j) const {
        for (std::size_t k = 0; k < width; ++k) {
            const double a = value[i * width + k], b = value[j * width + k];
            if (a != b) return a < b ? -1 : 1;
        }
        return 0;
    }
};
} // namespace

void select_candidates(std::vector<RankedCandidate> eligible, const std::vector<RankKey>& keys,
                       const Places& places, AwardResult& out) {
    const std::optional<FlatKeys> flat = FlatKeys::of(eligible, keys);
    auto at = [&](const RankedCandidate* c) {
        return static_cast<std::size_t>(c - eligible.data());
    };
    auto compare = [&](const RankedCandidate* a, const RankedCandidate* b) {
        if (flat) return flat->compare(at(a), at(b));
        return compare_rank(a->keys, b->keys, keys);
    };
    // Ties on every key are ordered by id, and at national scale they are many (shares at the
    // 20 % cap): when a whole group is sorted, each id is read once for its prefix, not at
    // every comparison.
    std::vector<IdPrefix> prefix;
    auto by_id = [&](const RankedCandidate* a, const RankedCandidate* b) {
        if (prefix.empty()) return *a->id < *b->id;
        return id_less(prefix[at(a)], *a->id, prefix[at(b)], *b->id);
    };
    auto rank_less = [&](const RankedCandidate* a, const RankedCandidate* b) {
        int c = compare(a, b);
        return c != 0 ? c < 0 : by_id(a, b);
    };
    std::map<Group, std::vector<const RankedCandidate*>> groups;
    for (const auto& c : eligible)
        groups[c.group].push_back(&c);
    std::vector<const RankedCandidate*> chosen;
    for (auto& [group, members] : groups) {
        int left = places.unlimited ? static_cast<int>(members.size()) : places.of(group);
        if (left >= static_cast<int>(members.size())) { // every block fits
            chosen.insert(chosen.end(), members.begin(), members.end());
            continue;
        }
        if (left > 0 && flat) {
            // Only the cut matters: the candidate ranked `left`-th splits the others into
            // better (all taken), equal (taken if they fit, else tied) and worse (over the
            // limit). A selection, not a sort — thousands of eligible for a few places. It
            // runs on keys compared exactly, and holds when no candidate on either side of
            // the cut equals it to 12 digits; otherwise the group is sorted as below.
            auto key_less = [&](const RankedCandidate* a, const RankedCandidate* b) {
                return flat->compare_exactly(at(a), at(b)) < 0;
            };
            std::nth_element(members.begin(), members.begin() + (left - 1), members.end(),
                             key_less);
            const RankedCandidate* cut = members[static_cast<std::size_t>(left - 1)];
            std::vector<const RankedCandidate*> better, equal, worse;
            bool clear_cut = true;
            for (const RankedCandidate* m : members) {
                const int c = flat->compare_exactly(at(m), at(cut));
                (c < 0 ? better : c == 0 ? equal : worse).push_back(m);
                if (c != 0 && flat->compare(at(m), at(cut)) != c) clear_cut = false;
            }
            if (clear_cut) {
                for (const RankedCandidate* m : worse)
                    out.over_limit.push_back({m->subject, group});
                chosen.insert(chosen.end(), better.begin(), better.end());
                if (better.size() + equal.size() == static_cast<std::size_t>(left)) {
                    chosen.insert(chosen.end(), equal.begin(), equal.end());
                } else {
                    std::sort(equal.begin(), equal.end(), by_id);
                    AwardResult::Tie tie{group, left - static_cast<int>(better.size()), {}};
                    for (const RankedCandidate* m : equal)
                        tie.subjects.push_back(m->subject);
                    out.ties.push_back(std::move(tie));
                }
                continue;
            }
        }
        // Walk the group in rank order; blocks of candidates equal on every key go together.
        if (prefix.empty()) {
            prefix.reserve(eligible.size());
            for (const auto& c : eligible)
                prefix.emplace_back(*c.id);
        }
        std::stable_sort(members.begin(), members.end(), rank_less);
        std::size_t i = 0;
        while (i < members.size()) {
            std::size_t j = i + 1;
            while (j < members.size() && compare(members[i], members[j]) == 0)
                ++j;
            int block = static_cast<int>(j - i);
            if (block <= left) {
                for (std::size_t k = i; k < j; ++k)
                    chosen.push_back(members[k]);
                left -= block;
            } else if (left > 0) {
                AwardResult::Tie tie{group, left, {}};
                for (std::size_t k = i; k < j; ++k)
                    tie.subjects.push_back(members[k]->subject);
                out.ties.push_back(std::move(tie));
                left = 0;
            } else {
                for (std::size_t k = i; k < j; ++k)
                    out.over_limit.push_back({members[k]->subject, group});
            }
            i = j;
        }
    }
    // `chosen` keeps rank order within groups; the selected list is ordered over all groups.
    std::stable_sort(chosen.begin(), chosen.end(), rank_less);
    int rank = 0;
    for (const auto* c : chosen)
        out.selected.push_back({c->subject, ++rank, c->group});
    std::stable_sort(out.ties.begin(), out.ties.end(),
                     [](const AwardResult::Tie& a, const AwardResult::Tie& b) {
                         return group_less(a.group, b.group);
                     });
}

} // namespace commend
