"""IMAP client part of run_defects.py (run_defects.py imap_client BINARY): suites/imap-client is served by
`mailspec serve`, and imap_client.py (a correct client with switchable defects) connects once per case.

Profiles are client configurations. A case tagged tls-required can only pass with a client that requires
TLS, so it runs in the starttls profile only; a client that requires STARTTLS gives up on every server
that does not offer it, so the starttls profile runs only the starttls cases. Everywhere else every case
runs (and skips where the client does not do what the case needs).
"""
import pathlib
import re

from client_common import BaseClientTarget, ClientProfile

HERE = pathlib.Path(__file__).resolve().parent
SUITE = "imap-client"
TSV = HERE / "imap_client_defects.tsv"
TRIPS = HERE / "imap_client_trips.tsv"
KIND = "client"
DEFAULT_PROFILE = "plain"
CLIENT = HERE / "imap_client.py"
SPECIAL_PASSWORD = 'se"cr\\et pw'  # LOGIN must quote and escape it (or send a literal)


def cases_by_tag():
    """case id -> set of tags, read from the suite's scripts (suite order does not matter here)."""
    out = {}
    for f in sorted((HERE.parent.parent / "suites" / SUITE).glob("*.mspec")):
        case = None
        for line in f.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*case\s+(\S+)", line)
            if m:
                case = m.group(1)
                out[case] = set()
            m = re.match(r"\s*tags\s+(.*)", line)
            if m and case:
                out[case] |= set(m.group(1).split())
    return out


class Target(BaseClientTarget):
    def __init__(self, workdir):
        super().__init__(workdir, CLIENT)
        tags = cases_by_tag()
        plain = [c for c, t in tags.items() if "tls-required" not in t]
        starttls = [c for c, t in tags.items() if "starttls" in t]
        auth = [c for c, t in tags.items() if "auth" in t]
        some = ["imap-client.rfc9051.2.2.1.strict-syntax", "imap-client.rfc9051.4.3.literal-waits-for-continuation",
                "imap-client.rfc2177.3.only-done-during-idle", "imap-client.rfc9051.7.5.2.fetch-body-literal"]
        full = ["--append", "--idle", "--id", "--enable", "--move", "--search", 'say "hi" \\o/',
                "--mailbox", "Entwürfe"]
        self.env = {"IMAP_CLIENT_PASSWORD": SPECIAL_PASSWORD}
        self.profiles = {
            # LOGIN, nothing but SELECT and the fetches: the response and login cases.
            "plain": ClientProfile("imap", [], plain),
            # Every optional action (APPEND, IDLE, ID, ENABLE, moving, SEARCH, a non-ASCII folder).
            "full": ClientProfile("imap", full, plain),
            # The same over implicit TLS (imaps).
            "imaps": ClientProfile("imaps", ["--tls"] + full, some),
            # STARTTLS required, AUTHENTICATE PLAIN, ID: the STARTTLS cases only.
            "starttls": ClientProfile("imap", ["--starttls", "--auth", "PLAIN", "--id"], starttls),
            # One SASL mechanism each.
            "auth-plain": ClientProfile("imap", ["--auth", "PLAIN"],
                                        auth + ["imap-client.rfc9051.7.2.2.greeting-without-capability",
                                                "imap-client.rfc9051.6.2.3.logindisabled"]),
            "auth-login": ClientProfile("imap", ["--auth", "LOGIN"], auth),
            "auth-cram-md5": ClientProfile("imap", ["--auth", "CRAM-MD5"], auth),
            "auth-scram": ClientProfile("imap", ["--auth", "SCRAM-SHA-256"], auth),
            "auth-scram-sha-1": ClientProfile("imap", ["--auth", "SCRAM-SHA-1"], auth),
            # An APPEND over 4096 octets (LITERAL-).
            "large-append": ClientProfile("imap", ["--append", "--append-size", "6000"],
                                          [c for c, t in tags.items() if "append" in t]),
            # A password that LOGIN must quote and escape.
            "special-password": ClientProfile("imap", ["--password", SPECIAL_PASSWORD],
                                              [c for c, t in tags.items() if "login-special-password" in t],
                                              serve_args=["--password-env", "IMAP_CLIENT_PASSWORD"]),
        }
