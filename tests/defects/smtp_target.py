"""SMTP part of run_defects.py: how to start smtp_server.py and how to point mailspec at it.

The protocol-module interface is described in pop3_target.py. The SMTP server also runs a small IMAP
read-back service (for the suite's end-to-end cases); it writes that port to a file named after the
SMTP port, which mailspec_argv turns into --var readback_url=imap://127.0.0.1:PORT.
"""
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
SUITE = "smtp"
TSV = HERE / "smtp_defects.tsv"
SERVER = HERE / "smtp_server.py"
PYTHON = "/usr/bin/python3"
DEFAULT_PROFILE = "plain"
PASSWORD_ENV = "MAILSPEC_DEFECTS_PW"


class Profile:
    def __init__(self, scheme, server_args, variables, baseline=None):
        self.scheme = scheme              # URL scheme for mailspec
        self.server_args = server_args    # extra smtp_server.py arguments
        self.variables = variables        # --var NAME=VALUE
        self.baseline = baseline          # case ids run in the baseline (None: the whole suite)


class Target:
    def __init__(self, workdir):
        self.workdir = pathlib.Path(workdir)
        self.cert, self.key = self.workdir / "cert.pem", self.workdir / "key.pem"
        # Self-signed, its own CA (like ci/targets), valid for 127.0.0.1: mailspec verifies it with --cafile.
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", str(self.key), "-out", str(self.cert), "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-addext", "basicConstraints=critical,CA:TRUE"],
                       check=True, capture_output=True)
        self.ports = self.workdir / "imap-ports"
        self.ports.mkdir(exist_ok=True)
        variables = ["rcpt=alice@example.test", "rcpt2=bob@example.test", "domain=example.test",
                     "readback_user=alice", "readback_password=alicepw"]
        self.profiles = {
            # smtp:// with STARTTLS, AUTH before and inside TLS, and IMAP read-back: every case can pass here.
            "plain": Profile("smtp", ["--cert", str(self.cert), "--key", str(self.key)], variables),
        }
        self.env = {PASSWORD_ENV: "alicepw"}

    def known_defects(self):
        out = subprocess.run([PYTHON, str(SERVER), "--list-defects"], check=True, capture_output=True, text=True).stdout
        return {line.split("\t", 1)[0] for line in out.splitlines() if line.strip()}

    def server_argv(self, profile, defects):
        # The server writes its IMAP port to <dir>/<its SMTP port> before it prints "PORT n".
        argv = [PYTHON, str(SERVER), "--lifeline", "--imap-port-dir", str(self.ports)] + self.profiles[profile].server_args
        for d in defects:
            argv += ["--defect", d]
        return argv

    def mailspec_argv(self, profile, port):
        p = self.profiles[profile]
        path = self.ports / str(port)
        imap_port = path.read_text().strip() if path.exists() else None
        argv = [f"{p.scheme}://127.0.0.1:{port}", "--user", "alice", "--password-env", PASSWORD_ENV,
                "--cafile", str(self.cert)]
        for v in p.variables:
            argv += ["--var", v]
        if imap_port:
            argv += ["--var", f"readback_url=imap://127.0.0.1:{imap_port}"]
        return argv
