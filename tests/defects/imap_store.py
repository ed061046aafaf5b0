"""Mail store of the reference IMAP server: users, mailboxes (hierarchy delimiter "/"), messages with
UIDs, flags, internal dates and mod-sequences, all in memory and shared by every connection of one
server process. One lock (STORE.lock) guards everything; sessions take it for each command.
"""
import base64
import datetime
import re
import threading
import time

from imap_defects import defect

DELIM = "/"
SYSTEM_FLAGS = ("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft")
USERS = {"alice": "alicepw", "bob": "bobpw", "carol": "carolpw"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# ---- modified UTF-7 (RFC 3501 §5.1.3) ----
def mutf7_encode(s):
    out, buf = [], []

    def flush():
        if buf:
            b = "".join(buf).encode("utf-16-be")
            out.append("&" + base64.b64encode(b).decode().rstrip("=").replace("/", ",") + "-")
            buf.clear()
    for ch in s:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            buf.append(ch)
    flush()
    return "".join(out)


def mutf7_decode(s):
    """-> str, or None when S is not valid modified UTF-7."""
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ord(ch) > 0x7E or ord(ch) < 0x20:
            return None
        if ch != "&":
            out.append(ch)
            i += 1
            continue
        j = s.find("-", i + 1)
        if j < 0:
            return None
        enc = s[i + 1:j]
        if enc == "":
            out.append("&")
        else:
            if not re.fullmatch(r"[A-Za-z0-9+,]+", enc):
                return None
            b64 = enc.replace(",", "/")
            try:
                raw = base64.b64decode(b64 + "=" * (-len(b64) % 4))
                text = raw.decode("utf-16-be")
            except (ValueError, UnicodeDecodeError):
                return None
            if len(raw) % 2 or any(0x20 <= ord(c) <= 0x7E for c in text):
                return None
            if mutf7_encode(text) != "&" + enc + "-":
                return None
            out.append(text)
        i = j + 1
    return "".join(out)


# ---- dates ----
def fmt_internaldate(dt):
    off = dt.utcoffset() or datetime.timedelta(0)
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    mins = abs(mins)
    return (f"{dt.day:02d}-{MONTHS[dt.month - 1]}-{dt.year:04d} {dt.hour:02d}:{dt.minute:02d}:{dt.second:02d} "
            f"{sign}{mins // 60:02d}{mins % 60:02d}")


DATE_TIME_RE = re.compile(r"^([ \d]\d)-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$")


def parse_date_time(s):
    """IMAP date-time ("dd-Mon-yyyy hh:mm:ss +zzzz") -> aware datetime, or None."""
    m = DATE_TIME_RE.match(s)
    if not m:
        return None
    mon = m.group(2).capitalize()
    if mon not in MONTHS:
        return None
    try:
        tz = datetime.timezone((1 if m.group(7) == "+" else -1) *
                               datetime.timedelta(hours=int(m.group(8)), minutes=int(m.group(9))))
        return datetime.datetime(int(m.group(3)), MONTHS.index(mon) + 1, int(m.group(1).strip()), int(m.group(4)),
                                 int(m.group(5)), int(m.group(6)), tzinfo=tz)
    except ValueError:
        return None


def parse_date(s):
    """IMAP date ("d-Mon-yyyy") -> datetime.date or None."""
    m = re.fullmatch(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})", s)
    if not m or m.group(2).capitalize() not in MONTHS:
        return None
    try:
        return datetime.date(int(m.group(3)), MONTHS.index(m.group(2).capitalize()) + 1, int(m.group(1)))
    except ValueError:
        return None


# ---- messages ----
def seed_message(user, i):
    t = 1700000000 + 60 * i
    date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))
    subject = {1: "plain", 2: "dot lines", 3: "8bit body"}.get(i, "filler")
    lines = ["Return-Path: <sender@example.org>", f"Date: {date}", "From: Seed Sender <sender@example.org>",
             f"To: {user}@example.test", f"Subject: mailspec seed {i}: {subject}",
             f"Message-ID: <seed-{i}@mailspec.example.test>", "MIME-Version: 1.0"]
    if i == 3:
        lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
                  "Grüße aus Köln: naïve café, 東京, Ελληνικά.",
                  "The line above holds bytes above 0x7F (UTF-8)."]
    else:
        lines += ["Content-Type: text/plain; charset=us-ascii", ""]
        if i == 1:
            lines += ["This is seed message 1.", "It has two lines."]
        elif i == 2:
            lines += ["Lines below start with a dot.", ".single dot prefix", "..double dot prefix", ".",
                      "The line above is a lone dot."]
        else:
            lines += [f"Line {k} of seed message {i}." for k in range(1, i + 1)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8"), t


class Message:
    def __init__(self, uid, data, flags, internaldate, modseq):
        self.uid = uid
        self.data = data
        self.flags = set(flags)
        self.internaldate = internaldate
        self.modseq = modseq
        self.expunged = False
        self.recent_claimed = False
        self._parsed = None

    @property
    def parsed(self):
        if self._parsed is None:
            from imap_mime import parse_part
            self._parsed = parse_part(self.data)
        return self._parsed


class Mailbox:
    _next_validity = [int(time.time()) % 1000000000 + 1]

    def __init__(self, name, special_use=None):
        self.name = name                  # Unicode, "/"-separated; INBOX is "INBOX"
        self.uidvalidity = Mailbox._next_validity[0]
        Mailbox._next_validity[0] += 1
        self.uidnext = 1
        self.messages = []                # live messages in UID order
        self.highestmodseq = 1
        self.expunged_log = []            # (uid, modseq) of expunged messages (QRESYNC VANISHED)
        self.special_use = special_use
        self.noselect = False             # a placeholder left by DELETE of a parent with children
        self.keywords = set()

    def next_modseq(self):
        self.highestmodseq += 1
        return self.highestmodseq

    EXPUNGED_UID_REUSED = defect("expunged-uid-reused", "a message appended after an EXPUNGE gets the UID of the "
                                 "message expunged last (RFC 9051 §2.3.1.1: UIDs are never reused)")

    def add(self, data, flags, internaldate):
        if self.EXPUNGED_UID_REUSED and self.expunged_log:
            uid = self.expunged_log.pop()[0]
            m = Message(uid, data, flags, internaldate, self.next_modseq())
            self.messages.append(m)
            self.messages.sort(key=lambda x: x.uid)
            return m
        m = Message(self.uidnext, data, flags, internaldate, self.next_modseq())
        self.uidnext += 1
        self.messages.append(m)
        self.keywords.update(f for f in flags if not f.startswith("\\"))
        return m

    def expunge(self, msgs):
        ms = self.next_modseq() if msgs else None
        for m in msgs:
            m.expunged = True
            self.expunged_log.append((m.uid, ms))
        gone = set(id(m) for m in msgs)
        self.messages = [m for m in self.messages if id(m) not in gone]

    STORE_KEEPS_MODSEQ = defect("store-keeps-modseq", "a flag change does not raise the message's mod-sequence "
                                "(RFC 7162 §3.1)")
    SAME_FLAG_BUMPS_MODSEQ = defect("same-flag-bumps-modseq", "storing flags a message already has raises its "
                                    "mod-sequence (RFC 7162 §3.1 advises against)")

    def set_flags(self, m, flags):
        if set(flags) == m.flags and self.SAME_FLAG_BUMPS_MODSEQ:
            m.modseq = self.next_modseq()
            return False
        if set(flags) != m.flags:
            m.flags = set(flags)
            if not self.STORE_KEEPS_MODSEQ:
                m.modseq = self.next_modseq()
            self.keywords.update(f for f in flags if not f.startswith("\\"))
            return True
        return False

    def unseen(self):
        return sum(1 for m in self.messages if "\\Seen" not in m.flags)

    def size(self):
        return sum(len(m.data) for m in self.messages)


class Account:
    def __init__(self, user):
        self.user = user
        self.boxes = {"INBOX": Mailbox("INBOX")}
        for name, use in (("Drafts", "\\Drafts"), ("Sent", "\\Sent"), ("Trash", "\\Trash"), ("Junk", "\\Junk")):
            self.boxes[name] = Mailbox(name, use)
        self.subscribed = {"INBOX", "Drafts", "Sent", "Trash", "Junk"}
        inbox = self.boxes["INBOX"]
        for i in range(1, 6):
            data, t = seed_message(user, i)
            inbox.add(data, [], datetime.datetime.fromtimestamp(t, datetime.timezone.utc))

    @staticmethod
    def norm(name):
        """INBOX is case-insensitive (also as the first level of a hierarchy)."""
        head, sep, rest = name.partition(DELIM)
        if head.upper() == "INBOX":
            return "INBOX" + sep + rest
        return name

    def get(self, name):
        return self.boxes.get(self.norm(name))

    def children(self, name):
        prefix = name + DELIM
        return [n for n in self.boxes if n.startswith(prefix)]


class Store:
    def __init__(self):
        self.lock = threading.RLock()
        self.accounts = {}

    def account(self, user):
        with self.lock:
            if user not in self.accounts:
                self.accounts[user] = Account(user)
            return self.accounts[user]


STORE = Store()
