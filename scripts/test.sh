#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit tests, the data-driven cases,
# golden files, the HTML review in headless Chromium). The README's second command; CI runs it
# through .ci/run. Here the browser tests must run: Chromium is installed, and
# COMMEND_REQUIRE_BROWSER turns its absence into a failure rather than a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --browser
scripts/build.sh
COMMEND_REQUIRE_BROWSER=1 ctest --test-dir build --output-on-failure -j"$(nproc)"
