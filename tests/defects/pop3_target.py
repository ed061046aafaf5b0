"""POP3 part of run_defects.py: how to start pop3_server.py and how to point mailspec at it.

A protocol module (`<proto>_target.py`) gives run_defects.py:
  SUITE, TSV, DEFAULT_PROFILE       the suite, its defect table, the profile of lines without one
  Target(workdir)                   prepares what the servers need (here: a fresh TLS certificate)
    .profiles                       name -> Profile (how the server is started, how mailspec runs)
    .known_defects()                the server's defect names
    .server_argv(profile, defects)  command line of one server; it prints "PORT n" and exits at stdin EOF
    .mailspec_argv(profile, port)   arguments after `mailspec run` (URL, credentials, variables, CA)
    .env                            environment for mailspec (the password variable)
"""
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
SUITE = "pop3"
TSV = HERE / "pop3_defects.tsv"
SERVER = HERE / "pop3_server.py"
PYTHON = "/usr/bin/python3"
DEFAULT_PROFILE = "plain"
PASSWORD_ENV = "MAILSPEC_DEFECTS_PW"


class Profile:
    def __init__(self, scheme, server_args, variables, baseline=None):
        self.scheme = scheme              # URL scheme for mailspec
        self.server_args = server_args    # extra pop3_server.py arguments
        self.variables = variables        # --var NAME=VALUE
        self.baseline = baseline          # case ids run in the baseline (None: the whole suite)


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
        carol = ["mutable_user=carol", "mutable_password=carolpw"]
        self.profiles = {
            # pop3:// with STLS: every case but the implicit-TLS one can pass here.
            "plain": Profile("pop3", tls, carol),
            # pop3s:// (RFC 8314): the STLS cases skip, the implicit-TLS case runs.
            "pop3s": Profile("pop3s", tls + ["--implicit-tls"], carol),
            # dave's LOGIN-DELAY is 900 s (alice's and carol's 0): the enforcement case needs him.
            "delay": Profile("pop3", tls, ["mutable_user=dave", "mutable_password=davepw"],
                             baseline=["pop3.rfc2449.6.5.login-delay-enforced"]),
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
