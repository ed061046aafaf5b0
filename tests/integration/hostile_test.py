#!/usr/bin/python3
"""Hostile and broken peers against the real mailspec binary: the harness must end every case with a
precise verdict, in bounded time and memory, and exit with the documented code.

    hostile_test.py MAILSPEC_BINARY REPORT_DIR
"""
import json
import pathlib
import resource
import signal
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from peers import Server, check, summary  # noqa: E402

BIN, OUT = sys.argv[1], pathlib.Path(sys.argv[2])
OUT.mkdir(parents=True, exist_ok=True)


def run(args, timeout=60):
    """Runs mailspec; returns (exit code, seconds, stderr, peak RSS of the child in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    p = subprocess.run([BIN] + args, capture_output=True, text=True, timeout=timeout)
    took = time.monotonic() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    del before
    return p.returncode, took, p.stderr.strip(), rss


def report(name):
    return json.loads((OUT / f"hostile-{name}.json").read_text())


def endless_line(conn):
    conn.sendall(b"220 ")
    chunk = b"a" * 65536
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        conn.sendall(chunk)


def silent(conn):
    time.sleep(30)


def garbage(conn):
    conn.sendall(bytes(range(256)) * 64)
    time.sleep(2)


def imap_literal_bomb(conn):
    conn.sendall(b"* OK fake IMAP\r\n")
    f = conn.makefile("rb")
    for line in f:
        tag = line.split(b" ", 1)[0]
        if b"CAPABILITY" in line.upper() and tag.startswith(b"P"):
            conn.sendall(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
        elif b"LOGOUT" in line.upper():
            return
        else:
            conn.sendall(b"* 1 FETCH (BODY[] {9223372036854775808}\r\n")
            time.sleep(2)
            return


def imap_endless_untagged(conn):
    conn.sendall(b"* OK fake IMAP\r\n")
    f = conn.makefile("rb")
    for line in f:
        tag = line.split(b" ", 1)[0]
        # The run's probe (tags P1, P2, ...: CAPABILITY, LOGOUT) is answered; any case's command, whatever
        # its tag, gets the flood.
        if tag.startswith(b"P") and line.split()[1:2] in ([b"CAPABILITY"], [b"LOGOUT"]):
            conn.sendall(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
            continue
        junk = b"* OK " + b"x" * 1000 + b"\r\n"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            conn.sendall(junk * 64)


def slow_smtp(conn):
    """A correct but slow server: each reply after 1 s (for the interrupt test)."""
    conn.sendall(b"220 slow ESMTP\r\n")
    f = conn.makefile("rb")
    for line in f:
        time.sleep(1 if not line.upper().startswith(b"EHLO MAILSPEC.TEST") else 0)
        if line.upper().startswith(b"EHLO"):
            conn.sendall(b"250-slow\r\n250 8BITMIME\r\n")
        elif line.upper().startswith(b"QUIT"):
            conn.sendall(b"221 bye\r\n")
            return
        else:
            conn.sendall(b"250 ok\r\n")


# 1. Unreachable: exit 3 within 2 s with a one-line reason.
code, took, err, _ = run(["run", "smtp://127.0.0.1:1"])
check("unreachable target exits 3", code == 3, f"exit {code}")
check("unreachable target exits within 2 s", took < 2, f"{took:.2f} s")
check("unreachable target says why in one line", err.count("\n") == 0 and "127.0.0.1:1" in err, err)

# 2. A first line that never ends: the probe cannot get through, so the whole run (default options) ends
#    at once with exit 3, the reason citing the line limit, a report written, and bounded memory.
s = Server(endless_line)
code, took, err, rss = run(["run", f"smtp://127.0.0.1:{s.port}", "--report-json", str(OUT / "hostile-endless.json"), "-q"])
s.close()
r = report("endless")
check("endless line: exit 3", code == 3, f"exit {code}: {err}")
check("endless line: the reason cites RFC 5321 4.5.3.1.5", "RFC 5321 §4.5.3.1.5" in err, err)
check("endless line: the report says why", "4.5.3.1.5" in r["target"].get("probe_error", ""), json.dumps(r["target"]))
check("endless line: within 5 s", took < 5, f"{took:.1f} s")
check("endless line: peak RSS under 200 MB", rss < 200, f"{rss:.0f} MB")

# 3. A silent server: exit 3 after the read timeout, not a hang.
s = Server(silent)
code, took, err, _ = run(["run", f"pop3://127.0.0.1:{s.port}", "--read-timeout", "1"])
s.close()
check("silent server: exit 3", code == 3, f"exit {code}: {err}")
check("silent server: within 5 s", took < 5, f"{took:.1f} s")

# 4. Garbage instead of a greeting: exit 3 naming the grammar rule, not a wall of identical fails.
s = Server(garbage)
code, took, err, _ = run(["run", f"smtp://127.0.0.1:{s.port}", "--report-json", str(OUT / "hostile-garbage.json"), "-q",
                          "--read-timeout", "2"])
s.close()
check("garbage: exit 3 citing the reply grammar", code == 3 and "RFC 5321" in err, f"exit {code}: {err}")
check("garbage: report written, no case run", report("garbage")["cases"] == [] and report("garbage")["target"].get("probe_error"),
      json.dumps(report("garbage")["target"]))


def imap_probe_flood(conn):
    """Greets, then answers CAPABILITY with short untagged responses as fast as the socket takes them."""
    conn.sendall(b"* OK fake IMAP\r\n")
    f = conn.makefile("rb")
    f.readline()
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            conn.sendall(b"* 1 EXISTS\r\n" * 4096)
    except OSError:
        pass


# 4b. A flood of short untagged responses during the capability probe (default options): the probe's
#     octet budget and deadline end the run with exit 3 long before the case deadline, in linear time.
s = Server(imap_probe_flood)
code, took, err, rss = run(["run", f"imap://127.0.0.1:{s.port}", "--report-json", str(OUT / "hostile-probeflood.json"), "-q"],
                           timeout=120)
s.close()
check("probe flood: exit 3", code == 3, f"exit {code}: {err}")
check("probe flood: ends within the case deadline plus a few seconds", took < 65, f"{took:.1f} s")
check("probe flood: peak RSS under 200 MB", rss < 200, f"{rss:.0f} MB")
check("probe flood: report written", bool(report("probeflood")["target"].get("probe_error")), "")

def greeting_only(case_id):
    """Cases a hostile IMAP fake may rightly pass: those judging only its (ordinary) greeting, and LOGOUT
    with an argument, where closing the connection (as the fakes do on LOGOUT) is an accepted outcome."""
    return "greeting" in case_id or case_id.endswith((".no-preauth-on-cleartext", ".logout-extra-argument-bad"))


# 5. An IMAP literal of 2^63 octets: fail, no allocation, no crash.
s = Server(imap_literal_bomb)
code, took, err, rss = run(["run", f"imap://127.0.0.1:{s.port}", "--report-json", str(OUT / "hostile-literal.json"), "-q"],
                           timeout=120)
s.close()
cases = report("literal")["cases"]
check("2^63 literal: fails, no error, only the greeting passes", "fail" in {c["verdict"] for c in cases} and
      all(c["verdict"] not in ("pass", "error") or (c["verdict"] == "pass" and greeting_only(c["id"])) for c in cases), json.dumps([(c["id"], c["verdict"], c["reason"][:80]) for c in cases]))
check("2^63 literal: the whole suite within the case deadline plus a few seconds", took < 65, f"{took:.1f} s")
check("2^63 literal: peak RSS under 200 MB", rss < 200, f"{rss:.0f} MB")

# 6. Endless untagged responses while waiting for the tagged one: a bounded fail.
s = Server(imap_endless_untagged)
code, took, err, rss = run(["run", f"imap://127.0.0.1:{s.port}", "--report-json", str(OUT / "hostile-untagged.json"), "-q"],
                           timeout=120)
s.close()
cases = report("untagged")["cases"]
check("endless untagged: fails, no error, only the greeting passes", "fail" in {c["verdict"] for c in cases} and
      all(c["verdict"] not in ("pass", "error") or (c["verdict"] == "pass" and greeting_only(c["id"])) for c in cases),
      json.dumps([(c["id"], c["verdict"], c["reason"][:80]) for c in cases]))
check("endless untagged: the whole suite within the case deadline plus a few seconds", took < 65, f"{took:.1f} s")
check("endless untagged: peak RSS under 200 MB", rss < 200, f"{rss:.0f} MB")

# 7. Ctrl-C: the run stops starting cases and still writes what has finished.
s = Server(slow_smtp)
path = OUT / "hostile-interrupt.json"
p = subprocess.Popen([BIN, "run", f"smtp://127.0.0.1:{s.port}", "--jobs", "1", "--report-json", str(path), "-q"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
time.sleep(4)
p.send_signal(signal.SIGINT)
try:
    p.wait(timeout=40)
except subprocess.TimeoutExpired:
    p.kill()
s.close()
rep = json.loads(path.read_text()) if path.exists() else {}
check("interrupt: report written", bool(rep), "no report")
check("interrupt: marked interrupted", rep.get("interrupted") is True, str(rep.get("interrupted")))
total = len(json.loads(subprocess.run([BIN, "list", "--suite", "smtp", "--json"], capture_output=True, text=True).stdout))
check("interrupt: some cases, not all", 0 < len(rep.get("cases", [])) < total, f"{len(rep.get('cases', []))} of {total}")

# 7b. SIGTERM (what CI runners and `timeout` send): gone within 2 s, exit 143, the report of what finished.
s = Server(slow_smtp)
path = OUT / "hostile-sigterm.json"
p = subprocess.Popen([BIN, "run", f"smtp://127.0.0.1:{s.port}", "--jobs", "2", "--report-json", str(path), "-q"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
time.sleep(4)
start = time.monotonic()
p.send_signal(signal.SIGTERM)
try:
    p.wait(timeout=10)
except subprocess.TimeoutExpired:
    p.kill()
took = time.monotonic() - start
s.close()
rep = json.loads(path.read_text()) if path.exists() else {}
check("SIGTERM: exits within 2 s", took < 2, f"{took:.1f} s")
check("SIGTERM: exit 143", p.returncode == 143, f"exit {p.returncode}")
check("SIGTERM: report written and marked interrupted", rep.get("interrupted") is True and len(rep.get("cases", [])) > 0,
      f"{rep.get('interrupted')} {len(rep.get('cases', []))}")

# 8. TLS: verification on by default, --cafile and --insecure, and a peer that is not TLS at all.
import ssl
import tempfile
tmp = pathlib.Path(tempfile.mkdtemp())
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(tmp / "key.pem"),
                "-out", str(tmp / "cert.pem")], check=True, capture_output=True)
tls_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
tls_ctx.load_cert_chain(tmp / "cert.pem", tmp / "key.pem")


def smtps(conn, noop_delay=0.0):
    """Implicit TLS; NOOP is answered after `noop_delay` seconds."""
    try:
        t = tls_ctx.wrap_socket(conn, server_side=True)
    except (ssl.SSLError, OSError):
        return
    t.sendall(b"220 tls ESMTP\r\n")
    f = t.makefile("rb")
    for line in f:
        if line.upper().startswith(b"EHLO"):
            t.sendall(b"250-tls\r\n250 8BITMIME\r\n")
        elif line.upper().startswith(b"QUIT"):
            t.sendall(b"221 bye\r\n")
            return
        elif line.upper().startswith(b"NOOP") and noop_delay:
            time.sleep(noop_delay)
            t.sendall(b"250 2.0.0 late but fine\r\n")
        else:
            t.sendall(b"250 ok\r\n")

s = Server(smtps)
code, took, err, _ = run(["run", f"smtps://127.0.0.1:{s.port}", "--case", "smtp.rfc5321.3.1"])
check("TLS: unverifiable certificate exits 3", code == 3, f"exit {code}: {err}")
check("TLS: the message says how to fix it", "--cafile" in err and "verify" in err, err)
code, took, err, _ = run(["run", f"smtps://127.0.0.1:{s.port}", "--case", "smtp.rfc5321.3.1", "--cafile",
                          str(tmp / "cert.pem"), "--report-json", str(OUT / "hostile-tls.json"), "-q"])
tls = report("tls")["target"]["tls"] if code in (0, 1) else {}
check("TLS: --cafile verifies and runs", code in (0, 1) and tls.get("verified") is True, f"exit {code}: {err} {tls}")
check("TLS: version and cipher recorded", tls.get("version", "").startswith("TLS") and bool(tls.get("cipher")), str(tls))
code, took, err, _ = run(["run", f"smtps://127.0.0.1:{s.port}", "--case", "smtp.rfc5321.3.1", "--insecure",
                          "--report-json", str(OUT / "hostile-insecure.json"), "-q"])
tls = report("insecure")["target"]["tls"] if code in (0, 1) else {}
check("TLS: --insecure runs unverified", code in (0, 1) and tls.get("verified") is False, f"exit {code}: {err} {tls}")
s.close()


# 8b. A timeout on a TLS connection leaves the stream usable: the silence check times out while a reply
#     is in flight, then the same connection reads that reply and writes and reads again.
suite_dir = tmp / "suites" / "smtp"
suite_dir.mkdir(parents=True)
(suite_dir / "tls_timeout.mspec").write_text(
    "case smtp.t.tls-timeout-then-write\n  title \"t\"\n  rfc 5321 4.1 MUST\n  connect\n  need greeting\n"
    "  send \"NOOP\"\n  expect silence 1s\n  expect reply 250\n  send \"RSET\"\n  expect reply 250\n  send \"QUIT\"\n"
    "  expect reply 221\nend\n")
s = Server(lambda conn: smtps(conn, noop_delay=1.2))  # a 1 s silence check times out mid-reply
code, took, err, _ = run(["run", f"smtps://127.0.0.1:{s.port}", "--cafile", str(tmp / "cert.pem"), "--suites-dir",
                          str(tmp / "suites"), "--report-json", str(OUT / "hostile-tls-timeout.json"), "-q"])
s.close()
cases = report("tls-timeout")["cases"] if code in (0, 1) else []
check("TLS: a read timeout, then the same TLS connection reads, writes and reads again",
      code == 0 and [c["verdict"] for c in cases] == ["pass"], f"exit {code}: {err} {json.dumps([c['reason'] for c in cases])}")

s = Server(garbage)
code, took, err, _ = run(["run", f"imaps://127.0.0.1:{s.port}", "--read-timeout", "3"])
s.close()
check("TLS: a peer that does not speak TLS exits 3", code == 3 and "TLS" in err, f"exit {code}: {err}")

# 9. Every report written above validates against the schema.
schema_check = subprocess.run(["/usr/bin/python3", str(pathlib.Path(__file__).resolve().parents[2] / "reports" / "validate.py")]
                              + sorted(str(p) for p in OUT.glob("hostile-*.json")), capture_output=True, text=True)
check("reports validate against reports/schema/report-v1.json", schema_check.returncode == 0, schema_check.stdout)

sys.exit(summary())
