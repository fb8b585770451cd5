#!/usr/bin/env bash
# The benchmark of docs/performance.md: builds commend and commend-bench (Release), generates
# the data sets into a cache folder (never the repository; reused while the generator's
# sources are unchanged), and prints the figures as Markdown tables.
#
#   scripts/bench.sh                          # 100k and 1m subjects × 10 years (2012–2021)
#   scripts/bench.sh --sizes 100k,1m,5.5m     # the figures of docs/performance.md
#   scripts/bench.sh --scaling                # and how cost grows with years, rules, windows
#
# Options:
#   --sizes LIST        subject counts, comma-separated (100k, 1m, 5.5m, 250000 …)
#   --years A-B         the data's years (default 2012-2021); evaluate reads B
#   --seed S            the generator's seed (default 1)
#   --repeat N          run evaluate and explain N times, report the median (default 1)
#   --threads N         threads the engine may use, 1 or 2 (default 2, commend's default)
#   --stages LIST       commend-bench stages (default yardstick,engine,audit,store,cli)
#   --scaling           also the scaling tables (years 5/10/20, rule sets ×1/×2/×4,
#                       windows 3/5/10), at --scaling-size (default 100k)
#   --build DIR         build folder (default build)
#   --cache DIR         data cache (default $COMMEND_BENCH_CACHE, else
#                       ${XDG_CACHE_HOME:-~/.cache}/commend-bench)
#
# The rules are rules/khoi-co-quan-tinh. The audit uses a copy in force from the first year of
# data (the shipped file is in force from 2017), so that it judges every year; the scaling
# tables use copies with more rule sets or other windows, written into the cache. Progress
# goes to stderr, the tables to stdout; exit 1 when the engine and the yardstick disagree.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=100k,1m
years=2012-2021
seed=1
repeat=1
threads=2
stages=yardstick,engine,audit,store,cli
scaling=0
scaling_size=100k
build=build
cache=${COMMEND_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/commend-bench}

die() { echo "bench.sh: error: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=${2:?}; shift 2 ;;
    --years) years=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --repeat) repeat=${2:?}; shift 2 ;;
    --threads) threads=${2:?}; shift 2 ;;
    --stages) stages=${2:?}; shift 2 ;;
    --scaling) scaling=1; shift ;;
    --scaling-size) scaling_size=${2:?}; shift 2 ;;
    --build) build=${2:?}; shift 2 ;;
    --cache) cache=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ $years =~ ^([0-9]{4})-([0-9]{4})$ ]] || die "--years takes A-B, e.g. 2012-2021"
first=${BASH_REMATCH[1]}
last=${BASH_REMATCH[2]}

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCOMMEND_BENCH=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target commend commend-bench >&2
commend=$build/commend
bench=$build/bench/commend-bench
rules=rules/khoi-co-quan-tinh/khoi-co-quan-tinh.toml
mkdir -p "$cache/data" "$cache/rules"

# A data set is regenerated when the generator's sources change (the stamp is their hash).
stamp=$(cat engine/include/commend/generate/*.hpp engine/src/generate/* | sha256sum | cut -c1-16)
dataset() { # SIZE FIRST LAST → prints the folder
  local dir=$cache/data/$1-$2-$3-seed$seed
  if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "generating $1 subjects, $2–$3 → $dir" >&2
    rm -f "$dir/.stamp"
    "$commend" generate --subjects "$1" --years "$2-$3" --seed "$seed" -o "$dir" >&2
    echo "$stamp" >"$dir/.stamp"
  fi
  echo "$dir"
}

# A copy of the rule file through sed, checked to have changed what it should.
variant() { # NAME SED-SCRIPT EXPECTED-CHANGED-LINES → prints the folder
  local dir=$cache/rules/$1
  mkdir -p "$dir"
  sed "$2" "$rules" >"$dir/khoi-co-quan-tinh.toml"
  local changed
  changed=$(diff "$rules" "$dir/khoi-co-quan-tinh.toml" | grep -c '^>' || true)
  [ "$changed" = "$3" ] || die "rule variant $1: $changed lines changed, expected $3 (the rule file changed?)"
  echo "$dir"
}
in_force_from() { # YEAR
  variant "in-force-from-$1" "s/in_force = { from = 2017 }/in_force = { from = $1 }/" \
    "$([ "$1" = 2017 ] && echo 0 || echo 1)"
}

# Every id of the rule file suffixed, for a second, third … rule set in force together; the
# [ranking] table is dropped (two in force together are a load error).
copies() { # N → prints the folder with N rule files
  local dir=$cache/rules/copies-$1-from-$first
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$(in_force_from "$first")/khoi-co-quan-tinh.toml" "$dir/k1.toml"
  for i in $(seq 2 "$1"); do
    sed -e "s/\"khoi-co-quan-tinh\"/\"khoi-co-quan-tinh-$i\"/" \
        -e "s/tieu-bieu-5-nam/tieu-bieu-5-nam-$i/g; s/tieu-bieu-nam/tieu-bieu-nam-$i/g" \
        -e "s/\"tran-20-phan-tram\"/\"tran-20-phan-tram-$i\"/; s/\"ket-nap\"/\"ket-nap-$i\"/" \
        -e "s/\"dang-vien-httnv\"/\"dang-vien-httnv-$i\"/; s/\"tccsd-httnv\"/\"tccsd-httnv-$i\"/" \
        -e '/^\[ranking\]/,$d' "$dir/k1.toml" >"$dir/k$i.toml"
  done
  echo "$dir"
}

# The window of tieu-bieu-5-nam: HTXSNV W years running, no discipline in the last W years.
window() { # W → prints the folder
  local expected=$(( ($1 != 5) * 2 + (first != 2017) ))
  variant "window-$1-from-$first" "s/in_force = { from = 2017 }/in_force = { from = $first }/; s/, since = 'tieu-bieu-5-nam') >= 5\"/, since = 'tieu-bieu-5-nam') >= $1\"/; s/never(disciplined, last = 5)/never(disciplined, last = $1)/" "$expected"
}

host() {
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(date -u +%Y-%m-%dT%H:%MZ)"
}

status=0
run_bench() { "$bench" --repeat "$repeat" --threads "$threads" --commend "$commend" "$@" || status=$?; }

echo "## Sizes: subjects × $first–$last, evaluate $last, audit $first–$last"
echo
host
echo
args=()
IFS=, read -ra list <<<"$sizes"
for s in "${list[@]}"; do args+=(--data "$(dataset "$s" "$first" "$last")" --label "$s"); done
run_bench "${args[@]}" --rules rules/khoi-co-quan-tinh --audit-rules "$(in_force_from "$first")" \
  --year "$last" --from "$first" --to "$last" --stages "$stages"

if [ "$scaling" = 1 ]; then
  n=$scaling_size
  echo
  echo "## Years: $n subjects × 5, 10 and 20 years to $last (evaluate $last; audit every year)"
  echo
  args=()
  for span in 5 10 20; do
    a=$((last - span + 1))
    args+=(--data "$(dataset "$n" "$a" "$last")" --label "$span years" --from "$a" --to "$last"
           --audit-rules "$(in_force_from "$a")")
  done
  run_bench "${args[@]}" --year "$last" --stages yardstick,engine,audit

  d=$(dataset "$n" "$first" "$last")
  echo
  echo "## Rules: $n subjects × $first–$last, 1, 2 and 4 copies of the rule set in force"
  echo
  run_bench --data "$d" --label "×1" --rules "$(copies 1)" \
    --data "$d" --label "×2" --rules "$(copies 2)" \
    --data "$d" --label "×4" --rules "$(copies 4)" \
    --year "$last" --from "$first" --to "$last" --stages engine,audit

  echo
  echo "## Windows: $n subjects × $first–$last, tieu-bieu-5-nam over 3, 5 and 10 years"
  echo
  run_bench --data "$d" --label "window 3" --rules "$(window 3)" \
    --data "$d" --label "window 5" --rules "$(window 5)" \
    --data "$d" --label "window 10" --rules "$(window 10)" \
    --year "$last" --from "$first" --to "$last" --stages engine,audit
fi
exit "$status"
