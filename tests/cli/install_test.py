#!/usr/bin/env python3
"""`cmake --install` into a scratch prefix, then the installed program from elsewhere.

Usage: install_test.py CMAKE BUILD_DIR MAILSPEC VERSION

Checks the layout README's "Installing" section promises (bin/mailspec, share/mailspec/suites/ with every
suite, share/mailspec/schema/*.json, share/man/man1/mailspec.1.gz, share/doc/mailspec/{README.md,
copyright}), and that the installed binary, run from / with MAILSPEC_SUITES unset, reads the suites of
its own prefix (a case added to the installed suites is listed; the count equals the build tree's), also
through a symbolic link from another directory; MAILSPEC_SUITES still wins.
Prints one `ok`/`FAIL` line per check and `N passed, N failed`; exits 1 on a failure.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}", flush=True)


def mailspec(binary, *args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "MAILSPEC_SUITES"}
    env.update(env_extra or {})
    p = subprocess.run([binary, *args], capture_output=True, text=True, timeout=60, cwd="/", env=env)
    return p.returncode, p.stdout, p.stderr


def ids(binary, env_extra=None):
    rc, out, err = mailspec(binary, "list", "--json", env_extra=env_extra)
    return [c["id"] for c in json.loads(out)] if rc == 0 else err


MARKER = """# Added by install_test.py to the installed suites only: proves which directory was read.
case smtp.install-test.marker
  title "only in the installed suites"
  rfc 5321 4.1.1.9 MAY
  connect
  need greeting
end
"""


def main():
    if len(sys.argv) != 5:
        print("usage: install_test.py CMAKE BUILD_DIR MAILSPEC VERSION", file=sys.stderr)
        return 2
    cmake, build, built, version = sys.argv[1:]
    built = os.path.abspath(built)
    source_suites = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "suites")
    with tempfile.TemporaryDirectory(prefix="mailspec-install-") as tmp:
        prefix = os.path.join(tmp, "prefix")
        p = subprocess.run([cmake, "--install", build, "--prefix", prefix], capture_output=True, text=True, timeout=300)
        check("cmake --install succeeds", p.returncode == 0, p.stderr[-400:])
        if p.returncode != 0:
            return 1
        binary = os.path.join(prefix, "bin", "mailspec")
        share = os.path.join(prefix, "share", "mailspec")
        check("bin/mailspec is executable", os.access(binary, os.X_OK))
        suites = sorted(d for d in os.listdir(source_suites) if os.path.isdir(os.path.join(source_suites, d)))
        installed = sorted(os.listdir(os.path.join(share, "suites")))
        check("share/mailspec/suites/ holds every suite", set(suites) <= set(installed), f"{suites} vs {installed}")
        check("share/mailspec/schema/report-v1.json", os.path.isfile(os.path.join(share, "schema", "report-v1.json")))
        man = os.path.join(prefix, "share", "man", "man1", "mailspec.1.gz")
        page = gzip.open(man, "rt", encoding="utf-8").read() if os.path.isfile(man) else ""
        check("share/man/man1/mailspec.1.gz is the page of this version", f'"mailspec {version}"' in page, man)
        for doc in ("README.md", "copyright"):
            check(f"share/doc/mailspec/{doc}", os.path.isfile(os.path.join(prefix, "share", "doc", "mailspec", doc)))

        rc, out, _ = mailspec(binary, "--version")
        check("the installed mailspec --version", rc == 0 and out.strip() == version, out)
        reference = ids(built)
        listed = ids(binary)
        check("installed, from /: it lists as many cases as the build tree",
              isinstance(listed, list) and isinstance(reference, list) and listed == reference,
              listed if isinstance(listed, str) else f"{len(listed)} vs {len(reference)}")

        with open(os.path.join(share, "suites", "smtp", "zz_install_marker.mspec"), "w", encoding="utf-8") as f:
            f.write(MARKER)
        listed = ids(binary)
        check("installed, from /: it reads the suites of its own prefix",
              isinstance(listed, list) and "smtp.install-test.marker" in listed, listed if isinstance(listed, str) else "")
        link_dir = os.path.join(tmp, "elsewhere")
        os.mkdir(link_dir)
        os.symlink(binary, os.path.join(link_dir, "mailspec"))
        listed = ids(os.path.join(link_dir, "mailspec"))
        check("through a symbolic link in another directory too",
              isinstance(listed, list) and "smtp.install-test.marker" in listed, listed if isinstance(listed, str) else "")
        listed = ids(binary, {"MAILSPEC_SUITES": source_suites})
        check("MAILSPEC_SUITES overrides the installed suites",
              isinstance(listed, list) and "smtp.install-test.marker" not in listed and listed == reference)
        rc, out, err = mailspec(binary, "check", os.path.join(share, "suites"))
        check("mailspec check accepts the installed suites", rc == 0 and "no errors" in out, err[-300:])

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
