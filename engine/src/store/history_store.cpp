// TEMPORARY placeholder while the store is being written (replaced by the real implementation).
#include "commend/store/history_store.hpp"

namespace commend {

struct HistoryStore::Impl {};
HistoryStore::HistoryStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HistoryStore::~HistoryStore() = default;
std::unique_ptr<HistoryStore> HistoryStore::open(const std::string& path, Mode,
                                                 Diagnostics& diags) {
    diags.error("store.unavailable", {path, 0, 0}, "the history store is not built yet");
    return nullptr;
}
std::optional<DataTables> HistoryStore::read_tables(Diagnostics&) const {
    return std::nullopt;
}

} // namespace commend
