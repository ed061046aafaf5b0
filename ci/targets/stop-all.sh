#!/usr/bin/env bash
# Stop all private mail-server targets (reverse order). Only our own instances are touched.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
rc=0
"$TARGETS_DIR/aiosmtpd/stop.sh" || rc=1
"$TARGETS_DIR/postfix/stop.sh" || rc=1
"$TARGETS_DIR/dovecot/stop.sh" || rc=1
DOVECOT_VARIANT=default "$TARGETS_DIR/dovecot/stop.sh" || rc=1
rm -f "$MAILSPEC_STATE/targets.env"
exit $rc
