#!/usr/bin/python3
"""The test doubles (`serve-mailbox`) carry whole sessions of real clients: Python's imaplib (fetch,
search, store, append, expunge), poplib (stat, list, uidl, retr, top, dele) and smtplib (two messages)
against `mailspec serve PROTO --case PROTO-client.double.*` on 127.0.0.1, each on two connections to
show that nothing one connection changes reaches the next.

    mailbox_double_test.py MAILSPEC_BINARY OUT_DIR

Prints ok/FAIL lines, then "N passed, N failed".
"""
import imaplib
import json
import pathlib
import poplib
import smtplib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from peers import check, summary  # noqa: E402

BIN, OUT = sys.argv[1], pathlib.Path(sys.argv[2])
OUT.mkdir(parents=True, exist_ok=True)
USER, PASSWORD = "alice", "alice-password"


def start(proto, case, name, connections=2):
    report = OUT / f"{name}.json"
    args = [BIN, "serve", proto, "--listen", "127.0.0.1:0", "--report-json", str(report), "--case", case,
            "--connections", str(connections), "--accept-timeout", "20", "--timeout", "20", "--read-timeout", "5",
            "--ca-out", str(OUT / f"{name}-ca.pem"), "--no-color"]
    srv = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = srv.stdout.readline()
    port = int(first.split("listening on ")[1].split(" ")[0].rsplit(":", 1)[1]) if "listening on" in first else 0
    return srv, port, report


def finish(srv, report):
    try:
        out, err = srv.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        srv.kill()
        out, err = srv.communicate()
    rep = json.loads(report.read_text()) if report.exists() else {}
    return srv.returncode, rep, out + err


def verdicts(rep):
    return [c["verdict"] for c in rep.get("cases", [])]


# ---- IMAP ----
srv, port, report = start("imap", "imap-client.double.mailbox", "double-imap")
check("imap: the server listens", port > 0)
seen = {}
if port:
    m = imaplib.IMAP4("127.0.0.1", port, timeout=10)
    m.login(USER, PASSWORD)
    typ, data = m.select("INBOX")
    seen["exists"] = data[0]
    typ, data = m.search(None, "UNSEEN")
    seen["unseen"] = data[0]
    typ, data = m.search(None, "SUBJECT", "report")
    seen["subject"] = data[0]
    typ, data = m.fetch("3", "(BODY.PEEK[1] BODYSTRUCTURE)")
    seen["fetch"] = data
    typ, data = m.uid("FETCH", "2", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    seen["uid-fetch"] = data
    typ, data = m.store("1", "+FLAGS", "(\\Deleted)")
    seen["store"] = data
    typ, data = m.append("INBOX", "(\\Seen)", None, b"Subject: appended\r\n\r\nhello\r\n")
    seen["append"] = (typ, data)
    typ, data = m.expunge()
    seen["expunge"] = data
    typ, data = m.search(None, "ALL")
    seen["after"] = data[0]
    m.logout()
    m2 = imaplib.IMAP4("127.0.0.1", port, timeout=10)
    m2.login(USER, PASSWORD)
    typ, data = m2.select("INBOX")
    seen["fresh"] = data[0]
    m2.logout()
rc, rep, text = finish(srv, report)
check(f"imap: exit 0 and two passes ({rc}, {verdicts(rep)}): {text[-300:]}", rc == 0 and verdicts(rep) == ["pass", "pass"])
check(f"imap: SELECT shows 4 messages ({seen.get('exists')})", seen.get("exists") == b"4")
check(f"imap: SEARCH UNSEEN ({seen.get('unseen')})", seen.get("unseen") == b"2 3 4")
check(f"imap: SEARCH SUBJECT ({seen.get('subject')})", seen.get("subject") == b"3")
fetch = repr(seen.get("fetch"))
check(f"imap: FETCH BODY[1] and BODYSTRUCTURE ({fetch[:160]})", "Please find the monthly report" in fetch and "BODYSTRUCTURE" in fetch)
check(f"imap: UID FETCH HEADER.FIELDS ({seen.get('uid-fetch')!r:.120})", "Meeting notes" in repr(seen.get("uid-fetch")))
check(f"imap: STORE answers FLAGS ({seen.get('store')})", "\\\\Deleted" in repr(seen.get("store")))
check(f"imap: APPEND answers APPENDUID ({seen.get('append')})", seen.get("append", ("",))[0] == "OK" and "APPENDUID" in repr(seen.get("append")))
check(f"imap: EXPUNGE removes message 1 ({seen.get('expunge')})", seen.get("expunge") == [b"1"])
check(f"imap: 4 messages after ({seen.get('after')})", seen.get("after") == b"1 2 3 4")
check(f"imap: the next connection sees the store afresh ({seen.get('fresh')})", seen.get("fresh") == b"4")
raw = report.read_text() if report.exists() else ""
check("imap: the password appears in no report", raw and PASSWORD not in raw)

# ---- POP3 ----
srv, port, report = start("pop3", "pop3-client.double.mailbox", "double-pop3")
seen = {}
if port:
    p = poplib.POP3("127.0.0.1", port, timeout=10)
    p.user(USER)
    p.pass_(PASSWORD)
    seen["stat"] = p.stat()
    seen["list"] = p.list()[1]
    seen["uidl"] = p.uidl()[1]
    seen["retr"] = p.retr(2)[1]
    seen["top"] = p.top(3, 0)[1]
    p.dele(1)
    p.quit()
    p2 = poplib.POP3("127.0.0.1", port, timeout=10)
    p2.user(USER)
    p2.pass_(PASSWORD)
    seen["fresh"] = p2.stat()
    p2.quit()
rc, rep, text = finish(srv, report)
check(f"pop3: exit 0 and two passes ({rc}, {verdicts(rep)}): {text[-300:]}", rc == 0 and verdicts(rep) == ["pass", "pass"])
check(f"pop3: STAT 4 messages ({seen.get('stat')})", seen.get("stat", (0,))[0] == 4)
check(f"pop3: LIST and UIDL list 4 ({len(seen.get('list', []))}, {len(seen.get('uidl', []))})",
      len(seen.get("list", [])) == 4 and len(seen.get("uidl", [])) == 4)
check("pop3: RETR unstuffs the line that starts with a dot", b".this line starts with a dot" in seen.get("retr", []))
check("pop3: TOP 0 gives the header only", any(b"Subject: Monthly" in x for x in seen.get("top", [])) and
      not any(b"Please find" in x for x in seen.get("top", [])))
check(f"pop3: the next connection has 4 messages again ({seen.get('fresh')})", seen.get("fresh", (0,))[0] == 4)
raw = report.read_text() if report.exists() else ""
check("pop3: the password appears in no report", raw and PASSWORD not in raw)

# ---- SMTP ----
srv, port, report = start("smtp", "smtp-client.double.sink", "double-smtp", connections=1)
seen = {}
if port:
    s = smtplib.SMTP("127.0.0.1", port, local_hostname="client.example.test", timeout=10)
    s.ehlo()
    seen["pipelining"] = s.has_extn("pipelining")
    s.login(USER, PASSWORD)
    seen["one"] = s.sendmail("a@example.test", ["b@example.test"], "Subject: one\r\n\r\n.leading dot\r\n")
    seen["two"] = s.sendmail("a@example.test", ["c@example.test", "d@example.test"], "Subject: two\r\n\r\nbody\r\n")
    seen["vrfy"] = s.verify("bob")[0]
    s.quit()
rc, rep, text = finish(srv, report)
check(f"smtp: exit 0 and a pass ({rc}, {verdicts(rep)}): {text[-300:]}", rc == 0 and verdicts(rep) == ["pass"])
check("smtp: EHLO advertises PIPELINING", seen.get("pipelining"))
check(f"smtp: both messages accepted ({seen.get('one')}, {seen.get('two')})", seen.get("one") == {} and seen.get("two") == {})
check(f"smtp: VRFY 252 ({seen.get('vrfy')})", seen.get("vrfy") == 252)
raw = report.read_text() if report.exists() else ""
check("smtp: the password appears in no report", raw and PASSWORD not in raw)

# ---- IMAP: a client that sends a synchronising literal's octets without waiting for "+" ----
# A suite of its own: greeting, serve-mailbox, then the check of ${mailbox.literal.unsynced}.
suites = OUT / "suites-unsynced"
(suites / "imap-client").mkdir(parents=True, exist_ok=True)
(suites / "imap-client" / "unsynced.mspec").write_text(
    "case imap-client.test.unsynced\n"
    '  title "the client waits for the continuation request"\n'
    "  rfc 9051 4.3 MUST\n"
    '  send "* OK ready"\n'
    "  serve-mailbox\n"
    '  expect equals "${mailbox.literal.unsynced}" ""\n'
    "end\n")
report = OUT / "unsynced.json"
srv = subprocess.Popen([BIN, "serve", "imap", "--listen", "127.0.0.1:0", "--suites-dir", str(suites), "--report-json",
                        str(report), "--accept-timeout", "20", "--timeout", "20", "--read-timeout", "5",
                        "--ca-out", str(OUT / "unsynced-ca.pem"), "--no-color"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
first = srv.stdout.readline()
port = int(first.split("listening on ")[1].split(" ")[0].rsplit(":", 1)[1]) if "listening on" in first else 0
got = b""
if port:
    import socket
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        def until(marker):
            data = b""
            while marker not in data:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
            return data
        until(b"\r\n")
        sock.sendall(b"a1 LOGIN alice alice-password\r\n")
        until(b"a1 ")
        sock.sendall(b"a2 APPEND INBOX {5}\r\nhello\r\n")  # the octets before the "+"
        got = until(b"a2 ")
        sock.sendall(b"a3 LOGOUT\r\n")
        until(b"a3 ")
rc, rep, text = finish(srv, report)
check(f"unsynced literal: APPEND still answered ({got[-60:]!r})", b"a2 OK" in got)
check(f"unsynced literal: the case fails on ${{mailbox.literal.unsynced}} ({verdicts(rep)}): {text[-300:]}",
      verdicts(rep) == ["fail"] and "yes" in json.dumps(rep.get("cases", [{}])[0].get("reason", "")))

sys.exit(summary())
