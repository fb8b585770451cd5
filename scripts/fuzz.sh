#!/usr/bin/env bash
# Runs each libFuzzer target (tests/fuzz: csv, rules, expression) for FUZZ_SECONDS seconds
# (default 60) under AddressSanitizer and UndefinedBehaviorSanitizer, starting from its seed
# corpus and regressions. Any crash, leak, timeout, memory blow-up or broken promise fails
# the run; the input that caused it is left in build-sanitize/fuzz-findings/<target>/ —
# fix the bug, then keep the input in tests/fuzz/regressions/<target>/ (the unit tests
# replay it). New inputs the fuzzer finds go to build-sanitize/fuzz-corpus/, not the source
# tree: the seeds stay hand-picked.
#
#   FUZZ_SECONDS=20 scripts/fuzz.sh            # a short run while developing
#   FUZZ_SECONDS=600 scripts/fuzz.sh rules     # one target, longer
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
# A fixed seed by default, so that a CI run can be repeated input for input; vary FUZZ_SEED
# (0 = libFuzzer picks one) to explore further.
seed=${FUZZ_SEED:-1}
dir=${COMMEND_SANITIZE_DIR:-build-sanitize}
targets=("$@")
((${#targets[@]})) || targets=(csv rules expression)
scripts/configure-sanitize.sh "$dir"
cmake --build "$dir" -j"${COMMEND_JOBS:-$(nproc)}" \
  --target "${targets[@]/#/fuzz_}" >&2
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for target in "${targets[@]}"; do
  corpus="$dir/fuzz-corpus/$target" findings="$dir/fuzz-findings/$target"
  mkdir -p "$corpus" "$findings"
  dict=()
  [[ -f "tests/fuzz/$target.dict" ]] && dict=(-dict="tests/fuzz/$target.dict")
  # The regressions of a target, when it has any (git keeps no empty folder, and libFuzzer
  # stops at a corpus folder that does not exist).
  regressions=()
  [[ -d "tests/fuzz/regressions/$target" ]] && regressions=("tests/fuzz/regressions/$target")
  echo "fuzzing $target for ${seconds}s" >&2
  # -timeout: no single input may take 10 s (the evaluation budget keeps evaluation short);
  # -rss_limit_mb: nor 2 GB of memory.
  if ! "$dir/tests/fuzz/fuzz_$target" "$corpus" "tests/fuzz/$target" \
      "${regressions[@]}" "${dict[@]}" -max_total_time="$seconds" -seed="$seed" \
      -timeout=10 -rss_limit_mb=2048 -max_len=8192 -artifact_prefix="$findings/" \
      -print_final_stats=1 2> "$findings/log.txt"; then
    failed+=("$target")
    tail -n 60 "$findings/log.txt" >&2
  else
    grep -E "^stat::number_of_executed_units|^Done" "$findings/log.txt" >&2 || true
  fi
done
if ((${#failed[@]})); then
  echo "fuzzing found problems in: ${failed[*]} (inputs in $dir/fuzz-findings/)" >&2
  exit 1
fi
