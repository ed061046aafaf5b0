#!/usr/bin/python3
"""Defect proofs: each case of a suite is shown to fail against a peer with exactly the defect it checks.

    run_defects.py PROTO MAILSPEC_BINARY [--jobs N] [--only DEFECT]... [--keep DIR] [-v]

PROTO names a protocol module next to this file, `<PROTO>_target.py` (see pop3_target.py for what it
provides), and its table `<PROTO>_defects.tsv`:

    defect<TAB>case-id[,case-id...][<TAB>profile]
    #skip CASE-ID REASON          the case may skip in every baseline profile (documented reason)
    #untestable CASE-ID REASON    no defect can be shown for the case (documented reason)

1. Baseline: for every profile, a server without defects; the suite (or the profile's baseline cases)
   runs against it. Every case must pass in at least one profile and must not fail, warn, info or
   error in any (a `#skip` case may skip everywhere).
2. For every defect line, a fresh server with that one defect, and only the listed cases (`--case`):
   each must end as fail, warn or info (skip and error do not count), and must have passed in the
   baseline of the same profile.
3. Every case of the suite appears on a defect line or an `#untestable` line; every id in the table
   exists and every defect is known to the server.

Prints one line per problem, then "N passed, N failed"; exits 1 on any failure.
"""
import argparse
import concurrent.futures
import importlib
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NOT_PASS = ("fail", "warn", "info")


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


def parse_table(path):
    """-> (lines, skips, untestable, problems); lines: (lineno, defect, [case ids], profile or None)."""
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
        lines.append((n, cols[0].strip(), cases, cols[2].strip() if len(cols) == 3 else None))
    return lines, skips, untestable, problems


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


def run_mailspec(binary, target, profile, defects, cases, report, extra, env):
    """Runs the cases (None: all) against a fresh server; -> ({id: case}, error or None)."""
    server = Server(target.server_argv(profile, defects))
    try:
        argv = [binary, "run"] + target.mailspec_argv(profile, server.port) + [
            "--suite", target_module.SUITE, "--suites-dir", str(ROOT / "suites"), "--report-json", str(report),
            "--no-color", "-q"] + extra
        for c in cases or []:
            argv += ["--case", c]
        p = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300)
        if p.returncode not in (0, 1):
            return {}, f"mailspec exited {p.returncode}: {p.stderr.strip()[-500:]}"
        data = json.loads(report.read_text())
        return {c["id"]: c for c in data["cases"]}, None
    finally:
        server.stop()


target_module = None


def main():
    global target_module
    ap = argparse.ArgumentParser(description="Defect proofs for a mailspec suite.")
    ap.add_argument("proto", help="protocol module: <proto>_target.py and <proto>_defects.tsv next to this file")
    ap.add_argument("binary", help="the mailspec binary")
    ap.add_argument("--jobs", type=int, default=max(4, 2 * (os.cpu_count() or 2)), help="defect servers at once")
    ap.add_argument("--only", action="append", default=[], help="only this defect (repeatable; skips coverage)")
    ap.add_argument("--keep", help="write the reports to this directory and keep them")
    ap.add_argument("-v", "--verbose", action="store_true", help="print passing checks too")
    a = ap.parse_args()

    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, str(HERE))
    target_module = importlib.import_module(f"{a.proto}_target")
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

    # ---- the table ----
    lines, skips, untestable, problems = parse_table(target_module.TSV)
    for p in problems:
        checks.check(False, p)
    known = target.known_defects()
    for n, defect, cases, profile in lines:
        where = f"{target_module.TSV.name}:{n}"
        checks.check(defect in known, f"{where}: defect {defect} is known to the server")
        prof = profile or target_module.DEFAULT_PROFILE
        checks.check(prof in target.profiles, f"{where}: profile {prof} exists")
        for c in cases:
            checks.check(c in suite, f"{where}: case {c} exists in suite {target_module.SUITE}")
    for c, (reason, n) in list(skips.items()) + list(untestable.items()):
        checks.check(c in suite, f"{target_module.TSV.name}:{n}: case {c} exists in suite {target_module.SUITE}")
    if a.only:
        lines = [ln for ln in lines if ln[1] in a.only]
    else:
        covered = {c for _, _, cases, _ in lines for c in cases} | set(untestable)
        for c in sorted(suite):
            checks.check(c in covered, f"{c}: covered by a defect line (or #untestable) in {target_module.TSV.name}")

    # ---- baseline ----
    base_extra = ["--jobs", "4", "--read-timeout", "5", "--timeout", "30"]
    defect_extra = ["--jobs", "4", "--read-timeout", "3", "--timeout", "30"]
    needed = {ln[3] or target_module.DEFAULT_PROFILE for ln in lines} if a.only else set(target.profiles)
    needed &= set(target.profiles)
    baseline = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(needed) or 1) as pool:
        futures = {}
        for prof in sorted(needed):
            p = target.profiles[prof]
            cases = p.baseline
            if a.only and cases is None:
                cases = sorted({c for _, _, cs, lp in lines if (lp or target_module.DEFAULT_PROFILE) == prof
                                for c in cs if c in suite})
            futures[prof] = pool.submit(run_mailspec, a.binary, target, prof, [], cases,
                                        work / f"baseline-{prof}.json", base_extra, env)
        for prof, fut in futures.items():
            try:
                result, err = fut.result()
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
        n, defect, cases, profile = line
        prof = profile or target_module.DEFAULT_PROFILE
        cases = [c for c in cases if c in suite]
        if prof not in target.profiles or not cases:
            return line, {}, "nothing to run"
        try:
            result, err = run_mailspec(a.binary, target, prof, [defect], cases,
                                       work / f"defect-{defect}-{prof}.json", defect_extra, env)
        except Exception as e:  # noqa: BLE001
            result, err = {}, str(e)
        return line, result, err

    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        for (n, defect, cases, profile), result, err in pool.map(prove, lines):
            prof = profile or target_module.DEFAULT_PROFILE
            tag = f"{defect}" + (f" ({prof})" if profile else "")
            if err:
                checks.check(False, f"{tag}: {err}")
                continue
            for cid in cases:
                if cid not in suite:
                    continue
                base = baseline.get(prof, {}).get(cid, {}).get("verdict")
                checks.check(base == "pass", f"{tag}: {cid} passes without the defect ({prof} baseline: {base})")
                got = result.get(cid)
                if got is None:
                    checks.check(False, f"{tag}: {cid} did not run")
                    continue
                ok = got["verdict"] in NOT_PASS
                checks.check(ok, f"{tag}: {cid} -> {got['verdict']}"
                             + ("" if ok else f" (must be fail, warn or info): {got['reason'][:300]}"))

    took = time.monotonic() - started
    print(f"{a.proto} defects: {len(lines)} defect lines, {len(suite)} cases, {took:.1f} s")
    print(f"{checks.passed} passed, {checks.failed} failed")
    if not a.keep:
        tmp.cleanup()
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
