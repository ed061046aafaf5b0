"""swaks, the Swiss Army Knife for SMTP: one message from a file (`--data @FILE`), EHLO client.example.test.

TLS: `--tls-optional-strict` (STARTTLS when offered; a failed negotiation is an error), `--tls` (STARTTLS
or give up), `--tls-on-connect` (implicit TLS); `--tls-verify --tls-ca-path CA`. AUTH only when a tag asks
for it: `--auth` (swaks chooses) or `--auth MECH` (PLAIN, LOGIN, CRAM-MD5; swaks has no SCRAM), the
password through `--auth-password` (on swaks's command line: a throwaway one; redacted from the driver's
log). `--timeout` bounds each read."""
from adapters import common

PROGRAM = "swaks"
PROTOCOLS = ("smtp",)


def invocation(c):
    notes = []
    msg = c.workdir / "message.eml"
    msg.write_bytes(common.MESSAGE)
    argv = [PROGRAM, "--server", c.host, "--port", str(c.port), "--helo", common.HELO, "--from", common.SENDER,
            "--to", common.RCPT, "--data", f"@{msg}", "--timeout", f"{c.timeout}s"]
    argv += {"starttls": ["--tls-optional-strict"], "require": ["--tls"], "implicit": ["--tls-on-connect"]}.get(c.tls, [])
    if c.tls != "none":
        argv += ["--tls-verify", "--tls-ca-path", c.cafile]
    if c.auth:
        mech = c.auth if c.auth in ("PLAIN", "LOGIN", "CRAM-MD5") else None
        if c.auth != "any" and not mech:
            notes.append(f"swaks cannot do {c.auth}: --auth lets it choose")
        argv += ["--auth"] + ([mech] if mech else []) + ["--auth-user", c.user, "--auth-password", c.password]
    return common.Invocation(argv, notes=notes)
