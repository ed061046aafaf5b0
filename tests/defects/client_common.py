"""What the client-suite modules of run_defects.py (<proto>_client_target.py) share.

A client module gives run_defects.py:
  KIND = "client"                   the suite's cases are served by `mailspec serve`, and a scripted
                                    client (correct, or with defects) connects once per case
  SUITE, TSV, TRIPS, DEFAULT_PROFILE  as for a server module
  Target(workdir)                   subclass of BaseClientTarget
    .profiles                       name -> ClientProfile (the serve scheme, the client's extra arguments)
    .known_defects()                the client's defect names (`CLIENT --list-defects`)
    .client_argv(profile, defects, port, cafile)
                                    command line of one client session against 127.0.0.1:port; the client
                                    ends by itself (it is killed after CLIENT_TIMEOUT seconds)
    .env                            environment for mailspec
"""
import pathlib
import subprocess

PYTHON = "/usr/bin/python3"
USER = "alice"
PASSWORD = "alice-password"  # what `mailspec serve` accepts when --password-env is not given


class ClientProfile:
    def __init__(self, scheme, client_args, baseline=None, serve_args=()):
        self.scheme = scheme              # `mailspec serve` scheme: smtp, submission, smtps, pop3, pop3s, imap, imaps
        self.client_args = list(client_args)  # extra arguments of the scripted client
        self.baseline = baseline          # case ids run in this profile's baseline (None: the whole suite)
        self.serve_args = list(serve_args)  # extra arguments of `mailspec serve`


class BaseClientTarget:
    def __init__(self, workdir, client):
        self.workdir = pathlib.Path(workdir)
        self.client = pathlib.Path(client)
        self.env = {}
        self.profiles = {}

    def known_defects(self):
        out = subprocess.run([PYTHON, str(self.client), "--list-defects"], check=True, capture_output=True,
                             text=True).stdout
        return {line.split("\t", 1)[0] for line in out.splitlines() if line.strip()}

    def client_argv(self, profile, defects, port, cafile):
        argv = [PYTHON, str(self.client), "--host", "127.0.0.1", "--port", str(port), "--cafile", str(cafile),
                "--user", USER, "--password", PASSWORD] + self.profiles[profile].client_args
        for d in defects:
            argv += ["--defect", d]
        return argv
