"""POP3 client part of run_defects.py: suites/pop3-client served by `mailspec serve pop3|pop3s`, judged on
pop3_client.py (a correct POP3 client with switchable defects). See client_common.py for the interface.

Each profile is one configuration of the client; its baseline is the cases that configuration can meet,
chosen by the cases' tags (read from the suite's scripts), so that a case never runs in a profile whose
client it does not describe (e.g. a client that requires TLS fails every case that expects a cleartext
login; a cleartext client fails the tls-required cases).
"""
import pathlib
import re

from client_common import BaseClientTarget, ClientProfile

HERE = pathlib.Path(__file__).resolve().parent
SUITE = "pop3-client"
TSV = HERE / "pop3_client_defects.tsv"
TRIPS = HERE / "pop3_client_trips.tsv"
DEFAULT_PROFILE = "plain"
KIND = "client"
SUITE_DIR = HERE.parent.parent / "suites" / SUITE


def case_tags():
    """case id -> set of tags, from the suite's scripts."""
    tags, current = {}, None
    for path in sorted(SUITE_DIR.glob("*.mspec")):
        for line in path.read_text().splitlines():
            m = re.match(r"\s*case\s+(\S+)", line)
            if m:
                current = m.group(1)
                tags[current] = set()
            m = re.match(r"\s*tags\s+(.*)", line)
            if m and current:
                tags[current].update(m.group(1).split())
            if re.match(r"\s*end\s*$", line) and line == "end":
                current = None
    return tags


def having(*wanted, without=()):
    """The ids of the cases tagged with any of `wanted` (all cases when empty) and none of `without`."""
    return sorted(cid for cid, t in case_tags().items()
                  if (not wanted or t & set(wanted)) and not t & set(without))


class Target(BaseClientTarget):
    def __init__(self, workdir):
        super().__init__(workdir, HERE / "pop3_client.py")
        d = ["--delete"]
        self.profiles = {
            # A cleartext client with USER/PASS that deletes what it fetched: every case but those of a
            # client that requires TLS passes or skips here.
            "plain": ClientProfile("pop3", d, baseline=having(without=("tls-required",))),
            "pop3s": ClientProfile("pop3s", ["--tls"] + d, baseline=[
                "pop3-client.rfc1939.3.commands-are-crlf-lines", "pop3-client.rfc1939.3.stuffed-lines",
                "pop3-client.rfc1939.5.no-deleted-reference", "pop3-client.rfc5034.3.no-auth-without-sasl"]),
            "starttls": ClientProfile("pop3", ["--starttls"] + d, baseline=having("starttls", without=("tls-required",))),
            "tls-required": ClientProfile("pop3", ["--starttls", "--require-tls"] + d,
                                          baseline=having("tls-required") + ["pop3-client.rfc2595.4.nothing-after-stls"]),
            "starttls-plain": ClientProfile("pop3", ["--starttls", "--auth", "PLAIN"] + d,
                                            baseline=["pop3-client.rfc2595.4.capabilities-forgotten"]),
            "apop": ClientProfile("pop3", ["--apop"] + d, baseline=having("apop")),
            "auth-plain": ClientProfile("pop3", ["--auth", "PLAIN"] + d, baseline=having("auth", "resp-codes")),
            "auth-login": ClientProfile("pop3", ["--auth", "LOGIN"] + d, baseline=having("auth")),
            "auth-cram-md5": ClientProfile("pop3", ["--auth", "CRAM-MD5"] + d, baseline=having("auth")),
            "auth-scram-sha-1": ClientProfile("pop3", ["--auth", "SCRAM-SHA-1"] + d,
                                              baseline=["pop3-client.rfc5034.4.auth-scram-sha-1"]),
            "auth-scram-sha-256": ClientProfile("pop3", ["--auth", "SCRAM-SHA-256"] + d,
                                                baseline=["pop3-client.rfc5034.4.auth-scram-sha-256"]),
            "auth-blind": ClientProfile("pop3", ["--auth", "PLAIN", "--auth-blind"] + d, baseline=having("auth-blind")),
            "pipelining": ClientProfile("pop3", ["--pipelining"] + d, baseline=having("pipelining", "retr")),
        }
