#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer (clang, any finding
# fatal) in build-sanitize/ and runs every test there. CI runs it after scripts/test.sh; the
# same build holds the fuzz targets (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${COMMEND_SANITIZE_DIR:-build-sanitize}
scripts/configure-sanitize.sh "$dir"
cmake --build "$dir" -j"${COMMEND_JOBS:-$(nproc)}" >&2
# Leaks count as findings too; a report stops the test at once.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$dir" --output-on-failure -j"${COMMEND_JOBS:-$(nproc)}"
