"""SEARCH of the reference IMAP server: every search key of RFC 9051 §6.4.4 (and RFC 3501's NEW, OLD,
RECENT), CONDSTORE's MODSEQ (RFC 7162), ESEARCH RETURN options (RFC 4731/9051) and SEARCHRES (RFC 5182)."""
import datetime
import email.header
import email.utils

from imap_defects import defect, on
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


# ---- area B defects (SEARCH, RFC 9051 §6.4.4): see imap_defects.py ----
SEARCH_CASE_SENSITIVE = defect("search-case-sensitive", "SEARCH string matching is case-sensitive for ASCII letters")


def search_string(p, charset):
    b = p.astring()
    try:
        s = b.decode("utf-8" if charset == "UTF-8" else "ascii")
        return s if SEARCH_CASE_SENSITIVE else s.casefold()
    except UnicodeDecodeError:
        raise Bad("a search string is not in the given charset") from None


SEARCH_UNKNOWN_KEY_ALL = defect("search-unknown-key-all", "an unknown search key is taken as ALL instead of BAD")


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
    if SEARCH_UNKNOWN_KEY_ALL:
        return ("ALL",)
    raise Bad(f"unknown search key {word}")


SEARCH_HEADERS_NOT_DECODED = defect("search-headers-not-decoded", "SEARCH compares header fields without decoding "
                                    "encoded-words (RFC 2047)")


def decoded(value):
    if SEARCH_HEADERS_NOT_DECODED:
        return value
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (ValueError, LookupError, UnicodeError):
        return value


def text_of(b):
    return b.decode("utf-8", "replace").casefold()


SEARCH_BODY_NOT_DECODED = defect("search-body-not-decoded", "SEARCH BODY and TEXT compare the body without undoing its "
                                 "transfer encoding and charset")
SEARCH_BODY_IGNORES_MULTIPART = defect("search-body-ignores-multipart", "SEARCH BODY and TEXT do not look into the "
                                       "parts of a multipart message")
SEARCH_BODY_SKIPS_MESSAGE_PARTS = defect("search-body-skips-message-parts", "SEARCH BODY and TEXT skip message/rfc822 "
                                         "parts")


def bodies(part):
    """The decoded text of every leaf part (for BODY and TEXT)."""
    from imap_mime import decode_body
    out = []
    if part.children:
        if SEARCH_BODY_IGNORES_MULTIPART:
            return out
        for c in part.children:
            out += bodies(c)
    elif part.message is not None:
        if SEARCH_BODY_SKIPS_MESSAGE_PARTS:
            return out
        out.append(text_of(part.message.header))
        out += bodies(part.message)
    elif SEARCH_BODY_NOT_DECODED:
        out.append(text_of(part.body))
    else:
        raw = decode_body(part)
        data = raw if raw is not None else part.body
        charset = part.h.get_content_charset() or "utf-8"
        try:
            out.append(data.decode(charset, "replace").casefold())
        except LookupError:
            out.append(text_of(data))
    return out


SEARCH_HEADER_NAME_CASE_SENSITIVE = defect("search-header-name-case-sensitive", "SEARCH HEADER matches field names "
                                           "case-sensitively")
SEARCH_HEADER_EMPTY_MATCHES_NONE = defect("search-header-empty-matches-none", "SEARCH HEADER with an empty string "
                                          "matches no message")
SEARCH_HEADER_EMPTY_MATCHES_ALL = defect("search-header-empty-matches-all", "SEARCH HEADER with an empty string "
                                         "matches every message, with the field or not")


def header_has(part, name, s):
    if s == "" and SEARCH_HEADER_EMPTY_MATCHES_NONE:
        return False
    if s == "" and SEARCH_HEADER_EMPTY_MATCHES_ALL:
        return True
    if SEARCH_HEADER_NAME_CASE_SENSITIVE and name not in part.h.keys():
        return False
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


SEARCH_KEYS_ORED = defect("search-keys-ored", "several search keys match when any of them does (OR instead of AND)")
SEARCH_ALL_NONE = defect("search-all-none", "SEARCH ALL matches nothing")
SEARCH_FLAG_KEYS_INVERTED = defect("search-flag-keys-inverted", "the flag keys are inverted (SEEN matches the unseen "
                                   "messages, UNSEEN the seen ones, and so on)")
SEARCH_KEYWORD_INVERTED = defect("search-keyword-inverted", "KEYWORD and UNKEYWORD are swapped")
SEARCH_SEQSET_IGNORED = defect("search-seqset-ignored", "a sequence-set search key matches every message")
SEARCH_UID_KEY_IGNORED = defect("search-uid-key-ignored", "the UID search key matches every message")
SEARCH_NOT_IGNORED = defect("search-not-ignored", "NOT key matches what key matches")
SEARCH_OR_IS_AND = defect("search-or-is-and", "OR key1 key2 matches only messages matching both")
SEARCH_SIZE_INCLUSIVE = defect("search-size-inclusive", "LARGER and SMALLER include the size given")
SEARCH_FROM_MATCHES_TO = defect("search-from-matches-to", "SEARCH FROM also looks at the To field")
SEARCH_TO_FIRST_ONLY = defect("search-to-first-address-only", "SEARCH TO looks at the first To address only")
SEARCH_CC_IGNORED = defect("search-cc-ignored", "SEARCH CC never matches")
SEARCH_BCC_ALL_ADDRESSES = defect("search-bcc-all-addresses", "SEARCH BCC looks at From, To and Cc too")
SEARCH_SUBJECT_EXACT = defect("search-subject-exact", "SEARCH SUBJECT matches the whole subject only, not a substring")
SEARCH_HEADER_EXACT = defect("search-header-exact", "SEARCH HEADER matches the whole field value only")
SEARCH_BODY_INCLUDES_HEADER = defect("search-body-includes-header", "SEARCH BODY also matches the header")
SEARCH_TEXT_BODY_ONLY = defect("search-text-body-only", "SEARCH TEXT ignores the header")
SEARCH_TEXT_HEADER_ONLY = defect("search-text-header-only", "SEARCH TEXT ignores the body")
SEARCH_INTERNAL_DATES_OFF_BY_ONE = defect("search-internal-dates-off-by-one", "BEFORE, ON and SINCE compare the day "
                                          "after the internal date")
SEARCH_SENT_DATES_OFF_BY_ONE = defect("search-sent-dates-off-by-one", "SENTBEFORE, SENTON and SENTSINCE compare the "
                                      "day after the Date field")
SEARCH_ON_USES_SENT_DATE = defect("search-on-uses-sent-date", "BEFORE, ON and SINCE compare the Date field, not the "
                                  "internal date")
SEARCH_SENTON_USES_INTERNAL_DATE = defect("search-sent-keys-use-internal-date", "SENTBEFORE, SENTON and SENTSINCE "
                                          "compare the internal date, not the Date field")


def matches(key, c):
    k = key[0]
    m = c.m
    if k == "AND":
        if SEARCH_KEYS_ORED:
            return any(matches(x, c) for x in key[1])
        return all(matches(x, c) for x in key[1])
    if k == "ALL":
        return not SEARCH_ALL_NONE
    if k == "FLAG":
        return ((key[1] in m.flags) == key[2]) != bool(SEARCH_FLAG_KEYS_INVERTED)
    if k == "NEW":
        return c.s.is_recent(m) and "\\Seen" not in m.flags
    if k == "OLD":
        return not c.s.is_recent(m)
    if k == "RECENT":
        return c.s.is_recent(m)
    if k == "SEQ":
        if key[1] == "$":
            return m in (c.s.saved or ()) or on("searchres-dollar-is-all")
        return in_ranges(c.seq, seq_ranges(key[1], c.maxseq)) or bool(SEARCH_SEQSET_IGNORED)
    if k == "UID":
        if key[1] == "$":
            return m in (c.s.saved or ()) or on("searchres-dollar-is-all")
        return in_ranges(m.uid, seq_ranges(key[1], c.maxuid)) or bool(SEARCH_UID_KEY_IGNORED)
    if k == "NOT":
        return matches(key[1], c) if SEARCH_NOT_IGNORED else not matches(key[1], c)
    if k == "OR":
        if SEARCH_OR_IS_AND:
            return matches(key[1], c) and matches(key[2], c)
        return matches(key[1], c) or matches(key[2], c)
    if k in ("KEYWORD", "UNKEYWORD"):
        return ((key[1] in m.flags) == (k == "KEYWORD")) != bool(SEARCH_KEYWORD_INVERTED)
    if k == "LARGER":
        return len(m.data) >= key[1] if SEARCH_SIZE_INCLUSIVE else len(m.data) > key[1]
    if k == "SMALLER":
        return len(m.data) <= key[1] if SEARCH_SIZE_INCLUSIVE else len(m.data) < key[1]
    if k == "MODSEQ":
        return m.modseq >= key[1]
    part = m.parsed
    if k == "FROM" and SEARCH_FROM_MATCHES_TO:
        return header_has(part, "FROM", key[1]) or header_has(part, "TO", key[1])
    if k == "TO" and SEARCH_TO_FIRST_ONLY:
        first = (part.h.get("To") or "").split(",")[0]
        return key[1] in decoded(first).casefold()
    if k == "CC" and SEARCH_CC_IGNORED:
        return False
    if k == "BCC" and SEARCH_BCC_ALL_ADDRESSES:
        return any(header_has(part, f, key[1]) for f in ("FROM", "TO", "CC", "BCC"))
    if k == "SUBJECT" and SEARCH_SUBJECT_EXACT:
        return decoded(str(part.h.get("Subject") or "")).casefold() == key[1]
    if k in ("FROM", "TO", "CC", "BCC", "SUBJECT"):
        return header_has(part, k, key[1])
    if k == "HEADER" and SEARCH_HEADER_EXACT and key[2]:
        return any(decoded(str(v)).strip().casefold() == key[2] for v in part.h.get_all(key[1]) or [])
    if k == "HEADER":
        return header_has(part, key[1], key[2])
    header_text = decoded(part.header.decode("utf-8", "replace")).casefold()
    if k == "BODY":
        return any(key[1] in b for b in bodies(part)) or (bool(SEARCH_BODY_INCLUDES_HEADER) and key[1] in header_text)
    if k == "TEXT":
        return (key[1] in header_text and not SEARCH_TEXT_BODY_ONLY) or \
            (any(key[1] in b for b in bodies(part)) and not SEARCH_TEXT_HEADER_ONLY)
    if k in ("BEFORE", "ON", "SINCE"):
        d = m.internaldate.date()
        if SEARCH_ON_USES_SENT_DATE:
            d = sent_date(part) or d
        if SEARCH_INTERNAL_DATES_OFF_BY_ONE:
            d += datetime.timedelta(days=1)
        return d < key[1] if k == "BEFORE" else d == key[1] if k == "ON" else d >= key[1]
    if k in ("SENTBEFORE", "SENTON", "SENTSINCE"):
        d = m.internaldate.date() if SEARCH_SENTON_USES_INTERNAL_DATE else sent_date(part)
        if d is None:
            return False
        if SEARCH_SENT_DATES_OFF_BY_ONE:
            d += datetime.timedelta(days=1)
        return d < key[1] if k == "SENTBEFORE" else d == key[1] if k == "SENTON" else d >= key[1]
    raise AssertionError(k)


def uses_modseq(key):
    if key[0] == "MODSEQ":
        return True
    return any(uses_modseq(x) for x in key[1:] if isinstance(x, tuple)) or \
        (key[0] == "AND" and any(uses_modseq(x) for x in key[1]))


SEARCH_CHARSET_US_ASCII_REFUSED = defect("search-charset-us-ascii-refused", "SEARCH CHARSET US-ASCII is answered NO "
                                         "[BADCHARSET] (RFC 9051 §6.4.4: US-ASCII must be supported)")
SEARCH_CHARSET_UTF8_REFUSED = defect("search-charset-utf-8-refused", "SEARCH CHARSET UTF-8 is answered NO [BADCHARSET]")
ESEARCH_UNKNOWN_OPTION_IGNORED = defect("esearch-unknown-option-ignored", "an unknown SEARCH RETURN option is ignored "
                                        "instead of answered BAD")


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
                if ESEARCH_UNKNOWN_OPTION_IGNORED:
                    continue
                raise Bad(f"unknown RETURN option {opt}")
            ret.append(opt)
        p.expect(b")")
        p.sp()
    if p.try_expect(b"CHARSET "):
        cs = p.astring().decode("ascii", "replace").upper()
        if cs not in CHARSETS or (cs == "US-ASCII" and SEARCH_CHARSET_US_ASCII_REFUSED) or \
                (cs == "UTF-8" and SEARCH_CHARSET_UTF8_REFUSED):
            raise BadCharset(cs)
        charset, given = cs, True
        p.sp()
    if utf8:
        charset = "UTF-8"
    prog = parse_program(p, charset)
    p.end()
    return ret, given, prog
