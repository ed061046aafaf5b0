#!/usr/bin/python3
"""Drive one real mail client through a client-test suite of `mailspec serve`, one run per case.

    drive.py CLIENT PROTO [--binary B] [--report-dir D] [--suite S] [--case ID]... [--expected TSV]
    drive.py --matrix        every CLIENT-PROTO pair the adapters speak

CLIENT is an adapter of ci/clients/adapters/ (curl, python, msmtp, swaks, fetchmail), PROTO smtp, pop3
or imap; the suite is PROTO-client unless --suite says otherwise. The driver

1. lists the suite's cases (`mailspec list --json`, in the order `serve` serves them) and splits them:
   a case tagged `implicit-tls` is served on the scheme with implicit TLS (smtps, pop3s, imaps), every
   other on the plain scheme (smtp, pop3, imap), each by one `mailspec serve` run;
2. starts that `mailspec serve SCHEME --listen 127.0.0.1:0 --ca-out D/ca.pem --report-json ...`, waits for
   its `listening on` line, then for each case runs the client once, configured from the case's tags
   (see settings_for: STARTTLS wanted or required, implicit TLS, SASL mechanism, APOP), in its own
   process group, killed after --client-timeout seconds; it waits until serve has finished the case (the
   NDJSON report streams one line per case) before the next client starts, so a client never meets
   another case's script;
3. writes D/client-CLIENT-PROTO.json (the runs' reports as one: the JSON of each serve run, merged when
   there were two), .xml and .html (rendered from it by `mailspec report`) and .log: per
   case the configuration, the client's exit status or the signal that ended it, its time, the verdict;
4. with --expected TSV: compares the verdicts with `mailspec diff --strict TSV REPORT` (a worse verdict,
   any `error`, a fixed or changed verdict, a new or vanished case all fail: exit 1).

A client that hangs is killed (SIGTERM to its process group, SIGKILL 2 s later) and serve judges what it
saw; a client that never connected gets a placeholder connection from the driver, opened and closed at
once, so the cases stay aligned with the clients (logged). A client that connects again (fetchmail
reconnects after a refused STLS) makes serve give that connection the next case: the driver sees it
(a connection still open on serve's port once the client's group is gone, or more cases finished than
clients run), leaves that verdict out, and runs the case again with its own client in a serve run of
its own (`--connections 1`: a further connection is refused). serve itself is killed by its PID on any exit
of the driver (an exception, SIGTERM, SIGINT, SIGHUP) and when it outlives its work; serve and the client
also get SIGTERM from the kernel if the driver dies of SIGKILL (PR_SET_PDEATHSIG), and serve ends by itself
when no client comes within its --accept-timeout.

Exit status: 0 done (and, with --expected, no difference); 1 a difference from the expected verdicts;
2 usage, or a run that could not be completed (serve did not start, got stuck, exited with an error);
77 the client's program is not installed (a skip for ctest), unless CI is set (then 2).
"""
import argparse
import contextlib
import ctypes
import importlib
import importlib.util
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from adapters import common  # noqa: E402

TLS_SCHEME = {"smtp": "smtps", "pop3": "pop3s", "imap": "imaps"}
USER, PASSWORD = "alice", "alice-password"   # what `mailspec serve` accepts by default
EXIT_SKIP = 77


def die_with_driver():
    """In the child before exec: SIGTERM when the driver dies, even of SIGKILL (Linux PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


class RunFailed(Exception):
    """The run could not be completed (exit 2)."""


class Log:
    """The driver's own log: printed and kept in D/client-CLIENT-PROTO.log, the password never in it."""

    def __init__(self, path):
        self.file = open(path, "w", encoding="utf-8")
        self.start = time.monotonic()

    def __call__(self, text):
        line = f"[{time.monotonic() - self.start:6.1f}s] {common.redact(text, PASSWORD)}"
        print(line, flush=True)
        self.file.write(line + "\n")
        self.file.flush()


def mailspec_list(args, patterns):
    cmd = [args.binary, "list", "--json", "--suites-dir", args.suites_dir, "--suite", args.suite]
    cmd += [x for p in patterns for x in ("--case", p)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RunFailed(f"mailspec list failed ({p.returncode}): {p.stderr.strip()}")
    return [c for c in json.loads(p.stdout) if c.get("role", "server") == "server"]


def settings_for(case, implicit):
    """The client's configuration for one case, from its tags (suite-common convention)."""
    tags = set(case.get("tags", []))
    if implicit:
        tls = "implicit"
    elif "tls-required" in tags:
        tls = "require"
    elif "starttls" in tags:
        tls = "starttls"
    else:
        tls = "none"
    auth = None
    # `auth-scram` alone: the variant the case names (its id, or RFC 7677 for SHA-256, RFC 5802 for SHA-1).
    rfcs = {r.get("rfc") for r in case.get("rfc", [])}
    sha1 = "sha-1" in case["id"] or (5802 in rfcs and 7677 not in rfcs and "sha-256" not in case["id"])
    for tag, mech in (("auth-plain", "PLAIN"), ("auth-login", "LOGIN"), ("auth-cram-md5", "CRAM-MD5"),
                      ("auth-scram-sha-1", "SCRAM-SHA-1"), ("auth-scram-sha-256", "SCRAM-SHA-256"),
                      ("auth-scram", "SCRAM-SHA-1" if sha1 else "SCRAM-SHA-256"), ("apop", "APOP"), ("auth", "any")):
        if tag in tags:
            auth = mech
            break
    return tls, auth


class Serve:
    """One `mailspec serve` run; its output goes to the log, its end is always seen to."""

    def __init__(self, args, scheme, ids, name, log, tmp, connections=None):
        self.log, self.name = log, name
        d = pathlib.Path(args.report_dir)
        self.report = d / f"{name}.json"
        self.ndjson = d / f"{name}.ndjson"
        # The CA (and the server key beside it) in the run's temporary directory: never in the reports, and
        # not shared by two drivers that write to the same report directory at once.
        self.ca = tmp / "ca.pem"
        cmd = [args.binary, "serve", scheme, "--suites-dir", args.suites_dir, "--suite", args.suite, "--listen", "127.0.0.1:0",
               "--ca-out", str(self.ca), "--report-json", str(self.report), "--report-ndjson", str(self.ndjson),
               "--timeout", str(args.case_timeout), "--read-timeout", str(args.read_timeout),
               "--accept-timeout", str(args.client_timeout + args.case_timeout + 30), "--no-color"]
        cmd += [x for i in ids for x in ("--case", i)]
        cmd += ["--connections", str(connections)] if connections else []
        for stale in (self.report, self.ndjson):
            stale.unlink(missing_ok=True)
        shutil.rmtree(d / "clients" / name, ignore_errors=True)  # the clients' outputs of an earlier run
        log(f"serve: {' '.join(cmd)}")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, errors="replace", preexec_fn=die_with_driver)
        log(f"serve pid {self.proc.pid}")
        self.port = None
        self.listening = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            self.log(f"serve> {line}")
            if "listening on " in line and self.port is None:
                self.port = int(line.split("listening on ")[1].split()[0].rsplit(":", 1)[1])
                self.listening.set()
        self.listening.set()

    def wait_listening(self, seconds):
        self.listening.wait(seconds)
        if self.port is None:
            raise RunFailed(f"serve did not say 'listening on' within {seconds} s (exit {self.proc.poll()})")

    def finished(self):
        """The ids of the cases serve has finished, in order (its NDJSON stream)."""
        done = []
        with contextlib.suppress(OSError):
            for line in self.ndjson.read_text(errors="replace").splitlines():
                with contextlib.suppress(ValueError):
                    j = json.loads(line)
                    if j.get("type") == "case":
                        done.append(j)
        return done

    def wait_finished(self, count, seconds):
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            done = self.finished()
            if len(done) >= count:
                return done[count - 1]
            if self.proc.poll() is not None:
                return None
            time.sleep(0.05)
        return None

    def connections(self):
        """The connections to serve's port that are open on its side: (accepted, state) each. Accepted means a
        socket fd of serve's own; one still in the listen backlog has no fd (inode 0) yet."""
        fds = set()
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{self.proc.pid}/fd"):
                with contextlib.suppress(OSError):
                    target = os.readlink(f"/proc/{self.proc.pid}/fd/{fd}")
                    if target.startswith("socket:["):
                        fds.add(target[8:-1])
        found = []
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            with contextlib.suppress(OSError):
                for row in pathlib.Path(table).read_text().splitlines()[1:]:
                    f = row.split()
                    # 01 ESTABLISHED, 03 SYN_RECV, 08 CLOSE_WAIT: not yet closed by serve (0A is the listener).
                    if int(f[1].rsplit(":", 1)[1], 16) == self.port and f[3] in ("01", "03", "08"):
                        if f[9] in fds or f[9] == "0":
                            found.append((f[9] in fds, f[3]))
        return found

    def holds_client(self):
        return any(accepted for accepted, _ in self.connections())

    def stop(self, seconds):
        """Waits for serve to end by itself, else ends it by its PID."""
        try:
            self.proc.wait(seconds)
        except subprocess.TimeoutExpired:
            self.log(f"serve (pid {self.proc.pid}) still running after {seconds} s: SIGTERM")
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.log(f"serve (pid {self.proc.pid}): SIGKILL")
                self.proc.kill()
                self.proc.wait()
        self.reader.join(5)
        return self.proc.returncode


def run_client(adapter, ctx, log, timeout):
    """Runs the client once in its own process group; returns (how it ended, seconds)."""
    inv = adapter.invocation(ctx)
    for note in inv.notes:
        log(f"  note: {note}")
    log(f"  run: {' '.join(inv.argv)}")
    out = open(ctx.workdir / "client.out", "wb")
    env = dict(os.environ, **inv.env)
    start = time.monotonic()
    proc = subprocess.Popen(inv.argv, stdin=subprocess.PIPE if inv.stdin is not None else subprocess.DEVNULL,
                            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ctx.workdir, start_new_session=True,
                            preexec_fn=die_with_driver)
    log(f"  client pid {proc.pid} (its process group)")
    how = None
    try:
        if inv.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.write(inv.stdin)
                proc.stdin.close()
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        how = f"hung: killed after {timeout} s"
        kill_group(proc, log)
    finally:
        out.close()
        if proc.poll() is None:  # the driver itself is being interrupted
            kill_group(proc, log)
    # A child the client left behind (in its group) must not outlive the case either.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    rc = proc.returncode
    if how is None:
        how = f"signal {signal.Signals(-rc).name}" if rc < 0 else f"exit {rc}"
    return how, time.monotonic() - start


def kill_group(proc, log):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(2)
    except subprocess.TimeoutExpired:
        log(f"  client process group {proc.pid}: SIGKILL")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def wait_case(args, srv, k, how, log):
    """Waits for serve's verdict of the k-th case once its client has ended (returns its NDJSON line)."""
    done = srv.wait_finished(k, 3)
    if done is None and srv.proc.poll() is None and not srv.holds_client():
        time.sleep(0.3)  # serve may be between closing the connection and writing the case's line
        done = srv.wait_finished(k, 0.1)
        if done is None and not srv.holds_client():
            log(f"  {args.client} never connected ({how}): placeholder connection so the next case stays aligned")
            placeholder_connection(srv.port)
    if done is None:
        done = srv.wait_finished(k, args.case_timeout + 5)
    if done is None:
        raise RunFailed(f"serve did not finish case {k} (exit {srv.proc.poll()})")
    return done


def placeholder_connection(port):
    """Connects and closes at once: the case the client never connected to ends, the next stays aligned."""
    with contextlib.suppress(OSError):
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass


def serve_cases(args, adapter, scheme, cases, name, log, tmp, rerun=False):
    """One serve run over `cases` (in serve order). Returns its JSON report and the cases serve gave to a
    second connection of an earlier case's client (their verdicts there are not theirs: run them again)."""
    implicit = scheme.endswith("s")
    ids = [c["id"] for c in cases]
    # The patterns serve gets: the driver's own when they select exactly these cases, else their ids.
    patterns = args.case if ids == args.selected else ids
    if patterns is ids:
        listed = [c["id"] for c in mailspec_list(args, patterns)]
        if listed != ids and not (rerun and listed[:1] == ids):
            raise RunFailed(f"{scheme}: --case {patterns} selects other cases than these (an id that is the prefix "
                            "of another): run the two groups one at a time with --case")
    srv = Serve(args, scheme, patterns, name, log, tmp, connections=1 if rerun else None)
    args.live.append(srv)
    displaced = []
    try:
        srv.wait_listening(30)
        n = 0  # the cases serve has taken so far
        while n < len(cases):
            case = cases[n]
            tls, auth = settings_for(case, implicit)
            work = tmp / f"{n + 1:03d}"
            work.mkdir()
            ctx = common.Context(proto=args.proto, host="127.0.0.1", port=srv.port, cafile=str(srv.ca), tls=tls,
                                 auth=auth, user=USER, password=PASSWORD, workdir=work,
                                 timeout=max(1, args.client_timeout * 3 // 4), case_id=case["id"])
            log(f"case {n + 1}/{len(cases)} {case['id']} [{scheme}; tls={tls}; auth={auth or 'none'}]")
            how, took = run_client(adapter, ctx, log, args.client_timeout)
            common.keep_output(work / "client.out", pathlib.Path(args.report_dir) / "clients" / name / f"{n + 1:03d}-{case['id']}.out", PASSWORD)
            done = wait_case(args, srv, n + 1, how, log)
            if done.get("id") != case["id"]:
                raise RunFailed(f"serve ran {done.get('id')} where the driver expected {case['id']}")
            log(f"  client {how} in {took:.1f} s; verdict {done.get('verdict')}: {done.get('reason', '')[:300]}")
            n += 1
            n = take_strays(args, srv, cases, n, displaced, log)
        rc = srv.stop(30)
        log(f"serve exit {rc}")
        if rc not in (0, 1):
            raise RunFailed(f"serve exited {rc}")
    finally:
        if srv.proc.poll() is None:
            srv.stop(0)
        args.live.remove(srv)
    return srv.report, displaced


def take_strays(args, srv, cases, n, displaced, log):
    """The client's process group is gone: a connection still open, or a case finished beyond the client's
    own, is another connection it made (a retry: fetchmail reconnects after a refused STLS), which serve
    took for the next case. Those cases are noted to be run again with their own client."""
    time.sleep(0.1)
    while n < len(cases) and (srv.connections() or len(srv.finished()) > n):
        extra = srv.wait_finished(n + 1, args.case_timeout + 5)
        if extra is None:
            raise RunFailed(f"serve did not finish case {cases[n]['id']} (exit {srv.proc.poll()})")
        log(f"  {args.client} opened another connection: serve gave it {cases[n]['id']} (verdict "
            f"{extra.get('verdict')}); that case runs again with its own client after this run")
        displaced.append(cases[n])
        n += 1
        time.sleep(0.1)
    return n


def merge(parts, out, order):
    """The reports of the serve runs as one: each part is (report, ids to leave out of it), the cases in
    suite order (`order`: the ids)."""
    doc = None
    for path, dropped in parts:
        d = json.loads(path.read_text())
        d["cases"] = [c for c in d["cases"] if c["id"] not in dropped]
        d["clients"] = [c for c in d.get("clients", []) if c.get("case") not in dropped]
        if doc is None:
            doc = d
            continue
        doc["cases"] += d["cases"]
        doc["clients"] = doc.get("clients", []) + d["clients"]
        doc["finished"] = d.get("finished", doc.get("finished"))
        doc["interrupted"] = doc.get("interrupted", False) or d.get("interrupted", False)
    rank = {cid: i for i, cid in enumerate(order)}
    doc["cases"].sort(key=lambda c: rank.get(c["id"], len(rank)))
    summary = {v: 0 for v in doc["summary"]}
    summary["total"] = len(doc["cases"])
    for c in doc["cases"]:
        summary[c["verdict"]] = summary.get(c["verdict"], 0) + 1
    doc["summary"] = summary
    out.write_text(json.dumps(doc, indent=2) + "\n")
    return doc


def compare(args, report, log):
    p = subprocess.run([args.binary, "diff", "--strict", args.expected, str(report)], capture_output=True,
                       text=True, timeout=60)
    for line in (p.stdout + p.stderr).splitlines():
        log(f"diff> {line}")
    if p.returncode not in (0, 1):
        raise RunFailed(f"mailspec diff exited {p.returncode}")
    return p.returncode


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("client", help="an adapter of ci/clients/adapters/ (" + ", ".join(common.adapter_names()) + ")")
    ap.add_argument("proto", choices=["smtp", "pop3", "imap"])
    ap.add_argument("--binary", default=str(ROOT / "build" / "ci" / "mailspec"))
    ap.add_argument("--report-dir", default=str(ROOT / "reports" / "out" / "clients"))
    ap.add_argument("--suite", help="default: PROTO-client")
    ap.add_argument("--suites-dir", default=str(ROOT / "suites"), help="default: the suites of this checkout")
    ap.add_argument("--case", action="append", default=[], help="only these ids (prefix or glob, as mailspec's --case)")
    ap.add_argument("--expected", help="compare with this TSV (id<TAB>verdict[<TAB>why]) by mailspec diff --strict")
    ap.add_argument("--client-timeout", type=int, default=20, help="seconds before a client is killed (default 20)")
    ap.add_argument("--case-timeout", type=int, default=15, help="serve --timeout: one case's deadline (default 15)")
    ap.add_argument("--read-timeout", type=int, default=5, help="serve --read-timeout (default 5)")
    ap.add_argument("--no-junit-html", dest="junit_html", action="store_false",
                    help="do not render the JUnit and HTML reports")
    a = ap.parse_args(argv)
    a.suite = a.suite or f"{a.proto}-client"
    a.name = pathlib.Path(a.client).stem
    a.live = []
    return a


def run(args, log):
    adapter = load_adapter(args.client)
    if args.proto not in adapter.PROTOCOLS:
        raise RunFailed(f"{args.client} does not speak {args.proto} (it speaks {', '.join(adapter.PROTOCOLS)})")
    if not shutil.which(adapter.PROGRAM):
        log(f"{adapter.PROGRAM} is not installed (bash ci/setup.sh installs it)")
        return 2 if os.environ.get("CI") else EXIT_SKIP
    cases = mailspec_list(args, args.case)
    args.selected = [c["id"] for c in cases]
    if not cases:
        raise RunFailed(f"no case of suite {args.suite} matches {args.case}")
    plain = [c for c in cases if "implicit-tls" not in c.get("tags", [])]
    implicit = [c for c in cases if "implicit-tls" in c.get("tags", [])]
    name = f"client-{args.name}-{args.proto}"
    log(f"{args.client} ({adapter.PROGRAM}) against {args.suite}: {len(plain)} cases on {args.proto}, "
        f"{len(implicit)} on {TLS_SCHEME[args.proto]}")
    parts = []
    with tempfile.TemporaryDirectory(prefix=f"mailspec-{name}-") as tmp:
        tmp = pathlib.Path(tmp)
        for scheme, group in ((args.proto, plain), (TLS_SCHEME[args.proto], implicit)):
            if not group:
                continue
            part = name if len(group) == len(cases) else f"{name}.{scheme}"
            (tmp / scheme).mkdir()
            report, displaced = serve_cases(args, adapter, scheme, group, part, log, tmp / scheme)
            parts.append((report, {c["id"] for c in displaced}))
            for i, case in enumerate(displaced, 1):
                (tmp / f"{scheme}-rerun-{i}").mkdir()
                rerun, _ = serve_cases(args, adapter, scheme, [case], f"{part}.rerun-{i}", log,
                                       tmp / f"{scheme}-rerun-{i}", rerun=True)
                parts.append((rerun, set()))
    report = pathlib.Path(args.report_dir) / f"{name}.json"
    doc = merge(parts, report, args.selected)
    if args.junit_html:
        p = subprocess.run([args.binary, "report", str(report), "--junit", str(report.with_suffix(".xml")),
                            "--html", str(report.with_suffix(".html"))], capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            raise RunFailed(f"mailspec report exited {p.returncode}: {p.stderr.strip()}")
    counts = {k: v for k, v in doc["summary"].items() if v}
    log(f"{name}: {len(doc['cases'])} cases {counts}; report {report}")
    return compare(args, report, log) if args.expected else 0


def load_adapter(client):
    """An adapter of ci/clients/adapters/ by name, or any adapter file by its path (the driver's tests)."""
    if client.endswith(".py"):
        spec = importlib.util.spec_from_file_location(pathlib.Path(client).stem, client)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    return importlib.import_module(f"adapters.{client}")


def matrix():
    """CLIENT-PROTO for every adapter and protocol it speaks (record.sh runs them all)."""
    for name in common.adapter_names():
        for proto in importlib.import_module(f"adapters.{name}").PROTOCOLS:
            print(f"{name}-{proto}")
    return 0


def main(argv):
    if argv == ["--matrix"]:
        return matrix()
    args = parse_args(argv)
    pathlib.Path(args.report_dir).mkdir(parents=True, exist_ok=True)
    log = Log(pathlib.Path(args.report_dir) / f"client-{args.name}-{args.proto}.log")

    def on_signal(signum, _frame):
        raise SystemExit(f"drive.py: {signal.Signals(signum).name}")

    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, on_signal)
    start = time.monotonic()
    try:
        rc = run(args, log)
    except RunFailed as e:
        log(f"drive.py: {e}")
        rc = 2
    finally:
        for srv in list(args.live):  # serve never outlives the driver
            if srv.proc.poll() is None:
                log(f"stopping serve (pid {srv.proc.pid})")
                srv.proc.kill()
                srv.proc.wait()
    log(f"{args.client} {args.proto}: done in {time.monotonic() - start:.1f} s, exit {rc}")
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
