#!/usr/bin/env bash
# Runs one suite against one local CI target, validates the report against the schema, and compares
# every verdict with ci/expected/<name>.tsv with mailspec itself: `run --baseline` fails on a verdict
# worse than expected (any `error` included), `diff --strict` on any other difference (a fixed, changed,
# new or vanished case), so ci/expected/ stays the truth in both directions; ctest `expected_reasons`
# checks the reasons. Called by ctest (label "integration"); the targets must be running (ctest's
# fixture does that, see tests/integration.cmake).
#   run-target.sh NAME MAILSPEC_BINARY REPORT_DIR
set -euo pipefail
name=$1 bin=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${MAILSPEC_STATE:-/tmp/mailspec-state}
cafile=$state/tls/cert.pem
mkdir -p "$out"
report=$out/$name.json
expected=$root/ci/expected/$name.tsv
# Mail addresses Postfix accepts (ci/targets/postfix): deliverable, so end-to-end cases can read back.
smtp_vars=(--var rcpt=alice@example.test --var rcpt2=bob@example.test --var domain=example.test)
# Where the SMTP target delivers into alice's Dovecot mailbox, the end-to-end cases read it back over IMAP.
readback=(--var readback_url=imap://127.0.0.1:10143 --var readback_user=alice --var readback_password=alicepw)
# carol is the throwaway account: the harness itself makes its maildrop the known messages of
# suites/pop3/seed/ before each case that changes it (over IMAP on the same Dovecot), so it is not seeded here.
pop3_vars=(--var mutable_user=carol --var mutable_password=carolpw)
export MAILSPEC_TEST_PW=alicepw
login=(--user alice --password-env MAILSPEC_TEST_PW)

reset_mail() {  # the read-only cases expect alice's known maildrop; carol starts empty
  bash "$root/ci/targets/dovecot/reset-mail.sh" alice carol >/dev/null
  bash "$root/ci/targets/dovecot/seed-mail.sh" alice 5 >/dev/null
}

case $name in
  postfix-smtp)       args=(smtp://127.0.0.1:10025 "${smtp_vars[@]}" "${readback[@]}") ;;
  # Port 10587 is Postfix as a submission server: RCPT needs AUTH, so transaction cases log in first.
  postfix-submission) args=(submission://127.0.0.1:10587 "${smtp_vars[@]}" "${login[@]}" "${readback[@]}") ;;
  aiosmtpd-smtp)      args=(smtp://127.0.0.1:10026 "${smtp_vars[@]}" "${readback[@]}") ;;
  dovecot-pop3)       reset_mail; args=(pop3://127.0.0.1:10110 "${login[@]}" "${pop3_vars[@]}" --var seed_url=imap://127.0.0.1:10143) ;;
  dovecot-pop3s)      reset_mail; args=(pop3s://127.0.0.1:10995 "${login[@]}" "${pop3_vars[@]}" --var seed_url=imaps://127.0.0.1:10993) ;;
  dovecot-imap)       reset_mail; args=(imap://127.0.0.1:10143 "${login[@]}") ;;
  dovecot-imaps)      reset_mail; args=(imaps://127.0.0.1:10993 "${login[@]}") ;;
  # The second Dovecot, at its default login-failure delay (2 s) and anvil penalty (up to 15 s), as users'
  # servers are: the suites must give no `error` against it (compare-verdicts rejects any error).
  dovecot-default-pop3) reset_mail; args=(pop3://127.0.0.1:11110 "${login[@]}" "${pop3_vars[@]}" --var seed_url=imap://127.0.0.1:11143) ;;
  dovecot-default-imap) reset_mail; args=(imap://127.0.0.1:11143 "${login[@]}") ;;
  *) echo "run-target.sh: unknown target $name" >&2; exit 2 ;;
esac

# The IMAP suite must leave the account as it found it: LIST and STATUS (and every message's flags)
# before the run and after it are compared.
snapshot=()
case $name in
  dovecot-imap|dovecot-imaps) snapshot=(127.0.0.1 10143 alice) ;;
  dovecot-default-imap)       snapshot=(127.0.0.1 11143 alice) ;;
esac
if [ ${#snapshot[@]} -gt 0 ]; then
  /usr/bin/python3 "$here/account-snapshot.py" "${snapshot[@]}" > "$out/$name.account-before.json"
fi

set +e
"$bin" run "${args[@]}" --cafile "$cafile" --jobs "${MAILSPEC_JOBS:-4}" --report-json "$report" \
  --report-junit "$out/$name.xml" --report-html "$out/$name.html" --baseline "$expected" --no-color -q
rc=$?
set -e
# 0: no verdict worse than expected; 1: one is (listed above), judged after the account check below.
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  echo "run-target.sh: mailspec exited $rc for $name" >&2
  exit 1
fi
if [ ${#snapshot[@]} -gt 0 ]; then
  /usr/bin/python3 "$here/account-snapshot.py" "${snapshot[@]}" > "$out/$name.account-after.json"
  /usr/bin/python3 "$here/account-snapshot.py" --compare "$out/$name.account-before.json" "$out/$name.account-after.json"
fi
/usr/bin/python3 "$root/reports/validate.py" "$report"
if [ "$rc" -ne 0 ]; then
  echo "run-target.sh: $name: a verdict is worse than $expected (see above)" >&2
  exit 1
fi
# Any difference in either direction fails, with one known exception: Dovecot now and then answers the
# CREATE of a fresh mailbox name NO [ALREADYEXISTS] when sessions create and delete mailboxes at once
# (about 2 in 100 concurrent CREATEs here), which skips a case whose set-up creates a second mailbox.
set +e
diff_out=$("$bin" diff --strict "$expected" "$report")
diff_rc=$?
set -e
printf '%s\n' "$diff_out"
if [ "$diff_rc" -ne 0 ]; then
  other=$(printf '%s\n' "$diff_out" | grep -E '^(worse|fixed|changed|added|gone) ' |
          grep -vE '^changed +[^ ]+: pass -> skip: precondition not met .*NO \[ALREADYEXISTS\]' || true)
  if [ -n "$other" ]; then exit 1; fi
  echo "run-target.sh: $name: only Dovecot's CREATE race (NO [ALREADYEXISTS] for a fresh name) changed a verdict"
fi
