#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build script (conventions: https://google.github.io/oss-fuzz/getting-started/new-project-guide/).
# Uses $CC $CXX $CFLAGS $CXXFLAGS $LIB_FUZZING_ENGINE $SRC $OUT (and $WORK if set). The checkout is
# $SRC/mailspec as in the image, else $SRC itself, else the repository this script lives in;
# MAILSPEC_SRC overrides all three. For every fuzz target <unit> it writes:
#   $OUT/<unit>_fuzzer                 the fuzzer
#   $OUT/<unit>_fuzzer_seed_corpus.zip corpus/<unit>/ (flat)
#   $OUT/<unit>_fuzzer.dict            corpus/<unit>.dict
#   $OUT/<unit>_fuzzer.options         [libfuzzer] dict = <unit>_fuzzer.dict
: "${CC:=clang}" "${CXX:=clang++}" "${CFLAGS:=}" "${CXXFLAGS:=}" "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}"

src=${MAILSPEC_SRC:-}
if [[ -z $src ]]; then
  if [[ -f ${SRC:-}/mailspec/CMakeLists.txt ]]; then
    src=$SRC/mailspec
  elif [[ -f ${SRC:-}/CMakeLists.txt && -f ${SRC:-}/fuzz/targets.cmake ]]; then
    src=$SRC
  else
    src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  fi
fi
build=${WORK:-$(mktemp -d)}/mailspec-fuzz-build

options=(-DCMAKE_BUILD_TYPE= -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="$CXXFLAGS"
         -DMAILSPEC_FUZZ=ON -DMAILSPEC_TESTS=OFF -DMAILSPEC_WERROR=OFF
         -DMAILSPEC_FUZZ_ENGINE="$LIB_FUZZING_ENGINE")
if [[ -d ${SRC:-}/boost-regex/include ]]; then
  options+=(-DMAILSPEC_BOOST_REGEX_INCLUDE="$SRC/boost-regex/include")
fi
if command -v ninja >/dev/null; then
  options+=(-G Ninja)
fi
# serve_session_fuzzer runs whole fake-server sessions: it needs the session and script layers (Boost >= 1.81,
# OpenSSL 3, nlohmann_json, CLI11, fmt). Built when those are found and not under MemorySanitizer (which
# would need every one of them instrumented); otherwise the codec targets alone, as before.
harness=ON
if [[ ${SANITIZER:-address} == memory ]]; then
  harness=OFF
fi
if [[ $harness == ON ]] && ! cmake -S "$src" -B "$build" "${options[@]}" -DMAILSPEC_HARNESS=ON; then
  harness=OFF
  rm -rf "$build"
fi
if [[ $harness == OFF ]]; then
  echo "mailspec: no serve_session_fuzzer in this build (MemorySanitizer, or the harness libraries are missing)"
  cmake -S "$src" -B "$build" "${options[@]}" -DMAILSPEC_HARNESS=OFF
fi
cmake --build "$build" --parallel "$(nproc)" --target mailspec_fuzzers
# The session target reads the client suites at start-up: next to it in $OUT (the checkout is not there).
if [[ -x $build/fuzz/serve_session_fuzzer ]]; then
  rm -rf "$OUT/serve_session_suites"
  mkdir -p "$OUT/serve_session_suites"
  cp -R "$src"/suites/*-client "$OUT/serve_session_suites/"
fi

zip_flat() {  # zip_flat ARCHIVE DIR: every file of DIR at the top of ARCHIVE
  python3 - "$1" "$2" <<'PY'
import pathlib, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(pathlib.Path(sys.argv[2]).iterdir()):
        if f.is_file():
            z.write(f, f.name)
PY
}

for fuzzer in "$build"/fuzz/*_fuzzer; do
  name=$(basename "$fuzzer")
  unit=${name%_fuzzer}
  [[ $unit == trivial ]] && continue  # the engine's exec/s ceiling, not a target
  cp "$fuzzer" "$OUT/$name"
  if [[ -d $src/corpus/$unit ]]; then
    rm -f "$OUT/${name}_seed_corpus.zip"
    zip_flat "$OUT/${name}_seed_corpus.zip" "$src/corpus/$unit"
  fi
  if [[ -f $src/corpus/$unit.dict ]]; then
    cp "$src/corpus/$unit.dict" "$OUT/$name.dict"
    printf '[libfuzzer]\ndict = %s.dict\n' "$name" >"$OUT/$name.options"
  fi
done
