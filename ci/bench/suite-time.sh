#!/usr/bin/env bash
# Wall time of a whole suite against a local CI target, median of N runs (issue #3: the SMTP suite
# against local Postfix in under 10 s with --jobs 4). Needs the targets running (ci/targets/start-all.sh)
# and a release build (cmake --preset release && cmake --build --preset release).
#   ci/bench/suite-time.sh [smtp|pop3|imap|mime] [RUNS] [JOBS]
# (imap and mime are both suites of imap://: each is timed alone, with --suite.)
set -euo pipefail
cd "$(dirname "$0")/../.."
suite=${1:-smtp} runs=${2:-5} jobs=${3:-4}
bin=${MAILSPEC_BIN:-build/release/mailspec}
state=${MAILSPEC_STATE:-/tmp/mailspec-state}
export MAILSPEC_BENCH_PW=alicepw
case $suite in
  smtp) args=(smtp://127.0.0.1:10025 --var rcpt=alice@example.test --var rcpt2=bob@example.test
              --var readback_url=imap://127.0.0.1:10143 --var readback_user=alice --var readback_password=alicepw) ;;
  pop3) args=(pop3://127.0.0.1:10110 --user alice --password-env MAILSPEC_BENCH_PW
              --var mutable_user=carol --var mutable_password=carolpw --var seed_url=imap://127.0.0.1:10143) ;;
  imap) args=(imap://127.0.0.1:10143 --user alice --password-env MAILSPEC_BENCH_PW --suite imap) ;;
  mime) args=(imap://127.0.0.1:10143 --user alice --password-env MAILSPEC_BENCH_PW --suite mime) ;;
  *) echo "usage: $0 [smtp|pop3|imap|mime] [RUNS] [JOBS]" >&2; exit 2 ;;
esac
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  rc=0
  "$bin" run "${args[@]}" --cafile "$state/tls/cert.pem" --jobs "$jobs" -q || rc=$?
  [ "$rc" -le 1 ] || { echo "suite-time.sh: mailspec exited $rc (targets running?)" >&2; exit 1; }
  times+=("$(( ($(date +%s%N) - start) / 1000000 ))")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v s="$suite" -v j="$jobs" '{a[NR]=$1} END {
  printf "%s suite, --jobs %d, %d runs: median %.2f s (min %.2f, max %.2f)\n", s, j, NR, a[int((NR+1)/2)]/1000, a[1]/1000, a[NR]/1000}'
