// How many threads the engine may use for work that is independent per subject (reading the
// data files, evaluating an award's or a check's subjects). The output never depends on it:
// results are assembled in subject order whatever the number of threads.
#pragma once

namespace commend {

/// 1 or 2 (the default: both cores of the machines commend is sized for). Values outside
/// that range are clamped.
void set_worker_threads(int n);
int worker_threads();

} // namespace commend
