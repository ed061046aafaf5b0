#!/usr/bin/env python3
"""`--help` of mailspec and of each subcommand against the flag tables of README.md.

Usage: help_test.py MAILSPEC README.md

For the top level and for every subcommand listed under "Subcommands:" in `mailspec --help`:
- README.md has a heading "... `mailspec` flags" / "... `mailspec SUB` flags" followed by a table;
- every flag the binary prints (short and long names) is in that table, and every flag of the table is
  printed by the binary;
- where --help shows a default (`--jobs INT=4`), the README row of that flag says "default 4"
  (with or without backticks), and no other default;
- --help exits 0 and prints no C++ source text (issue 8, item 9).
Prints one `ok`/`FAIL` line per check and `N passed, N failed`; exits 1 on a failure.
"""
import re
import subprocess
import sys

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}", flush=True)


FLAG = re.compile(r"(?<![\w-])(--?[A-Za-z][A-Za-z0-9-]*)")
# CLI11: "-j,--jobs INT:INT in [1 - 256]=4", "--fail-on TEXT=fail,error", "--starttls"; the description
# follows after spaces (only one when the option fills its column).
OPTION = re.compile(r"(?P<names>-[^\s,]+(?:,-[^\s,]+)*)"
                    r"(?: [A-Z]+(?=[\s=:]|$)(?::[^=\s]*(?: in \[[^\]]*\])?)?(?:=(?P<default>\S+))?)?(?:\s|$)")
SOURCE_TEXT = re.compile(r"std::|CLI::|->\w|\w\(\)|multi_option_policy|\bexpected\(\d|\bcapture_default_str\b")


def run_help(binary, sub):
    args = [binary] + ([sub] if sub else []) + ["--help"]
    p = subprocess.run(args, capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout + p.stderr


def parse_help(text):
    """Returns ({option key: (names, default or None)}, [subcommands]) from CLI11's help layout."""
    options, subs, section = {}, [], None
    for line in text.splitlines():
        if re.match(r"^\S.*:$", line):
            section = line[:-1]
            continue
        if not line.startswith("  ") or not line.strip():
            if line and not line.startswith(" "):
                section = None
            continue
        if section == "Subcommands":
            subs.append(line.split()[0])
            continue
        m = OPTION.match(line.strip())
        if section != "Options" or not m:
            continue  # positionals, description continuation lines
        names = [n for n in m["names"].split(",") if n]
        options[names[-1]] = (names, m["default"])
    return options, subs


def readme_table(lines, sub):
    """Rows [(flags, meaning)] of the first table after the heading for `mailspec SUB` flags, or None."""
    title = f"`mailspec {sub}`" if sub else "`mailspec`"
    start = None
    for i, line in enumerate(lines):
        if line.startswith("#") and title in line and "flags" in line.lower():
            start = i + 1
            break
    if start is None:
        return None
    rows, in_table = [], False
    for line in lines[start:]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            in_table = True
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if len(cells) < 2 or set(cells[0]) <= set("-: ") or cells[0].lower() in ("flag", "option"):
                continue
            code = " ".join(re.findall(r"`([^`]*)`", cells[0]))
            rows.append((FLAG.findall(code), cells[1]))
        elif in_table:
            break
    return rows


def defaults_in(meaning):
    return [d.rstrip(".,;") for d in re.findall(r"\bdefault:?\s+`?([^`\s)]+)`?", meaning)]


def compare(sub, help_opts, rows):
    label = f"mailspec {sub}" if sub else "mailspec"
    readme_flags = {f for flags, _ in rows for f in flags}
    help_flags = {n for names, _ in help_opts.values() for n in names}
    missing = sorted(help_flags - readme_flags)
    check(f"{label}: every flag of --help is in the README table", not missing, "not in README: " + ", ".join(missing))
    extra = sorted(readme_flags - help_flags)
    check(f"{label}: every flag of the README table exists in --help", not extra, "not in --help: " + ", ".join(extra))
    for key, (names, default) in sorted(help_opts.items()):
        if default is None:
            continue
        mine = [(flags, meaning) for flags, meaning in rows if set(flags) & set(names)]
        if not mine:
            continue  # reported above
        problems = []
        for flags, meaning in mine:
            found = defaults_in(meaning)
            alone = len({f for f in flags if f not in names}) == 0
            if default not in found:
                problems.append(f"README says {found or 'no default'}")
            elif alone and any(d != default for d in found):
                problems.append(f"README also says {[d for d in found if d != default]}")
        check(f"{label}: {key} default {default} as in --help", not problems, "; ".join(problems))


def main():
    if len(sys.argv) != 3:
        print("usage: help_test.py MAILSPEC README.md", file=sys.stderr)
        return 2
    binary, readme = sys.argv[1], sys.argv[2]
    with open(readme, encoding="utf-8") as f:
        lines = f.read().splitlines()
    rc, text = run_help(binary, None)
    check("mailspec --help exits 0", rc == 0, f"exit {rc}")
    top, subs = parse_help(text)
    check("mailspec --help lists subcommands", subs, "no 'Subcommands:' section")
    for sub in [None] + subs:
        label = f"mailspec {sub}" if sub else "mailspec"
        if sub is None:
            opts = top
        else:
            rc, text = run_help(binary, sub)
            check(f"{label} --help exits 0", rc == 0, f"exit {rc}")
            opts, _ = parse_help(text)
        bad = [l.strip() for l in text.splitlines() if SOURCE_TEXT.search(l)]
        check(f"{label} --help prints no source text", not bad, "; ".join(bad[:3]))
        check(f"{label} --help shows options", opts, "no 'Options:' section parsed")
        rows = readme_table(lines, sub)
        check(f"README has a table of {label} flags", rows, f"no heading with `{label}` and 'flags' followed by a table")
        if rows:
            compare(sub or "", opts, rows)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
