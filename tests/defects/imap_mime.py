"""MIME structure of stored messages for the reference IMAP server: the parts with their exact octets
(for BODY[section]), ENVELOPE, BODY and BODYSTRUCTURE (RFC 9051 §7.5.2) and decoded content (BINARY,
RFC 3516). Python's email package parses header fields; the IMAP structures are built here.
"""
import base64
import binascii
import email.parser
import email.policy
import email.utils
import quopri
import re

from imap_defects import defect

HEADER_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)


# ---- IMAP strings: what each structure is written in ----
class Lit(bytes):
    """Octets to be sent as a literal (or literal8 when `binary`)."""
    binary = False


def qstr(s):
    """A string (str or bytes) as quoted when it can be, else as a literal."""
    b = s.encode("utf-8", "surrogateescape") if isinstance(s, str) else bytes(s)
    if len(b) < 200 and all(0x20 <= c < 0x7F for c in b):
        return b'"' + b.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'
    return b"{%d}\r\n" % len(b) + b


def nstr(s):
    return b"NIL" if s is None else qstr(s)


def plist(items):
    return b"(" + b" ".join(items) + b")"


# ---- parts ----
class Part:
    """One MIME entity: `header` (octets up to and including the blank line), `body`, the parsed
    header fields `h`, and `children` (multipart) or `message` (message/rfc822, the embedded Part)."""

    def __init__(self, raw, default_type=("text", "plain")):
        self.raw = raw
        i = raw.find(b"\r\n\r\n")
        if raw.startswith(b"\r\n"):
            self.header, self.body = b"\r\n", raw[2:]
        elif i < 0:
            self.header, self.body = raw, b""
        else:
            self.header, self.body = raw[:i + 4], raw[i + 4:]
        self.h = HEADER_PARSER.parsebytes(self.header)
        ctype = self.h.get("Content-Type")
        if ctype:      # (an unparsable Content-Type counts as text/plain, RFC 2045 §5.2)
            self.type, self.subtype = self.h.get_content_type().split("/", 1)
            self.explicit_type = True
        else:
            self.type, self.subtype = default_type
            self.explicit_type = False
        self.children = []
        self.message = None
        if self.type == "multipart":
            boundary = self.h.get_param("boundary")
            if boundary:
                sub_default = ("message", "rfc822") if self.subtype == "digest" else ("text", "plain")
                self.children = [Part(b, sub_default) for b in split_multipart(self.body, str(boundary))]
            if not self.children:
                self.children = [Part(b"\r\n", ("text", "plain"))]
        elif self.type == "message" and self.subtype in ("rfc822", "global"):
            self.message = Part(self.body)

    def params(self):
        """[(name, value)] of Content-Type, or the default charset for text."""
        out = []
        if self.explicit_type:
            for k, v in (self.h.get_params() or [])[1:]:
                if isinstance(v, tuple):
                    v = email.utils.collapse_rfc2231_value(v)
                out.append((k, v))
        elif self.type == "text":
            out = [("charset", "us-ascii")]
        return out

    def field(self, name):
        v = self.h.get(name)
        return None if v is None else unfold(str(v)).strip()

    def encoding(self):
        return (self.field("Content-Transfer-Encoding") or "7bit").lower()


def unfold(s):
    return re.sub(r"\r?\n(?=[ \t])", "", s)


def split_multipart(body, boundary):
    delim = re.compile(rb"(?:^|\r\n)--" + re.escape(boundary.encode()) + rb"(--)?[ \t]*(?:\r\n|$)")
    parts, start = [], None
    for m in delim.finditer(body):
        if start is not None:
            parts.append(body[start:m.start()])
        if m.group(1):
            start = None
            break
        start = m.end()
    if start is not None:
        parts.append(body[start:])
    return parts


def parse_part(data):
    return Part(data)


PART_1_OF_SINGLE_PART_NIL = defect("part-1-of-single-part-nil", "BODY[1] of a message (or enclosed message) that is "
                                   "not multipart is NIL (RFC 9051 §6.4.5.1)")


def subpart(part, numbers):
    """The part a section number (list of ints) names, or None."""
    for n in numbers:
        if part.message is not None and part.type == "message":
            part = part.message
        if part.children:
            if not 1 <= n <= len(part.children):
                return None
            part = part.children[n - 1]
        elif n == 1:
            if PART_1_OF_SINGLE_PART_NIL:
                return None
            pass            # a non-multipart entity is its own part 1
        else:
            return None
    return part


# ---- header fields ----
def header_lines(header):
    """-> [(name, octets of the field incl. folded lines and CRLF)] in order."""
    out = []
    for line in re.split(rb"(?<=\r\n)", header):
        if not line or line == b"\r\n":
            continue
        if line[:1] in (b" ", b"\t") and out:
            out[-1] = (out[-1][0], out[-1][1] + line)
        else:
            out.append((line.split(b":", 1)[0].strip().decode("latin-1").lower(), line))
    return out


FETCH_HEADER_FIELDS_CASE_SENSITIVE = defect("fetch-header-fields-case-sensitive", "HEADER.FIELDS matches field names "
                                            "case-sensitively")


def header_fields(header, names, negate):
    if FETCH_HEADER_FIELDS_CASE_SENSITIVE:
        exact = set(names)
        picked = b"".join(raw for name, raw in header_lines(header)
                          if (raw.split(b":", 1)[0].strip().decode("latin-1") in exact) != negate)
        return picked + b"\r\n"
    names = {n.lower() for n in names}
    picked = b"".join(raw for name, raw in header_lines(header) if (name in names) != negate)
    return picked + b"\r\n"


# ---- ENVELOPE ----
def addresses(value):
    """A header field's value -> [(name, adl, mailbox, host)] with group markers, or None."""
    if value is None:
        return None
    value = unfold(value)
    out = []
    # groups: "name: a, b;" (one level)
    pieces = []
    rest = value
    gm = re.compile(r'^\s*((?:"[^"]*"|[^:,"<>@;])+?):(.*?);\s*,?')
    while rest.strip():
        m = gm.match(rest)
        if m and "@" not in m.group(1):
            pieces.append(("group", m.group(1).strip(), m.group(2)))
            rest = rest[m.end():]
            continue
        nxt = re.search(r'[^,"<]*(?:(?:"[^"]*"|<[^>]*>)[^,"<]*)*', rest)
        pieces.append(("plain", None, nxt.group(0)))
        rest = rest[nxt.end():].lstrip(",")
        if not nxt.group(0):
            break
    for kind, gname, text in pieces:
        if kind == "group":
            out.append((None, None, gname, None))
        for name, addr in email.utils.getaddresses([text]):
            if not addr and not name:
                continue
            mbox, _, host = addr.rpartition("@") if "@" in addr else (addr, "", "")
            # a NIL host marks group syntax (RFC 9051 §7.5.2): an address without a domain gets ""
            out.append((name or None, None, mbox or "", host))
        if kind == "group":
            out.append((None, None, None, None))
    return out or None


def addr_list(addrs):
    """env-from etc.: "(" 1*address ")" with no SP between the addresses (RFC 9051 §9)."""
    if not addrs:
        return b"NIL"
    return b"(" + b"".join(plist([nstr(x) for x in a]) for a in addrs) + b")"


ENVELOPE_SENDER_NIL = defect("envelope-sender-nil", "ENVELOPE sender is NIL when there is no Sender field (instead of "
                             "from)")
ENVELOPE_CC_NIL = defect("envelope-cc-nil", "ENVELOPE cc is always NIL")
ENVELOPE_ABSENT_EMPTY = defect("envelope-absent-fields-empty-string", "ENVELOPE gives \"\" instead of NIL for an "
                               "absent Date, Subject, In-Reply-To or Message-ID")


def envelope(part):
    h = part
    frm = addresses(h.field("From"))
    sender = addresses(h.field("Sender")) or (None if ENVELOPE_SENDER_NIL else frm)
    reply = addresses(h.field("Reply-To")) or frm
    cc = None if ENVELOPE_CC_NIL else addresses(h.field("Cc"))

    def nfield(name):
        v = h.field(name)
        return qstr("") if v is None and ENVELOPE_ABSENT_EMPTY else nstr(v)
    return plist([nfield("Date"), nfield("Subject"), addr_list(frm), addr_list(sender),
                  addr_list(reply), addr_list(addresses(h.field("To"))), addr_list(cc),
                  addr_list(addresses(h.field("Bcc"))), nfield("In-Reply-To"),
                  nfield("Message-ID")])


# ---- BODY / BODYSTRUCTURE ----
BODYSTRUCTURE_LINES_OFF_BY_ONE = defect("bodystructure-lines-off-by-one", "the line count of text parts is one too "
                                        "many")


def body_lines(body):
    extra = 1 if BODYSTRUCTURE_LINES_OFF_BY_ONE else 0
    return body.count(b"\n") + (1 if body and not body.endswith(b"\n") else 0) + extra


def param_list(pairs):
    if not pairs:
        return b"NIL"
    return plist([x for k, v in pairs for x in (qstr(k), qstr(v))])


BODYSTRUCTURE_NO_DISPOSITION = defect("bodystructure-no-disposition", "BODYSTRUCTURE gives NIL for the disposition")
BODYSTRUCTURE_RFC2231_UNDECODED = defect("bodystructure-rfc2231-undecoded", "parameters are returned as written, RFC "
                                         "2231 continuations not joined (RFC 9051 §7.5.2)")


def raw_params(value):
    """(defect) The parameters of a header field as written: [(name, value)], no RFC 2231 decoding."""
    out = []
    for piece in unfold(value).split(";")[1:]:
        k, _, v = piece.strip().partition("=")
        if k:
            out.append((k.strip().lower(), v.strip().strip('"')))
    return out


def disposition(part):
    v = part.h.get("Content-Disposition")
    if v is None or BODYSTRUCTURE_NO_DISPOSITION:
        return b"NIL"
    params = []
    for k, val in (part.h.get_params(header="content-disposition") or [])[1:]:
        if isinstance(val, tuple):
            val = email.utils.collapse_rfc2231_value(val)
        params.append((k, val))
    if BODYSTRUCTURE_RFC2231_UNDECODED:
        params = raw_params(str(v))
    kind = unfold(str(v)).split(";", 1)[0].strip()
    return plist([qstr(kind), param_list(params)])


def language(part):
    v = part.field("Content-Language")
    if v is None:
        return b"NIL"
    langs = [x.strip() for x in v.split(",") if x.strip()]
    return qstr(langs[0]) if len(langs) == 1 else plist([qstr(x) for x in langs])


BODYSTRUCTURE_SIZE_PLUS_CRLF = defect("bodystructure-size-plus-crlf", "the size of every part counts the CRLF before "
                                      "the next boundary (two octets too many)")
BODYSTRUCTURE_ENCODING_7BIT = defect("bodystructure-encoding-7bit", "the encoding field is always 7BIT")
BODYSTRUCTURE_NO_ID_DESCRIPTION = defect("bodystructure-no-id-description", "the body id and description are always "
                                         "NIL")
BODYSTRUCTURE_RFC822_AS_LEAF = defect("bodystructure-rfc822-as-leaf", "a message/rfc822 part has no envelope, body "
                                      "structure and line count")
BODYSTRUCTURE_DECODED_SIZE = defect("bodystructure-decoded-size", "the size of a base64 part is its decoded size")
BODYSTRUCTURE_NO_DEFAULT_TYPE = defect("bodystructure-no-default-type", "a part without Content-Type is "
                                       "application/octet-stream (RFC 2045 §5.2 says text/plain; charset=us-ascii)")


def bodystructure(part, extended=True):
    if part.children:
        out = [b"".join(bodystructure(c, extended) for c in part.children), qstr(part.subtype)]
        if extended:
            out += [param_list(part.params()), disposition(part), language(part), nstr(part.field("Content-Location"))]
        return plist(out)
    ptype, psub, params = part.type, part.subtype, part.params()
    if BODYSTRUCTURE_NO_DEFAULT_TYPE and not part.explicit_type:
        ptype, psub, params = "application", "octet-stream", []
    if BODYSTRUCTURE_RFC2231_UNDECODED and part.explicit_type:
        params = raw_params(str(part.h.get("Content-Type")))
    size = len(part.body) + (2 if BODYSTRUCTURE_SIZE_PLUS_CRLF else 0)
    if BODYSTRUCTURE_DECODED_SIZE and part.encoding() == "base64":
        size = len(decode_body(part) or b"")
    enc = part.encoding().upper() if part.encoding() in ("7bit", "8bit", "binary", "base64", "quoted-printable") \
        else part.encoding()
    no_id = BODYSTRUCTURE_NO_ID_DESCRIPTION
    out = [qstr(ptype), qstr(psub), param_list(params), nstr(None if no_id else part.field("Content-ID")),
           nstr(None if no_id else part.field("Content-Description")),
           qstr("7BIT" if BODYSTRUCTURE_ENCODING_7BIT else enc), str(size).encode()]
    if part.message is not None and BODYSTRUCTURE_RFC822_AS_LEAF:
        pass
    elif part.message is not None:
        out += [envelope(part.message), bodystructure(part.message, extended),
                str(body_lines(part.body)).encode()]
    elif part.type == "text":
        out.append(str(body_lines(part.body)).encode())
    if extended:
        out += [nstr(part.field("Content-MD5")), disposition(part), language(part),
                nstr(part.field("Content-Location"))]
    return plist(out)


# ---- decoded content (BINARY) ----
def decode_body(part):
    """-> decoded octets, or None for an unknown transfer encoding."""
    enc = part.encoding()
    if enc in ("7bit", "8bit", "binary"):
        return part.body
    if enc == "base64":
        try:
            return base64.b64decode(re.sub(rb"[^A-Za-z0-9+/=]", b"", part.body) + b"==", validate=False)
        except (binascii.Error, ValueError):
            return None
    if enc == "quoted-printable":
        return quopri.decodestring(part.body)
    return None
