#!/usr/bin/env bash
# Configures the sanitizer build shared by scripts/sanitize.sh and scripts/fuzz.sh: clang 14,
# optimized with debug info, -fsanitize=address,undefined everywhere, the engine instrumented
# for libFuzzer and the fuzz targets built (COMMEND_FUZZ).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B "${1:-build-sanitize}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="${COMMEND_CLANG:-clang++-14}" -DCOMMEND_FUZZ=ON >/dev/null
