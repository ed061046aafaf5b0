#!/usr/bin/env python3
"""Writes the MIME corpus: suites/mime/messages/NAME.eml and NAME.expected.json for every case of the
spec modules corpus_*.py (Python standard library only, no MIME parser: see corpus_engine.py).

    make_corpus.py            write every file (and remove generated files no case names any more)
    make_corpus.py --check    write nothing; exit 1 and list the files that differ from what would be written
    make_corpus.py --list     print each case's name, basis and RFC references

Regenerating gives identical files: the output depends on the specs alone."""
import argparse
import importlib
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# Every corpus_*.py but the engine is a spec module with a CASES list, in this order (then by name).
ORDER = ["rfc5322", "rfc2045", "rfc2046", "rfc2047", "rfc2231", "rfc6532", "malformed"]


def spec_modules():
    names = [p.stem[len("corpus_"):] for p in HERE.glob("corpus_*.py") if p.stem != "corpus_engine"]
    names.sort(key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    return [importlib.import_module("corpus_" + n) for n in names]


DEFAULT_OUT = HERE.parent / "messages"


def all_cases():
    cases, seen = [], set()
    for module in spec_modules():
        for case in module.CASES:
            if case.name in seen:
                raise SystemExit(f"make_corpus: duplicate case name {case.name}")
            seen.add(case.name)
            cases.append(case)
    return cases


def files_of(case):
    expected = json.dumps(case.expected_file(), indent=2, ensure_ascii=False) + "\n"
    return {case.name + ".eml": case.octets(), case.name + ".expected.json": expected.encode("utf-8")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, help="where to write (default: %(default)s)")
    ap.add_argument("--check", action="store_true", help="compare with the files in --out, write nothing")
    ap.add_argument("--list", action="store_true", help="list the cases")
    args = ap.parse_args()
    cases = all_cases()
    if args.list:
        for c in cases:
            print(f"{c.name}\t{c.basis}{'/' + c.level if c.level else ''}\t{', '.join(c.rfc)}")
        return 0
    wanted = {}
    for c in cases:
        wanted.update(files_of(c))
    present = {p.name for p in args.out.glob("*")} if args.out.is_dir() else set()
    stale = sorted(n for n in present if (n.endswith(".eml") or n.endswith(".expected.json")) and n not in wanted)
    if args.check:
        bad = [n for n, data in sorted(wanted.items())
               if not (args.out / n).is_file() or (args.out / n).read_bytes() != data]
        for n in bad:
            print(f"differs: {n}")
        for n in stale:
            print(f"not generated: {n}")
        print(f"make_corpus: {len(cases)} cases, {len(bad)} files differ, {len(stale)} not generated")
        return 1 if bad or stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, data in wanted.items():
        path = args.out / n
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    for n in stale:
        (args.out / n).unlink()
    print(f"make_corpus: {len(cases)} cases written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
