"""SMTP client part of run_defects.py (KIND = "client"): the scripted client smtp_client.py, a correct SMTP
client with switchable defects, connects to `mailspec serve SCHEME --suite smtp-client`, once per case.

Profiles are client configurations; each baseline holds the cases that configuration can pass (a case
that needs another configuration skips with a hint, or would rightly fail: a client without
--require-tls goes on in clear where the tls-required cases want it to stop).
"""
import pathlib

import client_common
from client_common import ClientProfile

HERE = pathlib.Path(__file__).resolve().parent
KIND = "client"
SUITE = "smtp-client"
TSV = HERE / "smtp_client_defects.tsv"
TRIPS = HERE / "smtp_client_trips.tsv"
DEFAULT_PROFILE = "plain"

P = "smtp-client."
# Cases only a client configured to require TLS (or to use STARTTLS and AUTH) passes.
TLS_REQUIRED = [P + "rfc3207.6.tls-required-starttls-missing", P + "rfc3207.6.tls-required-454",
                P + "rfc3207.4.1.tls-required-mail-inside-tls"]
STARTTLS = [P + "rfc3207.4.2.ehlo-after-starttls", P + "rfc3207.4.starttls-only-if-advertised",
            P + "rfc3207.4.2.response-injection", P + "rfc3207.4.2.no-starttls-inside-tls",
            P + "rfc3207.4.no-handshake-after-454", P + "rfc2920.3.1.waits-after-starttls"]
STARTTLS_AUTH = [P + "rfc3207.4.2.pre-tls-capabilities-discarded", P + "rfc4954.14.no-auth-before-tls"]
AUTH = [P + "rfc4954.4.auth-plain", P + "rfc4954.4.auth-login", P + "rfc4954.4.auth-cram-md5",
        P + "rfc4954.4.auth-scram-sha-1", P + "rfc4954.4.auth-scram-sha-256",
        P + "rfc4954.4.only-offered-mechanism", P + "rfc4954.4.no-auth-unadvertised",
        P + "rfc4954.4.cancel-undecodable-challenge", P + "rfc4954.6.no-mail-after-535",
        P + "rfc4954.5.auth-param-xtext"]
PIPELINING = [P + "rfc2920.3.1.waits-after-data", P + "rfc2920.3.1.checks-all-statuses",
              P + "rfc2920.3.1.counts-replies", P + "rfc2920.3.1.waits-after-ehlo"]


class Target(client_common.BaseClientTarget):
    def __init__(self, workdir):
        super().__init__(workdir, HERE / "smtp_client.py")
        self.profiles = {
            # No TLS, no AUTH, no pipelining: a plain MTA-like client sending one message.
            "plain": ClientProfile("smtp", [], baseline=PLAIN_BASELINE),
            "starttls": ClientProfile("smtp", ["--starttls"], baseline=STARTTLS),
            "tls-required": ClientProfile("smtp", ["--require-tls"], baseline=TLS_REQUIRED),
            "starttls-auth": ClientProfile("smtp", ["--starttls", "--auth"], baseline=STARTTLS_AUTH),
            "auth": ClientProfile("smtp", ["--auth"], baseline=AUTH),
            "auth-no-ir": ClientProfile("smtp", ["--auth", "--no-ir"], baseline=[P + "rfc4954.4.empty-challenge"]),
            "pipelining": ClientProfile("smtp", ["--pipelining"], baseline=PIPELINING),
            "pipelining-auth": ClientProfile("smtp", ["--pipelining", "--auth"],
                                             baseline=[P + "rfc4954.4.auth-ends-group"]),
            "two-rcpt": ClientProfile("smtp", ["--rcpt2"], baseline=[P + "rfc5321.3.3.some-recipients-refused"]),
            "two-messages": ClientProfile("smtp", ["--messages", "2"],
                                          baseline=[P + "rfc5321.4.1.4.rset-before-next-mail"]),
        }


def _plain_baseline():
    """Every case of the suite but those that need TLS required or STARTTLS with AUTH (read from the
    scripts, so that a new case joins the plain baseline by itself)."""
    ids = []
    for f in sorted((HERE.parent.parent / "suites" / "smtp-client").glob("*.mspec")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.startswith("case "):
                ids.append(line.split()[1])
    return [i for i in ids if i not in TLS_REQUIRED + STARTTLS_AUTH]


PLAIN_BASELINE = _plain_baseline()
