#!/usr/bin/env python3
"""Prints the MIME tree of messages as Python's `email` package reads them, in mailspec's JSON form
mailspec-mime-1 (suites/mime/README.md).

    python_email.py FILE        one tree, as one JSON object (no FILE, or -: the message on stdin)
    python_email.py --batch     file paths on stdin, one per line; one tree per line on stdout (NDJSON),
                                each with "file", flushed after each line

The message is parsed with email.message_from_bytes and email.policy.default: that policy gives the
header objects of RFC 5322 (address lists with groups, the obsolete syntax, RFC 2047 words decoded as
RFC 2047 says, UTF-8 headers) and the RFC 2231 parameter decoding, which compat32 leaves to the caller;
the body structure is the same under both policies (the same feed parser).

Only what the library tells is printed: no header_octets (the parser keeps no offsets), no body_octets
for a multipart or message part (it keeps no raw body for them), no decoded figures for an encoding the
library does not decode. Where the library has no value and the form defines one (encoding "7bit" when
the field is absent, preamble/epilogue of 0 octets when there is none), the form's value is printed.
Mappings from the library's representation: a raw header value (Date, Message-ID, In-Reply-To,
Content-ID, -Language, -Location, -MD5) is unfolded and trimmed; `To` and the other address fields are
the first field of that name (msg[name], as an application reads it); `type`/`subtype` are
get_content_maintype()/get_content_subtype(), which the parser itself uses to decide the structure;
`type_defaulted` is true when there is no Content-Type or the library's type is not the one the field
names. Exit status: 0, or 2 for a usage error; a message the library fails on gives an object with
"error" instead of "message"."""
import email
import email.errors
import email.policy
import hashlib
import json
import re
import sys

READER = f"python-email {sys.version.split()[0]} policy.default"
ADDRESS_FIELDS = [("from", "from"), ("sender", "sender"), ("reply_to", "reply-to"), ("to", "to"), ("cc", "cc"),
                  ("bcc", "bcc")]
RAW_MESSAGE_FIELDS = [("date", "date"), ("message_id", "message-id"), ("in_reply_to", "in-reply-to")]
RAW_PART_FIELDS = [("id", "content-id"), ("language", "content-language"), ("location", "content-location"),
                   ("md5", "content-md5")]
DECODED_BY_LIBRARY = {"7bit", "8bit", "binary", "base64", "quoted-printable"}
FOLD = re.compile(r"\r?\n(?=[ \t])|\r(?=[ \t])")


def octets(s):
    """The octets of a string the parser made from bytes (octets over 127 are surrogate escapes)."""
    return s.encode("utf-8", "surrogateescape") if isinstance(s, str) else bytes(s)


def text_of(s):
    """A string for JSON: surrogate escapes (raw octets) are read as UTF-8, U+FFFD where they are not."""
    return octets(s).decode("utf-8", "replace") if isinstance(s, str) else s


def raw_field(part, name):
    """The first field `name` as written, unfolded and trimmed; None when absent."""
    for key, value in part.raw_items():
        if key.lower() == name:
            return text_of(FOLD.sub("", value)).strip()
    return None


def safe(fn):
    """The library's value, or None when it raises on this input (the field is then not reported)."""
    try:
        return fn()
    except Exception:  # noqa: BLE001 - any failure of the library means "cannot tell"
        return None


def address(a):
    out = {"name": text_of(a.display_name)} if a.display_name else {}
    out.update({"mailbox": text_of(a.username), "host": text_of(a.domain)})
    return out


def address_list(header):
    out = []
    for group in header.groups:
        if group.display_name is None:
            out.extend(address(a) for a in group.addresses)
        else:
            out.append({"group": text_of(group.display_name), "members": [address(a) for a in group.addresses]})
    return out


def message_tree(msg, section):
    out = {}
    subject = safe(lambda: msg["subject"])
    if subject is not None:
        out["subject"] = text_of(FOLD.sub("", str(subject))).strip()
    for key, name in RAW_MESSAGE_FIELDS:
        value = raw_field(msg, name)
        if value is not None:
            out[key] = value
    for key, name in ADDRESS_FIELDS:
        header = safe(lambda: msg[name])
        if header is not None:
            value = safe(lambda: address_list(header))
            if value is not None:
                out[key] = value
    own = None if msg.get_content_maintype() == "multipart" else (f"{section}.1" if section else "1")
    out["root"] = part_tree(msg, own, section)
    defects = [type(d).__name__ for d in msg.defects]
    if defects:
        out["defects"] = defects
    return out


def type_fields(part, node):
    node["type"] = part.get_content_maintype()
    node["subtype"] = part.get_content_subtype()
    raw = raw_field(part, "content-type")
    named = raw.split(";", 1)[0].strip().lower() if raw is not None else None
    node["type_defaulted"] = named != part.get_content_type()
    header = safe(lambda: part["content-type"])
    params = safe(lambda: dict(header.params)) if header is not None else None
    if params is not None and not node["type_defaulted"]:  # a defaulted type's parameters: not told
        node["params"] = {k.lower(): text_of(v) for k, v in params.items()}
    disposition = safe(lambda: part["content-disposition"])
    if disposition is not None and getattr(disposition, "content_disposition", None):
        node["disposition"] = {"type": disposition.content_disposition.lower()}
        params = safe(lambda: dict(disposition.params))
        if params:
            node["disposition"]["params"] = {k.lower(): text_of(v) for k, v in params.items()}
    filename = safe(part.get_filename)
    if filename is not None:
        node["filename"] = text_of(filename)


def header_fields(part, node):
    for key, name in RAW_PART_FIELDS:
        value = raw_field(part, name)
        if value is not None:
            node[key] = value
    description = safe(lambda: part["content-description"])
    if description is not None:
        node["description"] = text_of(FOLD.sub("", str(description))).strip()
    cte = safe(lambda: part["content-transfer-encoding"])
    if node["type"] != "multipart":
        node["encoding"] = getattr(cte, "cte", None) or (raw_field(part, "content-transfer-encoding") or "7bit").lower()


def body_fields(part, node, section):
    payload = part._payload  # the body as read, still encoded: what the library keeps of it
    if isinstance(payload, str) and node["type"] == "multipart":
        node["parts"] = []  # the library found no parts in it (its payload is then not the raw body)
    elif isinstance(payload, str):
        body = octets(payload)
        node["body_octets"] = len(body)
        if node["type"] == "text":
            node["body_lines"] = body.count(b"\n") + (1 if body and not body.endswith(b"\n") else 0)
        if node.get("encoding") in DECODED_BY_LIBRARY:
            decoded = part.get_payload(decode=True)
            node["decoded_octets"] = len(decoded)
            node["decoded_sha256"] = hashlib.sha256(decoded).hexdigest()
    elif part.is_multipart() and node["type"] == "multipart":
        node["parts"] = [part_tree(child, f"{section}.{i}" if section else str(i),
                                   f"{section}.{i}" if section else str(i))
                         for i, child in enumerate(payload, 1)]
        node["preamble_octets"] = len(octets(part.preamble or ""))
        node["epilogue_octets"] = len(octets(part.epilogue or ""))
        node["closed"] = not any(isinstance(d, email.errors.CloseBoundaryNotFoundDefect) for d in part.defects)
    elif isinstance(payload, list) and node["type"] == "message" and node["subtype"] in ("rfc822", "global"):
        if payload:
            node["message"] = message_tree(payload[0], section)


def part_tree(part, own_section, child_prefix):
    """`own_section`: the part's IMAP section (None for a message's multipart root); `child_prefix`: the
    section under which its children (or its encapsulated message's parts) are numbered."""
    node = {"section": own_section}
    type_fields(part, node)
    header_fields(part, node)
    body_fields(part, node, child_prefix if node["type"] == "multipart" else own_section)
    defects = [type(d).__name__ for d in part.defects]
    if defects and "defects" not in node:
        node["defects"] = defects
    return node


def tree(path):
    out = {"format": "mailspec-mime-1", "reader": READER}
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        out["error"] = str(e)
        return out
    out["octets"] = len(data)
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        out["message"] = message_tree(msg, "")
    except Exception as e:  # noqa: BLE001 - reported, not hidden
        out["error"] = f"{type(e).__name__}: {e}"
    return out


def main(argv):
    if len(argv) == 2 and argv[1] == "--batch":
        for line in sys.stdin:
            path = line.rstrip("\r\n")
            if not path:
                continue
            out = {"file": path}
            out.update(tree(path))
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return 0
    if len(argv) == 2 and not argv[1].startswith("-"):
        print(json.dumps(tree(argv[1]), ensure_ascii=False, indent=2))
        return 0
    sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
