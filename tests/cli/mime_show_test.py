#!/usr/bin/env python3
"""`mailspec mime show` against the real binary: the JSON form of a nested message, NDJSON for several
files, standard input, the text tree, an unreadable file, and a 256 MiB message streamed through standard
input in bounded memory (peak RSS of the child).

Usage: mime_show_test.py MAILSPEC DATA_DIR
"""
import json
import os
import resource
import subprocess
import sys

results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}", flush=True)


def run(binary, *args, stdin=None):
    return subprocess.run([binary, "mime", "show", *args], input=stdin, capture_output=True, timeout=120)


def sections(part, out):
    if part.get("section"):
        out[part["section"]] = part["type"] + "/" + part["subtype"]
    for child in part.get("parts", []):
        sections(child, out)
    if "message" in part:
        sections(part["message"]["root"], out)
    return out


def streamed_rss(binary):
    """Feeds a 256 MiB multipart message (one base64 attachment) through stdin; returns (rc, stdout, MiB)."""
    head = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    line = b"QUJD" * 19 + b"\r\n"
    chunk = line * (65536 // len(line))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    p = subprocess.Popen([binary, "mime", "show", "--json", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    p.stdin.write(head)
    body = 0
    while body < (256 << 20):
        p.stdin.write(chunk)
        body += len(chunk)
    p.stdin.write(b"\r\n--b--\r\n")
    p.stdin.close()
    out = p.stdout.read()
    rc = p.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return rc, out, body, max(before, after) / 1024


def main():
    binary, data = sys.argv[1], sys.argv[2]
    nested, malformed = os.path.join(data, "nested.eml"), os.path.join(data, "malformed.eml")

    p = run(binary, "--json", nested)
    check("--json exits 0", p.returncode == 0, p.stderr)
    doc = json.loads(p.stdout)
    check("format and octets", doc["format"] == "mailspec-mime-1" and doc["octets"] == os.path.getsize(nested), doc.get("octets"))
    msg = doc["message"]
    check("decoded subject", msg.get("subject") == "Quartalsbericht 2024", msg.get("subject"))
    check("group in To", msg["to"][0].get("group") == "Team" and len(msg["to"][0]["members"]) == 2, msg.get("to"))
    got = sections(msg["root"], {})
    want = {"1": "text/plain", "2": "image/png", "3": "message/rfc822", "3.1": "text/plain", "3.2": "text/html"}
    check("section numbers", got == want, got)
    check("root multipart has no section", msg["root"]["section"] is None)
    png = msg["root"]["parts"][1]
    check("RFC 2231 filename", png.get("filename") == "Gr\u00f6\u00dfe Chart.png", png.get("filename"))
    check("decoded octets", png.get("decoded_octets") == 768, png.get("decoded_octets"))

    p = run(binary, "--json", nested, malformed)
    lines = p.stdout.decode().splitlines()
    docs = [json.loads(line) for line in lines]
    check("several files: one object per line with file", len(docs) == 2 and [d["file"] for d in docs] == [nested, malformed], lines[:1])
    bad = docs[1]["message"]["root"]
    check("defects reported", "missing-close-delimiter" in bad.get("defects", []) and bad.get("closed") is False, bad.get("defects"))

    with open(nested, "rb") as f:
        p = run(binary, "--json", "-", stdin=f.read())
    check("standard input", p.returncode == 0 and json.loads(p.stdout)["octets"] == os.path.getsize(nested))

    p = run(binary, "--no-decode", "--json", nested)
    check("--no-decode leaves out decoded sizes", "decoded_octets" not in p.stdout.decode())

    p = run(binary, nested)
    text = p.stdout.decode()
    check("text tree", p.returncode == 0 and "3.2  text/html" in text and "filename: Gr\u00f6\u00dfe Chart.png" in text, text[:200])

    p = run(binary, os.path.join(data, "no-such-file.eml"))
    check("unreadable file exits 2", p.returncode == 2 and b"cannot read" in p.stderr, p.returncode)

    rc, out, body, mib = streamed_rss(binary)
    part = json.loads(out)["message"]["root"]["parts"][0] if rc == 0 else {}
    check("256 MiB through stdin", rc == 0 and part.get("body_octets") == body and part.get("decoded_octets") == body // 78 * 57,
          (rc, part.get("body_octets")))
    check("streamed in bounded memory (< 64 MiB peak RSS)", mib < 64, f"{mib:.1f} MiB")

    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
