// The engine-wide thread setting (commend/run/threads.hpp).
#include "commend/run/threads.hpp"

#include <algorithm>
#include <atomic>

namespace commend {

namespace {
std::atomic<int> threads{2};
}

void set_worker_threads(int n) {
    threads = std::clamp(n, 1, 2);
}
int worker_threads() {
    return threads;
}

} // namespace commend
