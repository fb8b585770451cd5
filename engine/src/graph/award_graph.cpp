#include "commend/graph/award_graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/strong_components.hpp>
#include <queue>

namespace commend {

namespace {
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
}

std::size_t AwardGraph::index_of(const std::string& id) {
    auto it = std::find(ids_.begin(), ids_.end(), id);
    if (it != ids_.end()) return static_cast<std::size_t>(it - ids_.begin());
    ids_.push_back(id);
    return ids_.size() - 1;
}

void AwardGraph::add_award(const std::string& id) {
    index_of(id);
}

void AwardGraph::add_dependency(const std::string& award, const std::string& needs) {
    std::size_t a = index_of(award), n = index_of(needs);
    if (std::find(edges_.begin(), edges_.end(), std::make_pair(n, a)) == edges_.end())
        edges_.emplace_back(n, a);
}

std::vector<std::vector<std::string>> AwardGraph::cycles() const {
    Graph g(ids_.size());
    for (auto [from, to] : edges_)
        boost::add_edge(from, to, g);
    std::vector<int> component(ids_.size());
    int count = boost::strong_components(
        g,
        boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
    std::vector<std::vector<std::string>> groups(static_cast<std::size_t>(count));
    for (std::size_t v = 0; v < ids_.size(); ++v)
        groups[static_cast<std::size_t>(component[v])].push_back(ids_[v]);
    std::vector<std::vector<std::string>> out;
    std::vector<bool> reported(static_cast<std::size_t>(count), false);
    for (std::size_t v = 0; v < ids_.size(); ++v) {
        auto c = static_cast<std::size_t>(component[v]);
        if (reported[c]) continue;
        bool self_loop =
            std::find(edges_.begin(), edges_.end(), std::make_pair(v, v)) != edges_.end();
        if (groups[c].size() > 1 || self_loop) out.push_back(groups[c]);
        reported[c] = true;
    }
    return out;
}

std::vector<std::string> AwardGraph::order() const {
    // Kahn's algorithm, always taking the earliest-added ready award: deterministic and close
    // to file order, which a reader of the rules expects.
    std::vector<int> pending(ids_.size(), 0);
    for (auto [from, to] : edges_)
        if (from != to) ++pending[to];
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t v = 0; v < ids_.size(); ++v)
        if (pending[v] == 0) ready.push(v);
    std::vector<std::string> out;
    while (!ready.empty()) {
        std::size_t v = ready.top();
        ready.pop();
        out.push_back(ids_[v]);
        for (auto [from, to] : edges_)
            if (from == v && to != v && --pending[to] == 0) ready.push(to);
    }
    return out;
}

void AwardGraph::write_graphviz(std::ostream& out) const {
    Graph g(ids_.size());
    for (auto [from, to] : edges_)
        boost::add_edge(from, to, g);
    boost::write_graphviz(
        out, g, [&](std::ostream& o, std::size_t v) { o << "[label=\"" << ids_[v] << "\"]"; });
}

} // namespace commend
