#!/usr/bin/env bash
# The README's picture of the year-end review, made by the project's own command:
# `commend report` on the shipped sample's 2021, opened in headless Chromium at 1280 px.
#   scripts/screenshot.sh [OUT.png]          default: docs/review-2021.png
# Needs build/commend (scripts/build.sh; or COMMEND=path/to/commend) and Chromium
# (scripts/install-deps.sh --browser).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/review-2021.png}
commend=${COMMEND:-build/commend}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$commend" report --rules rules/khoi-co-quan-tinh --data samples/khoi-co-quan-tinh --year 2021 \
  -o "$tmp/review.html"
# --no-sandbox: as root (CI, containers) Chromium's sandbox refuses to start; the page is ours.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$tmp/profile" \
  --window-size=1280,1500 --screenshot="$tmp/review.png" "file://$tmp/review.html" 2>/dev/null
mv "$tmp/review.png" "$out"
echo "wrote $out" >&2
