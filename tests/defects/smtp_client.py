#!/usr/bin/python3
"""A scripted SMTP client for the defect proofs of suites/smtp-client: a correct client by default, each
--defect NAME adds one defect that real clients have had. It sends one message (dot line, long line,
8-bit text: what the data cases look for) and ends within 20 s whatever the server does.

    smtp_client.py --host H --port P [--cafile CA] [--user U --password PW] [--smtps] [--starttls]
                   [--require-tls] [--auth] [--no-ir] [--pipelining] [--rcpt2] [--messages N] [--defect NAME]...
    smtp_client.py --list-defects
"""
import argparse
import base64
import hashlib
import hmac
import os
import quopri
import socket
import ssl
import sys
import time

DEFECTS = {
    "no-greeting-wait": "sends EHLO as soon as it is connected, before the greeting",
    "multiline-first-line": "takes the first line of a multi-line reply for the whole reply",
    "greeting-code-ignored": "ignores the codes of the greeting and of the EHLO/HELO reply",
    "no-ehlo": "starts with MAIL, without EHLO or HELO",
    "helo-only": "opens with HELO, never EHLO",
    "bad-ehlo-name": "gives a host name with an underscore (my_laptop) in EHLO and HELO",
    "no-helo-fallback": "quits when EHLO is answered 500 or 502 instead of trying HELO",
    "params-after-helo": "sends SIZE= on MAIL even after a HELO fallback",
    "code-needs-text": "takes a reply without text (a bare code) for a broken server and closes",
    "exact-codes": "knows only 250 and 251 as positive replies to RCPT",
    "unknown-code-success": "takes reply codes it does not know for success",
    "reply-text-error": "takes a reply whose text says 'error' or 'failure' for a failure",
    "reply-buffer-256": "closes the connection on a reply line over 256 octets",
    "reply-line-limit-512": "closes the connection on a reply line over 512 octets",
    "long-lines": "sends body lines of over 998 octets as they are",
    "no-dot-stuffing": "does not double a period at the start of a data line",
    "bare-lf-commands": "ends commands with a bare LF",
    "bare-lf-data": "ends the lines of the message with a bare LF",
    "bare-cr-data": "ends the lines of the message with a bare CR",
    "8bit-without-8bitmime": "sends 8-bit octets in the data without 8BITMIME",
    "size-unadvertised": "sends SIZE= on MAIL whatever the server offers",
    "body-unadvertised": "sends BODY=8BITMIME on MAIL whatever the server offers",
    "smtputf8-unadvertised": "sends SMTPUTF8 on MAIL whatever the server offers",
    "auth-param-unadvertised": "sends AUTH=<> on MAIL whatever the server offers",
    "dsn-unadvertised": "sends RET= on MAIL and NOTIFY= on RCPT whatever the server offers",
    "bdat-unadvertised": "sends the message with BDAT whatever the server offers",
    "mail-no-brackets": "sends MAIL FROM:address without angle brackets",
    "rcpt-space-after-colon": "sends RCPT TO: <address> with a space after the colon",
    "data-after-refused-rcpt": "sends DATA even when no recipient was accepted",
    "data-without-354": "sends the message right after DATA, without waiting for the 354",
    "ignore-mail-failure": "goes on with RCPT when MAIL was refused",
    "no-wait-data-reply": "sends QUIT right after the end of the data, before its reply",
    "resend-after-554": "sends the message again (DATA) after a 554 at the end of the data",
    "retry-after-421": "takes 421 for a failure of that one command and sends it again",
    "pipeline-unadvertised": "pipelines MAIL, RCPT and DATA without PIPELINING",
    "no-wait-ehlo": "sends its first MAIL together with EHLO",
    "ignore-data-reply-pipelined": "in a pipelined group, sends the message whatever DATA's reply",
    "starttls-no-wait": "starts the TLS handshake right after STARTTLS, before the 220",
    "auth-pipelined": "sends MAIL in the same write as AUTH",
    "starttls-unadvertised": "sends STARTTLS even when the server does not offer it",
    "starttls-keeps-buffer": "keeps the octets read in clear after the 220 and reads them inside TLS",
    "keeps-pre-tls-caps": "keeps the extensions of the EHLO reply before TLS",
    "starttls-twice": "sends STARTTLS whenever offered, also inside TLS",
    "starttls-ignores-454": "starts the TLS handshake even when STARTTLS is answered 454",
    "tls-fallback-clear": "goes on in clear when TLS is required but STARTTLS is missing or refused",
    "skip-starttls": "goes on in clear although TLS is required and STARTTLS is offered",
    "auth-plain-bad": "sends the PLAIN response without the empty authorization identity",
    "auth-login-raw": "sends the LOGIN user name without base64",
    "cram-md5-bad": "sends the CRAM-MD5 digest in upper-case hex",
    "scram-bad-proof": "computes the SCRAM proof with the unsalted password",
    "auth-unoffered-mech": "uses its preferred SASL mechanism whatever the server offers",
    "auth-unadvertised": "sends AUTH even when the server does not offer it",
    "auth-before-tls": "authenticates before STARTTLS when AUTH is offered in clear",
    "no-cancel": "quits instead of cancelling with '*' a challenge it cannot decode",
    "no-ehlo-after-tls": "goes on with MAIL after the TLS handshake without a new EHLO",
    "empty-challenge-abort": "cancels with '*' when the challenge is empty",
    "mail-after-535": "goes on with the message after a 535, ignoring the 530 to MAIL",
    "auth-param-raw": "sends AUTH=<sender> without xtext encoding ('+' as it is)",
    "close-before-221": "closes the connection right after QUIT",
    "no-quit": "closes the connection without QUIT",
    "ignore-size-limit": "sends a message larger than the advertised SIZE, without SIZE=",
    "abort-on-any-refused-rcpt": "gives the message up when any recipient is refused",
    "mail-without-rset": "after a transaction whose recipients were all refused, sends the next MAIL without RSET",
    "utf8-address": "sends a UTF-8 sender address without SMTPUTF8",
}

PREFERRED_MECHS = ["SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN"]
SENDER = "alice+mailspec@example.test"


class Closed(Exception):
    """The server closed the connection, or the client gives up."""


def message_body():
    text = ("Hello from the mailspec scripted client.\n"
            ".mailspec-dot-line: this line starts with a period\n"
            "Gr\u00fc\u00dfe aus M\u00fcnchen\n"
            + "x" * 1200 + "\n"
            "Bye.\n").encode("utf-8")
    return text


class Client:
    def __init__(self, a):
        self.a = a
        self.d = set(a.defect)
        self.buf = b""
        self.sock = None
        self.ext = {}
        self.tls = False
        self.authed = False
        self.eol = b"\n" if "bare-lf-commands" in self.d else b"\r\n"

    def has(self, name):
        return name in self.d

    # ---- I/O ---------------------------------------------------------------------------------------
    def connect(self):
        self.sock = socket.create_connection((self.a.host, self.a.port), timeout=10)
        if self.a.smtps:
            self.wrap()

    def wrap(self):
        ctx = ssl.create_default_context(cafile=self.a.cafile)
        self.sock = ctx.wrap_socket(self.sock, server_hostname="localhost")
        self.tls = True

    def send(self, *lines):
        self.sock.sendall(b"".join(l.encode("utf-8", "surrogateescape") + self.eol for l in lines))

    def send_raw(self, data):
        self.sock.sendall(data)

    def fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise Closed("closed by the server")
        self.buf += data

    def line(self):
        while b"\n" not in self.buf:
            if len(self.buf) > 65536:
                raise Closed("reply line too long")
            self.fill()
        i = self.buf.index(b"\n") + 1
        out, self.buf = self.buf[:i], self.buf[i:]
        return out.rstrip(b"\r\n").decode("utf-8", "replace")

    def reply(self):
        """One reply: (code, [texts]). Continuation lines are read up to the last one."""
        texts = []
        while True:
            ln = self.line()
            if self.has("reply-buffer-256") and len(ln) + 2 > 256:
                raise Closed("reply line over 256 octets")
            if self.has("reply-line-limit-512") and len(ln) + 2 > 512:
                raise Closed("reply line over 512 octets")
            if len(ln) < 3 or not ln[:3].isdigit():
                raise Closed("malformed reply: " + ln)
            if self.has("code-needs-text") and len(ln) <= 4:
                raise Closed("reply without text")
            texts.append(ln[4:])
            if len(ln) == 3 or ln[3] != "-" or self.has("multiline-first-line"):
                return int(ln[:3]), texts

    def ok(self, code, cmd=""):
        """Whether a reply means success, as this client reads it."""
        known = {211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 450, 451, 452, 454, 500, 501, 502,
                 503, 504, 530, 534, 535, 550, 551, 552, 553, 554, 555}
        if self.has("unknown-code-success") and code not in known:
            return True
        if self.has("exact-codes") and cmd == "RCPT":
            return code in (250, 251)
        return 200 <= code < 400

    def text_says_failure(self, texts):
        return self.has("reply-text-error") and any("error" in t or "failure" in t for t in texts)

    def cmd(self, line):
        self.send(line)
        code, texts = self.reply()
        if code == 421 and not self.has("retry-after-421"):
            raise Closed("421")
        if code == 421:
            self.send(line)
            code, texts = self.reply()
            if code == 421:
                raise Closed("421")
        return code, texts

    # ---- session -----------------------------------------------------------------------------------
    def ehlo_name(self):
        return "my_laptop" if self.has("bad-ehlo-name") else "client.example.test"

    def parse_ext(self, texts):
        ext = {}
        for t in texts[1:]:
            parts = t.split()
            if parts:
                ext[parts[0].upper()] = parts[1:]
        return ext

    def hello(self, first=None):
        """EHLO (HELO on 500/502); returns False when the session cannot go on."""
        if self.has("helo-only"):
            code, texts = self.cmd("HELO " + self.ehlo_name())
            self.ext = {}
            return self.ok(code) or self.has("greeting-code-ignored")
        if first is not None:
            code, texts = first
        else:
            code, texts = self.cmd("EHLO " + self.ehlo_name())
        if self.has("greeting-code-ignored"):
            self.ext = self.parse_ext(texts) if self.ok(code) else {}
            return True
        if self.ok(code):
            self.ext = self.parse_ext(texts)
            return True
        if code in (500, 502) and not self.has("no-helo-fallback"):
            code, texts = self.cmd("HELO " + self.ehlo_name())
            self.ext = {"SIZE": []} if self.has("params-after-helo") else {}
            return self.ok(code)
        return False

    def starttls(self):
        """Returns False when the session must end (TLS required and not had)."""
        want = self.a.starttls or self.a.require_tls
        if self.tls or not want:
            if self.tls and self.has("starttls-twice") and "STARTTLS" in self.ext:
                self.send("STARTTLS")
                self.reply()
                self.wrap()
            return True
        offered = "STARTTLS" in self.ext or self.has("starttls-unadvertised")
        if self.has("skip-starttls"):
            return True
        if not offered:
            return not self.a.require_tls or self.has("tls-fallback-clear")
        self.send("STARTTLS")
        if self.has("starttls-no-wait"):
            self.wrap()
            return True
        code, _ = self.reply()
        if code != 220:
            if self.has("starttls-ignores-454"):
                self.buf = b""
                self.wrap()
                return True
            return not self.a.require_tls or self.has("tls-fallback-clear")
        if not self.has("starttls-keeps-buffer"):
            self.buf = b""
        kept = self.buf
        self.buf = b""
        self.wrap()
        self.buf = kept
        old = self.ext
        if self.has("no-ehlo-after-tls"):
            return True
        if not self.hello():
            return False
        if self.has("keeps-pre-tls-caps"):
            self.ext = old
        return self.starttls()

    def authenticate(self):
        """Returns False when the session must end."""
        if not self.a.auth:
            return True
        offered = [m.upper() for m in self.ext.get("AUTH", [])]
        if "AUTH" not in self.ext and not self.has("auth-unadvertised"):
            return False
        mech = next((m for m in PREFERRED_MECHS if m in offered), None)
        if self.a.no_ir and "PLAIN" in offered:
            mech = "PLAIN"
        if self.has("auth-unoffered-mech") or (mech is None and self.has("auth-unadvertised")):
            mech = PREFERRED_MECHS[0]
        if mech is None:
            return False
        code = self.sasl(mech)
        if code == 235:
            self.authed = True
            return True
        return self.has("mail-after-535")

    def sasl(self, mech):
        u, p = self.a.user.encode(), self.a.password.encode()
        ir = None
        if mech == "PLAIN" and not self.a.no_ir:
            ir = (b"" if self.has("auth-plain-bad") else b"\0") + u + b"\0" + p
        scram = Scram(mech, u, p, self.has("scram-bad-proof")) if mech.startswith("SCRAM") else None
        if scram:
            ir = scram.first()
        line = "AUTH " + mech + (" " + base64.b64encode(ir).decode() if ir is not None else "")
        if self.has("auth-pipelined") and "PIPELINING" in self.ext:
            self.send(line, "MAIL FROM:<%s>" % SENDER)
        else:
            self.send(line)
        step = 0
        while True:
            code, texts = self.reply()
            if code != 334:
                return code
            challenge = texts[0].strip() if texts else ""
            try:
                data = base64.b64decode(challenge, validate=True)
            except ValueError:
                if self.has("no-cancel"):
                    self.send("QUIT")
                    raise Closed("undecodable challenge")
                self.send("*")
                continue
            if challenge == "" and self.has("empty-challenge-abort"):
                self.send("*")
                continue
            step += 1
            if mech == "PLAIN":
                resp = (b"" if self.has("auth-plain-bad") else b"\0") + u + b"\0" + p
            elif mech == "LOGIN":
                if step == 1 and self.has("auth-login-raw"):
                    self.send(self.a.user)
                    continue
                resp = u if step == 1 else p
            elif mech == "CRAM-MD5":
                digest = hmac.new(p, data, hashlib.md5).hexdigest()
                resp = u + b" " + (digest.upper() if self.has("cram-md5-bad") else digest).encode()
            else:
                resp = scram.answer(data)
                if resp is None:
                    self.send("*")
                    continue
            self.send(base64.b64encode(resp).decode())

    # ---- the message -------------------------------------------------------------------------------
    def data_bytes(self):
        body = message_body()
        if self.has("long-lines"):
            enc = quopri.encodestring(body).replace(b"=\n", b"")
        elif self.has("8bit-without-8bitmime"):
            enc = body.replace(b"x" * 1200, b"x" * 70 + b"\n" + b"x" * 70)
        else:
            enc = quopri.encodestring(body)
        cte = b"8bit" if self.has("8bit-without-8bitmime") else b"quoted-printable"
        head = (b"From: <" + SENDER.encode() + b">\nTo: <bob@example.test>\nSubject: mailspec test\n"
                b"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                b"Content-Transfer-Encoding: " + cte + b"\n\n")
        msg = head + enc
        eol = b"\n" if self.has("bare-lf-data") else b"\r" if self.has("bare-cr-data") else b"\r\n"
        return msg.replace(b"\n", eol)

    def stuffed(self, msg):
        lines = msg.split(b"\r\n")
        if not self.has("no-dot-stuffing"):
            lines = [b"." + ln if ln.startswith(b".") else ln for ln in lines]
        out = b"\r\n".join(lines)
        if not out.endswith(b"\r\n"):
            out += b"\r\n"
        return out + b".\r\n"

    def mail_line(self, size):
        sender = "j\u00f6ran@example.test" if self.has("utf8-address") else SENDER
        frm = "FROM:%s" % sender if self.has("mail-no-brackets") else "FROM:<%s>" % sender
        params = []
        if "SIZE" in self.ext or self.has("size-unadvertised"):
            if not self.has("ignore-size-limit"):
                params.append("SIZE=%d" % size)
        if self.has("body-unadvertised"):
            params.append("BODY=8BITMIME")
        if self.has("smtputf8-unadvertised"):
            params.append("SMTPUTF8")
        if self.has("auth-param-unadvertised"):
            params.append("AUTH=<>")
        if self.authed and "AUTH" in self.ext:
            sender = SENDER if self.has("auth-param-raw") else SENDER.replace("+", "+2B")
            params.append("AUTH=" + sender)
        if self.has("dsn-unadvertised"):
            params.append("RET=HDRS")
        return "MAIL " + frm + "".join(" " + p for p in params)

    def rcpt_lines(self):
        rcpts = ["bob@example.test"] + (["carol@example.test"] if self.a.rcpt2 else [])
        sep = "TO: " if self.has("rcpt-space-after-colon") else "TO:"
        notify = " NOTIFY=FAILURE" if self.has("dsn-unadvertised") else ""
        return ["RCPT %s<%s>%s" % (sep, r, notify) for r in rcpts]

    def transaction(self):
        """Sends the message; returns normally when the session should end with QUIT."""
        msg = self.data_bytes()
        limit = self.ext.get("SIZE", [])
        if limit and limit[0].isdigit() and 0 < int(limit[0]) < len(msg) and not self.has("ignore-size-limit"):
            return
        pipelining = ("PIPELINING" in self.ext and self.a.pipelining) or self.has("pipeline-unadvertised")
        mail = self.mail_line(len(msg))
        if pipelining:
            return self.pipelined(mail, msg)
        if self.has("no-wait-ehlo"):
            code, _ = self.reply()  # MAIL went with EHLO
        else:
            code, texts = self.cmd(mail)
            if self.text_says_failure(texts):
                code = 550
        if not self.ok(code) and not self.has("ignore-mail-failure") and not self.has("mail-after-535"):
            return
        accepted = refused = 0
        for r in self.rcpt_lines():
            code, texts = self.cmd(r)
            if self.ok(code, "RCPT") and not self.text_says_failure(texts):
                accepted += 1
            else:
                refused += 1
        if refused and self.has("abort-on-any-refused-rcpt"):
            return self.rset()
        if not accepted and not self.has("data-after-refused-rcpt") and not self.has("mail-after-535"):
            return None if self.has("mail-without-rset") else self.rset()
        self.data(msg)

    def data(self, msg):
        if self.has("bdat-unadvertised"):
            data = msg if msg.endswith(b"\r\n") else msg + b"\r\n"
            self.send_raw(b"BDAT %d LAST\r\n" % len(data) + data)
            self.reply()
            return
        if self.has("data-without-354"):
            self.send_raw(b"DATA" + self.eol + self.stuffed(msg))
            code, _ = self.reply()
            if code == 354:
                self.reply()
            return
        code, _ = self.cmd("DATA")
        if code != 354:
            return self.rset()
        self.send_raw(self.stuffed(msg))
        if self.has("no-wait-data-reply"):
            return
        code, _ = self.reply()
        if code == 421 and not self.has("retry-after-421"):
            raise Closed("421")
        if code == 421 or (code >= 500 and self.has("resend-after-554")):
            self.cmd("DATA")

    def pipelined(self, mail, msg):
        rcpts = self.rcpt_lines()
        self.send(mail, *rcpts, "DATA")
        if self.has("data-without-354"):
            self.send_raw(self.stuffed(msg))
        ok_mail = self.ok(self.reply()[0])
        accepted = sum(1 for _ in rcpts if self.ok(self.reply()[0], "RCPT"))
        code, _ = self.reply()
        if self.has("data-without-354"):
            self.reply()
            return
        if code == 354 or self.has("ignore-data-reply-pipelined"):
            if ok_mail and accepted:
                self.send_raw(self.stuffed(msg))
            else:
                self.send_raw(b".\r\n")
            self.reply()
            return
        self.rset()

    def rset(self):
        self.cmd("RSET")

    def quit(self):
        if self.has("no-quit"):
            return
        self.send("QUIT")
        if self.has("close-before-221"):
            return
        try:
            self.reply()
        except (Closed, OSError):
            pass

    def run(self):
        self.connect()
        try:
            self.session()
        except Closed:
            pass
        finally:
            try:
                self.sock.close()
            except OSError:
                pass

    def session(self):
        first = None
        if self.has("no-greeting-wait"):
            self.send("EHLO " + self.ehlo_name())
            greeting = self.reply()
            first = self.reply()
        elif self.has("no-ehlo"):
            self.reply()
            self.transaction()
            return self.quit()
        else:
            greeting = self.reply()
        if greeting[0] != 220 and not self.has("greeting-code-ignored"):
            return self.quit()
        if self.has("no-wait-ehlo"):
            self.send("EHLO " + self.ehlo_name(), self.mail_line(len(self.data_bytes())))
            first = self.reply()
        if not self.hello(first):
            return self.quit()
        if self.has("auth-before-tls") and self.a.auth and "AUTH" in self.ext and not self.tls:
            self.authenticate()
        if not self.starttls():
            return self.quit()
        if not self.authenticate():
            return self.quit()
        for _ in range(self.a.messages):
            self.transaction()
        self.quit()


class Scram:
    """The client side of SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677), without channel binding."""

    def __init__(self, mech, user, password, bad):
        self.h = "sha1" if mech == "SCRAM-SHA-1" else "sha256"
        self.user, self.password, self.bad = user, password, bad
        self.nonce = base64.b64encode(os.urandom(18))
        self.bare = b"n=" + user.replace(b"=", b"=3D").replace(b",", b"=2C") + b",r=" + self.nonce
        self.server_sig = None

    def first(self):
        return b"n,," + self.bare

    def answer(self, data):
        if self.server_sig is not None:  # server-final: its signature must verify (RFC 5802 §5.1)
            return b"" if data == b"v=" + base64.b64encode(self.server_sig) else None
        fields = dict(f.split(b"=", 1) for f in data.split(b","))
        if not fields.get(b"r", b"").startswith(self.nonce):
            return None
        salt, iters = base64.b64decode(fields[b"s"]), int(fields[b"i"])
        salted = self.password if self.bad else hashlib.pbkdf2_hmac(self.h, self.password, salt, iters)
        ck = hmac.new(salted, b"Client Key", self.h).digest()
        sk = hashlib.new(self.h, ck).digest()
        final_wo = b"c=biws,r=" + fields[b"r"]
        am = self.bare + b"," + data + b"," + final_wo
        sig = hmac.new(sk, am, self.h).digest()
        proof = bytes(x ^ y for x, y in zip(ck, sig))
        server_key = hmac.new(salted, b"Server Key", self.h).digest()
        self.server_sig = hmac.new(server_key, am, self.h).digest()
        return final_wo + b",p=" + base64.b64encode(proof)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int)
    ap.add_argument("--cafile")
    ap.add_argument("--user", default="alice")
    ap.add_argument("--password", default="alice-password")
    ap.add_argument("--smtps", action="store_true", help="implicit TLS")
    ap.add_argument("--starttls", action="store_true", help="use STARTTLS when offered")
    ap.add_argument("--require-tls", action="store_true", help="use STARTTLS and never go on in clear")
    ap.add_argument("--auth", action="store_true",
                    help="authenticate (SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, LOGIN: the first offered)")
    ap.add_argument("--no-ir", action="store_true", help="AUTH PLAIN without an initial response")
    ap.add_argument("--pipelining", action="store_true", help="pipeline MAIL, RCPT, DATA when offered")
    ap.add_argument("--rcpt2", action="store_true", help="send the message to two recipients")
    ap.add_argument("--messages", type=int, default=1, help="messages to send in the session")
    ap.add_argument("--defect", action="append", default=[], choices=sorted(DEFECTS))
    ap.add_argument("--list-defects", action="store_true")
    a = ap.parse_args()
    if a.list_defects:
        for name, what in DEFECTS.items():
            print("%s\t%s" % (name, what))
        return 0
    if a.port is None:
        ap.error("--port is required")
    socket.setdefaulttimeout(10)
    started = time.monotonic()
    try:
        Client(a).run()
    except (OSError, ssl.SSLError) as e:
        print("smtp_client: %s" % e, file=sys.stderr)
    if time.monotonic() - started > 20:
        print("smtp_client: took over 20 s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
