"""FETCH (RFC 9051 §6.4.5, §7.5.2) of the reference IMAP server: attribute parsing and the data items
(ENVELOPE, FLAGS, INTERNALDATE, RFC822*, BODY, BODYSTRUCTURE, BODY[section]<o.n>, BINARY (RFC 3516),
UID, MODSEQ (RFC 7162))."""
import re

from imap_defects import defect
from imap_mime import bodystructure, decode_body, envelope, header_fields, qstr, subpart
from imap_parse import Bad, Parser
from imap_store import fmt_internaldate

MACROS = {"ALL": ["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"],
          "FAST": ["FLAGS", "INTERNALDATE", "RFC822.SIZE"],
          "FULL": ["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"]}
SIMPLE = {"ENVELOPE", "FLAGS", "INTERNALDATE", "RFC822", "RFC822.HEADER", "RFC822.SIZE", "RFC822.TEXT", "BODY",
          "BODYSTRUCTURE", "UID", "MODSEQ"}


class Item:
    """One fetch attribute. kind: a SIMPLE name, or BODY[] / BINARY / BINARY.SIZE with a section."""

    def __init__(self, kind, peek=False, part=(), text=None, fields=None, fields_raw=b"", partial=None):
        self.kind, self.peek, self.part, self.text = kind, peek, part, text
        self.fields, self.fields_raw, self.partial = fields, fields_raw, partial

    def section_name(self):
        s = ".".join(str(n) for n in self.part)
        if self.text:
            s += ("." if s else "") + self.text
            if self.fields is not None:
                s += " " + self.fields_raw.decode("utf-8", "replace")
        return s

    def sets_seen(self):
        return (self.kind in ("BODY[]", "BINARY") and not self.peek) or self.kind in ("RFC822", "RFC822.TEXT")


def parse_section(p, binary):
    """After '[': section-part and section-text up to ']' -> (part numbers, text, fields, raw)."""
    part, text, fields, raw = [], None, None, b""
    dot = False
    while p.peek() and p.peek() in b"0123456789":
        part.append(p.number(nz=True))
        dot = p.try_expect(b".")
        if not dot:
            break
    if p.peek() != b"]":
        if binary or (part and not dot):
            raise Bad("bad section")
        word = p.atom("a section text").upper()
        if word in ("HEADER.FIELDS", "HEADER.FIELDS.NOT"):
            p.sp()
            start = p.i
            p.expect(b"(")
            fields = [p.astring().decode("ascii", "replace")]
            while p.try_sp():
                fields.append(p.astring().decode("ascii", "replace"))
            p.expect(b")")
            raw = p.d[start:p.i]
        elif word == "MIME":
            if not part:
                raise Bad("MIME needs a part number")
        elif word not in ("HEADER", "TEXT"):
            raise Bad(f"bad section text {word}")
        text = word
    elif dot:
        raise Bad("bad section")
    p.expect(b"]")
    return tuple(part), text, fields, raw


def parse_att(p):
    word = p._run(bytes(c for c in range(0x21, 0x7F) if c not in b'()[]<>{ "\\%*')).decode().upper()
    if not word:
        raise Bad("expected a fetch attribute")
    if word in MACROS:
        raise Bad("a macro must stand alone")
    if word in SIMPLE and p.peek() != b"[":
        return Item(word)
    if word in ("BODY", "BODY.PEEK", "BINARY", "BINARY.PEEK", "BINARY.SIZE") and p.peek() == b"[":
        p.i += 1
        binary = word.startswith("BINARY")
        part, text, fields, raw = parse_section(p, binary)
        partial = None
        if word != "BINARY.SIZE" and p.peek() == b"<":
            p.i += 1
            start = p.number()
            p.expect(b".")
            partial = (start, p.number(nz=True))
            p.expect(b">")
        kind = "BINARY.SIZE" if word == "BINARY.SIZE" else ("BINARY" if binary else "BODY[]")
        return Item(kind, peek=word.endswith(".PEEK"), part=part, text=text, fields=fields, fields_raw=raw,
                    partial=partial)
    raise Bad(f"unknown fetch attribute {word}")


def parse_fetch(args):
    """FETCH arguments after the sequence set -> (items, changedsince or None, vanished)."""
    p = Parser(args)
    items = []
    if p.peek() == b"(":
        p.i += 1
        items.append(parse_att(p))
        while p.try_sp():
            items.append(parse_att(p))
        p.expect(b")")
    else:
        start = p.i
        word = p._run(bytes(c for c in range(0x21, 0x7F) if c not in b'()[]<>{ "\\%*')).decode().upper()
        if word in MACROS:
            items = [Item(x) for x in MACROS[word]]
        else:
            p.i = start
            items.append(parse_att(p))
    changedsince, vanished = None, False
    if p.try_sp():
        p.expect(b"(")
        while True:
            mod = p.atom("a fetch modifier").upper()
            if mod == "CHANGEDSINCE":
                p.sp()
                changedsince = p.number64()
            elif mod == "VANISHED":
                vanished = True
            else:
                raise Bad(f"unknown fetch modifier {mod}")
            if not p.try_sp():
                break
        p.expect(b")")
    p.end()
    return items, changedsince, vanished


def section_data(msg, item):
    """-> octets of BODY[section] / BINARY[section], or None (no such part: NIL), or "cte" (unknown
    transfer encoding for BINARY)."""
    root = msg.parsed
    if not item.part:
        if item.text is None:
            data = msg.data
        elif item.text == "HEADER":
            data = root.header
        elif item.text == "TEXT":
            data = root.body
        else:
            data = header_fields(root.header, item.fields, item.text.endswith(".NOT"))
        return data
    part = subpart(root, list(item.part))
    if part is None:
        return None
    if item.kind in ("BINARY", "BINARY.SIZE"):
        if part.children or part.message is not None:
            return part.body
        dec = decode_body(part)
        return "cte" if dec is None else dec
    if item.text is None:
        return part.body
    if item.text == "MIME":
        return part.header
    inner = part.message if part.message is not None else part
    if item.text == "HEADER":
        return inner.header
    if item.text == "TEXT":
        return inner.body
    return header_fields(inner.header, item.fields, item.text.endswith(".NOT"))


def literal(data, binary=False):
    prefix = b"~" if binary and b"\x00" in data else b""
    return prefix + b"{%d}\r\n" % len(data) + data


def fetch_items(session, msg, items, is_uid, changed_flags, with_modseq=False):
    """-> the parenthesised list of one FETCH response (bytes), or raises CteError."""
    out = []
    want_flags = any(i.kind == "FLAGS" for i in items) or changed_flags
    for it in items:
        k = it.kind
        if k == "UID":
            continue
        if k == "FLAGS" or k == "MODSEQ":
            continue
        if k == "ENVELOPE":
            out.append(b"ENVELOPE " + envelope(msg.parsed))
        elif k == "INTERNALDATE":
            out.append(b'INTERNALDATE "' + fmt_internaldate(msg.internaldate).encode() + b'"')
        elif k == "RFC822.SIZE":
            out.append(b"RFC822.SIZE %d" % len(msg.data))
        elif k == "RFC822":
            out.append(b"RFC822 " + literal(msg.data))
        elif k == "RFC822.HEADER":
            out.append(b"RFC822.HEADER " + literal(msg.parsed.header))
        elif k == "RFC822.TEXT":
            out.append(b"RFC822.TEXT " + literal(msg.parsed.body))
        elif k == "BODY":
            out.append(b"BODY " + bodystructure(msg.parsed, extended=False))
        elif k == "BODYSTRUCTURE":
            out.append(b"BODYSTRUCTURE " + bodystructure(msg.parsed, extended=True))
        else:
            data = section_data(msg, it)
            if data == "cte":
                raise CteError()
            name = (b"BINARY" if k.startswith("BINARY") else b"BODY") + b"[" + it.section_name().encode() + b"]"
            if k == "BINARY.SIZE":
                out.append(b"BINARY.SIZE[" + it.section_name().encode() + b"] " +
                           (b"0" if data is None else str(len(data)).encode()))
                continue
            if it.partial is not None and data is not None:
                start, count = it.partial
                data = data[start:start + count]
                name += b"<%d>" % start
            if data is None:
                out.append(name + b" NIL")
            else:
                out.append(name + b" " + literal(data, binary=k == "BINARY"))
    head = []
    if is_uid or any(i.kind == "UID" for i in items):
        head.append(b"UID %d" % msg.uid)
    if want_flags:
        head.append(session.flags_item(msg))
    if any(i.kind == "MODSEQ" for i in items) or with_modseq or (session.condstore and want_flags):
        head.append(b"MODSEQ (%d)" % msg.modseq)
    return b"(" + b" ".join(head + out) + b")"


class CteError(Exception):
    pass
