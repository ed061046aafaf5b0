#!/usr/bin/env bash
# The MIME parser beside GMime on the same generated corpus, in the same run (README: Performance, MIME
# parser): MB/s structure only and with full decoding, the ratio to GMime, and the peak RSS of a 1 GiB
# message streamed through the parser. Builds tests/bench/mime_bench in Release (needs libbenchmark-dev and
# libgmime-3.0-dev, both in ci/setup.sh).
#   ci/bench/mime-bench.sh [REPETITIONS]     (default 5, interleaved so that load on the machine falls on
#                                            both readers alike; the table shows medians per CPU second)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${MAILSPEC_BENCH_BUILD:-build/bench}
reps=${1:-5}
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMAILSPEC_TESTS=ON >/dev/null
cmake --build "$dir" --target mime_bench -j2 >/dev/null
bin=$dir/tests/mime_bench
[ -x "$bin" ] || { echo "mime-bench.sh: no $bin (Google Benchmark or GMime missing: bash ci/setup.sh)" >&2; exit 1; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" --benchmark_repetitions="$reps" --benchmark_enable_random_interleaving=true --benchmark_out="$out" --benchmark_out_format=json 2>/dev/null | grep '^corpus:'
python3 - "$out" "$reps" <<'PY'
import json, sys
rows = {}
doc = json.load(open(sys.argv[1]))
ctx, reps = doc["context"], sys.argv[2]
medians = [b for b in doc["benchmarks"] if b.get("aggregate_name") == "median"]
for b in medians or [b for b in doc["benchmarks"] if b["run_type"] == "iteration"]:
    reader, mode = b["run_name"].split("/")[:2]
    rows.setdefault(mode, {})[reader] = b["bytes_per_second"] / 1e6
print(f"{reps} repetitions, medians, MB/s per CPU second ({ctx['num_cpus']} CPUs at {ctx['mhz_per_cpu']} MHz)")
print("| mode | mailspec MB/s | GMime MB/s | mailspec / GMime |")
print("|---|---:|---:|---:|")
for mode in ("structure", "full"):
    m, g = rows[mode]["mailspec_parse"], rows[mode]["gmime_parse"]
    print(f"| {mode} | {m:.0f} | {g:.0f} | {m / g:.2f}x |")
PY
"$bin" --stream-1gib=structure
"$bin" --stream-1gib=full
