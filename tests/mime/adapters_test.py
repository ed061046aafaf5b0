#!/usr/bin/env python3
"""ctest mime_adapters: Python's email package and GMime read suites/mime/messages; where each disagrees
with the expected trees must be exactly what suites/mime/expected/python-email.tsv and gmime.tsv list.

    adapters_test.py GMIME_ADAPTER

The Python adapter runs under this interpreter (ctest uses /usr/bin/python3, Debian 12's Python 3.11,
whose email package python-email.tsv describes)."""
import pathlib
import subprocess
import sys

MIME = pathlib.Path(__file__).resolve().parents[2] / "suites" / "mime"


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    runs = [("python-email.tsv", [sys.executable, str(MIME / "adapters" / "python_email.py")]),
            ("gmime.tsv", [sys.argv[1]])]
    failed = []
    for tsv, command in runs:
        print(f"== {' '.join(command)} against expected/{tsv}", flush=True)
        check = [sys.executable, str(MIME / "tools" / "check_adapter.py"), "--expected", str(MIME / "expected" / tsv)]
        if subprocess.run(check + command, check=False).returncode != 0:
            failed.append(tsv)
    print("mime_adapters: " + (f"differs from {', '.join(failed)}" if failed else "both match their TSV"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
