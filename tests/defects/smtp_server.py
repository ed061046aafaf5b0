#!/usr/bin/python3
"""A small SMTP server that follows RFC 5321 and its extensions, with switchable defects.

It exists to prove the mailspec SMTP suite: without defects every case passes against it; with
`--defect NAME` it deviates in exactly one documented way, and the cases that check that rule must
stop passing (tests/defects/smtp_defects.tsv, tests/defects/run_defects.py smtp). Python 3 standard
library only; one thread per connection; everything in memory.

    smtp_server.py [--defect NAME]... [--cert PEM --key PEM] [--port N] [--imap-port-dir DIR] [--lifeline]

Prints "PORT <n>" on stdout once it listens on 127.0.0.1. With --lifeline it exits when its stdin
reaches end of file. `--list-defects` prints the defect names with their descriptions.

What it offers (EHLO): SIZE 1000000, PIPELINING, 8BITMIME, SMTPUTF8, CHUNKING, BINARYMIME, DSN,
ENHANCEDSTATUSCODES, STARTTLS (before TLS, with --cert/--key), AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1
SCRAM-SHA-256 (also before TLS; user alice/alicepw, bob/bobpw), HELP, VRFY, EXPN. Mail domain
example.test with mailboxes alice and bob; postmaster (any case, with or without the domain) is an
alias for alice; other local parts are unknown (550 5.1.1), other domains are not relayed (550 5.7.1).
Strict line handling: only CRLF ends a line; commands with control characters (NUL, bare CR or LF) or,
outside SMTPUTF8, 8-bit octets are refused; command lines may be 2048 octets; data lines are not
interpreted except for the lone dot and dot-stuffing. Accepted messages get a Received: field and go
into the recipients' mailboxes, which a minimal IMAP4rev1 read-back service (LOGIN, SELECT, UID SEARCH
SUBJECT, UID FETCH BODY.PEEK[] / BODY.PEEK[HEADER], LOGOUT) serves on a second port, written to the
file DIR/<SMTP port> (--imap-port-dir), for the suite's end-to-end cases.
"""
import argparse
import base64
import email.utils
import hashlib
import hmac
import os
import re
import secrets
import socket
import socketserver
import ssl
import sys
import threading
import time

# ---- defects ---------------------------------------------------------------------------------------
# name -> what the server does wrong. Each is one deviation; see smtp_defects.tsv for the cases.
DEFECTS = {
    # greeting and replies
    "greeting-120": "the greeting is preceded by a '120' reply (reply codes start with 2 to 5)",
    "greeting-no-domain": "the greeting text starts with '<mailspec>' instead of the server's domain",
    "greeting-chatty": "a second 220 reply follows the greeting before the client speaks",
    "reply-line-600-octets": "the first line of the HELP reply is 600 octets long",
    "multiline-mixed-codes": "the second line of the EHLO reply carries code 251",
    "noop-two-replies": "NOOP is answered twice",
    "error-two-replies": "every 503 reply is sent twice",
    "data-two-replies": "the end of data is answered twice",
    "ehlo-two-replies": "EHLO gets its multi-line reply and then another 250",
    # enhanced status codes
    "esc-missing": "2xx replies carry no enhanced status code",
    "esc-class-mismatch": "5xx replies carry 4.x.x enhanced status codes",
    "esc-missing-after-helo": "after HELO no reply carries an enhanced status code",
    "esc-missing-before-ehlo": "before EHLO/HELO no reply carries an enhanced status code",
    "esc-leading-zeros": "enhanced status codes are written with a leading zero ('2.01.0')",
    "esc-multiline-differs": "the lines of the HELP reply carry different enhanced status codes",
    # commands in general
    "verbs-case-sensitive": "only upper-case command verbs are recognised",
    "unknown-502": "unrecognised commands are answered 502 instead of 500",
    "close-on-unknown": "the server closes the connection after answering an unrecognised (or empty) command",
    "close-after-errors": "after the third error reply the server sends 421 and closes",
    "empty-line-250": "an empty command line is answered 250",
    "trailing-space-refused": "a command line ending in white space is refused with 501",
    "args-ignored": "arguments of RSET, DATA and QUIT are ignored",
    "commands-need-ehlo": "RSET, VRFY, EXPN, HELP and NOOP before EHLO/HELO are answered 503",
    "commands-reset-transaction": "VRFY, HELP, NOOP and unrecognised commands abort the mail transaction",
    "bad-sequence-resets": "after a 503 the server refuses MAIL until RSET",
    "eight-bit-closes": "a command line with 8-bit octets makes the server send 421 and close",
    "nul-truncates": "a command line is cut at its first NUL octet (C string)",
    "control-chars-accepted": "control characters in MAIL and RCPT addresses are removed instead of refused",
    "bare-lf-line-end": "a bare LF ends a command line",
    "bare-cr-line-end": "a bare CR ends a command line",
    "overlong-split": "an over-long command line is cut into 2048-octet pieces, each run as a command",
    "line-limit-510": "command lines of more than 510 octets (with CRLF) are refused as too long",
    "line-limit-512": "command lines of more than 512 octets (with CRLF) are refused as too long",
    "not-implemented-ehlo": "EHLO is answered 502",
    "not-implemented-helo": "HELO is answered 502",
    "not-implemented-mail": "MAIL is answered 502",
    "not-implemented-rcpt": "RCPT is answered 502",
    "not-implemented-data": "DATA is answered 502",
    "not-implemented-rset": "RSET is answered 502",
    "not-implemented-noop": "NOOP is answered 502",
    "not-implemented-vrfy": "VRFY is answered 502",
    "not-implemented-starttls": "STARTTLS is advertised but answered 502",
    "send-implemented": "SEND, SOML and SAML are answered 250 (though not listed in EHLO)",
    "turn-accepted": "TURN is answered 250",
    # EHLO / HELO
    "ehlo-no-domain": "the first line of the EHLO reply starts with '<mailspec>' instead of the domain",
    "ehlo-literal-refused": "EHLO with an address literal is refused with 501",
    "hello-empty-ok": "EHLO and HELO without a domain are answered 250",
    "refused-ehlo-resets": "a refused EHLO aborts the mail transaction",
    "hello-keeps-transaction": "EHLO and HELO leave an open mail transaction alone",
    "ehlo-name-checked": "MAIL is refused (550) when the EHLO name is not mailspec.test or a literal",
    "ehlo-unregistered-keyword": "the EHLO reply lists the unregistered keyword MAILSPECFOO",
    "help-not-listed": "HELP works but is not listed in the EHLO reply",
    "expn-not-listed": "EXPN works but is not listed in the EHLO reply",
    "helo-extended": "HELO gets the EHLO reply with the extension list",
    "helo-no-mail": "MAIL after HELO (not EHLO) is answered 503",
    "ehlo-in-group-short": "EHLO that arrives in one read with the command before it gets a one-line reply",
    "domain-max-254": "EHLO names longer than 254 octets are refused",
    # MAIL / RCPT
    "mail-without-ehlo-ok": "MAIL before EHLO/HELO is accepted",
    "mail-no-arg-ok": "MAIL without an argument is accepted as MAIL FROM:<>",
    "mail-colon-optional": "'MAIL FROM <path>' without the colon is accepted",
    "path-lenient": "a path without its closing '>' is accepted",
    "path-brackets-optional": "a path without angle brackets is accepted",
    "refused-mail-opens-transaction": "a MAIL refused with 501 still opens a transaction (null sender)",
    "unknown-params-ignored": "unknown MAIL and RCPT parameters are ignored",
    "param-keywords-case-sensitive": "MAIL and RCPT parameter keywords are only recognised in upper case",
    "duplicate-params-ok": "a repeated MAIL or RCPT parameter replaces the earlier one",
    "nested-mail-ok": "MAIL inside a transaction replaces the sender (250)",
    "nested-mail-resets": "MAIL inside a transaction is refused (503) and aborts the transaction",
    "one-transaction-per-session": "after one accepted message every MAIL is answered 503",
    "unknown-sender-554": "a sender in a .invalid domain is refused with 554",
    "quoted-local-refused": "quoted-string local parts are refused (553)",
    "quoted-not-unquoted": "quoted local parts are compared with their quotes (\"postmaster\" is unknown)",
    "address-literal-refused": "address literals as the domain of a sender are refused (553)",
    "source-route-syntax-error": "source routes in paths are syntax errors (501)",
    "source-route-refused": "recipients with a source route are refused as relaying (550)",
    "null-sender-rcpt-refused": "after MAIL FROM:<> every recipient is refused (550)",
    "local-part-max-63": "local parts of more than 63 octets are refused (553)",
    "path-max-255": "paths of more than 255 octets are refused (501)",
    "rcpt-before-mail-ok": "RCPT without MAIL is accepted",
    "rcpt-syntax-550": "syntax errors in RCPT are answered 550",
    "rcpt-refusal-554": "refused recipients get 554",
    "refused-rcpt-resets": "a refused RCPT aborts the mail transaction",
    "single-recipient-only": "a second RCPT in a transaction is refused with 452",
    "recipients-max-50": "the 51st recipient of a transaction is refused with 452",
    "bare-postmaster-refused": "<Postmaster> without a domain is refused (501)",
    "postmaster-case-sensitive": "only 'postmaster' and 'Postmaster' are recognised",
    "postmaster-at-domain-refused": "postmaster@domain is unknown (550)",
    "bare-postmaster-undeliverable": "<Postmaster> is accepted at RCPT, but a message to it is refused (554) at the end of data",
    "pipelining-rcpt-race": "RCPT that arrives in one read with its MAIL is answered 503",
    # DATA
    "data-unchecked": "DATA is answered 354 without MAIL or recipients",
    "data-keeps-transaction": "the transaction stays open after the message is accepted",
    "headerless-refused": "a message without header fields is refused (554)",
    "resent-checked": "Resent-To without Resent-From and Resent-Date is refused (554)",
    "received-parsed": "a Received field without 'from'/'by' clauses is refused (554)",
    "loop-limit-20": "a message with more than 20 Received fields is refused as a loop (554)",
    "text-line-max-998": "a data line of 998 octets or more (without CRLF) gets 500 at the end of data",
    "message-max-60000": "messages over 60000 octets are refused (552)",
    "overlong-text-ends-data": "a data line over 2048 octets ends the data with 500; the rest is read as commands",
    "eight-bit-refused": "messages with 8-bit octets are refused (554)",
    # transparency and smuggling
    "lf-dot-lf-ends-data": "<LF>.<LF> inside a data line ends the data",
    "bare-lf-ends-data-lines": "a bare LF ends a data line",
    "bare-cr-ends-data-lines": "a bare CR ends a data line",
    "any-newline-data": "CR, LF and CRLF all end a data line",
    "nul-stripped-data": "NUL octets are removed from data lines before the lone dot is looked for",
    "dot-prefix-ends-data": "any data line starting with '.' ends the data",
    "blank-line-ends-data": "two empty data lines in a row end the data",
    "quit-in-data-executed": "a data line 'QUIT' ends the session (221)",
    "terminator-per-read": "<CRLF>.<CRLF> is only seen inside one read; after 1 s idle the data gets 451",
    "size-ends-data": "the data ends at the first line end after the octets declared with SIZE",
    "no-dot-unstuffing": "the first dot of a stuffed data line is not removed",
    "eight-bit-stripped": "the high bit of every stored message octet is cleared",
    "no-received": "no Received: field is added",
    "received-appended": "the Received: field is added after the message's own header fields",
    "received-two-digit-year": "the date of the Received: field has a two-digit year",
    # RSET, VRFY, EXPN, HELP, NOOP, QUIT
    "rset-keeps-sender": "RSET clears the recipients but keeps the sender",
    "rset-keeps-transaction": "RSET answers 250 but keeps the transaction",
    "rset-closes": "the server closes the connection after answering RSET",
    "noop-args-refused": "NOOP with an argument is refused with 501",
    "vrfy-always-250": "VRFY answers 250 for any string",
    "vrfy-no-mailbox": "a positive VRFY reply names no mailbox",
    "vrfy-no-brackets": "a positive VRFY reply gives the mailbox without angle brackets",
    "vrfy-expn-empty-ok": "VRFY and EXPN without an argument are answered 252 and 250",
    "vrfy-param-refused": "VRFY with the SMTPUTF8 parameter is refused (555)",
    "expn-502": "EXPN is listed in EHLO but answered 502",
    "expn-odd-code": "EXPN of a list is answered 251",
    "expn-no-mailbox": "a positive EXPN reply names no mailbox",
    "help-250": "HELP is answered 250",
    "help-502": "HELP is listed in EHLO but answered 502",
    "help-args-refused": "HELP with an argument is answered 504",
    "quit-no-close": "QUIT is answered 221 but the server does not close the connection",
    "quit-needs-ehlo": "QUIT before EHLO/HELO is answered 503",
    "quit-refused-in-transaction": "QUIT during an open mail transaction is answered 503",
    # SIZE
    "size-param-refused": "MAIL with a SIZE parameter is refused (555)",
    "size-ignored": "declared and actual sizes over the limit are accepted",
    "size-at-limit-refused": "a declared SIZE equal to the limit is refused (552)",
    "size-zero-refused": "SIZE=0 is refused (501)",
    "size-lenient": "a SIZE value that is not 1 to 20 digits is ignored",
    "size-keyword-junk": "the EHLO SIZE line reads 'SIZE 1000000 octets'",
    # 8BITMIME, SMTPUTF8
    "no-8bitmime": "8BITMIME is not advertised",
    "body-param-refused": "MAIL with a BODY parameter is refused (555)",
    "body-value-unchecked": "any BODY value is accepted",
    "smtputf8-keyword-param": "the EHLO line reads 'SMTPUTF8 YES'",
    "smtputf8-param-refused": "MAIL with the SMTPUTF8 parameter is refused (555)",
    "smtputf8-value-ok": "SMTPUTF8=YES on MAIL is accepted",
    "utf8-address-refused": "UTF-8 local parts are refused (553) even with SMTPUTF8",
    # DSN
    "dsn-params-refused": "RET, ENVID, NOTIFY and ORCPT are refused (555) though DSN is advertised",
    "dsn-unadvertised-accepted": "DSN is not advertised, but RET, ENVID, NOTIFY and ORCPT are still accepted",
    "esc-missing-on-relay-refusal": "a recipient in another domain is refused with a bare '550 Relay access denied' (no enhanced code)",
    "dsn-lenient": "RET, ENVID, NOTIFY and ORCPT values are not checked",
    "envid-max-64": "ENVID values over 64 characters are refused (501)",
    # CHUNKING, BINARYMIME
    "bdat-refusal-keeps-data": "a refused BDAT does not read its chunk: the octets are read as commands",
    "bdat-last-case-sensitive": "the LAST keyword of BDAT is only recognised in upper case",
    "bdat-no-last": "BDAT ... LAST is refused (501) after its chunk is read",
    "bdat-zero-refused": "BDAT 0 is refused (501)",
    "bdat-dot-ends": "<CRLF>.<CRLF> inside a BDAT chunk ends the message; the rest is read as commands",
    "data-after-bdat-ok": "DATA after BDAT in the same transaction is answered 354",
    "binarymime-data-ok": "DATA in a BODY=BINARYMIME transaction is answered 354",
    # STARTTLS
    "starttls-injection": "commands received before the TLS handshake are run inside TLS",
    "starttls-advertised-in-tls": "the EHLO reply inside TLS lists STARTTLS",
    "second-starttls-ok": "STARTTLS inside TLS is answered 220",
    "starttls-param-ignored": "STARTTLS with a parameter is answered 220",
    "starttls-pipelined-refused": "STARTTLS that arrives in one read with the command before it is answered 503",
    "tls-ehlo-refused": "EHLO inside TLS is answered 503",
    "tls-no-mail": "MAIL inside TLS is answered 503",
    "tls-no-reset": "the mail transaction survives the TLS handshake",
    # AUTH
    "auth-ir-refused": "AUTH with an initial response is refused (501)",
    "challenge-text": "challenges carry text after the base64 ('334 <b64> go ahead', '334 go ahead')",
    "auth-failure-454": "failed authentication is answered 454",
    "auth-failure-no-578": "failed authentication is answered 535 5.7.0 instead of 5.7.8",
    "auth-drop-after-two": "the server closes the connection after the second failed AUTH",
    "auth-twice-ok": "AUTH after a successful AUTH starts another exchange",
    "auth-in-transaction-ok": "AUTH inside a mail transaction starts an exchange",
    "star-cancel-535": "a '*' cancelling the exchange is answered 535",
    "base64-lenient": "invalid base64 is decoded leniently (bad characters skipped) instead of refused",
    "auth-equals-means-no-ir": "an initial response '=' is taken as no initial response",
    "unknown-mech-535": "an unknown mechanism is answered 535",
    "cram-md5-ir-ignored": "CRAM-MD5 with an initial response ignores it and sends the challenge",
    "mech-case-sensitive": "mechanism names are only recognised in upper case",
    "mail-auth-param-refused": "the AUTH= parameter of MAIL is refused (555) from unauthenticated clients",
    "scram-bad-signature": "the SCRAM server signature is computed with the wrong key",
}

D = set()
TLS_CTX = None

HOST = "mailspec-ref.test"
DOMAIN = "example.test"
USERS = {"alice": "alicepw", "bob": "bobpw"}
SIZE_LIMIT = 1000000
LINE_LIMIT = 2048            # command line, CRLF included
MAX_RCPTS = 1000
SASL_MECHS = ["PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"]
SCRAM_ITERATIONS = 4096
B64_RE = re.compile(rb"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
ATEXT = re.compile(rb"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$")
LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")
XTEXT = re.compile(rb"^(?:[\x21-\x2a\x2c-\x3c\x3e-\x7e]|\+[0-9A-F]{2})*$")


def has(name):
    return name in D


# ---- mailboxes (for the IMAP read-back) ----------------------------------------------------------------

class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.boxes = {u: [] for u in USERS}  # user -> [(uid, bytes)]
        self.next_uid = {u: 1 for u in USERS}

    def deliver(self, user, data):
        with self.lock:
            uid = self.next_uid[user]
            self.next_uid[user] += 1
            self.boxes[user].append((uid, data))

    def messages(self, user):
        with self.lock:
            return list(self.boxes[user])


STORE = Store()


# ---- byte stream with a read buffer ----------------------------------------------------------------

class Closed(Exception):
    pass


class Stream:
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.batch = 0          # number of reads so far
        self.line_batch = -1    # the read in which the last line was completed

    def fill(self, timeout=None):
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(65536)
        finally:
            self.sock.settimeout(None)
        if not data:
            raise Closed()
        self.buf += data
        self.batch += 1

    def send(self, data):
        try:
            self.sock.sendall(data)
        except OSError as e:
            raise Closed() from e

    def pushback(self, data):
        self.buf = data + self.buf

    def take(self, n):
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_exact(self, n):
        chunks = []
        while n > 0:
            if not self.buf:
                self.fill()
            piece = self.take(n)
            chunks.append(piece)
            n -= len(piece)
        return b"".join(chunks)

    def _find_end(self, term, start=0):
        """-> (index of the line end, its length) or None; term: crlf | lf | cr | any."""
        b = self.buf
        if term == "crlf":
            i = b.find(b"\r\n", start)
            return (i, 2) if i >= 0 else None
        if term == "lf":
            i = b.find(b"\n", start)
            if i < 0:
                return None
            return (i - 1, 2) if i > 0 and b[i - 1:i] == b"\r" else (i, 1)
        # cr or any: a CR ends a line (with the LF after it, if any); for "any" a bare LF too
        n = len(b)
        for i in range(start, n):
            c = b[i]
            if c == 13:
                if i + 1 < n:
                    return (i, 2) if b[i + 1] == 10 else (i, 1)
                return None  # wait for the next octet
            if c == 10 and term == "any":
                return (i, 1)
        return None

    def read_line(self, term="crlf", limit=None):
        """-> (line, too_long). With a limit (CRLF included), an over-long line is read to its end and
        discarded; `too_long` says so."""
        scan = 0
        while True:
            found = self._find_end(term, scan)
            if limit is not None and has("overlong-split") and (found[0] + 2 if found else len(self.buf)) > limit:
                line = self.take(limit)
                self.line_batch = self.batch
                return line, False
            if found:
                i, tl = found
                if limit is not None and i + 2 > limit:
                    self.buf = self.buf[i + tl:]
                    self.line_batch = self.batch
                    return b"", True
                line = self.buf[:i]
                self.buf = self.buf[i + tl:]
                self.line_batch = self.batch
                return line, False
            if limit is not None and len(self.buf) > limit:
                # discard up to the line end, keeping a possible CR at the end
                keep = self.buf[-1:] if self.buf.endswith(b"\r") else b""
                self.buf = keep
                while True:
                    self.fill()
                    found = self._find_end(term)
                    if found:
                        i, tl = found
                        self.buf = self.buf[i + tl:]
                        self.line_batch = self.batch
                        return b"", True
                    self.buf = self.buf[-1:] if self.buf.endswith(b"\r") else b""
            scan = max(0, len(self.buf) - 1)
            self.fill()


# ---- addresses and parameters -------------------------------------------------------------------

class Bad(Exception):
    """A refused command: the reply to send."""

    def __init__(self, code, esc, text):
        super().__init__(text)
        self.code, self.esc, self.text = code, esc, text


def valid_domain(d):
    if not d or len(d) > 255:
        return False
    labels = d.split(".")
    return all(LABEL.match(x) and len(x) <= 63 for x in labels)


def valid_literal(lit):
    # [IPv4] or [IPv6:...] or [tag:text]
    inner = lit[1:-1]
    if re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", inner):
        return all(int(x) < 256 for x in inner.split("."))
    if inner.lower().startswith("ipv6:"):
        return re.fullmatch(r"[0-9A-Fa-f:.]+", inner[5:]) is not None and ":" in inner[5:]
    m = re.fullmatch(r"([A-Za-z0-9-]*[A-Za-z0-9]):([\x21-\x5a\x5e-\x7e]+)", inner)
    return m is not None


def split_path(arg):
    """arg starts after 'FROM:'/'TO:' -> (path text inside the brackets, rest). Raises Bad."""
    if not arg.startswith(b"<"):
        if has("path-brackets-optional") and arg:
            sp = arg.find(b" ")
            return (arg if sp < 0 else arg[:sp]), (b"" if sp < 0 else arg[sp:])
        raise Bad(501, "5.5.4", "Syntax: path must be in angle brackets")
    i, quoted = 1, False
    while i < len(arg):
        c = arg[i:i + 1]
        if quoted:
            if c == b"\\":
                i += 1
            elif c == b'"':
                quoted = False
        elif c == b'"':
            quoted = True
        elif c == b">":
            return arg[1:i], arg[i + 1:]
        i += 1
    if has("path-lenient"):
        sp = arg.find(b" ")
        return (arg[1:] if sp < 0 else arg[1:sp]), (b"" if sp < 0 else arg[sp:])
    raise Bad(501, "5.5.4", "Syntax: missing '>' at the end of the path")


def parse_mailbox(path, utf8, allow_bare_postmaster=False):
    """-> (local part as given, unquoted local part, domain or None). Raises Bad."""
    if len(path) + 2 > (255 if has("path-max-255") else 256):
        raise Bad(501, "5.5.4", "Path too long")
    if path.startswith(b"@"):  # source route
        if has("source-route-syntax-error"):
            raise Bad(501, "5.5.4", "Syntax error in path")
        colon = path.find(b":")
        if colon < 0:
            raise Bad(501, "5.5.4", "Syntax error in source route")
        for hop in path[:colon].split(b","):
            if not hop.startswith(b"@") or not valid_domain(hop[1:].decode("ascii", "replace")):
                raise Bad(501, "5.5.4", "Syntax error in source route")
        path = path[colon + 1:]
    if any(c < 32 or c == 127 for c in path):
        if not has("control-chars-accepted"):
            raise Bad(501, "5.5.2", "Invalid character in address")
        path = bytes(c for c in path if c >= 32 and c != 127)  # "sanitised" instead of refused
    if any(c >= 128 for c in path):
        if not utf8:
            raise Bad(553, "5.6.7", "8-bit address needs SMTPUTF8")
        try:
            path.decode("utf-8")
        except UnicodeDecodeError:
            raise Bad(501, "5.5.2", "Address is not UTF-8") from None
        if has("utf8-address-refused"):
            raise Bad(553, "5.6.7", "UTF-8 addresses are not accepted")
    # local part
    if path.startswith(b'"'):
        if has("quoted-local-refused"):
            raise Bad(553, "5.1.3", "Quoted local parts are not accepted")
        i, out = 1, b""
        while i < len(path) and path[i:i + 1] != b'"':
            if path[i:i + 1] == b"\\" and i + 1 < len(path):
                out += path[i + 1:i + 2]
                i += 2
                continue
            out += path[i:i + 1]
            i += 1
        if i >= len(path):
            raise Bad(501, "5.5.4", "Unterminated quoted string")
        local, plain = path[:i + 1], out
        rest = path[i + 1:]
        if has("quoted-not-unquoted"):
            plain = local
    else:
        at = path.rfind(b"@")
        local = path if at < 0 else path[:at]
        rest = b"" if at < 0 else path[at:]
        plain = local
        for atom in local.split(b"."):
            if not atom or not (ATEXT.match(atom) or any(c >= 128 for c in atom) or has("control-chars-accepted")):
                raise Bad(501, "5.5.4", "Syntax error in local part")
    if len(local) > (63 if has("local-part-max-63") else 64):
        raise Bad(553, "5.1.3", "Local part too long")
    if not rest:
        if allow_bare_postmaster and plain.lower() == b"postmaster" and not has("bare-postmaster-refused"):
            return local, plain, None
        raise Bad(501, "5.1.3", "Address needs a domain")
    if not rest.startswith(b"@"):
        raise Bad(501, "5.1.3", "Syntax error in address")
    dom = rest[1:].decode("utf-8", "replace")
    if dom.startswith("["):
        if not (dom.endswith("]") and valid_literal(dom)):
            raise Bad(501, "5.1.3", "Bad address literal")
    elif not valid_domain(dom):
        raise Bad(501, "5.1.3", "Bad domain")
    return local, plain, dom


def xtext_decode(v):
    if not XTEXT.match(v):
        return None
    return re.sub(rb"\+([0-9A-F]{2})", lambda m: bytes([int(m.group(1), 16)]), v)


def parse_params(text, known):
    """'KEY=VAL KEY2' -> {KEY: value or None}. Unknown keywords give 555, repeated ones 501."""
    out = {}
    for tok in text.split():
        key, eq, val = tok.partition(b"=")
        k = key.decode("ascii", "replace")
        name = k if has("param-keywords-case-sensitive") else k.upper()
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*", k) or name not in known:
            if has("unknown-params-ignored") and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*", k):
                continue
            raise Bad(555, "5.5.4", f"Unsupported parameter {k[:40]}")
        if name in out and not has("duplicate-params-ok"):
            raise Bad(501, "5.5.4", f"Parameter {name} given twice")
        out[name] = val if eq else None
    return out


# ---- one SMTP session ---------------------------------------------------------------------------------

class Session:
    def __init__(self, sock, peer):
        self.s = Stream(sock)
        self.peer = peer
        self.tls = False
        self.helo = None            # None, "EHLO" or "HELO"
        self.helo_name = ""
        self.authenticated = False
        self.auth_failures = 0
        self.errors = 0
        self.need_rset = False
        self.messages_done = 0
        self.prev_verb = None
        self.prev_batch = -2
        self.closing = False
        self.reset()

    # -- state
    def reset(self):
        self.mail = None            # sender (bytes, b"" for <>) or None
        self.mail_params = {}
        self.rcpts = []             # delivery users (or None for accepted non-local)
        self.rcpt_addrs = []
        self.bdat = None            # list of chunks once BDAT started

    # -- replies
    def esc(self, code, esc):
        if esc is None:
            return None
        if has("esc-missing-before-ehlo") and self.helo is None:
            return None
        if has("esc-missing-after-helo") and self.helo == "HELO":
            return None
        if has("esc-missing") and 200 <= code < 300:
            return None
        if has("esc-class-mismatch") and code >= 500:
            esc = "4" + esc[1:]
        if has("esc-leading-zeros"):
            a, b, c = esc.split(".")
            esc = f"{a}.0{b}.{c}"
        return esc

    def reply(self, code, esc, text, more=()):
        """One reply: `more` holds further lines (each a text, or a (esc, text) pair)."""
        lines = [(esc, text)] + [m if isinstance(m, tuple) else (esc, m) for m in more]
        out = b""
        for n, (e, t) in enumerate(lines):
            e = self.esc(code, e)
            sep = "-" if n + 1 < len(lines) else " "
            body = (e + " " + t) if e else t
            out += f"{code}{sep}".encode() + (body if isinstance(body, bytes) else body.encode("utf-8")) + b"\r\n"
        self.s.send(out)
        if code == 503 and has("error-two-replies"):
            self.s.send(out)
        if code == 503:
            self.need_rset = True
        if code >= 400:
            self.errors += 1
            if has("close-after-errors") and self.errors == 3:
                self.s.send(b"421 " + (b"4.7.0 " if self.esc(421, "4.7.0") else b"") + b"Too many errors\r\n")
                raise Closed()

    def raw(self, data):
        self.s.send(data)

    # -- main loop
    def run(self):
        try:
            if has("greeting-120"):
                self.raw(f"120 {HOST} ready in a moment\r\n".encode())
            greet = "<mailspec> ESMTP ready" if has("greeting-no-domain") else f"{HOST} ESMTP mailspec reference server"
            self.raw(f"220 {greet}\r\n".encode())
            if has("greeting-chatty"):
                time.sleep(0.1)
                self.raw(f"220 {HOST} still here\r\n".encode())
            while not self.closing:
                self.command()
        except (Closed, ConnectionError, ssl.SSLError, OSError):
            pass
        finally:
            # The socket may be a TLS wrapper that socketserver does not know about: close it here.
            try:
                self.s.sock.close()
            except OSError:
                pass

    def read_command_line(self):
        term = "lf" if has("bare-lf-line-end") else "cr" if has("bare-cr-line-end") else "crlf"
        limit = 511 if has("line-limit-510") else 512 if has("line-limit-512") else LINE_LIMIT
        return self.s.read_line(term, limit)

    def command(self):
        line, too_long = self.read_command_line()
        same_batch = self.s.line_batch == self.prev_batch
        self.prev_batch = self.s.line_batch
        if too_long:
            self.reply(500, "5.5.2", "Line too long")
            return
        if has("nul-truncates") and b"\0" in line:
            line = line.split(b"\0", 1)[0]
        if line == b"":
            if has("empty-line-250"):
                self.reply(250, "2.0.0", "Ok")
            else:
                self.reply(500, "5.5.2", "Empty command")
                if has("close-on-unknown"):
                    raise Closed()
            return
        if has("trailing-space-refused") and line[-1:] in (b" ", b"\t"):
            self.reply(501, "5.5.2", "Trailing white space")
            return
        if has("eight-bit-closes") and any(c >= 128 for c in line):
            self.raw(b"421 4.7.0 8-bit octets in a command\r\n")
            raise Closed()
        verb_b, _, args = line.partition(b" ")
        verb_text = verb_b.decode("latin-1")
        verb = verb_text.upper()
        if has("verbs-case-sensitive") and verb_text != verb:
            verb = "?"
        handler = getattr(self, "cmd_" + verb, None) if re.fullmatch(r"[A-Z]+", verb) else None
        if handler is None:
            if has("commands-reset-transaction"):
                self.reset()
            if has("unknown-502"):
                self.reply(502, "5.5.1", "Command not implemented")
            else:
                self.reply(500, "5.5.2", "Command not recognized")
            if has("close-on-unknown"):
                raise Closed()
            return
        if any((c < 32 and c != 9) or c == 127 for c in line):
            if verb in ("MAIL", "RCPT") and has("control-chars-accepted") and b"\0" not in line:
                pass
            else:
                self.reply(501, "5.5.2", "Invalid character in command")
                return
        args = args.rstrip(b" \t")
        if any(c >= 128 for c in args) and verb not in ("MAIL", "RCPT", "VRFY", "EXPN"):
            self.reply(501, "5.5.2", "8-bit octets in a command")
            return
        if has("not-implemented-" + verb.lower()):
            self.reply(502, "5.5.1", "Command not implemented")
            return
        if verb in ("RSET", "VRFY", "EXPN", "HELP", "NOOP") and self.helo is None and has("commands-need-ehlo"):
            self.reply(503, "5.5.1", "Send EHLO first")
            return
        try:
            handler(args, same_batch)
        except Bad as b:
            self.reply(b.code, b.esc, b.text)
        self.prev_verb = verb

    # -- greeting commands
    def check_hello_arg(self, args):
        if not args:
            if has("hello-empty-ok"):
                return "unknown"
            raise Bad(501, "5.5.4", "Syntax: EHLO domain")
        name = args.split(b" ")[0].decode("ascii", "replace")
        if name.startswith("["):
            if has("ehlo-literal-refused") or not (name.endswith("]") and valid_literal(name)):
                raise Bad(501, "5.5.4", "Invalid address literal")
        elif len(name) > (254 if has("domain-max-254") else 255) or not valid_domain(name):
            raise Bad(501, "5.5.4", "Invalid domain name")
        return name

    def ehlo_lines(self):
        keys = [f"SIZE {SIZE_LIMIT}" + (" octets" if has("size-keyword-junk") else ""), "PIPELINING"]
        if not has("no-8bitmime"):
            keys.append("8BITMIME")
        keys += ["SMTPUTF8 YES" if has("smtputf8-keyword-param") else "SMTPUTF8", "CHUNKING", "BINARYMIME"]
        if not has("dsn-unadvertised-accepted"):
            keys.append("DSN")
        keys.append("ENHANCEDSTATUSCODES")
        if TLS_CTX and (not self.tls or has("starttls-advertised-in-tls")):
            keys.append("STARTTLS")
        keys.append("AUTH " + " ".join(SASL_MECHS))
        if not has("help-not-listed"):
            keys.append("HELP")
        # No "VRFY": it is no registered EHLO keyword (RFC 5321 §2.2.2; the IANA registry lists none).
        if not has("expn-not-listed"):
            keys.append("EXPN")
        if has("ehlo-unregistered-keyword"):
            keys.append("MAILSPECFOO")
        return keys

    def send_ehlo_reply(self, name):
        first = ("<mailspec> greets " if has("ehlo-no-domain") else f"{HOST} greets ") + name
        lines = [first] + self.ehlo_lines()
        out = b""
        for n, t in enumerate(lines):
            code = "251" if has("multiline-mixed-codes") and n == 1 else "250"
            out += f"{code}{'-' if n + 1 < len(lines) else ' '}{t}\r\n".encode()
        self.raw(out)
        if has("ehlo-two-replies"):
            self.raw(f"250 {HOST}\r\n".encode())

    def cmd_EHLO(self, args, same_batch):
        if self.tls and has("tls-ehlo-refused"):
            raise Bad(503, "5.5.1", "Already introduced")
        try:
            name = self.check_hello_arg(args)
        except Bad:
            if has("refused-ehlo-resets"):
                self.reset()
            raise
        if not has("hello-keeps-transaction"):
            self.reset()
        self.helo, self.helo_name = "EHLO", name
        if has("ehlo-in-group-short") and same_batch:
            self.raw(f"250 {HOST}\r\n".encode())
            return
        self.send_ehlo_reply(name)

    def cmd_HELO(self, args, same_batch):
        name = self.check_hello_arg(args)
        if not has("hello-keeps-transaction"):
            self.reset()
        self.helo, self.helo_name = "HELO", name
        if has("helo-extended"):
            self.send_ehlo_reply(name)
            return
        self.raw(f"250 {HOST}\r\n".encode())

    # -- transaction commands
    def cmd_MAIL(self, args, same_batch):
        if self.helo is None and not has("mail-without-ehlo-ok"):
            raise Bad(503, "5.5.1", "Send EHLO/HELO first")
        if self.helo == "HELO" and has("helo-no-mail"):
            raise Bad(503, "5.5.1", "Send EHLO first")
        if self.tls and has("tls-no-mail"):
            raise Bad(503, "5.5.1", "Send EHLO/HELO first")
        if has("bad-sequence-resets") and self.need_rset:
            raise Bad(503, "5.5.1", "Send RSET first")
        if has("one-transaction-per-session") and self.messages_done:
            raise Bad(503, "5.5.1", "One message per connection")
        if has("ehlo-name-checked") and not (self.helo_name == "mailspec.test" or self.helo_name.startswith("[")):
            raise Bad(550, "5.7.1", "EHLO name does not match your address")
        if self.mail is not None:
            if has("nested-mail-ok"):
                self.reset()
            elif has("nested-mail-resets"):
                self.reset()
                raise Bad(503, "5.5.1", "Nested MAIL command")
            else:
                raise Bad(503, "5.5.1", "Nested MAIL command")
        try:
            self.parse_mail(args)
        except Bad as b:
            if b.code == 501 and has("refused-mail-opens-transaction"):
                self.reset()
                self.mail = b""
            raise
        self.reply(250, "2.1.0", "Sender OK")

    def parse_mail(self, args):
        head = args[:5].upper()
        if head == b"FROM:":
            rest = args[5:]
        elif has("mail-colon-optional") and args[:5].upper() == b"FROM ":
            rest = args[5:].lstrip(b" ")
        elif not args and has("mail-no-arg-ok"):
            self.reset()
            self.mail = b""
            return
        else:
            raise Bad(501, "5.5.4", "Syntax: MAIL FROM:<address> [parameters]")
        path, tail = split_path(rest)
        if tail and not tail.startswith(b" "):
            raise Bad(501, "5.5.4", "Syntax error after the path")
        params = parse_params(tail, {"SIZE", "BODY", "SMTPUTF8", "RET", "ENVID", "AUTH"})
        utf8 = "SMTPUTF8" in params
        if path != b"":
            _, _, dom = parse_mailbox(path, utf8)
            if dom.startswith("[") and has("address-literal-refused"):
                raise Bad(553, "5.1.7", "Address literals are not accepted")
            if dom.lower().endswith(".invalid") and has("unknown-sender-554"):
                raise Bad(554, "5.7.1", "Sender domain does not exist")
        size = None
        if "SIZE" in params:
            if has("size-param-refused"):
                raise Bad(555, "5.5.4", "SIZE not supported")
            v = params["SIZE"] or b""
            if re.fullmatch(rb"[0-9]{1,20}", v):
                size = int(v)
                if size == 0 and has("size-zero-refused"):
                    raise Bad(501, "5.5.4", "SIZE must be positive")
                limit_hit = size >= SIZE_LIMIT if has("size-at-limit-refused") else size > SIZE_LIMIT
                if limit_hit and not has("size-ignored"):
                    raise Bad(552, "5.3.4", "Message size exceeds fixed maximum message size")
            elif not has("size-lenient"):
                raise Bad(501, "5.5.4", "Syntax: SIZE=<digits>")
        if "BODY" in params:
            if has("body-param-refused"):
                raise Bad(555, "5.5.4", "BODY not supported")
            v = (params["BODY"] or b"").upper()
            if v not in (b"7BIT", b"8BITMIME", b"BINARYMIME") and not has("body-value-unchecked"):
                raise Bad(501, "5.5.4", "Syntax: BODY=7BIT|8BITMIME|BINARYMIME")
        if "SMTPUTF8" in params:
            if has("smtputf8-param-refused"):
                raise Bad(555, "5.5.4", "SMTPUTF8 not supported")
            if params["SMTPUTF8"] is not None and not has("smtputf8-value-ok"):
                raise Bad(501, "5.5.4", "SMTPUTF8 takes no value")
        for k in ("RET", "ENVID"):
            if k in params and has("dsn-params-refused"):
                raise Bad(555, "5.5.4", f"{k} not supported")
        if "RET" in params and (params["RET"] or b"").upper() not in (b"FULL", b"HDRS") and not has("dsn-lenient"):
            raise Bad(501, "5.5.4", "Syntax: RET=FULL|HDRS")
        if "ENVID" in params:
            v = params["ENVID"] or b""
            dec = xtext_decode(v)
            if (dec is None or not v or len(dec) > 100) and not has("dsn-lenient"):
                raise Bad(501, "5.5.4", "Syntax: ENVID=xtext (up to 100 characters)")
            if has("envid-max-64") and len(v) > 64:
                raise Bad(501, "5.5.4", "ENVID too long")
        if "AUTH" in params:
            if has("mail-auth-param-refused") and not self.authenticated:
                raise Bad(555, "5.5.4", "AUTH parameter not accepted")
            v = params["AUTH"] or b""
            if xtext_decode(v) is None:
                raise Bad(501, "5.5.4", "Syntax: AUTH=xtext")
        self.reset()
        self.mail = path
        self.mail_params = params
        self.mail_params["_size"] = size

    def cmd_RCPT(self, args, same_batch):
        if self.mail is None:
            if has("rcpt-before-mail-ok"):
                self.mail = b""
            else:
                raise Bad(503, "5.5.1", "Need MAIL before RCPT")
        if has("pipelining-rcpt-race") and same_batch and self.prev_verb == "MAIL":
            raise Bad(503, "5.5.1", "Need MAIL before RCPT")
        try:
            user, addr = self.parse_rcpt(args)
        except Bad as b:
            if b.code == 501 and has("rcpt-syntax-550"):
                b.code, b.esc = 550, "5.1.3"
            if b.code in (550, 551, 553) and has("rcpt-refusal-554"):
                b.code = 554
            if has("refused-rcpt-resets"):
                self.reset()
            raise
        self.rcpts.append(user)
        self.rcpt_addrs.append(addr)
        self.reply(250, "2.1.5", "Recipient OK")

    def parse_rcpt(self, args):
        if args[:3].upper() != b"TO:":
            raise Bad(501, "5.5.4", "Syntax: RCPT TO:<address> [parameters]")
        path, tail = split_path(args[3:])
        if tail and not tail.startswith(b" "):
            raise Bad(501, "5.5.4", "Syntax error after the path")
        params = parse_params(tail, {"NOTIFY", "ORCPT"})
        if path == b"":
            raise Bad(501, "5.1.3", "Null forward-path")
        routed = path.startswith(b"@")
        utf8 = "SMTPUTF8" in self.mail_params
        local, plain, dom = parse_mailbox(path, utf8, allow_bare_postmaster=True)
        for k in ("NOTIFY", "ORCPT"):
            if k in params and has("dsn-params-refused"):
                raise Bad(555, "5.5.4", f"{k} not supported")
        if "NOTIFY" in params and not has("dsn-lenient"):
            words = (params["NOTIFY"] or b"").upper().split(b",")
            ok = words == [b"NEVER"] or (words and all(w in (b"SUCCESS", b"FAILURE", b"DELAY") for w in words)
                                          and len(set(words)) == len(words))
            if not ok:
                raise Bad(501, "5.5.4", "Syntax: NOTIFY=NEVER or SUCCESS,FAILURE,DELAY")
        if "ORCPT" in params and not has("dsn-lenient"):
            v = params["ORCPT"] or b""
            atype, semi, addr = v.partition(b";")
            dec = xtext_decode(addr) if semi else None
            if not semi or not re.fullmatch(rb"[A-Za-z0-9-]+", atype) or dec is None or not dec or len(dec) > 500:
                raise Bad(501, "5.5.4", "Syntax: ORCPT=addr-type;xtext")
        if self.mail == b"" and has("null-sender-rcpt-refused"):
            raise Bad(550, "5.7.1", "No bounces accepted here")
        if routed and has("source-route-refused"):
            raise Bad(550, "5.7.1", "Relaying through a source route denied")
        limit = 1 if has("single-recipient-only") else 50 if has("recipients-max-50") else MAX_RCPTS
        if len(self.rcpts) >= limit:
            raise Bad(452, "4.5.3", "Too many recipients")
        user = self.resolve(plain, dom)
        return user, (plain + (b"@" + dom.encode() if dom else b""))

    def resolve(self, plain, dom):
        if dom is not None and dom.lower() != DOMAIN:
            raise Bad(550, None if has("esc-missing-on-relay-refusal") else "5.7.1", "Relay access denied")
        text = plain.decode("utf-8", "replace")
        if has("postmaster-case-sensitive"):
            is_pm = text in ("postmaster", "Postmaster")
        else:
            is_pm = text.lower() == "postmaster"
        if is_pm:
            if dom is not None and has("postmaster-at-domain-refused"):
                raise Bad(550, "5.1.1", "User unknown")
            return "alice"
        if text in USERS:
            return text
        raise Bad(550, "5.1.1", "User unknown")

    def cmd_DATA(self, args, same_batch):
        if args and not has("args-ignored"):
            raise Bad(501, "5.5.4", "DATA takes no argument")
        if not has("data-unchecked"):
            if self.mail is None:
                raise Bad(503, "5.5.1", "Need MAIL command")
            if not self.rcpts:
                raise Bad(503, "5.5.1", "Need RCPT command (no valid recipients)")
            if self.bdat is not None and not has("data-after-bdat-ok"):
                raise Bad(503, "5.5.1", "DATA after BDAT")
            if (self.mail_params.get("BODY") or b"").upper() == b"BINARYMIME" and not has("binarymime-data-ok"):
                raise Bad(503, "5.5.1", "BODY=BINARYMIME needs BDAT")
        self.raw(b"354 End data with <CR><LF>.<CR><LF>\r\n")
        lines, info = self.read_data()
        if info == "quit":
            return
        if info == "timeout":
            self.reply(451, "4.4.2", "Timeout waiting for data")
            self.reset()
            return
        if info == "toolong-now":
            self.reply(500, "5.5.2", "Line too long")
            self.reset()
            return
        content = b"".join(x + b"\r\n" for x in lines)
        self.finish_message(content, lines)
        if has("data-two-replies"):
            self.reply(250, "2.0.0", "Ok")

    def read_data(self):
        """-> (lines after unstuffing, info): info is None, 'quit', 'timeout' or 'toolong-now'."""
        if has("terminator-per-read"):
            return self.read_data_per_read()
        term = ("any" if has("any-newline-data") else "lf" if has("bare-lf-ends-data-lines")
                else "cr" if has("bare-cr-ends-data-lines") else "crlf")
        lines, size, blank = [], 0, 0
        declared = self.mail_params.get("_size") if has("size-ends-data") else None
        while True:
            line, _ = self.s.read_line(term)
            if has("lf-dot-lf-ends-data") and b"\n.\n" in line:
                head, _, tail = line.partition(b"\n.\n")
                lines.append(head)
                self.s.pushback(tail + b"\r\n")
                return lines, None
            if has("overlong-text-ends-data") and len(line) + 2 > LINE_LIMIT:
                self.s.pushback(line[LINE_LIMIT:] + b"\r\n")
                return lines, "toolong-now"
            probe = line.replace(b"\0", b"") if has("nul-stripped-data") else line
            if probe == b"." or (has("dot-prefix-ends-data") and probe.startswith(b".")):
                return lines, None
            if has("quit-in-data-executed") and line.upper() == b"QUIT":
                self.reply(221, "2.0.0", "Bye")
                self.closing = True
                return lines, "quit"
            if has("blank-line-ends-data"):
                blank = blank + 1 if line == b"" else 0
                if blank == 2:
                    return lines, None
            if line.startswith(b".") and not has("no-dot-unstuffing"):
                line = line[1:]
            lines.append(line)
            size += len(line) + 2
            if declared is not None and size >= declared:
                return lines, None

    def read_data_per_read(self):
        data = self.s.buf
        self.s.buf = b""
        chunk = data
        while True:
            i = chunk.find(b"\r\n.\r\n")
            if i >= 0 or data.startswith(b".\r\n"):
                if data.startswith(b".\r\n"):
                    body, rest = b"", data[3:]
                else:
                    j = len(data) - len(chunk) + i
                    body, rest = data[:j + 2], data[j + 5:]
                self.s.pushback(rest)
                lines = body.split(b"\r\n")[:-1] if body else []
                return [x[1:] if x.startswith(b".") else x for x in lines], None
            try:
                self.s.fill(timeout=1.0)
            except socket.timeout:
                return [], "timeout"
            chunk = self.s.buf
            self.s.buf = b""
            data += chunk

    def finish_message(self, content, lines):
        """Checks and delivers a complete message; sends the final reply; ends the transaction."""
        code = None
        limit = 60000 if has("message-max-60000") else SIZE_LIMIT
        header_end = content.find(b"\r\n\r\n")
        header = content[:header_end + 2] if header_end >= 0 else content
        has_header = re.match(rb"[!-9;-~]+:", content) is not None
        if len(content) > limit and not has("size-ignored"):
            code = (552, "5.3.4", "Message size exceeds fixed maximum message size")
        elif has("eight-bit-refused") and any(c >= 128 for c in content):
            code = (554, "5.6.0", "8-bit content not accepted")
        elif has("headerless-refused") and not has_header:
            code = (554, "5.6.0", "Message has no header")
        elif has("resent-checked") and re.search(rb"(?im)^Resent-To:", header) and not (
                re.search(rb"(?im)^Resent-From:", header) and re.search(rb"(?im)^Resent-Date:", header)):
            code = (554, "5.6.0", "Incomplete Resent- block")
        elif has("received-parsed") and any(
                not re.match(rb"(?i)Received:\s*from\s.*\sby\s", x) for x in re.findall(rb"(?im)^Received:[^\r\n]*", header)):
            code = (554, "5.6.0", "Malformed Received field")
        elif has("loop-limit-20") and len(re.findall(rb"(?im)^Received:", header)) > 20:
            code = (554, "5.4.6", "Mail loop detected")
        elif has("text-line-max-998") and any(len(x) >= 998 for x in lines):
            code = (500, "5.5.2", "Line too long")
        if code is None and has("bare-postmaster-undeliverable") and any(a.lower() == b"postmaster" for a in self.rcpt_addrs):
            code = (554, "5.1.1", "Cannot deliver to a postmaster without a domain")
        if code:
            self.reply(*code)
            if not has("data-keeps-transaction"):
                self.reset()
            return
        self.deliver(content)
        qid = secrets.token_hex(5).upper()
        self.messages_done += 1
        if not has("data-keeps-transaction"):
            self.reset()
        self.reply(250, "2.0.0", f"Ok: queued as {qid}")

    def deliver(self, content):
        if has("eight-bit-stripped"):
            content = bytes(c & 0x7F for c in content)
        now = email.utils.format_datetime(email.utils.localtime())
        if has("received-two-digit-year"):
            now = re.sub(r" (\d\d)(\d\d) ", r" \2 ", now, count=1)
        for user, addr in zip(self.rcpts, self.rcpt_addrs):
            if user is None:
                continue
            received = (f"Received: from {self.helo_name} ([{self.peer}])\r\n\tby {HOST} with "
                        f"{'ESMTPS' if self.tls else 'ESMTP'} id {secrets.token_hex(4)}\r\n\tfor <"
                        ).encode() + addr + f">; {now}\r\n".encode()
            if has("no-received"):
                data = content
            elif has("received-appended"):
                end = content.find(b"\r\n\r\n")
                data = content[:end + 2] + received + content[end + 2:] if end >= 0 else received + content
            else:
                data = received + content
            STORE.deliver(user, data)

    def cmd_BDAT(self, args, same_batch):
        m = re.fullmatch(rb"([0-9]{1,9})(?: +([A-Za-z]+))?", args)
        if not m:
            raise Bad(501, "5.5.4", "Syntax: BDAT <size> [LAST]")
        n = int(m.group(1))
        kw = m.group(2)
        last = kw is not None and (kw == b"LAST" if has("bdat-last-case-sensitive") else kw.upper() == b"LAST")
        problem = None
        if kw is not None and not last:
            problem = (501, "5.5.4", "Syntax: BDAT <size> [LAST]")
        elif last and has("bdat-no-last"):
            problem = (501, "5.5.4", "Syntax: BDAT <size>")
        elif n == 0 and has("bdat-zero-refused"):
            problem = (501, "5.5.4", "BDAT size must be positive")
        elif self.mail is None:
            problem = (503, "5.5.1", "Need MAIL command")
        elif not self.rcpts:
            problem = (503, "5.5.1", "Need RCPT command")
        if problem and has("bdat-refusal-keeps-data"):
            raise Bad(*problem)
        chunk = self.s.read_exact(n)
        if problem:
            raise Bad(*problem)
        if has("bdat-dot-ends") and b"\r\n.\r\n" in chunk:
            head, _, tail = chunk.partition(b"\r\n.\r\n")
            self.s.pushback(tail)
            content = b"".join(self.bdat or []) + head + b"\r\n"
            self.finish_message(content, content.split(b"\r\n"))
            return
        if self.bdat is None:
            self.bdat = []
        self.bdat.append(chunk)
        if last:
            content = b"".join(self.bdat)
            self.finish_message(content, content.split(b"\r\n"))
        else:
            self.reply(250, "2.0.0", f"{n} octets received")

    def cmd_RSET(self, args, same_batch):
        if args and not has("args-ignored"):
            raise Bad(501, "5.5.4", "RSET takes no argument")
        if has("rset-keeps-sender"):
            self.rcpts, self.rcpt_addrs, self.bdat = [], [], None
        elif not has("rset-keeps-transaction"):
            self.reset()
        self.need_rset = False
        self.reply(250, "2.0.0", "Ok")
        if has("rset-closes"):
            raise Closed()

    def cmd_NOOP(self, args, same_batch):
        if args and has("noop-args-refused"):
            raise Bad(501, "5.5.4", "NOOP takes no argument")
        if has("commands-reset-transaction"):
            self.reset()
        self.reply(250, "2.0.0", "Ok")
        if has("noop-two-replies"):
            self.reply(250, "2.0.0", "Ok")

    def cmd_QUIT(self, args, same_batch):
        if args and not has("args-ignored"):
            raise Bad(501, "5.5.4", "QUIT takes no argument")
        if self.helo is None and has("quit-needs-ehlo"):
            raise Bad(503, "5.5.1", "Send EHLO first")
        if self.mail is not None and has("quit-refused-in-transaction"):
            raise Bad(503, "5.5.1", "Transaction in progress")
        self.reply(221, "2.0.0", "Bye")
        if not has("quit-no-close"):
            self.closing = True

    def vrfy_target(self, args, what):
        if not args:
            raise Bad(501, "5.5.4", f"Syntax: {what} <string>")
        parts = args.split(b" ")
        target, params = parts[0], parts[1:]
        utf8 = False
        for p in params:
            if p.upper() == b"SMTPUTF8":
                if has("vrfy-param-refused"):
                    raise Bad(555, "5.5.4", "SMTPUTF8 not supported here")
                utf8 = True
            else:
                raise Bad(555, "5.5.4", "Unsupported parameter")
        if any(c >= 128 for c in target) and not utf8:
            raise Bad(553, "5.6.7", "8-bit address needs SMTPUTF8")
        if target.startswith(b"<") and target.endswith(b">"):
            target = target[1:-1]
        return target.decode("utf-8", "replace")

    def cmd_VRFY(self, args, same_batch):
        if has("commands-reset-transaction"):
            self.reset()
        if not args and has("vrfy-expn-empty-ok"):
            self.reply(252, "2.1.5", "Cannot VRFY user, but will accept message and attempt delivery")
            return
        t = self.vrfy_target(args, "VRFY")
        if has("vrfy-always-250"):
            self.reply(250, "2.1.5", f"<{t}>")
            return
        local, _, dom = t.rpartition("@")
        if not local:
            local, dom = t, DOMAIN
        if dom.lower() != DOMAIN:
            self.reply(252, "2.1.5", "Cannot VRFY user, but will accept message and attempt delivery")
            return
        if local.lower() == "postmaster":
            local = "postmaster"
        elif local not in USERS:
            raise Bad(550, "5.1.1", "User unknown")
        mbox = f"{local}@{DOMAIN}"
        if has("vrfy-no-mailbox"):
            self.reply(250, "2.1.5", "User exists")
        elif has("vrfy-no-brackets"):
            self.reply(250, "2.1.5", mbox)
        else:
            self.reply(250, "2.1.5", f"{local.capitalize()} <{mbox}>")

    def cmd_EXPN(self, args, same_batch):
        if has("expn-502"):
            raise Bad(502, "5.5.1", "Command not implemented")
        if not args and has("vrfy-expn-empty-ok"):
            args = b"postmaster"
        t = self.vrfy_target(args, "EXPN")
        name = t.split("@")[0].lower()
        if name != "postmaster":
            raise Bad(550, "5.1.1", "No such list")
        if has("expn-no-mailbox"):
            self.reply(250, "2.1.5", "The postmaster list has one member")
        else:
            self.reply(251 if has("expn-odd-code") else 250, "2.1.5", f"Alice <alice@{DOMAIN}>")

    def cmd_HELP(self, args, same_batch):
        if has("commands-reset-transaction"):
            self.reset()
        if has("help-502"):
            raise Bad(502, "5.5.1", "Command not implemented")
        code = 250 if has("help-250") else 214
        if args and has("help-args-refused"):
            raise Bad(504, "5.5.4", "HELP takes no argument here")
        if args:
            topic = args.decode("ascii", "replace").upper()
            texts = {"MAIL": "MAIL FROM:<reverse-path> [SIZE= BODY= SMTPUTF8 RET= ENVID= AUTH=]",
                     "RCPT": "RCPT TO:<forward-path> [NOTIFY= ORCPT=]"}
            if topic not in texts:
                raise Bad(504, "5.5.4", "No help for that")
            self.reply(code, "2.0.0", texts[topic])
            return
        first = "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY EXPN HELP STARTTLS AUTH"
        if has("reply-line-600-octets"):
            first += " " + "x" * (600 - len(first))
        last = ("2.0.1", "End of HELP") if has("esc-multiline-differs") else "End of HELP"
        self.reply(code, "2.0.0", first, more=["See RFC 5321 for the details", last])

    def cmd_TURN(self, args, same_batch):
        if has("turn-accepted"):
            self.reply(250, "2.0.0", "Ok, roles reversed")
            return
        raise Bad(502, "5.5.1", "Command not implemented")

    def obsolete(self, args, same_batch):
        if has("send-implemented"):
            self.reply(250, "2.1.0", "Ok")
            return
        raise Bad(502, "5.5.1", "Command not implemented")

    cmd_SEND = cmd_SOML = cmd_SAML = obsolete

    def cmd_ETRN(self, args, same_batch):
        raise Bad(502, "5.5.1", "Command not implemented")

    # -- STARTTLS
    def cmd_STARTTLS(self, args, same_batch):
        if TLS_CTX is None:
            raise Bad(502, "5.5.1", "Command not implemented")
        if self.tls and not has("second-starttls-ok"):
            raise Bad(503, "5.5.1", "TLS already active")
        if args and not has("starttls-param-ignored"):
            raise Bad(501, "5.5.4", "STARTTLS takes no argument")
        if same_batch and has("starttls-pipelined-refused"):
            raise Bad(503, "5.5.1", "STARTTLS must not be pipelined")
        self.reply(220, "2.0.0", "Ready to start TLS")
        leftover = self.s.buf
        self.s.buf = b""
        try:
            self.s.sock = TLS_CTX.wrap_socket(self.s.sock, server_side=True)
        except (ssl.SSLError, OSError):
            raise Closed() from None
        self.tls = True
        if has("starttls-injection"):
            self.s.buf = leftover
        self.helo = None
        self.authenticated = False
        if not has("tls-no-reset"):
            self.reset()

    # -- AUTH
    def read_response(self):
        line, too_long = self.read_command_line()
        if too_long:
            raise Bad(500, "5.5.6", "Authentication exchange line is too long")
        if line == b"*":
            if has("star-cancel-535"):
                raise Bad(535, "5.7.8", "Authentication credentials invalid")
            raise Bad(501, "5.7.0", "Authentication cancelled")
        return self.decode(line)

    def decode(self, data):
        if has("base64-lenient"):
            cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", data)
            cleaned += b"=" * (-len(cleaned) % 4)
            try:
                return base64.b64decode(cleaned)
            except ValueError:
                return b""
        if not B64_RE.match(data):
            raise Bad(501, "5.5.2", "Invalid base64")
        return base64.b64decode(data)

    def challenge(self, data):
        text = base64.b64encode(data)
        if has("challenge-text"):
            text = (text + b" go ahead") if text else b"go ahead"
        self.raw(b"334 " + text + b"\r\n")
        return self.read_response()

    def auth_failed(self):
        self.auth_failures += 1
        if has("auth-drop-after-two") and self.auth_failures >= 2:
            self.reply(535, "5.7.8", "Authentication credentials invalid")
            raise Closed()
        if has("auth-failure-454"):
            raise Bad(454, "4.7.0", "Temporary authentication failure")
        raise Bad(535, "5.7.0" if has("auth-failure-no-578") else "5.7.8", "Authentication credentials invalid")

    def cmd_AUTH(self, args, same_batch):
        if self.helo is None:
            raise Bad(503, "5.5.1", "Send EHLO first")
        if self.authenticated and not has("auth-twice-ok"):
            raise Bad(503, "5.5.1", "Already authenticated")
        if self.mail is not None and not has("auth-in-transaction-ok"):
            raise Bad(503, "5.5.1", "AUTH not allowed in a mail transaction")
        parts = args.split(b" ")
        mech_text = parts[0].decode("ascii", "replace")
        mech = mech_text if has("mech-case-sensitive") else mech_text.upper()
        if mech not in SASL_MECHS:
            if has("unknown-mech-535"):
                raise Bad(535, "5.7.8", "Authentication failed")
            raise Bad(504, "5.5.4", "Unrecognized authentication type")
        if len(parts) > 2:
            raise Bad(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]")
        ir = None
        if len(parts) == 2:
            if has("auth-ir-refused"):
                raise Bad(501, "5.5.4", "Initial responses are not supported")
            if parts[1] == b"=":
                ir = None if has("auth-equals-means-no-ir") else b""
            else:
                ir = self.decode(parts[1])
        user = None
        if mech == "PLAIN":
            msg = ir if ir is not None else self.challenge(b"")
            fields = msg.split(b"\0")
            if len(fields) == 3 and fields[1] and (fields[0] in (b"", fields[1])):
                u, p = fields[1].decode("utf-8", "replace"), fields[2].decode("utf-8", "replace")
                if USERS.get(u) == p:
                    user = u
        elif mech == "LOGIN":
            u = ir if ir is not None else self.challenge(b"Username:")
            p = self.challenge(b"Password:")
            u, p = u.decode("utf-8", "replace"), p.decode("utf-8", "replace")
            if USERS.get(u) == p:
                user = u
        elif mech == "CRAM-MD5":
            if ir is not None and not has("cram-md5-ir-ignored"):
                raise Bad(501, "5.7.0", "CRAM-MD5 does not take an initial response")
            ts = f"<{secrets.randbelow(10**9)}.{int(time.time())}@{HOST}>".encode()
            resp = self.challenge(ts)
            name, _, digest = resp.rpartition(b" ")
            u = name.decode("utf-8", "replace")
            if u in USERS:
                want = hmac.new(USERS[u].encode(), ts, hashlib.md5).hexdigest().encode()
                if hmac.compare_digest(want, digest):
                    user = u
        else:
            user = self.scram(mech, ir)
        if user is None:
            self.auth_failed()
        self.authenticated = True
        self.reply(235, "2.7.0", "Authentication successful")

    def scram(self, mech, ir):
        algo = hashlib.sha1 if mech == "SCRAM-SHA-1" else hashlib.sha256
        first = ir if ir is not None else self.challenge(b"")
        m = re.fullmatch(rb"([ny]),(?:a=[^,]*)?,(n=([^,]*),r=([^,]+)(?:,.*)?)", first)
        if not m:
            raise Bad(501, "5.5.2", "Bad SCRAM client-first-message")
        gs2 = first[:first.index(b",", 2) + 1]
        bare, name, cnonce = m.group(2), m.group(3).decode("utf-8", "replace"), m.group(4)
        salt = hashlib.sha256(("salt-" + name).encode()).digest()[:16]
        nonce = cnonce + base64.b64encode(secrets.token_bytes(18))
        server_first = b"r=" + nonce + b",s=" + base64.b64encode(salt) + f",i={SCRAM_ITERATIONS}".encode()
        final = self.challenge(server_first)
        fm = re.fullmatch(rb"(c=([^,]*),r=([^,]*)(?:,.*)?),p=([^,]+)", final)
        if not fm or fm.group(3) != nonce or base64.b64decode(fm.group(2)) != gs2:
            raise Bad(501, "5.5.2", "Bad SCRAM client-final-message")
        password = USERS.get(name)
        if password is None:
            self.auth_failed()
        salted = hashlib.pbkdf2_hmac(algo().name, password.encode(), salt, SCRAM_ITERATIONS)
        client_key = hmac.new(salted, b"Client Key", algo).digest()
        stored = algo(client_key).digest()
        auth_message = bare + b"," + server_first + b"," + fm.group(1)
        signature = hmac.new(stored, auth_message, algo).digest()
        proof = base64.b64decode(fm.group(4))
        recovered = bytes(a ^ b for a, b in zip(proof, signature))
        if len(proof) != len(signature) or algo(recovered).digest() != stored:
            self.auth_failed()
        server_key = hmac.new(client_key if has("scram-bad-signature") else salted, b"Server Key", algo).digest()
        verifier = hmac.new(server_key, auth_message, algo).digest()
        self.challenge(b"v=" + base64.b64encode(verifier))
        return name


# ---- IMAP read-back ---------------------------------------------------------------------------------------

class ImapSession:
    """Just enough IMAP4rev1 to read delivered messages back (no state beyond the selected INBOX)."""

    def __init__(self, sock):
        self.s = Stream(sock)
        self.user = None
        self.selected = False

    def send(self, text):
        self.s.send(text.encode("utf-8") if isinstance(text, str) else text)

    def run(self):
        try:
            self.send("* OK [CAPABILITY IMAP4rev1] mailspec reference read-back ready\r\n")
            while True:
                line, too_long = self.s.read_line("crlf", 8192)
                if too_long:
                    self.send("* BAD line too long\r\n")
                    continue
                if not self.handle(line.decode("utf-8", "replace")):
                    return
        except (Closed, OSError):
            pass

    @staticmethod
    def astrings(text):
        out, i = [], 0
        while i < len(text):
            if text[i] == " ":
                i += 1
            elif text[i] == '"':
                j, val = i + 1, ""
                while j < len(text) and text[j] != '"':
                    if text[j] == "\\" and j + 1 < len(text):
                        j += 1
                    val += text[j]
                    j += 1
                out.append(val)
                i = j + 1
            else:
                j = text.find(" ", i)
                j = len(text) if j < 0 else j
                out.append(text[i:j])
                i = j
        return out

    def handle(self, line):
        tag, _, rest = line.partition(" ")
        cmd, _, args = rest.partition(" ")
        cmd = cmd.upper()
        if cmd == "CAPABILITY":
            self.send(f"* CAPABILITY IMAP4rev1\r\n{tag} OK CAPABILITY completed\r\n")
        elif cmd == "NOOP":
            self.send(f"{tag} OK NOOP completed\r\n")
        elif cmd == "LOGOUT":
            self.send(f"* BYE logging out\r\n{tag} OK LOGOUT completed\r\n")
            return False
        elif cmd == "LOGIN":
            a = self.astrings(args)
            if len(a) == 2 and USERS.get(a[0]) == a[1]:
                self.user = a[0]
                self.send(f"{tag} OK LOGIN completed\r\n")
            else:
                self.send(f"{tag} NO [AUTHENTICATIONFAILED] invalid credentials\r\n")
        elif self.user is None:
            self.send(f"{tag} BAD log in first\r\n")
        elif cmd in ("SELECT", "EXAMINE"):
            msgs = STORE.messages(self.user)
            uidnext = msgs[-1][0] + 1 if msgs else 1
            self.selected = True
            self.send(f"* {len(msgs)} EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Seen)\r\n* OK [UIDVALIDITY 1] UIDs valid\r\n"
                      f"* OK [UIDNEXT {uidnext}] next\r\n{tag} OK [READ-WRITE] SELECT completed\r\n")
        elif cmd == "UID" and self.selected:
            sub, _, sargs = args.partition(" ")
            sub = sub.upper()
            msgs = STORE.messages(self.user)
            if sub == "SEARCH":
                a = self.astrings(sargs)
                if len(a) != 2 or a[0].upper() != "SUBJECT":
                    self.send(f"{tag} BAD only UID SEARCH SUBJECT <string>\r\n")
                    return True
                needle = a[1].lower().encode("utf-8")
                found = []
                for uid, data in msgs:
                    head = data.split(b"\r\n\r\n", 1)[0]
                    m = re.search(rb"(?im)^Subject:([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", head)
                    if m and needle in m.group(1).lower():
                        found.append(str(uid))
                self.send(f"* SEARCH{''.join(' ' + u for u in found)}\r\n{tag} OK SEARCH completed\r\n")
            elif sub == "FETCH":
                m = re.fullmatch(r"(\d+) BODY\.PEEK\[(HEADER)?\]", sargs, re.I)
                if not m:
                    self.send(f"{tag} BAD only UID FETCH n BODY.PEEK[] or BODY.PEEK[HEADER]\r\n")
                    return True
                out = b""
                for seq, (uid, data) in enumerate(msgs, 1):
                    if uid != int(m.group(1)):
                        continue
                    section = "HEADER" if m.group(2) else ""
                    body = data
                    if section:
                        end = data.find(b"\r\n\r\n")
                        body = data[:end + 4] if end >= 0 else data
                    # A literal carries no NUL (RFC 3501 CHAR8): send 0x80 instead. A stored NUL comes from
                    # defect eight-bit-stripped, which the FETCH text must show rather than garble.
                    body = body.replace(b"\x00", b"\x80")
                    out += (f"* {seq} FETCH (UID {uid} BODY[{section}] {{{len(body)}}}\r\n").encode() + body + b")\r\n"
                self.send(out + f"{tag} OK FETCH completed\r\n".encode())
            else:
                self.send(f"{tag} BAD unsupported UID command\r\n")
        else:
            self.send(f"{tag} BAD unsupported command\r\n")
        return True


# ---- servers ------------------------------------------------------------------------------------------

class SmtpHandler(socketserver.BaseRequestHandler):
    def handle(self):
        Session(self.request, self.client_address[0]).run()


class ImapHandler(socketserver.BaseRequestHandler):
    def handle(self):
        ImapSession(self.request).run()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


def main():
    global TLS_CTX
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--defect", action="append", default=[], help="a deviation to inject (repeatable)")
    ap.add_argument("--cert", help="PEM certificate for STARTTLS")
    ap.add_argument("--key", help="PEM private key for STARTTLS")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--imap-port-dir", help="write the IMAP read-back port to DIR/<SMTP port>")
    ap.add_argument("--lifeline", action="store_true", help="exit when stdin reaches end of file")
    ap.add_argument("--list-defects", action="store_true")
    a = ap.parse_args()
    if a.list_defects:
        for name, what in DEFECTS.items():
            print(f"{name}\t{what}")
        return 0
    unknown = [d for d in a.defect if d not in DEFECTS]
    if unknown:
        print(f"unknown defect(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    D.update(a.defect)
    if a.cert:
        TLS_CTX = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        TLS_CTX.load_cert_chain(a.cert, a.key)
    smtp = Server(("127.0.0.1", a.port), SmtpHandler)
    imap = Server(("127.0.0.1", 0), ImapHandler)
    for srv in (smtp, imap):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    if a.imap_port_dir:
        path = os.path.join(a.imap_port_dir, str(smtp.server_address[1]))
        with open(path + ".tmp", "w") as f:
            f.write(f"{imap.server_address[1]}\n")
        os.replace(path + ".tmp", path)
    print(f"PORT {smtp.server_address[1]}", flush=True)
    if a.lifeline:
        try:
            sys.stdin.buffer.read()
        except (OSError, ValueError):
            pass
        return 0
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
