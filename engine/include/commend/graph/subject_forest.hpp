// The organization tree: who is whose parent, children and descendants. Built on
// Boost.Graph, hidden behind this class. Subjects are laid out in depth-first preorder, so
// the descendants of a subject are one contiguous run of `preorder()` — set functions like
// `descendants('dang-vien')` scan an array instead of chasing pointers.
//
//   SubjectForest forest(data);
//   for (SubjectIndex c : forest.children(s)) …
//   std::span<const SubjectIndex> below = forest.descendants(s);
#pragma once

#include <climits>
#include <cstdint>
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
        const Node& x = nodes_[static_cast<std::size_t>(s)];
        return {children_.data() + x.child_begin, children_.data() + x.child_end};
    }
    std::span<const SubjectIndex> descendants(SubjectIndex s) const {
        const Node& x = nodes_[static_cast<std::size_t>(s)];
        auto p = static_cast<std::size_t>(x.position);
        return {preorder_.data() + p + 1,
                preorder_.data() + p + static_cast<std::size_t>(x.subtree_size)};
    }
    const std::vector<SubjectIndex>& preorder() const { return preorder_; }
    SubjectIndex parent(SubjectIndex s) const { return parent_[static_cast<std::size_t>(s)]; }
    /// Kinds as small integers, so set functions compare ints, not strings. -1 = no such kind.
    int kind_id(std::string_view kind) const;
    int kind_of(SubjectIndex s) const { return nodes_[static_cast<std::size_t>(s)].kind; }
    /// How many kinds there are (kind ids are 0 .. kind_count() - 1).
    int kind_count() const { return static_cast<int>(by_kind_.size()); }
    /// Every subject of kind `kind` (a kind_id), in subject order.
    const std::vector<SubjectIndex>& of_kind(int kind) const {
        static const std::vector<SubjectIndex> none;
        return kind >= 0 && static_cast<std::size_t>(kind) < by_kind_.size()
                   ? by_kind_[static_cast<std::size_t>(kind)]
                   : none;
    }
    /// True when the subjects of kind `kind`, in subject order, have ascending ids (code
    /// point order), as files listing them by id give: a list built in subject order from
    /// one such kind is then already in the order reports want.
    bool ids_in_order(int kind) const {
        return kind >= 0 && static_cast<std::size_t>(kind) < ids_in_order_.size() &&
               ids_in_order_[static_cast<std::size_t>(kind)];
    }
    /// Position of `s` in preorder; `preorder()[position(s)] == s`.
    int position(SubjectIndex s) const { return nodes_[static_cast<std::size_t>(s)].position; }
    /// The subjects of kind `kind` in preorder, with their positions (ascending), so that
    /// the members of one kind below a subject are found by two binary searches rather than
    /// by scanning the whole subtree (a bloc's 190 committees among its 36,000 members).
    struct KindInPreorder {
        std::vector<int> positions;
        std::vector<SubjectIndex> subjects;
    };
    const KindInPreorder& in_preorder(int kind) const {
        static const KindInPreorder none;
        return kind >= 0 && static_cast<std::size_t>(kind) < kind_preorder_.size()
                   ? kind_preorder_[static_cast<std::size_t>(kind)]
                   : none;
    }
    /// Whether the subject exists in `year` (as Subject::exists_in), from compact arrays.
    bool exists(SubjectIndex s, int year) const {
        const Node& x = nodes_[static_cast<std::size_t>(s)];
        return year >= x.from && year <= x.until;
    }

    /// The kind id of the subject at each preorder position in `year`, or `absent` when it
    /// does not exist that year: one contiguous run of bytes per year of the data, so that a
    /// count over a subtree is a scan of adjacent bytes. Null for a year outside the data's
    /// years, or when there are more kinds than a byte holds. Sixteen bytes past the last
    /// run may be read (scans go sixteen bytes at a time).
    static constexpr std::uint8_t absent = 255;
    const std::uint8_t* kinds_in(int year) const {
        if (kinds_by_year_.empty() || year < first_year_ ||
            year >= first_year_ +
                        static_cast<int>((kinds_by_year_.size() - 16) / (preorder_.size() + 1)))
            return nullptr;
        return kinds_by_year_.data() +
               static_cast<std::size_t>(year - first_year_) * (preorder_.size() + 1);
    }
    /// True when subjects are numbered in preorder (`preorder()[p] == p`), as a file written
    /// in tree order gives: then a subtree's yearly values are one contiguous run too.
    bool numbered_in_preorder() const { return numbered_in_preorder_; }

    /// The first year the subject exists (Subject::from).
    int from(SubjectIndex s) const { return nodes_[static_cast<std::size_t>(s)].from; }
    /// Asks the processor to fetch what the accessors above read about `s`: batch loops call
    /// it a few subjects ahead, since a bloc's committees lie far apart in memory.
    void prefetch(SubjectIndex s) const {
        __builtin_prefetch(&nodes_[static_cast<std::size_t>(s)]);
    }

    /// The nearest proper ancestor whose kind is one of `kinds`, or no_subject.
    SubjectIndex nearest_ancestor(SubjectIndex s, const std::vector<int>& kinds) const;

    /// Graphviz text of the tree, for debugging (`dot -Tsvg`).
    void write_graphviz(std::ostream& out, const DataSet& data) const;

  private:
    std::vector<SubjectIndex> parent_;
    std::vector<SubjectIndex> preorder_;
    /// What is looked up about one subject, together: one cache line, not one per array.
    struct Node {
        int position = 0, subtree_size = 1; ///< in preorder; the subtree includes the subject
        std::uint32_t child_begin = 0, child_end = 0; ///< its run of children_
        int from = 0, until = INT_MAX;                ///< existence; open until = INT_MAX
        int kind = -1;
        int padding = 0;
    };
    std::vector<Node> nodes_;
    std::vector<SubjectIndex> children_;
    std::vector<std::vector<SubjectIndex>> by_kind_; ///< kind id → its subjects, in order
    std::vector<KindInPreorder> kind_preorder_;      ///< kind id → its subjects, in preorder
    std::vector<std::uint8_t> kinds_by_year_;        ///< see kinds_in(); n + 1 per year
    std::vector<bool> ids_in_order_;                 ///< per kind, see ids_in_order()
    int first_year_ = 0;
    bool numbered_in_preorder_ = false;
    std::unordered_map<std::string, int> kind_ids_;
};

} // namespace commend
