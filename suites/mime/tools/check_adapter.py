#!/usr/bin/env python3
"""Runs a MIME reader's adapter over the corpus and compares its trees with the expected files, by the
comparison rules of suites/mime/README.md.

    check_adapter.py [--messages DIR] [--expected TSV] [--quiet] ADAPTER [ARG...]

ADAPTER [ARG...] is the adapter's command; it is run once with --batch (README "## Adapters") and fed
every DIR/*.eml (default: the corpus beside this script). Each message on which the reader disagrees is
printed with its verdict (from the expected file's basis and level) and every differing field:

    fail  rfc2047-5-not-in-quoted-string  message.from[0].name: expected "=?utf-8?q?J=C3=B6rg?=", got "Jörg"

With --expected, the set of (message, verdict) pairs must equal the TSV's (`message<TAB>verdict<TAB>why`,
`#` comments; every line needs a why): the lines that differ are printed and the exit status is 1.
Without it, the exit status is 1 when there is any disagreement. 2: usage error or the adapter failed."""
import argparse
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT_MESSAGES = HERE.parent / "messages"
NOT_COMPARED = {"format", "basis", "rfc", "note", "level", "reader", "file", "defects"}
ADDRESS_LISTS = {"from", "sender", "reply_to", "to", "cc", "bcc"}
VERDICTS = ("fail", "warn", "info")


def verdict(expected):
    """fail/warn/info for a disagreement on this message (README "## Expected files")."""
    level = expected.get("level", "MUST")
    if expected["basis"] == "rfc":
        return {"MUST": "fail", "SHOULD": "warn", "MAY": "info"}[level]
    return "info" if level == "MAY" else "warn"


def show(v):
    return json.dumps(v, ensure_ascii=False)


def compare_address(exp, got, path, out):
    if "group" in exp:
        if "group" not in got:
            out.append(f"{path}: expected group {show(exp['group'])}, got a mailbox {show(got)}")
            return
        if exp["group"] != got["group"]:
            out.append(f"{path}.group: expected {show(exp['group'])}, got {show(got['group'])}")
        compare_list(exp["members"], got.get("members", []), path + ".members", out, compare_address)
        return
    for key in ("name", "mailbox", "host"):
        if exp.get(key) != got.get(key):
            out.append(f"{path}.{key}: expected {show(exp.get(key))}, got {show(got.get(key))}")


def compare_list(exp, got, path, out, each):
    if not isinstance(got, list):
        out.append(f"{path}: expected a list, got {show(got)}")
        return
    if len(exp) != len(got):
        out.append(f"{path}: expected {len(exp)} elements, got {len(got)}")
        return
    for i, (e, g) in enumerate(zip(exp, got)):
        each(e, g, f"{path}[{i}]", out)


def compare_params(exp, got, path, out):
    if not isinstance(got, dict):
        out.append(f"{path}: expected {show(exp)}, got {show(got)}")
        return
    for name, value in exp.items():
        if name not in got:
            out.append(f"{path}.{name}: expected {show(value)}, not among the reader's parameters")
        elif got[name] != value:
            out.append(f"{path}.{name}: expected {show(value)}, got {show(got[name])}")


def compare(exp, got, path, out):
    """Every field of `exp` that `got` reports; a field `got` leaves out is not reported, never a difference."""
    for key, value in exp.items():
        if key in NOT_COMPARED or key not in got:
            continue
        sub = f"{path}.{key}" if path else key
        if key == "parts":
            compare_list(value, got[key], sub, out, compare)
        elif key in ("message", "root"):
            compare(value, got[key], sub, out)
        elif key in ADDRESS_LISTS:
            compare_list(value, got[key], sub, out, compare_address)
        elif key == "params":
            compare_params(value, got[key], sub, out)
        elif key == "disposition":
            if got[key].get("type") != value.get("type"):
                out.append(f"{sub}.type: expected {show(value.get('type'))}, got {show(got[key].get('type'))}")
            if "params" in value and "params" in got[key]:
                compare_params(value["params"], got[key]["params"], sub + ".params", out)
        elif got[key] != value:
            out.append(f"{sub}: expected {show(value)}, got {show(got[key])}")


def run_adapter(command, files):
    """The adapter's trees by file name, from one --batch run."""
    proc = subprocess.run(list(command) + ["--batch"], input="".join(str(f) + "\n" for f in files),
                          capture_output=True, text=True, encoding="utf-8", check=False)
    if proc.returncode != 0:
        raise SystemExit(f"check_adapter: {' '.join(command)} --batch exited {proc.returncode}: {proc.stderr.strip()}")
    trees = {}
    for line in proc.stdout.splitlines():
        tree = json.loads(line)
        trees[pathlib.Path(tree["file"]).name] = tree
    return trees


def disagreements(messages, command):
    files = sorted(messages.glob("*.eml"))
    if not files:
        raise SystemExit(f"check_adapter: no .eml in {messages}")
    trees = run_adapter(command, files)
    found = {}
    for f in files:
        expected = json.loads((f.parent / (f.name[:-len(".eml")] + ".expected.json")).read_text(encoding="utf-8"))
        got = trees.get(f.name)
        diffs = []
        if got is None:
            diffs.append("no tree printed for this file")
        elif "error" in got or "message" not in got:
            diffs.append(f"the reader failed: {got.get('error', 'no message')}")
        else:
            compare(expected, got, "", diffs)
        if diffs:
            found[f.name[:-len(".eml")]] = (verdict(expected), diffs)
    return len(files), found


def read_tsv(path):
    """{message: verdict} of a TSV of message<TAB>verdict<TAB>why lines."""
    wanted = {}
    for no, line in enumerate(pathlib.Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or cols[1] not in VERDICTS or not cols[2].strip():
            raise SystemExit(f"{path}:{no}: expected message<TAB>fail|warn|info<TAB>why")
        if cols[0] in wanted:
            raise SystemExit(f"{path}:{no}: {cols[0]} listed twice")
        wanted[cols[0]] = cols[1]
    return wanted


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--messages", type=pathlib.Path, default=DEFAULT_MESSAGES, help="corpus directory")
    ap.add_argument("--expected", help="TSV of the disagreements there must be (message, verdict, why)")
    ap.add_argument("--quiet", action="store_true", help="print only the summary and the TSV differences")
    ap.add_argument("command", nargs=argparse.REMAINDER, help="the adapter's command")
    args = ap.parse_args()
    if not args.command:
        ap.error("the adapter's command is missing")
    total, found = disagreements(args.messages, args.command)
    if not args.quiet:
        for name, (v, diffs) in sorted(found.items()):
            print(f"{v:5} {name}  " + "\n      ".join(diffs))
    counts = {v: sum(1 for x, _ in found.values() if x == v) for v in VERDICTS}
    print(f"check_adapter: {total} messages, {len(found)} disagree "
          f"({counts['fail']} fail, {counts['warn']} warn, {counts['info']} info)")
    if args.expected is None:
        return 1 if found else 0
    wanted = read_tsv(args.expected)
    got = {name: v for name, (v, _) in found.items()}
    bad = 0
    for name in sorted(set(wanted) | set(got)):
        if wanted.get(name) != got.get(name):
            bad += 1
            print(f"differs from {args.expected}: {name}: listed {wanted.get(name, 'no disagreement')}, "
                  f"found {got.get(name, 'no disagreement')}")
    print(f"check_adapter: {'matches' if not bad else f'{bad} lines differ from'} {args.expected}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
