#!/usr/bin/env python3
"""Real clients for `mailspec serve`: Python's smtplib, poplib and imaplib, each doing what an ordinary
program does, once per connection, against the fake server on 127.0.0.1.

    python_clients.py smtp|pop3|imap --port N [--connections K] [--starttls] [--cafile CA.pem]

--starttls: SMTP upgrades when the server offers STARTTLS; POP3 and IMAP always issue STLS/STARTTLS.

Each connection is bounded in time (--timeout, default 10 s); a client error is printed and the next
connection goes on: the verdicts are the fake server's, not this script's. Exit status 0 unless the
arguments are wrong."""
import argparse
import imaplib
import poplib
import smtplib
import ssl
import sys


def tls_context(cafile):
    ctx = ssl.create_default_context(cafile=cafile) if cafile else ssl.create_default_context()
    return ctx


def smtp_once(a):
    with smtplib.SMTP("127.0.0.1", a.port, local_hostname="client.example.test", timeout=a.timeout) as s:
        s.ehlo()
        if a.starttls and s.has_extn("starttls"):  # opportunistic, as most programs do it
            s.starttls(context=tls_context(a.cafile))
            s.ehlo()
        s.sendmail("alice@example.test", ["bob@example.test"],
                   "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: hello\r\n\r\n.a line with a dot\r\nbye\r\n")


def pop3_once(a):
    p = poplib.POP3("127.0.0.1", a.port, timeout=a.timeout)
    if a.starttls:
        p.stls(context=tls_context(a.cafile))
    p.user("alice")
    p.pass_("alice-password")
    p.stat()
    p.retr(1)
    p.quit()


def imap_once(a):
    m = imaplib.IMAP4("127.0.0.1", a.port, timeout=a.timeout)
    if a.starttls:
        m.starttls(ssl_context=tls_context(a.cafile))
    m.login("alice", "alice-password")
    m.select("INBOX")
    m.fetch("1", "(FLAGS RFC822.SIZE)")
    m.logout()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("protocol", choices=["smtp", "pop3", "imap"])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--connections", type=int, default=1)
    ap.add_argument("--starttls", action="store_true")
    ap.add_argument("--cafile")
    ap.add_argument("--timeout", type=float, default=10.0)
    a = ap.parse_args()
    once = {"smtp": smtp_once, "pop3": pop3_once, "imap": imap_once}[a.protocol]
    for i in range(a.connections):
        try:
            once(a)
            print(f"{a.protocol} client: connection {i + 1}: done")
        except Exception as e:  # the fake server judges; here a failure is only reported
            print(f"{a.protocol} client: connection {i + 1}: {type(e).__name__}: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
