"""IMAP part of run_defects.py: how to start imap_server.py and how to point mailspec at it (see
pop3_target.py for what a protocol module provides)."""
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
SUITE = "imap"
TSV = HERE / "imap_defects.tsv"
SERVER = HERE / "imap_server.py"
PYTHON = "/usr/bin/python3"
DEFAULT_PROFILE = "plain"
PASSWORD_ENV = "MAILSPEC_DEFECTS_PW"


class Profile:
    def __init__(self, scheme, server_args, variables, baseline=None):
        self.scheme = scheme              # URL scheme for mailspec
        self.server_args = server_args    # extra imap_server.py arguments
        self.variables = variables        # --var NAME=VALUE
        self.baseline = baseline          # case ids or globs run in the baseline (None: the whole suite)


class Target:
    def __init__(self, workdir):
        workdir = pathlib.Path(workdir)
        self.cert, self.key = workdir / "cert.pem", workdir / "key.pem"
        # Self-signed, its own CA (like ci/targets), valid for 127.0.0.1: mailspec verifies it with --cafile.
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", str(self.key), "-out", str(self.cert), "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-addext", "basicConstraints=critical,CA:TRUE"],
                       check=True, capture_output=True)
        tls = ["--cert", str(self.cert), "--key", str(self.key)]
        self.profiles = {
            # imap:// with STARTTLS, LITERAL+: every case but the implicit-TLS ones can pass here.
            "plain": Profile("imap", tls, []),
            # imaps:// (RFC 8314): the STARTTLS cases skip.
            "imaps": Profile("imaps", tls + ["--implicit-tls"], []),
            # imap:// with LOGINDISABLED before TLS (RFC 9051 §6.2.3, §7.2.2).
            # Only the LOGINDISABLED and STARTTLS cases (ids or globs, as `mailspec run --case`): the others log
            # in before TLS, which LOGINDISABLED forbids.
            "logindisabled": Profile("imap", tls + ["--logindisabled"], [], baseline=[
                "*logindisabled*", "*starttls*", "imap.rfc9051.7.1.greeting-is-untagged-ok",
                "imap.rfc9051.6.1.1.capability-lists-version"]),
            # imap:// with LITERAL- instead of LITERAL+ (RFC 7888 §5): the literal cases.
            "literal-minus": Profile("imap", tls + ["--literal-minus"], [], baseline=["*literal*"]),
        }
        self.env = {PASSWORD_ENV: "alicepw"}

    def known_defects(self):
        out = subprocess.run([PYTHON, str(SERVER), "--list-defects"], check=True, capture_output=True, text=True).stdout
        return {line.split("\t", 1)[0] for line in out.splitlines() if line.strip()}

    def server_argv(self, profile, defects):
        argv = [PYTHON, str(SERVER), "--lifeline"] + self.profiles[profile].server_args
        for d in defects:
            argv += ["--defect", d]
        return argv

    def mailspec_argv(self, profile, port):
        p = self.profiles[profile]
        argv = [f"{p.scheme}://127.0.0.1:{port}", "--user", "alice", "--password-env", PASSWORD_ENV,
                "--cafile", str(self.cert)]
        for v in p.variables:
            argv += ["--var", v]
        return argv
