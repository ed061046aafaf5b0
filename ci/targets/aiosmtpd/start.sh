#!/usr/bin/env bash
# Start mailspec's aiosmtpd 1.4 target on 127.0.0.1:10026 (STARTTLS, SIZE 10240000), delivering
# mail for alice|bob|carol @ example.test|localhost into the private Dovecot Maildirs, sinking the rest.
set -euo pipefail
# shellcheck source=../common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
ms_require_root
PY=/usr/bin/python3   # Debian's python: the one with python3-aiosmtpd (not a pyenv python3 on PATH)

"$TARGETS_DIR/aiosmtpd/stop.sh"

ms_init_state
ms_ensure_tls
ms_ensure_mail_owner
ms_port_free "$AIOSMTPD_PORT" || ms_die "port $AIOSMTPD_PORT on 127.0.0.1 is already in use by something else"
mkdir -p "$AIOSMTPD_DIR"
[[ -e "$AIOSMTPD_DIR/aiosmtpd" ]] && ms_die "$AIOSMTPD_DIR/aiosmtpd would shadow the aiosmtpd package"
# Same check for the script's own folder (first on sys.path): it must hold no aiosmtpd/ folder.
[[ -e "$TARGETS_DIR/aiosmtpd/aiosmtpd" ]] && ms_die "$TARGETS_DIR/aiosmtpd/aiosmtpd would shadow the aiosmtpd package"
(cd "$AIOSMTPD_DIR" && "$PY" -c 'import aiosmtpd' 2>/dev/null) ||
  ms_die "$PY cannot import aiosmtpd (install python3-aiosmtpd: ci/setup.sh)"

PIDFILE="$AIOSMTPD_DIR/aiosmtpd.pid"
LOG="$AIOSMTPD_DIR/aiosmtpd.log"
rm -f "$PIDFILE"
ms_log "starting aiosmtpd on 127.0.0.1:$AIOSMTPD_PORT"
(
  cd "$AIOSMTPD_DIR"
  unset PYTHONPATH PYTHONHOME PYTHONSTARTUP
  exec setsid "$PY" "$TARGETS_DIR/aiosmtpd/server.py" \
    --host 127.0.0.1 --port "$AIOSMTPD_PORT" --hostname localhost --size 10240000 \
    --tlscert "$TLS_DIR/cert.pem" --tlskey "$TLS_DIR/key.pem" \
    --mail-root "$MAIL_ROOT" --users "$(IFS=,; echo "${MAIL_USERS[*]}")" \
    --domains "$(IFS=,; echo "${MAIL_DOMAINS[*]}")" --uid "$MAIL_UID" --gid "$MAIL_GID" \
    --pidfile "$PIDFILE"
) </dev/null >>"$LOG" 2>&1 &
bgpid=$!

if ! ms_wait_banner "$AIOSMTPD_PORT" 220 15; then
  ms_tail_log "$LOG" 30
  kill -TERM "$bgpid" 2>/dev/null || true
  ms_die "aiosmtpd gave no 220 greeting on $AIOSMTPD_PORT within 15 s"
fi
for _ in $(seq 50); do [[ -s "$PIDFILE" ]] && break; sleep 0.1; done
ms_log "aiosmtpd running (pid $(ms_read_pid "$PIDFILE" || echo "?")); log $LOG"
