#!/usr/bin/python3
"""The recorded verdicts of the real clients, ci/expected/client-CLIENT-PROTO.tsv, and their explanations.

    verdicts.py update TSV REPORT.json   rewrite TSV from a driver's report: one line per case,
                                         `id<TAB>verdict[<TAB>why]`, keeping the explanation of every case
                                         whose verdict did not change; a new fail/warn/info gets
                                         `TODO explain: <the report's reason>`, a skip the report's reason
    verdicts.py lint TSV...              list every fail, warn and info line without an explanation that
                                         cites its requirement as `RFC N §S (MUST|SHOULD|MAY)` (the same rule
                                         as ci/expected/ for servers), and any `error` recorded; exit 1 if any
    verdicts.py todo TSV...              the same list, with the case's last reason where the report is
                                         beside the TSV's name in reports/out/clients/

The verdicts are compared by `mailspec diff --strict TSV REPORT` (ci/clients/drive.py --expected); the
explanations are what this tool keeps and checks (ctest clients_reasons, and expected_reasons over all
of ci/expected/).
"""
import importlib.util
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
_spec = importlib.util.spec_from_file_location("compare_verdicts", ROOT / "ci" / "integration" / "compare-verdicts.py")
compare_verdicts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare_verdicts)

HEADER = """# Verdicts of {client} ({proto}) against `mailspec serve` ({suite}), recorded by ci/clients/record.sh.
# id<TAB>verdict<TAB>why: every fail, warn and info says why, citing the requirement as RFC N §S (LEVEL)
# and whether it is the client's deviation or a choice the RFC allows; a skip says what the client did not
# do that the case needs. Compared by `mailspec diff --strict` (ci/clients/drive.py --expected)."""


def update(tsv, report):
    old = compare_verdicts.load_expected(tsv)
    doc = json.loads(report.read_text())
    m = re.fullmatch(r"client-(.+)-(smtp|pop3|imap)", tsv.stem)
    client, proto = m.groups() if m else (tsv.stem, doc.get("target", {}).get("protocol", "?"))
    suites = sorted({c.get("suite", "") for c in doc["cases"]})
    lines = HEADER.format(client=client, proto=proto, suite=", ".join(suites)).splitlines()
    todo = 0
    for c in doc["cases"]:
        want, why, _ = old.get(c["id"], ("", "", 0))
        verdict = c["verdict"]
        if want != verdict or not why:
            why = ""
            if verdict in ("fail", "warn", "info"):
                why, todo = "TODO explain: " + one_line(c.get("reason", ""))[:240], todo + 1
            elif verdict in ("skip", "error"):
                why = one_line(c.get("reason", ""))[:240]
        lines.append(f"{c['id']}\t{verdict}\t{why}" if why else f"{c['id']}\t{verdict}")
    tsv.write_text("\n".join(lines) + "\n")
    print(f"wrote {tsv}: {len(doc['cases'])} cases, {todo} to explain")
    return 0


def one_line(text):
    return " ".join(text.replace("\t", " ").split())


def lint(paths, with_reasons=False):
    problems = []
    for p in paths:
        p = pathlib.Path(p)
        rows = compare_verdicts.load_expected(p)
        found = compare_verdicts.lint(p, rows)
        if with_reasons and found:
            rep = ROOT / "reports" / "out" / "clients" / (p.stem + ".json")
            reasons = {c["id"]: c.get("reason", "") for c in json.loads(rep.read_text())["cases"]} if rep.exists() else {}
            found = [f"{f}\n    last reason: {reasons.get(f.split(': ')[1].split(' ')[0], '?')}" for f in found]
        problems += found
    for line in problems:
        print(line)
    print(f"{len(paths)} client verdict files, {len(problems)} rows to explain")
    return 1 if problems else 0


def main(argv):
    if len(argv) == 3 and argv[0] == "update":
        return update(pathlib.Path(argv[1]), pathlib.Path(argv[2]))
    if len(argv) >= 2 and argv[0] in ("lint", "todo"):
        return lint(argv[1:], argv[0] == "todo")
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
