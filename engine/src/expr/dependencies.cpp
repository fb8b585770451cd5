// Which awards an expression reads in the evaluation year (SPEC §3: awards are evaluated in
// dependency order; `awarded` and `since` looking only at earlier years make no dependency).
#include <algorithm>

#include "commend/expr/checker.hpp"

namespace commend::expr {

namespace {

/// The [let] expressions already walked, with whether the walk could see the evaluation year.
using Walked = std::set<std::pair<const Expr*, bool>>;

// Walks a tree looking for eligible()/awarded() that read the evaluation year.
void collect_dependencies(const Expr& e, bool sees_eval_year, std::optional<int> in_force_from,
                          std::set<std::string>& out, Walked& lets) {
    std::visit(
        [&](const auto& n) {
            using N = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<N, Unary>) {
                collect_dependencies(*n.operand, sees_eval_year, in_force_from, out, lets);
            } else if constexpr (std::is_same_v<N, Binary>) {
                collect_dependencies(*n.left, sees_eval_year, in_force_from, out, lets);
                collect_dependencies(*n.right, sees_eval_year, in_force_from, out, lets);
            } else if constexpr (std::is_same_v<N, Identifier>) {
                // Each let is walked once (per way of seeing the year): a let used twice by a
                // let used twice by … would otherwise be walked 2^64 times, and a let in a
                // cycle (reported elsewhere) forever.
                if (n.resolved == IdentKind::let && n.let &&
                    lets.emplace(n.let, sees_eval_year).second)
                    collect_dependencies(*n.let, sees_eval_year, in_force_from, out, lets);
            } else if constexpr (std::is_same_v<N, Call>) {
                if (n.function == Function::eligible) out.insert(n.since_award);
                if (n.function == Function::awarded && sees_eval_year) out.insert(n.since_award);
                for (std::size_t i = 0; i < n.args.size(); ++i) {
                    bool sees = sees_eval_year;
                    if (i == 0) {
                        // Time functions whose window ends before the year looked at from
                        // cannot read the evaluation year's selection.
                        if (n.function == Function::prev) sees = false;
                        if (n.window == Call::Window::past) sees = false;
                        if (n.window == Call::Window::range && in_force_from &&
                            n.window_to < *in_force_from)
                            sees = false;
                    }
                    collect_dependencies(*n.args[i], sees, in_force_from, out, lets);
                }
            }
        },
        e.node);
}

} // namespace

std::set<std::string> award_dependencies(const Expr& root, std::optional<int> in_force_from) {
    std::set<std::string> out;
    Walked lets;
    collect_dependencies(root, true, in_force_from, out, lets);
    return out;
}

} // namespace commend::expr
