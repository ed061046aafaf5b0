"""Command-argument parser of the reference IMAP server (RFC 9051 §9 formal syntax). A command arrives as
its raw octets, literals included ("{n}" or "{n+}" CRLF and the n octets); Bad means a syntax error (the
command is answered BAD)."""
import re

from imap_defects import defect

ATOM_SPECIALS = set(b'(){ %*"\\]') | set(range(0x00, 0x20)) | {0x7F}
ATOM_CHARS = bytes(c for c in range(0x01, 0x80) if c not in ATOM_SPECIALS)
ASTRING_CHARS = ATOM_CHARS + b"]"
LIST_CHARS = ATOM_CHARS + b"%*]"
TAG_CHARS = bytes(c for c in ASTRING_CHARS if c != ord("+"))
SEQ_RE = re.compile(rb"^(?:\d+|\*|\$)(?::(?:\d+|\*))?(?:,(?:\d+|\*)(?::(?:\d+|\*))?)*$")


class Bad(Exception):
    """A syntax error: the command is answered BAD with this text."""


class No(Exception):
    """The command is refused: tagged NO [code] text."""

    def __init__(self, text, code=None):
        super().__init__(text)
        self.code = code


class Closed(Exception):
    """The connection is gone (or is to be closed)."""


class Parser:
    def __init__(self, data, utf8=False):
        self.d = data
        self.i = 0
        self.utf8 = utf8

    def at_end(self):
        return self.i >= len(self.d)

    def peek(self, n=1):
        return self.d[self.i:self.i + n]

    # RFC 9051 §9: NUL is allowed nowhere but in a literal8; a C-string server cuts strings at it.
    NUL_TRUNCATES_STRINGS = defect("nul-truncates-strings", "a NUL in a quoted string, literal or atom ends "
                                   "the string there instead of being refused (RFC 9051 §9)")

    def end(self):
        if self.NUL_TRUNCATES_STRINGS and self.peek() == b"\x00":
            return
        if not self.at_end():
            raise Bad("unexpected text after the arguments")

    def sp(self):
        if self.peek() != b" ":
            raise Bad("expected a space")
        self.i += 1

    def try_sp(self):
        if self.peek() == b" ":
            self.i += 1
            return True
        return False

    def expect(self, b):
        if self.peek(len(b)).upper() != b.upper():
            raise Bad(f"expected {b.decode()}")
        self.i += len(b)

    def try_expect(self, b):
        if self.peek(len(b)).upper() == b.upper():
            self.i += len(b)
            return True
        return False

    def _run(self, chars):
        j = self.i
        while j < len(self.d) and self.d[j] in chars:
            j += 1
        s = self.d[self.i:j]
        self.i = j
        return s

    def atom(self, what="an atom"):
        s = self._run(ATOM_CHARS)
        if not s:
            raise Bad(f"expected {what}")
        return s.decode("ascii")

    def number(self, nz=False):
        s = self._run(b"0123456789")
        if not s:
            raise Bad("expected a number")
        n = int(s)
        if n > 0xFFFFFFFF or (nz and n == 0):
            raise Bad("number out of range")
        return n

    def number64(self):
        s = self._run(b"0123456789")
        if not s or int(s) > 0x7FFFFFFFFFFFFFFF:
            raise Bad("expected a mod-sequence number")
        return int(s)

    UTF8_INVALID_ACCEPTED = defect("utf8-invalid-accepted", "after ENABLE UTF8=ACCEPT, malformed UTF-8 in a "
                                   "quoted string is accepted, not answered BAD (RFC 6855 §3)")
    QUOTED_ESCAPES_REFUSED = defect("quoted-escapes-refused", "a quoted string with a \\\" or \\\\ escape is answered BAD")

    def quoted(self):
        self.expect(b'"')
        out = bytearray()
        while True:
            if self.at_end():
                raise Bad("unterminated quoted string")
            c = self.d[self.i]
            self.i += 1
            if c == 0x22:
                if self.utf8 and any(x >= 0x80 for x in out) and not self.UTF8_INVALID_ACCEPTED:
                    try:
                        out.decode("utf-8")
                    except UnicodeDecodeError:
                        raise Bad("a quoted string is not valid UTF-8") from None     # RFC 6855 §3
                return bytes(out)
            if c == 0x5C:
                if self.QUOTED_ESCAPES_REFUSED:
                    raise Bad("escapes are not supported")
                if self.at_end() or self.d[self.i] not in b'"\\':
                    raise Bad("bad escape in a quoted string")
                out.append(self.d[self.i])
                self.i += 1
            elif c == 0x00 and self.NUL_TRUNCATES_STRINGS:
                end = self.d.find(b'"', self.i)
                if end < 0:
                    raise Bad("unterminated quoted string")
                self.i = end + 1
                return bytes(out)
            elif c in (0x0D, 0x0A, 0x00) or (c >= 0x80 and not self.utf8):
                raise Bad("bad character in a quoted string")
            else:
                out.append(c)

    def literal(self, allow8=False):
        binary = False
        if allow8 and self.peek() == b"~":
            binary = True
            self.i += 1
        m = re.compile(rb"\{(\d+)(\+?)\}\r\n").match(self.d, self.i)
        if not m:
            raise Bad("bad literal")
        n = int(m.group(1))
        self.i = m.end()
        if self.i + n > len(self.d):
            raise Bad("literal shorter than announced")
        data = self.d[self.i:self.i + n]
        self.i += n
        if not binary and b"\x00" in data and self.NUL_TRUNCATES_STRINGS:
            data = data[:data.index(b"\x00")]
        if not binary and b"\x00" in data:
            raise Bad("NUL in a literal")
        return (data, binary) if allow8 else data

    def string(self):
        if self.peek() == b'"':
            return self.quoted()
        if self.peek() == b"{":
            return self.literal()
        raise Bad("expected a string")

    def astring(self):
        if self.peek() in (b'"', b"{"):
            return self.string()
        s = self._run(ASTRING_CHARS + (bytes(range(0x80, 0x100)) if self.utf8 else b""))
        if not s:
            raise Bad("expected an astring")
        return s

    def nstring(self):
        if self.peek(3).upper() == b"NIL" and (self.i + 3 >= len(self.d) or self.d[self.i + 3] not in ATOM_CHARS):
            self.i += 3
            return None
        return self.string()

    def list_mailbox(self):
        if self.peek() in (b'"', b"{"):
            return self.string()
        s = self._run(LIST_CHARS + (bytes(range(0x80, 0x100)) if self.utf8 else b""))
        if not s:
            raise Bad("expected a mailbox pattern")
        return s

    def seqset(self):
        s = self._run(b"0123456789:*,$")
        if not SEQ_RE.match(s) or re.search(rb"(?<!\d)0(?!\d)|(?<![\d])0\d", s):
            raise Bad("bad sequence set")
        if b"$" in s and s != b"$":
            raise Bad("bad sequence set")
        for n in re.findall(rb"\d+", s):
            if int(n) == 0 or int(n) > 0xFFFFFFFF:
                raise Bad("bad sequence set")
        return s.decode()

    def flag(self, allow_recent=False):
        if self.peek() == b"\\":
            self.i += 1
            if self.peek() == b"*":
                raise Bad("\\* is not a flag here")
            name = "\\" + self.atom("a flag")
            known = {"\\answered", "\\flagged", "\\deleted", "\\seen", "\\draft"}
            if allow_recent:
                known.add("\\recent")
            if name.lower() not in known:
                raise Bad(f"unknown system flag {name}")
            return "\\" + name[1:].capitalize()
        return self.atom("a flag")

    def flag_list(self, paren_optional=False):
        flags = []
        if self.peek() != b"(":
            if not paren_optional:
                raise Bad("expected a flag list")
            flags.append(self.flag())
            while self.try_sp():
                flags.append(self.flag())
            return flags
        self.i += 1
        if self.peek() != b")":
            flags.append(self.flag())
            while self.try_sp():
                flags.append(self.flag())
        self.expect(b")")
        return flags


def seq_ranges(spec, star):
    """A sequence set -> [(lo, hi)] with "*" taken as `star` (the largest number in use)."""
    out = []
    for piece in spec.split(","):
        a, _, b = piece.partition(":")
        lo = star if a == "*" else int(a)
        hi = lo if not b else (star if b == "*" else int(b))
        out.append((min(lo, hi), max(lo, hi)))
    return out


def in_ranges(n, ranges):
    return any(lo <= n <= hi for lo, hi in ranges)


def compress(nums):
    """Sorted numbers -> sequence-set text (1:3,5)."""
    nums = sorted(nums)
    out, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}:{nums[j]}")
        i = j + 1
    return ",".join(out)
