"""FETCH (RFC 9051 §6.4.5, §7.5.2) of the reference IMAP server: attribute parsing and the data items
(ENVELOPE, FLAGS, INTERNALDATE, RFC822*, BODY, BODYSTRUCTURE, BODY[section]<o.n>, BINARY (RFC 3516),
UID, MODSEQ (RFC 7162))."""
import datetime
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


FETCH_RFC822_KEEPS_UNSEEN = defect("fetch-rfc822-keeps-unseen", "RFC822 and RFC822.TEXT leave \\Seen unset (RFC 3501 "
                                   "§6.4.5)")
FETCH_RFC822_HEADER_SETS_SEEN = defect("fetch-rfc822-header-sets-seen", "RFC822.HEADER sets \\Seen")
FETCH_RFC822_NAMED_BODY = defect("fetch-rfc822-named-body", "RFC822, RFC822.HEADER and RFC822.TEXT are answered as "
                                 "BODY[], BODY[HEADER] and BODY[TEXT]")


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

    BINARY_PEEK_SETS_SEEN = defect("binary-peek-sets-seen", "FETCH BINARY.PEEK sets \\Seen (RFC 3516 §4.2)")
    BINARY_NO_SEEN = defect("binary-no-seen", "FETCH BINARY (not .PEEK) does not set \\Seen (RFC 3516 §4.2)")

    def sets_seen(self):
        if self.kind == "BINARY" and self.peek and self.BINARY_PEEK_SETS_SEEN:
            return True
        if self.kind == "BINARY" and not self.peek and self.BINARY_NO_SEEN:
            return False
        if self.kind in ("RFC822", "RFC822.TEXT") and FETCH_RFC822_KEEPS_UNSEEN:
            return False
        if self.kind == "RFC822.HEADER" and FETCH_RFC822_HEADER_SETS_SEEN:
            return True
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


FETCH_UNKNOWN_ITEM_IGNORED = defect("fetch-unknown-item-ignored", "FETCH skips an unknown data item instead of "
                                    "answering BAD")


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
    if FETCH_UNKNOWN_ITEM_IGNORED:
        return None
    raise Bad(f"unknown fetch attribute {word}")


FETCH_FIRST_ITEM_ONLY = defect("fetch-first-item-only", "FETCH of a parenthesised list answers its first item only")
FETCH_ALL_NO_ENVELOPE = defect("fetch-all-no-envelope", "the ALL macro leaves out ENVELOPE")
FETCH_FAST_ADDS_ENVELOPE = defect("fetch-fast-adds-envelope", "the FAST macro also returns ENVELOPE")
FETCH_FULL_BODYSTRUCTURE = defect("fetch-full-bodystructure", "the FULL macro returns BODYSTRUCTURE instead of BODY")


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
        items = [i for i in items if i is not None]
        if FETCH_FIRST_ITEM_ONLY:
            items = items[:1]
    else:
        start = p.i
        word = p._run(bytes(c for c in range(0x21, 0x7F) if c not in b'()[]<>{ "\\%*')).decode().upper()
        if word in MACROS:
            names = list(MACROS[word])
            if word == "ALL" and FETCH_ALL_NO_ENVELOPE:
                names.remove("ENVELOPE")
            if word == "FAST" and FETCH_FAST_ADDS_ENVELOPE:
                names.append("ENVELOPE")
            if word == "FULL" and FETCH_FULL_BODYSTRUCTURE:
                names[names.index("BODY")] = "BODYSTRUCTURE"
            items = [Item(x) for x in names]
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


BINARY_NOT_DECODED = defect("binary-not-decoded", "FETCH BINARY and BINARY.SIZE return the part as encoded "
                             "(base64 text), not decoded (RFC 3516 §4.2)")
BINARY_SIZE_PLUS_CRLF = defect("binary-size-plus-crlf", "BINARY.SIZE counts two octets more than BINARY returns "
                               "(RFC 3516 §4.3)")
FETCH_BODY_DROPS_LAST_CRLF = defect("fetch-body-drops-last-crlf", "BODY[] leaves out the message's last CRLF")
FETCH_HEADER_NO_BLANK_LINE = defect("fetch-header-no-blank-line", "HEADER, HEADER.FIELDS(.NOT) and MIME sections leave "
                                    "out the blank line (RFC 9051 §6.4.5.1)")
FETCH_TEXT_INCLUDES_HEADER = defect("fetch-text-includes-header", "the TEXT section includes the header")
FETCH_HEADER_FIELDS_NOT_IGNORED = defect("fetch-header-fields-not-ignored", "HEADER.FIELDS.NOT returns the whole "
                                         "header")
FETCH_PART_INCLUDES_MIME_HEADER = defect("fetch-part-includes-mime-header", "BODY[n] includes the part's own MIME "
                                         "header")
FETCH_BODY_DECODES_CTE = defect("fetch-body-decodes-cte", "BODY[n] of a base64 or quoted-printable part is decoded")
FETCH_MIME_IS_MESSAGE_HEADER = defect("fetch-mime-is-message-header", "BODY[n.MIME] returns the message's top-level "
                                      "header")
BINARY_7BIT_UNKNOWN_CTE = defect("binary-7bit-unknown-cte", "BINARY of a 7bit part is answered NO [UNKNOWN-CTE]")


def section_data(msg, item):
    data = section_data_correct(msg, item)
    if FETCH_HEADER_NO_BLANK_LINE and item.text in ("HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "MIME") \
            and isinstance(data, bytes) and data.endswith(b"\r\n"):
        data = data[:-2]
    if FETCH_BODY_DROPS_LAST_CRLF and not item.part and item.text is None and data.endswith(b"\r\n"):
        data = data[:-2]
    return data


def section_data_correct(msg, item):
    """-> octets of BODY[section] / BINARY[section], or None (no such part: NIL), or "cte" (unknown
    transfer encoding for BINARY)."""
    root = msg.parsed
    if not item.part:
        if item.text is None:
            data = msg.data
        elif item.text == "HEADER":
            data = root.header
        elif item.text == "TEXT":
            data = msg.data if FETCH_TEXT_INCLUDES_HEADER else root.body
        elif item.text.endswith(".NOT") and FETCH_HEADER_FIELDS_NOT_IGNORED:
            data = root.header
        else:
            data = header_fields(root.header, item.fields, item.text.endswith(".NOT"))
        return data
    part = subpart(root, list(item.part))
    if part is None:
        return None
    if item.kind in ("BINARY", "BINARY.SIZE"):
        if part.children or part.message is not None or BINARY_NOT_DECODED:
            return part.body
        if BINARY_7BIT_UNKNOWN_CTE and part.encoding() == "7bit":
            return "cte"
        dec = decode_body(part)
        if dec is not None and item.kind == "BINARY.SIZE" and BINARY_SIZE_PLUS_CRLF:
            return dec + b"\r\n"
        return "cte" if dec is None else dec
    if item.text is None:
        if FETCH_PART_INCLUDES_MIME_HEADER:
            return part.raw
        if FETCH_BODY_DECODES_CTE and not part.children and part.message is None and \
                part.encoding() in ("base64", "quoted-printable"):
            return decode_body(part)
        return part.body
    if item.text == "MIME":
        return root.header if FETCH_MIME_IS_MESSAGE_HEADER else part.header
    inner = part.message if part.message is not None else part
    if item.text == "HEADER":
        return inner.header
    if item.text == "TEXT":
        return inner.raw if FETCH_TEXT_INCLUDES_HEADER else inner.body
    return header_fields(inner.header, item.fields, item.text.endswith(".NOT"))


BINARY_ALWAYS_LITERAL8 = defect("binary-always-literal8", "FETCH BINARY returns every part in a literal8, "
                                "also text without NUL (RFC 3516 §4.3)")


def literal(data, binary=False):
    prefix = b"~" if binary and (b"\x00" in data or BINARY_ALWAYS_LITERAL8) else b""
    return prefix + b"{%d}\r\n" % len(data) + data


FETCH_NO_MODSEQ = defect("fetch-no-modseq", "FETCH (MODSEQ) returns no MODSEQ data item (RFC 7162 §3.1.4.2)")
FETCH_FLAGS_ADDS_SEEN = defect("fetch-flags-adds-seen", "FETCH FLAGS always lists \\Seen")
FETCH_INTERNALDATE_HOUR_OFF = defect("fetch-internaldate-hour-off", "INTERNALDATE is one hour later than the date "
                                     "given at APPEND")
FETCH_RFC822_SIZE_LF = defect("fetch-rfc822-size-lf", "RFC822.SIZE counts line ends as one octet (LF)")
FETCH_UID_ZERO = defect("fetch-uid-zero", "FETCH UID answers UID 0")
FETCH_BODY_HAS_EXTENSION = defect("fetch-body-has-extension-data", "FETCH BODY carries the extension data of "
                                  "BODYSTRUCTURE")
FETCH_PARTIAL_ZERO_UNLABELLED = defect("fetch-partial-zero-unlabelled", "a partial fetch from octet 0 is labelled "
                                       "BODY[] (no <0>)")
FETCH_PARTIAL_OFF_BY_ONE = defect("fetch-partial-off-by-one", "a partial fetch starts one octet too late")
FETCH_PARTIAL_BEYOND_END_NIL = defect("fetch-partial-beyond-end-nil", "a partial fetch starting past the end answers "
                                      "NIL")


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
            when = msg.internaldate + datetime.timedelta(hours=1) if FETCH_INTERNALDATE_HOUR_OFF else msg.internaldate
            out.append(b'INTERNALDATE "' + fmt_internaldate(when).encode() + b'"')
        elif k == "RFC822.SIZE":
            out.append(b"RFC822.SIZE %d" % (len(msg.data) - (msg.data.count(b"\r\n") if FETCH_RFC822_SIZE_LF else 0)))
        elif k == "RFC822":
            out.append((b"BODY[] " if FETCH_RFC822_NAMED_BODY else b"RFC822 ") + literal(msg.data))
        elif k == "RFC822.HEADER":
            name = b"BODY[HEADER] " if FETCH_RFC822_NAMED_BODY else b"RFC822.HEADER "
            out.append(name + literal(msg.parsed.header))
        elif k == "RFC822.TEXT":
            out.append((b"BODY[TEXT] " if FETCH_RFC822_NAMED_BODY else b"RFC822.TEXT ") + literal(msg.parsed.body))
        elif k == "BODY":
            out.append(b"BODY " + bodystructure(msg.parsed, extended=bool(FETCH_BODY_HAS_EXTENSION)))
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
                beyond = start >= len(data)
                skip = 1 if FETCH_PARTIAL_OFF_BY_ONE else 0
                data = data[start + skip:start + skip + count]
                if not (start == 0 and FETCH_PARTIAL_ZERO_UNLABELLED):
                    name += b"<%d>" % start
                if beyond and FETCH_PARTIAL_BEYOND_END_NIL:
                    data = None
            if data is None:
                out.append(name + b" NIL")
            else:
                out.append(name + b" " + literal(data, binary=k == "BINARY"))
    head = []
    if (is_uid and not session.UID_RESPONSES_NO_UID) or any(i.kind == "UID" for i in items):
        head.append(b"UID %d" % (0 if FETCH_UID_ZERO else msg.uid))
    if want_flags:
        flags = session.flags_item(msg)
        if FETCH_FLAGS_ADDS_SEEN and b"\\Seen" not in flags:
            flags = flags.replace(b"FLAGS (", b"FLAGS (\\Seen ").replace(b" )", b")")
        head.append(flags)
    if (any(i.kind == "MODSEQ" for i in items) and not FETCH_NO_MODSEQ) or with_modseq or (
            session.condstore and want_flags):
        head.append(b"MODSEQ (%d)" % msg.modseq)
    return b"(" + b" ".join(head + out) + b")"


class CteError(Exception):
    pass
