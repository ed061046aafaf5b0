"""fetchmail (POP3, IMAP): a generated run-control file (mode 0600, which fetchmail requires) in the
run's directory, one poll in the foreground, nothing to syslog, each message handed to an MDA that
appends it to a file there (nothing reaches a real mailbox), HOME, the pid file and the UID file there too.

    fetchmail -f RC --nosyslog --nodetach --pidfile DIR/pid -v -v   (HOME=DIR, no daemon: one poll)

Options: `fetchall` (seen messages too) and `nokeep` (fetchmail's default: delete what was fetched, so the
suites see DELE, or STORE \\Deleted and EXPUNGE, as users' servers do). TLS: `no sslcertck sslproto ''`
(none: no STARTTLS at all), `no sslcertck` (fetchmail's opportunistic STARTTLS: only when offered, the
certificate then checked but a mismatch only warned about), `sslcertck` (since 6.4 the default; it makes
STARTTLS mandatory: STLS/STARTTLS is sent even when not offered), `ssl sslcertck` (implicit TLS); the
generated CA with `sslcertfile`. AUTH: `auth password` (USER/PASS, IMAP LOGIN) by default and for
PLAIN/LOGIN, `auth any` for `auth`, `auth cram-md5`, `proto APOP` for APOP; fetchmail has no SASL PLAIN,
LOGIN or SCRAM, which the log notes. fetchmail 6.4 takes the port as `service N`."""
import getpass

from adapters import common

PROGRAM = "fetchmail"
PROTOCOLS = ("pop3", "imap")


def invocation(c):
    notes = []
    proto = {"pop3": "POP3", "imap": "IMAP"}[c.proto]
    auth = "password"
    if c.auth == "APOP" and c.proto == "pop3":
        proto, auth = "APOP", None
    elif c.auth == "CRAM-MD5":
        auth = "cram-md5"
    elif c.auth == "any":
        auth = "any"
    elif c.auth:
        notes.append(f"fetchmail cannot do {c.auth}: auth password (USER/PASS or LOGIN)")
    tls = {"none": "no sslcertck sslproto ''",
           "starttls": f"no sslcertck sslcertfile \"{c.cafile}\"",
           "require": f"sslcertck sslcertfile \"{c.cafile}\"",
           "implicit": f"ssl sslcertck sslcertfile \"{c.cafile}\""}[c.tls]
    mail = c.workdir / "mail.mbox"
    rc = (f"set no bouncemail\nset no syslog\n"
          f"poll {c.host} with proto {proto} service {c.port} timeout {c.timeout}" + (f" auth {auth}" if auth else "") + "\n"
          f"  user \"{c.user}\" there with password \"{c.password}\" is \"{getpass.getuser()}\" here\n"
          f"  options fetchall nokeep {tls}\n"
          f"  mda \"/bin/sh -c 'cat >> {mail}'\"\n")
    path = common.write_private(c.workdir / "fetchmailrc", rc)
    argv = [PROGRAM, "-f", path, "--nosyslog", "--nodetach", "--pidfile", str(c.workdir / "fetchmail.pid"),
            "-v", "-v"]
    return common.Invocation(argv, env={"HOME": str(c.workdir), "FETCHMAILHOME": str(c.workdir)}, notes=notes)
