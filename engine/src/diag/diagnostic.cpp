#include "commend/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace commend {

void Diagnostics::sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.pos.file, a.pos.line, a.pos.column) <
               std::tie(b.pos.file, b.pos.line, b.pos.column);
    });
}

} // namespace commend
