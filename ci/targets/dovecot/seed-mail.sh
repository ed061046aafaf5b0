#!/usr/bin/env bash
# Write N known test messages into USER's Maildir/cur: ci/targets/dovecot/seed-mail.sh USER N
# Contents are fixed (see ci/targets/README.md): message 1 plain ASCII, message 2 has lines
# starting with "." (including a line that is a lone "."), message 3 has an 8-bit UTF-8 body,
# messages 4..N are numbered fillers of growing size. Files are LF-terminated (Dovecot serves them
# with CRLF and counts CRLF in sizes), unflagged (no S: unseen), named
# <1700000000+60*i>.M<i>P1.mailspec:2, with that time as mtime (= INTERNALDATE).
# Seeding appends to what is there; run reset-mail.sh USER first for a known mailbox.
set -euo pipefail
# shellcheck source=../common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
ms_require_root
(($# == 2)) || ms_die "usage: $0 USER N"
user=$1 n=$2
ms_valid_user "$user" || ms_die "unknown user '$user' (users: ${MAIL_USERS[*]})"
[[ "$n" =~ ^[0-9]+$ ]] || ms_die "N must be a non-negative integer"
ms_init_state
ms_ensure_maildir "$user"
cur="$(ms_maildir "$user")/cur"

message() { # i -> message text on stdout
  local i=$1 t=$((1700000000 + 60 * $1)) date subject k
  date=$(LC_ALL=C TZ=UTC date -d "@$t" '+%a, %d %b %Y %H:%M:%S +0000')
  case $i in
    1) subject="mailspec seed 1: plain" ;;
    2) subject="mailspec seed 2: dot lines" ;;
    3) subject="mailspec seed 3: 8bit body" ;;
    *) subject="mailspec seed $i: filler" ;;
  esac
  printf 'Return-Path: <sender@example.org>\n'
  printf 'Date: %s\n' "$date"
  printf 'From: Seed Sender <sender@example.org>\n'
  printf 'To: %s@example.test\n' "$user"
  printf 'Subject: %s\n' "$subject"
  printf 'Message-ID: <seed-%d@mailspec.example.test>\n' "$i"
  printf 'MIME-Version: 1.0\n'
  if ((i == 3)); then
    printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n'
    printf 'Gr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln: na\xc3\xafve caf\xc3\xa9, \xe6\x9d\xb1\xe4\xba\xac, \xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac.\n'
    printf 'The line above holds bytes above 0x7F (UTF-8).\n'
  else
    printf 'Content-Type: text/plain; charset=us-ascii\n\n'
    case $i in
      1) printf 'This is seed message 1.\nIt has two lines.\n' ;;
      2) printf 'Lines below start with a dot.\n.single dot prefix\n..double dot prefix\n.\nThe line above is a lone dot.\n' ;;
      *) for ((k = 1; k <= i; k++)); do printf 'Line %d of seed message %d.\n' "$k" "$i"; done ;;
    esac
  fi
}

for ((i = 1; i <= n; i++)); do
  t=$((1700000000 + 60 * i))
  name="$t.M${i}P1.mailspec:2,"
  tmp="$(ms_maildir "$user")/tmp/$name"
  message "$i" >"$tmp"
  chown "$MAIL_UID:$MAIL_GID" "$tmp"; chmod 0600 "$tmp"
  touch -d "@$t" "$tmp"
  mv -f "$tmp" "$cur/$name"
done
ms_log "seeded $n message(s) into $cur"
