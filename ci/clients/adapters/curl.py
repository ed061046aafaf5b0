"""curl as an SMTP, POP3 and IMAP client (libcurl's own implementations of the three protocols).

SMTP: one message to bob@example.test from the file given (curl dot-stuffs it), EHLO name from the URL path.
POP3: RETR 1 (`pop3://HOST:PORT/1`). IMAP: SELECT INBOX, FETCH 1 BODY[] (`imap://HOST:PORT/INBOX/;MAILINDEX=1`).
TLS: `--ssl` (STARTTLS when offered), `--ssl-reqd` (STARTTLS or give up), the smtps/pop3s/imaps scheme for
implicit TLS; the generated CA with `--cacert`. Credentials from a netrc file (mode 0600, not on the command
line); a mechanism with `--login-options AUTH=MECH` (APOP: `AUTH=+APOP`). curl 7.88 has no SCRAM: with
a SCRAM tag it is left to choose (AUTH=*), which the log notes.
"""
from adapters import common

PROGRAM = "curl"
PROTOCOLS = ("smtp", "pop3", "imap")
SCHEMES = {("smtp", False): "smtp", ("smtp", True): "smtps", ("pop3", False): "pop3", ("pop3", True): "pop3s",
           ("imap", False): "imap", ("imap", True): "imaps"}
PATHS = {"smtp": "/" + common.HELO, "pop3": "/1", "imap": "/INBOX/;MAILINDEX=1"}


def invocation(c):
    notes = []
    url = f"{SCHEMES[(c.proto, c.tls == 'implicit')]}://{c.host}:{c.port}{PATHS[c.proto]}"
    argv = [PROGRAM, "--verbose", "--show-error", "--max-time", str(c.timeout), "--connect-timeout", "5",
            "--cacert", c.cafile, url]
    argv += {"starttls": ["--ssl"], "require": ["--ssl-reqd"]}.get(c.tls, [])
    if c.proto != "smtp" or c.auth:
        netrc = common.write_private(c.workdir / "netrc", f"machine {c.host} login {c.user} password {c.password}\n")
        argv += ["--netrc-file", netrc]
    if c.auth in ("PLAIN", "LOGIN", "CRAM-MD5"):
        argv += ["--login-options", f"AUTH={c.auth}"]
    elif c.auth == "APOP" and c.proto == "pop3":
        argv += ["--login-options", "AUTH=+APOP"]
    elif c.auth and c.auth != "any":
        notes.append(f"curl cannot be told to use {c.auth}: it chooses among what the server offers")
    if c.proto == "smtp":
        msg = c.workdir / "message.eml"
        msg.write_bytes(common.MESSAGE)
        argv += ["--mail-from", common.SENDER, "--mail-rcpt", common.RCPT, "--upload-file", str(msg)]
    else:
        argv += ["--output", str(c.workdir / "retrieved.eml")]
    return common.Invocation(argv, notes=notes)
