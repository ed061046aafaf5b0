#!/usr/bin/env python3
"""`mailspec coverage` as a command: its JSON on the shipped suites against reports/schema/coverage-v1.json
(and totals that add up), and on a small suites directory made here: --write then --check, a stale file,
the --must-explain gate, --html, and the usage errors (exit 2).

Usage: coverage_test.py MAILSPEC SUITES_DIR SCHEMA WORKDIR
Prints one `ok`/`FAIL` line per check and `N passed, N failed`; exits 1 on a failure.
"""
import json
import pathlib
import shutil
import subprocess
import sys

import jsonschema

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}", flush=True)


def run(binary, *args):
    p = subprocess.run([binary, "coverage", *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


REQUIREMENTS = {
    "format": "mailspec-requirements-1",
    "requirements": [
        {"id": "RFC1000-1-1", "rfc": 1000, "section": "1", "section_title": "One", "level": "MUST", "role": "server", "lowercase": False},
        {"id": "RFC1000-2-1", "rfc": 1000, "section": "2", "section_title": "Two", "level": "MUST", "role": "server", "lowercase": False},
        {"id": "RFC1000-2-2", "rfc": 1000, "section": "2", "section_title": "Two", "level": "SHOULD", "role": "unknown", "lowercase": False},
        {"id": "RFC1000-3-1", "rfc": 1000, "section": "3", "section_title": "Three", "level": "MUST", "role": "client", "lowercase": False},
    ],
}

SCRIPT = """# A synthetic case for tests/cli/coverage_test.py.
case smtp.rfc1000.1.greeting
  title "The server greets"
  rfc 1000 1 MUST
  connect
  need greeting
end
"""


def totals_add_up(doc):
    problems = []
    for r in doc["rfcs"]:
        for lvl, t in r["totals"].items():
            if t["sentences"] != t["with_cases"] + t["explained"] + t["unexplained"] + t["other_role"]:
                problems.append(f"RFC {r['rfc']} {lvl}: the columns do not add up")
            counted = [s for sec in r["sections"] for s in sec["sentences"] if s["level"] == lvl]
            if len(counted) != t["sentences"]:
                problems.append(f"RFC {r['rfc']} {lvl}: {t['sentences']} sentences, sections list {len(counted)}")
    for lvl, t in doc["totals"].items():
        if t["sentences"] != sum(r["totals"][lvl]["sentences"] for r in doc["rfcs"]):
            problems.append(f"all {lvl}: not the sum of the RFCs")
    return problems


def shipped_suites(binary, suites, schema):
    rc, out, err = run(binary, "--suites-dir", suites, "--json")
    check("coverage --json on the shipped suites exits 0", rc == 0, err)
    doc = json.loads(out) if rc == 0 else {}
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
    check("its JSON validates against coverage-v1.json", not errors, "; ".join(errors[:3]))
    check("its totals add up", doc and not totals_add_up(doc), totals_add_up(doc) if doc else "no JSON")
    names = {s["name"] for s in doc.get("suites", [])}
    check("every suite is in it by default", {"smtp", "pop3", "imap", "smtp-client"} <= names, names)
    rc, out, _ = run(binary, "--suites-dir", suites, "--suite", "smtp", "--rfc", "5321", "--level", "must", "-v")
    check("--rfc and --level narrow the table", rc == 0 and "5321   MUST" in out and "SHOULD" not in out.split("\n\n")[1], out[:400])


def make_suites(work):
    root = work / "suites"
    shutil.rmtree(root, ignore_errors=True)
    (root / "smtp").mkdir(parents=True)
    (root / "requirements.json").write_text(json.dumps(REQUIREMENTS))
    (root / "smtp" / "demo.mspec").write_text(SCRIPT)
    (root / "smtp" / "COVERAGE.md").write_text("# Demo\n\n## RFC 1000 §2 Two\n\nNot checked: needs a relay path.\n")
    return root


def small_suites(binary, work):
    root = make_suites(work)
    md = root / "smtp" / "COVERAGE.md"
    rc, out, err = run(binary, "--suites-dir", str(root), "--suite", "smtp", "--write", str(md))
    text = md.read_text()
    check("--write exits 0 and keeps the note", rc == 0 and "Not checked: needs a relay path." in text, err)
    check("--write lists the case under its section",
          "## RFC 1000 §1 One\n\nSentences: MUST 1-1.\n\nCases: `smtp.rfc1000.1.greeting`\n" in text, text)
    check("--write names the client-role sentence", "Sentences: client role: MUST 3-1." in text, text)
    rc, out, err = run(binary, "--suites-dir", str(root), "--suite", "smtp", "--check", str(md), "--must-explain", "1000")
    check("--check of what --write wrote exits 0", rc == 0 and "is current" in out, err)
    md.write_text(text.replace("Cases: `smtp.rfc1000.1.greeting`", "Cases: `smtp.rfc1000.1.gone`"))
    rc, _, err = run(binary, "--suites-dir", str(root), "--suite", "smtp", "--check", str(md))
    check("--check of a stale file exits 1 and says where", rc == 1 and "not what" in err and "line" in err, err)
    md.write_text(text.replace("Not checked: needs a relay path.", "Not checked: see `smtp.rfc1000.2.removed`."))
    rc, _, err = run(binary, "--suites-dir", str(root), "--suite", "smtp", "--check", str(md))
    check("--check exits 1 for a note naming a case that does not exist", rc == 1 and "smtp.rfc1000.2.removed" in err, err)
    md.write_text("# Demo\n")
    rc, _, err = run(binary, "--suites-dir", str(root), "--suite", "smtp", "--must-explain", "1000")
    check("--must-explain exits 1 for a MUST section with neither case nor note", rc == 1 and "§2" in err, err)
    rc, _, err = run(binary, "--suites-dir", str(root), "--suite", "smtp", "--must-explain", "1000", "--level", "SHOULD")
    check("--must-explain judges MUST sentences whatever --level shows", rc == 1, err)
    html = work / "coverage.html"
    rc, _, err = run(binary, "--suites-dir", str(root), "--html", str(html))
    page = html.read_text() if html.exists() else ""
    check("--html writes a self-contained page", rc == 0 and "Content-Security-Policy" in page and "rfc1000#section-1" in page, err)
    return root


def usage_errors(binary, root):
    for args, why in [
        (["--markdown"], "--markdown without one --suite"),
        (["--suite", "smtp", "--write", "x.md", "--rfc", "1000"], "--write with --rfc"),
        (["--suite", "smtp", "--write", "x.md", "--check", "y.md"], "--write with --check"),
        (["--suite", "smtp", "--json", "--markdown"], "--json with --markdown"),
        (["--suite", "nosuch"], "an unknown suite"),
        (["--rfc", "4242"], "an RFC the list does not hold"),
        (["--must-explain", "4242"], "a gate on an RFC the list does not hold"),
        (["--level", "MAY"], "--level MAY"),
    ]:
        rc, _, err = run(binary, "--suites-dir", str(root), *args)
        check(f"exit 2 for {why}", rc == 2 and err.strip(), f"exit {rc}: {err.strip()}")
    (root / "requirements.json").unlink()
    rc, _, err = run(binary, "--suites-dir", str(root))
    check("exit 2 without a requirement list", rc == 2 and "requirements.json" in err, f"exit {rc}: {err.strip()}")


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    binary, suites, schema_path, work = sys.argv[1], sys.argv[2], sys.argv[3], pathlib.Path(sys.argv[4])
    work.mkdir(parents=True, exist_ok=True)
    shipped_suites(binary, suites, json.loads(pathlib.Path(schema_path).read_text()))
    root = small_suites(binary, work)
    usage_errors(binary, root)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
