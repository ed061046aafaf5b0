"""The server side of SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677) for the reference servers of
run_defects.py, as a generator: it yields each challenge (bytes) and receives the client's answer; it
returns the user name on success, None on failure."""
import base64
import hashlib
import hmac
import re
import secrets

SCRAM_ITERATIONS = 4096


def scram_server(ir, hname, password_of, unknown_user=lambda user: None, bad_signature=False):
    """ir: the initial response (None: absent); hname: "sha1" or "sha256"; password_of(user): the password
    or None; unknown_user(user): the outcome for a user without a password (a defect may accept one);
    bad_signature: sign with the wrong key (a defect)."""
    def H(x):
        return hashlib.new(hname, x).digest()

    def HMAC(k, x):
        return hmac.new(k, x, hname).digest()

    first = ir if ir is not None else (yield b"")
    m = re.fullmatch(rb"([ny]),(?:a=[^,]*)?,(n=([^,]*),r=([^,]+)(?:,.*)?)", first)
    if not m:
        return None
    gs2 = first[:len(first) - len(m.group(2))]
    bare, user, cnonce = m.group(2), m.group(3).decode("utf-8", "replace"), m.group(4)
    user = user.replace("=2C", ",").replace("=3D", "=")
    password = password_of(user)
    salt = hashlib.sha256(b"mailspec-salt-" + user.encode()).digest()[:16]
    nonce = cnonce + secrets.token_hex(12).encode()
    server_first = b"r=" + nonce + b",s=" + base64.b64encode(salt) + b",i=" + str(SCRAM_ITERATIONS).encode()
    final = yield server_first
    fm = re.fullmatch(rb"c=([^,]*),r=([^,]*)(?:,.*)?,p=([^,]*)", final)
    if not fm or fm.group(2) != nonce or base64.b64decode(fm.group(1)) != gs2:
        return None
    auth_message = bare + b"," + server_first + b"," + final[:final.rindex(b",p=")]
    if password is None:
        return unknown_user(user)
    salted = hashlib.pbkdf2_hmac(hname, password.encode(), salt, SCRAM_ITERATIONS)
    client_key = HMAC(salted, b"Client Key")
    stored = H(client_key)
    proof = base64.b64decode(fm.group(3))
    signature = HMAC(stored, auth_message)
    if len(proof) != len(signature) or H(bytes(a ^ b for a, b in zip(proof, signature))) != stored:
        return None
    server_key = HMAC(client_key if bad_signature else salted, b"Server Key")
    yield b"v=" + base64.b64encode(HMAC(server_key, auth_message))
    return user
