"""SASL mechanisms of the reference IMAP server's AUTHENTICATE (RFC 9051 §6.2.2): PLAIN (RFC 4616),
LOGIN, CRAM-MD5 (RFC 2195), SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, 7677). Each mechanism is a
generator: it yields challenges (octets), receives the client's decoded responses, and returns the
authenticated user name (or None when authentication fails)."""
import base64
import hashlib
import hmac
import re
import secrets
import time

from imap_defects import defect
from imap_store import USERS
from sasl_scram import scram_server

MECHS = ["PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"]
NO_INITIAL_RESPONSE = ("CRAM-MD5",)     # server-first mechanisms: an initial response is an error
HOST = "mailspec.test"
B64_RE = re.compile(rb"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")


def b64decode_strict(data):
    """-> octets, or None when DATA is not canonical base64."""
    if not B64_RE.match(data):
        return None
    return base64.b64decode(data)


def check_password(user, password):
    return user if user in USERS and USERS[user] == password else None


def mech_plain(ir):
    resp = ir if ir is not None else (yield b"")
    parts = resp.split(b"\0")
    if len(parts) != 3:
        return None
    authz, authc, pw = (p.decode("utf-8", "replace") for p in parts)
    if authz and authz != authc:
        return None
    return check_password(authc, pw)


def mech_login(ir):
    user = ir if ir is not None else (yield b"Username:")
    pw = yield b"Password:"
    return check_password(user.decode("utf-8", "replace"), pw.decode("utf-8", "replace"))


def mech_cram_md5(ir):
    chal = f"<{secrets.randbelow(10 ** 9)}.{time.time_ns()}@{HOST}>".encode()
    resp = yield chal
    try:
        user, digest = resp.decode("utf-8").rsplit(" ", 1)
    except (ValueError, UnicodeDecodeError):
        return None
    if user not in USERS:
        return None
    want = hmac.new(USERS[user].encode(), chal, hashlib.md5).hexdigest().encode()
    return user if hmac.compare_digest(want, digest.encode()) else None


def mech_scram(ir, hname):
    return (yield from scram_server(ir, hname, USERS.get))


def mechanism(name, ir):
    """-> the generator of mechanism NAME (upper case) with initial response IR (None: absent)."""
    if name == "PLAIN":
        return mech_plain(ir)
    if name == "LOGIN":
        return mech_login(ir)
    if name == "CRAM-MD5":
        return mech_cram_md5(ir)
    return mech_scram(ir, "sha1" if name == "SCRAM-SHA-1" else "sha256")
