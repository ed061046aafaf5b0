#!/usr/bin/env python3
"""Makes suites/requirements.json, the requirement list `mailspec coverage` reads, from the full list of
requirement sentences (one record per sentence of an RFC that carries a keyword, with its text).

    requirements-extract.py [SOURCE] [OUT]

SOURCE defaults to /work/shared/rfc/requirements.json, OUT to suites/requirements.json next to this
script. Kept: the MUST and SHOULD records (SHALL/REQUIRED count as MUST, RECOMMENDED as SHOULD in the
source) of every RFC in SOURCE, upper-case and lower-case alike; `lowercase` says which (the RFCs that
predate RFC 2119, such as 1939 and 6152, write their requirements in lower case; `mailspec coverage`
counts those only with --lowercase). Left out: MAY records, and the sentences' text and keywords: the
project does not copy RFC prose, the matrix links each section to rfc-editor.org instead.

`role` is the source's rough guess (client, server, both or unknown), corrected where
ci/requirement-roles.tsv says better (an id there that SOURCE does not hold is an error).

The output is one record per line, ordered as in SOURCE, so that a new source shows as a readable diff.
"""
import json
import sys
from pathlib import Path

FIELDS = ("id", "rfc", "section", "section_title", "level", "role", "lowercase")
LEVELS = ("MUST", "SHOULD")
ROLES = ("client", "server", "both", "unknown")


def role_corrections(path: Path) -> dict:
    fixes = {}
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] not in ROLES or not fields[2].strip():
            raise SystemExit(f"{path}:{no}: expected id<TAB>role<TAB>why with role one of {', '.join(ROLES)}")
        fixes[fields[0]] = fields[1]
    return fixes


def main() -> int:
    if len(sys.argv) > 3 or (len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help")):
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/rfc/requirements.json")
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parent.parent / "suites" / "requirements.json"
    records = json.loads(source.read_text(encoding="utf-8"))
    fixes = role_corrections(Path(__file__).resolve().parent / "requirement-roles.tsv")
    unknown = sorted(set(fixes) - {r["id"] for r in records})
    if unknown:
        print(f"requirements-extract: requirement-roles.tsv names ids {source} does not hold: {', '.join(unknown)}",
              file=sys.stderr)
        return 1
    kept = []
    for r in records:
        if r["level"] not in LEVELS:
            continue
        record = {k: (bool(r.get(k)) if k == "lowercase" else r[k]) for k in FIELDS}
        record["role"] = fixes.get(r["id"], record["role"])
        kept.append(record)
    rfcs = sorted({r["rfc"] for r in kept})
    lines = [json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) for r in kept]
    text = ('{\n  "format": "mailspec-requirements-1",\n'
            '  "about": "The MUST and SHOULD sentences of the RFCs mailspec derives its suites from, without their text: '
            'one record per sentence (id, rfc, section, section_title, level, role: client, server, both or unknown, a rough '
            'guess, corrected by ci/requirement-roles.tsv; lowercase: the RFC writes the keyword in lower case). Made by ci/requirements-extract.py; read by '
            'mailspec coverage.",\n'
            f'  "rfcs": {json.dumps(rfcs)},\n'
            '  "requirements": [\n    ' + ",\n    ".join(lines) + "\n  ]\n}\n")
    out.write_text(text, encoding="utf-8")
    print(f"requirements-extract: {len(kept)} of {len(records)} records ({len(rfcs)} RFCs) -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
