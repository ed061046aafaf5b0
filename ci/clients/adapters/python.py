"""Python's smtplib, poplib and imaplib (Debian's python3), through ci/clients/python_clients.py: one
connection per run, configured with --tls none|starttls|require|implicit and --auth MECH (see that
script: smtplib logs in only when a tag asks for it; poplib has USER/PASS and APOP, no SASL; imaplib
LOGIN, AUTHENTICATE PLAIN, CRAM-MD5). The password reaches it through the environment."""
import pathlib
import sys

from adapters import common

PROGRAM = "python3"
PROTOCOLS = ("smtp", "pop3", "imap")
SCRIPT = pathlib.Path(__file__).resolve().parents[1] / "python_clients.py"
LIBRARY = {"smtp": "smtplib", "pop3": "poplib", "imap": "imaplib"}


def invocation(c):
    notes = []
    argv = [sys.executable, str(SCRIPT), c.proto, "--host", c.host, "--port", str(c.port), "--cafile", c.cafile,
            "--tls", c.tls, "--timeout", str(c.timeout), "--user", c.user, "--password-env", "MAILSPEC_CLIENT_PW"]
    auth = c.auth
    if auth:
        supported = {"smtp": ("any", "PLAIN", "LOGIN", "CRAM-MD5"), "pop3": ("any", "APOP"),
                     "imap": ("any", "PLAIN", "LOGIN", "CRAM-MD5")}[c.proto]
        if auth not in supported:
            notes.append(f"{LIBRARY[c.proto]} cannot do {auth}: its default login instead")
            auth = "any"
        argv += ["--auth", auth]
    return common.Invocation(argv, env={"MAILSPEC_CLIENT_PW": c.password}, notes=notes)
