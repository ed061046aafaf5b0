#!/usr/bin/env bash
# Stop mailspec's private Postfix instance with its own stop command, then wait for its processes.
set -euo pipefail
# shellcheck source=../common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

pidfile="$POSTFIX_DIR/spool/pid/master.pid"
[[ -f "$POSTFIX_CONF_DIR/main.cf" ]] || exit 0
pid=$(ms_read_pid "$pidfile" || true)
if [[ -n "$pid" ]] && ms_pid_matches "$pid" "postfix/sbin/master"; then
  kids=$(ms_children "$pid")
  ms_log "stopping postfix (master pid $pid)"
  postfix -c "$POSTFIX_CONF_DIR" stop </dev/null >/dev/null 2>&1 || true
  # shellcheck disable=SC2086
  if ! ms_wait_gone 15 "$pid" $kids; then
    ms_log "postfix still running after 15 s; SIGTERM to its own pids"
    # shellcheck disable=SC2086
    kill -TERM "$pid" $kids 2>/dev/null || true
    # shellcheck disable=SC2086
    ms_wait_gone 5 "$pid" $kids || { kill -KILL "$pid" $kids 2>/dev/null || true; }
  fi
fi
exit 0
