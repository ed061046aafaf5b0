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

DEFECTS: declare each one at module level, right above the function where it acts, and test its flag
there (see imap_defects.py):

    GREETING_NO_OK = defect("greeting-no-ok", "the greeting is '* NO ...'")
    ...
        if GREETING_NO_OK:
            ...

`--list-defects` prints every declared name with its description.
"""
import argparse
import base64
import contextlib
import os
import re
import select
import socket
import ssl
import sys
import threading
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

    def starttls(self, ctx):
        self.buf = b""   # RFC 9051 §6.2.1: nothing sent before the handshake is a command after it
        try:
            self.sock = ctx.wrap_socket(self.sock, server_side=True)
        except (OSError, ssl.SSLError) as e:
            raise Closed() from e
        self.tls = True


LITERAL_RE = re.compile(rb"(~?)\{(\d+)(\+?)\}\r?\n$")


GREETING_NO_OK = defect("greeting-no-ok", "the greeting is an untagged NO instead of OK (RFC 9051 §7.1)")
UNKNOWN_COMMAND_NO = defect("unknown-command-no", "an unknown command is answered NO instead of BAD")
SELECT_BEFORE_LOGIN = defect("select-before-login", "SELECT and EXAMINE work before login (on alice's mailboxes)")
NOOP_BEFORE_LOGIN_BAD = defect("noop-before-login-bad", "NOOP in the not-authenticated state is answered BAD")


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

    # ---- output ----
    def send(self, data):
        self.wire.send(data if data.endswith(b"\r\n") else data + b"\r\n")

    def untagged(self, text):
        self.send(b"* " + (text.encode() if isinstance(text, str) else text))

    def tagged(self, tag, status, text):
        self.send(tag + b" " + status.encode() + b" " + (text.encode() if isinstance(text, str) else text))

    @property
    def utf8(self):
        return "UTF8=ACCEPT" in self.enabled or "IMAP4REV2" in self.enabled

    @property
    def rev2(self):
        return "IMAP4REV2" in self.enabled

    @property
    def condstore(self):
        return "CONDSTORE" in self.enabled or "QRESYNC" in self.enabled

    @property
    def qresync(self):
        return "QRESYNC" in self.enabled

    def capabilities(self):
        caps = ["IMAP4rev1", "IMAP4rev2"]
        if self.state == "nonauth":
            if OPTS.tls and not self.wire.tls:
                caps.append("STARTTLS")
            if OPTS.logindisabled and not self.wire.tls:
                caps.append("LOGINDISABLED")
            else:
                caps += [f"AUTH={m}" for m in SASL_MECHS] + ["SASL-IR"]
        caps.append("LITERAL-" if OPTS.literal_minus else "LITERAL+")
        return " ".join(caps + EXTENSIONS)

    # ---- the command loop ----
    def run(self):
        try:
            self.greet()
            while self.state != "logout":
                cmd = self.read_command()
                if cmd is None:
                    continue
                self.execute(*cmd)
        except Closed:
            pass
        finally:
            try:
                self.wire.sock.close()
            except OSError:
                pass

    def greet(self):
        if GREETING_NO_OK:
            self.untagged("NO mailspec reference IMAP server ready")
            return
        self.untagged(f"OK [CAPABILITY {self.capabilities()}] mailspec reference IMAP server ready")

    def read_command(self):
        """-> (tag, raw command octets after the tag incl. literals, problem or None), or None."""
        line = self.wire.readline()
        if line is None:
            self.untagged("BYE command line too long")
            raise Closed()
        raw = line
        m = re.match(rb"([^ \r\n]*)", line)
        tag = m.group(1)
        problem = None
        while True:
            lm = LITERAL_RE.search(line)
            if not lm:
                break
            n, plus = int(lm.group(2)), lm.group(3) == b"+"
            if n > MAX_LITERAL:
                if plus:     # RFC 7888 §4: BYE and close rather than read that much
                    self.untagged("BYE [TOOBIG] literal too large")
                    raise Closed()
                self.tagged(tag if self.valid_tag(tag) else b"*", "NO", "[TOOBIG] literal too large")
                return None
            if plus and OPTS.literal_minus and n > LITERAL_MINUS_MAX:
                # RFC 7888 §5: read the octets, reject the command with BAD [TOOBIG]
                problem = problem or "[TOOBIG] non-synchronizing literal over 4096 octets (LITERAL-)"
            if not plus:
                if not self.valid_tag(tag):
                    self.untagged("BAD invalid tag")
                    return None
                why = problem or self.precheck(raw, line, lm.start())
                if why:     # refused before the continuation request: the client sends no octets
                    self.tagged(tag, "BAD", why)
                    return None
                self.send(b"+ Ready for literal data")
            data = self.wire.read(n)
            line = self.wire.readline()
            if line is None:
                self.untagged("BYE command line too long")
                raise Closed()
            raw += data + line
        if not raw.endswith(b"\r\n"):
            problem = problem or "a command line ends with CRLF"
            raw = raw.rstrip(b"\n") + b"\r\n"
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
                if parse_date_time(p.quoted().decode("ascii", "replace")) is None:
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
        return bool(tag) and all(c in TAG_CHARS for c in tag)

    def execute(self, tag, rest, problem):
        if not self.valid_tag(tag):
            self.untagged("BAD invalid or missing tag")
            return
        self.tag = tag
        if problem:
            self.tagged(tag, "BAD", problem)
            return
        if not rest.startswith(b" ") or len(rest) < 2:
            self.tagged(tag, "BAD", "missing command")
            return
        p = Parser(rest[1:], utf8=self.utf8)
        try:
            name = p.atom("a command").upper()
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
            except Bad:
                self.tagged(tag, "BAD", "expected a space after the command name")
                return
        args = p.d[p.i:]
        expunge_ok = uid or name not in ("FETCH", "STORE", "SEARCH", "COPY", "MOVE")
        lock = NO_LOCK if name in UNLOCKED else STORE.lock
        try:
            with lock:
                text = handler(tag, args, uid) if name in UID_COMMANDS else handler(tag, args)
                if text is None:
                    return          # the handler answered itself
            with STORE.lock:
                self.sync(expunge_ok)
            self.tagged(tag, "OK", text)
        except Bad as e:
            self.tagged(tag, "BAD", str(e) or "syntax error")
        except No as e:
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
            "ENABLE": (self.cmd_enable, ("auth",)), "NAMESPACE": (self.cmd_namespace, auth),
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

    # ---- any state ----
    CAPABILITY_NO_VERSION = defect("capability-no-version", "the CAPABILITY command's response lists neither IMAP4rev1 "
                                   "nor IMAP4rev2 (the greeting's CAPABILITY code still does)")
    def cmd_capability(self, tag, args):
        Parser(args).end()
        caps = self.capabilities()
        if self.CAPABILITY_NO_VERSION:
            caps = caps.replace("IMAP4rev1 IMAP4rev2 ", "")
        self.untagged("CAPABILITY " + caps)
        return "CAPABILITY completed"

    def cmd_noop(self, tag, args):
        Parser(args).end()
        return "NOOP completed"

    LOGOUT_NO_BYE = defect("logout-no-bye", "LOGOUT is answered OK without an untagged BYE")
    LOGOUT_NO_CLOSE = defect("logout-no-close", "after LOGOUT's OK the server keeps the connection open")

    def cmd_logout(self, tag, args):
        Parser(args).end()
        if not self.LOGOUT_NO_BYE:
            self.untagged("BYE logging out")
        self.tagged(tag, "OK", "LOGOUT completed")
        if self.LOGOUT_NO_CLOSE:
            self.state = "nonauth" if self.account is None else "auth"
            self.deselect() if self.selected else None
            return None
        self.state = "logout"
        return None

    def cmd_id(self, tag, args):
        p = Parser(args)
        if p.nstring_or_list_is_nil():
            pass
        p.end()
        self.untagged('ID ("name" "mailspec-reference" "version" "1")')
        return "ID completed"

    # ---- not authenticated ----
    def cmd_starttls(self, tag, args):
        Parser(args).end()
        if OPTS.tls is None or self.wire.tls:
            raise No("TLS is not available" if OPTS.tls is None else "TLS is already active")
        self.tagged(tag, "OK", "Begin TLS negotiation now")
        self.wire.starttls(OPTS.tls)
        return None

    def login_refused(self):
        return OPTS.logindisabled and not self.wire.tls

    def logged_in(self, tag, user):
        self.user = user
        self.account = STORE.account(user)
        self.state = "auth"
        self.tagged(tag, "OK", f"[CAPABILITY {self.capabilities()}] Logged in")

    LOGIN_REFUSED = defect("login-refused", "LOGIN with valid credentials is answered NO")
    LOGIN_ANY_PASSWORD = defect("login-any-password", "LOGIN accepts any password for an existing user")

    def cmd_login(self, tag, args):
        p = Parser(args, utf8=True)
        user = p.astring()
        p.sp()
        password = p.astring()
        p.end()
        if self.login_refused():
            raise No("LOGIN is disabled before TLS", "PRIVACYREQUIRED")
        u = user.decode("utf-8", "replace")
        if self.LOGIN_REFUSED or (USERS.get(u) != password.decode("utf-8", "replace")
                                  and not (self.LOGIN_ANY_PASSWORD and u in USERS)):
            raise No("authentication failed", "AUTHENTICATIONFAILED")
        with STORE.lock:
            self.logged_in(tag, u)
        return None

    def cmd_authenticate(self, tag, args):
        p = Parser(args)
        mech = p.atom("a SASL mechanism").upper()
        initial = None
        if p.try_sp():
            raw = p._run(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
            if not raw:
                raise Bad("bad initial response")
            initial = b"" if raw == b"=" else b64decode_strict(raw)
            if initial is None:
                raise Bad("the initial response is not base64")
        p.end()
        if mech not in SASL_MECHS:
            raise No("unsupported SASL mechanism")
        if self.login_refused():
            raise No("authentication is disabled before TLS", "PRIVACYREQUIRED")
        if initial is not None and mech in NO_INITIAL_RESPONSE:
            raise Bad(f"{mech} does not take an initial response")   # RFC 4959 §3
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
                raise Bad("authentication cancelled")
            response = b64decode_strict(line)
            if response is None:
                raise Bad("the response is not base64")
        if user is None:
            raise No("authentication failed", "AUTHENTICATIONFAILED")
        with STORE.lock:
            self.logged_in(tag, user)
        return None

    # ---- authenticated ----
    def cmd_enable(self, tag, args):
        p = Parser(args)
        names = [p.atom("a capability")]
        while p.try_sp():
            names.append(p.atom("a capability"))
        p.end()
        newly = []
        for n in names:
            up = n.upper()
            if up in ENABLEABLE and up not in self.enabled:
                self.enabled.add(up)
                if up == "QRESYNC" and "CONDSTORE" not in self.enabled:
                    self.enabled.add("CONDSTORE")
                newly.append(n)
        self.untagged("ENABLED" + "".join(" " + n for n in newly))
        return "ENABLE completed"

    def cmd_namespace(self, tag, args):
        Parser(args).end()
        self.untagged('NAMESPACE (("" "/")) NIL NIL')
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
    if a.list_defects:
        for name, what in imap_defects.REGISTRY.items():
            print(f"{name}\t{what}")
        return 0
    unknown = [d for d in a.defect if d not in imap_defects.REGISTRY]
    if unknown:
        ap.error("unknown defect(s): " + ", ".join(unknown))
    imap_defects.ACTIVE.update(a.defect)
    if a.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(a.cert, a.key)
        OPTS.tls = ctx
    if (a.implicit_tls or a.logindisabled) and OPTS.tls is None:
        ap.error("--implicit-tls and --logindisabled need --cert and --key")
    OPTS.implicit_tls, OPTS.logindisabled, OPTS.literal_minus = a.implicit_tls, a.logindisabled, a.literal_minus
    lsock = socket.socket()
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", a.port))
    lsock.listen(128)
    print(f"PORT {lsock.getsockname()[1]}", flush=True)
    if a.lifeline:
        def watch():
            try:
                sys.stdin.buffer.read()
            finally:
                os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
    while True:
        conn, _ = lsock.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
