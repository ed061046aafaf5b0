"""SEARCH of the reference IMAP server: every search key of RFC 9051 §6.4.4 (and RFC 3501's NEW, OLD,
RECENT), CONDSTORE's MODSEQ (RFC 7162), ESEARCH RETURN options (RFC 4731/9051) and SEARCHRES (RFC 5182)."""
import datetime
import email.header
import email.utils

from imap_defects import defect
from imap_parse import Bad, Parser, seq_ranges, in_ranges
from imap_store import parse_date

FLAG_KEYS = {"ANSWERED": ("\\Answered", True), "DELETED": ("\\Deleted", True), "DRAFT": ("\\Draft", True),
             "FLAGGED": ("\\Flagged", True), "SEEN": ("\\Seen", True), "UNANSWERED": ("\\Answered", False),
             "UNDELETED": ("\\Deleted", False), "UNDRAFT": ("\\Draft", False), "UNFLAGGED": ("\\Flagged", False),
             "UNSEEN": ("\\Seen", False)}
STRING_KEYS = {"BCC", "BODY", "CC", "FROM", "SUBJECT", "TEXT", "TO"}
DATE_KEYS = {"BEFORE", "ON", "SINCE", "SENTBEFORE", "SENTON", "SENTSINCE"}
CHARSETS = ("US-ASCII", "UTF-8")


class BadCharset(Exception):
    pass


def parse_program(p, charset):
    """-> list of keys (ANDed); p is at the first key."""
    keys = [parse_key(p, charset)]
    while p.try_sp():
        keys.append(parse_key(p, charset))
    return ("AND", keys)


def search_string(p, charset):
    b = p.astring()
    try:
        return b.decode("utf-8" if charset == "UTF-8" else "ascii").casefold()
    except UnicodeDecodeError:
        raise Bad("a search string is not in the given charset") from None


def parse_key(p, charset):
    if p.peek() == b"(":
        p.i += 1
        keys = [parse_key(p, charset)]
        while p.try_sp():
            keys.append(parse_key(p, charset))
        p.expect(b")")
        return ("AND", keys)
    if p.peek() and (p.peek() in b"0123456789*$"):
        return ("SEQ", p.seqset())
    word = p.atom("a search key").upper()
    if word == "ALL":
        return ("ALL",)
    if word in FLAG_KEYS:
        return ("FLAG",) + FLAG_KEYS[word]
    if word in ("NEW", "OLD", "RECENT"):
        return (word,)
    if word in STRING_KEYS:
        p.sp()
        return (word, search_string(p, charset))
    if word in DATE_KEYS:
        p.sp()
        raw = p.quoted() if p.peek() == b'"' else p.atom("a date").encode()
        d = parse_date(raw.decode("ascii", "replace"))
        if d is None:
            raise Bad("bad date")
        return (word, d)
    if word == "HEADER":
        p.sp()
        name = p.astring().decode("ascii", "replace")
        p.sp()
        return ("HEADER", name, search_string(p, charset))
    if word in ("KEYWORD", "UNKEYWORD"):
        p.sp()
        return (word, p.flag())
    if word in ("LARGER", "SMALLER"):
        p.sp()
        return (word, p.number())
    if word == "NOT":
        p.sp()
        return ("NOT", parse_key(p, charset))
    if word == "OR":
        p.sp()
        a = parse_key(p, charset)
        p.sp()
        return ("OR", a, parse_key(p, charset))
    if word == "UID":
        p.sp()
        return ("UID", p.seqset())
    if word == "MODSEQ":
        p.sp()
        if p.peek() == b'"':
            p.quoted()
            p.sp()
            kind = p.atom().lower()
            if kind not in ("priv", "shared", "all"):
                raise Bad("bad entry type")
            p.sp()
        return ("MODSEQ", p.number64())
    raise Bad(f"unknown search key {word}")


def decoded(value):
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (ValueError, LookupError, UnicodeError):
        return value


def text_of(b):
    return b.decode("utf-8", "replace").casefold()


def bodies(part):
    """The decoded text of every leaf part (for BODY and TEXT)."""
    from imap_mime import decode_body
    out = []
    if part.children:
        for c in part.children:
            out += bodies(c)
    elif part.message is not None:
        out.append(text_of(part.message.header))
        out += bodies(part.message)
    else:
        raw = decode_body(part)
        data = raw if raw is not None else part.body
        charset = part.h.get_content_charset() or "utf-8"
        try:
            out.append(data.decode(charset, "replace").casefold())
        except LookupError:
            out.append(text_of(data))
    return out


def header_has(part, name, s):
    values = part.h.get_all(name) or []
    if not values and s == "" and name.lower() not in [k.lower() for k in part.h.keys()]:
        return False
    return any(s in decoded(str(v)).casefold() for v in values) or (s == "" and bool(values))


def sent_date(part):
    v = part.h.get("Date")
    if not v:
        return None
    try:
        dt = email.utils.parsedate_to_datetime(str(v))
    except (TypeError, ValueError):
        return None
    return dt.date() if dt else None


class Ctx:
    def __init__(self, msg, seq, maxseq, maxuid, session):
        self.m, self.seq, self.maxseq, self.maxuid, self.s = msg, seq, maxseq, maxuid, session


def matches(key, c):
    k = key[0]
    m = c.m
    if k == "AND":
        return all(matches(x, c) for x in key[1])
    if k == "ALL":
        return True
    if k == "FLAG":
        return (key[1] in m.flags) == key[2]
    if k == "NEW":
        return c.s.is_recent(m) and "\\Seen" not in m.flags
    if k == "OLD":
        return not c.s.is_recent(m)
    if k == "RECENT":
        return c.s.is_recent(m)
    if k == "SEQ":
        if key[1] == "$":
            return m in (c.s.saved or ())
        return in_ranges(c.seq, seq_ranges(key[1], c.maxseq))
    if k == "UID":
        if key[1] == "$":
            return m in (c.s.saved or ())
        return in_ranges(m.uid, seq_ranges(key[1], c.maxuid))
    if k == "NOT":
        return not matches(key[1], c)
    if k == "OR":
        return matches(key[1], c) or matches(key[2], c)
    if k in ("KEYWORD", "UNKEYWORD"):
        return (key[1] in m.flags) == (k == "KEYWORD")
    if k == "LARGER":
        return len(m.data) > key[1]
    if k == "SMALLER":
        return len(m.data) < key[1]
    if k == "MODSEQ":
        return m.modseq >= key[1]
    part = m.parsed
    if k in ("FROM", "TO", "CC", "BCC", "SUBJECT"):
        return header_has(part, k, key[1])
    if k == "HEADER":
        return header_has(part, key[1], key[2])
    if k == "BODY":
        return any(key[1] in b for b in bodies(part))
    if k == "TEXT":
        return key[1] in decoded(part.header.decode("utf-8", "replace")).casefold() or \
            any(key[1] in b for b in bodies(part))
    if k in ("BEFORE", "ON", "SINCE"):
        d = m.internaldate.date()
        return d < key[1] if k == "BEFORE" else d == key[1] if k == "ON" else d >= key[1]
    if k in ("SENTBEFORE", "SENTON", "SENTSINCE"):
        d = sent_date(part)
        if d is None:
            return False
        return d < key[1] if k == "SENTBEFORE" else d == key[1] if k == "SENTON" else d >= key[1]
    raise AssertionError(k)


def uses_modseq(key):
    if key[0] == "MODSEQ":
        return True
    return any(uses_modseq(x) for x in key[1:] if isinstance(x, tuple)) or \
        (key[0] == "AND" and any(uses_modseq(x) for x in key[1]))


def parse_search(args, utf8):
    """SEARCH arguments -> (return options or None, whether CHARSET was given, program)."""
    p = Parser(args, utf8=utf8)
    ret = None
    charset, given = "UTF-8", False     # RFC 9051 §6.4.4: without CHARSET, UTF-8 (a superset of US-ASCII)
    if p.try_expect(b"RETURN "):
        p.expect(b"(")
        ret = []
        while p.peek() != b")":
            if ret:
                p.sp()
            opt = p.atom("a return option").upper()
            if opt not in ("MIN", "MAX", "ALL", "COUNT", "SAVE"):
                raise Bad(f"unknown RETURN option {opt}")
            ret.append(opt)
        p.expect(b")")
        p.sp()
    if p.try_expect(b"CHARSET "):
        cs = p.astring().decode("ascii", "replace").upper()
        if cs not in CHARSETS:
            raise BadCharset(cs)
        charset, given = cs, True
        p.sp()
    if utf8:
        charset = "UTF-8"
    prog = parse_program(p, charset)
    p.end()
    return ret, given, prog
