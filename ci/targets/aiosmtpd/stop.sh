#!/usr/bin/env bash
# Stop mailspec's aiosmtpd target: SIGTERM to the pid in its own pid file only, then wait.
set -euo pipefail
# shellcheck source=../common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

PIDFILE="$AIOSMTPD_DIR/aiosmtpd.pid"
pid=$(ms_read_pid "$PIDFILE" || true)
if [[ -n "$pid" ]] && ms_pid_matches "$pid" "aiosmtpd/server.py"; then
  ms_log "stopping aiosmtpd (pid $pid)"
  ms_stop_pid "$pid" 10
fi
rm -f "$PIDFILE"
exit 0
