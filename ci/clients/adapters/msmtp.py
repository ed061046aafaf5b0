"""msmtp (SMTP submission): a generated configuration file (mode 0600: msmtp refuses a readable one that
holds a password) in the run's directory, the message on standard input, `msmtp -C FILE RCPT`.

TLS: `tls on` + `tls_starttls on` requires STARTTLS (msmtp has no opportunistic mode, so a `starttls` tag
gets the same), `tls_starttls off` is implicit TLS, `tls_trust_file` the generated CA. AUTH only when a tag
asks for it: `auth on` (msmtp chooses) or the mechanism (plain, login, cram-md5, scram-sha-1,
scram-sha-256: GNU SASL). EHLO name `domain client.example.test`; `timeout` bounds every read."""
from adapters import common

PROGRAM = "msmtp"
PROTOCOLS = ("smtp",)


def invocation(c):
    notes = []
    tls = {"none": ["tls off"], "starttls": ["tls on", "tls_starttls on"], "require": ["tls on", "tls_starttls on"],
           "implicit": ["tls on", "tls_starttls off"]}[c.tls]
    if c.tls == "starttls":
        notes.append("msmtp has no opportunistic STARTTLS: it is told to require it")
    auth = ["auth off"]
    if c.auth == "any":
        auth = ["auth on"]
    elif c.auth in ("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"):
        auth = [f"auth {c.auth.lower()}"]
    elif c.auth:
        notes.append(f"msmtp cannot do {c.auth} over SMTP: auth on")
        auth = ["auth on"]
    if c.auth:
        auth += [f"user {c.user}", f"password {c.password}"]
    lines = ["account default", f"host {c.host}", f"port {c.port}", f"domain {common.HELO}",
             f"from {common.SENDER}", f"timeout {c.timeout}", f"tls_trust_file {c.cafile}",
             f"logfile {c.workdir / 'msmtp.log'}"] + tls + auth
    conf = common.write_private(c.workdir / "msmtprc", "\n".join(lines) + "\n")
    return common.Invocation([PROGRAM, "-C", conf, "--debug", common.RCPT], stdin=common.MESSAGE, notes=notes)
