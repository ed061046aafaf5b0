#!/usr/bin/env bash
# Short fuzzing run of every fuzz target (fuzz/README.md): builds the `fuzz` preset's fuzz targets (clang,
# libFuzzer, ASan + UBSan), then fuzzes each target for SECONDS with two forked workers, seeded from corpus/<unit>/
# with corpus/<unit>.dict. Fails if any target exits non-zero or leaves a crash-/leak-/timeout-/oom-
# artifact in build/fuzz-artifacts/. Prints one line per target.
#
#   ci/fuzz.sh [SECONDS]     default 25 s per target
#
# The default keeps the whole job under ~9 minutes on 2 cores: a few minutes of build (the session and
# script layers for serve_session; much less with a warm ccache) and 15 targets x (25 s + ~2 s of
# start-up and merge). New inputs go to build/fuzz-corpus/<unit>/
# (not committed); the committed seeds are read only. Logs: build/fuzz-artifacts/<unit>.log.
set -euo pipefail

budget=${1:-25}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

start=$SECONDS
cmake --preset fuzz >/dev/null
# The fuzz targets only (the preset builds the harness layers for serve_session, not the CLI).
cmake --build --preset fuzz --target mailspec_fuzzers
echo "fuzz: built in $((SECONDS - start)) s; ${budget} s per target"

bin=build/fuzz/fuzz
artifacts=build/fuzz-artifacts
work=build/fuzz-corpus
mkdir -p "$artifacts" "$work"

failed=()
for seeds in corpus/*/; do
  unit=$(basename "$seeds")
  target=$bin/${unit}_fuzzer
  if [[ ! -x $target ]]; then
    echo "fuzz: no target for corpus/$unit (not built in this configuration)"
    continue
  fi
  rm -f "$artifacts/$unit"-*
  mkdir -p "$work/$unit"
  log=$artifacts/$unit.log
  t0=$SECONDS
  status=0
  "$target" -fork=2 -max_total_time="$budget" -timeout=10 -rss_limit_mb=1024 -dict="corpus/$unit.dict" \
    -artifact_prefix="$artifacts/$unit-" "$work/$unit" "corpus/$unit" >"$log" 2>&1 || status=$?

  # Fork-mode status lines: "#N: cov: C ft: F corp: K exec/s E oom/timeout/crash: a/b/c time: Ts ...".
  stats=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true)
  execs=$(sed -nE 's/.*exec\/s:? ([0-9]+).*/\1/p' <<<"$stats")
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$stats")
  corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$stats")
  bad=$(sed -nE 's/.*oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/p' <<<"$stats")
  findings=$(find "$artifacts" -maxdepth 1 -name "$unit-*" \
    \( -name "$unit-crash-*" -o -name "$unit-leak-*" -o -name "$unit-timeout-*" -o -name "$unit-oom-*" \) | sort)

  verdict=ok
  if [[ $status -ne 0 || -n $findings || (-n $bad && $bad != 0/0/0) ]]; then
    verdict=FAIL
    failed+=("$unit")
  fi
  printf '%-18s %-4s %8s exec/s  cov %5s  corpus %5s  oom/timeout/crash %s  %3d s  exit %d\n' \
    "$unit" "$verdict" "${execs:-?}" "${cov:-?}" "${corp:-?}" "${bad:-?}" $((SECONDS - t0)) "$status"
  if [[ $verdict == FAIL ]]; then
    for f in $findings; do echo "  finding: $f"; done
    grep -E 'ERROR|invariant violated|SUMMARY' "$log" | head -n 5 | sed 's/^/  /' || true
  fi
done

echo "fuzz: total $((SECONDS - start)) s"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: FAILED: ${failed[*]} (reproduce: $bin/<unit>_fuzzer $artifacts/<artifact>)"
  exit 1
fi
