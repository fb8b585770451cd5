#include "commend/graph/kind_runs.hpp"

namespace commend {

KindRuns::KindRuns(const DataSet& data, const SubjectForest& forest, const std::set<int>& columns)
    : first_year_(data.first_year), years_(data.year_count()), n_(data.subjects.size()) {
    if (columns.empty()) return;
    // Kinds one after the other, each kind's subjects in preorder.
    index_.resize(n_);
    std::uint32_t next = 0;
    for (int kind = 0; kind < forest.kind_count(); ++kind)
        for (SubjectIndex s : forest.in_preorder(kind).subjects)
            index_[static_cast<std::size_t>(s)] = next++;
    for (int column : columns) {
        if (column < 0 || static_cast<std::size_t>(column) >= data.yearly.size()) continue;
        const Column& col = data.yearly[static_cast<std::size_t>(column)];
        if (col.type != ColumnType::flag && col.type != ColumnType::level) continue;
        std::vector<std::int8_t> copy(static_cast<std::size_t>(years_) * n_);
        for (int y = data.first_year; y <= data.last_year; ++y) {
            const std::int8_t* from = col.bytes.data() + data.year_offset(y);
            std::int8_t* to = copy.data() + static_cast<std::size_t>(y - first_year_) * n_;
            for (std::size_t s = 0; s < n_; ++s)
                to[index_[s]] = from[s];
        }
        copies_.emplace_back(column, std::move(copy));
    }
}

const std::int8_t* KindRuns::bytes(int column, int year) const {
    if (year < first_year_ || year >= first_year_ + years_) return nullptr;
    for (const auto& [c, copy] : copies_)
        if (c == column) return copy.data() + static_cast<std::size_t>(year - first_year_) * n_;
    return nullptr;
}

} // namespace commend
