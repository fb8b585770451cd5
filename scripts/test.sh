#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit tests, the data-driven cases,
# golden files). The README's second command; CI runs it through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
