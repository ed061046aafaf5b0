#!/usr/bin/env python3
"""`mailspec report` (and `mailspec diff`) on saved reports, with the real binary.

Usage: report_test.py MAILSPEC JUNIT_XSD SAMPLE_REPORT.json OUT_DIR

SAMPLE_REPORT.json is a report the unit tests wrote (it has pass, fail and skip verdicts).
Prints one `ok`/`FAIL` line per check and `N passed, N failed`; exits 1 on a failure.
"""
import copy
import json
import pathlib
import re
import shutil
import subprocess
import sys

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}", flush=True)


def run(*args):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def test_report(binary, xsd, sample, out):
    report = json.loads(sample.read_text())
    junit, html = out / "saved.xml", out / "saved.html"
    rc, so, se = run(binary, "report", sample, "--junit", junit, "--html", html)
    check("report --junit --html exits 0", rc == 0, se)
    check("report says what it wrote", str(junit) in so and str(html) in so, so)
    if shutil.which("xmllint"):
        rc, so, se = run("xmllint", "--noout", "--schema", xsd, junit)
        check("the JUnit of a saved report validates against junit.xsd", rc == 0, se)
    text = junit.read_text()
    check("one testcase per case", text.count("<testcase ") == len(report["cases"]))
    page = html.read_text()
    check("the HTML holds every case", all(f'data-id="{c["id"]}"' in page for c in report["cases"]))
    urls = [m.start() for m in re.finditer(r"https?://", page)]
    check("the HTML fetches nothing (every URL is an anchor)",
          all(page[max(0, u - 9):u] == '<a href="' for u in urls) and " src=" not in page and "<link" not in page)

    other = copy.deepcopy(report)
    other["target"]["url"] = "smtp://127.0.0.1:1"
    other["cases"][0]["verdict"] = "error" if report["cases"][0]["verdict"] != "error" else "pass"
    second = out / "other.json"
    second.write_text(json.dumps(other))
    both = out / "compare.html"
    rc, so, se = run(binary, "report", sample, second, "--html", both)
    check("report A B --html exits 0", rc == 0, se)
    page = both.read_text()
    check("the comparison has a column per run", report["target"]["url"] in page and "smtp://127.0.0.1:1" in page)
    check("the comparison has a row per case", page.count('<tr class="row') == len(report["cases"]))
    check("the differing row is marked", page.count('<tr class="row differs"') == 1)

    rc, so, se = run(binary, "report", sample, second, "--junit", out / "x.xml")
    check("JUnit of several reports is a usage error", rc == 2 and "--html" in se, (rc, se))
    rc, so, se = run(binary, "report", sample)
    check("report without an output is a usage error", rc == 2, (rc, se))
    bad = out / "not-a-report.json"
    bad.write_text('{"cases": 1}')
    rc, so, se = run(binary, "report", bad, "--html", out / "y.html")
    check("a file that is not a report is a usage error naming it", rc == 2 and str(bad) in se, (rc, se))


def test_diff(binary, sample, out):
    report = json.loads(sample.read_text())
    first = report["cases"][0]["id"]
    rc, so, se = run(binary, "diff", sample, sample)
    check("diff of a report with itself: exit 0, nothing changed", rc == 0 and "0 worse, 0 fixed, 0 changed, 0 added, 0 gone" in so, (rc, so, se))

    worse = copy.deepcopy(report)
    worse["cases"][0]["verdict"] = "error"
    worse["cases"][0]["source"] = "moved.mspec:999"  # file:line is not a key
    worse_path = out / "worse.json"
    worse_path.write_text(json.dumps(worse))
    rc, so, se = run(binary, "diff", sample, worse_path)
    check("a case that became error is worse: exit 1", rc == 1 and f"worse    {first}: " in so, (rc, so, se))
    check("only the changed case is listed", so.count("\n") == 2, so)

    tsv = out / "expected.tsv"
    lines = ["# a baseline in the form of ci/expected"]
    for c in report["cases"]:
        lines.append(f"{c['id']}\t{'fail' if c['verdict'] == 'pass' else c['verdict']}\tRFC 1 §1 (MUST) why")
    tsv.write_text("\n".join(lines) + "\n")
    rc, so, se = run(binary, "diff", tsv, sample)
    check("TSV baseline: a fail that now passes is fixed, exit 0", rc == 0 and "fixed" in so and "0 worse" in so, (rc, so, se))
    rc, so, se = run(binary, "diff", "--strict", tsv, sample)
    check("--strict: any difference exits 1", rc == 1, (rc, so, se))
    bad = out / "bad.tsv"
    bad.write_text("x\tmaybe\n")
    rc, so, se = run(binary, "diff", bad, sample)
    check("a TSV with an unknown verdict is a usage error naming the line", rc == 2 and "bad.tsv:1" in se, (rc, se))


def main():
    if len(sys.argv) != 5:
        print("usage: report_test.py MAILSPEC JUNIT_XSD SAMPLE_REPORT.json OUT_DIR", file=sys.stderr)
        return 2
    binary, xsd, sample, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    out.mkdir(parents=True, exist_ok=True)
    test_report(binary, xsd, sample, out)
    test_diff(binary, sample, out)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
