#!/usr/bin/env bash
# The main job on a local machine (README: "set up, build and run"): installs the packages, builds
# mailspec, starts private Dovecot, Postfix and aiosmtpd instances on 127.0.0.1, runs every suite against
# them, writes the reports to reports/out/, and stops the servers again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash ci/setup.sh
cmake --preset release
cmake --build --preset release
bin=$root/build/release/mailspec
out=$root/reports/out
mkdir -p "$out"
bash ci/targets/start-all.sh
trap 'bash "$root/ci/targets/stop-all.sh" >/dev/null 2>&1 || true' EXIT
bash ci/targets/dovecot/reset-mail.sh alice carol >/dev/null
bash ci/targets/dovecot/seed-mail.sh alice 5 >/dev/null   # carol's maildrop is filled by mailspec itself
state=${MAILSPEC_STATE:-/tmp/mailspec-state}
export MAILSPEC_DEMO_PW=alicepw
common=(--cafile "$state/tls/cert.pem" --jobs 4)
smtp_vars=(--var rcpt=alice@example.test --var rcpt2=bob@example.test --var domain=example.test
           --var readback_url=imap://127.0.0.1:10143 --var readback_user=alice --var readback_password=alicepw)
# The job succeeds when every run completed: exit 1 means "some case found a deviation" (the real
# servers have a few, explained in ci/expected/), which is the job's output, not its failure. Exit 2
# (usage) or 3 (target unreachable or the probe could not get through) fails the job.
status=0
run() {  # name url args...
  local name=$1; shift
  echo; echo "== $name: $1"
  local rc=0
  "$bin" run "$@" "${common[@]}" --report-json "$out/$name.json" || rc=$?
  if ((rc > 1)); then
    echo "run-local.sh: mailspec exited $rc for $name" >&2
    status=1
  fi
}
run postfix-smtp smtp://127.0.0.1:10025 "${smtp_vars[@]}"
run postfix-submission submission://127.0.0.1:10587 "${smtp_vars[@]}" --user alice --password-env MAILSPEC_DEMO_PW
run aiosmtpd-smtp smtp://127.0.0.1:10026 "${smtp_vars[@]}"
run dovecot-pop3 pop3://127.0.0.1:10110 --user alice --password-env MAILSPEC_DEMO_PW \
    --var mutable_user=carol --var mutable_password=carolpw --var seed_url=imap://127.0.0.1:10143
run dovecot-imap imap://127.0.0.1:10143 --user alice --password-env MAILSPEC_DEMO_PW
echo; echo "Reports: $out/*.json (schema: reports/schema/report-v1.json)"
exit $status
