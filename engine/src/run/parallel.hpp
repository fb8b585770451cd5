// Both cores for the work that is independent per subject (SPEC-neutral: the output is the
// same as one thread's). The items are split into contiguous halves, each worker writes only
// its own slots, and the caller assembles the results in item order afterwards — so nothing
// depends on which thread finished first.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

#include "commend/run/threads.hpp"

namespace commend::run_detail {

/// Below this many items a second thread costs more than it saves.
inline constexpr std::size_t min_items_per_thread = 2048;

/// Calls `work(worker, begin, end)` over [0, n) split among up to two workers (worker 0 runs
/// on the calling thread). `work` must only write state owned by its worker or its items.
template <class Work> void parallel_ranges(std::size_t n, Work&& work) {
    const std::size_t hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers =
        std::min<std::size_t>({static_cast<std::size_t>(worker_threads()), hardware,
                               std::max<std::size_t>(1, n / min_items_per_thread)});
    if (workers <= 1) {
        work(std::size_t{0}, std::size_t{0}, n);
        return;
    }
    const std::size_t half = n / 2;
    std::thread second([&] { work(std::size_t{1}, half, n); });
    work(std::size_t{0}, std::size_t{0}, half);
    second.join();
}

} // namespace commend::run_detail
