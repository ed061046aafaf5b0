#!/usr/bin/python3
"""A small POP3 server that follows RFC 1939, 2449, 3206, 5034, 2595 and 8314, with switchable defects.

It exists to prove the mailspec POP3 suite: without defects every case passes against it; with
`--defect NAME` it deviates in exactly one documented way, and the cases that check that rule must
stop passing (tests/defects/pop3_defects.tsv, tests/defects/run_defects.py). Python 3 standard library
only; one thread per connection; everything in memory.

    pop3_server.py [--defect NAME]... [--cert PEM --key PEM] [--implicit-tls] [--port N] [--lifeline]

Prints "PORT <n>" on stdout once it listens on 127.0.0.1. With --lifeline it exits when its stdin
reaches end of file (so that it never outlives the test that started it). `--list-defects` prints the
defect names with their descriptions.

Mailboxes (passwords in the clear, so that APOP, CRAM-MD5 and SCRAM work): alice/alicepw, carol/carolpw
and dave/davepw, each seeded with the five messages of ci/targets/dovecot/seed-mail.sh (message 2 has
lines starting with ".", message 3 an 8-bit body; sizes 324 390 422 389 416). LOGIN-DELAY is per user:
0 s for alice and carol, 900 s for dave (announced before login as "LOGIN-DELAY 900 USER").
Sessions do not lock the maildrop (like Dovecot): each session works on the list of messages it saw
at login, deletions are committed at QUIT (UPDATE), and a message another session removed stays
readable in a session that still lists it.
"""
import argparse
import base64
import hashlib
import hmac
import os
import re
import secrets
import ssl
import sys
import threading
import time
import server_common
from sasl_scram import scram_server

# ---- defects ---------------------------------------------------------------------------------------
# name -> what the server does wrong. Each is one deviation; see pop3_defects.tsv for the cases.
DEFECTS = {
    # status lines and greeting
    "greeting-lowercase": "the greeting is '+ok ...' (RFC 1939 §3: status indicators are upper case)",
    "greeting-two-lines": "a second '+OK' line follows the greeting before the client speaks",
    "lowercase-ok": "positive answers in the TRANSACTION state start with '+ok'",
    "err-lowercase": "every negative answer starts with '-err'",
    "long-err-echo": "the -ERR to an unknown command repeats the command three times (over 512 octets)",
    # command syntax
    "unknown-ok": "unknown commands are answered with +OK",
    "prefix-match": "a keyword is recognised by its prefix (STATX runs STAT)",
    "case-sensitive-keywords": "only upper-case keywords are recognised",
    "stat-accepts-argument": "STAT ignores an argument",
    "noop-accepts-argument": "NOOP ignores an argument",
    "list-extra-argument": "LIST ignores a second argument",
    "retr-extra-argument": "RETR ignores a second argument",
    "stls-accepts-argument": "STLS ignores an argument and starts TLS",
    "retr-missing-argument": "RETR without a number retrieves message 1",
    "dele-missing-argument": "DELE without a number marks message 1",
    "top-missing-line-count": "TOP without a line count works like TOP n 0",
    "apop-missing-digest": "APOP with only a name works like USER",
    "non-numeric-is-one": "a non-numeric message number or line count is taken as 1",
    "negative-index": "negative numbers count from the end (RETR -1 is the last message, TOP n -1 drops a line)",
    "number-wraps": "message numbers above the count wrap around ((n-1) mod count + 1; 0 is the last)",
    "number-32bit": "message numbers are taken modulo 2^32 (4294967297 is message 1)",
    "numbering-from-zero": "messages are numbered from 0",
    "short-command-buffer": "command lines are cut into 128-octet pieces, each run as a command",
    # states
    "transaction-cmds-before-login": "STAT LIST RETR DELE NOOP RSET TOP UIDL work before login (on alice's maildrop)",
    "user-opens-maildrop": "after a successful USER the TRANSACTION commands work before PASS",
    "reauth-in-transaction": "USER, PASS and APOP are answered +OK in the TRANSACTION state",
    "auth-in-transaction": "AUTH starts a SASL exchange in the TRANSACTION state",
    "stls-after-login": "STLS is accepted in the TRANSACTION state",
    "pass-without-user-ok": "PASS without USER logs in to the mailbox that has this password",
    "pass-retry-without-user": "after a failed PASS, another PASS retries the same USER",
    "user-twice-ok": "USER after a successful USER replaces the name",
    "one-auth-attempt": "after one failed login every further USER, PASS, APOP and AUTH gets -ERR",
    "pass-ok-stays-authorization": "PASS answers +OK but the session stays in AUTHORIZATION",
    # credentials
    "user-pass-any-password": "PASS accepts any password for an existing mailbox",
    "unknown-user-empty-maildrop": "an unknown name logs in (any password, digest or SASL secret) to an empty maildrop",
    "apop-any-digest": "APOP accepts any digest for an existing mailbox",
    "apop-broken": "APOP computes the digest as MD5(password + timestamp): correct digests are refused",
    "apop-static-timestamp": "every greeting carries the same APOP timestamp",
    "apop-timestamp-no-at": "the APOP timestamp is <pid.clock> without @host",
    # transaction
    "dele-refused": "DELE is refused (-ERR, read-only maildrop)",
    "dele-twice-ok": "DELE of a message already marked answers +OK",
    "retr-deleted-ok": "RETR of a message marked as deleted delivers it",
    "list-ignores-deleted": "LIST (with and without argument) shows messages marked as deleted",
    "renumber-after-dele": "DELE renumbers the remaining messages at once",
    "top-deleted-ok": "TOP of a message marked as deleted delivers it",
    "uidl-ignores-deleted": "UIDL (with and without argument) shows messages marked as deleted",
    "list-bad-format": "scan listings in LIST are '<n>: <size>'",
    "list-extra-text": "scan listings in LIST are '<n> <size> octets'",
    "list-single-bad-format": "LIST n answers '+OK <size>' without the message number",
    "list-size-off-by-one": "LIST reports one octet more than the message has",
    "size-counts-stuffing": "sizes count the dots added by byte-stuffing",
    "no-byte-stuffing": "lines starting with '.' are sent without byte-stuffing",
    "stat-bad-format": "STAT answers '+OK <n> messages (<size> octets)'",
    "stat-extra-text": "STAT answers '+OK <n> <size> octets'",
    "stat-counts-deleted": "STAT's message count includes messages marked as deleted",
    "stat-size-counts-deleted": "STAT's octet count includes messages marked as deleted",
    "noop-err": "NOOP in the TRANSACTION state answers -ERR",
    "rset-err": "RSET with nothing marked answers -ERR",
    "rset-no-undelete": "RSET answers +OK but leaves the deletion marks",
    "retr-refused": "RETR answers -ERR [SYS/TEMP] for every message",
    "retr-last-missing": "RETR of the last message answers -ERR (off-by-one bound check)",
    "retr-marks-deleted": "RETR marks the message as deleted",
    "top-ignores-n": "TOP sends the whole message whatever the line count",
    "top-huge-count-error": "TOP with more lines than the body has answers -ERR",
    "uidl-long-ids": "unique-ids are 80 characters long",
    "uidl-duplicate": "every message has the same unique-id",
    "uidl-unstable": "unique-ids change in every session",
    "uidl-by-number": "the unique-id of a message is derived from its message number",
    # update and sessions
    "quit-no-close": "QUIT answers +OK but the server does not close the connection",
    "quit-keeps-deleted": "UPDATE removes nothing",
    "update-removes-first": "UPDATE removes as many messages as were marked, but from the start of the maildrop",
    "update-ignores-rset": "UPDATE removes every message marked in the session, also those RSET unmarked",
    "drop-deletes": "a session that ends without QUIT still removes its marked messages",
    "dele-immediate": "DELE removes the message from the maildrop at once, before UPDATE",
    "shared-expunge": "a message removed by another session's UPDATE can no longer be read (-ERR)",
    "expire-retrieved": "UPDATE also removes every message that was retrieved, though EXPIRE says NEVER",
    "lock-maildrop": "a maildrop open in another session is refused with -ERR [IN-USE]",
    "lock-without-in-use": "a maildrop open in another session is refused with -ERR without [IN-USE]",
    "second-login-kills-first": "a new login makes the older session of that maildrop answer -ERR to everything",
    "login-delay-not-enforced": "LOGIN-DELAY is announced but not enforced",
    # CAPA
    "no-capa": "CAPA answers -ERR in every state",
    "capa-missing-in-transaction": "CAPA answers -ERR in the TRANSACTION state",
    "capa-after-stls-err": "CAPA answers -ERR inside TLS started by STLS",
    "capa-bad-syntax": "CAPA lists a line with a TAB ('X-MAILSPEC<TAB>yes')",
    "capa-drops-after-login": "after login CAPA lists nothing",
    "capa-args-on-bare-tags": "TOP, USER, RESP-CODES, PIPELINING, UIDL, AUTH-RESP-CODE carry an argument",
    "capa-bad-sasl": "the SASL line lists no mechanism",
    "capa-bad-login-delay": "LOGIN-DELAY's argument is '15min'",
    "capa-bad-expire": "EXPIRE's argument is 'forever'",
    "capa-bad-implementation": "IMPLEMENTATION has no argument",
    "capa-user-token-after-login": "LOGIN-DELAY and EXPIRE keep the USER token after login",
    # pipelining, response codes
    "pipelining-rejects-batched": "a command that arrived in the same read as the one before gets -ERR",
    "pass-drops-pipelined": "commands pipelined behind a successful PASS are dropped unanswered (lost at the login hand-off)",
    "bad-resp-code": "negative answers start with a malformed response code ('[ERROR CODE]')",
    "no-auth-code": "failed logins carry no [AUTH] response code",
    # STLS
    "stls-regreets": "after the STLS handshake the server sends its greeting again",
    "stls-preauth": "after the STLS handshake the session is logged in as alice",
    "stls-twice-ok": "STLS inside TLS answers +OK",
    "stls-injection": "commands received before the STLS handshake are run inside TLS",
    # SASL
    "sasl-plain-ir-rejected": "AUTH PLAIN with an initial response answers -ERR",
    "sasl-plain-requires-ir": "AUTH PLAIN without an initial response answers -ERR",
    "empty-challenge-not-empty": "the empty challenge is '+' without the space",
    "auth-cancel-ok": "'*' (cancel) is answered with +OK",
    "sasl-login-broken": "AUTH LOGIN checks the user name as the password",
    "cram-md5-broken": "CRAM-MD5 checks the digest with the user name as the key",
    "scram-bad-signature": "the SCRAM server signature is computed with the wrong key",
    "sasl-any-password": "SASL PLAIN and LOGIN accept any password for an existing mailbox",
    "sasl-reprompt-on-bad-base64": "undecodable base64 gets the empty challenge again instead of -ERR",
    "equals-ir-as-absent": "an initial response of '=' is taken as no initial response",
    "cram-md5-ignores-ir": "AUTH CRAM-MD5 with an initial response ignores it and sends the challenge",
    "unknown-mech-challenge": "AUTH with an unknown mechanism sends a challenge",
    "sasl-mech-case-sensitive": "mechanism names are only recognised in upper case",
    "auth-no-transaction": "a successful AUTH answers +OK but the session stays in AUTHORIZATION",
}

D = set()
TLS_CTX = None
IMPLICIT_TLS = False

USERS = {"alice": "alicepw", "carol": "carolpw", "dave": "davepw"}
LOGIN_DELAY = {"alice": 0, "carol": 0, "dave": 900}
MAX_LOGIN_DELAY = 900
SASL_MECHS = ["PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"]
B64_RE = re.compile(rb"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
HOST = "mailspec.test"


def seed_message(user, i):
    t = 1700000000 + 60 * i
    date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))
    subject = {1: "plain", 2: "dot lines", 3: "8bit body"}.get(i, "filler")
    lines = ["Return-Path: <sender@example.org>", f"Date: {date}", "From: Seed Sender <sender@example.org>",
             f"To: {user}@example.test", f"Subject: mailspec seed {i}: {subject}",
             f"Message-ID: <seed-{i}@mailspec.example.test>", "MIME-Version: 1.0"]
    if i == 3:
        lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
                  "Grüße aus Köln: naïve café, 東京, Ελληνικά.", "The line above holds bytes above 0x7F (UTF-8)."]
    else:
        lines += ["Content-Type: text/plain; charset=us-ascii", ""]
        if i == 1:
            lines += ["This is seed message 1.", "It has two lines."]
        elif i == 2:
            lines += ["Lines below start with a dot.", ".single dot prefix", "..double dot prefix", ".",
                      "The line above is a lone dot."]
        else:
            lines += [f"Line {k} of seed message {i}." for k in range(1, i + 1)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


class Message:
    def __init__(self, uid, data):
        self.uid = uid
        self.data = data          # CRLF line ends, ends with CRLF
        self.expunged = False     # removed from the maildrop by some session's UPDATE

    def size(self):
        n = len(self.data)
        if "size-counts-stuffing" in D:
            n += sum(1 for line in self.data.split(b"\r\n") if line.startswith(b"."))
        return n


class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.boxes = {}
        self.sessions = {}       # user -> set of sessions in TRANSACTION
        self.last_login = {}
        validity = int(time.time()) & 0xFFFFFFFF
        for user in USERS:
            self.boxes[user] = [Message(f"{validity:08x}{i:08x}", seed_message(user, i)) for i in range(1, 6)]

    def remove(self, user, msgs):
        with self.lock:
            box = self.boxes.get(user, [])
            for m in msgs:
                if any(x is m for x in box):
                    box[:] = [x for x in box if x is not m]
                    m.expunged = True


STORE = None
COUNTER = [0]
COUNTER_LOCK = threading.Lock()


def next_count():
    with COUNTER_LOCK:
        COUNTER[0] += 1
        return COUNTER[0]


def b64(data):
    return base64.b64encode(data).decode("ascii")


def strict_b64decode(text):
    raw = text.encode("latin-1")
    if not B64_RE.match(raw):
        return None
    return base64.b64decode(raw)


class Quit(Exception):
    pass


class Session:
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.tls = IMPLICIT_TLS      # TLS active
        self.stls_done = False       # TLS started by STLS
        self.state = "auth"
        self.pending_user = None     # after a successful USER
        self.user = None
        self.msgs = None             # the session's view: list of Message (None: no maildrop open)
        self.deleted = set()         # indexes into msgs
        self.ever_deleted = set()    # update-ignores-rset: every index DELE marked in the session
        self.renumbered_out = []     # renumber-after-dele: messages removed from the view
        self.retrieved = set()
        self.failed_auth = False
        self.killed = False
        self.sasl = None             # running SASL exchange (generator)
        self.sasl_wait_final = False
        self.session_salt = secrets.token_hex(4)
        if "apop-static-timestamp" in D:
            self.timestamp = f"<1.1@{HOST}>"
        elif "apop-timestamp-no-at" in D:
            self.timestamp = f"<{os.getpid()}.{next_count()}.{time.time_ns()}>"
        else:
            self.timestamp = f"<{os.getpid()}.{next_count()}.{time.time_ns()}@{HOST}>"

    # ---- output ----
    def send(self, data):
        self.sock.sendall(data)

    def line(self, text):
        self.send(text.encode("utf-8") + b"\r\n")

    def ok(self, text=""):
        ind = "+ok" if "lowercase-ok" in D and self.state == "trans" else "+OK"
        self.line(ind + (" " + text if text else ""))

    def err(self, text, code=None):
        ind = "-err" if "err-lowercase" in D else "-ERR"
        if "bad-resp-code" in D:
            code = "ERROR CODE"
        if code == "AUTH" and "no-auth-code" in D:
            code = None
        self.line(ind + " " + (f"[{code}] " if code else "") + text)

    def multiline(self, first, body):
        """+OK first, then body (bytes, CRLF lines) byte-stuffed, then the terminator."""
        out = []
        lines = body.split(b"\r\n")
        if lines[-1] == b"":
            lines.pop()
        for ln in lines:
            if ln.startswith(b".") and "no-byte-stuffing" not in D:
                ln = b"." + ln
            out.append(ln + b"\r\n")
        ind = "+ok" if "lowercase-ok" in D and self.state == "trans" else "+OK"
        self.send((ind + (" " + first if first else "")).encode() + b"\r\n" + b"".join(out) + b".\r\n")

    # ---- capabilities ----
    def capa_lines(self):
        trans = self.state == "trans"
        if trans and "capa-drops-after-login" in D:
            return []
        bare = "capa-args-on-bare-tags" in D
        caps = ["TOP" + (" 1" if bare else ""), "USER" + (" yes" if bare else "")]
        caps.append("SASL" if "capa-bad-sasl" in D else "SASL " + " ".join(SASL_MECHS))
        caps += ["RESP-CODES" + (" yes" if bare else ""), "AUTH-RESP-CODE" + (" yes" if bare else ""),
                 "PIPELINING" + (" yes" if bare else ""), "UIDL" + (" yes" if bare else "")]
        if TLS_CTX is not None and not self.tls and not trans:
            caps.append("STLS")
        user_token = not trans or "capa-user-token-after-login" in D
        delay = MAX_LOGIN_DELAY if user_token else LOGIN_DELAY.get(self.user, 0)
        if "capa-bad-login-delay" in D:
            caps.append("LOGIN-DELAY 15min")
        else:
            caps.append(f"LOGIN-DELAY {delay}" + (" USER" if user_token else ""))
        if "capa-bad-expire" in D:
            caps.append("EXPIRE forever")
        else:
            caps.append("EXPIRE 365 USER" if user_token else "EXPIRE NEVER")
        caps.append("IMPLEMENTATION" if "capa-bad-implementation" in D else "IMPLEMENTATION mailspec-defects-pop3")
        if "capa-bad-syntax" in D:
            caps.append("X-MAILSPEC\tyes")
        return caps

    # ---- maildrop view ----
    def open_view(self, user):
        with STORE.lock:
            self.msgs = list(STORE.boxes.get(user, []))
        self.deleted = set()
        self.ever_deleted = set()
        self.retrieved = set()
        self.renumbered_out = []
        if "uidl-unstable" in D:
            self.session_salt = secrets.token_hex(4)

    def login(self, user, how="PASS"):
        """Opens the maildrop; returns True, or answers -ERR and returns False."""
        now = time.monotonic()
        with STORE.lock:
            others = [s for s in STORE.sessions.get(user, set()) if s is not self]
            if others and ("lock-maildrop" in D or "lock-without-in-use" in D):
                locked = True
            else:
                locked = False
                delay = LOGIN_DELAY.get(user, 0)
                last = STORE.last_login.get(user)
                if delay and last is not None and now - last < delay and "login-delay-not-enforced" not in D:
                    delayed = True
                else:
                    delayed = False
                    STORE.last_login[user] = now
                    if "second-login-kills-first" in D:
                        for s in others:
                            s.killed = True
        if locked:
            self.err("maildrop already in use", "IN-USE" if "lock-maildrop" in D else None)
            return False
        if delayed:
            self.err("minimum time between logins has not passed", "LOGIN-DELAY")
            return False
        if (how == "PASS" and "pass-ok-stays-authorization" in D) or (how == "AUTH" and "auth-no-transaction" in D):
            self.ok("logged in")
            return True
        self.user = user
        self.open_view(user)
        with STORE.lock:
            STORE.sessions.setdefault(user, set()).add(self)
        self.state = "trans"
        self.pending_user = None
        self.ok(f"logged in, {len(self.msgs)} messages")
        return True

    def leave(self, update):
        """End of session: UPDATE (QUIT) or a drop."""
        if self.user is not None:
            with STORE.lock:
                STORE.sessions.get(self.user, set()).discard(self)
        if self.msgs is None or self.user is None:
            return
        if not update and "drop-deletes" not in D:
            return
        if "quit-keeps-deleted" in D and update:
            return
        marked_idx = self.deleted | self.ever_deleted if "update-ignores-rset" in D else self.deleted
        marked = [self.msgs[i] for i in sorted(marked_idx)] + self.renumbered_out
        if "update-removes-first" in D:
            marked = self.msgs[:len(marked)]
        if "expire-retrieved" in D:
            marked += [self.msgs[i] for i in self.retrieved]
        STORE.remove(self.user, marked)
        if "shared-expunge" not in D:
            for m in marked:
                m.expunged = False  # only the maildrop lost it; sessions that listed it can still read it

    # ---- numbers ----
    def uid_of(self, idx):
        m = self.msgs[idx]
        if "uidl-duplicate" in D:
            return "mailspec-same-id"
        if "uidl-by-number" in D:
            return f"msg{idx + 1}"
        uid = m.uid
        if "uidl-unstable" in D:
            uid += "." + self.session_salt
        if "uidl-long-ids" in D:
            uid = uid + "x" * (80 - len(uid))
        return uid

    def number_of(self, idx):
        return idx if "numbering-from-zero" in D else idx + 1

    def parse_count(self, text):
        """A non-negative decimal number, or None."""
        if re.fullmatch(r"[0-9]+", text):
            return int(text)
        if "negative-index" in D and re.fullmatch(r"-[0-9]+", text):
            return int(text)
        if "non-numeric-is-one" in D and not re.fullmatch(r"-?[0-9]+", text):
            return 1
        return None

    def resolve(self, text, allow_deleted=False):
        """Message number -> index into self.msgs, or (None, error text)."""
        n = self.parse_count(text)
        if n is None:
            return None, "invalid message number"
        count = len(self.msgs)
        if "number-32bit" in D:
            n %= 2 ** 32
        if "number-wraps" in D and count and (n > count or n == 0):
            n = (n - 1) % count + 1
        if "negative-index" in D and n < 0 and count:
            n = count + n + 1
        idx = n if "numbering-from-zero" in D else n - 1
        if idx < 0 or idx >= count:
            return None, "no such message"
        if idx in self.deleted and not allow_deleted:
            return None, "message is deleted"
        m = self.msgs[idx]
        if m.expunged and "shared-expunge" in D:
            return None, "message was expunged by another session"
        return idx, None

    def live(self):
        return [i for i in range(len(self.msgs)) if i not in self.deleted]

    # ---- main loop ----
    def run(self):
        try:
            if self.tls:
                self.sock = TLS_CTX.wrap_socket(self.sock, server_side=True)
            greeting = ("+ok" if "greeting-lowercase" in D else "+OK") + " mailspec test POP3 server ready " + self.timestamp
            self.line(greeting)
            if "greeting-two-lines" in D:
                self.line("+OK and welcome")
            while True:
                data = self.sock.recv(65536)
                if not data:
                    break
                self.buf += data
                if len(self.buf) > 1 << 20:
                    break
                first = True
                while b"\n" in self.buf:
                    raw, self.buf = self.buf.split(b"\n", 1)
                    if raw.endswith(b"\r"):
                        raw = raw[:-1]
                    pieces = [raw]
                    if "short-command-buffer" in D and len(raw) > 126:
                        pieces = [raw[i:i + 126] for i in range(0, len(raw), 126)]
                    for piece in pieces:
                        if not first and "pipelining-rejects-batched" in D and self.sasl is None:
                            self.err("pipelining is not supported")
                            continue
                        first = False
                        before = self.state
                        self.dispatch(piece)
                        if ("pass-drops-pipelined" in D and piece[:4].upper() == b"PASS" and before == "auth"
                                and self.state == "trans"):
                            # The rest of this read never reaches the post-login session.
                            self.buf = b""
                            break
        except Quit:
            return
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            if self.state == "trans":
                self.leave(update=False)
            try:
                self.sock.close()
            except OSError:
                pass

    def dispatch(self, raw):
        if self.sasl is not None:
            return self.sasl_response(raw.decode("latin-1"))
        text = raw.decode("utf-8", "replace")
        if len(raw) + 2 > 255:
            return self.err("command line too long")
        if self.killed:
            return self.err("this session was superseded by a newer login", "SYS/TEMP")
        parts = text.split(" ")
        kw = parts[0] if "case-sensitive-keywords" in D else parts[0].upper()
        args = parts[1:]
        known = ("USER", "PASS", "APOP", "AUTH", "STLS", "CAPA", "QUIT", "STAT", "LIST", "RETR", "DELE", "NOOP",
                 "RSET", "TOP", "UIDL")
        if kw not in known and "prefix-match" in D:
            kw = next((k for k in known if kw.startswith(k)), kw)
        if kw not in known:
            if "unknown-ok" in D:
                return self.ok()
            if "long-err-echo" in D:
                return self.err(f"unknown command: {text} {text} {text}")
            return self.err("unknown command")
        if kw == "PASS":
            rest = text[5:] if len(text) > 5 else ""
            return self.cmd_pass(rest)
        if any(a == "" for a in args):
            return self.err("syntax error: empty argument")
        handler = getattr(self, "cmd_" + kw.lower())
        return handler(args)

    # ---- AUTHORIZATION ----
    def in_auth(self):
        return self.state == "auth"

    def auth_blocked(self):
        if self.failed_auth and "one-auth-attempt" in D:
            self.err("too many failed attempts")
            return True
        return False

    def auth_failed(self, text="invalid credentials"):
        self.failed_auth = True
        self.err(text, "AUTH")

    def cmd_user(self, args):
        if not self.in_auth():
            if "reauth-in-transaction" in D:
                return self.ok()
            return self.err("USER is only valid before login")
        if self.auth_blocked():
            return None
        if len(args) != 1:
            return self.err("usage: USER name")
        if self.pending_user is not None and "user-twice-ok" not in D:
            return self.err("USER already given; send PASS or QUIT")
        self.pending_user = args[0]
        return self.ok("send PASS")

    def cmd_pass(self, rest):
        if not self.in_auth():
            if "reauth-in-transaction" in D:
                return self.ok()
            return self.err("PASS is only valid before login")
        if self.auth_blocked():
            return None
        if not rest:
            return self.err("usage: PASS password")
        user = self.pending_user
        if user is None:
            if "pass-without-user-ok" in D:
                match = [u for u, p in USERS.items() if p == rest]
                if match:
                    return self.login(match[0])
            return self.err("PASS needs a USER first")
        if "pass-retry-without-user" not in D:
            self.pending_user = None
        if user in USERS:
            good = USERS[user] == rest or "user-pass-any-password" in D
        else:
            good = "unknown-user-empty-maildrop" in D
        if not good:
            return self.auth_failed()
        return self.login_user(user, "PASS")

    def login_user(self, user, how):
        if user not in USERS:
            STORE.boxes.setdefault(user, [])
        return self.login(user, how)

    def cmd_apop(self, args):
        if not self.in_auth():
            if "reauth-in-transaction" in D:
                return self.ok()
            return self.err("APOP is only valid before login")
        if self.auth_blocked():
            return None
        if len(args) == 1 and "apop-missing-digest" in D:
            self.pending_user = args[0]
            return self.ok("send PASS")
        if len(args) != 2:
            return self.err("usage: APOP name digest")
        if self.pending_user is not None:
            return self.err("APOP is not valid after USER")
        user, digest = args
        if user in USERS:
            secret = USERS[user]
            material = secret + self.timestamp if "apop-broken" in D else self.timestamp + secret
            want = hashlib.md5(material.encode()).hexdigest().encode()
            good = hmac.compare_digest(want, digest.encode()) or "apop-any-digest" in D
        else:
            good = "unknown-user-empty-maildrop" in D
        if not good:
            return self.auth_failed()
        return self.login_user(user, "APOP")

    def cmd_stls(self, args):
        if args and "stls-accepts-argument" not in D:
            return self.err("STLS takes no argument")
        if TLS_CTX is None:
            return self.err("TLS is not available")
        if self.tls:
            if "stls-twice-ok" in D:
                return self.ok("TLS is already active")
            return self.err("TLS is already active")
        if not self.in_auth() and "stls-after-login" not in D:
            return self.err("STLS is only valid before login")
        if "stls-injection" not in D:
            # Anything the client sent after STLS belongs to the plaintext phase: it is dropped, so that
            # only commands sent inside TLS run there (RFC 2595 §4, CVE-2011-0411).
            self.buf = b""
            self.sock.setblocking(False)
            try:
                while self.sock.recv(65536):
                    pass
            except (BlockingIOError, InterruptedError):
                pass
            finally:
                self.sock.setblocking(True)
        self.ok("begin TLS negotiation")
        self.sock.settimeout(30)
        try:
            self.sock = TLS_CTX.wrap_socket(self.sock, server_side=True)
        except (OSError, ssl.SSLError):
            raise Quit()
        self.sock.settimeout(600)
        self.tls = True
        self.stls_done = True
        self.pending_user = None     # knowledge from before TLS is discarded
        if "stls-regreets" in D:
            self.line("+OK mailspec test POP3 server ready " + self.timestamp)
        if "stls-preauth" in D and self.state == "auth":
            self.user = "alice"
            self.open_view("alice")
            self.state = "trans"
        return None

    def cmd_capa(self, args):
        if args:
            return self.err("CAPA takes no argument")
        if "no-capa" in D:
            return self.err("unknown command")
        if self.state == "trans" and "capa-missing-in-transaction" in D:
            return self.err("unknown command")
        if self.stls_done and "capa-after-stls-err" in D:
            return self.err("unknown command")
        body = "".join(c + "\r\n" for c in self.capa_lines()).encode()
        return self.multiline("capability list follows", body)

    def cmd_quit(self, args):
        if args:
            return self.err("QUIT takes no argument")
        if self.state == "trans":
            self.leave(update=True)
            self.state = "update"
            self.ok("bye, changes committed")
        else:
            self.ok("bye")
        if "quit-no-close" in D:
            if self.state == "update":
                self.state = "closed-but-open"
            return None
        raise Quit()

    # ---- SASL (RFC 5034) ----
    def cmd_auth(self, args):
        if not self.in_auth() and "auth-in-transaction" not in D:
            return self.err("AUTH is only valid before login")
        if self.auth_blocked():
            return None
        if not args or len(args) > 2:
            return self.err("usage: AUTH mechanism [initial-response]")
        mech = args[0] if "sasl-mech-case-sensitive" in D else args[0].upper()
        if mech not in SASL_MECHS:
            if "unknown-mech-challenge" in D:
                self.sasl = self.mech_unknown()
                return self.sasl_step(None)
            return self.err("unsupported mechanism")
        ir = None
        if len(args) == 2:
            if args[1] == "=":
                ir = None if "equals-ir-as-absent" in D else b""
            else:
                ir = strict_b64decode(args[1])
                if ir is None:
                    if "sasl-reprompt-on-bad-base64" not in D:
                        self.failed_auth = True
                        return self.err("invalid base64 in the initial response")
            if mech == "CRAM-MD5" and "cram-md5-ignores-ir" not in D:
                self.failed_auth = True
                return self.err("CRAM-MD5 does not take an initial response")
            if mech == "CRAM-MD5":
                ir = None
            if mech == "PLAIN" and "sasl-plain-ir-rejected" in D:
                return self.err("initial responses are not supported")
        elif mech == "PLAIN" and "sasl-plain-requires-ir" in D:
            return self.err("PLAIN needs an initial response")
        self.sasl = getattr(self, "mech_" + mech.replace("-", "_").lower())(ir)
        return self.sasl_step(None)

    def challenge(self, data):
        if not data and "empty-challenge-not-empty" in D:
            return self.line("+")
        return self.line("+ " + b64(data))

    def sasl_step(self, response):
        try:
            chal = self.sasl.send(response)
        except StopIteration as done:
            self.sasl = None
            user = done.value
            if user is None:
                return self.auth_failed("authentication failed")
            return self.login_user(user, "AUTH")
        return self.challenge(chal)

    def sasl_response(self, text):
        if text == "*":
            self.sasl = None
            if "auth-cancel-ok" in D:
                return self.ok("cancelled")
            self.failed_auth = True
            return self.err("authentication cancelled")
        decoded = b"" if text == "" else strict_b64decode(text)
        if decoded is None:
            if "sasl-reprompt-on-bad-base64" in D:
                return self.challenge(b"")
            self.sasl = None
            self.failed_auth = True
            return self.err("invalid base64 in the response")
        return self.sasl_step(decoded)

    def check_password(self, user, password):
        if user in USERS:
            if USERS[user] == password or "sasl-any-password" in D:
                return user
            return None
        return user if user and "unknown-user-empty-maildrop" in D else None

    def mech_unknown(self):
        yield b""
        return None

    def mech_plain(self, ir):
        resp = ir
        if resp is None:
            resp = yield b""
        parts = resp.split(b"\0")
        if len(parts) != 3:
            return None
        authz, authc, pw = (p.decode("utf-8", "replace") for p in parts)
        if authz and authz != authc:
            return None
        return self.check_password(authc, pw)

    def mech_login(self, ir):
        user = ir if ir is not None else (yield b"Username:")
        pw = yield b"Password:"
        user, pw = user.decode("utf-8", "replace"), pw.decode("utf-8", "replace")
        if "sasl-login-broken" in D:
            pw = user
        return self.check_password(user, pw)

    def mech_cram_md5(self, ir):
        chal = f"<{secrets.randbelow(10 ** 9)}.{time.time_ns()}@{HOST}>".encode()
        resp = yield chal
        try:
            user, digest = resp.decode("utf-8").rsplit(" ", 1)
        except ValueError:
            return None
        if user not in USERS:
            return user if "unknown-user-empty-maildrop" in D else None
        key = user if "cram-md5-broken" in D else USERS[user]
        want = hmac.new(key.encode(), chal, hashlib.md5).hexdigest().encode()
        return user if hmac.compare_digest(want, digest.encode()) else None

    def mech_scram(self, ir, name):
        return (yield from scram_server(
            ir, "sha1" if name == "SCRAM-SHA-1" else "sha256", USERS.get,
            unknown_user=lambda user: user if "unknown-user-empty-maildrop" in D else None,
            bad_signature="scram-bad-signature" in D))

    def mech_scram_sha_1(self, ir):
        return self.mech_scram(ir, "SCRAM-SHA-1")

    def mech_scram_sha_256(self, ir):
        return self.mech_scram(ir, "SCRAM-SHA-256")

    # ---- TRANSACTION ----
    def need_transaction(self, name):
        if self.state == "trans":
            return True
        if self.state == "auth" and "transaction-cmds-before-login" in D:
            if self.msgs is None:
                self.open_view("alice")
            return True
        if self.state == "auth" and "user-opens-maildrop" in D and self.pending_user in USERS:
            if self.msgs is None:
                self.open_view(self.pending_user)
            return True
        self.err(f"{name} is only valid after login")
        return False

    def cmd_stat(self, args):
        if not self.need_transaction("STAT"):
            return None
        if args and "stat-accepts-argument" not in D:
            return self.err("STAT takes no argument")
        live = self.live()
        count = len(self.msgs) if "stat-counts-deleted" in D else len(live)
        sized = range(len(self.msgs)) if "stat-size-counts-deleted" in D else live
        size = sum(self.msgs[i].size() for i in sized)
        if "stat-bad-format" in D:
            return self.ok(f"{count} messages ({size} octets)")
        if "stat-extra-text" in D:
            return self.ok(f"{count} {size} octets")
        return self.ok(f"{count} {size}")

    def listed_size(self, idx):
        return self.msgs[idx].size() + (1 if "list-size-off-by-one" in D else 0)

    def cmd_list(self, args):
        if not self.need_transaction("LIST"):
            return None
        if len(args) > 1 and "list-extra-argument" not in D:
            return self.err("usage: LIST [msg]")
        if args:
            idx, why = self.resolve(args[0], allow_deleted="list-ignores-deleted" in D)
            if why:
                return self.err(why)
            if "list-single-bad-format" in D:
                return self.ok(f"{self.listed_size(idx)}")
            return self.ok(f"{self.number_of(idx)} {self.listed_size(idx)}")
        shown = range(len(self.msgs)) if "list-ignores-deleted" in D else self.live()
        fmt = "{n}: {s}" if "list-bad-format" in D else "{n} {s} octets" if "list-extra-text" in D else "{n} {s}"
        body = "".join(fmt.format(n=self.number_of(i), s=self.listed_size(i)) + "\r\n" for i in shown)
        return self.multiline(f"{len(self.live())} messages", body.encode())

    def cmd_retr(self, args):
        if not self.need_transaction("RETR"):
            return None
        if not args:
            if "retr-missing-argument" not in D:
                return self.err("usage: RETR msg")
            args = ["1"]
        if len(args) > 1 and "retr-extra-argument" not in D:
            return self.err("usage: RETR msg")
        idx, why = self.resolve(args[0], allow_deleted="retr-deleted-ok" in D)
        if why:
            return self.err(why)
        if "retr-last-missing" in D and idx == len(self.msgs) - 1:
            return self.err("no such message")
        if "retr-refused" in D:
            return self.err("cannot read the message", "SYS/TEMP")
        self.retrieved.add(idx)
        if "retr-marks-deleted" in D:
            self.deleted.add(idx)
        m = self.msgs[idx]
        return self.multiline(f"{m.size()} octets", m.data)

    def cmd_dele(self, args):
        if not self.need_transaction("DELE"):
            return None
        if not args:
            if "dele-missing-argument" not in D:
                return self.err("usage: DELE msg")
            args = ["1"]
        if len(args) > 1:
            return self.err("usage: DELE msg")
        if "dele-refused" in D:
            return self.err("the maildrop is read-only", "SYS/PERM")
        idx, why = self.resolve(args[0], allow_deleted="dele-twice-ok" in D)
        if why:
            return self.err(why)
        if "renumber-after-dele" in D:
            self.renumbered_out.append(self.msgs.pop(idx))
            self.deleted = {i if i < idx else i - 1 for i in self.deleted if i != idx}
            return self.ok("message deleted")
        self.deleted.add(idx)
        self.ever_deleted.add(idx)
        if "dele-immediate" in D:
            STORE.remove(self.user or "alice", [self.msgs[idx]])
            self.msgs[idx].expunged = False
        return self.ok("message deleted")

    def cmd_noop(self, args):
        if not self.need_transaction("NOOP"):
            return None
        if args and "noop-accepts-argument" not in D:
            return self.err("NOOP takes no argument")
        if "noop-err" in D:
            return self.err("NOOP failed")
        return self.ok()

    def cmd_rset(self, args):
        if not self.need_transaction("RSET"):
            return None
        if args:
            return self.err("RSET takes no argument")
        if "rset-err" in D and not self.deleted:
            return self.err("nothing to reset")
        if "rset-no-undelete" not in D:
            self.deleted = set()
        return self.ok(f"{len(self.live())} messages")

    def cmd_top(self, args):
        if not self.need_transaction("TOP"):
            return None
        if len(args) == 1 and "top-missing-line-count" in D:
            args = args + ["0"]
        if len(args) != 2:
            return self.err("usage: TOP msg n")
        idx, why = self.resolve(args[0], allow_deleted="top-deleted-ok" in D)
        if why:
            return self.err(why)
        n = self.parse_count(args[1])
        if n is None:
            return self.err("invalid line count")
        m = self.msgs[idx]
        head, sep, body = m.data.partition(b"\r\n\r\n")
        lines = body.split(b"\r\n")[:-1] if body else []
        if "top-huge-count-error" in D and n > len(lines):
            return self.err("the message has fewer lines")
        if "top-ignores-n" not in D:
            lines = lines[:n]
        out = head + sep + b"".join(ln + b"\r\n" for ln in lines)
        return self.multiline("top of message follows", out)

    def cmd_uidl(self, args):
        if not self.need_transaction("UIDL"):
            return None
        if len(args) > 1:
            return self.err("usage: UIDL [msg]")
        if args:
            idx, why = self.resolve(args[0], allow_deleted="uidl-ignores-deleted" in D)
            if why:
                return self.err(why)
            return self.ok(f"{self.number_of(idx)} {self.uid_of(idx)}")
        shown = range(len(self.msgs)) if "uidl-ignores-deleted" in D else self.live()
        body = "".join(f"{self.number_of(i)} {self.uid_of(i)}\r\n" for i in shown)
        return self.multiline("unique-id listing follows", body.encode())


def serve(conn):
    conn.settimeout(600)  # RFC 1939 §3: an autologout timer lasts at least 10 minutes
    Session(conn).run()


def main():
    global TLS_CTX, IMPLICIT_TLS, STORE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--defect", action="append", default=[], help="a deviation to inject (repeatable)")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--implicit-tls", action="store_true", help="TLS from the first octet (pop3s, RFC 8314)")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--lifeline", action="store_true", help="exit when stdin reaches end of file")
    ap.add_argument("--list-defects", action="store_true")
    a = ap.parse_args()
    if a.list_defects:
        for name, what in DEFECTS.items():
            print(f"{name}\t{what}")
        return 0
    unknown = [d for d in a.defect if d not in DEFECTS]
    if unknown:
        ap.error("unknown defect(s): " + ", ".join(unknown))
    D.update(a.defect)
    if a.cert:
        TLS_CTX = server_common.tls_context(a.cert, a.key)
    if a.implicit_tls and TLS_CTX is None:
        ap.error("--implicit-tls needs --cert and --key")
    IMPLICIT_TLS = a.implicit_tls
    STORE = Store()
    server_common.serve_forever(a.port, a.lifeline, serve)


if __name__ == "__main__":
    sys.exit(main())
