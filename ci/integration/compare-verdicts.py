#!/usr/bin/python3
"""Compare a report's verdicts with ci/expected/<target>.tsv, in both directions.

The expected file has one line per case: `id<TAB>verdict[<TAB>why]`. Every fail, warn and info line
must say why (a real deviation of the server, or a choice the RFC allows), citing the requirement as
`RFC N §S (LEVEL)`.
`error` is never expected. A case that changed verdict, a case missing from the file, or an expected
case that no longer ran all fail the check, so CI notices a change in either direction.

    compare-verdicts.py EXPECTED.tsv REPORT.json           check
    compare-verdicts.py --update EXPECTED.tsv REPORT.json  rewrite EXPECTED.tsv, keeping the reasons
    compare-verdicts.py --lint EXPECTED.tsv...             only the reasons: every fail/warn/info explained,
                                                           citing its requirement; no `error` expected

CI compares with mailspec itself (`mailspec run --baseline` and `mailspec diff --strict`, see
run-target.sh); what stays here is --update and --lint (ctest `expected_reasons`).
"""
import json
import pathlib
import re
import sys

# How a reason cites the requirement it rests on: RFC, section and level.
RULE = re.compile(r"RFC \d+ §[0-9A-Za-z./§]+ \((MUST|SHOULD|MAY)")


def load_expected(path):
    rows = {}
    if not path.exists():
        return rows
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise SystemExit(f"{path}:{n}: expected 'id<TAB>verdict[<TAB>why]'")
        rows[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "", n)
    return rows


def lint(path, expected):
    """The reasons of an expected file: what mailspec's baseline comparison does not judge."""
    problems = []
    for cid, (want, why, n) in expected.items():
        if want == "error":
            problems.append(f"{path.name}:{n}: {cid}: `error` is never an expected verdict")
        if want in ("fail", "warn", "info") and (not why or why.startswith("TODO")):
            problems.append(f"{path.name}:{n}: {cid} is expected to {want} without an explanation")
        elif want in ("fail", "warn", "info") and not RULE.search(why):
            problems.append(f"{path.name}:{n}: {cid}: the reason must cite the requirement as "
                            f"'RFC N §S (MUST|SHOULD|MAY)'")
    return problems


def main(argv):
    if argv[:1] == ["--lint"]:
        problems = []
        for name in argv[1:]:
            problems += lint(pathlib.Path(name), load_expected(pathlib.Path(name)))
        for p in problems:
            print(p)
        print(f"{len(argv) - 1} expected files, {len(problems)} problems")
        return 1 if problems else 0
    update = argv[:1] == ["--update"]
    if update:
        argv = argv[1:]
    expected_path, report_path = pathlib.Path(argv[0]), pathlib.Path(argv[1])
    expected = load_expected(expected_path)
    report = json.loads(report_path.read_text())
    actual = {c["id"]: c for c in report["cases"]}

    if update:
        lines = [f"# Expected verdicts for {report['target']['url']} ({expected_path.stem}).",
                 "# id<TAB>verdict<TAB>why (required for fail/warn/info: RFC reference and whether it is a real",
                 "# deviation or a choice the RFC allows). Regenerate with compare-verdicts.py --update."]
        for cid, c in actual.items():
            old = expected.get(cid, ("", "", 0))
            why = old[1] if old[0] == c["verdict"] and c["verdict"] in ("fail", "warn", "info") else ""
            if not why and c["verdict"] in ("fail", "warn", "info"):
                why = "TODO explain: " + c["reason"][:200]
            lines.append("\t".join([cid, c["verdict"], why]) if why else f"{cid}\t{c['verdict']}")
        expected_path.write_text("\n".join(lines) + "\n")
        print(f"wrote {expected_path}: {len(actual)} cases")
        return 0

    problems = []
    for cid, c in actual.items():
        got = c["verdict"]
        if got == "error":
            problems.append(f"{cid}: error ({c['reason']})")
        if cid not in expected:
            problems.append(f"{cid}: new case, verdict {got} not in {expected_path.name} (add it)")
            continue
        want, why, n = expected[cid]
        if want != got:
            problems.append(f"{cid}: expected {want} ({expected_path.name}:{n}), got {got}: {c['reason']}")
    for cid, (want, why, n) in expected.items():
        if cid not in actual:
            problems.append(f"{cid}: expected {want} ({expected_path.name}:{n}) but the case did not run")
    problems += lint(expected_path, expected)
    for p in problems:
        print(p)
    counts = {}
    for c in actual.values():
        counts[c["verdict"]] = counts.get(c["verdict"], 0) + 1
    print(f"{report_path.name}: {len(actual)} cases {counts}; {len(problems)} differences from {expected_path.name}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
