#!/usr/bin/env bash
# End-to-end smoke test of the running targets (start them first: ci/targets/start-all.sh).
# SMTP(Postfix 10025) -> LMTP -> Dovecot Maildir -> IMAP/POP3 readback, STARTTLS/implicit TLS with
# certificate verification, submission AUTH (10587), aiosmtpd (10026) delivery.
# Delivers one message to alice (Postfix) and two to carol (submission, aiosmtpd); removes them
# again at the end unless SMOKE_KEEP=1. Prints "ok"/"not ok" lines and "smoke: N passed, N failed".
set -uo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

for tool in swaks curl openssl; do command -v "$tool" >/dev/null || ms_die "$tool missing (ci/setup.sh)"; done
[[ -s "$CAFILE" ]] || ms_die "no CA file $CAFILE (targets not started?)"

passed=0 failed=0 n=0
check() { # description command...
  local desc=$1; shift
  n=$((n + 1))
  if out=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "ok $n - $desc"
  else
    failed=$((failed + 1)); echo "not ok $n - $desc"
    printf '%s\n' "$out" | tail -n 15 | sed 's/^/#   /'
  fi
}

TOKEN="mailspec-smoke-$$-$(date +%s%N)"
tmpd=$(mktemp -d); trap 'rm -rf "$tmpd"' EXIT

# --- greetings ---------------------------------------------------------------------------------
expect_banner() { local l; l=$(ms_banner "$1") || return 1; echo "$l"; [[ "$l" =~ $2 ]]; }
check "postfix smtp 10025 greets 220"        expect_banner "$POSTFIX_SMTP_PORT" '^220 '
check "postfix submission 10587 greets 220"  expect_banner "$POSTFIX_SUBMISSION_PORT" '^220 '
check "aiosmtpd 10026 greets 220"            expect_banner "$AIOSMTPD_PORT" '^220 '
check "dovecot imap 10143 greets * OK"       expect_banner "$DOVECOT_IMAP_PORT" '^\* OK '
check "dovecot pop3 10110 greets with APOP timestamp" expect_banner "$DOVECOT_POP3_PORT" '^\+OK .*<[^>]+@[^>]+>'
check "dovecot lmtp 10024 greets 220"        expect_banner "$DOVECOT_LMTP_PORT" '^220 '

# --- TLS (certificate verified against CAFILE, name localhost) -----------------------------------
tls() { # proto|'' port
  local args=(-connect "127.0.0.1:$2" -CAfile "$CAFILE" -verify_return_error -verify_hostname localhost)
  [[ -n "$1" ]] && args+=(-starttls "$1")
  local o; o=$(echo QUIT | timeout 10 openssl s_client "${args[@]}" 2>&1)
  grep -q 'Verify return code: 0 (ok)' <<<"$o" || { echo "$o"; return 1; }
}
check "STARTTLS smtp 10025 verifies"       tls smtp "$POSTFIX_SMTP_PORT"
check "STARTTLS submission 10587 verifies" tls smtp "$POSTFIX_SUBMISSION_PORT"
check "STARTTLS aiosmtpd 10026 verifies"   tls smtp "$AIOSMTPD_PORT"
check "STARTTLS imap 10143 verifies"       tls imap "$DOVECOT_IMAP_PORT"
check "STLS pop3 10110 verifies"           tls pop3 "$DOVECOT_POP3_PORT"
check "implicit TLS imaps 10993 verifies"  tls "" "$DOVECOT_IMAPS_PORT"
check "implicit TLS pop3s 10995 verifies"  tls "" "$DOVECOT_POP3S_PORT"

# --- SMTP -> LMTP -> Maildir -> IMAP / POP3 --------------------------------------------------------
wait_file() { # user token -> waits <= 10 s for a Maildir file containing token
  local md; md=$(ms_maildir "$1")
  for _ in $(seq 100); do
    grep -rlsF -- "$2" "$md/new" "$md/cur" && return 0
    sleep 0.1
  done
  echo "no message containing $2 in $md"; return 1
}
check "swaks to alice via postfix 10025" \
  swaks --server "127.0.0.1:$POSTFIX_SMTP_PORT" --from smoke@example.org --to alice@example.test \
        --header "Subject: $TOKEN-alice" --body "body $TOKEN-alice" --timeout 15
check "message reaches alice's Maildir over LMTP" wait_file alice "$TOKEN-alice"

imap() { curl -sS --max-time 15 --user "$1" "$2" "${@:3}"; }
imap_exists() { local o; o=$(imap alice:alicepw "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX" -X 'EXAMINE INBOX') || return 1; echo "$o"; [[ "$o" =~ \*\ ([1-9][0-9]*)\ EXISTS ]]; }
check "IMAP EXAMINE INBOX shows messages" imap_exists
imap_fetch() {
  local o uid
  o=$(imap alice:alicepw "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX" -X "UID SEARCH SUBJECT \"$TOKEN-alice\"") || return 1
  uid=$(sed -n 's/^\* SEARCH \([0-9]*\).*/\1/p' <<<"$o" | tr -d '\r')
  [[ -n "$uid" ]] || { echo "search: $o"; return 1; }
  imap alice:alicepw "imap://127.0.0.1:$DOVECOT_IMAP_PORT/INBOX;UID=$uid" | grep -F "body $TOKEN-alice"
}
check "IMAP UID SEARCH + FETCH reads it back" imap_fetch
pop3_read() {
  local o last
  o=$(curl -sS --max-time 15 --user alice:alicepw "pop3://127.0.0.1:$DOVECOT_POP3_PORT/") || return 1
  last=$(awk 'END{print $1}' <<<"$o")
  [[ -n "$last" ]] || return 1
  curl -sS --max-time 15 --user alice:alicepw "pop3://127.0.0.1:$DOVECOT_POP3_PORT/$last" | grep -F "body $TOKEN-alice"
}
check "POP3 LIST + RETR reads it back" pop3_read
check "IMAPS login with verified cert" \
  curl -sS --max-time 15 --cacert "$CAFILE" --user bob:bobpw "imaps://127.0.0.1:$DOVECOT_IMAPS_PORT/"
check "POP3S login with verified cert" \
  curl -sS --max-time 15 --cacert "$CAFILE" --user bob:bobpw "pop3s://127.0.0.1:$DOVECOT_POP3S_PORT/"
check "IMAP STARTTLS (--ssl-reqd) + AUTH=CRAM-MD5" \
  curl -sS --max-time 15 --ssl-reqd --cacert "$CAFILE" --login-options AUTH=CRAM-MD5 --user bob:bobpw \
       "imap://127.0.0.1:$DOVECOT_IMAP_PORT/"

# --- submission (AUTH via Dovecot) ------------------------------------------------------------------
check "submission AUTH PLAIN + send to carol" \
  swaks --server "127.0.0.1:$POSTFIX_SUBMISSION_PORT" --auth PLAIN --auth-user alice --auth-password alicepw \
        --from alice@example.test --to carol@example.test --header "Subject: $TOKEN-sub" --body "body $TOKEN-sub" --timeout 15
check "submitted message reaches carol" wait_file carol "$TOKEN-sub"
check "submission STARTTLS + AUTH LOGIN (verified cert)" \
  swaks --server "127.0.0.1:$POSTFIX_SUBMISSION_PORT" --tls --tls-verify --tls-ca-path "$CAFILE" \
        --auth LOGIN --auth-user bob --auth-password bobpw --quit-after AUTH --timeout 15
bad_auth() { local o; o=$(swaks --server "127.0.0.1:$POSTFIX_SUBMISSION_PORT" --auth PLAIN --auth-user alice --auth-password wrong --quit-after AUTH --timeout 15 2>&1); grep -q '535' <<<"$o"; }
check "submission rejects a wrong password with 535" bad_auth
no_auth_relay() { local o; o=$(swaks --server "127.0.0.1:$POSTFIX_SUBMISSION_PORT" --from x@example.org --to carol@example.test --quit-after RCPT --timeout 15 2>&1); grep -qE '<\*\* +5[0-9][0-9] ' <<<"$o"; }
check "submission refuses RCPT without AUTH" no_auth_relay

# --- aiosmtpd ----------------------------------------------------------------------------------
size_adv() { local o; o=$(swaks --server "127.0.0.1:$AIOSMTPD_PORT" --quit-after EHLO --timeout 15 2>&1); grep -q 'SIZE 10240000' <<<"$o"; }
check "aiosmtpd advertises SIZE 10240000" size_adv
check "aiosmtpd STARTTLS + send to carol" \
  swaks --server "127.0.0.1:$AIOSMTPD_PORT" --tls --tls-verify --tls-ca-path "$CAFILE" \
        --from smoke@example.org --to carol@example.test --header "Subject: $TOKEN-aio" --body "body $TOKEN-aio" --timeout 15
check "aiosmtpd message lands in carol's Maildir" wait_file carol "$TOKEN-aio"

# --- cleanup -----------------------------------------------------------------------------------------
if [[ "${SMOKE_KEEP:-0}" != 1 ]]; then
  for u in alice carol; do
    md=$(ms_maildir "$u")
    grep -rlsF -- "$TOKEN" "$md/new" "$md/cur" | while IFS= read -r f; do rm -f -- "$f"; done
  done
fi

echo "smoke: $passed passed, $failed failed"
((failed == 0))
