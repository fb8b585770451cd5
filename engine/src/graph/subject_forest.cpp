#include "commend/graph/subject_forest.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/graphviz.hpp>

namespace commend {

namespace {
using Tree = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// Records the preorder (discovery) and the size of every subtree (on finish).
struct PreorderVisitor : boost::default_dfs_visitor {
    std::vector<SubjectIndex>* order;
    std::vector<int>* position;
    std::vector<int>* size;
    void discover_vertex(Tree::vertex_descriptor v, const Tree&) const {
        (*position)[v] = static_cast<int>(order->size());
        order->push_back(static_cast<SubjectIndex>(v));
    }
    void finish_vertex(Tree::vertex_descriptor v, const Tree&) const {
        (*size)[v] = static_cast<int>(order->size()) - (*position)[v];
    }
};
} // namespace

SubjectForest::SubjectForest(const DataSet& data) {
    const std::size_t n = data.subjects.size();
    parent_.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        parent_[i] = data.subjects[i].parent;
    Tree tree(n);
    std::vector<std::size_t> child_count(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        SubjectIndex p = data.subjects[i].parent;
        if (p != no_subject) {
            boost::add_edge(static_cast<std::size_t>(p), i, tree);
            ++child_count[static_cast<std::size_t>(p)];
        }
    }
    // Children in input order, as one flat array with offsets.
    child_begin_.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i)
        child_begin_[i + 1] = child_begin_[i] + child_count[i];
    children_.resize(child_begin_[n]);
    std::vector<std::size_t> fill(child_begin_.begin(), child_begin_.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
        SubjectIndex p = data.subjects[i].parent;
        if (p != no_subject)
            children_[fill[static_cast<std::size_t>(p)]++] = static_cast<SubjectIndex>(i);
    }

    position_.assign(n, 0);
    subtree_size_.assign(n, 1);
    preorder_.reserve(n);
    PreorderVisitor visitor;
    visitor.order = &preorder_;
    visitor.position = &position_;
    visitor.size = &subtree_size_;
    std::vector<boost::default_color_type> colors(n, boost::white_color);
    auto color_map =
        boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, tree));
    for (std::size_t i = 0; i < n; ++i)
        if (data.subjects[i].parent == no_subject)
            boost::depth_first_visit(tree, i, visitor, color_map);

    kind_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto [it, added] =
            kind_ids_.emplace(data.subjects[i].kind, static_cast<int>(kind_ids_.size()));
        kind_[i] = it->second;
        if (by_kind_.size() <= static_cast<std::size_t>(it->second))
            by_kind_.resize(it->second + 1);
        by_kind_[static_cast<std::size_t>(it->second)].push_back(static_cast<SubjectIndex>(i));
    }
}

int SubjectForest::kind_id(std::string_view kind) const {
    auto it = kind_ids_.find(std::string(kind));
    return it == kind_ids_.end() ? -1 : it->second;
}

SubjectIndex SubjectForest::nearest_ancestor(SubjectIndex s, const std::vector<int>& kinds) const {
    for (SubjectIndex p = parent(s); p != no_subject; p = parent(p))
        if (std::find(kinds.begin(), kinds.end(), kind_of(p)) != kinds.end()) return p;
    return no_subject;
}

void SubjectForest::write_graphviz(std::ostream& out, const DataSet& data) const {
    Tree tree(data.subjects.size());
    for (std::size_t i = 0; i < data.subjects.size(); ++i)
        if (data.subjects[i].parent != no_subject)
            boost::add_edge(static_cast<std::size_t>(data.subjects[i].parent), i, tree);
    boost::write_graphviz(out, tree, [&](std::ostream& o, std::size_t v) {
        o << "[label=\"" << data.subjects[v].id << "\"]";
    });
}

} // namespace commend
