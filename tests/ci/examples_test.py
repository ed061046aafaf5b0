#!/usr/bin/env python3
"""The CI examples (ci/examples/*.yml) are valid YAML of the right shape, and what they run exists.

Usage: examples_test.py MAILSPEC CMakePresets.json github-actions.yml gitlab-ci.yml

- Both parse (PyYAML, Debian package python3-yaml; without it the test is skipped: exit 77).
- GitHub: `on` and `jobs`; every job has `runs-on` and `steps`; every step has either `run` or a `uses`
  pinned to a version; the JUnit files are published by a test reporter and the reports uploaded as an
  artifact, both also when the suites failed.
- GitLab: every job has a `script` and a stage listed in `stages`, `needs` names jobs of the file; the
  conformance job publishes `artifacts:reports:junit` and keeps mailspec-out/ also when it fails.
- Every shell block passes `bash -n`.
- Every `mailspec SUB ...` command line uses only flags that `mailspec SUB --help` prints, and every
  `cmake`/`cpack --preset P` names a preset of CMakePresets.json of that kind.
Prints one `ok`/`FAIL` line per check and `N passed, N failed`; exits 1 on a failure.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from help_test import parse_help, run_help  # noqa: E402

try:
    import yaml
except ImportError:
    print("skip: PyYAML is not installed (Debian package python3-yaml, installed by ci/setup.sh)")
    sys.exit(77)

results = []
GITLAB_RESERVED = {"stages", "variables", "default", "include", "workflow", "image", "services", "cache",
                   "before_script", "after_script"}


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}", flush=True)


def logical_lines(script):
    """The script's lines with backslash continuations joined."""
    return script.replace("\\\n", " ").splitlines()


def check_shell(label, script):
    p = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True, timeout=30)
    check(f"{label}: bash -n", p.returncode == 0, p.stderr.strip()[:300])


def check_commands(label, script, mailspec, presets):
    for line in logical_lines(script):
        words = line.split("#", 1)[0].split()
        for i, w in enumerate(words):
            if w == "mailspec" and i + 1 < len(words) and not words[i + 1].startswith("-"):
                sub = words[i + 1]
                if sub not in mailspec:
                    _, text = run_help(mailspec["__binary__"], sub)
                    mailspec[sub] = {n for names, _ in parse_help(text)[0].values() for n in names}
                used = {re.sub(r"=.*", "", x) for x in words[i + 2:] if re.match(r"^--?[A-Za-z]", x)}
                unknown = sorted(used - mailspec[sub])
                check(f"{label}: mailspec {sub} uses known flags", mailspec[sub] and not unknown,
                      f"unknown: {unknown}" if mailspec[sub] else f"no such command: {sub}")
            if w in ("cmake", "cpack") and "--preset" in words[i:]:
                name = words[words.index("--preset", i) + 1]
                kind = ("packagePresets" if w == "cpack" else
                        "buildPresets" if "--build" in words[i:] else "configurePresets")
                known = {p["name"] for p in presets.get(kind, [])}
                check(f"{label}: {w} preset {name} exists ({kind})", name in known, sorted(known))


def github(doc, mailspec, presets):
    # YAML 1.1 reads the key `on` as true.
    check("github: has on: and jobs:", ("on" in doc or True in doc) and doc.get("jobs"))
    for name, job in doc.get("jobs", {}).items():
        check(f"github job {name}: runs-on and steps", job.get("runs-on") and job.get("steps"))
        uses = []
        for i, step in enumerate(job.get("steps", [])):
            label = f"github {name} step {step.get('name', i)}"
            check(f"{label}: run or uses", ("run" in step) != ("uses" in step))
            if "uses" in step:
                uses.append(step)
                check(f"{label}: the action is pinned", re.search(r"@(v\d|[0-9a-f]{40})", step["uses"]), step["uses"])
            if "run" in step:
                check_shell(label, step["run"])
                check_commands(label, step["run"], mailspec, presets)
        reporter = [s for s in uses if s["uses"].startswith("dorny/test-reporter@")]
        check(f"github job {name}: JUnit published by a test reporter, also after a failure",
              reporter and reporter[0]["with"].get("reporter") == "java-junit"
              and reporter[0]["with"].get("path", "").endswith(".xml") and "cancelled()" in str(reporter[0].get("if")))
        upload = [s for s in uses if s["uses"].startswith("actions/upload-artifact@")]
        check(f"github job {name}: the reports are uploaded, also after a failure",
              upload and "mailspec-out" in upload[0]["with"].get("path", "") and "cancelled()" in str(upload[0].get("if")))


def gitlab(doc, mailspec, presets):
    stages = doc.get("stages", [])
    jobs = {k: v for k, v in doc.items() if k not in GITLAB_RESERVED and not k.startswith(".")}
    check("gitlab: has stages and jobs", stages and jobs)
    for name, job in jobs.items():
        check(f"gitlab job {name}: script and a known stage", job.get("script") and job.get("stage") in stages)
        for need in job.get("needs", []):
            check(f"gitlab job {name}: needs {need} exists", need in jobs)
        for part in ("before_script", "script", "after_script"):
            if part in job:
                block = "\n".join(job[part])
                check_shell(f"gitlab {name} {part}", block)
                check_commands(f"gitlab {name} {part}", block, mailspec, presets)
    conformance = jobs.get("mailspec:conformance", {})
    artifacts = conformance.get("artifacts", {})
    check("gitlab conformance: artifacts:reports:junit", str(artifacts.get("reports", {}).get("junit", "")).endswith(".xml"))
    check("gitlab conformance: keeps mailspec-out/ also when it fails",
          "mailspec-out/" in artifacts.get("paths", []) and artifacts.get("when") == "always")


def main():
    if len(sys.argv) != 5:
        print("usage: examples_test.py MAILSPEC CMakePresets.json github-actions.yml gitlab-ci.yml", file=sys.stderr)
        return 2
    binary, presets_file, gh, gl = sys.argv[1:]
    with open(presets_file, encoding="utf-8") as f:
        presets = json.load(f)
    mailspec = {"__binary__": binary}
    for label, path, fn in (("github", gh, github), ("gitlab", gl, gitlab)):
        try:
            with open(path, encoding="utf-8") as f:
                doc = yaml.safe_load(f)
        except yaml.YAMLError as e:
            check(f"{label}: {path} is valid YAML", False, e)
            continue
        check(f"{label}: {path} is valid YAML", isinstance(doc, dict))
        fn(doc, mailspec, presets)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
