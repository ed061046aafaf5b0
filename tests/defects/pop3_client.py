#!/usr/bin/python3
"""A scripted POP3 client for the defect proofs of suites/pop3-client (run_defects.py pop3_client).

Correct by default: it waits for the greeting, asks CAPA, optionally upgrades with STLS, logs in (USER/PASS,
APOP or AUTH), reads STAT, LIST and (when advertised or CAPA failed) UIDL, retrieves every listed message,
deletes each one it fetched completely (--delete), and ends with QUIT. Each --defect NAME adds one defect
that real clients have had. Standard library only.

    pop3_client.py --host H --port P [--cafile CA] --user U --password PW [--tls] [--starttls]
                   [--require-tls] [--auth MECH] [--auth-blind] [--apop] [--delete] [--pipelining]
                   [--defect NAME]... | --list-defects
"""
import argparse
import base64
import hashlib
import hmac
import re
import secrets
import socket
import ssl
import sys

DEFECTS = {
    "bare-lf": "ends its command lines with a bare LF instead of CRLF",
    "trailing-space": "sends RETR with a trailing space ('RETR 1 ')",
    "no-greeting-wait": "sends CAPA as soon as it connects, before the greeting",
    "pass-without-user": "sends PASS without a USER before it",
    "pass-after-user-err": "sends PASS even when USER was answered -ERR",
    "ignore-login-err": "goes on to STAT after its login (PASS, APOP or AUTH) was answered -ERR",
    "retry-login": "after a refused login tries USER/PASS again at once, whatever the response code",
    "short-line-buffer": "reads status, greeting and capability lines into a 256-octet buffer and gives up on longer ones",
    "body-line-limit": "gives up (QUIT) on a message line longer than 512 octets (the status-line limit)",
    "dot-prefix-ends": "ends a multi-line response at any line starting with '.' (a stuffed '..' line too)",
    "read-by-size": "reads a retrieved message by the size LIST gave, not up to the terminating dot",
    "multiline-after-err": "reads a multi-line body after an -ERR too (and waits for its dot)",
    "strict-scan": "takes STAT and LIST lines with anything after the size as malformed (no messages)",
    "off-by-one": "retrieves the messages 1 to count+1",
    "dele-twice": "sends DELE twice for every message it deletes",
    "dele-all": "deletes every listed message at the end, also those whose RETR failed",
    "no-quit": "closes the connection without QUIT",
    "noop-after-quit": "sends NOOP after the QUIT reply",
    "requires-capa": "gives up (QUIT) when CAPA is answered -ERR",
    "requires-uidl": "gives up (QUIT) when UIDL is answered -ERR",
    "uidl-dup-crash": "closes the connection (no QUIT) when UIDL lists one unique-id twice",
    "apop-upper-hex": "sends the APOP digest in upper-case hex",
    "apop-no-brackets": "computes the APOP digest over the timestamp without its angle brackets",
    "apop-always": "sends APOP even when the greeting has no timestamp (digest of the password alone)",
    "auth-unadvertised": "uses its configured SASL mechanism (with an initial response) whatever CAPA says",
    "plain-bad-encoding": "sends the PLAIN message without the leading NUL (user NUL password)",
    "sasl-no-base64": "sends its LOGIN responses as plain text, not base64",
    "cram-wrong-key": "computes the CRAM-MD5 digest as MD5(challenge + password) instead of HMAC-MD5",
    "scram-bad-cbind": "sends c= without the gs2 header's comma in SCRAM (base64 of 'n,')",
    "no-cancel": "answers a challenge it cannot decode with an empty response instead of '*'",
    "stls-pipelined": "sends CAPA right behind STLS, before the reply and the TLS handshake",
    "keep-pre-tls-buffer": "keeps octets received after the STLS reply and reads them as TLS-protected responses",
    "no-capa-after-tls": "does not send CAPA again after STLS",
    "stale-capa": "keeps the capabilities of before STLS and does not ask CAPA again",
    "cleartext-fallback": "logs in in clear text when STLS is not offered or refused, though told to require TLS",
    "pipeline-always": "pipelines USER/PASS and its RETRs even when PIPELINING is not advertised",
}


class Abort(Exception):
    """The client gives up on the session (it then sends QUIT, unless the link is gone)."""


class Client:
    def __init__(self, a):
        self.a = a
        self.d = set(a.defect)
        self.buf = b""
        self.sock = socket.create_connection((a.host, a.port), timeout=8)
        if a.tls:
            self.sock = self.context().wrap_socket(self.sock, server_hostname="localhost")
        self.caps = None  # None: unknown (CAPA refused or not asked); else {TAG: [args]}

    def context(self):
        ctx = ssl.create_default_context(cafile=self.a.cafile)
        ctx.check_hostname = False  # the fake server's certificate names 127.0.0.1 or localhost
        return ctx

    # ---- wire ----
    def send(self, *lines):
        eol = b"\n" if "bare-lf" in self.d else b"\r\n"
        if self.a.trace:
            for line in lines:
                print("C: " + line, file=sys.stderr)
        self.sock.sendall(b"".join(line.encode() + eol for line in lines))

    def line(self, limit=None):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        if self.a.trace:
            print("S: " + line[:100].decode("latin-1"), file=sys.stderr)
        if limit is not None and len(line) + 2 > limit:
            raise Abort("line too long")
        return line.decode("latin-1")

    def status(self):
        limit = 256 if "short-line-buffer" in self.d else None
        s = self.line(limit)
        if not (s.startswith("+OK") or s.startswith("-ERR")):
            raise Abort("not a status line: " + s[:40])
        return s

    def body(self, size=None):
        """A multi-line body after +OK, unstuffed."""
        lines = []
        if "read-by-size" in self.d and size is not None:
            got = 0
            while got < size:
                ln = self.line()
                got += len(ln) + 2
                lines.append(ln)
            if self.line() != ".":
                raise Abort("message longer than its size")
            return lines
        while True:
            ln = self.line()
            if "body-line-limit" in self.d and len(ln) + 2 > 512:
                raise Abort("message line too long")
            if ln == "." or ("dot-prefix-ends" in self.d and ln.startswith(".")):
                return lines
            lines.append(ln[1:] if ln.startswith(".") else ln)

    def multi(self, cmd):
        """A command whose +OK is followed by a body: (status, lines or None)."""
        self.send(cmd)
        s = self.status()
        if s.startswith("+OK") or "multiline-after-err" in self.d:
            return s, self.body()
        return s, None

    # ---- session ----
    def run(self):
        try:
            if "no-greeting-wait" in self.d:
                self.send("CAPA")
            g = self.status()
            if not g.startswith("+OK"):
                return self.quit()
            self.capa(already_sent="no-greeting-wait" in self.d)
            if not self.tls_step():
                return self.quit()
            if not self.login(g):
                return self.quit()
            self.transaction()
            self.quit()
        except Abort:
            self.quit(quietly=True)
        except (EOFError, OSError):
            pass
        finally:
            try:
                self.sock.close()
            except OSError:
                pass

    def quit(self, quietly=False):
        try:
            if "no-quit" in self.d:
                return
            self.send("QUIT")
            self.status()
            if "noop-after-quit" in self.d:
                self.send("NOOP")
                self.status()
        except (Abort, EOFError, OSError):
            if not quietly:
                pass

    def capa(self, already_sent=False):
        if not already_sent:
            self.send("CAPA")
        s = self.status()
        if not s.startswith("+OK"):
            self.caps = None
            if "requires-capa" in self.d:
                raise Abort("no CAPA")
            return
        self.caps = {}
        limit = 256 if "short-line-buffer" in self.d else None
        while True:
            ln = self.line(limit)
            if ln == ".":
                return
            words = ln.split()
            if words:
                self.caps[words[0].upper()] = [w.upper() for w in words[1:]]

    def has(self, tag):
        return self.caps is not None and tag in self.caps

    def pipelining(self):
        return "pipeline-always" in self.d or (self.a.pipelining and self.has("PIPELINING"))

    def tls_step(self):
        """STLS when configured; False when the session must end (TLS required but not to be had)."""
        if self.a.tls or not (self.a.starttls or self.a.require_tls):
            return True
        if self.has("STLS"):
            if "stls-pipelined" in self.d:
                self.send("STLS", "CAPA")
            else:
                self.send("STLS")
            s = self.status()
            if s.startswith("+OK"):
                if "keep-pre-tls-buffer" not in self.d:
                    self.buf = b""  # octets that came with the go-ahead are not to be trusted
                self.sock = self.context().wrap_socket(self.sock, server_hostname="localhost")
                if "stale-capa" in self.d:
                    return True
                self.caps = None  # what we learnt before TLS is forgotten (RFC 2595 §4)
                if "no-capa-after-tls" not in self.d:
                    self.capa()
                return True
        return not self.a.require_tls or "cleartext-fallback" in self.d

    # ---- login ----
    def login(self, greeting):
        ts = re.search(r"<[^<>]*>", greeting)
        if self.a.apop and (ts or "apop-always" in self.d):
            stamp = ts.group(0) if ts else ""
            if "apop-no-brackets" in self.d:
                stamp = stamp.strip("<>")
            digest = hashlib.md5((stamp + self.a.password).encode()).hexdigest()
            if "apop-upper-hex" in self.d:
                digest = digest.upper()
            self.send("APOP %s %s" % (self.a.user, digest))
            ok = self.status().startswith("+OK")
        elif self.a.auth and self.may_auth():
            ok = self.authenticate(self.a.auth.upper())
        else:
            ok = self.user_pass()
        if not ok and "retry-login" in self.d:
            ok = self.user_pass()
        return ok or "ignore-login-err" in self.d

    def may_auth(self):
        if "auth-unadvertised" in self.d:
            return True
        if self.has("SASL"):
            return self.a.auth.upper() in self.caps["SASL"]
        return self.a.auth_blind

    def user_pass(self):
        if "pass-without-user" in self.d:
            self.send("PASS " + self.a.password)
            return self.status().startswith("+OK")
        if self.pipelining():
            self.send("USER " + self.a.user, "PASS " + self.a.password)
            u, p = self.status(), self.status()
            return u.startswith("+OK") and p.startswith("+OK")
        self.send("USER " + self.a.user)
        if not self.status().startswith("+OK") and "pass-after-user-err" not in self.d:
            return False
        self.send("PASS " + self.a.password)
        return self.status().startswith("+OK")

    def authenticate(self, mech):
        """One SASL exchange (RFC 5034): True on +OK."""
        steps = self.mechanism(mech)
        first = next(steps)
        advertised = self.has("SASL") and mech in self.caps["SASL"]
        # An initial response only for PLAIN, whose command line stays short (RFC 5034 §4: 255 octets).
        if first is not None and mech == "PLAIN" and (advertised or "auth-unadvertised" in self.d):
            self.send("AUTH %s %s" % (mech, self.b64(first) or "="))
            first = None
        else:
            self.send("AUTH " + mech)
        pending = first  # an initial response not sent with the command: sent after the empty challenge
        while True:
            s = self.line()
            if s.startswith("+OK"):
                return True
            if s.startswith("-ERR"):
                return False
            if not s.startswith("+"):
                raise Abort("not a SASL line")
            text = s[2:] if s.startswith("+ ") else s[1:]
            try:
                challenge = base64.b64decode(text, validate=True)
            except ValueError:
                self.send("" if "no-cancel" in self.d else "*")
                continue
            if pending is not None:
                answer, pending = pending, None
            else:
                try:
                    answer = steps.send(challenge)
                except StopIteration:
                    answer = b""
            self.send(self.b64(answer))

    def b64(self, data):
        if "sasl-no-base64" in self.d:
            return data.decode("latin-1")
        return base64.b64encode(data).decode()

    def mechanism(self, mech):
        """A generator: yields the initial response (None: none), then an answer per challenge sent in."""
        user, pw = self.a.user.encode(), self.a.password.encode()
        if mech == "PLAIN":
            yield (user + b"\0" + pw) if "plain-bad-encoding" in self.d else (b"\0" + user + b"\0" + pw)
        elif mech == "LOGIN":
            yield None
            yield user
            yield pw
        elif mech == "CRAM-MD5":
            challenge = yield None
            if "cram-wrong-key" in self.d:
                digest = hashlib.md5(challenge + pw).hexdigest()
            else:
                digest = hmac.new(pw, challenge, "md5").hexdigest()
            yield user + b" " + digest.encode()
        elif mech in ("SCRAM-SHA-1", "SCRAM-SHA-256"):
            yield from self.scram("sha1" if mech == "SCRAM-SHA-1" else "sha256", user, pw)
        else:
            raise Abort("mechanism not implemented")

    def scram(self, h, user, pw):
        nonce = base64.b64encode(secrets.token_bytes(18)).decode().encode()
        bare = b"n=" + user.replace(b"=", b"=3D").replace(b",", b"=2C") + b",r=" + nonce
        server_first = yield b"n,," + bare
        fields = dict(f.split(b"=", 1) for f in server_first.split(b","))
        salted = hashlib.pbkdf2_hmac(h, pw, base64.b64decode(fields[b"s"]), int(fields[b"i"]))
        cbind = base64.b64encode(b"n," if "scram-bad-cbind" in self.d else b"n,,")
        without_proof = b"c=" + cbind + b",r=" + fields[b"r"]
        auth_message = bare + b"," + server_first + b"," + without_proof
        client_key = hmac.new(salted, b"Client Key", h).digest()
        signature = hmac.new(hashlib.new(h, client_key).digest(), auth_message, h).digest()
        proof = bytes(a ^ b for a, b in zip(client_key, signature))
        yield without_proof + b",p=" + base64.b64encode(proof)
        yield b""  # the server-final-message arrives as a challenge: answered empty

    # ---- transaction ----
    def transaction(self):
        self.send("STAT")
        s = self.status()
        if not s.startswith("+OK"):
            raise Abort("STAT refused")
        count = self.scan(s[4:])[0] if self.scan(s[4:]) else 0
        sizes = {}
        st, lines = self.multi("LIST")
        if st.startswith("+OK"):
            for ln in lines:
                sc = self.scan(ln)
                if sc:
                    sizes[sc[0]] = sc[1]
            numbers = sorted(sizes)
        else:
            numbers = list(range(1, count + 1))
        if self.caps is None or self.has("UIDL"):
            st, lines = self.multi("UIDL")
            if not st.startswith("+OK") and "requires-uidl" in self.d:
                raise Abort("no UIDL")
            uids = [ln.split(" ", 1)[1] for ln in (lines or []) if " " in ln] if st.startswith("+OK") else []
            if len(set(uids)) != len(uids) and "uidl-dup-crash" in self.d:
                self.d.add("no-quit")
                raise Abort("duplicate unique-id")
        if "off-by-one" in self.d:
            numbers = list(range(1, (max(numbers) if numbers else 0) + 2))
        fetched = self.retrieve(numbers, sizes)
        if self.a.delete or "dele-all" in self.d:
            for n in (numbers if "dele-all" in self.d else fetched):
                for _ in range(2 if "dele-twice" in self.d else 1):
                    self.send("DELE %d" % n)
                    self.status()

    def scan(self, text):
        """'n size' (anything after the size ignored, RFC 1939 §5), or None."""
        words = text.split(" ")
        if len(words) < 2 or not words[0].isdigit() or not words[1].isdigit():
            return None
        if len(words) > 2 and "strict-scan" in self.d:
            return None
        return int(words[0]), int(words[1])

    def retrieve(self, numbers, sizes):
        """RETR of each number; the numbers fetched completely."""
        retr = "RETR %d " if "trailing-space" in self.d else "RETR %d"
        if self.pipelining() and numbers:
            self.send(*[retr % n for n in numbers])
            return [n for n in numbers if self.retr_reply(n, sizes)]
        fetched = []
        for n in numbers:
            self.send(retr % n)
            if self.retr_reply(n, sizes):
                fetched.append(n)
        return fetched

    def retr_reply(self, n, sizes):
        s = self.status()
        if not s.startswith("+OK"):
            if "multiline-after-err" in self.d:
                self.body()
            return False
        self.body(sizes.get(n))
        return True


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int)
    p.add_argument("--cafile")
    p.add_argument("--user", default="alice")
    p.add_argument("--password", default="alice-password")
    p.add_argument("--tls", action="store_true", help="implicit TLS (pop3s)")
    p.add_argument("--starttls", action="store_true", help="upgrade with STLS when CAPA lists it")
    p.add_argument("--require-tls", action="store_true", help="never log in without TLS")
    p.add_argument("--auth", help="log in with this SASL mechanism when CAPA lists it")
    p.add_argument("--auth-blind", action="store_true", help="try --auth also when CAPA lists no SASL (no initial response)")
    p.add_argument("--apop", action="store_true", help="log in with APOP when the greeting has a timestamp")
    p.add_argument("--delete", action="store_true", help="delete each message fetched completely")
    p.add_argument("--pipelining", action="store_true", help="pipeline when CAPA lists PIPELINING")
    p.add_argument("--defect", action="append", default=[], choices=sorted(DEFECTS))
    p.add_argument("--list-defects", action="store_true")
    p.add_argument("--trace", action="store_true", help="print the session on stderr")
    a = p.parse_args()
    if a.list_defects:
        for name, what in DEFECTS.items():
            print("%s\t%s" % (name, what))
        return 0
    if a.port is None:
        p.error("--port is required")
    Client(a).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
