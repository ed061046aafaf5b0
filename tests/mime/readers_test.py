#!/usr/bin/env python3
"""ctest mime_readers: MIME readers judged over the corpus by mailspec itself, as a user would run them.

    readers_test.py MAILSPEC OUTDIR [GMIME_ADAPTER]

For each reader (mailspec's own parser, Python's email package, GMime when its adapter is built):
`mailspec mime --exec ... --baseline ci/expected/mime-READER.tsv` must exit 0 (no verdict worse than
recorded, no error), and `mailspec diff --strict` must find the run identical to the TSV (a reader that got
better, or a message added to the corpus, fails too until the TSV is updated). The JSON, JUnit and HTML
reports are kept in OUTDIR. Then `mailspec mime diff` shows the parser and Python's email package side by
side: a message Python is known to misread is listed, and a reader compared with itself agrees."""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXPECTED = ROOT / "ci" / "expected"
PYTHON_ADAPTER = f"/usr/bin/python3 {ROOT / 'suites' / 'mime' / 'adapters' / 'python_email.py'} --batch"


def run(cmd, want):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if proc.returncode not in want:
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}, wanted {want}\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}")
    return proc


def main():
    if len(sys.argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    mailspec, out = sys.argv[1], pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    suites = ["--suites-dir", str(ROOT / "suites")]
    readers = [("mailspec", [f"{mailspec} mime show --json -"]),
               ("python-email", [PYTHON_ADAPTER, "--batch"])]
    if len(sys.argv) == 4:
        readers.append(("gmime", [f"{sys.argv[3]} --batch", "--batch"]))
    for name, exec_args in readers:
        tsv = EXPECTED / f"mime-{name}.tsv"
        report = out / f"mime-{name}.json"
        cmd = [mailspec, "mime", "--exec", *exec_args, *suites, "-q", "--baseline", str(tsv),
               "--report-json", str(report), "--report-junit", str(out / f"mime-{name}.xml"),
               "--report-html", str(out / f"mime-{name}.html")]
        print(run(cmd, [0]).stdout, end="", flush=True)
        print(run([mailspec, "diff", "--strict", str(tsv), str(report)], [0]).stdout, end="", flush=True)
        doc = json.loads(report.read_text())
        assert doc["mode"] == "reader-test" and doc["target"]["protocol"] == "mime", doc["target"]
        assert doc["summary"]["total"] == len(list((ROOT / "suites" / "mime" / "messages").glob("*.eml")))

    # Side by side: Python's email package stops a header at white space before a colon (RFC 5322 §4.5.8
    # says a reader must accept it); mailspec's parser does not, so the diff lists that message.
    proc = run([mailspec, "mime", "diff", *suites, "--json", "--reader", "mailspec", "--reader", "batch:" + PYTHON_ADAPTER], [1])
    diff = json.loads(proc.stdout)
    files = {pathlib.Path(m["file"]).name for m in diff["messages"]}
    assert "rfc5322-4.5.8-white-space-before-colon-in-content-type.eml" in files, sorted(files)
    assert diff["summary"]["differing"] == len([m for m in diff["messages"] if m["fields"]]), diff["summary"]
    same = json.loads(run([mailspec, "mime", "diff", *suites, "--json", "--reader", "mailspec", "--reader", "mailspec"], [0]).stdout)
    assert same["summary"]["differing"] == 0 and not same["messages"], same["summary"]
    print(f"mime_readers: {len(readers)} readers match their TSVs; diff lists {len(files)} messages where the parser and Python differ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
