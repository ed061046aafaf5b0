#!/usr/bin/python3
"""Defect proofs: each case of a suite is shown to fail against a peer with exactly the defect it checks,
at the check that tests that defect.

    run_defects.py PROTO MAILSPEC_BINARY [--jobs N] [--only DEFECT]... [--keep DIR] [--record] [-v]

PROTO (smtp, pop3, imap) names a protocol module next to this file, `<PROTO>_target.py` (see
pop3_target.py for what it provides), its table `<PROTO>_defects.tsv`. A client suite (PROTO smtp_client,
pop3_client, imap_client) has a module `<PROTO>_target.py` with KIND = "client" (see client_common.py): its
cases are served by `mailspec serve`, in suite order, and a scripted client (correct, or with one defect)
connects once per case; everything below holds for it with "server" read as "client". The table:

    defect<TAB>case-id[,case-id...][<TAB>profile]
    defect<TAB>@probe:CASE-ID[<TAB>profile]   the defect stops the run's capability probe (see 4.)
    #skip CASE-ID REASON          the case may skip in every baseline profile (documented reason)
    #untestable CASE-ID REASON    no defect can be shown for the case (documented reason)

and its recorded trips `<PROTO>_trips.tsv`, which say for each (defect, case) which check must trip:

    defect<TAB>case-id<TAB>check

`check` is the whitespace-trimmed source text of the script line that decided the case's verdict (the
report's `evidence.step`, or the finding in `observations` whose level gives the case's verdict), read from
the .mspec file at that line, so the record survives lines moving. It must be an `expect` line, or one of:
    @violation LINE   a protocol violation found by the read of a step that is not an `expect` (e.g. a
                      `need` reading a malformed reply): allowed only when recorded like this
    @auth LINE        the `auth` step LINE found the SASL exchange broken (a challenge that is not base64, a
                      SCRAM server signature that does not verify, a close mid-exchange), or in a client suite
                      the `serve-auth` step LINE found the client's side wrong (bad encoding, wrong proof,
                      cancelled): allowed only when recorded like this
    @rule NAME        an every-reply rule (`monitors NAME`) decided the verdict
    @probe MESSAGE    the capability probe failed; MESSAGE is the report's probe_error up to its second ':'
                      or first ' (' (at most 60 characters, no server octets)

1. Baseline: for every profile, a server without defects; the suite (or the profile's baseline cases)
   runs against it. Every case must pass in at least one profile and must not fail, warn, info or
   error in any (a `#skip` case may skip everywhere).
2. For every defect line, a fresh server with that one defect, and only the listed cases (`--case`):
   each must end as fail, warn or info (skip and error do not count), must have passed in the baseline
   of the same profile, and must trip the recorded check: on any other line, the FAIL line says what
   tripped (file:line and text) and what was recorded. A trip at a line that is not an `expect` fails
   unless it is a protocol violation recorded as `@violation` (or one found by an `auth` step, as `@auth`).
3. Every case of the suite appears on a defect line or an `#untestable` line; every id in the table
   exists and every defect is known to the server; every (defect, case) of the table has exactly one
   recorded trip, and every recorded trip belongs to a (defect, case) of the table.
4. `@probe:CASE-ID`: the defect breaks what the capability probe reads (e.g. the greeting), so mailspec
   ends the run with exit 3 before any case runs; the line passes when it does so with a non-empty
   `target.probe_error` in the report, and CASE-ID (which must pass in the baseline) counts as proven.

`--record` rewrites `<PROTO>_trips.tsv` from the run instead of checking against it (sorted, with its
header; with `--only`, only those defects' trips are replaced). Review the diff: every trip should be a
check of the defect's description (`<PROTO>_server.py --list-defects`). Trips that are not `expect`
lines are listed on the terminal. All other checks still run.

Prints one line per problem, then "N passed, N failed"; exits 1 on any failure.
"""
import argparse
import fnmatch
import collections
import concurrent.futures
import importlib
import json
import os
import pathlib
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NOT_PASS = ("fail", "warn", "info")
PROBE = "@probe:"
LEVEL_VERDICT = {"MUST": "fail", "SHOULD": "warn", "MAY": "info"}
TRIP_MARKS = ("@violation ", "@auth ", "@rule ", "@probe ")


class Checks:
    def __init__(self, verbose):
        self.passed = 0
        self.failed = 0
        self.verbose = verbose
        self.lock = threading.Lock()

    def check(self, ok, what):
        with self.lock:
            if ok:
                self.passed += 1
                if self.verbose:
                    print(f"ok   {what}", flush=True)
            else:
                self.failed += 1
                print(f"FAIL {what}", flush=True)


Line = collections.namedtuple("Line", "n defect cases profile probe")


def parse_table(path):
    """-> (lines, skips, untestable, problems); lines: Line(lineno, defect, [case ids], profile or None,
    probe: the case ids are `@probe:` ones)."""
    lines, skips, untestable, problems = [], {}, {}, []
    for n, raw in enumerate(path.read_text().splitlines(), 1):
        text = raw.rstrip()
        if text.startswith("#skip ") or text.startswith("#untestable "):
            parts = text.split(None, 2)
            if len(parts) < 3:
                problems.append(f"{path.name}:{n}: '{parts[0]} CASE-ID REASON' needs a reason")
                continue
            (skips if parts[0] == "#skip" else untestable)[parts[1]] = (parts[2], n)
            continue
        if not text.strip() or text.startswith("#"):
            continue
        cols = text.split("\t")
        if len(cols) not in (2, 3) or not cols[0] or not cols[1]:
            problems.append(f"{path.name}:{n}: expected 'defect<TAB>case-id[,case-id...][<TAB>profile]'")
            continue
        cases = [c.strip() for c in cols[1].split(",") if c.strip()]
        probes = [c for c in cases if c.startswith(PROBE)]
        if probes and len(probes) != len(cases):
            problems.append(f"{path.name}:{n}: a line with {PROBE}CASE-ID lists only {PROBE} cases (the probe "
                            "stops the whole run)")
            continue
        if probes:
            cases = [c[len(PROBE):].strip() for c in cases]
        lines.append(Line(n, cols[0].strip(), cases, cols[2].strip() if len(cols) == 3 else None, bool(probes)))
    return lines, skips, untestable, problems


def parse_trips(path):
    """-> ({(defect, case): (check, lineno)}, problems)."""
    trips, problems = {}, []
    if not path.exists():
        return trips, [f"{path.name} is missing: create it with --record"]
    for n, raw in enumerate(path.read_text().splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t", 2)
        if len(cols) != 3 or not all(c.strip() for c in cols):
            problems.append(f"{path.name}:{n}: expected 'defect<TAB>case-id<TAB>check'")
            continue
        key, check = (cols[0].strip(), cols[1].strip()), cols[2].strip()
        if not (is_expect(check) or check.startswith(TRIP_MARKS)):
            problems.append(f"{path.name}:{n}: recorded check '{check}' is not an 'expect' line (a protocol "
                            "violation found by another step is recorded as '@violation LINE')")
            continue
        if key in trips:
            problems.append(f"{path.name}:{n}: {key[0]} {key[1]} recorded twice (also line {trips[key][1]})")
            continue
        trips[key] = (check, n)
    return trips, problems


def trips_header(proto):
    peer = f"{proto}.py" if proto.endswith("_client") else f"{proto}_server.py"
    return f"""\
# Recorded trips of the defect proofs for suites/{proto.replace('_', '-')}: for each (defect, case) of {proto}_defects.tsv,
# the check that must trip when the case runs against {peer} --defect DEFECT. run_defects.py
# {proto} BINARY compares every run with this file.
#
#   defect<TAB>case-id<TAB>check
#
# check is the whitespace-trimmed source text of the script line that decided the case's verdict (the
# report's evidence.step, or the observation whose level gives the verdict), normally an `expect` line:
#   expect ...          that check must mismatch
#   @violation LINE     a protocol violation found by the read of a step that is not an `expect` (LINE)
#   @auth LINE          the `auth` step LINE found the SASL exchange broken (a challenge that is not
#                       base64, a SCRAM server signature that does not verify, a close mid-exchange)
#   @rule NAME          the every-reply rule NAME (`monitors NAME`) decided the verdict
#   @probe MESSAGE      `@probe:CASE-ID` lines: the capability probe failed (exit 3), its probe_error
#                       starting with MESSAGE
# Generated, sorted: after changing a suite or the table, regenerate with
#   /usr/bin/python3 tests/defects/run_defects.py {proto} build/dev/mailspec --record
# and review the diff: each trip must be a check of the defect (`{peer} --list-defects`).
"""


def write_trips(path, proto, trips):
    body = "".join(f"{d}\t{c}\t{check}\n" for (d, c), check in sorted(trips.items()))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(trips_header(proto) + body)
    tmp.replace(path)


def is_expect(text):
    return text == "expect" or text.startswith(("expect ", "expect\t"))


_source_lines = {}
_source_lock = threading.Lock()


def source_line(step):
    """'suites/smtp/x.mspec:12' -> the trimmed text of that line, or None if it cannot be read."""
    path, _, line = (step or "").rpartition(":")
    if not path or not line.isdigit():
        return None
    p = pathlib.Path(path)
    candidates = [p] if p.is_absolute() else [ROOT / p]
    if "suites" in p.parts:
        candidates.append(ROOT.joinpath(*p.parts[p.parts.index("suites"):]))
    with _source_lock:
        for c in candidates:
            if c not in _source_lines:
                try:
                    _source_lines[c] = c.read_text(errors="replace").splitlines()
                except OSError:
                    _source_lines[c] = None
            lines = _source_lines[c]
            if lines is not None and 1 <= int(line) <= len(lines):
                return lines[int(line) - 1].strip()
    return None


def finding_verdict(f):
    return LEVEL_VERDICT.get(((f.get("rfc") or {}).get("level") or "").upper(), "fail")


def breaches_of(data):
    """{(step, expected, actual): rule} over the every-reply rule breaches of all cases of a report."""
    out = {}
    for c in data.get("cases", []):
        for b in c.get("rule_breaches", []):
            e = b.get("evidence", {})
            out.setdefault((e.get("step"), e.get("expected"), e.get("actual")), b.get("rule"))
    return out


def trip_of(case, breaches):
    """-> (check or None, where, text, problem or None): which check decided a fail/warn/info case."""
    findings = ([case["evidence"]] if case.get("evidence") else []) + list(case.get("observations", []))
    if not findings:
        return None, "?", "", "the report has no evidence for it"
    f = next((x for x in findings if finding_verdict(x) == case["verdict"]), findings[0])
    where = f.get("step") or "?"
    rule = breaches.get((f.get("step"), f.get("expected"), f.get("actual")))
    text = source_line(where)
    if rule:
        return f"@rule {rule}", where, text or "", None
    if text is None:
        return None, where, "", f"cannot read the script line {where}"
    if is_expect(text):
        return text, where, text, None
    if f is findings[0] and case.get("reason", "").startswith("protocol violation"):
        return f"@violation {text}", where, text, None
    if f is findings[0] and text.split(None, 1)[0] in ("auth", "serve-auth"):
        return f"@auth {text}", where, text, None
    return None, where, text, f"tripped at {where} '{text}', which is not an expect line"


def probe_check(probe_error):
    """'no SMTP greeting: bad reply code (at octet 0) (RFC ...): 120 ...' -> '@probe no SMTP greeting: bad
    reply code': up to the second ':' or the first ' (', at most 60 characters (no server octets)."""
    text = probe_error.strip()
    first = text.find(":")
    cut = [i for i in (text.find(":", first + 1) if first >= 0 else -1, text.find(" (")) if i >= 0]
    if cut:
        text = text[:min(cut)]
    return "@probe " + text[:60].strip()


class Server:
    """One server process: started with its argv, its port read from the first stdout line."""

    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        first = self.proc.stdout.readline().split()
        if len(first) != 2 or first[0] != "PORT":
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            self.stop()
            raise RuntimeError(f"server did not start: {' '.join(argv)}: {first} {err.strip()[-500:]}")
        self.port = int(first[1])

    def stop(self):
        try:
            self.proc.stdin.close()  # --lifeline: the server exits at end of stdin
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


Run = collections.namedtuple("Run", "cases data rc err")


def run_mailspec(binary, target, profile, defects, cases, report, extra, env, probe=False):
    """Runs the cases (None: all) against a fresh server -> Run({id: case}, report, exit code, error or None).
    Exit 3 (the probe did not get through) is an error unless `probe`."""
    if getattr(target_module, "KIND", "server") == "client":
        return run_serve(binary, target, profile, defects, cases, report, extra, env)
    server = Server(target.server_argv(profile, defects))
    try:
        argv = [binary, "run"] + target.mailspec_argv(profile, server.port) + [
            "--suite", target_module.SUITE, "--suites-dir", str(ROOT / "suites"), "--report-json", str(report),
            "--no-color", "-q"] + extra
        for c in cases or []:
            argv += ["--case", c]
        p = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300)
        allowed = (0, 1, 3) if probe else (0, 1)
        if p.returncode not in allowed:
            return Run({}, {}, p.returncode, f"mailspec exited {p.returncode}: {p.stderr.strip()[-500:]}")
        try:
            data = json.loads(report.read_text())
        except (OSError, ValueError) as e:
            return Run({}, {}, p.returncode, f"mailspec exited {p.returncode} without a readable report: {e}")
        return Run({c["id"]: c for c in data["cases"]}, data, p.returncode, None)
    finally:
        server.stop()


CLIENT_TIMEOUT = 30  # seconds one scripted client session may take before it is killed


def selected(ids, patterns):
    """The ids `mailspec serve --case P...` selects, in suite order: a prefix or a glob of the id."""
    if not patterns:
        return list(ids)
    return [i for i in ids if any(i.startswith(p) or fnmatch.fnmatchcase(i, p) for p in patterns)]


def run_serve(binary, target, profile, defects, cases, report, extra, env):
    """Client suites: serves the cases (None: all) with `mailspec serve`, and runs the scripted client once
    per case -> Run({id: case}, report, exit code, error or None)."""
    p = target.profiles[profile]
    count = len(selected(suite_ids, cases))
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="serve-", dir=report.parent))
    ca = workdir / "ca.pem"
    argv = [binary, "serve", p.scheme, "--suite", target_module.SUITE, "--suites-dir", str(ROOT / "suites"),
            "--listen", "127.0.0.1:0", "--ca-out", str(ca), "--report-json", str(report), "--no-color", "-q",
            "--accept-timeout", "20"] + extra + p.serve_args
    for c in cases or []:
        argv += ["--case", c]
    serve = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        port = None
        for line in serve.stdout:
            m = re.search(r"listening on (\S+):(\d+)", line)
            if m:
                port = int(m.group(2))
                break
        if port is None:
            serve.wait(timeout=10)
            return Run({}, {}, serve.returncode, f"mailspec serve did not start: {serve.stderr.read().strip()[-500:]}")
        threading.Thread(target=serve.stdout.read, daemon=True).start()
        client_errors = []
        for k in range(count):
            if serve.poll() is not None:
                break
            c = subprocess.Popen(target.client_argv(profile, defects, port, ca), stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True, start_new_session=True)
            try:
                _, err = c.communicate(timeout=CLIENT_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(c.pid, signal.SIGKILL)
                c.communicate()
                client_errors.append(f"client {k + 1} killed after {CLIENT_TIMEOUT} s")
                continue
            if c.returncode < 0:
                client_errors.append(f"client {k + 1} died of signal {-c.returncode}: {err.strip()[-200:]}")
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
            return Run({}, {}, -9, "mailspec serve did not end after the last client")
        if serve.returncode not in (0, 1):
            return Run({}, {}, serve.returncode, f"mailspec serve exited {serve.returncode}: "
                                                  f"{serve.stderr.read().strip()[-500:]} {'; '.join(client_errors)}")
        try:
            data = json.loads(report.read_text())
        except (OSError, ValueError) as e:
            return Run({}, {}, serve.returncode,
                       f"mailspec serve exited {serve.returncode} without a readable report: {e}")
        return Run({c["id"]: c for c in data["cases"]}, data, serve.returncode, None)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()


target_module = None
suite_ids = []


def main():
    global target_module, suite_ids
    ap = argparse.ArgumentParser(description="Defect proofs for a mailspec suite.")
    ap.add_argument("proto", help="protocol module: <proto>_target.py, <proto>_defects.tsv and <proto>_trips.tsv "
                                  "next to this file")
    ap.add_argument("binary", help="the mailspec binary")
    ap.add_argument("--jobs", type=int, default=max(4, 2 * (os.cpu_count() or 2)), help="defect servers at once")
    ap.add_argument("--only", action="append", default=[], help="only this defect (repeatable; skips coverage)")
    ap.add_argument("--keep", help="write the reports to this directory and keep them")
    ap.add_argument("--record", action="store_true",
                    help="rewrite <proto>_trips.tsv from this run instead of checking the trips against it")
    ap.add_argument("-v", "--verbose", action="store_true", help="print passing checks too")
    a = ap.parse_args()

    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, str(HERE))
    target_module = importlib.import_module(f"{a.proto}_target")
    trips_path = getattr(target_module, "TRIPS", HERE / f"{a.proto}_trips.tsv")
    checks = Checks(a.verbose)
    started = time.monotonic()

    tmp = tempfile.TemporaryDirectory(prefix=f"mailspec-defects-{a.proto}-")
    work = pathlib.Path(a.keep) if a.keep else pathlib.Path(tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    target = target_module.Target(tmp.name)
    env = dict(os.environ, **target.env)
    env.pop("NO_COLOR", None)

    listing = subprocess.run([a.binary, "list", "--suite", target_module.SUITE, "--json",
                              "--suites-dir", str(ROOT / "suites")], capture_output=True, text=True, check=True)
    suite = {c["id"]: c for c in json.loads(listing.stdout)}
    suite_ids = [c["id"] for c in json.loads(listing.stdout)]

    # ---- the tables ----
    lines, skips, untestable, problems = parse_table(target_module.TSV)
    for p in problems:
        checks.check(False, p)
    trips, trip_problems = parse_trips(trips_path)
    if not a.record:
        for p in trip_problems:
            checks.check(False, p)
    known = target.known_defects()
    for ln in lines:
        where = f"{target_module.TSV.name}:{ln.n}"
        checks.check(ln.defect in known, f"{where}: defect {ln.defect} is known to the server")
        prof = ln.profile or target_module.DEFAULT_PROFILE
        checks.check(prof in target.profiles, f"{where}: profile {prof} exists")
        for c in ln.cases:
            checks.check(c in suite, f"{where}: case {c} exists in suite {target_module.SUITE}")
    for c, (reason, n) in list(skips.items()) + list(untestable.items()):
        checks.check(c in suite, f"{target_module.TSV.name}:{n}: case {c} exists in suite {target_module.SUITE}")
    table_keys = {(ln.defect, c) for ln in lines for c in ln.cases if c in suite}
    if a.only:
        lines = [ln for ln in lines if ln.defect in a.only]
    else:
        covered = {c for ln in lines for c in ln.cases} | set(untestable)
        for c in sorted(suite):
            checks.check(c in covered, f"{c}: covered by a defect line (or #untestable) in {target_module.TSV.name}")
        if not a.record:
            for key, (check, n) in sorted(trips.items(), key=lambda kv: kv[1][1]):
                checks.check(key in table_keys, f"{trips_path.name}:{n}: recorded trip of {key[0]} {key[1]} belongs "
                                                f"to a defect line of {target_module.TSV.name}")

    # ---- baseline ----
    jobs = [] if getattr(target_module, "KIND", "server") == "client" else ["--jobs", "4"]
    base_extra = jobs + ["--read-timeout", "5", "--timeout", "30"]
    defect_extra = jobs + ["--read-timeout", "3", "--timeout", "30"]
    needed = {ln.profile or target_module.DEFAULT_PROFILE for ln in lines} if a.only else set(target.profiles)
    needed &= set(target.profiles)
    baseline = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(needed) or 1) as pool:
        futures = {}
        for prof in sorted(needed):
            p = target.profiles[prof]
            cases = p.baseline
            if a.only and cases is None:
                cases = sorted({c for ln in lines if (ln.profile or target_module.DEFAULT_PROFILE) == prof
                                for c in ln.cases if c in suite})
            futures[prof] = pool.submit(run_mailspec, a.binary, target, prof, [], cases,
                                        work / f"baseline-{prof}.json", base_extra, env)
        for prof, fut in futures.items():
            try:
                result, err = fut.result().cases, fut.result().err
            except Exception as e:  # noqa: BLE001 - report any harness failure as a failed check
                result, err = {}, str(e)
            checks.check(err is None, f"baseline {prof}: mailspec ran ({err})" if err else f"baseline {prof}: mailspec ran")
            baseline[prof] = result
    if not a.only:
        for cid in sorted(suite):
            verdicts = {prof: r[cid]["verdict"] for prof, r in baseline.items() if cid in r}
            bad = {prof: v for prof, v in verdicts.items() if v not in ("pass", "skip")}
            if bad:
                detail = "; ".join(f"{prof}: {v}: {baseline[prof][cid]['reason'][:300]}" for prof, v in bad.items())
                checks.check(False, f"{cid}: baseline must pass or skip, got {detail}")
            elif "pass" in verdicts.values():
                checks.check(True, f"{cid}: passes in the baseline ({', '.join(p for p, v in verdicts.items() if v == 'pass')})")
            elif cid in skips:
                checks.check(True, f"{cid}: skips in the baseline (documented: {skips[cid][0]})")
            else:
                why = "; ".join(f"{prof}: {baseline[prof][cid]['reason'][:200]}" for prof in verdicts)
                checks.check(False, f"{cid}: passes in no baseline profile and has no #skip line ({why or 'not run'})")

    # ---- one server per defect line ----
    def prove(line):
        prof = line.profile or target_module.DEFAULT_PROFILE
        cases = [c for c in line.cases if c in suite]
        if prof not in target.profiles or not cases:
            return line, None, "nothing to run"
        try:
            run = run_mailspec(a.binary, target, prof, [line.defect], cases,
                               work / f"defect-{line.defect}-{prof}-{line.n}.json", defect_extra, env, probe=line.probe)
        except Exception as e:  # noqa: BLE001
            return line, None, str(e)
        return line, run, run.err

    observed = {}  # (defect, case) -> check that tripped (for --record)

    def trip(tag, key, check, where, text):
        """Compares one trip with the record (or notes it for --record)."""
        if a.record:
            if key in observed and observed[key] != check:
                checks.check(False, f"{tag}: {key[1]} trips '{check}' here but '{observed[key]}' on another line")
            observed[key] = check
            return
        rec = trips.get(key)
        shown = check if check.startswith(("@probe ", "@rule ")) else f"{where} '{text}'"
        if rec is None:
            checks.check(False, f"{tag}: {key[1]} tripped {shown}, but {trips_path.name} records no trip for it "
                                f"(run with --record and review)")
        else:
            checks.check(rec[0] == check, f"{tag}: {key[1]} trips the recorded check"
                         + ("" if rec[0] == check else
                            f": tripped {shown} instead of '{rec[0]}' ({trips_path.name}:{rec[1]})"))

    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        for line, run, err in pool.map(prove, lines):
            prof = line.profile or target_module.DEFAULT_PROFILE
            tag = f"{line.defect}" + (f" ({prof})" if line.profile else "")
            if err:
                checks.check(False, f"{tag}: {err}")
                continue
            for cid in line.cases:
                if cid not in suite:
                    continue
                base = baseline.get(prof, {}).get(cid, {}).get("verdict")
                checks.check(base == "pass", f"{tag}: {cid} passes without the defect ({prof} baseline: {base})")
            if line.probe:
                probe_error = (run.data.get("target") or {}).get("probe_error") or ""
                ok = run.rc == 3 and bool(probe_error.strip())
                ran = ", ".join(f"{c}: {v['verdict']}" for c, v in run.cases.items())
                checks.check(ok, f"{tag}: the capability probe fails (exit 3 with a probe_error)"
                             + ("" if ok else f": mailspec exited {run.rc}, probe_error '{probe_error}'"
                                + (f", cases ran ({ran})" if ran else "")))
                if ok:
                    for cid in line.cases:
                        if cid in suite:
                            trip(tag, (line.defect, cid), probe_check(probe_error), "probe", probe_error)
                continue
            breaches = breaches_of(run.data)
            for cid in line.cases:
                if cid not in suite:
                    continue
                got = run.cases.get(cid)
                if got is None:
                    checks.check(False, f"{tag}: {cid} did not run")
                    continue
                ok = got["verdict"] in NOT_PASS
                checks.check(ok, f"{tag}: {cid} -> {got['verdict']}"
                             + ("" if ok else f" (must be fail, warn or info): {got['reason'][:300]}"))
                if not ok:
                    continue
                check, where, text, problem = trip_of(got, breaches)
                if problem:
                    checks.check(False, f"{tag}: {cid} {problem} (only an expect line, a protocol violation "
                                        f"recorded as '@violation LINE' or a broken SASL exchange as '@auth LINE', "
                                        f"can prove a defect): {got['reason'][:200]}")
                    continue
                trip(tag, (line.defect, cid), check, where, text)

    if a.record:
        # A (defect, case) whose run decided nothing (it errored, or the case did not trip) keeps its old
        # record: the FAIL line above says why.
        keep = {k: v[0] for k, v in trips.items() if k in table_keys}
        new = dict(keep)
        new.update({k: v for k, v in observed.items() if k in table_keys})
        changed = sum(1 for k in new if k in trips and trips[k][0] != new[k])
        added = sum(1 for k in new if k not in trips)
        removed = sum(1 for k in trips if k not in new)
        write_trips(trips_path, a.proto, new)
        for (d, c), check in sorted(new.items()):
            if not is_expect(check):
                print(f"note {d}: {c} trips '{check}' (not an expect line: review)")
        print(f"recorded {len(new)} trips in {trips_path} ({added} new, {changed} changed, {removed} removed)")

    took = time.monotonic() - started
    print(f"{a.proto} defects: {len(lines)} defect lines, {len(suite)} cases, {took:.1f} s")
    print(f"{checks.passed} passed, {checks.failed} failed")
    if not a.keep:
        tmp.cleanup()
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
