#!/usr/bin/python3
"""`mailspec serve` judges real clients: Python's smtplib (over STARTTLS), poplib and imaplib connect to
the fake server on 127.0.0.1, one connection per case, and the report says what each did.

    serve_test.py MAILSPEC_BINARY OUT_DIR

For each protocol: start `mailspec serve PROTO --listen 127.0.0.1:0`, read the port from its first line,
run ci/clients/python_clients.py against it, then check the exit code, the report (schema-valid, mode
client-test, one case per connection, the expected verdicts, the EHLO name the client gave) and that
the password the client sent appears nowhere. Every step is bounded in time. Prints ok/FAIL lines, then
"N passed, N failed".
"""
import json
import os
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from peers import check, summary  # noqa: E402

BIN, OUT = sys.argv[1], pathlib.Path(sys.argv[2])
OUT.mkdir(parents=True, exist_ok=True)
ROOT = pathlib.Path(__file__).resolve().parents[2]
CLIENTS = ROOT / "ci" / "clients" / "python_clients.py"
VALIDATE = ROOT / "reports" / "validate.py"


def serve(proto, cases, client_args, name, scheme=None, connections=None):
    """Runs one fake server (on `scheme`, by default `proto`) and one client driver against it, making
    `connections` connections (by default one per case, and so many are asked of the server); returns
    (exit code, report, stdout and stderr)."""
    report = OUT / f"{name}.json"
    ca = OUT / f"{name}-ca.pem"
    args = [BIN, "serve", scheme or proto, "--listen", "127.0.0.1:0", "--report-json", str(report), "--ca-out", str(ca),
            "--accept-timeout", "20", "--timeout", "20", "--no-color"]
    for c in cases:
        args += ["--case", c]
    if connections is None:
        connections = len(cases)
        args += ["--connections", str(connections)]
    srv = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = srv.stdout.readline()  # "mailspec serve: listening on 127.0.0.1:PORT (...)"
    port = int(first.split("listening on ")[1].split(" ")[0].rsplit(":", 1)[1]) if "listening on" in first else 0
    if port:
        subprocess.run([sys.executable, str(CLIENTS), proto, "--port", str(port), "--connections", str(connections),
                        "--cafile", str(ca)] + client_args, timeout=120, capture_output=True, text=True)
    try:
        out, err = srv.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        srv.kill()
        out, err = srv.communicate()
    rep = json.loads(report.read_text()) if report.exists() else {}
    return srv.returncode, rep, first + out + err


def verdicts(rep):
    return {c["id"]: c["verdict"] for c in rep.get("cases", [])}


def schema_ok(name):
    return subprocess.run([sys.executable, str(VALIDATE), str(OUT / f"{name}.json")], capture_output=True).returncode == 0


# smtplib with STARTTLS: it opens with EHLO, sends EHLO again after TLS, delivers one message, QUITs.
smtp_cases = ["smtp-client.rfc3207.4.2.ehlo-after-starttls", "smtp-client.rfc5321.4.1.4.quit-last"]
rc, rep, text = serve("smtp", smtp_cases, ["--starttls"], "smtplib")
got = verdicts(rep)
check(f"smtplib: exit 0 (got {rc}): {text[-400:]}", rc == 0)
check("smtplib: the report is in client-test mode", rep.get("mode") == "client-test")
check(f"smtplib: EHLO again after STARTTLS passes ({got})", got.get(smtp_cases[0]) == "pass")
check(f"smtplib: QUIT last passes ({got})", got.get(smtp_cases[1]) == "pass")
check("smtplib: the report names the EHLO the client gave", any(c.get("helo") == "client.example.test" for c in rep.get("clients", [])))
check(any("TLS established" in e.get("data", "") for c in rep.get("cases", []) for e in c.get("transcript", [])),
      "smtplib: the transcript shows the server-side TLS handshake")
check("smtplib: the report is schema-valid", schema_ok("smtplib"))

# The same case without STARTTLS on the client side: the precondition is not met, the case skips and
# says how to fix the client's configuration.
rc, rep, text = serve("smtp", smtp_cases[:1], [], "smtplib-plain")
c = (rep.get("cases") or [{}])[0]
check(f"smtplib without STARTTLS: skip naming STARTTLS ({c.get('reason')})", c.get("verdict") == "skip" and "STARTTLS" in c.get("reason", ""))

# On smtps the STARTTLS cases (`requires plain`) are not served: they take no connection and the report
# lists them as skip, saying why; smtplib over implicit TLS is served only the other case.
# The server is asked for no connection count: it serves the cases it can, here one.
rc, rep, text = serve("smtp", smtp_cases, ["--tls", "implicit"], "smtplib-smtps", scheme="smtps", connections=1)
by_id = {c["id"]: c for c in rep.get("cases", [])}
left = by_id.get(smtp_cases[0], {})
check(f"smtps: one connection to serve, not two ({text.splitlines()[0] if text else ''})", "1 connection to serve" in text)
check(f"smtps: exit 0 ({rc}): {text[-300:]}", rc == 0)
check(f"smtps: the STARTTLS case is skip, as implicit TLS ({left.get('verdict')}: {left.get('reason')})",
      left.get("verdict") == "skip" and "smtps is implicit TLS" in left.get("reason", "") and not left.get("transcript"))
check(f"smtps: the other case is served and passes ({by_id.get(smtp_cases[1], {}).get('verdict')})",
      by_id.get(smtp_cases[1], {}).get("verdict") == "pass")
check(f"smtps: the output says what was not served ({text[-300:]})", "not served on smtps (skip): 1 case" in text)
check("smtps: the report is schema-valid", schema_ok("smtplib-smtps"))
p = subprocess.run([BIN, "serve", "smtps", "--listen", "127.0.0.1:0", "--case", smtp_cases[0], "--no-color", "-q"],
                   capture_output=True, text=True, timeout=30)
check(f"smtps, only a STARTTLS case: exit 2 saying why ({p.returncode}: {p.stderr.strip()})",
      p.returncode == 2 and "cleartext" in p.stderr and "can be served on smtps" in p.stderr)

# poplib: USER/PASS (the case ends the session after them); the password it sends must not reach the report.
rc, rep, text = serve("pop3", ["pop3-client.rfc1939.3.commands-are-crlf-lines"], [], "poplib")
check(f"poplib: passes ({verdicts(rep)}): {text[-300:]}", verdicts(rep).get("pop3-client.rfc1939.3.commands-are-crlf-lines") == "pass")
raw = (OUT / "poplib.json").read_text() if (OUT / "poplib.json").exists() else ""
check("poplib: the password appears in no report line or output", raw and "alice-password" not in raw and "alice-password" not in text)
check("poplib: the report is schema-valid", schema_ok("poplib"))
sent = "".join(e.get("data", "") for c in rep.get("cases", []) for e in c.get("transcript", []) if e.get("dir") == "c")
check(f"poplib: the transcript holds the client's commands, the password redacted ({sent[:80]!r})",
      "USER alice" in sent and "PASS <redacted>" in sent)

# imaplib: CAPABILITY (when not in the greeting), LOGIN, SELECT, FETCH, LOGOUT, tags it chooses itself.
rc, rep, text = serve("imap", ["imap-client.rfc9051.2.2.1.strict-syntax"], [], "imaplib")
check(f"imaplib: passes ({verdicts(rep)}): {text[-300:]}", verdicts(rep).get("imap-client.rfc9051.2.2.1.strict-syntax") == "pass")
raw = (OUT / "imaplib.json").read_text() if (OUT / "imaplib.json").exists() else ""
check("imaplib: the LOGIN password appears in no report line", raw and "alice-password" not in raw)

# Nobody connects: the run ends within the accept timeout with exit 3 and a reason.
args = [BIN, "serve", "pop3", "--listen", "127.0.0.1:0", "--accept-timeout", "1", "--no-color", "-q"]
p = subprocess.run(args, capture_output=True, text=True, timeout=30)
check(f"no client: exit 3 naming the accept timeout ({p.returncode}: {p.stderr.strip()})", p.returncode == 3 and "no client connected" in p.stderr)

sys.exit(summary())
