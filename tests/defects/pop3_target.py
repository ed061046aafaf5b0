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

from target_common import BaseTarget, Profile

HERE = pathlib.Path(__file__).resolve().parent
SUITE = "pop3"
TSV = HERE / "pop3_defects.tsv"
SERVER = HERE / "pop3_server.py"
DEFAULT_PROFILE = "plain"


class Target(BaseTarget):
    def __init__(self, workdir):
        super().__init__(workdir, SERVER)
        carol = ["mutable_user=carol", "mutable_password=carolpw"]
        self.profiles = {
            # pop3:// with STLS: every case but the implicit-TLS one can pass here.
            "plain": Profile("pop3", self.tls, carol),
            # pop3s:// (RFC 8314): the STLS cases skip, the implicit-TLS case runs.
            "pop3s": Profile("pop3s", self.tls + ["--implicit-tls"], carol),
            # dave's LOGIN-DELAY is 900 s (alice's and carol's 0): the enforcement case needs him.
            "delay": Profile("pop3", self.tls, ["mutable_user=dave", "mutable_password=davepw"],
                             baseline=["pop3.rfc2449.6.5.login-delay-enforced"]),
        }
