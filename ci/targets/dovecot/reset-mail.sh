#!/usr/bin/env bash
# Empty test users' mailboxes: ci/targets/dovecot/reset-mail.sh USER... | all
# Removes the user's whole Maildir (messages, folders, Dovecot indexes/uidlist) and recreates an
# empty one. Works whether or not Dovecot runs; do it while no IMAP/POP3 session of that user is open.
# A reset mailbox gets a new UIDVALIDITY on next access (and so new POP3 UIDLs).
set -euo pipefail
# shellcheck source=../common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
ms_require_root
(($# > 0)) || ms_die "usage: $0 USER... | all   (users: ${MAIL_USERS[*]})"
users=("$@")
[[ "$1" == all ]] && users=("${MAIL_USERS[@]}")
ms_init_state
for u in "${users[@]}"; do
  ms_valid_user "$u" || ms_die "unknown user '$u' (users: ${MAIL_USERS[*]})"
  rm -rf -- "$(ms_maildir "$u")"
  ms_ensure_maildir "$u"
  ms_log "reset mailbox of $u ($(ms_maildir "$u"))"
done
