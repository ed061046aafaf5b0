#!/usr/bin/env bash
# The project's test command (README: "run the tests"): installs what is missing, builds with the CI
# preset (warnings are errors), and runs ctest: codec/script/report unit tests, hostile-peer tests,
# fuzz-corpus replay, and every suite against real Dovecot, Postfix and aiosmtpd on 127.0.0.1,
# compared with the expected verdicts in ci/expected/.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
if [ "$(id -u)" -eq 0 ]; then
  bash ci/setup.sh
else
  echo "ci/test.sh: not root; skipping ci/setup.sh and the real-server tests (they need root)" >&2
fi
integration=OFF
[ "$(id -u)" -eq 0 ] && integration=ON
cmake --preset ci -DMAILSPEC_INTEGRATION=$integration
cmake --build --preset ci
ctest --preset ci --output-on-failure -j2 --timeout 900
echo "ci/test.sh: done in $(( $(date +%s) - start )) s"
