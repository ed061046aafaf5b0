#!/usr/bin/env python3
"""Real clients for `mailspec serve`: Python's smtplib, poplib and imaplib, each doing what an ordinary
program does, once per connection, against the fake server.

    python_clients.py smtp|pop3|imap --port N [--host H] [--connections K] [--cafile CA.pem]
                      [--tls none|starttls|require|implicit] [--starttls] [--auth MECH]
                      [--user NAME] [--password-env VAR]

--tls: `starttls` upgrades when the server offers it (SMTP: STARTTLS in the EHLO reply; POP3: STLS in
CAPA; IMAP: STARTTLS in CAPABILITY); `require` upgrades or gives up before logging in or sending mail;
`implicit` uses SMTP_SSL, POP3_SSL, IMAP4_SSL. --starttls (older form): SMTP as `starttls`, POP3 and IMAP
always issue STLS/STARTTLS.
--auth: SMTP logs in only when given (`any`: smtplib's login(), which picks among the advertised
mechanisms; PLAIN, LOGIN, CRAM-MD5: that one); POP3: `APOP` uses APOP, anything else USER/PASS (poplib
has no SASL); IMAP: PLAIN and CRAM-MD5 with AUTHENTICATE, anything else LOGIN. A mechanism the library
cannot do is said on stderr, and the default login is used.
The password is read from the environment variable --password-env (default: alice-password).

Each connection is bounded in time (--timeout, default 10 s); a client error is printed and the next
connection goes on: the verdicts are the fake server's, not this script's. Exit status 0 when every
connection ended without an exception, 1 otherwise, 2 when the arguments are wrong."""
import argparse
import imaplib
import os
import poplib
import smtplib
import ssl
import sys

MESSAGE = ("From: alice@example.test\r\nTo: bob@example.test\r\nSubject: hello\r\n"
           "Date: Mon, 07 Dec 2026 00:00:00 +0000\r\nMessage-ID: <python-client@example.test>\r\n"
           "\r\n.mailspec-dot-line: this line starts with a dot\r\nbye\r\n")


def tls_context(cafile):
    return ssl.create_default_context(cafile=cafile) if cafile else ssl.create_default_context()


def note(text):
    print(f"note: {text}", file=sys.stderr)


def smtp_login(s, a):
    s.user, s.password = a.user, a.password
    if a.auth == "any":
        s.login(a.user, a.password)
    elif a.auth in ("PLAIN", "LOGIN", "CRAM-MD5"):
        s.ehlo_or_helo_if_needed()
        s.auth(a.auth, getattr(s, "auth_" + a.auth.lower().replace("-", "_")))
    else:
        note(f"smtplib has no {a.auth}; login() picks a mechanism")
        s.login(a.user, a.password)


def smtp_once(a):
    if a.tls == "implicit":
        s = smtplib.SMTP_SSL(a.host, a.port, local_hostname="client.example.test", timeout=a.timeout,
                             context=tls_context(a.cafile))
    else:
        s = smtplib.SMTP(a.host, a.port, local_hostname="client.example.test", timeout=a.timeout)
    with s:
        s.ehlo()
        if a.tls == "require" or (a.tls == "starttls" and s.has_extn("starttls")):
            s.starttls(context=tls_context(a.cafile))  # not offered or refused: an exception, no mail sent
            s.ehlo()
        if a.auth:
            smtp_login(s, a)
        s.sendmail("alice@example.test", ["bob@example.test"], MESSAGE)


def pop3_once(a):
    if a.tls == "implicit":
        p = poplib.POP3_SSL(a.host, a.port, timeout=a.timeout, context=tls_context(a.cafile))
    else:
        p = poplib.POP3(a.host, a.port, timeout=a.timeout)
    if a.tls in ("starttls", "require"):
        try:
            caps = p.capa()
        except poplib.error_proto:
            caps = {}
        if a.tls == "require" or "STLS" in caps:
            p.stls(context=tls_context(a.cafile))
    if a.auth == "APOP":
        p.apop(a.user, a.password)
    else:
        if a.auth not in (None, "any"):
            note(f"poplib has no SASL ({a.auth}); USER/PASS")
        p.user(a.user)
        p.pass_(a.password)
    p.stat()
    p.retr(1)
    p.quit()


def imap_once(a):
    if a.tls == "implicit":
        m = imaplib.IMAP4_SSL(a.host, a.port, timeout=a.timeout, ssl_context=tls_context(a.cafile))
    else:
        m = imaplib.IMAP4(a.host, a.port, timeout=a.timeout)
    if a.tls == "require" or (a.tls == "starttls" and "STARTTLS" in m.capabilities):
        m.starttls(ssl_context=tls_context(a.cafile))
    if a.auth == "PLAIN":
        m.authenticate("PLAIN", lambda _: f"\0{a.user}\0{a.password}".encode())
    elif a.auth == "CRAM-MD5":
        m.login_cram_md5(a.user, a.password)
    else:
        if a.auth not in (None, "any", "LOGIN"):
            note(f"imaplib cannot do {a.auth} here; LOGIN")
        m.login(a.user, a.password)
    m.select("INBOX")
    m.fetch("1", "(FLAGS RFC822.SIZE)")
    m.logout()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("protocol", choices=["smtp", "pop3", "imap"])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--connections", type=int, default=1)
    ap.add_argument("--tls", choices=["none", "starttls", "require", "implicit"], default="none")
    ap.add_argument("--starttls", action="store_true", help="the older form: see above")
    ap.add_argument("--auth", help="any, PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1, SCRAM-SHA-256, APOP")
    ap.add_argument("--user", default="alice")
    ap.add_argument("--password-env")
    ap.add_argument("--cafile")
    ap.add_argument("--timeout", type=float, default=10.0)
    a = ap.parse_args()
    if a.starttls and a.tls == "none":
        a.tls = "starttls" if a.protocol == "smtp" else "require"
    a.password = os.environ.get(a.password_env, "") if a.password_env else "alice-password"
    once = {"smtp": smtp_once, "pop3": pop3_once, "imap": imap_once}[a.protocol]
    status = 0
    for i in range(a.connections):
        try:
            once(a)
            print(f"{a.protocol} client: connection {i + 1}: done")
        except Exception as e:  # the fake server judges; here a failure is only reported
            print(f"{a.protocol} client: connection {i + 1}: {type(e).__name__}: {e}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
