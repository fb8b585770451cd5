#include "commend/graph/subtree_sums.hpp"

#include <cmath>

namespace commend {

SubtreeSums::SubtreeSums(const DataSet& data, const SubjectForest& forest,
                         const std::set<int>& columns)
    : first_year_(data.first_year), years_(data.year_count()), stride_(data.subjects.size() + 1) {
    const std::vector<SubjectIndex>& preorder = forest.preorder();
    for (int column : columns) {
        if (column < 0 || static_cast<std::size_t>(column) >= data.yearly.size()) continue;
        const Column& col = data.yearly[static_cast<std::size_t>(column)];
        if (col.type != ColumnType::number || !col.small_integers) continue;
        Indexed x;
        x.column = column;
        x.running.resize(static_cast<std::size_t>(years_) * stride_);
        bool any_missing = false;
        for (int y = data.first_year; y <= data.last_year; ++y) {
            std::int64_t* run =
                x.running.data() + static_cast<std::size_t>(y - first_year_) * stride_;
            const double* numbers = col.numbers.data() + data.year_offset(y);
            std::int64_t total = 0;
            run[0] = 0;
            for (std::size_t p = 0; p < preorder.size(); ++p) {
                const SubjectIndex s = preorder[p];
                const double v = numbers[s];
                if (forest.exists(s, y)) {
                    if (std::isnan(v))
                        any_missing = true;
                    else
                        total += static_cast<std::int64_t>(v);
                }
                run[p + 1] = total;
            }
        }
        if (any_missing) {
            x.missing.resize(static_cast<std::size_t>(years_) * stride_);
            for (int y = data.first_year; y <= data.last_year; ++y) {
                std::int32_t* run =
                    x.missing.data() + static_cast<std::size_t>(y - first_year_) * stride_;
                const double* numbers = col.numbers.data() + data.year_offset(y);
                std::int32_t count = 0;
                run[0] = 0;
                for (std::size_t p = 0; p < preorder.size(); ++p) {
                    const SubjectIndex s = preorder[p];
                    count += forest.exists(s, y) && std::isnan(numbers[s]);
                    run[p + 1] = count;
                }
            }
        }
        indexed_.push_back(std::move(x));
    }
}

std::optional<SubtreeSums::Sum> SubtreeSums::sum(int column, int year, int first, int end) const {
    if (year < first_year_ || year >= first_year_ + years_) return std::nullopt;
    for (const Indexed& x : indexed_) {
        if (x.column != column) continue;
        const std::size_t at = static_cast<std::size_t>(year - first_year_) * stride_;
        const auto b = static_cast<std::size_t>(first), e = static_cast<std::size_t>(end);
        Sum out;
        out.total = static_cast<double>(x.running[at + e] - x.running[at + b]);
        if (!x.missing.empty()) out.missing = x.missing[at + e] - x.missing[at + b];
        return out;
    }
    return std::nullopt;
}

} // namespace commend
