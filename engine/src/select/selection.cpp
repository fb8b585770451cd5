#include "commend/select/selection.hpp"

#include <algorithm>
#include <cmath>

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

void select_candidates(std::vector<RankedCandidate> eligible, const std::vector<RankKey>& keys,
                       const Places& places, AwardResult& out) {
    // Sorted as pointers: a candidate carries its id and keys, too much to move about.
    std::vector<const RankedCandidate*> order;
    order.reserve(eligible.size());
    for (const auto& c : eligible)
        order.push_back(&c);
    std::stable_sort(order.begin(), order.end(),
                     [&](const RankedCandidate* a, const RankedCandidate* b) {
                         int c = compare_rank(a->keys, b->keys, keys);
                         return c != 0 ? c < 0 : *a->id < *b->id;
                     });
    // Walk each group in rank order; blocks of candidates equal on every key go together.
    std::map<Group, std::vector<const RankedCandidate*>> groups;
    for (const RankedCandidate* c : order)
        groups[c->group].push_back(c);
    std::vector<const RankedCandidate*> chosen;
    for (auto& [group, members] : groups) {
        int left = places.unlimited ? static_cast<int>(members.size()) : places.of(group);
        std::size_t i = 0;
        while (i < members.size()) {
            std::size_t j = i + 1;
            while (j < members.size() &&
                   compare_rank(members[i]->keys, members[j]->keys, keys) == 0)
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
    std::stable_sort(chosen.begin(), chosen.end(),
                     [&](const RankedCandidate* a, const RankedCandidate* b) {
                         int c = compare_rank(a->keys, b->keys, keys);
                         return c != 0 ? c < 0 : *a->id < *b->id;
                     });
    int rank = 0;
    for (const auto* c : chosen)
        out.selected.push_back({c->subject, ++rank, c->group});
    std::stable_sort(out.ties.begin(), out.ties.end(),
                     [](const AwardResult::Tie& a, const AwardResult::Tie& b) {
                         return group_less(a.group, b.group);
                     });
}

} // namespace commend
