"""SMTP part of run_defects.py: how to start smtp_server.py and how to point mailspec at it.

The protocol-module interface is described in pop3_target.py. The SMTP server also runs a small IMAP
read-back service (for the suite's end-to-end cases); it writes that port to a file named after the
SMTP port, which mailspec_argv turns into --var readback_url=imap://127.0.0.1:PORT.
"""
import pathlib

from target_common import BaseTarget, Profile

HERE = pathlib.Path(__file__).resolve().parent
SUITE = "smtp"
TSV = HERE / "smtp_defects.tsv"
SERVER = HERE / "smtp_server.py"
DEFAULT_PROFILE = "plain"


class Target(BaseTarget):
    def __init__(self, workdir):
        super().__init__(workdir, SERVER)
        self.ports = self.workdir / "imap-ports"
        self.ports.mkdir(exist_ok=True)
        variables = ["rcpt=alice@example.test", "rcpt2=bob@example.test", "domain=example.test",
                     "readback_user=alice", "readback_password=alicepw"]
        self.profiles = {
            # smtp:// with STARTTLS, AUTH before and inside TLS, and IMAP read-back: every case can pass here.
            "plain": Profile("smtp", self.tls, variables),
        }

    def server_argv(self, profile, defects, extra=()):
        # The server writes its IMAP port to <dir>/<its SMTP port> before it prints "PORT n".
        return super().server_argv(profile, defects, ["--imap-port-dir", str(self.ports)])

    def mailspec_argv(self, profile, port):
        path = self.ports / str(port)
        argv = super().mailspec_argv(profile, port)
        if path.exists():
            argv += ["--var", f"readback_url=imap://127.0.0.1:{path.read_text().strip()}"]
        return argv
