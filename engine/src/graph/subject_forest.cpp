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
    nodes_.resize(n);
    std::size_t begin = 0;
    for (std::size_t i = 0; i < n; ++i) {
        nodes_[i].child_begin = nodes_[i].child_end = static_cast<std::uint32_t>(begin);
        begin += child_count[i];
    }
    children_.resize(begin);
    for (std::size_t i = 0; i < n; ++i) {
        SubjectIndex p = data.subjects[i].parent;
        if (p != no_subject)
            children_[nodes_[static_cast<std::size_t>(p)].child_end++] =
                static_cast<SubjectIndex>(i);
    }

    std::vector<int> position(n, 0), subtree_size(n, 1);
    preorder_.reserve(n);
    PreorderVisitor visitor;
    visitor.order = &preorder_;
    visitor.position = &position;
    visitor.size = &subtree_size;
    std::vector<boost::default_color_type> colors(n, boost::white_color);
    auto color_map =
        boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, tree));
    for (std::size_t i = 0; i < n; ++i)
        if (data.subjects[i].parent == no_subject)
            boost::depth_first_visit(tree, i, visitor, color_map);

    for (std::size_t i = 0; i < n; ++i) {
        Node& x = nodes_[i];
        x.position = position[i];
        x.subtree_size = subtree_size[i];
        x.from = data.subjects[i].from;
        x.until = data.subjects[i].until.value_or(INT_MAX);
        auto [it, added] =
            kind_ids_.emplace(data.subjects[i].kind, static_cast<int>(kind_ids_.size()));
        x.kind = it->second;
        if (by_kind_.size() <= static_cast<std::size_t>(it->second))
            by_kind_.resize(it->second + 1);
        by_kind_[static_cast<std::size_t>(it->second)].push_back(static_cast<SubjectIndex>(i));
    }
    ids_in_order_.assign(by_kind_.size(), true);
    for (std::size_t k = 0; k < by_kind_.size(); ++k)
        for (std::size_t i = 1; i < by_kind_[k].size() && ids_in_order_[k]; ++i)
            ids_in_order_[k] = data.subjects[static_cast<std::size_t>(by_kind_[k][i - 1])].id <
                               data.subjects[static_cast<std::size_t>(by_kind_[k][i])].id;
    kind_preorder_.resize(by_kind_.size());
    for (std::size_t p = 0; p < preorder_.size(); ++p) {
        auto& k = kind_preorder_[static_cast<std::size_t>(kind_of(preorder_[p]))];
        k.positions.push_back(static_cast<int>(p));
        k.subjects.push_back(preorder_[p]);
    }
    numbered_in_preorder_ = true;
    for (std::size_t p = 0; p < n; ++p)
        numbered_in_preorder_ =
            numbered_in_preorder_ && preorder_[p] == static_cast<SubjectIndex>(p);
    // One byte more per year than positions, so that a year's run is never empty.
    if (by_kind_.size() < absent && data.year_count() > 0) {
        first_year_ = data.first_year;
        // Sixteen bytes more at the end, so that a scan may read a whole block past the last
        // position of the last year.
        kinds_by_year_.assign(static_cast<std::size_t>(data.year_count()) * (n + 1) + 16, absent);
        for (int y = data.first_year; y <= data.last_year; ++y) {
            std::uint8_t* run =
                kinds_by_year_.data() + static_cast<std::size_t>(y - first_year_) * (n + 1);
            for (std::size_t p = 0; p < n; ++p) {
                const Node& x = nodes_[static_cast<std::size_t>(preorder_[p])];
                if (y >= x.from && y <= x.until) run[p] = static_cast<std::uint8_t>(x.kind);
            }
        }
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
