#!/usr/bin/python3
"""Credentials never leak, and an undecided run never looks green: the real binary against scripted peers.

    secrets_test.py MAILSPEC_BINARY OUT_DIR

1. A POP3 peer echoes the password (and the SASL PLAIN blob) back in its -ERR replies, split across two
   writes. The password has a backslash, a double quote, a space and non-ASCII octets. It must appear in no
   form (raw, as the report quotes octets, JSON-escaped, base64, inside the PLAIN blob) in the report, on
   stdout or on stderr.
2. A one-letter password: redaction replaces what was sent or echoed, not the same letter inside the
   harness's own words ("expected" stays "expected").
3. A peer that greets, answers CAPA, then says nothing: the cases are `error`, and the exit code is 1 by
   default; `--fail-on fail` narrows it to 0.
Prints ok/FAIL lines, then "N passed, N failed".
"""
import base64
import json
import os
import pathlib
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from peers import Server, check, summary  # noqa: E402

BIN, OUT = sys.argv[1], pathlib.Path(sys.argv[2])
OUT.mkdir(parents=True, exist_ok=True)


def echoing_pop3(conn):
    """USER/PASS and AUTH PLAIN are refused with the secret echoed back, in two writes 30 ms apart."""
    conn.sendall(b"+OK echo POP3 ready\r\n")
    f = conn.makefile("rb")
    for line in f:
        word = line.split(b" ", 1)[0].upper().strip()
        arg = line[len(word) + 1:].rstrip(b"\r\n") if b" " in line else b""
        if word == b"CAPA":
            conn.sendall(b"+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n")
        elif word == b"USER":
            conn.sendall(b"+OK\r\n")
        elif word in (b"PASS", b"AUTH", b"APOP"):
            reply = b"-ERR wrong password: " + arg + b" (that was it)\r\n"
            half = len(reply) // 2
            conn.sendall(reply[:half])
            time.sleep(0.03)
            conn.sendall(reply[half:])
        elif word == b"QUIT":
            conn.sendall(b"+OK bye\r\n")
            return
        elif line.strip():
            conn.sendall(b"-ERR " + line.rstrip(b"\r\n")[:200] + b"\r\n")


def quote(octets):
    """The report's quoting of wire octets (reports/schema: printable ASCII, \\\\, \\r \\n \\t, \\xHH)."""
    out = []
    for b in octets:
        if b == 0x5C:
            out.append("\\\\")
        elif b == 0x0D:
            out.append("\\r")
        elif b == 0x0A:
            out.append("\\n")
        elif b == 0x09:
            out.append("\\t")
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append(f"\\x{b:02X}")
    return "".join(out)


def forms(user, password):
    pw = password.encode()
    blob = b"\0" + user.encode() + b"\0" + pw
    f = {
        "raw": password,
        "quoted": quote(pw),
        "quoted-lower": quote(pw).replace("\\xC3\\xB6", "\\xc3\\xb6"),
        "json": json.dumps(password)[1:-1],
        "base64": base64.b64encode(pw).decode(),
        "plain-blob": base64.b64encode(blob).decode(),
    }
    return {k: v for k, v in f.items() if v}


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def run(port, password, extra, name):
    env = dict(os.environ, MAILSPEC_SECRET_PW=password)
    report = OUT / f"secrets-{name}.json"
    p = subprocess.run([BIN, "run", f"pop3://127.0.0.1:{port}", "--user", "alice", "--password-env", "MAILSPEC_SECRET_PW",
                        "--read-timeout", "2", "--timeout", "15", "--login-timeout", "3", "--no-color", "-v",
                        "--report-json", str(report)] + extra + others(name),
                       capture_output=True, text=True, env=env, timeout=300)
    return p, report.read_text(encoding="utf-8") if report.exists() else ""


def others(name):
    """The other report formats of a run (JUnit, HTML, NDJSON), rendered from the same redacted results."""
    return ["--report-junit", str(OUT / f"secrets-{name}.xml"), "--report-html", str(OUT / f"secrets-{name}.html"),
            "--report-ndjson", str(OUT / f"secrets-{name}.ndjson")]


def markup(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


# 1. Every form of a hard password, echoed back split across two reads.
s = Server(echoing_pop3)
password = 'p\\ss "w\u00f6rd'
p, text = run(s.port, password, ["--case", "pop3.rfc1939.7", "--case", "pop3.rfc5034"], "hard")
check("echo: report written", bool(text), p.stderr[-300:])
values = list(strings(json.loads(text))) if text else []
check("echo: the echo was recorded (and redacted)", any("<redacted>" in v for v in values), "no <redacted> in the report")
for kind, form in forms("alice", password).items():
    check(f"echo: no {kind} form in the report file", form not in text, kind)
    check(f"echo: no {kind} form in the report's strings", not any(form in v for v in values), kind)
    check(f"echo: no {kind} form on stdout", form not in p.stdout, kind)
    check(f"echo: no {kind} form on stderr", form not in p.stderr, kind)
    for ext in ("xml", "html", "ndjson"):
        other = OUT / f"secrets-hard.{ext}"
        body = other.read_text(encoding="utf-8") if other.exists() else ""
        check(f"echo: the {ext} report is written", bool(body), ext)
        check(f"echo: no {kind} form in the {ext} report", form not in body and markup(form) not in body, kind)

# 2. A one-letter password: the harness's words stay whole.
p, text = run(s.port, "e", ["--case", "pop3.rfc1939.7"], "short")
reasons = [c["reason"] for c in json.loads(text)["cases"]] if text else []
check("one-letter password: reasons keep their words", any("expected" in r for r in reasons) and
      not any("<redacted>pected" in r or "e<redacted>" in r for r in reasons), json.dumps(reasons[:3]))
check("one-letter password: the echoed password is redacted in transcripts",
      "wrong password: <redacted>" in text, "")
s.close()


def mute_after_capa(conn):
    conn.sendall(b"+OK mute POP3\r\n")
    f = conn.makefile("rb")
    for line in f:
        if line.upper().startswith(b"CAPA"):
            conn.sendall(b"+OK\r\nUSER\r\n.\r\n")
        elif line.upper().startswith(b"QUIT"):
            return
        # everything else: no answer at all


# 3. Undecided is never green.
s = Server(mute_after_capa)
args = [BIN, "run", f"pop3://127.0.0.1:{s.port}", "--case", "pop3.rfc1939.3.unknown-command-authorization", "--read-timeout", "1", "-q",
        "--report-json", str(OUT / "secrets-mute.json")]
p = subprocess.run(args, capture_output=True, text=True, timeout=120)
verdicts = {c["verdict"] for c in json.loads((OUT / "secrets-mute.json").read_text())["cases"]}
check("mute peer: the cases are error", "error" in verdicts, str(verdicts))
check("mute peer: exit 1 by default", p.returncode == 1, f"exit {p.returncode}")
p = subprocess.run(args + ["--fail-on", "fail"], capture_output=True, text=True, timeout=120)
check("mute peer: exit 0 with --fail-on fail", p.returncode == 0, f"exit {p.returncode}")
p = subprocess.run(args + ["--fail-on", "nonsense"], capture_output=True, text=True, timeout=120)
check("--fail-on with an unknown verdict is a usage error", p.returncode == 2 and "--fail-on" in p.stderr, p.stderr)
s.close()

sys.exit(summary())
