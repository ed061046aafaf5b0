"""IMAP part of run_defects.py: how to start imap_server.py and how to point mailspec at it (see
pop3_target.py for what a protocol module provides)."""
import pathlib

from target_common import BaseTarget, Profile

HERE = pathlib.Path(__file__).resolve().parent
# Only suites/imap: the mime suite (also protocol imap) judges a server against the MIME corpus's expected
# trees, which this reference server (MIME read by Python's email) does not meet message for message; its
# step, compare-mime, is proven against a scripted server in tests/script/compare_mime_step_test.cpp.
SUITE = "imap"
TSV = HERE / "imap_defects.tsv"
SERVER = HERE / "imap_server.py"
DEFAULT_PROFILE = "plain"


class Target(BaseTarget):
    def __init__(self, workdir):
        super().__init__(workdir, SERVER)
        self.profiles = {
            # imap:// with STARTTLS, LITERAL+: every case but the implicit-TLS ones can pass here.
            "plain": Profile("imap", self.tls, []),
            # imaps:// (RFC 8314): the STARTTLS cases skip.
            "imaps": Profile("imaps", self.tls + ["--implicit-tls"], []),
            # imap:// with LOGINDISABLED before TLS (RFC 9051 §6.2.3, §7.2.2).
            # Only the LOGINDISABLED and STARTTLS cases (ids or globs, as `mailspec run --case`): the others log
            # in before TLS, which LOGINDISABLED forbids.
            "logindisabled": Profile("imap", self.tls + ["--logindisabled"], [], baseline=[
                "*logindisabled*", "*starttls*", "imap.rfc9051.7.1.greeting-is-untagged-ok",
                "imap.rfc9051.6.1.1.capability-lists-version"]),
            # imap:// with LITERAL- instead of LITERAL+ (RFC 7888 §5): the literal cases.
            "literal-minus": Profile("imap", self.tls + ["--literal-minus"], [], baseline=["*literal*"]),
        }
