#!/usr/bin/python3
"""A scripted IMAP client for the defect proofs of suites/imap-client (run_defects.py imap_client BINARY).

    imap_client.py --host H --port P [--cafile CA] --user U --password PW [--tls | --starttls]
                   [--auth MECH] [--append] [--append-size N] [--idle] [--id] [--enable] [--move]
                   [--search TEXT] [--mailbox NAME] [--defect NAME]...
    imap_client.py --list-defects

It does what an ordinary mail client does, once: greeting, CAPABILITY when it does not know them, STARTTLS
(--starttls: required, it gives up without it), LOGIN or AUTHENTICATE (--auth), CAPABILITY again when the
login's OK has none, ID and ENABLE when asked and advertised, SELECT, UID FETCH of the flags, FETCH of the
newest message's body by number, then what the flags ask for (SEARCH, APPEND, IDLE, moving message 1 to
Archive), UNSELECT or CLOSE, LOGOUT. It is correct by default; each --defect NAME adds one fault that real
clients have had. It ends by itself within about 20 s. Standard library only."""
import argparse
import base64
import hashlib
import hmac
import os
import re
import socket
import ssl
import sys
import time

DEFECTS = {
    "bare-lf": "ends command lines with LF instead of CRLF",
    "reuse-tag": "gives every command the same tag",
    "logout-no-wait": "closes the connection right after sending LOGOUT, without waiting for the reply",
    "close-no-logout": "drops the connection at the end instead of sending LOGOUT",
    "literal-early": "sends a synchronising literal's octets without waiting for the '+'",
    "literal-after-no": "sends a literal's octets even when the server answered NO instead of '+'",
    "literal-plus-always": "sends {n+} literals to servers that advertise neither LITERAL+ nor LITERAL-",
    "no-literal-plus": "never uses {n+} literals, even when LITERAL+ or LITERAL- is advertised",
    "literal-minus-ignored": "sends {n+} literals of any size when LITERAL- is advertised",
    "no-escape": "quotes strings (LOGIN password, SEARCH text) without escaping '\"' and '\\'",
    "utf8-mailbox": "sends non-ASCII mailbox names as raw UTF-8 instead of modified UTF-7",
    "strict-unknown": "gives up on unknown response codes, unknown untagged responses and unknown capabilities",
    "alert-fatal": "gives up when the server sends an [ALERT]",
    "unasked-capability-fatal": "gives up on a CAPABILITY response it did not ask for",
    "strict-mid-fetch": "gives up on anything but FETCH data between a FETCH and its tagged reply",
    "no-literals": "does not read literals in responses (takes {n} as text)",
    "literal-only-body": "reads a literal only as the value of BODY[...]; anywhere else it gives up",
    "zero-literal-broken": "gives up on a zero-length literal {0}",
    "system-flags-only": "gives up on flags other than the system flags (keywords, unknown \\Flags)",
    "split-lines": "takes every read from the socket as ending a line (responses split across writes break it)",
    "bad-fatal": "drops the connection when a command is answered BAD",
    "ignore-no": "goes on as if a refused LOGIN or SELECT had succeeded",
    "ignore-expunge": "does not lower its message count on EXPUNGE",
    "fetch-beyond": "fetches one message number beyond the mailbox size",
    "ignore-bye": "ignores BYE (greeting or unsolicited) and goes on",
    "login-after-preauth": "logs in even after a PREAUTH greeting",
    "preauth-accepted": "accepts a cleartext PREAUTH greeting although it requires STARTTLS",
    "login-despite-logindisabled": "sends LOGIN although LOGINDISABLED is advertised",
    "assume-capabilities": "assumes ID, IDLE and SASL-IR without asking when no capabilities were given",
    "sasl-ir-always": "sends a SASL initial response even without SASL-IR advertised",
    "no-sasl-ir": "never sends a SASL initial response",
    "plain-no-authzid": "AUTHENTICATE PLAIN without the leading NUL (authcid NUL password)",
    "login-mech-raw": "AUTHENTICATE LOGIN answers the prompts with unencoded text",
    "cram-md5-plain-md5": "CRAM-MD5 digest computed as MD5(challenge + password) instead of HMAC-MD5",
    "scram-bad-proof": "SCRAM client proof computed with the wrong key",
    "keep-capabilities-after-tls": "keeps the capabilities learnt before STARTTLS and does not ask again",
    "keep-injected": "keeps data received after the STARTTLS OK and reads it as if it came inside TLS",
    "starttls-pipeline": "sends CAPABILITY right behind STARTTLS, before the reply",
    "starttls-optional": "goes on in clear text when STARTTLS is not offered",
    "ignore-starttls-failure": "goes on in clear text when STARTTLS is refused",
    "id-always": "sends ID whether or not ID is advertised",
    "idle-always": "uses IDLE whether or not IDLE is advertised",
    "enable-always": "sends ENABLE whether or not ENABLE is advertised",
    "enable-after-select": "sends ENABLE after SELECT",
    "unselect-always": "uses UNSELECT whether or not UNSELECT is advertised",
    "move-always": "uses UID MOVE whether or not MOVE is advertised",
    "uid-expunge-always": "uses UID EXPUNGE whether or not UIDPLUS is advertised",
    "command-during-idle": "sends a FETCH instead of DONE when new mail arrives during IDLE",
    "status-poll": "polls the selected mailbox with STATUS",
}

KNOWN_UNTAGGED = {"OK", "NO", "BAD", "BYE", "PREAUTH", "CAPABILITY", "LIST", "LSUB", "STATUS", "SEARCH", "ESEARCH",
                  "FLAGS", "EXISTS", "RECENT", "EXPUNGE", "FETCH", "ENABLED", "ID", "NAMESPACE", "VANISHED"}
KNOWN_CODES = {"ALERT", "CAPABILITY", "PERMANENTFLAGS", "READ-ONLY", "READ-WRITE", "TRYCREATE", "UIDNEXT",
               "UIDVALIDITY", "UNSEEN", "PARSE", "BADCHARSET", "HIGHESTMODSEQ", "APPENDUID", "COPYUID",
               "AUTHENTICATIONFAILED", "TOOBIG", "NONEXISTENT", "UNAVAILABLE", "CLIENTBUG", "PRIVACYREQUIRED",
               "CLOSED", "NOMODSEQ", "LIMIT", "SERVERBUG", "ALREADYEXISTS", "INUSE", "EXPIRED", "CANNOT"}
KNOWN_CAPS = {"IMAP4REV1", "IMAP4REV2", "STARTTLS", "LOGINDISABLED", "SASL-IR", "ID", "IDLE", "ENABLE", "UNSELECT",
              "MOVE", "UIDPLUS", "NAMESPACE", "LITERAL+", "LITERAL-", "CONDSTORE", "QRESYNC", "CHILDREN",
              "SPECIAL-USE", "UTF8=ACCEPT", "ESEARCH", "LIST-EXTENDED"}
SYSTEM_FLAGS = {"\\SEEN", "\\ANSWERED", "\\FLAGGED", "\\DELETED", "\\DRAFT", "\\RECENT", "\\*"}


class Abort(Exception):
    """The client gives up: it closes the connection without another word."""


class Bye(Exception):
    """The server said BYE: the client sends nothing more and reads until the close."""


def mutf7(name):
    """Modified UTF-7 (RFC 3501 §5.1.3) of a mailbox name."""
    out, run = [], []

    def flush():
        if run:
            data = "".join(run).encode("utf-16-be")
            out.append("&" + base64.b64encode(data).decode().rstrip("=").replace("/", ",") + "-")
            run.clear()
    for ch in name:
        if 0x20 <= ord(ch) <= 0x7e:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return "".join(out)


class Client:
    def __init__(self, a):
        self.a = a
        self.defects = set(a.defect)
        self.sock = None
        self.buf = b""
        self.tls = False
        self.caps = None
        self.exists = 0
        self.tagn = 0
        self.in_fetch = False
        self.asking = False  # a CAPABILITY command is in flight

    def has(self, d):
        return d in self.defects

    # ---- transport ----
    def connect(self):
        s = socket.create_connection((self.a.host, self.a.port), timeout=8)
        if self.a.tls:
            s = self.context().wrap_socket(s, server_hostname=self.a.host)
            self.tls = True
        self.sock = s

    def context(self):
        ctx = ssl.create_default_context(cafile=self.a.cafile) if self.a.cafile else ssl.create_default_context()
        return ctx

    def send(self, data):
        self.sock.sendall(data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data)

    def fill(self):
        try:
            chunk = self.sock.recv(65536)
        except (socket.timeout, ssl.SSLError, OSError) as e:
            raise Abort(f"read failed: {e}")
        if not chunk:
            raise Abort("connection closed by the server")
        self.buf += chunk
        return chunk

    def line(self):
        """One line, CRLF stripped (split-lines: whatever one read gives ends a line)."""
        while b"\r\n" not in self.buf:
            if self.has("split-lines") and self.buf:
                out, self.buf = self.buf, b""
                return out.decode("utf-8", "replace")
            self.fill()
        out, _, self.buf = self.buf.partition(b"\r\n")
        return out.decode("utf-8", "replace")

    def octets(self, n):
        while len(self.buf) < n:
            self.fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    # ---- responses ----
    def response(self):
        """One response: (tag, text) with literals inlined as quoted text, and the literals seen."""
        text = self.line()
        literals = []
        while True:
            m = re.search(r"~?\{(\d+)\}$", text)
            if not m or self.has("no-literals"):
                break
            n = int(m.group(1))
            before = text[:m.start()]
            if n == 0 and self.has("zero-literal-broken"):
                raise Abort("zero-length literal")
            if self.has("literal-only-body") and not re.search(r"BODY\[[^\]]*\](<\d+>)? $", before):
                raise Abort("literal outside BODY[]")
            literals.append(self.octets(n))
            text = before + '"<literal>"' + self.line()
        tag, _, rest = text.partition(" ")
        return tag, rest, literals

    def untagged(self, rest):
        """Updates the state from one untagged response (rest: after '* ')."""
        words = rest.split(" ")
        name = words[1].upper() if words[0].isdigit() and len(words) > 1 else words[0].upper()
        if self.in_fetch and name != "FETCH" and self.has("strict-mid-fetch"):
            raise Abort("unexpected response in the middle of a FETCH: " + rest)
        if name not in KNOWN_UNTAGGED and self.has("strict-unknown"):
            raise Abort("unknown response " + name)
        if name in ("OK", "NO", "BAD", "PREAUTH", "BYE"):
            self.codes(rest)
        if name == "BYE" and not self.has("ignore-bye"):
            raise Bye(rest)
        if name == "CAPABILITY":
            if not self.asking and self.has("unasked-capability-fatal"):
                raise Abort("CAPABILITY response not asked for")
            self.set_caps(rest.split(" ")[1:])
        elif name == "EXISTS":
            self.exists = int(words[0])
        elif name == "EXPUNGE" and not self.has("ignore-expunge"):
            self.exists -= 1
        elif name in ("FETCH", "FLAGS"):
            self.flags(rest)

    def codes(self, text):
        m = re.search(r"\[([^\] ]+)( ([^\]]*))?\]", text)
        if not m:
            return
        code = m.group(1).upper()
        if code not in KNOWN_CODES and self.has("strict-unknown"):
            raise Abort("unknown response code " + code)
        if code == "ALERT" and self.has("alert-fatal"):
            raise Abort("alert: " + text)
        if code == "CAPABILITY":
            self.set_caps((m.group(3) or "").split(" "))

    def set_caps(self, names):
        caps = {c.upper() for c in names if c}
        if self.has("strict-unknown") and any(c not in KNOWN_CAPS and not c.startswith("AUTH=") for c in caps):
            raise Abort("unknown capability")
        self.caps = caps

    def flags(self, rest):
        m = re.search(r"FLAGS \(([^)]*)\)", rest)
        if m and self.has("system-flags-only"):
            if any(f.upper() not in SYSTEM_FLAGS for f in m.group(1).split()):
                raise Abort("unknown flag in " + m.group(1))

    # ---- commands ----
    def tag(self):
        if not self.has("reuse-tag"):
            self.tagn += 1
        return f"A{max(self.tagn, 1):03d}"

    def eol(self):
        return "\n" if self.has("bare-lf") else "\r\n"

    def wait(self, tag):
        """Reads until the tagged reply of `tag` -> (status, text); untagged responses update the state."""
        while True:
            t, rest, _ = self.response()
            if t == "*":
                self.untagged(rest)
            elif t == "+":
                continue
            elif t == tag:
                status = rest.split(" ")[0].upper()
                self.codes(rest)
                if status == "BAD" and self.has("bad-fatal"):
                    raise Abort("BAD: " + rest)
                return status, rest
            else:
                raise Abort("not an IMAP response: " + (t + " " + rest)[:60])

    def command(self, *parts):
        """Sends a command made of strings and bytes (bytes: a literal); -> (status, text)."""
        tag = self.tag()
        out = tag
        for p in parts:
            if not isinstance(p, bytes):
                out += " " + p
                continue
            nonsync = self.nonsync(len(p))
            self.send(out + (" {%d+}" % len(p) if nonsync else " {%d}" % len(p)) + self.eol())
            out = ""
            if not nonsync and not self.has("literal-early"):
                t, rest, _ = self.response()
                while t == "*":
                    self.untagged(rest)
                    t, rest, _ = self.response()
                if t != "+":  # refused: the command is over, the octets are not sent
                    if self.has("literal-after-no"):
                        self.send(p + self.eol().encode())
                    return rest.split(" ")[0].upper(), rest
            self.send(p)
        self.send(out + self.eol())
        return self.wait(tag)

    def nonsync(self, n):
        if self.has("no-literal-plus"):
            return False
        if self.has("literal-plus-always"):
            return True
        caps = self.caps or set()
        if "LITERAL+" in caps:
            return True
        if "LITERAL-" in caps:
            return n <= 4096 or self.has("literal-minus-ignored")
        return False

    def quote(self, s):
        if self.has("no-escape"):
            return '"' + s + '"'
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def mailbox(self, name):
        if name.upper() == "INBOX":
            return "INBOX"
        return self.quote(name if self.has("utf8-mailbox") else mutf7(name))

    def need_caps(self):
        if self.caps is None:
            self.asking = True
            self.command("CAPABILITY")
            self.asking = False
        return self.caps or set()

    def cap(self, name, defect):
        return name in self.need_caps() or self.has(defect)

    # ---- SASL ----
    def authenticate(self, mech):
        user, pw = self.a.user, self.a.password
        ir_ok = "SASL-IR" in self.caps or self.has("sasl-ir-always")
        if self.has("no-sasl-ir"):
            ir_ok = False
        state = {}

        def first():
            if mech == "PLAIN":
                return (user + "\0" + pw if self.has("plain-no-authzid") else "\0" + user + "\0" + pw).encode()
            if mech.startswith("SCRAM-"):
                state["nonce"] = base64.b64encode(os.urandom(12)).decode()
                state["bare"] = f"n={user},r={state['nonce']}"
                return ("n,," + state["bare"]).encode()
            return None

        def answer(challenge):
            if mech == "PLAIN":
                return first()
            if mech == "LOGIN":
                return user.encode() if "user" in challenge.lower() else pw.encode()
            if mech == "CRAM-MD5":
                if self.has("cram-md5-plain-md5"):
                    digest = hashlib.md5(challenge.encode() + pw.encode()).hexdigest()
                else:
                    digest = hmac.new(pw.encode(), challenge.encode(), hashlib.md5).hexdigest()
                return f"{user} {digest}".encode()
            if "bare" not in state:
                return first()
            if "server_first" not in state:
                return scram_final(challenge)
            return b""

        def scram_final(server_first):
            state["server_first"] = server_first
            h = hashlib.sha256 if mech == "SCRAM-SHA-256" else hashlib.sha1
            f = dict(kv.split("=", 1) for kv in server_first.split(","))
            salted = hashlib.pbkdf2_hmac(h().name, pw.encode(), base64.b64decode(f["s"]), int(f["i"]))
            client_key = hmac.new(salted if not self.has("scram-bad-proof") else b"x" + salted, b"Client Key", h).digest()
            stored = h(client_key).digest()
            without_proof = f"c=biws,r={f['r']}"
            auth_msg = f"{state['bare']},{server_first},{without_proof}".encode()
            sig = hmac.new(stored, auth_msg, h).digest()
            proof = bytes(a ^ b for a, b in zip(client_key, sig))
            return f"{without_proof},p={base64.b64encode(proof).decode()}".encode()

        tag = self.tag()
        ir = first() if ir_ok else None
        line = f"{tag} AUTHENTICATE {mech}"
        if ir is not None:
            line += " " + (base64.b64encode(ir).decode() or "=")
        self.send(line + self.eol())
        while True:
            t, rest, _ = self.response()
            if t == "*":
                self.untagged(rest)
                continue
            if t == tag:
                self.codes(rest)
                return rest.split(" ")[0].upper(), rest
            if t == "+":
                challenge = base64.b64decode(rest.strip() or "").decode("utf-8", "replace") if rest.strip() else ""
                resp = answer(challenge)
                if mech == "LOGIN" and self.has("login-mech-raw"):
                    self.send(resp + self.eol().encode())
                else:
                    self.send(base64.b64encode(resp).decode() + self.eol())

    # ---- the session ----
    def login(self):
        a = self.a
        if a.auth:
            caps = self.need_caps()
            if "AUTH=" + a.auth.upper() not in caps:
                return self.logout()
            return self.authenticate(a.auth.upper())
        caps = self.need_caps()
        if "LOGINDISABLED" in caps and not self.has("login-despite-logindisabled"):
            if "AUTH=PLAIN" in caps:
                return self.authenticate("PLAIN")
            return self.logout()
        return self.command("LOGIN", self.quote(a.user), self.quote(a.password))

    def starttls(self):
        caps = self.need_caps()
        if "STARTTLS" not in caps:
            if self.has("starttls-optional"):
                return True
            self.logout()
            return False
        tag = self.tag()
        if self.has("starttls-pipeline"):
            self.send(f"{tag} STARTTLS{self.eol()}{tag}x CAPABILITY{self.eol()}")
        else:
            self.send(f"{tag} STARTTLS{self.eol()}")
        status, _ = self.wait(tag)
        if status != "OK":
            if self.has("ignore-starttls-failure"):
                return True
            self.logout()
            return False
        kept = self.buf if self.has("keep-injected") else b""
        self.buf = b""
        self.sock = self.context().wrap_socket(self.sock, server_hostname=self.a.host)
        self.tls = True
        self.buf = kept
        if not self.has("keep-capabilities-after-tls"):
            self.caps = None
        while b"\r\n" in self.buf:  # a response already here (only when kept): read it now
            t, rest, _ = self.response()
            if t == "*":
                self.untagged(rest)
        return True

    def logout(self):
        if self.has("close-no-logout"):
            raise Abort("closing without LOGOUT")
        tag = self.tag()
        self.send(f"{tag} LOGOUT{self.eol()}")
        if self.has("logout-no-wait"):
            raise Abort("closing right after LOGOUT")
        try:
            while True:
                t, rest, _ = self.response()
                if t == tag:
                    break
        except Abort:
            pass
        return None

    def run(self):
        a = self.a
        self.connect()
        t, rest, _ = self.response()
        kind = rest.split(" ")[0].upper()
        if kind == "BYE" and not self.has("ignore-bye"):
            raise Bye(rest)
        self.codes(rest)
        preauth = kind == "PREAUTH"
        if preauth and a.starttls and not self.tls and not self.has("preauth-accepted"):
            raise Abort("PREAUTH on a cleartext connection, and TLS is required")
        if preauth and self.has("login-after-preauth"):
            preauth = False
        if self.caps is None and self.has("assume-capabilities"):
            self.caps = {"IMAP4REV1", "ID", "IDLE", "SASL-IR", "AUTH=PLAIN"}
        if a.starttls and not self.tls and not preauth:
            if not self.starttls():
                return
        if not preauth:
            r = self.login()
            if r is None:
                return
            status, text = r
            if status != "OK" and not self.has("ignore-no"):
                return self.logout()
            if "[CAPABILITY" not in text.upper():
                self.caps = {"IMAP4REV1", "ID", "IDLE", "SASL-IR"} if self.has("assume-capabilities") else None
        if a.id and self.cap("ID", "id-always"):
            self.command('ID ("name" "mailspec-test-client" "version" "1.0")')
        if a.enable and not self.has("enable-after-select") and self.cap("ENABLE", "enable-always"):
            self.command("ENABLE CONDSTORE")
        status, _ = self.command("SELECT", self.mailbox(a.mailbox))
        if status != "OK" and not self.has("ignore-no"):
            return self.logout()
        if a.enable and self.has("enable-after-select"):
            self.command("ENABLE CONDSTORE")
        if self.exists > 0:
            self.in_fetch = True
            self.command("UID FETCH 1:* (UID FLAGS RFC822.SIZE)")
            self.in_fetch = False
        if self.exists > 0:
            n = self.exists + 1 if self.has("fetch-beyond") else self.exists
            self.in_fetch = True
            self.command(f"FETCH {n} (BODY.PEEK[])")
            self.in_fetch = False
        if self.has("status-poll"):
            self.command("STATUS", self.mailbox(a.mailbox), "(MESSAGES UNSEEN)")
        if a.search is not None:
            self.command("UID SEARCH SUBJECT " + self.quote(a.search))
        if a.append:
            self.command("APPEND", self.mailbox("Sent"), "(\\Seen)", message(a.append_size))
        if a.idle and self.cap("IDLE", "idle-always"):
            self.idle()
        if a.move:
            self.move()
        if self.cap("UNSELECT", "unselect-always"):
            self.command("UNSELECT")
        else:
            self.command("CLOSE")
        self.logout()

    def idle(self):
        tag = self.tag()
        self.send(f"{tag} IDLE{self.eol()}")
        t, rest, _ = self.response()
        while t == "*":
            self.untagged(rest)
            t, rest, _ = self.response()
        if t != "+":
            return
        self.sock.settimeout(1)
        try:
            t, rest, _ = self.response()
            if t == "*":
                self.untagged(rest)
                if self.has("command-during-idle"):
                    self.send(f"{self.tag()} FETCH {self.exists} (FLAGS){self.eol()}")
                    raise Abort("gave up in IDLE")
        except Abort as e:
            if "gave up" in str(e):
                raise
        finally:
            self.sock.settimeout(8)
        self.send("DONE" + self.eol())
        self.wait(tag)

    def move(self):
        box = self.mailbox("Archive")
        if self.cap("MOVE", "move-always"):
            self.command("UID MOVE 1", box)
            return
        self.command("UID COPY 1", box)
        self.command("UID STORE 1 +FLAGS.SILENT (\\Deleted)")
        if self.cap("UIDPLUS", "uid-expunge-always"):
            self.command("UID EXPUNGE 1")
        else:
            self.command("EXPUNGE")


def message(size):
    head = ("From: alice@example.test\r\nTo: bob@example.test\r\nSubject: saved copy\r\n"
            "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <saved@example.test>\r\n\r\n")
    body = "A copy of a sent message.\r\n"
    while len(head) + len(body) < size:
        body += "x" * 70 + "\r\n"
    return (head + body).encode()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int)
    ap.add_argument("--cafile")
    ap.add_argument("--user", default="alice")
    ap.add_argument("--password", default="alice-password")
    ap.add_argument("--tls", action="store_true", help="implicit TLS (imaps)")
    ap.add_argument("--starttls", action="store_true", help="require STARTTLS on the cleartext connection")
    ap.add_argument("--auth", help="log in with AUTHENTICATE MECH instead of LOGIN")
    ap.add_argument("--append", action="store_true", help="save a message to Sent with APPEND")
    ap.add_argument("--append-size", type=int, default=300)
    ap.add_argument("--idle", action="store_true", help="wait for new mail with IDLE when advertised")
    ap.add_argument("--id", action="store_true", help="send ID when advertised")
    ap.add_argument("--enable", action="store_true", help="ENABLE CONDSTORE when ENABLE is advertised")
    ap.add_argument("--move", action="store_true", help="move message 1 to Archive")
    ap.add_argument("--search", help="search for this subject")
    ap.add_argument("--mailbox", default="INBOX")
    ap.add_argument("--defect", action="append", default=[], choices=sorted(DEFECTS))
    ap.add_argument("--list-defects", action="store_true")
    a = ap.parse_args()
    if a.list_defects:
        for name, what in DEFECTS.items():
            print(f"{name}\t{what}")
        return 0
    c = Client(a)
    deadline = time.monotonic() + 20
    try:
        c.run()
    except Bye:
        try:  # read on until the server closes (RFC 9051 §7.1.5), briefly
            c.sock.settimeout(max(0.1, min(3, deadline - time.monotonic())))
            while c.sock.recv(4096):
                pass
        except OSError:
            pass
    except (Abort, OSError, ValueError) as e:
        print(f"imap_client: {e}", file=sys.stderr)
    finally:
        if c.sock:
            c.sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
