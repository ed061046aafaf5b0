#!/usr/bin/env bash
# Start all private mail-server targets (Dovecot, then Postfix, then aiosmtpd) and write
# $MAILSPEC_STATE/targets.env. Restarts instances of its own that are already running.
# On any failure everything is stopped again and the exit status is non-zero.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ms_require_root

fail() { ms_log "start-all failed; stopping what was started"; "$TARGETS_DIR/stop-all.sh" || true; exit 1; }
# Stop our previous instances in reverse order first (Postfix holds connections to Dovecot's auth).
"$TARGETS_DIR/stop-all.sh" || true
"$TARGETS_DIR/dovecot/start.sh" || fail
DOVECOT_VARIANT=default "$TARGETS_DIR/dovecot/start.sh" || fail
"$TARGETS_DIR/postfix/start.sh" || fail
"$TARGETS_DIR/aiosmtpd/start.sh" || fail

env_file="$MAILSPEC_STATE/targets.env"
{
  echo "# Written by ci/targets/start-all.sh; source it (set -a; . targets.env; set +a)."
  for kv in \
    "MAILSPEC_STATE=$MAILSPEC_STATE" \
    "SMTP_URL=smtp://127.0.0.1:$POSTFIX_SMTP_PORT" \
    "SUBMISSION_URL=submission://127.0.0.1:$POSTFIX_SUBMISSION_PORT" \
    "IMAP_URL=imap://127.0.0.1:$DOVECOT_IMAP_PORT" \
    "IMAPS_URL=imaps://127.0.0.1:$DOVECOT_IMAPS_PORT" \
    "POP3_URL=pop3://127.0.0.1:$DOVECOT_POP3_PORT" \
    "POP3S_URL=pop3s://127.0.0.1:$DOVECOT_POP3S_PORT" \
    "IMAP_DEFAULT_URL=imap://127.0.0.1:11143" \
    "POP3_DEFAULT_URL=pop3://127.0.0.1:11110" \
    "LMTP_URL=lmtp://127.0.0.1:$DOVECOT_LMTP_PORT" \
    "AIOSMTPD_URL=smtp://127.0.0.1:$AIOSMTPD_PORT" \
    "CAFILE=$CAFILE" \
    "TLS_SERVER_NAME=localhost" \
    "MAIL_DOMAIN=example.test" \
    "MAIL_USERS=alice:alicepw bob:bobpw carol:carolpw" \
    "DOVECOT_LOG=$DOVECOT_DIR/dovecot.log" \
    "POSTFIX_LOG=$POSTFIX_DIR/postfix.log" \
    "AIOSMTPD_LOG=$AIOSMTPD_DIR/aiosmtpd.log"; do
    printf '%s=%q\n' "${kv%%=*}" "${kv#*=}"
  done
} >"$env_file.tmp"
mv -f "$env_file.tmp" "$env_file"
ms_log "all targets running; URLs in $env_file"
