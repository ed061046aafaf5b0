"""What every adapter of ci/clients/adapters/ shares: the context of one client run, what an adapter
returns, the message the SMTP clients send, and redaction of the password (also base64-encoded) from
what is kept."""
import base64
import binascii
import contextlib
import dataclasses
import os
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent

SENDER, RCPT, HELO = "alice@example.test", "bob@example.test", "client.example.test"

# The message the SMTP clients submit: CRLF lines, one that starts with ".mailspec-dot-line" (the line
# suites/smtp-client looks for; dot-stuffing is the
# client's job, RFC 5321 §4.5.2), a header a real program would write.
MESSAGE = (b"From: Alice <alice@example.test>\r\n"
           b"To: Bob <bob@example.test>\r\n"
           b"Subject: mailspec real-client test\r\n"
           b"Date: Mon, 07 Dec 2026 00:00:00 +0000\r\n"
           b"Message-ID: <real-client-test@example.test>\r\n"
           b"\r\n"
           b"Hello Bob,\r\n"
           b".mailspec-dot-line: this line starts with a dot\r\n"
           b"bye\r\n")


@dataclasses.dataclass
class Context:
    """One client run: where the fake server is and how the case wants the client configured."""
    proto: str           # smtp, pop3, imap
    host: str
    port: int
    cafile: str          # the CA `mailspec serve` generated: the client must trust it
    tls: str             # none | starttls (use it when offered) | require (STARTTLS or give up) | implicit
    auth: str | None     # SMTP: None (no AUTH) or a mechanism; POP3/IMAP: None (the client's default login),
                         # any, PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1, SCRAM-SHA-256, APOP
    user: str
    password: str
    workdir: pathlib.Path  # a fresh directory of this run (config files, delivered mail)
    timeout: int         # seconds the client's own timeout may use (the driver kills it a little later)
    case_id: str


@dataclasses.dataclass
class Invocation:
    argv: list
    env: dict = dataclasses.field(default_factory=dict)
    stdin: bytes | None = None
    notes: list = dataclasses.field(default_factory=list)  # settings the client cannot be given, and why


def write_private(path, text):
    """A configuration file holding the password: mode 0600 from the start (msmtp and fetchmail insist)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return str(path)


B64 = re.compile(rb"[A-Za-z0-9+/]{8,}={0,2}")


def redact_bytes(data, password):
    """The password replaced by <redacted>, also inside a base64 token (AUTH PLAIN and LOGIN payloads, which
    verbose clients print)."""
    if not password:
        return data
    secret = password.encode()

    def hide(m):
        with contextlib.suppress(ValueError, binascii.Error):
            if secret in base64.b64decode(m.group(0) + b"=" * (-len(m.group(0)) % 4)):
                return b"<redacted>"
        return m.group(0)

    return B64.sub(hide, data.replace(secret, b"<redacted>"))


def redact(text, password):
    return redact_bytes(text.encode(), password).decode(errors="replace")


def keep_output(src, dst, password):
    """Keeps what the client printed (its own log), the password redacted."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(redact_bytes(src.read_bytes() if src.exists() else b"", password))


def adapter_names():
    return sorted(p.stem for p in HERE.glob("*.py") if p.stem not in ("common", "__init__"))
