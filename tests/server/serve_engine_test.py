#!/usr/bin/python3
"""The `mailspec serve` engine (issue 12) against a scripted client of its own (tests/server/client.py)
and a small suite (tests/server/suites): fault injection repeats exactly under a seed, --by-login picks
the case by the login name, a client that vanishes or hangs makes its case `error`, Ctrl-C still
writes the report, `list --json` names the role of client cases.

    serve_engine_test.py MAILSPEC_BINARY OUT_DIR

Prints ok/FAIL lines, then "N passed, N failed"; exit 1 on a failure.
"""
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "integration"))
from peers import check, summary  # noqa: E402

BIN, OUT = sys.argv[1], pathlib.Path(sys.argv[2])
OUT.mkdir(parents=True, exist_ok=True)
SUITES = HERE / "suites"
CLIENT = HERE / "client.py"


def start(name, args, scheme="smtp"):
    report = OUT / f"{name}.json"
    if report.exists():
        report.unlink()
    cmd = [BIN, "serve", scheme, "--listen", "127.0.0.1:0", "--suites-dir", str(SUITES), "--report-json", str(report),
           "--ca-out", str(OUT / f"{name}-ca.pem"), "--accept-timeout", "20", "--timeout", "20", "--no-color"] + args
    srv = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = srv.stdout.readline()
    port = int(first.split("listening on ")[1].split(" ")[0].rsplit(":", 1)[1]) if "listening on" in first else 0
    return srv, port, report, first


def client(port, flow, user="alice"):
    r = subprocess.run([sys.executable, str(CLIENT), str(port), flow, user], capture_output=True, text=True, timeout=30)
    return r.stdout.split()


def finish(srv, report):
    try:
        out, err = srv.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        srv.kill()
        out, err = srv.communicate()
    rep = json.loads(report.read_text()) if report.exists() else {}
    return srv.returncode, rep, out + err


def serve(name, args, flows, scheme="smtp"):
    """One fake server, one client run per flow (a flow is (FLOW, USER)); returns (rc, report, text, replies)."""
    srv, port, report, first = start(name, args + ["--connections", str(len(flows))], scheme)
    replies = [client(port, f, u) for f, u in flows] if port else []
    rc, rep, text = finish(srv, report)
    return rc, rep, first + text, replies


def verdicts(rep):
    return [(c["id"], c["verdict"]) for c in rep.get("cases", [])]


def without_times(rep):
    return [[(e["dir"], e["conn"], e["data"]) for e in c.get("transcript", [])] for c in rep.get("cases", [])]


# 1. Faults with a seed: two runs give the same transcripts (times aside); the client saw the 452.
FAULTS = ["--fault", "RCPT=452@2", "--fault", "delay:MAIL=30", "--fault", "jitter=1-25", "--fault", "trickle=16/1",
          "--seed", "42", "--case", "smtp-client.engine.session"]
runs = [serve(f"faults-{i}", FAULTS, [("session", "alice")]) for i in (1, 2)]
for i, (rc, rep, text, replies) in enumerate(runs, 1):
    check(f"faults run {i}: the case passes (exit {rc}, {verdicts(rep)}): {text[-300:]}", rc == 0 and verdicts(rep) == [("smtp-client.engine.session", "pass")])
    check(f"faults run {i}: the client saw 452 to its second RCPT ({replies})", replies and replies[0][:7] == ["220", "250", "235", "250", "250", "452", "354"])
t1, t2 = without_times(runs[0][1]), without_times(runs[1][1])
check("faults: the two transcripts are identical apart from times", t1 == t2 and t1 != [])
check("faults: ${uniq} comes from the seed (the same in both runs)",
      "250 2.0.0 queued as ms" in "".join(d for (k, _, d) in (t1[0] if t1 else []) if k == "s"))
notes = [d for (k, _, d) in (t1[0] if t1 else []) if k == "i"]
check(f"faults: the transcript notes the injected reply ({notes[:4]})", "fault: 2nd RCPT answered 452 (--fault RCPT=452@2)" in notes)
check("faults: the transcript notes the delays", any(n.startswith("fault: ") and "ms delay" in n for n in notes))
check("faults: the run description has the seed and the faults",
      runs[0][1].get("options", {}).get("seed") == "42" and "RCPT=452@2" in runs[0][1].get("options", {}).get("fault", ""))
rep = runs[0][1]
cl = (rep.get("clients") or [{}])[0]
check(f"client identity: user agent, EHLO name, no TLS ({cl})", cl.get("user_agent") == "scripted-client/1.0" and
      cl.get("helo") == "client.example.test" and cl.get("tls") == {"active": False} and "imap_id" not in cl)
check("client identity: never the password or the user name in clients[]", "alice" not in json.dumps(rep.get("clients")))
check("the report is schema-valid", subprocess.run([sys.executable, str(HERE.parents[1] / "reports" / "validate.py"),
                                                    str(OUT / "faults-1.json")], capture_output=True).returncode == 0)
r = subprocess.run([BIN, "report", str(OUT / "faults-1.json"), "--html", str(OUT / "faults-1.html")], capture_output=True, timeout=30)
html = (OUT / "faults-1.html").read_text() if r.returncode == 0 else ""
check("the HTML report shows who the client was", "client: EHLO/HELO client.example.test; user agent scripted-client/1.0; no TLS" in html)
r = subprocess.run([BIN, "report", str(OUT / "faults-1.json"), "--junit", str(OUT / "faults-1.xml")], capture_output=True, timeout=30)
xml = (OUT / "faults-1.xml").read_text() if r.returncode == 0 else ""
check("the JUnit report has the client's properties", 'name="mailspec.client.user_agent" value="scripted-client/1.0"' in xml)
other = serve("faults-seed7", FAULTS[:-3] + ["7", "--case", "smtp-client.engine.session"], [("session", "alice")])
check("faults: another seed gives other delays", without_times(other[1]) != t1)

# 2. A malformed SPEC is a usage error naming the accepted forms.
r = subprocess.run([BIN, "serve", "smtp", "--suites-dir", str(SUITES), "--fault", "RCPT=45"], capture_output=True, text=True, timeout=30)
check(f"--fault RCPT=45: exit 2 with the accepted forms ({r.returncode}: {r.stderr[:200]})", r.returncode == 2 and "accepted forms" in r.stderr)

# 3. drop-after-commands and tls-fail: the client sees a close, a failed handshake.
rc, rep, text, replies = serve("drop", ["--fault", "drop-after-commands=2", "--case", "smtp-client.engine.quit-only"], [("quit", "alice")])
check(f"drop-after-commands=2: the client's AUTH got a close ({replies})", replies and replies[0][:3] == ["220", "250", "closed"])
rc, rep, text, replies = serve("tlsfail", ["--fault", "tls-fail", "--case", "smtp-client.engine.quit-only"], [("tls", "alice")], scheme="smtps")
check(f"tls-fail: the client's handshake failed ({replies}); the case is error ({verdicts(rep)})",
      replies and replies[0][:2] == ["handshake", "failed:"] and verdicts(rep)[:1] == [("smtp-client.engine.quit-only", "error")])

rc, rep, text, replies = serve("tlsfail-starttls", ["--fault", "tls-fail", "--case", "smtp-client.engine.starttls"], [("starttls", "alice")])
notes = [e["data"] for c in rep.get("cases", []) for e in c.get("transcript", []) if e["dir"] == "i"]
check(f"tls-fail after STARTTLS: the client's handshake failed ({replies}), the case ends at `starttls or-end` ({verdicts(rep)})",
      replies and replies[0][:5] == ["220", "250", "220", "handshake", "failed:"] and verdicts(rep) == [("smtp-client.engine.starttls", "pass")])
check(f"tls-fail after STARTTLS: noted in the transcript ({notes})", any("--fault tls-fail" in n for n in notes))
rc, rep, text, replies = serve("starttls", ["--case", "smtp-client.engine.starttls"], [("starttls", "alice")])
cl = (rep.get("clients") or [{}])[0]
check(f"STARTTLS without faults: pass, and clients[] says TLS with its version ({verdicts(rep)}, {cl})",
      verdicts(rep) == [("smtp-client.engine.starttls", "pass")] and cl.get("tls", {}).get("active") is True and
      cl.get("tls", {}).get("version", "").startswith("TLS"))

# 4. --by-login: the login name picks the case; one naming no case gets 535 and the connection is error.
rc, rep, text, replies = serve("bylogin", ["--by-login"], [("quit", "smtp-client.engine.quit-only"), ("session", "user=engine.session"),
                                                           ("quit", "nobody")])
v = verdicts(rep)
check(f"--by-login: the cases the names named ran and passed ({v}): {text[-300:]}",
      v[:2] == [("smtp-client.engine.quit-only", "pass"), ("smtp-client.engine.session", "pass")])
check(f"--by-login: a name naming no case is answered 535 ({replies[2:]})", len(replies) == 3 and replies[2][:3] == ["220", "250", "535"])
bad = (rep.get("cases") or [{}] * 3)[2] if len(rep.get("cases", [])) == 3 else {}
check(f"--by-login: ... and its connection is error naming the cases ({bad.get('reason')})",
      bad.get("verdict") == "error" and "smtp-client.engine.session" in bad.get("reason", ""))

# 5. A client that crashes before it says anything, or hangs: error with a clear reason. One that ends the
# session after some exchange made a choice: the case skips, saying so.
rc, rep, text, replies = serve("crash", ["--case", "smtp-client.engine.quit-only"], [("crash", "alice")])
c = (rep.get("cases") or [{}])[0]
check(f"crash: error, the client closed before sending anything ({c.get('verdict')}: {c.get('reason')})",
      c.get("verdict") == "error" and "client closed the connection before sending anything" in c.get("reason", ""))
rc, rep, text, replies = serve("vanish", ["--case", "smtp-client.engine.quit-only"], [("vanish", "alice")])
c = (rep.get("cases") or [{}])[0]
check(f"vanish after EHLO: skip, the client closed the connection ({c.get('verdict')}: {c.get('reason')})",
      c.get("verdict") == "skip" and "the client closed the connection at" in c.get("reason", ""))
rc, rep, text, replies = serve("hang", ["--case", "smtp-client.engine.quit-only", "--read-timeout", "1"], [("hang", "alice")])
c = (rep.get("cases") or [{}])[0]
check(f"hang: error, nothing within the read timeout ({c.get('verdict')}: {c.get('reason')})",
      c.get("verdict") == "error" and "read timeout" in c.get("reason", ""))

# 6. Ctrl-C while waiting for the next client: the report has what was served.
srv, port, report, first = start("interrupted", ["--connections", "3", "--case", "smtp-client.engine.quit-only"])
got = client(port, "quit") if port else []
time.sleep(0.5)
srv.send_signal(signal.SIGINT)
rc, rep, text = finish(srv, report)
check(f"Ctrl-C: the report has the one case served, marked interrupted (exit {rc}, {verdicts(rep)}, {rep.get('interrupted')})",
      verdicts(rep) == [("smtp-client.engine.quit-only", "pass")] and rep.get("interrupted") is True and rc == 0)

# 7. list --json: client cases carry their suite, role server and protocol.
r = subprocess.run([BIN, "list", "--json", "--suite", "smtp-client", "--suite", "pop3-client", "--suite", "imap-client"],
                   capture_output=True, text=True, timeout=30)
cases = json.loads(r.stdout) if r.returncode == 0 else []
check(f"list --json: client cases listed ({len(cases)})", len(cases) >= 3)
check("list --json: each has suite, role server and protocol",
      all(c.get("role") == "server" and c.get("suite", "").endswith("-client") and c.get("protocol") in ("smtp", "pop3", "imap") for c in cases))
r = subprocess.run([BIN, "list", "--json", "--suite", "smtp"], capture_output=True, text=True, timeout=30)
check("list --json: server cases have role client", all(c.get("role") == "client" for c in json.loads(r.stdout or "[]")))

sys.exit(summary())
