#!/usr/bin/env python3
"""ctest mime_corpus: the MIME corpus (suites/mime/messages) against the rules of suites/mime/README.md.

Every message has an expected tree in the mailspec-mime-1 form with basis, references and a one-sentence
note; the generator reproduces every file; messages use CRLF, and addresses only in example.test and
example.net. (The comparison rules are tested with the comparator, tests/script/mime_compare_test.cpp;
the readers' verdicts by ctest mime_readers.)"""
import json
import pathlib
import re
import subprocess
import sys
import unittest

MIME = pathlib.Path(__file__).resolve().parents[2] / "suites" / "mime"
MESSAGES = MIME / "messages"

TOP = {"format", "basis", "rfc", "note", "level", "octets", "message"}
MESSAGE = {"header_octets", "subject", "date", "message_id", "in_reply_to", "from", "sender", "reply_to", "to",
           "cc", "bcc", "root", "defects"}
PART = {"section", "type", "subtype", "type_defaulted", "params", "disposition", "filename", "id", "description",
        "language", "location", "md5", "encoding", "header_octets", "body_octets", "body_lines", "decoded_octets",
        "decoded_sha256", "parts", "preamble_octets", "epilogue_octets", "closed", "message", "defects"}
COUNTS = {"octets", "header_octets", "body_octets", "body_lines", "decoded_octets", "preamble_octets",
          "epilogue_octets"}
STRINGS = {"subject", "date", "message_id", "in_reply_to", "filename", "id", "description", "language",
           "location", "md5", "encoding"}
NAME = re.compile(r"^(rfc\d{4}-(\d+(\.\d+)*|appendix-[a-z])|malformed)-[a-z0-9]+(-[a-z0-9]+)*$")
REFERENCE = re.compile(r"^\d{4} ([0-9]+(\.[0-9]+)*|[A-Z])$")
DOMAIN = re.compile(r'@(\[[0-9.]+\]|[^\s<>,;:"()@\[\]]+\.[^\s<>,;:"()@\[\]]+)')
# Messages whose point is octets other than CRLF line ends (bare LF/CR, binary bodies).
NOT_CRLF = ("bare-lf", "bare-cr", "binary", "identity-encodings")


def expected_files():
    return sorted(MESSAGES.glob("*.expected.json"))


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


class Form:
    """Checks a tree against the form; collects problems as 'path: what'."""

    def __init__(self):
        self.problems = []

    def bad(self, path, what):
        self.problems.append(f"{path}: {what}")

    def fields(self, obj, allowed, path):
        if not isinstance(obj, dict):
            self.bad(path, "not an object")
            return False
        for key in set(obj) - allowed:
            self.bad(path, f"unknown field {key}")
        for key in set(obj) & COUNTS:
            if not isinstance(obj[key], int) or isinstance(obj[key], bool) or obj[key] < 0:
                self.bad(f"{path}.{key}", "not a count")
        for key in set(obj) & STRINGS:
            if not isinstance(obj[key], str):
                self.bad(f"{path}.{key}", "not a string")
        return True

    def address(self, a, path):
        if "group" in a:
            self.fields(a, {"group", "members"}, path)
            for i, m in enumerate(a.get("members", [])):
                self.address(m, f"{path}.members[{i}]")
            if "group" in a.get("members", [{}])[0] if a.get("members") else False:
                self.bad(path, "a group inside a group")
        else:
            self.fields(a, {"name", "mailbox", "host"}, path)
            for key in ("mailbox", "host"):
                if not isinstance(a.get(key), str):
                    self.bad(f"{path}.{key}", "missing or not a string")

    def message(self, m, path, prefix):
        if not self.fields(m, MESSAGE, path):
            return
        for key in ("from", "sender", "reply_to", "to", "cc", "bcc"):
            for i, a in enumerate(m.get(key, [])):
                self.address(a, f"{path}.{key}[{i}]")
        if "root" not in m:
            self.bad(path, "no root")
            return
        root = m["root"]
        own = None if root.get("type") == "multipart" else (f"{prefix}.1" if prefix else "1")
        self.part(root, path + ".root", own, own or prefix)

    def part(self, p, path, section, prefix):
        if not self.fields(p, PART, path):
            return
        if p.get("section", section) != section:
            self.bad(path, f"section {p.get('section')!r}, its place says {section!r}")
        kind = (p.get("type"), p.get("subtype"))
        for value in kind:
            if not isinstance(value, str) or value != value.lower():
                self.bad(path, f"type/subtype {kind} not lower case strings")
        for name in p.get("params", {}):
            if name != name.lower():
                self.bad(f"{path}.params", f"name {name} not lower case")
        if "decoded_sha256" in p and not re.fullmatch(r"[0-9a-f]{64}", p["decoded_sha256"]):
            self.bad(path, "decoded_sha256 is not lower-case hex SHA-256")
        composite = {"parts", "preamble_octets", "epilogue_octets", "closed"} & set(p)
        if composite and kind[0] != "multipart":
            self.bad(path, f"{sorted(composite)} on a {kind[0]}")
        if "message" in p and kind not in (("message", "rfc822"), ("message", "global")):
            self.bad(path, f"message inside {kind}")
        if ({"decoded_octets", "decoded_sha256"} & set(p)) and ("parts" in p or "message" in p):
            self.bad(path, "decoded figures on a composite part")
        if "body_lines" in p and kind[0] != "text" and kind not in (("message", "rfc822"), ("message", "global")):
            self.bad(path, f"body_lines on {kind}")
        for i, child in enumerate(p.get("parts", [])):
            sub = f"{prefix}.{i + 1}" if prefix else str(i + 1)
            self.part(child, f"{path}.parts[{i}]", sub, sub)
        if "message" in p:
            self.message(p["message"], path + ".message", section)


class CorpusTest(unittest.TestCase):
    def test_every_message_has_an_expected_file_and_back(self):
        emls = {p.name[:-len(".eml")] for p in MESSAGES.glob("*.eml")}
        trees = {p.name[:-len(".expected.json")] for p in expected_files()}
        self.assertGreaterEqual(len(emls), 160)
        self.assertEqual(sorted(emls - trees), [], "messages without an expected file")
        self.assertEqual(sorted(trees - emls), [], "expected files without a message")

    def test_expected_files_keep_to_the_form(self):
        problems = []
        for path in expected_files():
            e = load(path)
            name = path.name[:-len(".expected.json")]
            form = Form()
            form.fields(e, TOP, name)
            if e.get("format") != "mailspec-mime-1":
                form.bad(name, "format is not mailspec-mime-1")
            if e.get("basis") not in ("rfc", "robust"):
                form.bad(name, f"basis {e.get('basis')!r}")
            if e.get("level", "MUST") not in ("MUST", "SHOULD", "MAY"):
                form.bad(name, f"level {e.get('level')!r}")
            if not e.get("rfc") or not all(REFERENCE.match(r) for r in e["rfc"]):
                form.bad(name, f"rfc references {e.get('rfc')!r} are not 'RFC SECTION'")
            note = e.get("note", "")
            if not re.fullmatch(r"\S[^\n]*[.]", note) or note.count(". ") or len(note) > 200:
                form.bad(name, f"note is not one sentence: {note!r}")
            if e.get("octets") != (MESSAGES / (name + ".eml")).stat().st_size:
                form.bad(name, "octets is not the message's size")
            form.message(e.get("message", {}), name + ".message", "")
            problems += form.problems
        self.assertEqual(problems, [])

    def test_names_say_what_the_message_is_about(self):
        bad = [p.name for p in MESSAGES.glob("*.eml") if not NAME.match(p.name[:-len(".eml")])]
        self.assertEqual(bad, [])

    def test_line_ends_are_crlf(self):
        bad = []
        for p in MESSAGES.glob("*.eml"):
            if any(k in p.name for k in NOT_CRLF):
                continue
            data = p.read_bytes()
            if re.search(rb"(?<!\r)\n|\r(?!\n)", data):
                bad.append(p.name)
        self.assertEqual(sorted(bad), [])

    def test_addresses_only_in_example_domains(self):
        bad = set()
        for p in MESSAGES.glob("*.eml"):
            text = p.read_bytes().decode("utf-8", "replace")
            for domain in DOMAIN.findall(text):
                domain = domain.rstrip(".")
                if not (domain.endswith("example.test") or domain.endswith("example.net")
                        or re.fullmatch(r"\[192\.0\.2\.\d+\]", domain)):
                    bad.add(f"{p.name}: {domain}")
        self.assertEqual(sorted(bad), [])

    def test_generator_reproduces_the_files(self):
        run = subprocess.run([sys.executable, str(MIME / "tools" / "make_corpus.py"), "--check"],
                             capture_output=True, text=True, check=False)
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=1)
