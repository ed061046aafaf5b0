#!/usr/bin/env python3
"""Fuzz seeds from the transcripts of mailspec JSON reports of real runs (Postfix, Dovecot, ...).

    fuzz/seeds_from_reports.py [--corpus DIR] [--max N] REPORT.json...

Transcript entries carry quoted bytes (codec::quote_bytes: printable ASCII as is, \\\\, \\r, \\n, \\t,
\\xHH). Consecutive entries of one direction on one connection are joined into a turn, then:

  server turns ("dir": "s")  -> smtp_reply / pop3_response / imap_response (by the report's protocol)
  client turns ("dir": "c")  -> smtp_command / pop3_command
  SMTP client turns after a 354 reply -> smtp_data (the message content, terminator included)
  SASL base64 lines ("334 ...", "+ ...", client continuations) -> base64; decoded -> sasl
  client-test reports (`mailspec serve`): each case's client octets up to TLS -> serve_session, with the
  [protocol][case] header of fuzz/serve_session_fuzzer.cpp (the case's index in suites/<suite>/ now)

Stream targets get the 2-octet header of fuzz/fuzz_driver.hpp ([options][split]); for pop3_response the
options say whether the turn answers a command with a multi-line reply. Seeds are named
run-<first 16 hex of sha1>; near-duplicates (same bytes up to digits, msg-ids and long base64 tokens)
are written once, at most --max per target, each cut to 4 KiB. Files already there are kept, so running
it again over new reports only adds seeds.
"""
import argparse
import base64
import binascii
import hashlib
import json
import pathlib
import re
import sys

MAX_SEED = 4096
POP3_MULTILINE = {b"CAPA", b"RETR", b"TOP"}  # LIST, UIDL and AUTH only without an argument
POP3_MULTILINE_NO_ARG = {b"LIST", b"UIDL", b"AUTH"}
B64_LINE = re.compile(rb"^[A-Za-z0-9+/]+={0,2}$")
AUTH_IR = re.compile(rb"^(?:\S+ )?AUTH(?:ENTICATE)? \S+ (\S+)$", re.IGNORECASE)


def unquote(text):
    """Inverse of codec::quote_bytes; unknown escapes are kept literally."""
    out = bytearray()
    raw = text.encode("latin-1", errors="replace") if isinstance(text, str) else text
    i = 0
    simple = {ord("\\"): b"\\", ord("r"): b"\r", ord("n"): b"\n", ord("t"): b"\t"}
    while i < len(raw):
        c = raw[i]
        if c != ord("\\") or i + 1 == len(raw):
            out.append(c)
            i += 1
            continue
        e = raw[i + 1]
        if e in simple:
            out += simple[e]
            i += 2
        elif e == ord("x") and i + 3 < len(raw) and re.fullmatch(rb"[0-9A-Fa-f]{2}", raw[i + 2:i + 4]):
            out.append(int(raw[i + 2:i + 4], 16))
            i += 4
        else:
            out.append(c)
            i += 1
    return bytes(out)


def turns(case):
    """(conn, dir, bytes) for runs of same-direction entries of one connection, in order."""
    result = []
    for entry in case.get("transcript", []):
        if entry.get("dir") not in ("s", "c"):
            continue
        conn, direction = entry.get("conn", "main"), entry["dir"]
        data = unquote(entry.get("data", ""))
        if result and result[-1][0] == conn and result[-1][1] == direction:
            result[-1][2] += data
        else:
            result.append([conn, direction, bytearray(data)])
    return [(c, d, bytes(b)) for c, d, b in result]


def pop3_multiline(command):
    words = command.strip().split(b" ")
    keyword = words[0].upper() if words else b""
    return keyword in POP3_MULTILINE or (keyword in POP3_MULTILINE_NO_ARG and len(words) == 1)


def sasl_text(line, protocol, server, challenged):
    """The base64 text of a SASL exchange line, or None: a server challenge ("334 ..." / "+ ..."), a client
    answer to one, or the initial response of AUTH / AUTHENTICATE."""
    if server:
        prefix = b"334 " if protocol == "smtp" else b"+ "
        line = line[len(prefix):] if line.startswith(prefix) else b""
    elif not challenged:
        initial = AUTH_IR.search(line)
        line = initial.group(1) if initial else b""
    return line if line and line != b"=" and B64_LINE.match(line) else None


def b64decode(text):
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


class Seeds:
    def __init__(self):
        self.by_target = {}
        self.seen = set()

    def add(self, target, body, header=b""):
        body = body[:MAX_SEED - len(header)]
        if not body:
            return
        shape = re.sub(rb"[0-9]+", b"0", body)
        shape = re.sub(rb"<[^<>\s]*@[^<>\s]*>", b"<id>", shape)
        shape = re.sub(rb"[A-Za-z0-9+/=]{16,}", b"B", shape)
        if (target, shape) in self.seen:
            return
        self.seen.add((target, shape))
        self.by_target.setdefault(target, []).append(header + body)


def header(body, options):
    """[options][split]: lenient mode for every other seed, split derived from the bytes."""
    digest = hashlib.sha1(body).digest()
    return bytes([options | (digest[0] & 1), digest[1]])


def scan_case(case, protocol, seeds):
    last_command = {}
    client_nonce = b""
    in_data = {}
    challenged = {}
    for conn, direction, data in turns(case):
        lines = data.split(b"\r\n")
        if direction == "c":
            last_command[conn] = lines[0]
            if protocol == "smtp" and in_data.get(conn):
                seeds.add("smtp_data", data, header(data, 0))
                in_data[conn] = False
            elif protocol in ("smtp", "pop3"):
                seeds.add(protocol + "_command", data, header(data, 0))
            for line in lines:
                text = sasl_text(line, protocol, False, challenged.get(conn))
                decoded = b64decode(text) if text else None
                if decoded is None:
                    continue
                seeds.add("base64", text, header(text, 0))
                seeds.add("sasl", decoded, b"\x00")
                nonce = re.search(rb"(?:^|,)r=([^,]*)", decoded)
                if decoded.startswith((b"n,", b"y,", b"p=")) and nonce:
                    client_nonce = nonce.group(1)
            continue
        challenged[conn] = False
        if protocol == "smtp":
            in_data[conn] = data.startswith(b"354")
            seeds.add("smtp_reply", data, header(data, 0))
        elif protocol == "pop3":
            multiline = pop3_multiline(last_command.get(conn, b""))
            seeds.add("pop3_response", data, header(data, 2 if multiline else 0))
        elif protocol == "imap":
            seeds.add("imap_response", data, header(data, 0))
        for line in lines:
            text = sasl_text(line, protocol, True, False)
            decoded = b64decode(text) if text else None
            if decoded is None:
                continue
            challenged[conn] = True
            seeds.add("base64", text, header(text, 0))
            seeds.add("sasl", decoded, bytes([min(len(client_nonce), 31)]))


def serve_session_seed(case, seeds):
    """A client-test case: what the client sent (until a TLS handshake: its octets cannot be replayed)."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import seeds_examples  # the suites' case order, as the target loads it
    suite = case.get("suite", "")
    if suite not in seeds_examples.SESSION_SUITES:
        return
    ids = seeds_examples.session_cases(suite)
    if case.get("id") not in ids or ids.index(case["id"]) > 255:
        return
    sent = bytearray()
    for entry in case.get("transcript", []):
        if entry.get("dir") == "i" and "TLS" in entry.get("data", "") and "established" in entry.get("data", ""):
            break
        if entry.get("dir") == "c":
            sent += unquote(entry.get("data", ""))
    head = bytes([seeds_examples.SESSION_SUITES.index(suite), ids.index(case["id"])])
    seeds.add("serve_session", head + bytes(sent))  # the header in the shape: one seed per case


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", type=pathlib.Path)
    parser.add_argument("--corpus", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent / "corpus")
    parser.add_argument("--max", type=int, default=100, help="seeds per target from these reports (default 100)")
    args = parser.parse_args()

    seeds = Seeds()
    for path in args.reports:
        report = json.loads(path.read_text())
        protocol = report.get("target", {}).get("protocol", "")
        for case in report.get("cases", []):
            scan_case(case, protocol, seeds)
            if report.get("mode") == "client-test":
                serve_session_seed(case, seeds)
    for target, bodies in sorted(seeds.by_target.items()):
        directory = args.corpus / target
        directory.mkdir(parents=True, exist_ok=True)
        written = 0
        for body in bodies[:args.max]:
            path = directory / ("run-" + hashlib.sha1(body).hexdigest()[:16])
            if not path.exists():
                path.write_bytes(body)
                written += 1
        print(f"{target}: {min(len(bodies), args.max)} seeds, {written} new", file=sys.stderr)


if __name__ == "__main__":
    main()
