"""What the protocol modules of run_defects.py (<proto>_target.py) share: a profile, a self-signed
certificate for the reference server, and the usual ways to start it and point mailspec at it. A module
subclasses BaseTarget, fills self.profiles, and overrides what its server does differently."""
import pathlib
import subprocess

PYTHON = "/usr/bin/python3"
PASSWORD_ENV = "MAILSPEC_DEFECTS_PW"


class Profile:
    def __init__(self, scheme, server_args, variables, baseline=None):
        self.scheme = scheme              # URL scheme for mailspec
        self.server_args = server_args    # extra arguments of the reference server
        self.variables = variables        # --var NAME=VALUE
        self.baseline = baseline          # case ids or globs run in the baseline (None: the whole suite)


class BaseTarget:
    def __init__(self, workdir, server):
        self.workdir = pathlib.Path(workdir)
        self.server = server
        self.cert, self.key = self.workdir / "cert.pem", self.workdir / "key.pem"
        # Self-signed, its own CA (like ci/targets), valid for 127.0.0.1: mailspec verifies it with --cafile.
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", str(self.key), "-out", str(self.cert), "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-addext", "basicConstraints=critical,CA:TRUE"],
                       check=True, capture_output=True)
        self.tls = ["--cert", str(self.cert), "--key", str(self.key)]
        self.env = {PASSWORD_ENV: "alicepw"}

    def known_defects(self):
        out = subprocess.run([PYTHON, str(self.server), "--list-defects"], check=True, capture_output=True,
                             text=True).stdout
        return {line.split("\t", 1)[0] for line in out.splitlines() if line.strip()}

    def server_argv(self, profile, defects, extra=()):
        argv = [PYTHON, str(self.server), "--lifeline", *extra] + self.profiles[profile].server_args
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
