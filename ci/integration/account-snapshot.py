#!/usr/bin/env python3
"""What an IMAP account holds, to show that a suite leaves it as it found it.

  account-snapshot.py HOST PORT USER > before.json      (password in $MAILSPEC_TEST_PW)
  account-snapshot.py --compare before.json after.json  (exit 1 and a diff when they differ)

The snapshot is every mailbox of LIST "" "*" with its attributes, and for each selectable one
STATUS (MESSAGES UIDNEXT UIDVALIDITY UNSEEN), plus the flags of each message by UID (EXAMINE, read-only:
taking the snapshot changes nothing). Plain IMAP on 127.0.0.1 only.
"""
import imaplib
import json
import os
import re
import sys

LIST_RE = re.compile(rb'^\((?P<attrs>[^)]*)\) (?P<delim>"[^"]*"|NIL) (?P<name>.+)$')


def unquote(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return text


def quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mailbox_flags(imap: imaplib.IMAP4, name: str) -> dict:
    typ, _ = imap.select(quote(name), readonly=True)
    if typ != "OK":
        return {}
    typ, data = imap.uid("FETCH", "1:*", "(FLAGS)")
    flags = {}
    for item in data or []:
        if not isinstance(item, bytes):
            continue
        m = re.search(rb"UID (\d+)", item)
        f = re.search(rb"FLAGS \(([^)]*)\)", item)
        if m and f:
            # \Recent belongs to the session that first sees the message, not to what the account holds.
            flags[m.group(1).decode()] = sorted(x for x in f.group(1).decode().split() if x.lower() != "\\recent")
    imap.close()
    return flags


def snapshot(host: str, port: int, user: str) -> dict:
    imap = imaplib.IMAP4(host, port, timeout=30)
    imap.login(user, os.environ["MAILSPEC_TEST_PW"])
    typ, lines = imap.list('""', '"*"')
    if typ != "OK":
        raise SystemExit(f"account-snapshot: LIST failed: {lines!r}")
    boxes = {}
    for line in lines:
        if isinstance(line, tuple):  # a name sent as a literal
            line = line[0].rsplit(b"{", 1)[0] + quote(line[1].decode("utf-8", "replace")).encode()
        m = LIST_RE.match(line or b"")
        if not m:
            raise SystemExit(f"account-snapshot: unexpected LIST line {line!r}")
        name = unquote(m.group("name"))
        # \Marked and \Unmarked (RFC 3348, 5258) say whether mail arrived since the last SELECT, which
        # the snapshot's own EXAMINE may change: not part of what the account holds.
        attrs = sorted(a.lower() for a in m.group("attrs").decode().split()
                       if a.lower() not in ("\\marked", "\\unmarked"))
        entry = {"attributes": attrs}
        if "\\noselect" not in attrs and "\\nonexistent" not in attrs:
            typ, data = imap.status(quote(name), "(MESSAGES UIDNEXT UIDVALIDITY UNSEEN)")
            entry["status"] = data[0].decode("utf-8", "replace").split("(", 1)[-1] if typ == "OK" else typ
            entry["flags"] = mailbox_flags(imap, name)
        boxes[name] = entry
    imap.logout()
    return boxes


def compare(before_path: str, after_path: str) -> int:
    with open(before_path) as f:
        before = json.load(f)
    with open(after_path) as f:
        after = json.load(f)
    if before == after:
        print(f"account-snapshot: the account is as it was ({len(before)} mailboxes)")
        return 0
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            print(f"account-snapshot: mailbox {name!r} changed:\n  before: {before.get(name)}\n  after:  {after.get(name)}")
    return 1


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        return compare(sys.argv[2], sys.argv[3])
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("account-snapshot: loopback only", file=sys.stderr)
        return 2
    json.dump(snapshot(host, port, user), sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
