// The organization tree: who is whose parent, children and descendants. Built on
// Boost.Graph, hidden behind this class. Subjects are laid out in depth-first preorder, so
// the descendants of a subject are one contiguous run of `preorder()` — set functions like
// `descendants('dang-vien')` scan an array instead of chasing pointers.
//
//   SubjectForest forest(data);
//   for (SubjectIndex c : forest.children(s)) …
//   std::span<const SubjectIndex> below = forest.descendants(s);
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "commend/data/dataset.hpp"

namespace commend {

class SubjectForest {
  public:
    /// `data` must have passed loading (no parent cycles: the loader reports those). The
    /// forest keeps its own copy of what it needs, so it stays valid when `data` moves.
    explicit SubjectForest(const DataSet& data);

    std::span<const SubjectIndex> children(SubjectIndex s) const {
        return {children_.data() + child_begin_[static_cast<std::size_t>(s)],
                children_.data() + child_begin_[static_cast<std::size_t>(s) + 1]};
    }
    std::span<const SubjectIndex> descendants(SubjectIndex s) const {
        auto p = static_cast<std::size_t>(position_[static_cast<std::size_t>(s)]);
        return {preorder_.data() + p + 1,
                preorder_.data() + p + subtree_size_[static_cast<std::size_t>(s)]};
    }
    const std::vector<SubjectIndex>& preorder() const { return preorder_; }
    SubjectIndex parent(SubjectIndex s) const { return parent_[static_cast<std::size_t>(s)]; }
    /// Kinds as small integers, so set functions compare ints, not strings. -1 = no such kind.
    int kind_id(std::string_view kind) const;
    int kind_of(SubjectIndex s) const { return kind_[static_cast<std::size_t>(s)]; }
    /// Every subject of kind `kind` (a kind_id), in subject order.
    const std::vector<SubjectIndex>& of_kind(int kind) const {
        static const std::vector<SubjectIndex> none;
        return kind >= 0 && static_cast<std::size_t>(kind) < by_kind_.size()
                   ? by_kind_[static_cast<std::size_t>(kind)]
                   : none;
    }
    /// The nearest proper ancestor whose kind is one of `kinds`, or no_subject.
    SubjectIndex nearest_ancestor(SubjectIndex s, const std::vector<int>& kinds) const;

    /// Graphviz text of the tree, for debugging (`dot -Tsvg`).
    void write_graphviz(std::ostream& out, const DataSet& data) const;

  private:
    std::vector<SubjectIndex> parent_;
    std::vector<SubjectIndex> preorder_;
    std::vector<int> position_, subtree_size_;
    std::vector<SubjectIndex> children_;
    std::vector<std::size_t> child_begin_;
    std::vector<int> kind_;
    std::vector<std::vector<SubjectIndex>> by_kind_; ///< kind id → its subjects, in order
    std::unordered_map<std::string, int> kind_ids_;
};

} // namespace commend
