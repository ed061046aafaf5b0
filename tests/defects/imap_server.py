#!/usr/bin/python3
"""A reference IMAP server (IMAP4rev1, RFC 3501, and IMAP4rev2, RFC 9051) with switchable defects.

It exists to prove the mailspec IMAP suite: without defects every case passes against it; with
`--defect NAME` it deviates in exactly one documented way, and the cases that check that rule must stop
passing (tests/defects/imap_defects.tsv, tests/defects/run_defects.py). Python 3 standard library only,
one thread per connection, everything in memory; the mail store is shared by all connections of one
process (so a second session sees what the first one did).

    imap_server.py [--defect NAME]... [--cert PEM --key PEM] [--implicit-tls] [--logindisabled]
                   [--literal-minus] [--port N] [--lifeline] [--list-defects]

Prints "PORT <n>" on stdout once it listens on 127.0.0.1. With --lifeline it exits when its stdin
reaches end of file (so it never outlives the test that started it).
  --cert/--key      STARTTLS (and --implicit-tls: imaps) with this certificate
  --logindisabled   before TLS, advertise LOGINDISABLED (no AUTH=), refuse LOGIN and AUTHENTICATE
  --literal-minus   advertise LITERAL- instead of LITERAL+ (non-synchronising literals up to 4096 octets)

Extensions: STARTTLS, LOGINDISABLED, AUTH=PLAIN, SASL-IR, ENABLE, IDLE, NAMESPACE, ID, UIDPLUS, MOVE,
CONDSTORE, QRESYNC, LITERAL+ / LITERAL-, UTF8=ACCEPT, SPECIAL-USE, LIST-EXTENDED, LIST-STATUS, ESEARCH,
SEARCHRES, BINARY, UNSELECT, CHILDREN. Users alice/alicepw, bob/bobpw, carol/carolpw; each INBOX starts
with the five messages of ci/targets/dovecot/seed-mail.sh; Drafts, Sent, Trash and Junk carry their
special-use attributes. The hierarchy delimiter is "/".

Modules: imap_defects.py (the defect registry), imap_parse.py (argument syntax), imap_store.py (the
store), imap_mime.py (MIME structure, ENVELOPE, BODYSTRUCTURE), imap_fetch.py, imap_search.py,
imap_mailboxes.py (authenticated-state commands), imap_selected.py (selected-state commands).

DEFECTS: declare each one right above the function where it acts (at module level, or in the class
body above a method), and test its flag there (see imap_defects.py):

    GREETING_NO_OK = defect("greeting-no-ok", "the greeting is '* NO ...'")
    ...
        if GREETING_NO_OK:          # (self.NAME for a flag declared in the class body)
            ...

`--list-defects` prints every declared name with its description. A defect is one deviation from a
rule that some case of suites/imap checks; list it in imap_defects.tsv with the cases it makes fail and
record their trips (run_defects.py imap BINARY --only NAME --record).
"""
import argparse
import base64
import contextlib
import faulthandler
import os
import re
import select
import signal
import ssl
import sys
import threading
import time
import traceback

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import imap_defects  # noqa: E402
from imap_defects import defect  # noqa: E402
from imap_mailboxes import MailboxCommands  # noqa: E402
from imap_parse import TAG_CHARS, Bad, Closed, No, Parser  # noqa: E402
from imap_sasl import MECHS as SASL_MECHS, NO_INITIAL_RESPONSE, b64decode_strict, mechanism  # noqa: E402
from imap_selected import SelectedCommands  # noqa: E402
from imap_store import STORE, USERS, parse_date_time  # noqa: E402
import server_common  # noqa: E402

MAX_LINE = 65536
MAX_LITERAL = 32 * 1024 * 1024
LITERAL_MINUS_MAX = 4096
OPTS = argparse.Namespace(tls=None, implicit_tls=False, logindisabled=False, literal_minus=False)
EXTENSIONS = ["ENABLE", "ID", "IDLE", "NAMESPACE", "UIDPLUS", "MOVE", "CONDSTORE", "QRESYNC", "UTF8=ACCEPT",
              "SPECIAL-USE", "LIST-EXTENDED", "LIST-STATUS", "ESEARCH", "SEARCHRES", "BINARY", "UNSELECT",
              "CHILDREN", "STATUS=SIZE", "CREATE-SPECIAL-USE"]
ENABLEABLE = ("CONDSTORE", "QRESYNC", "UTF8=ACCEPT", "IMAP4REV2")
STATES_ANY = ("nonauth", "auth", "selected")
UID_COMMANDS = ("FETCH", "STORE", "SEARCH", "COPY", "MOVE", "EXPUNGE")
UNLOCKED = ("AUTHENTICATE", "STARTTLS", "IDLE", "LOGIN", "LOGOUT")   # they wait for the client: no store lock
NO_LOCK = contextlib.nullcontext()


class Wire:
    """The octets of one connection: buffered reads, STARTTLS."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.wlock = threading.Lock()
        self.tls = False

    def send(self, data):
        with self.wlock:
            try:
                self.sock.sendall(data)
            except OSError as e:
                raise Closed() from e

    def fill(self, timeout=None):
        """Reads more octets (False on timeout)."""
        if timeout is not None and not (self.tls and self.sock.pending()):
            r, _, _ = select.select([self.sock], [], [], timeout)
            if not r:
                return False
        try:
            chunk = self.sock.recv(65536)
        except (OSError, ssl.SSLError) as e:
            raise Closed() from e
        if not chunk:
            raise Closed()
        self.buf += chunk
        return True

    def readline(self, limit=MAX_LINE):
        """-> one line with its CRLF (a bare LF also ends a line), or None when it is over `limit`."""
        while True:
            i = self.buf.find(b"\n")
            if i >= 0:
                line, self.buf = self.buf[:i + 1], self.buf[i + 1:]
                return line
            if len(self.buf) > limit:
                return None
            self.fill()

    def read(self, n):
        while len(self.buf) < n:
            self.fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    STARTTLS_KEEPS_BUFFER = defect("starttls-keeps-buffer", "commands received in clear text after STARTTLS "
                                   "(in the same write) are executed inside TLS (RFC 9051 §6.2.1)")
    STARTTLS_INJECTION = defect("starttls-injection", "octets pipelined after STARTTLS are kept and run as "
                                "commands inside TLS (CVE-2011-0411)")

    def starttls(self, ctx):
        kept = self.buf if self.STARTTLS_INJECTION or self.STARTTLS_KEEPS_BUFFER else b""
        self.buf = b""   # RFC 9051 §6.2.1: nothing sent before the handshake is a command after it
        try:
            self.sock = ctx.wrap_socket(self.sock, server_side=True)
        except (OSError, ssl.SSLError) as e:
            raise Closed() from e
        self.tls = True
        self.buf = kept


LITERAL_RE = re.compile(rb"(~?)\{(\d+)(\+?)\}\r?\n$")


GREETING_NO_OK = defect("greeting-no-ok", "the greeting is an untagged NO instead of OK (RFC 9051 §7.1)")
UNKNOWN_COMMAND_NO = defect("unknown-command-no", "an unknown command is answered NO instead of BAD")
SELECT_BEFORE_LOGIN = defect("select-before-login", "SELECT and EXAMINE work before login (on alice's mailboxes)")
NOOP_BEFORE_LOGIN_BAD = defect("noop-before-login-bad", "NOOP in the not-authenticated state is answered BAD")
# area A (connection states, syntax, any-state and not-authenticated commands)
TAG_ALNUM_ONLY = defect("tag-alnum-only", "a tag with any character but letters and digits is refused (untagged BAD)")
TAG_BRACKET_REFUSED = defect("tag-bracket-refused", "a tag containing ] is refused (untagged BAD)")
TAG_ONE_CHAR_REFUSED = defect("tag-one-char-refused", "a one-character tag is refused (untagged BAD)")
TAG_PLUS_ACCEPTED = defect("tag-plus-accepted", "a tag may contain + (a line '+ NOOP' is run)")
TAG_REUSE_REFUSED = defect("tag-reuse-refused", "a tag already used in the session is answered BAD")
TAG_ECHO_UPPER = defect("tag-echo-upper", "tagged responses carry the tag in upper case")
COMMAND_CASE_SENSITIVE = defect("command-case-sensitive", "command names are recognised in upper case only")
PIPELINED_DROPPED = defect("pipelined-dropped", "commands that arrive with another one in the same read are dropped")
SYNTAX_ERROR_NO = defect("syntax-error-no", "syntax errors are answered with a tagged NO instead of BAD")
EMPTY_LINE_IGNORED = defect("empty-line-ignored", "an empty command line gets no answer")
SYNC_LITERAL_REFUSED = defect("sync-literal-refused", "a synchronizing literal is answered BAD instead of a "
                              "continuation request")
LITERAL_PLUS_REFUSED = defect("literal-plus-refused", "a non-synchronizing literal {n+} is answered BAD")
APPEND_NO_CONTINUATION = defect("append-no-continuation", "APPEND's literal gets no continuation request (the "
                                "server waits for the octets)")
NONAUTH_COMMANDS_OK = defect("nonauth-commands-ok", "before login, commands of the other states are answered OK "
                             "(without running)")
AUTH_SELECTED_COMMANDS_OK = defect("auth-selected-commands-ok", "with no mailbox selected, selected-state commands "
                                   "are answered OK (without running)")
AUTH_NONAUTH_COMMANDS_OK = defect("auth-nonauth-commands-ok", "after login, LOGIN, AUTHENTICATE and STARTTLS are "
                                  "answered OK (without running)")
APPEND_NO_EXISTS = defect("append-no-exists", "APPEND to the selected mailbox is not announced with EXISTS")


class Session(MailboxCommands, SelectedCommands):
    def __init__(self, sock):
        self.wire = Wire(sock)
        self.state = "nonauth"
        self.user = None
        self.account = None
        self.enabled = set()
        self.selected = None
        self.readonly = False
        self.view = []
        self.known = {}
        self.recent = set()
        self.uidmax = 0
        self.saved = None
        self.tag = None
        self.pending = None     # responses collected while the store is locked

    # ---- output ----
    def send(self, data):
        data = data if data.endswith(b"\r\n") else data + b"\r\n"
        if self.pending is not None:
            self.pending.append(data)     # sent by flush(), after the store lock is released
        else:
            self.wire.send(data)

    def flush(self):
        out, self.pending = self.pending, None
        if out:
            self.wire.send(b"".join(out))

    def untagged(self, text):
        self.send(b"* " + (text.encode() if isinstance(text, str) else text))

    def tagged(self, tag, status, text):
        if TAG_ECHO_UPPER:
            tag = tag.upper()
        if SYNTAX_ERROR_NO and status == "BAD" and tag != b"*":
            status = "NO"
        self.send(tag + b" " + status.encode() + b" " + (text.encode() if isinstance(text, str) else text))

    @property
    def utf8(self):
        return "UTF8=ACCEPT" in self.enabled or "IMAP4REV2" in self.enabled

    REV2_RESPONSES_ALWAYS = defect("rev2-responses-always", "advertising IMAP4rev1 and IMAP4rev2, the server "
                                   "answers in IMAP4rev2 style before ENABLE IMAP4rev2 (ESEARCH, no RECENT; "
                                   "RFC 9051 §6.1.1)")

    @property
    def rev2(self):
        return "IMAP4REV2" in self.enabled or bool(self.REV2_RESPONSES_ALWAYS)

    @property
    def condstore(self):
        return "CONDSTORE" in self.enabled or "QRESYNC" in self.enabled

    @property
    def qresync(self):
        return "QRESYNC" in self.enabled

    LITERAL_MINUS_AND_PLUS = defect("literal-minus-and-plus", "with LITERAL- the server advertises LITERAL+ "
                                    "too (RFC 7888 §5)")
    QRESYNC_WITHOUT_ENABLE_CAP = defect("qresync-without-enable-cap", "QRESYNC is advertised without ENABLE "
                                        "(RFC 7162 §3.2.3)")
    QRESYNC_WITHOUT_CONDSTORE_CAP = defect("qresync-without-condstore-cap", "QRESYNC is advertised without "
                                           "CONDSTORE (RFC 7162 §3.2.2)")
    CREATE_SPECIAL_USE_ALONE = defect("create-special-use-alone", "CREATE-SPECIAL-USE is advertised without "
                                      "SPECIAL-USE (RFC 6154 §3)")
    ENABLE_CHANGES_CAPABILITY = defect("enable-changes-capability", "after ENABLE the CAPABILITY list changes "
                                       "(RFC 5161 §3.1)")
    STARTTLS_NOT_ADVERTISED = defect("starttls-not-advertised", "STARTTLS works but is not advertised")
    STARTTLS_ADVERTISED_IN_TLS = defect("starttls-advertised-in-tls", "STARTTLS is still advertised inside TLS")
    AUTH_PLAIN_NOT_ADVERTISED = defect("auth-plain-not-advertised", "AUTH=PLAIN is not advertised (PLAIN still works)")
    ENABLE_DROPS_CAPABILITY = defect("enable-drops-capability", "CAPABILITY no longer lists an extension "
                                       "once ENABLE enabled it")

    def capabilities(self):
        caps = ["IMAP4rev1", "IMAP4rev2"]
        if self.state == "nonauth":
            if OPTS.tls and (not self.wire.tls or self.STARTTLS_ADVERTISED_IN_TLS) and not self.STARTTLS_NOT_ADVERTISED:
                caps.append("STARTTLS")
            if OPTS.logindisabled and not self.wire.tls:
                caps.append("LOGINDISABLED")
            else:
                caps += [f"AUTH={m}" for m in SASL_MECHS if not (m == "PLAIN" and self.AUTH_PLAIN_NOT_ADVERTISED)]
                caps += ["SASL-IR"]
        caps.append("LITERAL-" if OPTS.literal_minus else "LITERAL+")
        if OPTS.literal_minus and self.LITERAL_MINUS_AND_PLUS:
            caps.append("LITERAL+")
        ext = list(EXTENSIONS)
        drop = {"ENABLE": self.QRESYNC_WITHOUT_ENABLE_CAP, "CONDSTORE": self.QRESYNC_WITHOUT_CONDSTORE_CAP,
                "SPECIAL-USE": self.CREATE_SPECIAL_USE_ALONE}
        ext = [e for e in ext if not drop.get(e)]
        if self.ENABLE_DROPS_CAPABILITY:
            ext = [e for e in ext if e.upper() not in self.enabled]
        if self.ENABLE_CHANGES_CAPABILITY and self.enabled:
            ext.append("X-MAILSPEC-ENABLED")
        return " ".join(caps + ext)

    # ---- the command loop ----
    PIPELINED_REORDERED = defect("pipelined-reordered", "of two pipelined commands, the second is executed "
                                 "first (RFC 9051 §5.5)")

    def run(self):
        try:
            self.greet()
            while self.state != "logout":
                cmd = self.read_command()
                if cmd is None:
                    continue
                if self.PIPELINED_REORDERED:
                    time.sleep(0.05)
                    self.wire.fill(timeout=0)
                    if b"\n" in self.wire.buf:
                        later = self.read_command()
                        if later is not None:
                            self.execute(*later)
                self.execute(*cmd)
        except Closed:
            pass
        finally:
            try:
                self.wire.sock.close()
            except OSError:
                pass

    GREETING_NO_CAPABILITY_CODE = defect("greeting-no-capability-code", "the greeting carries no [CAPABILITY] code")
    GREETING_PREAUTH = defect("greeting-preauth", "the greeting is PREAUTH (as alice) on a cleartext connection")

    def greet(self):
        if GREETING_NO_OK:
            self.untagged("NO mailspec reference IMAP server ready")
            return
        if self.GREETING_PREAUTH and not self.wire.tls:
            self.user, self.account, self.state = "alice", STORE.account("alice"), "auth"
            self.untagged("PREAUTH mailspec reference IMAP server, logged in as alice")
            return
        if self.GREETING_NO_CAPABILITY_CODE:
            self.untagged("OK mailspec reference IMAP server ready")
            return
        self.untagged(f"OK [CAPABILITY {self.capabilities()}] mailspec reference IMAP server ready")

    # Defects of the command reader (area: literals, long lines, nesting, pipelining; RFC 9051 §4.3, §5.5,
    # RFC 7888).
    LITERAL_COUNT_WRAPS = defect("literal-count-wraps", "a literal's octet count is taken modulo 2^64 "
                                 "({18446744073709551617} reads as {1}; RFC 9051 §4.3, §9)")
    LITERAL_COUNT_SIGNED = defect("literal-count-signed", "a negative literal count {-1} is read as {0} "
                                  "(RFC 9051 §9)")
    LITERAL_NO_SIZE_LIMIT = defect("literal-no-size-limit", "a literal of any announced size is accepted "
                                   "(continuation request for {2^63}; a non-synchronizing one is read silently)")
    LITERAL_PLUS_CONTINUATION = defect("literal-plus-continuation", "a non-synchronizing literal {n+} gets a "
                                       "continuation request (RFC 7888 §3)")
    LITERAL_PLUS_NOT_COUNTED = defect("literal-plus-not-counted", "a line ending in {n+} is taken as complete; "
                                      "the literal's octets are read as command lines (RFC 7888 §3)")
    LITERAL_MINUS_LIMIT_LOW = defect("literal-minus-limit-low", "with LITERAL-, a non-synchronizing literal of "
                                     "exactly 4096 octets is refused (RFC 7888 §5)")
    LITERAL_MINUS_UNLIMITED = defect("literal-minus-unlimited", "with LITERAL-, non-synchronizing literals over "
                                     "4096 octets are accepted (RFC 7888 §5)")
    LITERAL_MINUS_NO_TOOBIG = defect("literal-minus-no-toobig", "with LITERAL-, a non-synchronizing literal over "
                                     "4096 octets is refused with BAD but no [TOOBIG] (RFC 7888 §5)")
    LITERAL_MINUS_OCTETS_RUN = defect("literal-minus-octets-run", "with LITERAL-, a refused non-synchronizing "
                                      "literal's octets are not skipped but run as commands (RFC 7888 §4, §5)")
    LITERAL_MINUS_SYNC_LIMITED = defect("literal-minus-sync-limited", "with LITERAL-, synchronizing literals "
                                        "over 4096 octets are refused too (RFC 7888 §5)")
    SKIP_LINE_AFTER_LITERAL = defect("skip-line-after-literal", "after a command with a synchronizing literal, "
                                     "the next command line is ignored (RFC 9051 §5.5)")
    PIPELINED_BAD = defect("pipelined-bad", "a command that arrives before the previous one is answered is "
                           "refused with BAD (RFC 9051 §5.5)")
    LINE_LIMIT_HANG = defect("line-limit-hang", "a command line over the server's limit is neither answered "
                             "nor closed: the session hangs")
    SHORT_LINE_LIMIT = defect("short-line-limit", "command lines over 4000 octets are refused with BYE "
                              "(RFC 2683 §3.2.1.5 suggests at least 8000)")
    DEEP_NESTING_HANG = defect("deep-nesting-hang", "a command with parentheses nested over 1000 deep is "
                               "neither answered nor closed: the session hangs")

    def hang(self):
        """The session stops answering (a defect): read and drop input until the client goes away."""
        while True:
            self.wire.buf = b""
            self.wire.fill()

    @staticmethod
    def nesting(octets):
        depth = deepest = 0
        for c in octets:
            depth += (c == 0x28) - (c == 0x29)
            deepest = max(deepest, depth)
        return deepest

    def literal_count(self, lm):
        n = int(lm.group(2))
        if self.LITERAL_COUNT_WRAPS:
            n %= 1 << 64
        return n

    def read_command(self):
        """-> (tag, raw command octets after the tag incl. literals, problem or None), or None."""
        if getattr(self, "skip_line", False):
            self.skip_line = False
            if self.wire.readline() is None:
                raise Closed()
        line = self.wire.readline(4000 if self.SHORT_LINE_LIMIT else MAX_LINE)
        if line is not None and self.SHORT_LINE_LIMIT and len(line) > 4000:
            line = None
        if line is None:
            if self.LINE_LIMIT_HANG:
                self.hang()
            self.untagged("BYE command line too long")
            raise Closed()
        if PIPELINED_DROPPED and self.wire.buf:
            self.wire.buf = b""
        if EMPTY_LINE_IGNORED and line in (b"\r\n", b"\n"):
            return None
        raw = line
        m = re.match(rb"([^ \r\n]*)", line)
        tag = m.group(1)
        problem = None
        if self.DEEP_NESTING_HANG and line.count(b"(") > 1000:
            self.hang()
        if self.PIPELINED_BAD and getattr(self, "pipelined_next", False):
            problem = "pipelining is not supported"
        if self.LITERAL_COUNT_SIGNED and re.search(rb"\{-\d+\}\r?\n$", line):
            line = re.sub(rb"\{-\d+\}(\r?\n)$", rb"{0}\1", line)
            raw = line
        had_sync = False
        segments = [line]
        while True:
            lm = LITERAL_RE.search(line)
            if not lm:
                break
            n, plus = self.literal_count(lm), lm.group(3) == b"+"
            if plus and self.LITERAL_PLUS_NOT_COUNTED:
                break
            if n > MAX_LITERAL and not self.LITERAL_NO_SIZE_LIMIT:
                if plus:     # RFC 7888 §4: BYE and close rather than read that much
                    self.untagged("BYE [TOOBIG] literal too large")
                    raise Closed()
                self.tagged(tag if self.valid_tag(tag) else b"*", "NO", "[TOOBIG] literal too large")
                return None
            limit = LITERAL_MINUS_MAX - (1 if self.LITERAL_MINUS_LIMIT_LOW else 0)
            if not plus and OPTS.literal_minus and n > LITERAL_MINUS_MAX and self.LITERAL_MINUS_SYNC_LIMITED:
                self.tagged(tag if self.valid_tag(tag) else b"*", "NO", "[TOOBIG] literal too large")
                return None
            if plus and OPTS.literal_minus and n > limit and not self.LITERAL_MINUS_UNLIMITED:
                # RFC 7888 §5: read the octets, reject the command with BAD [TOOBIG]
                problem = problem or ("non-synchronizing literal too large" if self.LITERAL_MINUS_NO_TOOBIG else
                                      "[TOOBIG] non-synchronizing literal over 4096 octets (LITERAL-)")
                if self.LITERAL_MINUS_OCTETS_RUN:
                    self.tagged(tag, "BAD", problem)
                    return None
            if plus and self.LITERAL_PLUS_CONTINUATION:
                self.send(b"+ Ready for literal data")
            if plus and LITERAL_PLUS_REFUSED:
                self.wire.read(n)
                self.wire.readline()
                self.tagged(tag, "BAD", "non-synchronizing literals are not supported")
                return None
            if not plus:
                if not self.valid_tag(tag):
                    self.untagged("BAD invalid tag")
                    return None
                why = problem or self.precheck(raw, line, lm.start())
                if SYNC_LITERAL_REFUSED and not why:
                    why = "literals are not supported"
                if why:     # refused before the continuation request: the client sends no octets
                    self.tagged(tag, "BAD", why)
                    return None
                if not (APPEND_NO_CONTINUATION and re.match(rb"[^ ]+ APPEND ", raw, re.I)):
                    self.send(b"+ Ready for literal data")
                had_sync = True
            data = self.wire.read(n)
            line = self.wire.readline()
            if line is None:
                self.untagged("BYE command line too long")
                raise Closed()
            raw += data + line
            segments.append(line)
        if not raw.endswith(b"\r\n"):
            problem = problem or "a command line ends with CRLF"
            raw = raw.rstrip(b"\n") + b"\r\n"
        if problem is None and self.nesting(b"".join(segments)) > 100:   # a bound before any recursive parser
            problem = "parenthesised lists nested too deep"
        if had_sync and self.SKIP_LINE_AFTER_LITERAL:
            self.skip_line = True
        if self.PIPELINED_BAD:
            time.sleep(0.05)
            self.wire.fill(timeout=0)
            self.pipelined_next = b"\n" in self.wire.buf
        return tag, raw[len(tag):-2], problem

    MAX_NESTING = 32

    def precheck(self, raw, line, literal_at):
        """Before a continuation request: a syntax error already visible in the command so far, or None
        (parenthesised lists nested too deep; APPEND's arguments before its message literal)."""
        depth = deepest = 0
        for c in line:
            depth += (c == 0x28) - (c == 0x29)
            deepest = max(deepest, depth)
        if deepest > self.MAX_NESTING:
            return "parenthesised lists nested too deep"
        m = re.match(rb"[^ ]+ APPEND ", raw, re.I)
        prefix = raw[m.end():len(raw) - len(line) + literal_at] if m else b""
        if not prefix or b"{" in prefix:
            return None
        p = Parser(prefix, utf8=True)
        try:
            p.astring()
            p.sp()
            if p.peek() == b"(":
                p.flag_list()
                if not p.at_end():
                    p.sp()
            if p.peek() == b'"':
                if parse_date_time(p.quoted().decode("ascii", "replace")) is None and not (
                        self.APPEND_BAD_DATE_ACCEPTED or self.APPEND_PARTIAL_ON_FAILURE):
                    return "invalid date-time"
                if not p.at_end():
                    p.sp()
            if p.peek(6).upper() == b"UTF8 (":
                p.i += 6
            p.end()
        except Bad as e:
            return str(e)
        return None

    @staticmethod
    def valid_tag(tag):
        if TAG_ALNUM_ONLY and not tag.isalnum():
            return False
        if TAG_BRACKET_REFUSED and b"]" in tag:
            return False
        if TAG_ONE_CHAR_REFUSED and len(tag) == 1:
            return False
        if TAG_PLUS_ACCEPTED and tag and all(c in TAG_CHARS + b"+" for c in tag):
            return True
        return bool(tag) and all(c in TAG_CHARS for c in tag)

    def execute(self, tag, rest, problem):
        if not self.valid_tag(tag):
            self.untagged("BAD invalid or missing tag")
            return
        self.tag = tag
        if TAG_REUSE_REFUSED:
            used = self.__dict__.setdefault("tags_used", set())
            if tag in used:
                self.tagged(tag, "BAD", "tag already used")
                return
            used.add(tag)
        if problem:
            self.tagged(tag, "BAD", problem)
            return
        if not rest.startswith(b" ") or len(rest) < 2:
            self.tagged(tag, "BAD", "missing command")
            return
        p = Parser(rest[1:], utf8=self.utf8)
        try:
            name = p.atom("a command")
            name = name if COMMAND_CASE_SENSITIVE else name.upper()
        except Bad:
            self.tagged(tag, "BAD", "missing command")
            return
        uid = False
        if name == "UID":
            try:
                p.sp()
                name = p.atom("a command").upper()
            except Bad:
                self.tagged(tag, "BAD", "UID needs a command")
                return
            if name not in ("FETCH", "STORE", "COPY", "MOVE", "SEARCH", "EXPUNGE"):
                self.tagged(tag, "BAD", f"UID {name} is not a command")
                return
            uid = True
        entry = self.commands().get(name)
        if entry is None:
            self.tagged(tag, "NO" if UNKNOWN_COMMAND_NO else "BAD", "unknown command")
            return
        handler, states = entry
        if SELECT_BEFORE_LOGIN and self.state == "nonauth" and name in ("SELECT", "EXAMINE"):
            self.user, self.account = "alice", STORE.account("alice")
            states = ("nonauth",)
        if NOOP_BEFORE_LOGIN_BAD and self.state == "nonauth" and name == "NOOP":
            states = ()
        states = self.state_defects(name, uid, states)
        if self.state not in states and (
                self.outside_selected_ok(name, states)    # area B defects
                or (NONAUTH_COMMANDS_OK and self.state == "nonauth")
                or (AUTH_SELECTED_COMMANDS_OK and self.state == "auth" and states == ("selected",))
                or (AUTH_NONAUTH_COMMANDS_OK and self.state != "nonauth" and states == ("nonauth",))):
            self.tagged(tag, "OK", f"{name} completed")
            return
        if self.state not in states:
            why = {"nonauth": "not valid before login", "auth": "not valid in the authenticated state",
                   "selected": "not valid in the selected state"}[self.state]
            if self.state == "selected" and "auth" in states:
                why = "not valid now"
            self.tagged(tag, "BAD", f"{name} {why}")
            return
        if not p.at_end():
            try:
                p.sp()
                if p.at_end():
                    raise Bad()
            except Bad:
                self.tagged(tag, "BAD", "expected one space and the arguments after the command name")
                return
        args = p.d[p.i:]
        expunge_ok = uid or name not in ("FETCH", "STORE", "SEARCH", "COPY", "MOVE")
        lock = NO_LOCK if name in UNLOCKED else STORE.lock
        self.pending = None if name in UNLOCKED else []
        try:
            self.run_handler(tag, name, handler, args, uid, lock, expunge_ok)
        finally:
            self.flush()

    def run_handler(self, tag, name, handler, args, uid, lock, expunge_ok):
        try:
            with lock:
                text = handler(tag, args, uid) if name in UID_COMMANDS else handler(tag, args)
                if text is None:
                    return          # the handler answered itself
            if self.pending is None:
                self.pending = []
            if not (APPEND_NO_EXISTS and name == "APPEND"):
                with STORE.lock:
                    self.sync(expunge_ok)
            self.tagged(tag, "OK", text)
        except Bad as e:
            self.tagged(tag, "BAD", str(e) or "syntax error")
        except No as e:
            if self.pending is None:
                self.pending = []
            with STORE.lock:
                self.sync(expunge_ok)
            self.tagged(tag, "NO", (f"[{e.code}] " if e.code else "") + str(e))
        except Closed:
            raise
        except Exception:  # noqa: BLE001 - a server bug: say so, keep serving, show it on stderr
            traceback.print_exc()
            self.tagged(tag, "NO", "[SERVERBUG] internal error")

    def commands(self):
        auth = ("auth", "selected")
        sel = ("selected",)
        return {
            "CAPABILITY": (self.cmd_capability, STATES_ANY), "NOOP": (self.cmd_noop, STATES_ANY),
            "LOGOUT": (self.cmd_logout, STATES_ANY), "ID": (self.cmd_id, STATES_ANY),
            "STARTTLS": (self.cmd_starttls, ("nonauth",)), "LOGIN": (self.cmd_login, ("nonauth",)),
            "AUTHENTICATE": (self.cmd_authenticate, ("nonauth",)),
            # RFC 5161 §3.1: clients must not ENABLE once a mailbox is selected, servers need not check
            "ENABLE": (self.cmd_enable, auth), "NAMESPACE": (self.cmd_namespace, auth),
            "SELECT": (self.cmd_select, auth), "EXAMINE": (self.cmd_examine, auth),
            "CREATE": (self.cmd_create, auth), "DELETE": (self.cmd_delete, auth),
            "RENAME": (self.cmd_rename, auth), "SUBSCRIBE": (self.cmd_subscribe, auth),
            "UNSUBSCRIBE": (self.cmd_unsubscribe, auth), "LIST": (self.cmd_list, auth),
            "LSUB": (self.cmd_lsub, auth), "STATUS": (self.cmd_status, auth), "APPEND": (self.cmd_append, auth),
            "IDLE": (self.cmd_idle, auth),
            "CHECK": (self.cmd_check, sel), "CLOSE": (self.cmd_close, sel), "UNSELECT": (self.cmd_unselect, sel),
            "EXPUNGE": (self.cmd_expunge, sel), "SEARCH": (self.cmd_search, sel), "FETCH": (self.cmd_fetch, sel),
            "STORE": (self.cmd_store, sel), "COPY": (self.cmd_copy, sel), "MOVE": (self.cmd_move, sel),
        }

    # States in which commands of the extensions are valid, and their defects (RFC 9051 §3, §6).
    IDLE_BEFORE_LOGIN = defect("idle-before-login", "IDLE is accepted before login (RFC 9051 §6.3.13)")
    UID_EXPUNGE_AUTHENTICATED = defect("uid-expunge-authenticated", "UID EXPUNGE without a selected mailbox "
                                       "is answered OK (RFC 9051 §3)")
    MOVE_AUTHENTICATED = defect("move-authenticated", "MOVE without a selected mailbox is answered OK "
                                "(RFC 9051 §3)")
    ENABLE_BEFORE_LOGIN = defect("enable-before-login", "ENABLE is accepted before login (RFC 5161 §3.1)")
    NAMESPACE_BEFORE_LOGIN = defect("namespace-before-login", "NAMESPACE is accepted before login (RFC 9051 §3)")
    NAMESPACE_NOT_IN_SELECTED = defect("namespace-not-in-selected", "NAMESPACE is refused in the selected state")
    ID_NEEDS_LOGIN = defect("id-needs-login", "ID is refused before login (RFC 2971 §3.1: any state)")
    ID_NOT_IN_SELECTED = defect("id-not-in-selected", "ID is refused in the selected state (RFC 2971 §3.1)")

    def state_defects(self, name, uid, states):
        if name == "IDLE" and self.IDLE_BEFORE_LOGIN:
            return STATES_ANY
        if name == "EXPUNGE" and uid and self.UID_EXPUNGE_AUTHENTICATED and self.state == "auth":
            return ("auth", "selected")
        if name == "MOVE" and self.MOVE_AUTHENTICATED and self.state == "auth":
            return ("auth", "selected")
        if name == "ENABLE" and self.ENABLE_BEFORE_LOGIN:
            return ("nonauth", "auth")
        if name == "NAMESPACE" and self.NAMESPACE_BEFORE_LOGIN:
            return STATES_ANY
        if name == "NAMESPACE" and self.NAMESPACE_NOT_IN_SELECTED:
            return ("auth",)
        if name == "ID" and self.ID_NEEDS_LOGIN:
            return ("auth", "selected")
        if name == "ID" and self.ID_NOT_IN_SELECTED:
            return ("nonauth", "auth")
        return states

    # ---- any state ----
    CAPABILITY_NO_VERSION = defect("capability-no-version", "the CAPABILITY command's response lists neither IMAP4rev1 "
                                   "nor IMAP4rev2 (the greeting's CAPABILITY code still does)")
    EXTRA_ARGUMENTS_IGNORED = defect("extra-arguments-ignored", "CAPABILITY, NOOP, LOGOUT, STARTTLS and NAMESPACE "
                                     "ignore arguments they do not take (instead of BAD)")
    CAPABILITY_TWICE = defect("capability-twice", "CAPABILITY sends two untagged CAPABILITY responses")

    def no_arguments(self, args):
        if not self.EXTRA_ARGUMENTS_IGNORED:
            Parser(args).end()

    def cmd_capability(self, tag, args):
        self.no_arguments(args)
        caps = self.capabilities()
        if self.CAPABILITY_NO_VERSION:
            caps = caps.replace("IMAP4rev1 IMAP4rev2 ", "")
        self.untagged("CAPABILITY " + caps)
        if self.CAPABILITY_TWICE:
            self.untagged("CAPABILITY " + caps)
        return "CAPABILITY completed"

    NOOP_AFTER_LOGIN_BAD = defect("noop-after-login-bad", "NOOP after login is answered BAD")

    def cmd_noop(self, tag, args):
        self.no_arguments(args)
        if getattr(self, "id_refused", False):
            raise No("service refused for this client")
        if self.NOOP_AFTER_LOGIN_BAD and self.state != "nonauth":
            raise Bad("NOOP is not allowed now")
        return "NOOP completed"

    LOGOUT_NO_BYE = defect("logout-no-bye", "LOGOUT is answered OK without an untagged BYE")
    LOGOUT_NO_CLOSE = defect("logout-no-close", "after LOGOUT's OK the server keeps the connection open")

    LOGOUT_OK_BEFORE_BYE = defect("logout-ok-before-bye", "LOGOUT sends its tagged OK before the untagged BYE")
    BYE_WITHOUT_TEXT = defect("bye-without-text", "the BYE of LOGOUT has an empty text (\"* BYE \")")

    def cmd_logout(self, tag, args):
        self.no_arguments(args)
        self.implicit_close()
        bye = "BYE " if self.BYE_WITHOUT_TEXT else "BYE logging out"
        if self.LOGOUT_OK_BEFORE_BYE:
            self.tagged(tag, "OK", "LOGOUT completed")
        if not self.LOGOUT_NO_BYE:
            self.untagged(bye)
        if not self.LOGOUT_OK_BEFORE_BYE:
            self.tagged(tag, "OK", "LOGOUT completed")
        if self.LOGOUT_NO_CLOSE:
            self.state = "nonauth" if self.account is None else "auth"
            self.deselect() if self.selected else None
            return None
        self.state = "logout"
        return None

    ID_NO_RESPONSE = defect("id-no-response", "ID is answered OK without an untagged ID (RFC 2971 §3.2)")
    ID_LIST_BAD = defect("id-list-bad", "ID with a field/value list is answered BAD (RFC 2971 §3.1)")
    ID_REFUSES_SERVICE = defect("id-refuses-service", "after an ID naming the client, NOOP is refused for that "
                                "client (RFC 2971 §3)")

    def cmd_id(self, tag, args):
        p = Parser(args)
        if p.nstring_or_list_is_nil():
            pass
        elif self.ID_LIST_BAD:
            raise Bad("ID lists are not understood")
        elif self.ID_REFUSES_SERVICE:
            self.id_refused = True
        p.end()
        if not self.ID_NO_RESPONSE:
            self.untagged('ID ("name" "mailspec-reference" "version" "1")')
        return "ID completed"

    # ---- not authenticated ----
    STARTTLS_TWICE_OK = defect("starttls-twice-ok", "STARTTLS inside TLS is answered OK (and nothing happens)")
    STARTTLS_IMPLICIT_NO = defect("starttls-implicit-no", "STARTTLS on an implicit-TLS port is answered NO, not BAD")
    STARTTLS_AUTHENTICATES = defect("starttls-authenticates", "after STARTTLS the session is authenticated as alice")

    def cmd_starttls(self, tag, args):
        self.no_arguments(args)
        if self.wire.tls:      # RFC 9051 §6.2.1: BAD after TLS, and always on an implicit-TLS port
            if self.STARTTLS_TWICE_OK and not OPTS.implicit_tls:
                return "STARTTLS completed"
            if self.STARTTLS_IMPLICIT_NO and OPTS.implicit_tls:
                raise No("TLS is already active")
            raise Bad("TLS is already active")
        if OPTS.tls is None:
            raise No("TLS is not available")
        self.tagged(tag, "OK", "Begin TLS negotiation now")
        self.wire.starttls(OPTS.tls)
        if self.STARTTLS_AUTHENTICATES:
            self.user, self.account, self.state = "alice", STORE.account("alice"), "auth"
        return None

    def login_refused(self):
        return OPTS.logindisabled and not self.wire.tls

    LOGIN_NO_CAPABILITY_CODE = defect("login-no-capability-code", "LOGIN's tagged OK carries no [CAPABILITY] code")
    LOGIN_STAYS_UNAUTHENTICATED = defect("login-stays-unauthenticated", "LOGIN and AUTHENTICATE answer OK but the "
                                         "session stays not authenticated")

    def logged_in(self, tag, user):
        if self.LOGIN_STAYS_UNAUTHENTICATED:
            self.tagged(tag, "OK", "Logged in")
            return
        self.user = user
        self.account = STORE.account(user)
        self.state = "auth"
        if self.LOGIN_NO_CAPABILITY_CODE:
            self.tagged(tag, "OK", "Logged in")
            return
        self.tagged(tag, "OK", f"[CAPABILITY {self.capabilities()}] Logged in")

    LOGIN_REFUSED = defect("login-refused", "LOGIN with valid credentials is answered NO")
    LOGIN_ANY_PASSWORD = defect("login-any-password", "LOGIN accepts any password for an existing user")
    FAILED_LOGIN_AUTHENTICATES = defect("failed-login-authenticates", "a LOGIN with a wrong password is answered NO "
                                        "but the session is authenticated")
    LOGIN_LOCKED_AFTER_FAILURE = defect("login-locked-after-failure", "after one failed LOGIN every later LOGIN on "
                                        "the connection is answered NO")
    LOGIN_UNKNOWN_USER_BAD = defect("login-unknown-user-bad", "LOGIN of an unknown user is answered BAD")
    LOGIN_ONE_ARGUMENT = defect("login-one-argument", "LOGIN with only a user name is answered NO instead of BAD")
    LOGINDISABLED_LOGIN_OK = defect("logindisabled-login-ok", "LOGINDISABLED is advertised but LOGIN works")

    LOGINDISABLED_IGNORED = defect("logindisabled-ignored", "with LOGINDISABLED advertised, LOGIN before TLS "
                                   "still logs in (RFC 9051 §6.2.3)")
    LOGINDISABLED_LOGIN_HALF = defect("logindisabled-login-half", "with LOGINDISABLED advertised, LOGIN before "
                                      "TLS is answered NO but valid credentials authenticate the session anyway")

    def cmd_login(self, tag, args):
        p = Parser(args, utf8=True)
        user = p.astring()
        if self.LOGIN_ONE_ARGUMENT and p.at_end():
            raise No("authentication failed", "AUTHENTICATIONFAILED")
        p.sp()
        password = p.astring()
        p.end()
        if self.login_refused() and not self.LOGINDISABLED_IGNORED and not self.LOGINDISABLED_LOGIN_OK:
            if self.LOGINDISABLED_LOGIN_HALF and USERS.get(user.decode("utf-8", "replace")) == password.decode(
                    "utf-8", "replace"):
                self.user, self.account, self.state = user.decode(), STORE.account(user.decode()), "auth"
            raise No("LOGIN is disabled before TLS", "PRIVACYREQUIRED")
        u = user.decode("utf-8", "replace")
        if self.LOGIN_UNKNOWN_USER_BAD and u not in USERS:
            raise Bad("no such user")
        if self.LOGIN_LOCKED_AFTER_FAILURE and self.__dict__.get("login_failed"):
            raise No("too many failures", "AUTHENTICATIONFAILED")
        if self.LOGIN_REFUSED or (USERS.get(u) != password.decode("utf-8", "replace")
                                  and not (self.LOGIN_ANY_PASSWORD and u in USERS)):
            self.login_failed = True
            if self.FAILED_LOGIN_AUTHENTICATES and u in USERS:
                self.user, self.account, self.state = u, STORE.account(u), "auth"
            raise No("authentication failed", "AUTHENTICATIONFAILED")
        with STORE.lock:
            self.logged_in(tag, u)
        return None

    AUTHENTICATE_REFUSED = defect("authenticate-refused", "AUTHENTICATE with valid credentials is answered NO")
    AUTHENTICATE_ANY_PASSWORD = defect("authenticate-any-password", "AUTHENTICATE accepts any password")
    PLAIN_NEEDS_INITIAL_RESPONSE = defect("plain-needs-initial-response", "AUTHENTICATE PLAIN without an initial "
                                          "response is answered BAD")
    AUTHENTICATE_CANCEL_NO = defect("authenticate-cancel-no", "a cancelled AUTHENTICATE (*) is answered NO, not BAD")
    AUTHENTICATE_BAD_BASE64_NO = defect("authenticate-bad-base64-no", "a response or initial response that is not "
                                        "base64 is answered NO, not BAD")
    INITIAL_RESPONSE_IGNORED = defect("initial-response-ignored", "an initial response to a server-first "
                                      "mechanism (CRAM-MD5) is ignored instead of answered BAD")
    UNKNOWN_MECHANISM_BAD = defect("unknown-mechanism-bad", "AUTHENTICATE with an unknown mechanism is answered BAD")

    def cmd_authenticate(self, tag, args):
        p = Parser(args)
        mech = p.atom("a SASL mechanism").upper()
        initial = None
        if p.try_sp():
            raw = p._run(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
            if not raw:
                if self.AUTHENTICATE_BAD_BASE64_NO:
                    raise No("bad initial response")
                raise Bad("bad initial response")
            initial = b"" if raw == b"=" else b64decode_strict(raw)
            if initial is None:
                raise Bad("the initial response is not base64")
        p.end()
        if mech not in SASL_MECHS:
            if self.UNKNOWN_MECHANISM_BAD:
                raise Bad("unsupported SASL mechanism")
            raise No("unsupported SASL mechanism")
        if self.login_refused():
            raise No("authentication is disabled before TLS", "PRIVACYREQUIRED")
        if initial is not None and mech in NO_INITIAL_RESPONSE:
            if self.INITIAL_RESPONSE_IGNORED:
                initial = None
            else:
                raise Bad(f"{mech} does not take an initial response")   # RFC 4959 §3
        if self.PLAIN_NEEDS_INITIAL_RESPONSE and mech == "PLAIN" and initial is None:
            raise Bad("PLAIN needs an initial response")
        exchange = mechanism(mech, initial)
        response = None
        while True:
            try:
                challenge = exchange.send(response)
            except StopIteration as done:
                user = done.value
                break
            self.send(b"+ " + base64.b64encode(challenge))
            line = self.wire.readline()
            if line is None:
                raise Closed()
            line = line.rstrip(b"\r\n")
            if line == b"*":
                if self.AUTHENTICATE_CANCEL_NO:
                    raise No("authentication cancelled")
                raise Bad("authentication cancelled")
            response = b64decode_strict(line)
            if response is None:
                if self.AUTHENTICATE_BAD_BASE64_NO:
                    raise No("the response is not base64")
                raise Bad("the response is not base64")
        if self.AUTHENTICATE_ANY_PASSWORD and user is None:
            user = "alice"
        if user is None or self.AUTHENTICATE_REFUSED:
            raise No("authentication failed", "AUTHENTICATIONFAILED")
        with STORE.lock:
            self.logged_in(tag, user)
        return None

    # ---- authenticated ----
    ENABLE_NO_ENABLED_LIST = defect("enable-no-enabled-list", "ENABLE enables but its ENABLED response lists "
                                    "nothing (RFC 5161 §3.1)")
    ENABLE_UNKNOWN_BAD = defect("enable-unknown-bad", "ENABLE of an unknown extension is answered BAD "
                                "(RFC 5161 §3.1: ignored)")
    ENABLE_EMPTY_NO_ENABLED = defect("enable-empty-no-enabled", "an ENABLE that enables nothing sends no "
                                     "untagged ENABLED (RFC 5161 §3.1)")
    ENABLE_ECHOES_UNKNOWN = defect("enable-echoes-unknown", "ENABLED lists every name given, also unknown "
                                   "ones and ones that need no enabling (RFC 5161 §3.1)")
    ENABLE_CASE_SENSITIVE = defect("enable-case-sensitive", "ENABLE recognises extension names in upper "
                                   "case only (RFC 5161 §4)")
    ENABLED_LISTS_ALL = defect("enabled-lists-all", "each ENABLED lists everything enabled so far, not only "
                               "what that ENABLE enabled (RFC 5161 §3.1)")
    ENABLE_CONDSTORE_IGNORED = defect("enable-condstore-ignored", "ENABLE does not enable CONDSTORE")
    ENABLE_LISTS_UNKNOWN = defect("enable-lists-unknown", "ENABLED echoes every name given, known or not")
    ENABLE_NO_EMPTY_ENABLED = defect("enable-no-empty-enabled", "an ENABLE that enabled nothing sends no ENABLED")
    ENABLE_EMPTY_OK = defect("enable-empty-ok", "ENABLE without arguments is answered OK")
    ENABLED_CUMULATIVE = defect("enabled-cumulative", "each ENABLED lists everything enabled so far")

    def cmd_enable(self, tag, args):
        p = Parser(args)
        if self.ENABLE_EMPTY_OK and p.at_end():
            return "ENABLE completed"
        names = [p.atom("a capability")]
        while p.try_sp():
            names.append(p.atom("a capability"))
        p.end()
        newly = []
        for n in names:
            up = n.upper() if not self.ENABLE_CASE_SENSITIVE else n
            if self.ENABLE_UNKNOWN_BAD and up.upper() not in ENABLEABLE and up.upper() not in EXTENSIONS:
                raise Bad(f"unknown extension {n}")
            if self.ENABLE_CONDSTORE_IGNORED and up == "CONDSTORE":
                continue
            if up in ENABLEABLE and up not in self.enabled:
                self.enabled.add(up)
                if up == "QRESYNC" and "CONDSTORE" not in self.enabled:
                    self.enabled.add("CONDSTORE")
                newly.append(n)
            elif self.ENABLE_ECHOES_UNKNOWN and up not in ENABLEABLE:
                newly.append(n)
            elif self.ENABLE_LISTS_UNKNOWN:
                newly.append(n)
        if self.ENABLED_LISTS_ALL or self.ENABLED_CUMULATIVE:
            newly = sorted(self.enabled)
        if self.ENABLE_NO_ENABLED_LIST:
            newly = []
        if newly or not (self.ENABLE_EMPTY_NO_ENABLED or self.ENABLE_NO_EMPTY_ENABLED):
            self.untagged("ENABLED" + "".join(" " + n for n in newly))
        return "ENABLE completed"

    NAMESPACE_TWO_PARTS = defect("namespace-two-parts", "the NAMESPACE response has two namespace classes, "
                                 "not three (RFC 2342 §5)")
    NAMESPACE_WRONG_DELIMITER = defect("namespace-wrong-delimiter", "NAMESPACE names \".\" as the delimiter "
                                       "while the mailboxes use \"/\" (RFC 2342 §5)")
    NAMESPACE_PERSONAL_NIL = defect("namespace-personal-nil", "NAMESPACE answers NIL for the personal namespace, "
                                    "which holds INBOX (RFC 2342 §2)")
    NAMESPACE_MALFORMED = defect("namespace-malformed", "the NAMESPACE response has only the personal namespace")
    NAMESPACE_NO_PERSONAL = defect("namespace-no-personal", "NAMESPACE lists no personal namespace (NIL NIL NIL)")
    NAMESPACE_DELIMITER_DOT = defect("namespace-delimiter-dot", "NAMESPACE gives '.' as the personal delimiter "
                                       "(LIST uses '/')")

    def cmd_namespace(self, tag, args):
        self.no_arguments(args)
        if self.NAMESPACE_MALFORMED:
            self.untagged('NAMESPACE (("" "/"))')
        elif self.NAMESPACE_NO_PERSONAL:
            self.untagged('NAMESPACE NIL NIL NIL')
        elif self.NAMESPACE_DELIMITER_DOT:
            self.untagged('NAMESPACE (("" ".")) NIL NIL')
        else:
            personal = "NIL" if self.NAMESPACE_PERSONAL_NIL else '(("" "%s"))' % (
                "." if self.NAMESPACE_WRONG_DELIMITER else "/")
            self.untagged(f"NAMESPACE {personal} NIL" + ("" if self.NAMESPACE_TWO_PARTS else " NIL"))
        return "NAMESPACE completed"


def _nil_or_list(self):
    """ID's argument: NIL or a parenthesised list of string pairs (at most 30)."""
    if self.try_expect(b"NIL"):
        return True
    self.expect(b"(")
    n = 0
    while self.peek() != b")":
        if n:
            self.sp()
        self.string()
        self.sp()
        self.nstring()
        n += 1
    self.expect(b")")
    if n > 30:
        raise Bad("too many ID fields")
    return False


Parser.nstring_or_list_is_nil = _nil_or_list


def serve(conn):
    conn.settimeout(1800)   # RFC 9051 §5.4: an autologout timer lasts at least 30 minutes
    if OPTS.implicit_tls:
        try:
            conn = OPTS.tls.wrap_socket(conn, server_side=True)
        except (OSError, ssl.SSLError):
            conn.close()
            return
    s = Session(conn)
    s.wire.tls = OPTS.implicit_tls
    s.run()


def main():
    import imap_fetch  # noqa: F401  (their defects register at import)
    import imap_mime  # noqa: F401
    import imap_search  # noqa: F401
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--defect", action="append", default=[], help="a deviation to inject (repeatable)")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--implicit-tls", action="store_true", help="TLS from the first octet (imaps)")
    ap.add_argument("--logindisabled", action="store_true", help="LOGINDISABLED before TLS")
    ap.add_argument("--literal-minus", action="store_true", help="LITERAL- instead of LITERAL+")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--lifeline", action="store_true", help="exit when stdin reaches end of file")
    ap.add_argument("--list-defects", action="store_true")
    a = ap.parse_args()
    faulthandler.register(signal.SIGUSR1)     # `kill -USR1 PID` prints every thread's stack to stderr
    if a.list_defects:
        for name, what in imap_defects.REGISTRY.items():
            print(f"{name}\t{what}")
        return 0
    unknown = [d for d in a.defect if d not in imap_defects.REGISTRY]
    if unknown:
        ap.error("unknown defect(s): " + ", ".join(unknown))
    imap_defects.ACTIVE.update(a.defect)
    if a.cert:
        OPTS.tls = server_common.tls_context(a.cert, a.key)
    if (a.implicit_tls or a.logindisabled) and OPTS.tls is None:
        ap.error("--implicit-tls and --logindisabled need --cert and --key")
    OPTS.implicit_tls, OPTS.logindisabled, OPTS.literal_minus = a.implicit_tls, a.logindisabled, a.literal_minus
    server_common.serve_forever(a.port, a.lifeline, serve)


if __name__ == "__main__":
    sys.exit(main())
