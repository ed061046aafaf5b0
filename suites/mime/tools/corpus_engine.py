"""The building blocks of the MIME corpus (see make_corpus.py).

A message is built from a tree of entities whose header lines and content are written by hand in the
spec modules (corpus_*.py). Rendering that tree gives the message's octets, and the same walk gives the
expected tree: every figure (section numbers, sizes, line counts, decoded octets and their SHA-256)
follows from what was written, never from reading the octets back with a MIME parser. Encoding goes one
way only: content is base64- or quoted-printable-encoded here, and the decoded figures are those of the
content given, not of a decoder's output.
"""
import base64
import hashlib

CRLF = b"\r\n"
TSPECIALS = set(b'()<>@,;:\\"/[]?=')


def _b(x):
    return x.encode("utf-8") if isinstance(x, str) else bytes(x)


def line_count(body):
    """Line ends (LF, a CRLF counting once) plus one when a non-empty body does not end with one."""
    return body.count(b"\n") + (1 if body and not body.endswith(b"\n") else 0)


def is_token(value):
    return value != b"" and all(33 <= c <= 126 and c not in TSPECIALS for c in value)


def param_value(value):
    """A parameter value as written: a token as is, otherwise a quoted-string (RFC 2045 §5.1)."""
    v = _b(value)
    if is_token(v):
        return v
    return b'"' + v.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def b64(data, width=76, final_eol=False):
    """Base64 lines of at most `width` characters joined by CRLF (RFC 2045 §6.8)."""
    text = base64.b64encode(_b(data))
    lines = [text[i:i + width] for i in range(0, len(text), width)] or [b""]
    return CRLF.join(lines) + (CRLF if final_eol else b"")


def qp(data, final_eol=False):
    """Quoted-printable (RFC 2045 §6.7): CRLF in the data becomes a hard line break, every other octet
    that is not printable ASCII (and '=', and white space at a line's end) becomes =XX, and lines longer
    than 76 characters get soft line breaks."""
    out_lines = []
    for src in _b(data).split(CRLF):
        tokens = []
        for i, c in enumerate(src):
            last = i == len(src) - 1
            if c in (9, 32) and not last:
                tokens.append(bytes([c]))
            elif 33 <= c <= 126 and c != 61:
                tokens.append(bytes([c]))
            else:
                tokens.append(b"=%02X" % c)
        line = b""
        for t in tokens:
            if len(line) + len(t) > 75:
                out_lines.append(line + b"=")
                line = b""
            line += t
        out_lines.append(line)
    return CRLF.join(out_lines) + (CRLF if final_eol else b"")


def ctype_header(type_, subtype, params=None):
    """The Content-Type line and the expected fields it stands for, from structured values."""
    params = dict(params or {})
    line = b"Content-Type: " + _b(type_) + b"/" + _b(subtype)
    for name, value in params.items():
        line += b"; " + _b(name) + b"=" + param_value(value)
    fields = {"type": type_.lower(), "subtype": subtype.lower(), "type_defaulted": False}
    if params:
        fields["params"] = {k.lower(): v for k, v in params.items()}
    return line, fields


def disposition_header(kind, params=None):
    params = dict(params or {})
    line = b"Content-Disposition: " + _b(kind)
    for name, value in params.items():
        line += b"; " + _b(name) + b"=" + param_value(value)
    fields = {"disposition": {"type": kind.lower()}}
    if params:
        fields["disposition"]["params"] = {k.lower(): v for k, v in params.items()}
    if "filename" in params:
        fields["filename"] = params["filename"]
    return line, fields


class Entity:
    """An entity: its MIME header lines (bytes, without line ends) and the fields they mean.

    fields: what a reader must find in those lines (type, subtype, params, encoding, ...).
    eol: the line end written after each header line and as the empty line.
    sep: whether the empty line that ends the header is written.
    drop: computed fields to leave out of the expected tree (e.g. decoded_* when undecidable).
    extra: fields to put in the expected tree as given (after the computed ones).
    raw_header: the header block exactly as written, replacing headers/eol/sep (for malformed headers).
    """

    def __init__(self, headers=(), fields=None, eol=CRLF, sep=True, drop=(), extra=None, raw_header=None):
        self.headers = [_b(h) for h in headers]
        self.fields = dict(fields or {})
        self.eol = eol
        self.sep = sep
        self.drop = set(drop)
        self.extra = dict(extra or {})
        self.raw_header = None if raw_header is None else _b(raw_header)

    def header_block(self, lead=()):
        if self.raw_header is not None:
            return self.raw_header
        lines = list(lead) + self.headers
        block = b"".join(line + self.eol for line in lines)
        return block + (self.eol if self.sep else b"")

    def kind(self):
        return self.fields.get("type", "text") + "/" + self.fields.get("subtype", "plain")


class Leaf(Entity):
    """A discrete entity. body: the octets as written (still encoded); decoded: the content they
    encode, given by hand (the identity encodings default to the body itself)."""

    def __init__(self, body, decoded=None, **kw):
        super().__init__(**kw)
        self.body = _b(body)
        self.decoded = self.body if decoded is None else _b(decoded)

    def render_body(self):
        return self.body


class Multi(Entity):
    """A multipart entity, rendered by the grammar of RFC 2046 §5.1.1.

    preamble: None (the body opens with the first delimiter) or the octets before the CRLF that
    precedes it. epilogue: None (nothing after the close delimiter line, not even its CRLF) or the octets
    after that CRLF. pads: transport padding after each delimiter (list, one per part); close_pad:
    after the close delimiter. close: write the close delimiter. joins: the line end written before each
    delimiter that follows a part (default eol; one per part)."""

    def __init__(self, parts, boundary, preamble=None, epilogue=b"", pads=None, close_pad=b"",
                 close=True, joins=None, delim_eol=None, **kw):
        super().__init__(**kw)
        self.parts = list(parts)
        self.boundary = _b(boundary)
        self.preamble = None if preamble is None else _b(preamble)
        self.epilogue = None if epilogue is None else _b(epilogue)
        self.pads = [_b(p) for p in (pads or [b""] * len(self.parts))]
        self.close_pad = _b(close_pad)
        self.close = close
        self.joins = joins
        self.delim_eol = self.eol if delim_eol is None else delim_eol

    def render_body(self):
        out = b""
        if self.preamble is not None:
            out += self.preamble + self.delim_eol
        for i, part in enumerate(self.parts):
            out += b"--" + self.boundary + self.pads[i] + self.delim_eol
            out += render_entity(part)
            if i < len(self.parts) - 1 or self.close:
                out += self.joins[i] if self.joins else self.delim_eol
        if self.close:
            out += b"--" + self.boundary + b"--" + self.close_pad
            if self.epilogue is not None:
                out += self.delim_eol + self.epilogue
        return out


class MsgPart(Entity):
    """A message/rfc822 (or message/global) entity: its body is another Message."""

    def __init__(self, message, **kw):
        super().__init__(**kw)
        self.message = message

    def render_body(self):
        return render_message(self.message)


class Message:
    """A message: its own header lines (From, Subject, ...), then its root entity's lines.

    fields: the expected message fields (subject, from, to, date, message_id, ...), written by hand.
    raw_header: when given, the whole header block as written (the root's lines are then not used)."""

    def __init__(self, headers, root, fields=None, raw_header=None):
        self.headers = [_b(h) for h in headers]
        self.root = root
        self.fields = dict(fields or {})
        self.raw_header = None if raw_header is None else _b(raw_header)

    def header_block(self):
        if self.raw_header is not None:
            return self.raw_header
        return self.root.header_block(lead=self.headers)


def render_entity(entity):
    return entity.header_block() + entity.render_body()


def render_message(message):
    return message.header_block() + message.root.render_body()


def child_section(prefix, index):
    return f"{prefix}.{index}" if prefix else str(index)


def expect_entity(entity, section, prefix, header_octets):
    """The expected PART for an entity at IMAP section `section` whose children are numbered under
    `prefix` (RFC 9051 §6.4.5)."""
    body = entity.render_body()
    node = {"section": section}
    node.update(entity.fields)
    node.setdefault("type", "text")
    node.setdefault("subtype", "plain")
    if not isinstance(entity, Multi):
        node.setdefault("encoding", "7bit")
    node["header_octets"] = header_octets
    node["body_octets"] = len(body)
    if node["type"] in ("text", "message") and not (node["type"] == "message" and
                                                    node["subtype"] not in ("rfc822", "global")):
        node["body_lines"] = line_count(body)
    if isinstance(entity, Leaf):
        node["decoded_octets"] = len(entity.decoded)
        node["decoded_sha256"] = hashlib.sha256(entity.decoded).hexdigest()
    elif isinstance(entity, Multi):
        node["preamble_octets"] = len(entity.preamble) if entity.preamble is not None else 0
        node["epilogue_octets"] = len(entity.epilogue) if (entity.close and entity.epilogue is not None) else 0
        node["closed"] = entity.close
        node["parts"] = [expect_child(p, child_section(prefix, i + 1)) for i, p in enumerate(entity.parts)]
    elif isinstance(entity, MsgPart):
        node["message"] = expect_message(entity.message, section)
    for name in entity.drop:
        node.pop(name, None)
    node.update(entity.extra)
    return node


def expect_child(entity, section):
    return expect_entity(entity, section, section, len(entity.header_block()))


def expect_message(message, section=""):
    """The expected MESSAGE; `section` is that of the message/rfc822 part holding it ('' at the top)."""
    header = message.header_block()
    out = {"header_octets": len(header)}
    out.update(message.fields)
    root = message.root
    if isinstance(root, Multi):
        out["root"] = expect_entity(root, None, section, len(header))
    else:
        own = child_section(section, 1)
        out["root"] = expect_entity(root, own, own, len(header))
    return out


class Case:
    """One corpus message: its name, the message (or raw octets), and what the verdict rests on.

    expected: the MESSAGE tree; computed from `message` when not given (hand-written malformed cases
    give it themselves, alongside `raw`)."""

    def __init__(self, name, basis, rfc, note, message=None, raw=None, expected=None, level=None):
        assert basis in ("rfc", "robust"), name
        assert level in (None, "MUST", "SHOULD", "MAY"), name
        self.name, self.basis, self.rfc, self.note, self.level = name, basis, list(rfc), note, level
        self.message, self.raw, self.expected = message, raw, expected

    def octets(self):
        return self.raw if self.raw is not None else render_message(self.message)

    def expected_file(self):
        data = self.octets()
        out = {"format": "mailspec-mime-1", "basis": self.basis, "rfc": self.rfc, "note": self.note}
        if self.level:
            out["level"] = self.level
        out["octets"] = len(data)
        out["message"] = self.expected if self.expected is not None else expect_message(self.message)
        return out


# ---- Helpers the spec modules share -------------------------------------------------------------

ALICE = ("Alice Example", "alice", "example.test")
BOB = ("Bob Example", "bob", "example.net")
DATE = "Mon, 02 Jan 2023 10:00:00 +0000"


def addr(name, mailbox, host):
    out = {"name": name} if name is not None else {}
    out.update({"mailbox": mailbox, "host": host})
    return out


def addr_text(a):
    name, mailbox, host = a
    return f"{name} <{mailbox}@{host}>" if name else f"{mailbox}@{host}"


def message(mid, root, subject="Test message", headers=None, fields=None, from_=ALICE, to=BOB,
            subject_expect=None, mime_version=True):
    """A message with the usual fields (From, To, Subject, Date, Message-ID, MIME-Version) written from
    structured values, and the expected fields that follow from them. `headers` replaces the usual
    list entirely (with `fields` the expected fields of those lines); otherwise `fields` adds to them."""
    if headers is not None:
        return Message(headers, root, fields=fields or {})
    lines, exp = [], {}
    if from_ is not None:
        lines.append("From: " + addr_text(from_))
        exp["from"] = [addr(*from_)]
    if to is not None:
        lines.append("To: " + addr_text(to))
        exp["to"] = [addr(*to)]
    if subject is not None:
        lines.append("Subject: " + subject if isinstance(subject, str) else b"Subject: " + subject)
        exp["subject"] = subject if subject_expect is None else subject_expect
    lines.append("Date: " + DATE)
    exp["date"] = DATE
    lines.append(f"Message-ID: <{mid}@example.test>")
    exp["message_id"] = f"<{mid}@example.test>"
    if mime_version:
        lines.append("MIME-Version: 1.0")
    exp.update(fields or {})
    return Message(lines, root, fields=exp)


def leaf(content=b"", ctype=("text", "plain", {"charset": "us-ascii"}), cte=None, headers=(),
         fields=None, body=None, decoded=None, eol=CRLF, sep=True, drop=(), extra=None):
    """A discrete entity. ctype: (type, subtype, params) written as a Content-Type line, or None for no
    Content-Type (text/plain defaulted, charset us-ascii). cte: None (no field), an identity encoding, or
    base64 / quoted-printable (the content is encoded here). headers: more lines, written after these;
    fields: what those lines mean. body/decoded: hand-written octets, replacing the encoding step."""
    lines, exp = [], {}
    if ctype is None:
        exp.update({"type": "text", "subtype": "plain", "type_defaulted": True,
                    "params": {"charset": "us-ascii"}})
    else:
        line, f = ctype_header(*ctype)
        lines.append(line)
        exp.update(f)
    content = _b(content)
    if cte is not None:
        lines.append(b"Content-Transfer-Encoding: " + _b(cte))
        exp["encoding"] = cte.lower()
    lines += [_b(h) for h in headers]
    exp.update(fields or {})
    if body is None:
        body = {"base64": lambda c: b64(c), "quoted-printable": lambda c: qp(c)}.get(
            (cte or "").lower(), lambda c: c)(content)
        decoded = content if decoded is None else decoded
    return Leaf(body, decoded=decoded, headers=lines, fields=exp, eol=eol, sep=sep, drop=drop, extra=extra)


def text(content, subtype="plain", charset="us-ascii", cte=None, **kw):
    params = {"charset": charset} if charset else {}
    return leaf(content, ctype=("text", subtype, params), cte=cte, **kw)


def multi(subtype, parts, boundary, params=None, headers=(), fields=None, **kw):
    p = {"boundary": _b(boundary).decode("latin-1")}
    p.update(params or {})
    line, exp = ctype_header("multipart", subtype, p)
    exp.update(fields or {})
    return Multi(parts, boundary, headers=[line] + list(headers), fields=exp, **kw)


def msgpart(msg, subtype="rfc822", headers=(), fields=None, ctype=True, **kw):
    lines, exp = [], {}
    if ctype:
        line, exp = ctype_header("message", subtype)
        lines.append(line)
    lines += list(headers)
    exp.update(fields or {})
    return MsgPart(msg, headers=lines, fields=exp, **kw)
