#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test commend (run as root).
# Only Debian packages; nothing is downloaded at build time.
#   scripts/install-deps.sh             what building and the unit tests need
#   scripts/install-deps.sh --browser   also Chromium, for the browser tests of the HTML report
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libtomlplusplus-dev libboost-graph-dev libspdlog-dev catch2 libcli11-dev
  nlohmann-json3-dev libicu-dev libsqlite3-dev libsqlitecpp-dev libssl-dev libxlsxwriter-dev
  zlib1g-dev
  # the sanitizer suite and the fuzz targets (scripts/sanitize.sh, scripts/fuzz.sh): clang 14
  # with its runtimes (ASan, UBSan, libFuzzer) and llvm-symbolizer for readable reports
  clang-14 libclang-rt-14-dev llvm-14
)
for arg in "$@"; do
  case "$arg" in
    # Headless Chromium renders the HTML report for the browser tests; fontconfig brings
    # DejaVu, whose glyphs cover Vietnamese, so no extra font package is needed.
    --browser) packages+=(chromium) ;;
    *) echo "usage: $0 [--browser]" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
