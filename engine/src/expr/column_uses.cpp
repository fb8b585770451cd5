// Which columns the rules use in ways worth an index built at load: the columns summed over
// descendants of every kind (graph/subtree_sums.hpp) and the columns read inside time functions
// (graph/kind_runs.hpp). Walks of checked expression trees, each [let] walked once.
#include <set>

#include "commend/expr/batch_evaluator.hpp"
#include "expr/functions.hpp"

namespace commend::expr {

namespace {
void collect_summed(const Expr& e, std::set<int>& out, std::set<const Expr*>& lets) {
    std::visit(
        [&](const auto& n) {
            using N = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<N, Unary>) {
                collect_summed(*n.operand, out, lets);
            } else if constexpr (std::is_same_v<N, Binary>) {
                collect_summed(*n.left, out, lets);
                collect_summed(*n.right, out, lets);
            } else if constexpr (std::is_same_v<N, Identifier>) {
                if (n.resolved == IdentKind::let && n.let && lets.insert(n.let).second)
                    collect_summed(*n.let, out, lets); // each let once
            } else if constexpr (std::is_same_v<N, Call>) {
                if (n.function == Function::sum && n.args.size() == 2)
                    if (const auto* set = std::get_if<Call>(&n.args[0]->node);
                        set && set->function == Function::descendants && set->args.empty()) {
                        const Expr* value = n.args[1].get();
                        while (const auto* id = std::get_if<Identifier>(&value->node)) {
                            if (id->resolved == IdentKind::yearly) out.insert(id->index);
                            if (id->resolved != IdentKind::let || !id->let) break;
                            value = id->let;
                        }
                    }
                for (const auto& a : n.args)
                    collect_summed(*a, out, lets);
            }
        },
        e.node);
}
} // namespace

std::set<int> summed_over_descendants(const Expr& root) {
    std::set<int> out;
    std::set<const Expr*> lets;
    collect_summed(root, out, lets);
    return out;
}

namespace {
/// Collects the yearly columns read anywhere below `e` (into `out`), or, with `inside` false,
/// only those below the arguments of time functions.
void collect_over_time(const Expr& e, bool inside, std::set<int>& out,
                       std::set<std::pair<const Expr*, bool>>& lets) {
    std::visit(
        [&](const auto& n) {
            using N = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<N, Unary>) {
                collect_over_time(*n.operand, inside, out, lets);
            } else if constexpr (std::is_same_v<N, Binary>) {
                collect_over_time(*n.left, inside, out, lets);
                collect_over_time(*n.right, inside, out, lets);
            } else if constexpr (std::is_same_v<N, Identifier>) {
                if (inside && n.resolved == IdentKind::yearly && n.index >= 0) out.insert(n.index);
                if (n.resolved == IdentKind::let && n.let && lets.emplace(n.let, inside).second)
                    collect_over_time(*n.let, inside, out, lets); // each let once per way
            } else if constexpr (std::is_same_v<N, Call>) {
                const bool time = is_time_function(n.function);
                for (std::size_t i = 0; i < n.args.size(); ++i)
                    collect_over_time(*n.args[i], inside || (time && i == 0), out, lets);
            }
        },
        e.node);
}
} // namespace

std::set<int> read_over_time(const Expr& root) {
    std::set<int> out;
    std::set<std::pair<const Expr*, bool>> lets;
    collect_over_time(root, false, out, lets);
    return out;
}

} // namespace commend::expr
