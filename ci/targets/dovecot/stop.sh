#!/usr/bin/env bash
# Stop mailspec's private Dovecot instance: SIGTERM to its own master pid only, then wait.
set -euo pipefail
# shellcheck source=../common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

pidfile="$DOVECOT_BASE/master.pid"
pid=$(ms_read_pid "$pidfile" || true)
if [[ -n "$pid" ]] && ms_pid_matches "$pid" "$DOVECOT_CONF"; then
  ms_log "stopping dovecot (pid $pid)"
  ms_stop_pid "$pid" 15
else
  [[ -n "$pid" ]] && ms_log "stale dovecot pid file ($pid not ours or not running)"
fi
rm -f "$pidfile"
exit 0
