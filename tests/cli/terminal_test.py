#!/usr/bin/python3
"""What `mailspec run` and `mailspec serve` print on a terminal and on a pipe, with the real binary.

    terminal_test.py MAILSPEC OUT_DIR

A small SMTP server of this script's own on 127.0.0.1 answers five cases of a temporary suite (a pass, a
fail, a SHOULD that gives warn, a skip, and a case whose reply comes after 1.5 s, so that the status line
is drawn while it runs). mailspec runs under a pseudo-terminal of 100 columns (python3 pty; output
post-processing switched off, so the bytes read are the bytes written) and on a pipe:
- on the terminal: the live status line appears ("\\r", erase to end of line), with done/total, the
  counts, the clock and the running case; never wider than the terminal; the fail and warn lines print
  above it; the final screen holds the findings, the summary and where the report went, and no status line;
- on a pipe, with TERM=dumb, and with --quiet: no carriage return and no escape sequence; --quiet prints
  only the counts and the report line; without a report flag the last line says none was written;
- `mailspec serve` on the terminal: the status line counts connections and says when it waits for one.
Every wait is bounded. Prints ok/FAIL lines, then "N passed, N failed".
"""
import fcntl
import os
import pathlib
import pty
import re
import select
import shutil
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "integration"))
from peers import check as peers_check, summary  # noqa: E402

BIN, OUT = sys.argv[1], pathlib.Path(sys.argv[2])
OUT.mkdir(parents=True, exist_ok=True)
COLUMNS = 100


def check(name, ok, detail=""):
    peers_check(name, ok, detail if isinstance(detail, str) else repr(detail))

CASES = """\
case smtp.t.noop
  title "NOOP is answered 250"
  rfc 5321 4.1.1.9 MUST
  connect
  need greeting
  send "NOOP"
  expect reply 250
end
case smtp.t.rcpt-before-mail
  title "RCPT before MAIL is refused"
  rfc 5321 4.1.4 MUST
  connect
  need greeting
  send "RCPT TO:<a@b.example>"
  expect reply 503
end
case smtp.t.vrfy
  title "VRFY is implemented"
  rfc 5321 3.5.3 SHOULD
  connect
  need greeting
  send "VRFY alice"
  expect reply 250
end
case smtp.t.chunking
  title "BDAT is accepted"
  rfc 3030 2 MUST
  requires ext CHUNKING
  connect
end
case smtp.t.slow-help
  title "HELP is answered, if slowly"
  rfc 5321 4.1.1.8 MUST
  connect
  need greeting
  send "HELP"
  expect reply 214
end
"""

CLIENT_CASE = """\
case smtp-client.t.quit
  title "The client says QUIT"
  rfc 5321 4.1.1.10 MUST
  send "220 mailspec.test ESMTP"
  expect command QUIT
  send "221 bye"
end
"""


class Smtp(socketserver.StreamRequestHandler):
    """220, then 250 to everything but EHLO (no CHUNKING), VRFY (502), HELP (214 after 1.5 s) and QUIT."""

    def handle(self):
        self.wfile.write(b"220 fake ESMTP\r\n")
        for line in self.rfile:
            verb = line.split(b" ")[0].strip().upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-fake\r\n250 8BITMIME\r\n")
            elif verb == b"VRFY":
                self.wfile.write(b"502 not here\r\n")
            elif verb == b"HELP":
                time.sleep(1.5)
                self.wfile.write(b"214 help yourself\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def on_pty(args, env, deadline=60, after_start=None):
    """Runs `args` with stdout and stderr on a new pseudo-terminal of COLUMNS columns; returns (exit code,
    every byte written). `after_start(read_so_far)` is called as output arrives until it returns True."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, COLUMNS, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST  # no "\n" -> "\r\n": read exactly what mailspec wrote
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    p = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    raw, done_hook, end = b"", after_start is None, time.monotonic() + deadline
    while time.monotonic() < end:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the last writer closed the terminal
                break
            if not chunk:
                break
            raw += chunk
        if not done_hook:
            done_hook = after_start(raw.decode("utf-8", "replace"))
        if not ready and p.poll() is not None:
            break
    os.close(master)
    try:
        rc = p.wait(timeout=max(1, end - time.monotonic()))
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
    return rc, raw.decode("utf-8", "replace")


def screen(raw):
    """The lines a terminal shows after `raw`: "\\r" returns, ESC [ K erases to the end, colours vanish."""
    lines, col = [""], 0
    for m in re.finditer(r"\x1b\[[0-9;]*([A-Za-z])|\r|\n|[^\x1b\r\n]+", raw):
        t = m.group(0)
        if t.startswith("\x1b"):
            if m.group(1) == "K":
                lines[-1] = lines[-1][:col]
        elif t == "\r":
            col = 0
        elif t == "\n":
            lines.append("")
            col = 0
        else:
            lines[-1] = lines[-1][:col] + t + lines[-1][col + len(t):]
            col += len(t)
    return lines[:-1] if lines[-1] == "" else lines


def status_lines(raw):
    """Every status line drawn: what follows "\\r ESC[K" up to the next "\\r" or newline."""
    return [m.group(1) for m in re.finditer(r"\r\x1b\[K([^\r\n]+)", raw)]


def plain(s):
    return re.sub(r"\x1b\[[0-9;]*m", "", s)


def env_with(**kv):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLUMNS")}
    env.update(kv)
    return env


def main():
    suites = pathlib.Path(tempfile.mkdtemp(prefix="mailspec-terminal-"))
    (suites / "smtp").mkdir()
    (suites / "smtp" / "t.mspec").write_text(CASES)
    (suites / "smtp-client").mkdir()
    (suites / "smtp-client" / "t.mspec").write_text(CLIENT_CASE)
    srv = Server(("127.0.0.1", 0), Smtp)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"smtp://127.0.0.1:{srv.server_address[1]}"
    report = OUT / "terminal.json"
    base = [BIN, "run", url, "--suites-dir", str(suites), "--jobs", "2", "--read-timeout", "5"]
    counts = ["  2 pass  1 fail  1 warn  0 info  1 skip  0 error", "  1 skipped: extension CHUNKING is not advertised"]
    try:
        tty_run(base + ["--report-json", str(report)], url, report, counts)
        pipe_run(base + ["--report-json", str(report)], url, report, counts)
        quiet_and_dumb(base, url, report, counts)
        serve_on_tty(suites)
    finally:
        srv.shutdown()
        shutil.rmtree(suites, ignore_errors=True)
    return summary()


def tty_run(args, url, report, counts):
    rc, raw = on_pty(args, env_with(TERM="xterm"))
    (OUT / "terminal-tty.raw").write_text(raw)
    check(f"tty: exit 1 for the fail (got {rc})", rc == 1)
    drawn = [plain(s) for s in status_lines(raw)]
    check("tty: the status line is drawn in place (\\r, erase to end of line)", len(drawn) >= 2, raw[:300])
    check("tty: it shows done/total and the counts", any(re.match(r"\[\d/5\]( \d (pass|fail|warn|skip))+  0:0\d", s) for s in drawn), drawn)
    check("tty: it shows the case under way while it runs", any("running smtp.t.slow-help" in s for s in drawn), drawn)
    check("tty: the clock moves while a slow case runs", any(re.search(r"  0:0[1-9]  ", s) for s in drawn), drawn)
    widest = max((len(s) for s in drawn), default=0)
    check(f"tty: no status line is wider than the terminal ({widest} < {COLUMNS})", widest < COLUMNS)
    check("tty: colours on a terminal", "\x1b[1;31m" in raw)
    final = [plain(l) for l in screen(raw)]
    (OUT / "terminal-tty.screen").write_text("\n".join(final) + "\n")
    check("tty: the fail printed above the line", any(re.match(r"\[\d/5\] fail smtp.t.rcpt-before-mail: expected reply 503", l) for l in final), final)
    check("tty: the warn printed above the line", any(re.match(r"\[\d/5\] warn smtp.t.vrfy: ", l) for l in final), final)
    check("tty: the summary's verdicts are padded as without colours", "fail  smtp.t.rcpt-before-mail" in final, final)
    check("tty: the lines above it fit the terminal", all(len(l) < COLUMNS for l in final), max(final, key=len))
    check("tty: no status line is left on the final screen", not any(re.match(r"\[\d/5\]( \d (pass|fail|warn|skip))+  \d:", l) for l in final), final)
    tail = final[-4:]
    check("tty: the screen ends with the counts and where the report went",
          tail == [f"5 cases against {url}"] + counts + [f"  report: {report} (json)"], tail)


def pipe_run(args, url, report, counts):
    p = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env_with(TERM="xterm"))
    check(f"pipe: exit 1 (got {p.returncode})", p.returncode == 1, p.stderr)
    check("pipe: no carriage return and no escape sequence", "\r" not in p.stdout and "\x1b" not in p.stdout, repr(p.stdout[:200]))
    lines = p.stdout.splitlines()
    check("pipe: the fail as one plain line", any(re.match(r"\[\d/5\] fail smtp.t.rcpt-before-mail: expected reply 503", l) for l in lines), lines)
    check("pipe: the same ending", lines[-4:] == [f"5 cases against {url}"] + counts + [f"  report: {report} (json)"], lines[-4:])


def quiet_and_dumb(base, url, report, counts):
    rc, raw = on_pty(base + ["--report-json", str(report), "--quiet"], env_with(TERM="xterm"))
    check(f"quiet on a tty: exit 1 (got {rc})", rc == 1)
    check("quiet on a tty: only the counts and the report line",
          plain(raw).split("\n") == [f"5 cases against {url}", counts[0], f"  report: {report} (json)", ""], repr(raw))
    rc, raw = on_pty(base, env_with(TERM="dumb"))
    check("TERM=dumb: no carriage return and no escape sequence", "\r" not in raw and "\x1b" not in raw, repr(raw[:200]))
    lines = raw.splitlines()
    check("no report flag: the last line says so and how to keep one",
          lines[-1:] == ["  no report written (keep one with --report-json FILE or --report-html FILE)"], lines[-2:])


def serve_on_tty(suites):
    port = []
    served = []
    threads = []

    def clients(raw):
        """Once listening: a client, a pause (the line says it waits), a second client."""
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)", raw)
        if not m:
            return False
        if not port:
            port.append(int(m.group(1)))
            threads.append(threading.Thread(target=two_clients, args=(port[0], served), daemon=True))
            threads[0].start()
        return True

    rc, raw = on_pty([BIN, "serve", "smtp", "--listen", "127.0.0.1:0", "--suites-dir", str(suites), "--connections", "2",
                      "--accept-timeout", "20", "--timeout", "10", "--ca-out", str(OUT / "terminal-ca.pem")],
                     env_with(TERM="xterm"), after_start=clients)
    (OUT / "terminal-serve.raw").write_text(raw)
    for t in threads:  # the server may end before the client has read its last reply
        t.join(timeout=15)
    check(f"serve: exit 0 (got {rc}), both clients served ({served})", rc == 0 and served == [True, True], raw[-300:])
    drawn = [plain(s) for s in status_lines(raw)]
    check("serve: the line counts connections and says it waits", any(s.startswith("[0/2 connections]") and "waiting for a client" in s for s in drawn), drawn)
    check("serve: a connection served is counted", any(s.startswith("[1/2 connections] 1 pass") for s in drawn), drawn)
    final = [plain(l) for l in screen(raw)]
    check("serve: the final screen has no status line and ends with the summary",
          not any("connections]" in l for l in final) and final[-3:-1] == [f"2 cases against smtp://127.0.0.1:{port[0] if port else 0}",
                                                                          "  2 pass  0 fail  0 warn  0 info  0 skip  0 error"], final[-4:])


def two_clients(port, served):
    for i in range(2):
        if i:
            time.sleep(1.3)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                f = s.makefile("rb")
                greeting = f.readline()
                s.sendall(b"QUIT\r\n")
                served.append(greeting.startswith(b"220") and f.readline().startswith(b"221"))
        except OSError:
            served.append(False)


if __name__ == "__main__":
    sys.exit(main())
