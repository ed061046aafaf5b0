"""A driver adapter for tests/clients/driver_test.py: the client of the Nth case misbehaves as the Nth word
of $MAILSPEC_MISBEHAVE says (misbehaving_client.py does it); on implicit TLS it reads the greeting
over TLS and closes."""
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "ci" / "clients"))
from adapters import common  # noqa: E402

PROGRAM = "python3"
PROTOCOLS = ("smtp", "pop3", "imap")
CLIENT = pathlib.Path(__file__).resolve().parent / "misbehaving_client.py"


def invocation(c):
    modes = os.environ["MAILSPEC_MISBEHAVE"].split()
    mode = modes[(int(c.workdir.name) - 1) % len(modes)] if c.tls != "implicit" else "tls-polite"
    return common.Invocation([sys.executable, str(CLIENT), mode, c.host, str(c.port), str(c.workdir), c.cafile],
                             notes=[f"misbehaving: {mode}"])
