#!/usr/bin/env bash
# Measures the exec/s of every fuzz target beside the trivial target (fuzz/trivial_fuzzer.cpp, which does
# nothing) and prints the Markdown table of fuzz/README.md, "Performance".
#
#   fuzz/perf.sh [SECONDS]    default 10 s per run; two builds x (targets + trivial) runs in all
#
# Builds: build/fuzz (the `fuzz` preset: ASan + UBSan + libFuzzer, RelWithDebInfo) and build/fuzz-nosan
# (-O2 -g, libFuzzer only). Every run: one worker pinned to CPU 0, the target's own seed corpus and
# dictionary, -keep_seed=1 (otherwise libFuzzer drops every seed the trivial target gains no coverage
# from and fuzzes a 1-octet input), -seed=1, -max_len=4096, new inputs into a scratch directory.
set -euo pipefail

seconds=${1:-10}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz >/dev/null
cmake -S . -B build/fuzz-nosan -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE= \
  -DCMAKE_CXX_FLAGS="-O2 -g -fsanitize=fuzzer-no-link" -DMAILSPEC_FUZZ=ON -DMAILSPEC_TESTS=OFF \
  -DMAILSPEC_HARNESS=OFF >/dev/null
cmake --build build/fuzz-nosan >/dev/null

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

execs() {  # execs BUILD_DIR TARGET_UNIT CORPUS_UNIT
  rm -rf "$scratch/new" && mkdir -p "$scratch/new"
  taskset -c 0 "$1/fuzz/${2}_fuzzer" -max_total_time="$seconds" -max_len=4096 -keep_seed=1 -seed=1 \
    -timeout=10 -rss_limit_mb=2048 -dict="corpus/$3.dict" "$scratch/new" "corpus/$3" 2>&1 |
    sed -nE 's/.*DONE .*exec\/s: ([0-9]+).*/\1/p' | tail -n 1
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.3f" : "-"), a / b }'; }

echo "| target | ASan+UBSan exec/s | trivial, ASan+UBSan | ratio | no sanitizer exec/s | trivial, no sanitizer | ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for seeds in corpus/*/; do
  unit=$(basename "$seeds")
  [[ -x build/fuzz/fuzz/${unit}_fuzzer ]] || continue
  asan=$(execs build/fuzz "$unit" "$unit")
  asan_trivial=$(execs build/fuzz trivial "$unit")
  plain=$(execs build/fuzz-nosan "$unit" "$unit")
  plain_trivial=$(execs build/fuzz-nosan trivial "$unit")
  echo "| $unit | $asan | $asan_trivial | $(ratio "$asan" "$asan_trivial") | $plain | $plain_trivial | $(ratio "$plain" "$plain_trivial") |"
done
