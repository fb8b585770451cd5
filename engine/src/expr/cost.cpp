// The cost estimate of expressions (see commend/expr/cost.hpp). It follows the evaluator's
// loops without running them: a time function evaluates its argument once per year it looks
// at, a set function its condition once per member, so nested ones multiply. Set sizes come
// from the forest, per kind of the subject the set is taken from; inside a set function the
// subject is a member, whose kinds are known when the set names one (`descendants('dang-vien')`)
// — which is what keeps `count(descendants('dang-vien'), count(children(), …))` cheap on a
// tree whose party members have no children.
#include "commend/expr/cost.hpp"

#include <algorithm>

namespace commend::expr {

namespace {

/// Beyond this many kinds a set of kinds is treated as "any kind": the estimate stays an
/// upper bound, and its own bookkeeping stays small.
constexpr std::size_t max_tracked_kinds = 64;

/// a × b, where nothing times anything is nothing (an empty set evaluates no condition, even
/// when the condition would be unaffordable), so an estimate never becomes NaN.
double times(double a, double b) {
    return a == 0 || b == 0 ? 0 : a * b;
}

} // namespace

CostModel::CostModel(const DataSet& data, const SubjectForest& forest, int through_year)
    : forest_(forest) {
    years_ = std::clamp(through_year - data.first_year + 1, 1, 10000);
    const auto n = static_cast<SubjectIndex>(forest.preorder().size());
    for (SubjectIndex s = 0; s < n; ++s)
        kinds_ = std::max(kinds_, forest.kind_of(s) + 1);
    const auto kinds = static_cast<std::size_t>(kinds_);
    max_children_.assign(kinds, 0);
    max_descendants_.assign(kinds, 0);
    most_children_of_kind_.assign(kinds, 0);
    most_descendants_of_kind_.assign(kinds, 0);
    child_kinds_.assign(kinds, {});
    parent_kinds_.assign(kinds, {});

    // Counting members by kind reuses one array, resetting only the kinds it touched.
    std::vector<int> count(kinds, 0);
    std::vector<int> touched;
    auto tally = [&](SubjectIndex m) {
        auto k = static_cast<std::size_t>(forest.kind_of(m));
        if (count[k]++ == 0) touched.push_back(static_cast<int>(k));
    };
    auto settle = [&](std::vector<int>& most) {
        for (int k : touched) {
            auto& c = count[static_cast<std::size_t>(k)];
            most[static_cast<std::size_t>(k)] = std::max(most[static_cast<std::size_t>(k)], c);
            c = 0;
        }
        touched.clear();
    };

    for (SubjectIndex s = 0; s < n; ++s) {
        const auto k = static_cast<std::size_t>(forest.kind_of(s));
        const auto children = forest.children(s);
        const auto below = forest.descendants(s);
        max_children_[k] = std::max(max_children_[k], static_cast<int>(children.size()));
        max_descendants_[k] = std::max(max_descendants_[k], static_cast<int>(below.size()));
        all_children_ = std::max(all_children_, static_cast<int>(children.size()));
        all_descendants_ = std::max(all_descendants_, static_cast<int>(below.size()));
        for (SubjectIndex c : children) {
            tally(c);
            child_kinds_[k].push_back(forest.kind_of(c));
            parent_kinds_[static_cast<std::size_t>(forest.kind_of(c))].push_back(
                static_cast<int>(k));
        }
        settle(most_children_of_kind_);
        // A subject's descendants are among its root's, so the roots give the most of each kind.
        if (forest.parent(s) == no_subject) {
            for (SubjectIndex d : below)
                tally(d);
            settle(most_descendants_of_kind_);
        }
    }
    for (auto* lists : {&child_kinds_, &parent_kinds_})
        for (auto& l : *lists) {
            std::sort(l.begin(), l.end());
            l.erase(std::unique(l.begin(), l.end()), l.end());
        }
}

CostModel::Kinds CostModel::limited(std::vector<int> ids) const {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    Kinds k;
    if (ids.size() <= max_tracked_kinds) k.any = false, k.ids = std::move(ids);
    return k;
}

// The kinds related to subjects of kinds `k` through `lists` (parents or children). Stops as
// soon as there are too many to track: a data set may give every subject a kind of its own.
CostModel::Kinds CostModel::related(const Kinds& k,
                                    const std::vector<std::vector<int>>& lists) const {
    if (k.any) return {};
    std::vector<int> out;
    for (int id : k.ids)
        for (int r : lists[static_cast<std::size_t>(id)]) {
            if (std::find(out.begin(), out.end(), r) != out.end()) continue;
            if (out.size() == max_tracked_kinds) return {};
            out.push_back(r);
        }
    return limited(std::move(out));
}

CostModel::Kinds CostModel::parent_kinds(const Kinds& k) const {
    return related(k, parent_kinds_);
}

CostModel::Kinds CostModel::child_kinds(const Kinds& k) const {
    return related(k, child_kinds_);
}

CostModel::Kinds CostModel::descendant_kinds(const Kinds& k) const {
    // The kinds reachable through child_kinds: every kind found below these.
    if (k.any) return {};
    std::vector<int> out, todo = k.ids;
    while (!todo.empty()) {
        const int id = todo.back();
        todo.pop_back();
        for (int c : child_kinds_[static_cast<std::size_t>(id)]) {
            if (std::find(out.begin(), out.end(), c) != out.end()) continue;
            if (out.size() == max_tracked_kinds) return {};
            out.push_back(c);
            todo.push_back(c);
        }
    }
    return limited(std::move(out));
}

int CostModel::max_over(const std::vector<int>& per_kind, int any, const Kinds& k) const {
    if (k.any) return any;
    int most = 0;
    for (int id : k.ids)
        most = std::max(most, per_kind[static_cast<std::size_t>(id)]);
    return most;
}

// The kind id a children()/descendants() call names, -1 when none, -2 when the data has no
// subject of that kind (so the set is always empty).
int CostModel::kind_literal(const Call& c) const {
    if (c.args.empty()) return -1;
    const auto* t = std::get_if<TextLiteral>(&c.args[0]->node);
    if (!t) return -1;
    const int id = forest_.kind_id(t->value);
    return id >= 0 ? id : -2;
}

CostModel::SetSize CostModel::set_size(const Expr& e, const Kinds& k) {
    if (const auto* id = std::get_if<Identifier>(&e.node)) {
        if (id->resolved != IdentKind::let || !id->let) return {};
        const auto key = std::make_pair(id->let, k);
        if (auto it = let_set_.find(key); it != let_set_.end()) return it->second;
        return let_set_[key] = set_size(*id->let, k);
    }
    const auto* c = std::get_if<Call>(&e.node);
    if (!c) return {};
    switch (c->function) {
    case Function::children:
    case Function::descendants: {
        const bool children = c->function == Function::children;
        SetSize s;
        s.scanned = children ? max_over(max_children_, all_children_, k)
                             : max_over(max_descendants_, all_descendants_, k);
        const int kind = kind_literal(*c);
        if (kind == -2) return {s.scanned, 0, limited({})};
        if (kind >= 0) {
            const auto& most = children ? most_children_of_kind_ : most_descendants_of_kind_;
            s.members = std::min<double>(s.scanned, most[static_cast<std::size_t>(kind)]);
            s.kinds = limited({kind});
        } else {
            s.members = s.scanned;
            // The kinds seen under subjects of these kinds.
            s.kinds = children ? child_kinds(k) : descendant_kinds(k);
        }
        return s;
    }
    case Function::where: {
        SetSize s = set_size(*c->args[0], k);
        s.scanned += s.members;
        return s;
    }
    default:
        return {};
    }
}

double CostModel::steps(const Expr& e, const std::vector<int>& kinds) {
    return cost(e, kinds.empty() ? Kinds{} : limited(kinds));
}

double CostModel::cost(const Expr& e, const Kinds& k) {
    return std::visit(
        [&](const auto& n) -> double {
            using N = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<N, Identifier>) {
                // A [let] name is evaluated where it is used, so it costs its expression.
                if (n.resolved != IdentKind::let || !n.let) return 1;
                const auto key = std::make_pair(n.let, k);
                if (auto it = let_cost_.find(key); it != let_cost_.end()) return it->second;
                return let_cost_[key] = 1 + cost(*n.let, k);
            } else if constexpr (std::is_same_v<N, Unary>) {
                return 1 + cost(*n.operand, k);
            } else if constexpr (std::is_same_v<N, Binary>) {
                return 1 + cost(*n.left, k) + cost(*n.right, k);
            } else if constexpr (std::is_same_v<N, Call>) {
                return call_cost(e, n, k);
            } else {
                return 1; // literals
            }
        },
        e.node);
}

double CostModel::call_cost(const Expr& e, const Call& c, const Kinds& k) {
    auto arg = [&](std::size_t i, const Kinds& kinds) {
        return i < c.args.size() ? cost(*c.args[i], kinds) : 0.0;
    };
    const double years = years_;
    switch (c.function) {
    case Function::prev:
        return 1 + arg(0, k);
    case Function::streak:
        return 1 + times(years, 1 + arg(0, k));
    case Function::years:
    case Function::always:
    case Function::ever:
    case Function::never: {
        // The loop runs over the whole window; the argument is evaluated in the years of it
        // that are looked at, which the data's years bound.
        double loop = years;
        if (c.window == Call::Window::last || c.window == Call::Window::past)
            loop = c.window_n;
        else if (c.window == Call::Window::range)
            loop = double(c.window_to) - double(c.window_from) + 1;
        return 1 + loop + times(std::min(loop, years), arg(0, k));
    }
    case Function::children:
    case Function::descendants: {
        // Finding the kind by name and building the member list cost about ten steps.
        const SetSize s = set_size(e, k);
        return 10 + s.scanned + s.members;
    }
    case Function::where:
    case Function::count:
    case Function::share:
    case Function::all:
    case Function::any:
    case Function::none:
    case Function::sum:
    case Function::avg:
    case Function::set_min:
    case Function::set_max: {
        // The set is built once, then the condition (or value) is evaluated for each member,
        // whose kinds the set knows.
        const SetSize s = set_size(*c.args[0], k);
        return 1 + arg(0, k) + times(s.members, 1 + arg(1, s.kinds));
    }
    case Function::parent:
        return 1 + arg(0, parent_kinds(k));
    case Function::awarded:
    case Function::eligible:
        return 10; // lookups by the award's name
    default: {
        double total = 1;
        for (std::size_t i = 0; i < c.args.size(); ++i)
            total += arg(i, k);
        return total;
    }
    }
}

int evaluation_height(const Expr& e, std::map<const Expr*, int>& memo) {
    return std::visit(
        [&](const auto& n) -> int {
            using N = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<N, Identifier>) {
                if (n.resolved != IdentKind::let || !n.let) return 1;
                if (auto it = memo.find(n.let); it != memo.end()) return it->second;
                memo[n.let] = 1; // on the path: a let cycle (reported elsewhere) stops here
                return memo[n.let] = 1 + evaluation_height(*n.let, memo);
            } else if constexpr (std::is_same_v<N, Unary>) {
                return 1 + evaluation_height(*n.operand, memo);
            } else if constexpr (std::is_same_v<N, Binary>) {
                return 1 + std::max(evaluation_height(*n.left, memo),
                                    evaluation_height(*n.right, memo));
            } else if constexpr (std::is_same_v<N, Call>) {
                int h = 0;
                for (const auto& a : n.args)
                    h = std::max(h, evaluation_height(*a, memo));
                for (const auto& a : n.named)
                    h = std::max(h, evaluation_height(*a.value, memo));
                return 1 + h;
            } else {
                return 1;
            }
        },
        e.node);
}

} // namespace commend::expr
