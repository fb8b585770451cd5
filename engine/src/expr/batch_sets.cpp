// Set kernels of the batch evaluator: count, share, all, any, none over children() or
// descendants('kind') with a condition a stored byte decides, and sum, avg, min, max of a
// number column over them. The members are those the tree walker's members() lists, in the
// same order, so sums add the same doubles in the same order.
#include <algorithm>
#include <cmath>
#include <limits>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "commend/expr/batch_evaluator.hpp"
#include "expr/byte_test.hpp"
#include "expr/value_ops.hpp"

namespace commend::expr {

namespace {

/// How many subjects ahead the loops ask for a subject's tree data.
constexpr std::size_t prefetch_distance = 8;

/// The members of a children()/descendants() call: which relation and which kind.
struct MemberSet {
    bool descendants = false;
    int kind = -2; ///< -2: any kind; -1: a kind no subject has (an empty set)
};

std::optional<MemberSet> member_set(const Expr& e, const SubjectForest& forest) {
    const auto* c = std::get_if<Call>(&e.node);
    if (!c || (c->function != Function::children && c->function != Function::descendants))
        return std::nullopt;
    MemberSet m;
    m.descendants = c->function == Function::descendants;
    if (!c->args.empty()) {
        const auto* t = std::get_if<TextLiteral>(&c->args[0]->node);
        m.kind = t ? forest.kind_id(t->value) : -1;
    }
    return m;
}

/// Calls `f(member)` for every member of `set` for subject `s` that exists in `year`, in the
/// order of the tree walker's members(): children in child order, descendants in preorder.
template <class F>
void for_each_member(const SubjectForest& forest, const MemberSet& set, SubjectIndex s, int year,
                     F&& f) {
    if (set.kind == -1) return;
    if (!set.descendants) {
        for (SubjectIndex m : forest.children(s))
            if ((set.kind == -2 || forest.kind_of(m) == set.kind) && forest.exists(m, year)) f(m);
        return;
    }
    if (set.kind == -2) {
        for (SubjectIndex m : forest.descendants(s))
            if (forest.exists(m, year)) f(m);
        return;
    }
    // Only the members of the kind: their positions are a sorted list, and the subtree is
    // the run of positions (position(s), position(s) + subtree size).
    const auto& k = forest.in_preorder(set.kind);
    const int first = forest.position(s) + 1;
    const int end = first + static_cast<int>(forest.descendants(s).size());
    auto lo = std::lower_bound(k.positions.begin(), k.positions.end(), first);
    auto hi = std::lower_bound(lo, k.positions.end(), end);
    const SubjectIndex* subjects = k.subjects.data();
    // Whether each exists: the year's presence byte at its position when there is one (the
    // list gives positions), a byte among neighbours rather than a scattered node.
    const std::uint8_t* present = forest.kinds_in(year);
    for (auto i = static_cast<std::size_t>(lo - k.positions.begin()),
              e = static_cast<std::size_t>(hi - k.positions.begin());
         i < e; ++i)
        if (present ? present[k.positions[i]] != SubjectForest::absent
                    : forest.exists(subjects[i], year))
            f(subjects[i]);
}

/// Members counted by a condition: those for which it holds, is unknown, and all of them.
struct Counts {
    int yes = 0, unknown = 0, total = 0;
};

/// Counts the subjects at positions [first, end) of kind `kind` (any kind when `any_kind`)
/// that exist in the year, `present` being the year's kinds_in() run and `bytes` the year's
/// run of the tested column, both by position, of which the first `readable` may be read.
/// Sixteen positions at a time where the processor has SSE2 (every x86-64 has) — the last,
/// partial block masked when sixteen bytes can be read there — else one by one, branch-free.
template <bool any_kind, bool tested>
Counts scan(const std::uint8_t* present, const std::int8_t* bytes, int first, int end,
            std::size_t readable, std::uint8_t kind, const ByteTest& test) {
    int yes = 0, unknown = 0, total = 0;
    const int lo = test.lo, hi = test.hi, negate = test.negate;
    int p = first;
#if defined(__SSE2__)
    const __m128i all = _mm_set1_epi8(-1), absent = _mm_set1_epi8(-1), zero = _mm_setzero_si128();
    const __m128i kinds = _mm_set1_epi8(static_cast<char>(kind));
    const __m128i below = _mm_set1_epi8(static_cast<char>(lo)); // lo, hi are within 0..127
    const __m128i above = _mm_set1_epi8(static_cast<char>(hi));
    const __m128i flip = negate ? zero : all;
    const __m128i lanes = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    // Sixteen byte-wide counters (a matching byte is -1, so subtracting it counts it), added
    // into integers every 255 blocks, before a byte could overflow.
    __m128i in_count = zero, yes_count = zero, unknown_count = zero;
    int blocks = 0;
    auto sum_bytes = [&](__m128i counters) {
        const __m128i sums = _mm_sad_epu8(counters, zero);
        return _mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
    };
    auto flush = [&] {
        total += sum_bytes(in_count);
        yes += sum_bytes(yes_count);
        unknown += sum_bytes(unknown_count);
        in_count = yes_count = unknown_count = zero;
        blocks = 0;
    };
    auto block = [&](int at, __m128i wanted) {
        const __m128i k = _mm_loadu_si128(reinterpret_cast<const __m128i*>(present + at));
        __m128i in =
            any_kind ? _mm_xor_si128(_mm_cmpeq_epi8(k, absent), all) : _mm_cmpeq_epi8(k, kinds);
        in = _mm_and_si128(in, wanted);
        in_count = _mm_sub_epi8(in_count, in);
        if constexpr (tested) {
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at));
            const __m128i missing = _mm_cmplt_epi8(b, zero);
            const __m128i outside =
                _mm_or_si128(_mm_cmplt_epi8(b, below), _mm_cmpgt_epi8(b, above));
            // holds: known, and inside the range (outside it when negated)
            const __m128i holds = _mm_andnot_si128(missing, _mm_xor_si128(outside, flip));
            yes_count = _mm_sub_epi8(yes_count, _mm_and_si128(in, holds));
            unknown_count = _mm_sub_epi8(unknown_count, _mm_and_si128(in, missing));
        }
        if (++blocks == 255) flush();
    };
    for (; p + 16 <= end; p += 16)
        block(p, all);
    if (p < end && static_cast<std::size_t>(p) + 16 <= readable) {
        block(p, _mm_cmplt_epi8(lanes, _mm_set1_epi8(static_cast<char>(end - p))));
        p = end;
    }
    flush();
#else
    (void)readable;
#endif
    for (; p < end; ++p) {
        const int in = any_kind ? present[p] != SubjectForest::absent : present[p] == kind;
        total += in;
        if constexpr (tested) {
            const int b = bytes[p];
            const int known = b >= 0, inside = (b >= lo) & (b <= hi);
            unknown += in & (known ^ 1);
            yes += in & known & (inside ^ negate);
        }
    }
    return {yes, unknown, total};
}

/// The positions [first, end) of the members of `s` below it in preorder.
std::pair<int, int> subtree(const SubjectForest& forest, SubjectIndex s) {
    const int first = forest.position(s) + 1;
    return {first, first + static_cast<int>(forest.descendants(s).size())};
}

/// The yearly number column `e` names (through [let] names), or null.
const Column* number_column(const Expr& e, const DataSet& data) {
    const auto* id = std::get_if<Identifier>(&e.node);
    if (!id) return nullptr;
    if (id->resolved == IdentKind::let) return id->let ? number_column(*id->let, data) : nullptr;
    if (id->resolved != IdentKind::yearly || id->index < 0) return nullptr;
    const Column& c = data.yearly[static_cast<std::size_t>(id->index)];
    return c.type == ColumnType::number ? &c : nullptr;
}

} // namespace

bool BatchEvaluator::set_kernel(const Call& c, std::span<const SubjectIndex> s, Results& out) {
    const auto set = member_set(*c.args[0], ctx_.forest);
    if (!set) return false;
    const int year = ctx_.year;
    const std::size_t n = s.size();

    if (c.function == Function::sum || c.function == Function::avg ||
        c.function == Function::set_min || c.function == Function::set_max) {
        const Column* col = c.args.size() > 1 ? number_column(*c.args[1], ctx_.data) : nullptr;
        if (!col) return false;
        const double* numbers = col->numbers.data() + year_at_;
        out.kind = Type::number;
        out.lo.resize(n);
        out.hi.resize(n);
        const std::uint8_t* present = ctx_.forest.kinds_in(year);
        const bool lanes = c.function == Function::sum && col->small_integers && present &&
                           ctx_.forest.numbered_in_preorder() && set->descendants &&
                           set->kind != -1;
        const auto column = static_cast<int>(col - ctx_.data.yearly.data());
        const bool indexed =
            c.function == Function::sum && ctx_.sums && set->descendants && set->kind == -2;
        for (std::size_t i = 0; i < n; ++i) {
            if (i + prefetch_distance < n) ctx_.forest.prefetch(s[i + prefetch_distance]);
            if (indexed) {
                // Indexed: the difference of two running sums (graph/subtree_sums.hpp).
                const auto [from, end] = subtree(ctx_.forest, s[i]);
                if (const auto sum = ctx_.sums->sum(column, year, from, end)) {
                    out.lo[i] = sum->missing ? -INFINITY : sum->total;
                    out.hi[i] = sum->missing ? INFINITY : sum->total;
                    continue;
                }
            }
            if (lanes) {
                // Small integers add exactly in any order: four lanes, then one NaN test for
                // a missing value among the members (the one-by-one sum is then -inf..inf).
                const auto [from, end] = subtree(ctx_.forest, s[i]);
                const auto kind = static_cast<std::uint8_t>(std::max(set->kind, 0));
                const bool any_kind = set->kind == -2;
                double lane[4] = {0, 0, 0, 0};
                int p = from;
                auto add = [&](int q, double& to) {
                    const bool in =
                        any_kind ? present[q] != SubjectForest::absent : present[q] == kind;
                    to += in ? numbers[q] : 0.0;
                };
                for (; p + 4 <= end; p += 4)
                    for (int l = 0; l < 4; ++l)
                        add(p + l, lane[l]);
                for (; p < end; ++p)
                    add(p, lane[0]);
                const double total = (lane[0] + lane[1]) + (lane[2] + lane[3]);
                out.lo[i] = std::isnan(total) ? -INFINITY : total;
                out.hi[i] = std::isnan(total) ? INFINITY : total;
                continue;
            }
            double lo = 0, hi = 0;
            bool first = true;
            std::size_t size = 0;
            for_each_member(ctx_.forest, *set, s[i], year, [&](SubjectIndex m) {
                const double x = numbers[m];
                const double vlo = std::isnan(x) ? -INFINITY : x,
                             vhi = std::isnan(x) ? INFINITY : x;
                if (c.function == Function::sum || c.function == Function::avg) {
                    lo += vlo, hi += vhi;
                } else if (first) {
                    lo = vlo, hi = vhi;
                } else if (c.function == Function::set_min) {
                    lo = std::min(lo, vlo), hi = std::min(hi, vhi);
                } else {
                    lo = std::max(lo, vlo), hi = std::max(hi, vhi);
                }
                first = false;
                ++size;
            });
            if (c.function != Function::sum && size == 0)
                lo = -INFINITY, hi = INFINITY;
            else if (c.function == Function::avg)
                lo /= double(size), hi /= double(size);
            out.lo[i] = lo;
            out.hi[i] = hi;
        }
        return true;
    }

    // count, share, all, any, none: the condition is a byte test, a constant or absent.
    std::optional<ByteTest> test;
    Truth constant = Truth::yes;
    if (c.args.size() > 1) {
        if (const auto* b = std::get_if<BoolLiteral>(&c.args[1]->node))
            constant = truth_of(b->value);
        else if (!(test = byte_test(*c.args[1], ctx_.data)))
            return false;
    }
    const std::int8_t* bytes = test ? test->column->bytes.data() + year_at_ : nullptr;
    // How far a block scan may read from the start of the year's runs: to the end of the
    // tested column (the kinds run is padded).
    const std::size_t readable =
        test ? test->column->bytes.size() - year_at_ : std::numeric_limits<std::size_t>::max();
    const SubjectForest& forest = ctx_.forest;
    const std::uint8_t* present = forest.kinds_in(year);
    const bool numbered = present && forest.numbered_in_preorder();
    const bool contiguous = numbered && set->descendants;
    // A kind that is at least an eighth of all subjects is scanned for; a rarer one (the
    // committees among a bloc's members) is looked up in its list of positions.
    const bool dense =
        set->kind == -2 || (set->kind >= 0 && forest.in_preorder(set->kind).positions.size() * 8 >=
                                                  forest.preorder().size());
    const ByteTest none_test{};
    std::vector<int> yes(n), unknown(n), size(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (i + prefetch_distance < n) forest.prefetch(s[i + prefetch_distance]);
        Counts k;
        // Descendants of subjects numbered in preorder: their bytes are one contiguous run;
        // scan it unless the kind is so sparse that its list of positions is shorter.
        // Children that have no children of their own are the whole subtree: one run, too.
        const bool leaves_below = numbered && !set->descendants &&
                                  forest.children(s[i]).size() == forest.descendants(s[i]).size();
        if ((contiguous || leaves_below) && set->kind != -1) {
            const auto [first, end] = subtree(forest, s[i]);
            if (dense || leaves_below) {
                const auto kind = static_cast<std::uint8_t>(std::max(set->kind, 0));
                k = set->kind == -2
                        ? (test
                               ? scan<true, true>(present, bytes, first, end, readable, kind, *test)
                               : scan<true, false>(present, bytes, first, end, readable, kind,
                                                   none_test))
                        : (test ? scan<false, true>(present, bytes, first, end, readable, kind,
                                                    *test)
                                : scan<false, false>(present, bytes, first, end, readable, kind,
                                                     none_test));
                if (!test) k.yes = constant == Truth::yes ? k.total : 0;
                yes[i] = k.yes, unknown[i] = k.unknown, size[i] = k.total;
                continue;
            }
        }
        if (!set->descendants && numbered && set->kind != -1) {
            // Children of subjects numbered in preorder: whether one exists (and its kind)
            // is a byte of the year's run, not a look-up in the forest's nodes.
            const int lo = test ? test->lo : 0, hi = test ? test->hi : 127;
            const int negate = test ? test->negate : 0;
            for (SubjectIndex m : forest.children(s[i])) {
                const int in =
                    set->kind == -2 ? present[m] != SubjectForest::absent : present[m] == set->kind;
                const int b = test ? bytes[m] : 0;
                const int known = b >= 0, inside = (b >= lo) & (b <= hi);
                k.yes += in & known & (inside ^ negate);
                k.unknown += in & (known ^ 1);
                k.total += in;
            }
            if (!test) k.yes = constant == Truth::yes ? k.total : 0;
            yes[i] = k.yes, unknown[i] = k.unknown, size[i] = k.total;
            continue;
        }
        if (test)
            for_each_member(
                forest, *set, s[i], year,
                [&, lo = test->lo, hi = test->hi, negate = int(test->negate)](SubjectIndex m) {
                    // Without branches: whether a member's condition holds is data, not a
                    // pattern the processor could predict.
                    const int b = bytes[m];
                    const int known = b >= 0, inside = (b >= lo) & (b <= hi);
                    k.yes += known & (inside ^ negate);
                    k.unknown += known ^ 1;
                    ++k.total;
                });
        else
            for_each_member(forest, *set, s[i], year, [&](SubjectIndex) { ++k.total; });
        if (!test) k.yes = constant == Truth::yes ? k.total : 0;
        yes[i] = k.yes, unknown[i] = k.unknown, size[i] = k.total;
    }

    switch (c.function) {
    case Function::count:
    case Function::share:
        out.kind = Type::number;
        out.lo.resize(n);
        out.hi.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            if (c.function == Function::count) {
                out.lo[i] = yes[i];
                out.hi[i] = yes[i] + unknown[i];
            } else if (size[i] == 0) {
                out.lo[i] = -INFINITY, out.hi[i] = INFINITY;
            } else {
                out.lo[i] = double(yes[i]) / double(size[i]);
                out.hi[i] = double(yes[i] + unknown[i]) / double(size[i]);
            }
        }
        return true;
    default:
        out.kind = Type::boolean;
        out.truth.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            out.truth[i] = quantify(quantifier_of(c.function), yes[i], unknown[i],
                                    size[i] - yes[i] - unknown[i]);
        return true;
    }
}

} // namespace commend::expr
