"""Selected-state commands of the reference IMAP server (RFC 9051 §6.4) and the untagged updates a
session receives about its mailbox (EXISTS, EXPUNGE/VANISHED, FETCH FLAGS): CHECK, CLOSE, UNSELECT,
EXPUNGE, SEARCH, FETCH, STORE, COPY, MOVE, UID, IDLE. A mixin of imap_server.Session; the command
methods run with STORE.lock held (IDLE takes it itself).

Updates (`sync`) are sent just before a tagged response, and during IDLE. EXPUNGE (VANISHED) responses
are held back while a FETCH, STORE, SEARCH, COPY or MOVE by sequence numbers is answered (RFC 9051
§7.5.1): the session keeps expunged messages in its numbering until it can report them."""
import re

from imap_defects import defect
from imap_fetch import CteError, fetch_items, parse_fetch
from imap_mime import qstr
from imap_parse import Bad, No, Parser, compress, in_ranges, seq_ranges
from imap_search import BadCharset, Ctx, matches, parse_search, uses_modseq
from imap_store import STORE


class SelectedCommands:
    # ---- state of the selected mailbox ----
    def is_recent(self, m):
        return id(m) in self.recent

    def flags_item(self, m):
        flags = sorted(m.flags, key=lambda f: (not f.startswith("\\"), f))
        if not self.rev2 and self.is_recent(m):
            flags.append("\\Recent")
        return ("FLAGS (" + " ".join(flags) + ")").encode()

    def report_expunged(self, msgs):
        """Reports these (expunged) messages of the view and drops them from it."""
        msgs = [m for m in msgs if m in self.view]
        if not msgs:
            return
        if self.qresync:
            self.untagged("VANISHED " + compress([m.uid for m in msgs]))
            gone = set(id(m) for m in msgs)
            self.view = [m for m in self.view if id(m) not in gone]
        else:
            for m in msgs:
                i = self.view.index(m)
                self.untagged(f"{i + 1} EXPUNGE")
                del self.view[i]
        for m in msgs:
            self.known.pop(id(m), None)
            self.recent.discard(id(m))

    def sync(self, expunge_ok):
        box = self.selected
        if box is None:
            return
        if expunge_ok:
            self.report_expunged([m for m in self.view if m.expunged])
        new = [m for m in box.messages if m.uid > self.uidmax]
        if new:
            self.uidmax = new[-1].uid
            self.view += new
            for m in new:
                self.known[id(m)] = m.modseq
                if not m.recent_claimed:
                    self.recent.add(id(m))
                    if not self.readonly:
                        m.recent_claimed = True
            self.untagged(f"{len(self.view)} EXISTS")
            if not self.rev2:
                self.untagged(f"{len(self.recent)} RECENT")
        for i, m in enumerate(self.view, 1):
            if not m.expunged and self.known.get(id(m)) != m.modseq:
                self.known[id(m)] = m.modseq
                extra = b" MODSEQ (%d)" % m.modseq if self.condstore else b""
                uid = b"UID %d " % m.uid     # RFC 9051 §7.5.2: unsolicited FETCH includes UID
                self.untagged(b"%d FETCH (%s%s%s)" % (i, uid, self.flags_item(m), extra))

    def resolve(self, spec, uid):
        """A sequence set (message numbers, or UIDs) -> [(number, message)] of the view, ascending."""
        if spec == "$":
            saved = set(id(m) for m in (self.saved or ()))
            return [(i, m) for i, m in enumerate(self.view, 1) if id(m) in saved]
        if uid:
            star = self.view[-1].uid if self.view else 0
            ranges = seq_ranges(spec, star)
            return [(i, m) for i, m in enumerate(self.view, 1) if in_ranges(m.uid, ranges)]
        n = len(self.view)
        for piece in spec.split(","):
            if "*" not in piece and any(int(x) > n for x in piece.split(":")):
                raise Bad("no such message sequence number")
        ranges = seq_ranges(spec, n)
        return [(i, m) for i, m in enumerate(self.view, 1) if in_ranges(i, ranges)]

    # ---- CHECK, CLOSE, UNSELECT, EXPUNGE ----
    CHECK_NO = defect("check-no", "CHECK is refused with NO")

    def cmd_check(self, tag, args):
        Parser(args).end()
        if self.CHECK_NO:
            raise No("CHECK is not supported")
        return "CHECK completed"

    def cmd_close(self, tag, args):
        Parser(args).end()
        box = self.selected
        if not self.readonly:
            box.expunge([m for m in box.messages if "\\Deleted" in m.flags])
        self.deselect()
        return "CLOSE completed"

    def cmd_unselect(self, tag, args):
        Parser(args).end()
        self.deselect()
        return "UNSELECT completed"

    def cmd_expunge(self, tag, args, uid=False):
        p = Parser(args)
        ranges = None
        if uid:
            spec = p.seqset()
            ranges = [m for _, m in self.resolve(spec, True)]
        p.end()
        if self.readonly:
            raise No("mailbox is read-only")
        box = self.selected
        targets = [m for m in box.messages if "\\Deleted" in m.flags and (ranges is None or m in ranges)]
        box.expunge(targets)
        self.report_expunged(targets)
        if targets and self.qresync:     # RFC 7162 §3.2.7
            return f"[HIGHESTMODSEQ {box.highestmodseq}] EXPUNGE completed"
        return "EXPUNGE completed"

    # ---- SEARCH ----
    def cmd_search(self, tag, args, uid=False):
        try:
            ret, charset_given, prog = parse_search(args, self.utf8)
        except BadCharset:
            if re.match(rb"(?i)RETURN \([^)]*\bSAVE\b", args):
                self.saved = []     # RFC 9051 §6.4.4.1: SEARCH (SAVE) answered NO empties $ (BAD leaves it)
            raise No("unsupported charset", "BADCHARSET (US-ASCII UTF-8)") from None
        if charset_given and "UTF8=ACCEPT" in self.enabled:
            raise Bad("no CHARSET after ENABLE UTF8=ACCEPT (RFC 6855 §3)")
        if uses_modseq(prog):
            self.enabled.add("CONDSTORE")
        maxuid = self.view[-1].uid if self.view else 0
        hits = [(i, m) for i, m in enumerate(self.view, 1)
                if matches(prog, Ctx(m, i, len(self.view), maxuid, self))]
        nums = [m.uid if uid else i for i, m in hits]
        modseq = max((m.modseq for _, m in hits), default=None) if uses_modseq(prog) else None
        if ret is None and not self.rev2:
            line = "SEARCH" + "".join(f" {n}" for n in nums)
            if modseq is not None:
                line += f" (MODSEQ {modseq})"
            self.untagged(line)
            return "SEARCH completed"
        opts = ret or ["ALL"]
        if "SAVE" in opts:
            if set(opts) & {"MIN", "MAX"} and not set(opts) & {"ALL", "COUNT"}:
                keep = []
                if hits and "MIN" in opts:
                    keep.append(hits[0][1])
                if hits and "MAX" in opts:
                    keep.append(hits[-1][1])
                self.saved = keep
            else:
                self.saved = [m for _, m in hits]
            if opts == ["SAVE"]:
                return "SEARCH completed"
        parts = [b"(TAG " + qstr(tag) + b")"]
        if uid:
            parts.append(b"UID")
        if nums and "MIN" in opts:
            parts.append(b"MIN %d" % nums[0])
        if nums and "MAX" in opts:
            parts.append(b"MAX %d" % nums[-1])
        if nums and "ALL" in opts:
            parts.append(b"ALL " + compress(nums).encode())
        if "COUNT" in opts:
            parts.append(b"COUNT %d" % len(nums))
        if modseq is not None and nums:
            parts.append(b"MODSEQ %d" % modseq)
        self.untagged(b"ESEARCH " + b" ".join(parts))
        return "SEARCH completed"

    # ---- FETCH ----
    def cmd_fetch(self, tag, args, uid=False):
        p = Parser(args)
        spec = p.seqset()
        p.sp()
        items, changedsince, vanished = parse_fetch(p.d[p.i:])
        if vanished and (not uid or not self.qresync or changedsince is None):
            raise Bad("VANISHED needs UID FETCH, CHANGEDSINCE and ENABLE QRESYNC")
        if changedsince is not None or any(i.kind == "MODSEQ" for i in items):
            self.enabled.add("CONDSTORE")
        msgs = self.resolve(spec, uid)
        box = self.selected
        if vanished:
            ranges = seq_ranges(spec, box.uidnext - 1)
            gone = sorted({u for u, ms in box.expunged_log if ms > changedsince and in_ranges(u, ranges)})
            if gone:
                self.untagged("VANISHED (EARLIER) " + compress(gone))
        for seq, m in msgs:
            if changedsince is not None and m.modseq <= changedsince:
                continue
            set_seen = (any(i.sets_seen() for i in items) and not self.readonly and "\\Seen" not in m.flags
                        and not m.expunged)
            if set_seen:
                box.set_flags(m, m.flags | {"\\Seen"})
            try:
                body = fetch_items(self, m, items, uid, set_seen, with_modseq=changedsince is not None)
            except CteError:
                raise No("unknown content-transfer-encoding", "UNKNOWN-CTE") from None
            self.untagged(b"%d FETCH " % seq + body)
            if set_seen or any(i.kind == "FLAGS" for i in items):
                self.known[id(m)] = m.modseq     # the client has seen these flags
        return "FETCH completed"

    # ---- STORE ----
    def cmd_store(self, tag, args, uid=False):
        p = Parser(args)
        spec = p.seqset()
        p.sp()
        unchanged = None
        if p.peek() == b"(":
            p.expect(b"(UNCHANGEDSINCE ")
            unchanged = p.number64()
            p.expect(b")")
            p.sp()
        op = p.atom("+FLAGS, -FLAGS or FLAGS").upper()
        if op not in ("FLAGS", "FLAGS.SILENT", "+FLAGS", "+FLAGS.SILENT", "-FLAGS", "-FLAGS.SILENT"):
            raise Bad("expected FLAGS, +FLAGS or -FLAGS")
        p.sp()
        flags = set(p.flag_list(paren_optional=True))
        p.end()
        if unchanged is not None:
            self.enabled.add("CONDSTORE")
        msgs = self.resolve(spec, uid)
        if self.readonly:
            raise No("mailbox is read-only")
        box = self.selected
        silent = op.endswith(".SILENT")
        modified = []
        for seq, m in msgs:
            if m.expunged:
                continue
            if unchanged is not None and m.modseq > unchanged:
                modified.append(m.uid if uid else seq)
                continue
            if op.startswith("+"):
                new = m.flags | flags
            elif op.startswith("-"):
                new = m.flags - flags
            else:
                new = set(flags)
            box.set_flags(m, new)
            self.known[id(m)] = m.modseq
            if not silent or unchanged is not None:     # RFC 7162 §3.1.3: FETCH even when .SILENT
                head = b"UID %d " % m.uid if uid else b""
                tail = b" MODSEQ (%d)" % m.modseq if self.condstore else b""
                self.untagged(b"%d FETCH (%s%s%s)" % (seq, head, self.flags_item(m), tail))
        if modified:
            return f"[MODIFIED {compress(modified)}] conditional STORE failed for some messages"
        return "STORE completed"

    # ---- COPY / MOVE ----
    def copy_to(self, args, uid, move):
        p = Parser(args, utf8=self.utf8)
        spec = p.seqset()
        p.sp()
        name = self.name_arg(p)
        p.end()
        msgs = [m for _, m in self.resolve(spec, uid) if not m.expunged]
        dest = self.account.get(name)
        if dest is None or dest.noselect:
            raise No("no such mailbox", "TRYCREATE")
        if move and self.readonly:
            raise No("mailbox is read-only")
        pairs = []
        for m in msgs:
            nm = dest.add(m.data, m.flags, m.internaldate)
            pairs.append((m.uid, nm.uid))
        code = (f"[COPYUID {dest.uidvalidity} {compress([a for a, _ in pairs])} "
                f"{compress([b for _, b in pairs])}] ") if pairs else ""
        return msgs, code

    def cmd_copy(self, tag, args, uid=False):
        _, code = self.copy_to(args, uid, move=False)
        return code + "COPY completed"

    def cmd_move(self, tag, args, uid=False):
        msgs, code = self.copy_to(args, uid, move=True)
        if msgs:
            self.untagged("OK " + code + "moved")
        self.selected.expunge(msgs)
        self.report_expunged(msgs)
        if msgs and self.qresync:        # RFC 6851 §4.4, RFC 7162 §3.2.7
            return f"[HIGHESTMODSEQ {self.selected.highestmodseq}] MOVE completed"
        return "MOVE completed"

    # ---- IDLE (RFC 2177) ----
    def cmd_idle(self, tag, args):
        Parser(args).end()
        self.send(b"+ idling")
        while True:
            self.pending = []
            with STORE.lock:
                self.sync(True)
            self.flush()
            if b"\n" not in self.wire.buf and not self.wire.fill(timeout=0.2):
                continue
            if b"\n" not in self.wire.buf:
                continue
            line = self.wire.readline()
            if line.rstrip(b"\r\n").upper() == b"DONE":
                return "IDLE terminated"
            raise Bad("expected DONE")
