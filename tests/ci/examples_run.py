#!/usr/bin/env python3
"""Runs a CI example's own commands here: start its Dovecot, run its suites, stop it.

Usage: examples_run.py MAILSPEC github|gitlab FILE.yml [SELECT]

github (ci/examples/github-actions.yml): the steps `target` and `suites` of the job `conformance` and
its last step (stop Dovecot) run as GitHub runs them in the job's container: `bash -eo pipefail`, with
the job's env, a $RUNNER_TEMP, and $GITHUB_ENV carried from one step to the next.
gitlab (ci/examples/gitlab-ci.yml): the `script` of the job `mailspec:conformance` (start Dovecot, run
the suites) runs in one `bash -eo pipefail` with the job's variables, then its `after_script` (stop);
its before_script (apt-get install of the package) is left out.
Only the ports differ (free ones on 127.0.0.1, not 143 and 110, so nothing else is touched), the
Dovecot directory is a scratch one, and `mailspec` is MAILSPEC on $PATH. SELECT, when given, narrows the
runs (the examples' MAILSPEC_SELECT knob, e.g. "--case imap.rfc9051.6.1").
Checks:
- Dovecot starts (both ports answer);
- with no baseline the suites exit 0 (no undecided case) and write the JSON, JUnit and HTML report of
  each protocol, the JSON with no `error` verdict and the JUnit parseable;
- with those reports committed as the baseline the job passes again and says no baseline is missing;
- with a baseline claiming `pass` for a case that fails, it fails with exit 1 for that protocol (when a
  case failed at all);
- the stop command stops Dovecot.
Needs root (Dovecot switches users) and the packages dovecot-imapd, dovecot-pop3d, openssl, python3-yaml.
Prints one `ok`/`FAIL` line per check and `N passed, N failed`; exits 1 on a failure.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import yaml

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def bash(script, cwd, env, timeout):
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


class Job:
    """A job's environment: a workspace, `mailspec` on $PATH, the job's variables and the overrides."""

    def __init__(self, variables, tmp, mailspec, overrides):
        self.workspace = os.path.join(tmp, "workspace")
        bindir = os.path.join(tmp, "bin")
        for d in (self.workspace, bindir):
            os.makedirs(d)
        os.symlink(mailspec, os.path.join(bindir, "mailspec"))
        self.env = {k: v for k, v in os.environ.items() if k != "MAILSPEC_SUITES"}
        self.env.update({k: str(v) for k, v in variables.items()})
        self.env.update(overrides)
        self.env.update({"CI": "true", "PATH": bindir + os.pathsep + os.environ["PATH"]})

    def timed(self, label, script, timeout):
        started = time.monotonic()
        p = bash(script, self.workspace, self.env, timeout)
        print(f"     {label}: exit {p.returncode} in {time.monotonic() - started:.1f} s", flush=True)
        return p


class GitHubJob(Job):
    """The GitHub Actions job: steps by id, $RUNNER_TEMP, and $GITHUB_ENV between steps."""

    def __init__(self, workflow, tmp, mailspec, overrides):
        self.job = workflow["jobs"]["conformance"]
        super().__init__(self.job.get("env", {}), tmp, mailspec, overrides)
        runner_temp = os.path.join(tmp, "runner-temp")
        os.makedirs(runner_temp)
        self.github_env = os.path.join(tmp, "github-env")
        self.env.update({"RUNNER_TEMP": runner_temp, "GITHUB_ENV": self.github_env})
        self.dovecot_dir = os.path.join(runner_temp, "dovecot")

    def step(self, key, timeout=1200):
        steps = self.job["steps"]
        step = next(s for s in steps if s.get("id") == key) if key != "last" else steps[-1]
        open(self.github_env, "w").close()
        p = self.timed(f"step {key}", step["run"], timeout)
        with open(self.github_env, encoding="utf-8") as f:
            for line in f:
                name, sep, value = line.rstrip("\n").partition("=")
                if sep:
                    self.env[name] = value
        return p

    def start(self):
        return self.step("target", timeout=120)

    def suites(self):
        return self.step("suites")

    def stop(self):
        return self.step("last", timeout=60)


class GitLabJob(Job):
    """The GitLab CI job: `script` in one shell (start Dovecot, run the suites), then `after_script`."""

    def __init__(self, pipeline, tmp, mailspec, overrides):
        self.job = pipeline["mailspec:conformance"]
        self.dovecot_dir = os.path.join(tmp, "dovecot")
        super().__init__(self.job.get("variables", {}), tmp, mailspec, dict(overrides, DOVECOT_DIR=self.dovecot_dir))
        self.script = "\n".join(self.job["script"])
        self.last = None

    def start(self):
        # One `script` both starts Dovecot and runs the suites: keep its result for suites().
        self.last = self.timed("script", self.script, 1200)
        return self.last

    def suites(self):
        if self.last is None:
            self.start()
        p, self.last = self.last, None
        return p

    def stop(self):
        return self.timed("after_script", "\n".join(self.job["after_script"]), 60)

    def again(self):
        """Stops and runs the script again (a new pipeline), for the runs after the first."""
        self.stop()
        time.sleep(1)
        return self.start()


def verdicts(report):
    with open(report, encoding="utf-8") as f:
        return {c["id"]: c["verdict"] for c in json.load(f)["cases"]}


def check_reports(out, protos):
    for proto in protos:
        paths = {ext: os.path.join(out, f"{proto}.{ext}") for ext in ("json", "xml", "html")}
        check(f"{proto}: the JSON, JUnit and HTML reports are written", all(os.path.isfile(p) for p in paths.values()))
        if not os.path.isfile(paths["json"]):
            continue
        v = verdicts(paths["json"])
        errors = sorted(i for i, x in v.items() if x == "error")
        check(f"{proto}: cases ran, none undecided ({len(v)} cases)", v and not errors, errors[:5])
        try:
            root = ET.parse(paths["xml"]).getroot()
            check(f"{proto}: the JUnit report parses", root.tag in ("testsuites", "testsuite"), root.tag)
        except (ET.ParseError, OSError) as e:
            check(f"{proto}: the JUnit report parses", False, e)


def stop_leftover(job):
    """Stops the Dovecot of the example if its own stop command did not."""
    try:
        with open(os.path.join(job.dovecot_dir, "run", "master.pid"), encoding="ascii") as f:
            pid = int(f.read().strip())
        os.kill(pid, signal.SIGTERM)
        return pid
    except (OSError, ValueError):
        return None


def flow(job, imap_port, pop3_port):
    out = os.path.join(job.workspace, "mailspec-out")
    rerun = getattr(job, "again", job.suites)
    p = job.start()
    started = listening(imap_port) and listening(pop3_port)
    check("the example starts Dovecot", started, (p.stdout + p.stderr)[-800:])
    if not started:
        return

    p = job.suites()
    check("no baseline: the suites exit 0", p.returncode == 0, (p.stdout + p.stderr)[-1500:])
    check("no baseline: it says where to commit the reports", "no ci/mailspec-baseline/imap.json yet" in p.stdout)
    check_reports(out, ("imap", "pop3"))

    baseline = os.path.join(job.workspace, job.env["BASELINE_DIR"])
    os.makedirs(baseline)
    for proto in ("imap", "pop3"):
        shutil.copy(os.path.join(out, f"{proto}.json"), baseline)
    first = {proto: verdicts(os.path.join(out, f"{proto}.json")) for proto in ("imap", "pop3")}
    p = rerun()
    check("with the baseline: the job passes", p.returncode == 0, (p.stdout + p.stderr)[-1500:])
    check("with the baseline: no baseline is missing", "yet:" not in p.stdout, p.stdout[-500:])

    failed = [(proto, i) for proto, v in first.items() for i, x in sorted(v.items()) if x == "fail"]
    if failed:
        proto, case = failed[0]
        with open(os.path.join(baseline, f"{proto}.json"), encoding="utf-8") as f:
            doc = json.load(f)
        for c in doc["cases"]:
            if c["id"] == case:
                c["verdict"] = "pass"
        with open(os.path.join(baseline, f"{proto}.json"), "w", encoding="utf-8") as f:
            json.dump(doc, f)
        # The selection applies to both protocols: one case of each, the other one unchanged.
        other = "pop3" if proto == "imap" else "imap"
        kept = next(i for i, x in sorted(first[other].items()) if x == "pass")
        job.env["MAILSPEC_SELECT"] = f"--case {case} --case {kept}"
        p = rerun()
        check(f"a baseline that had {case} pass: the job fails, {proto} exits 1, {other} 0",
              p.returncode != 0 and f"mailspec {proto}: exit 1" in p.stdout and f"mailspec {other}: exit 0" in p.stdout,
              (p.stdout + p.stderr)[-1500:])
    else:
        print("     no case failed against this Dovecot: the worse-than-baseline path is not exercised")

    p = job.stop()
    time.sleep(1)
    check("the example's stop command stops Dovecot", p.returncode == 0 and not listening(imap_port),
          (p.stdout + p.stderr)[-500:])


def main():
    if len(sys.argv) not in (4, 5) or sys.argv[2] not in ("github", "gitlab"):
        print("usage: examples_run.py MAILSPEC github|gitlab FILE.yml [SELECT]", file=sys.stderr)
        return 2
    mailspec, kind, path = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    select = sys.argv[4] if len(sys.argv) == 5 else ""
    if os.geteuid() != 0 or not shutil.which("dovecot"):
        print("examples_run.py: needs root and Dovecot (ci/setup.sh)", file=sys.stderr)
        return 1
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    imap_port, pop3_port = free_port(), free_port()
    tmp = tempfile.mkdtemp(prefix="ms-ex-", dir="/tmp")  # short: Dovecot's socket paths
    os.chmod(tmp, 0o755)  # Dovecot's unprivileged processes go through it, as through a runner's workspace
    overrides = {"IMAP_PORT": str(imap_port), "POP3_PORT": str(pop3_port), "MAILSPEC_SELECT": select}
    job = (GitHubJob if kind == "github" else GitLabJob)(doc, tmp, mailspec, overrides)
    try:
        flow(job, imap_port, pop3_port)
    finally:
        if listening(imap_port) or listening(pop3_port):
            print(f"     stopping the example's Dovecot (pid {stop_leftover(job)})")
            time.sleep(1)
        shutil.rmtree(tmp, ignore_errors=True)

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
