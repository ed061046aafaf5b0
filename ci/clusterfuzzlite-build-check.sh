#!/usr/bin/env bash
# Runs .clusterfuzzlite/build.sh the way the OSS-Fuzz base-builder image would, without Docker: the
# checkout appears as $SRC/mailspec, the toolchain is the local clang with ASan + libFuzzer. Then checks
# that $OUT holds, for every corpus/<unit>/, the fuzzer <unit>_fuzzer with its seed corpus zip (all the
# seeds), dictionary and options file, and fuzzes one of them from $OUT for 5 seconds.
#
#   ci/clusterfuzzlite-build-check.sh [UNIT]    UNIT: the target to run (default smtp_reply)
#
# Set MAILSPEC_SRC=/path/to/checkout to check build.sh's override instead of $SRC/mailspec.
set -euo pipefail

unit_to_run=${1:-smtp_reply}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

export CC=clang CXX=clang++
export CFLAGS="-fsanitize=address,fuzzer-no-link -O1 -g" CXXFLAGS="-fsanitize=address,fuzzer-no-link -O1 -g"
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=address FUZZING_ENGINE=libfuzzer ARCHITECTURE=x86_64
export SRC=$tmp/src OUT=$tmp/out WORK=$tmp/work
mkdir -p "$SRC" "$OUT" "$WORK"
ln -s "$root" "$SRC/mailspec"

start=$SECONDS
bash "$root/.clusterfuzzlite/build.sh" >"$tmp/build.log" 2>&1 || {
  tail -n 40 "$tmp/build.log"
  echo "clusterfuzzlite: build.sh failed"
  exit 1
}
echo "clusterfuzzlite: build.sh done in $((SECONDS - start)) s"

problems=0
problem() {
  echo "clusterfuzzlite: $*"
  problems=$((problems + 1))
}
for seeds in "$root"/corpus/*/; do
  unit=$(basename "$seeds")
  name=${unit}_fuzzer
  if [[ $unit == serve_session && ! -x $OUT/$name ]] && grep -q "no serve_session_fuzzer" "$tmp/build.log"; then
    echo "clusterfuzzlite: $name not built (harness libraries missing): skipped"
    continue
  fi
  [[ -x $OUT/$name ]] || { problem "missing $OUT/$name"; continue; }
  [[ -f $OUT/$name.dict ]] || problem "missing $name.dict"
  grep -qx "dict = $name.dict" "$OUT/$name.options" 2>/dev/null || problem "bad or missing $name.options"
  want=$(find "$seeds" -maxdepth 1 -type f | wc -l)
  got=$(python3 -c 'import sys, zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))' \
        "$OUT/${name}_seed_corpus.zip" 2>/dev/null || echo 0)
  [[ $got -eq $want ]] || problem "$name seed corpus has $got of $want seeds"
  printf 'clusterfuzzlite: %-24s ok (%d seeds)\n' "$name" "$got"
done
[[ ! -e $OUT/trivial_fuzzer ]] || problem "trivial_fuzzer should not be shipped"
if [[ -x $OUT/serve_session_fuzzer ]]; then
  ls "$OUT"/serve_session_suites/*-client/*.mspec >/dev/null 2>&1 || problem "serve_session_fuzzer without serve_session_suites/"
fi

# Fuzz one target as ClusterFuzzLite would: seeds unzipped into a corpus directory, options' dictionary.
name=${unit_to_run}_fuzzer
mkdir -p "$tmp/corpus"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
  "$OUT/${name}_seed_corpus.zip" "$tmp/corpus"
(cd "$OUT" && "./$name" -max_total_time=5 -dict="$name.dict" -artifact_prefix="$tmp/" "$tmp/corpus") \
  >"$tmp/run.log" 2>&1 || problem "$name failed: $(grep -m1 -E 'ERROR|invariant' "$tmp/run.log" || tail -n 1 "$tmp/run.log")"
echo "clusterfuzzlite: ran $name for 5 s: $(grep -E 'DONE|exec/s' "$tmp/run.log" | tail -n 1)"

if [[ $problems -gt 0 ]]; then
  echo "clusterfuzzlite: $problems problem(s)"
  exit 1
fi
echo "clusterfuzzlite: OK"
