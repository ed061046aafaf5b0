#!/usr/bin/env python3
"""The manual page against the binary: it documents every command, flag, default and exit code.

Usage: man_test.py MAILSPEC MAN_PAGE

MAN_PAGE is the page the build configured (build/DIR/man/mailspec.1). Checks:
- the page's version (.TH) is the binary's `--version`;
- `mailspec --help` options are the flags of the page's OPTIONS section; for every subcommand that
  `mailspec --help` lists there is a subsection `.SS "mailspec SUB ..."` under COMMANDS, and the flags it
  describes (the `.TP` tags) are exactly those `mailspec SUB --help` prints (short and long names);
- where --help shows a default (`--jobs INT:...=4`), the paragraph of that flag says "default 4";
- the EXIT STATUS section has a `.TP` for each code of the help's "Exit codes:" footer and no other;
- groff renders the page without a warning (when groff is installed).
Prints one `ok`/`FAIL` line per check and `N passed, N failed`; exits 1 on a failure.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from help_test import FLAG, parse_help, run_help  # noqa: E402  (the same reading of CLI11's layout)

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}", flush=True)


def plain(roff):
    """The text of a roff line without font changes and escapes: \\- is a hyphen, \\fB... go."""
    text = re.sub(r"\\f(\[[^\]]*\]|\(..|.)", "", roff)
    text = text.replace("\\-", "-").replace("\\(aq", "'").replace("\\e", "\\").replace("\\&", "")
    text = re.sub(r"^\.(B|I|BR|RB|IR|RI|BI|IB)\s+", "", text)
    return text.replace('"', "")


def sections(lines):
    """{section title: [lines]} for .SH, and {subsection title: [lines]} for .SS (titles in plain text)."""
    sh, ss, cur_sh, cur_ss = {}, {}, None, None
    for line in lines:
        if line.startswith(".SH "):
            cur_sh, cur_ss = plain(line[4:]).strip(), None
            sh[cur_sh] = []
            continue
        if line.startswith(".SS "):
            cur_ss = plain(line[4:]).strip()
            ss[cur_ss] = []
            continue
        if cur_ss is not None:
            ss[cur_ss].append(line)
        elif cur_sh is not None:
            sh[cur_sh].append(line)
    return sh, ss


def tagged(body):
    """[(tag line, paragraph text)] of the .TP items of a section."""
    items, i = [], 0
    while i < len(body):
        if body[i].strip() == ".TP" and i + 1 < len(body):
            tag, para, j = body[i + 1], [], i + 2
            while j < len(body) and body[j].strip() != ".TP" and not body[j].startswith((".SS", ".SH")):
                para.append(plain(body[j]))
                j += 1
            items.append((plain(tag), " ".join(para)))
            i = j
        else:
            i += 1
    return items


def flags_of(items):
    """{flag: paragraph} for the .TP items whose tag starts with a flag."""
    out = {}
    for tag, para in items:
        if not tag.lstrip().startswith("-"):
            continue
        for f in FLAG.findall(tag):
            out[f] = para
    return out


def compare(label, help_opts, described):
    help_flags = {n for names, _ in help_opts.values() for n in names}
    missing = sorted(help_flags - described.keys())
    check(f"{label}: every flag of --help is in the man page", not missing, "not in the page: " + ", ".join(missing))
    extra = sorted(described.keys() - help_flags)
    check(f"{label}: every flag of the man page exists in --help", not extra, "not in --help: " + ", ".join(extra))
    for key, (names, default) in sorted(help_opts.items()):
        paras = [described[n] for n in names if n in described]
        if default is None or not paras:
            continue
        said = [d.rstrip(".,;:)") for d in re.findall(r"\bdefault:?\s+(\S+)", paras[0])]
        check(f"{label}: {key} default {default} as in --help", default in said, f"the page says {said or 'no default'}")


def main():
    if len(sys.argv) != 3:
        print("usage: man_test.py MAILSPEC MAN_PAGE", file=sys.stderr)
        return 2
    binary, page = sys.argv[1], sys.argv[2]
    with open(page, encoding="utf-8") as f:
        lines = f.read().splitlines()
    sh, ss = sections(lines)

    version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    th = next((l for l in lines if l.startswith(".TH ")), "")
    check("the page's .TH carries the binary's version", version and f"mailspec {version}" in th, f"{th!r} vs {version!r}")

    rc, text = run_help(binary, None)
    top, subs = parse_help(text)
    check("mailspec --help lists subcommands", subs)
    check("the page has OPTIONS and COMMANDS sections", "OPTIONS" in sh and "COMMANDS" in sh, f"sections: {list(sh)}")
    compare("mailspec", top, flags_of(tagged(sh.get("OPTIONS", []))))
    for sub in subs:
        title = next((t for t in ss if t.split()[:2] == ["mailspec", sub]), None)
        check(f"the page has a subsection for mailspec {sub}", title, f"subsections: {list(ss)}")
        if title is None:
            continue
        _, sub_text = run_help(binary, sub)
        opts, _ = parse_help(sub_text)
        compare(f"mailspec {sub}", opts, flags_of(tagged(ss[title])))
    documented = {s.split()[0] for s in ss}
    check("the page documents no command the binary lacks", documented <= {"mailspec"} and
          {t.split()[1] for t in ss} <= set(subs), f"subsections: {list(ss)}")

    footer = text[text.find("Exit codes:"):]
    codes = set(re.findall(r"(?:^|[;:\n]\s*)(\d+) ", footer))
    page_codes = {tag.strip() for tag, _ in tagged(sh.get("EXIT STATUS", []))}
    check("the help's footer names exit codes", codes, footer[:80])
    check("EXIT STATUS describes each exit code of --help and no other", codes == page_codes,
          f"--help {sorted(codes)}, page {sorted(page_codes)}")

    groff = shutil.which("groff")
    if groff:
        p = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z", page], capture_output=True, text=True, timeout=60)
        check("groff renders the page without warnings", p.returncode == 0 and not p.stderr.strip(), p.stderr.strip()[:400])
    else:
        print("skip groff is not installed (package groff-base): the page's roff is not rendered")

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
