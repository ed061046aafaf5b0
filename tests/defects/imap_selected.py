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

    QRESYNC_EXPUNGE_RESPONSES = defect("qresync-expunge-responses", "after ENABLE QRESYNC, expunges are still "
                                       "reported with EXPUNGE, not VANISHED (RFC 7162 §3.2.10)")
    VANISHED_EARLIER_ON_EXPUNGE = defect("vanished-earlier-on-expunge", "the VANISHED sent for an expunge carries "
                                         "(EARLIER) (RFC 7162 §3.2.10.2)")
    EXPUNGE_NO_RENUMBER = defect("expunge-no-renumber", "after `* n EXPUNGE` the session keeps the message in its "
                                 "numbering (later numbers are not decremented, RFC 9051 §7.5.1)")

    def report_expunged(self, msgs):
        """Reports these (expunged) messages of the view and drops them from it."""
        msgs = [m for m in msgs if m in self.view]
        if not msgs:
            return
        if self.qresync and not self.QRESYNC_EXPUNGE_RESPONSES:
            earlier = "(EARLIER) " if self.VANISHED_EARLIER_ON_EXPUNGE else ""
            self.untagged("VANISHED " + earlier + compress([m.uid for m in msgs]))
            gone = set(id(m) for m in msgs)
            self.view = [m for m in self.view if id(m) not in gone]
        else:
            for m in msgs:
                i = self.view.index(m)
                self.untagged(f"{i + 1} EXPUNGE")
                if self.EXPUNGE_NO_RENUMBER:
                    self.__dict__.setdefault("reported_gone", set()).add(id(m))
                    continue
                del self.view[i]
        for m in msgs:
            self.known.pop(id(m), None)
            self.recent.discard(id(m))

    EXPUNGE_DURING_FETCH = defect("expunge-during-fetch", "another session's expunges are reported while a FETCH, "
                                  "STORE or SEARCH is answered (RFC 9051 §7.5.1)")
    NO_EXPUNGE_UPDATES = defect("no-expunge-updates", "another session's expunges are never reported (no EXPUNGE "
                                "or VANISHED at NOOP, IDLE or any command, RFC 9051 §5.2)")
    EXISTS_SHRINKS = defect("exists-shrinks", "while another session's expunge is held back (FETCH, STORE, "
                            "SEARCH), an EXISTS announces the smaller count (RFC 9051 §5.2)")
    NO_EXISTS_UPDATE = defect("no-exists-update", "messages added by another session are never announced "
                              "(no EXISTS) nor addressable (RFC 9051 §5.2)")
    EXISTS_WITHOUT_VIEW = defect("exists-without-view", "messages added by another session are announced with "
                                 "EXISTS but cannot be fetched (no such message number)")
    NO_FLAG_UPDATES = defect("no-flag-updates", "flag changes by another session are never reported (RFC 9051 §5.2)")
    UNSOLICITED_FETCH_NO_MODSEQ = defect("unsolicited-fetch-no-modseq", "unsolicited FETCH responses lack MODSEQ "
                                         "even with CONDSTORE enabled (RFC 7162 §3.1, §3.1.8)")
    UNSOLICITED_FETCH_NO_UID = defect("unsolicited-fetch-no-uid", "unsolicited FETCH responses lack UID (RFC 9051 "
                                      "§6.3.13, RFC 7162 §3.2.4)")

    def sync(self, expunge_ok):
        box = self.selected
        if box is None:
            return
        if self.EXPUNGE_DURING_FETCH:
            expunge_ok = True
        if expunge_ok and not self.NO_EXPUNGE_UPDATES:
            gone = getattr(self, "reported_gone", ())
            self.report_expunged([m for m in self.view if m.expunged and id(m) not in gone])
        elif self.EXISTS_SHRINKS and any(m.expunged for m in self.view):
            self.untagged(f"{sum(1 for m in self.view if not m.expunged)} EXISTS")
        new = [m for m in box.messages if m.uid > self.uidmax]
        if new and self.NO_EXISTS_UPDATE:
            new = []
        if new and self.EXISTS_WITHOUT_VIEW:
            self.uidmax = new[-1].uid
            self.untagged(f"{len(self.view) + len(new)} EXISTS")
            new = []
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
            if not m.expunged and self.known.get(id(m)) != m.modseq and not self.NO_FLAG_UPDATES:
                self.known[id(m)] = m.modseq
                extra = b" MODSEQ (%d)" % m.modseq if self.condstore and not self.UNSOLICITED_FETCH_NO_MODSEQ else b""
                uid = b"UID %d " % m.uid     # RFC 9051 §7.5.2: unsolicited FETCH includes UID
                if self.UNSOLICITED_FETCH_NO_UID:
                    uid = b""
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
    def cmd_check(self, tag, args):
        Parser(args).end()
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

    UID_EXPUNGE_NOOP = defect("uid-expunge-noop", "UID EXPUNGE answers OK but expunges nothing (RFC 4315 §2.1)")
    UID_EXPUNGE_IGNORES_SET = defect("uid-expunge-ignores-set", "UID EXPUNGE expunges every \\Deleted message, "
                                     "also those whose UID is not in the set (RFC 4315 §2.1)")
    UID_EXPUNGE_IGNORES_DELETED = defect("uid-expunge-ignores-deleted", "UID EXPUNGE expunges every message in "
                                         "the set, also those without \\Deleted (RFC 4315 §2.1)")
    EXPUNGE_NO_HIGHESTMODSEQ = defect("expunge-no-highestmodseq", "with QRESYNC enabled, EXPUNGE and UID EXPUNGE "
                                      "complete without [HIGHESTMODSEQ] (RFC 7162 §3.2.7, §3.2.9)")
    EXPUNGE_OLD_HIGHESTMODSEQ = defect("expunge-old-highestmodseq", "with QRESYNC enabled, EXPUNGE's "
                                       "[HIGHESTMODSEQ] is the value from before the expunge (RFC 7162 §3.2.7)")

    def cmd_expunge(self, tag, args, uid=False):
        if self.selected is None:       # only with the defect uid-expunge-authenticated
            return "EXPUNGE completed"
        p = Parser(args)
        ranges = None
        if uid:
            spec = p.seqset()
            ranges = [m for _, m in self.resolve(spec, True)]
        p.end()
        if self.readonly:
            raise No("mailbox is read-only")
        box = self.selected
        if uid and self.UID_EXPUNGE_IGNORES_SET:
            ranges = None
        deleted_only = not (uid and self.UID_EXPUNGE_IGNORES_DELETED)
        targets = [m for m in box.messages if ("\\Deleted" in m.flags or not deleted_only)
                   and (ranges is None or m in ranges)]
        if uid and self.UID_EXPUNGE_NOOP:
            targets = []
        before = box.highestmodseq
        box.expunge(targets)
        self.report_expunged(targets)
        if targets and self.qresync and not self.EXPUNGE_NO_HIGHESTMODSEQ:     # RFC 7162 §3.2.7
            value = before if self.EXPUNGE_OLD_HIGHESTMODSEQ else box.highestmodseq
            return f"[HIGHESTMODSEQ {value}] EXPUNGE completed"
        return "EXPUNGE completed"

    # ---- SEARCH ----
    SEARCH_MODSEQ_NO_MODSEQ = defect("search-modseq-no-modseq", "SEARCH with a MODSEQ criterion omits the "
                                     "(MODSEQ n) at the end of its result (RFC 7162 §3.1.6)")
    REV2_SEARCH_OLD = defect("rev2-search-old", "after ENABLE IMAP4rev2, SEARCH still answers `* SEARCH`, not "
                             "ESEARCH (RFC 9051 §6.4.4)")

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
        if self.SEARCH_MODSEQ_NO_MODSEQ:
            modseq = None
        if ret is None and (not self.rev2 or self.REV2_SEARCH_OLD):
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
    VANISHED_MODIFIER_UNCHECKED = defect("vanished-modifier-unchecked", "the VANISHED fetch modifier is accepted "
                                         "without ENABLE QRESYNC, without CHANGEDSINCE and on a plain FETCH "
                                         "(RFC 7162 §3.2.6)")
    FETCH_VANISHED_MISSING = defect("fetch-vanished-missing", "UID FETCH (CHANGEDSINCE n VANISHED) reports no "
                                    "VANISHED (EARLIER) for messages expunged since n (RFC 7162 §3.2.6)")
    VANISHED_AFTER_FETCH = defect("vanished-after-fetch", "UID FETCH (CHANGEDSINCE n VANISHED) sends its "
                                  "VANISHED (EARLIER) after the FETCH responses (RFC 7162 §3.2.6)")
    UNKNOWN_CTE_NO_CODE = defect("unknown-cte-no-code", "FETCH BINARY of a part in an unknown encoding is "
                                 "refused NO without [UNKNOWN-CTE] (RFC 3516 §4.2, §4.3)")
    CHANGEDSINCE_IGNORED = defect("changedsince-ignored", "FETCH (CHANGEDSINCE n) also returns messages not "
                                  "changed since n (RFC 7162 §3.1.4.1)")

    def cmd_fetch(self, tag, args, uid=False):
        p = Parser(args)
        spec = p.seqset()
        p.sp()
        items, changedsince, vanished = parse_fetch(p.d[p.i:])
        if vanished and (not uid or not self.qresync or changedsince is None) and not self.VANISHED_MODIFIER_UNCHECKED:
            raise Bad("VANISHED needs UID FETCH, CHANGEDSINCE and ENABLE QRESYNC")
        if changedsince is not None or any(i.kind == "MODSEQ" for i in items):
            self.enabled.add("CONDSTORE")
        msgs = self.resolve(spec, uid)
        box = self.selected
        gone = []
        if vanished and not self.FETCH_VANISHED_MISSING:
            ranges = seq_ranges(spec, box.uidnext - 1)
            gone = sorted({u for u, ms in box.expunged_log if ms > (changedsince or 0) and in_ranges(u, ranges)})
            if gone and not self.VANISHED_AFTER_FETCH:
                self.untagged("VANISHED (EARLIER) " + compress(gone))
        for seq, m in msgs:
            if changedsince is not None and m.modseq <= changedsince and not self.CHANGEDSINCE_IGNORED:
                continue
            set_seen = (any(i.sets_seen() for i in items) and not self.readonly and "\\Seen" not in m.flags
                        and not m.expunged)
            if set_seen:
                box.set_flags(m, m.flags | {"\\Seen"})
            try:
                body = fetch_items(self, m, items, uid, set_seen, with_modseq=changedsince is not None)
            except CteError:
                raise No("unknown content-transfer-encoding",
                         None if self.UNKNOWN_CTE_NO_CODE else "UNKNOWN-CTE") from None
            self.untagged(b"%d FETCH " % seq + body)
            if set_seen or any(i.kind == "FLAGS" for i in items):
                self.known[id(m)] = m.modseq     # the client has seen these flags
        if gone and self.VANISHED_AFTER_FETCH:
            self.untagged("VANISHED (EARLIER) " + compress(gone))
        return "FETCH completed"

    # ---- STORE ----
    UNCHANGEDSINCE_IGNORED = defect("unchangedsince-ignored", "STORE (UNCHANGEDSINCE n) is performed even when "
                                    "the message changed after n, and no MODIFIED is sent (RFC 7162 §3.1.3)")
    UNCHANGEDSINCE_OFF_BY_ONE = defect("unchangedsince-off-by-one", "STORE (UNCHANGEDSINCE n) fails for a "
                                       "message whose mod-sequence equals n (RFC 7162 §3.1.3)")
    STORE_FETCH_NO_MODSEQ = defect("store-fetch-no-modseq", "with CONDSTORE enabled, the FETCH a STORE sends "
                                   "back lacks MODSEQ (RFC 7162 §3.1)")
    CONDITIONAL_SILENT_NO_FETCH = defect("conditional-silent-no-fetch", "a successful STORE (UNCHANGEDSINCE n) "
                                         ".SILENT sends no FETCH with MODSEQ (RFC 7162 §3.1.3)")

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
            if unchanged is not None and not self.UNCHANGEDSINCE_IGNORED and (
                    m.modseq > unchanged or (self.UNCHANGEDSINCE_OFF_BY_ONE and m.modseq == unchanged)):
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
            if not silent or (unchanged is not None and not self.CONDITIONAL_SILENT_NO_FETCH):     # RFC 7162 §3.1.3
                head = b"UID %d " % m.uid if uid else b""
                tail = b" MODSEQ (%d)" % m.modseq if self.condstore and not self.STORE_FETCH_NO_MODSEQ else b""
                self.untagged(b"%d FETCH (%s%s%s)" % (seq, head, self.flags_item(m), tail))
        if modified:
            return f"[MODIFIED {compress(modified)}] conditional STORE failed for some messages"
        return "STORE completed"

    # ---- COPY / MOVE ----
    NO_COPYUID = defect("no-copyuid", "COPY, UID COPY and UID MOVE send no COPYUID (RFC 4315 §3, RFC 6851 §4.3)")
    COPYUID_WRONG_UIDVALIDITY = defect("copyuid-wrong-uidvalidity", "COPYUID carries a UIDVALIDITY other than "
                                       "the destination's (RFC 4315 §3)")
    COPYUID_SOURCE_RANGE = defect("copyuid-source-range", "COPYUID writes a single source UID as a range "
                                  "n:n (RFC 4315 §3)")
    COPYUID_WRONG_DEST = defect("copyuid-wrong-dest", "COPYUID names destination UIDs one above the real "
                                "ones (RFC 4315 §3)")
    MOVE_CREATES_TARGET = defect("move-creates-target", "MOVE to a mailbox that does not exist creates it "
                                 "and succeeds (RFC 9051 §6.4.7, RFC 6851 §3.3)")
    MOVE_NO_TRYCREATE = defect("move-no-trycreate", "MOVE to a mailbox that does not exist is answered NO "
                               "without [TRYCREATE] (RFC 9051 §6.4.7)")
    FAILED_MOVE_LOSES = defect("failed-move-loses", "MOVE to a mailbox that does not exist removes the "
                               "messages from the source before answering NO (RFC 6851 §3.3)")
    MOVE_LOSES_MESSAGE = defect("move-loses-message", "MOVE removes the messages from the source without "
                                "creating them in the target (RFC 6851 §3.3)")
    MOVE_SETS_DELETED = defect("move-sets-deleted", "the message MOVE creates in the target carries "
                               "\\Deleted (RFC 6851 §3.3)")
    MOVE_DROPS_FLAGS = defect("move-drops-flags", "the message MOVE creates in the target has no flags "
                              "(RFC 9051 §6.4.7, RFC 6851 §3.3)")

    def copy_to(self, args, uid, move):
        p = Parser(args, utf8=self.utf8)
        spec = p.seqset()
        p.sp()
        name = self.name_arg(p)
        p.end()
        msgs = [m for _, m in self.resolve(spec, uid) if not m.expunged]
        dest = self.account.get(name)
        if move and dest is None and self.MOVE_CREATES_TARGET:
            self.cmd_create(self.tag, self.wire_name(name))
            dest = self.account.get(name)
        if dest is None or dest.noselect:
            if move and self.FAILED_MOVE_LOSES and not self.readonly:
                self.selected.expunge(msgs)
                self.report_expunged(msgs)
            if move and self.MOVE_NO_TRYCREATE:
                raise No("no such mailbox")
            raise No("no such mailbox", "TRYCREATE")
        if move and self.readonly:
            raise No("mailbox is read-only")
        pairs = []
        for m in msgs:
            if move and self.MOVE_LOSES_MESSAGE:
                continue
            flags = set(m.flags)
            if move and self.MOVE_SETS_DELETED:
                flags.add("\\Deleted")
            if move and self.MOVE_DROPS_FLAGS:
                flags = set()
            nm = dest.add(m.data, flags, m.internaldate)
            pairs.append((m.uid, nm.uid))
        validity = dest.uidvalidity + (1 if self.COPYUID_WRONG_UIDVALIDITY else 0)
        src = compress([a for a, _ in pairs])
        if self.COPYUID_SOURCE_RANGE and len(pairs) == 1:
            src = f"{pairs[0][0]}:{pairs[0][0]}"
        dst = compress([b + (1 if self.COPYUID_WRONG_DEST else 0) for _, b in pairs])
        code = f"[COPYUID {validity} {src} {dst}] " if pairs and not self.NO_COPYUID else ""
        return msgs, code

    def cmd_copy(self, tag, args, uid=False):
        _, code = self.copy_to(args, uid, move=False)
        return code + "COPY completed"

    MOVE_REFUSED = defect("move-refused", "MOVE and UID MOVE are answered NO (RFC 6851 §3.1)")
    MOVE_COPIES = defect("move-copies", "MOVE copies: the messages stay in the source mailbox (RFC 6851 §3.3)")
    MOVE_NO_EXPUNGE_RESPONSE = defect("move-no-expunge-response", "MOVE removes the messages from the source "
                                      "without EXPUNGE or VANISHED responses (RFC 6851 §3.3, RFC 9051 §5.2)")
    MOVE_STORE_RESPONSES = defect("move-store-responses", "MOVE first sends FETCH responses announcing "
                                  "\\Deleted on the moved messages (RFC 6851 §3.3)")
    MOVE_NO_HIGHESTMODSEQ = defect("move-no-highestmodseq", "with QRESYNC enabled, MOVE sends no "
                                   "[HIGHESTMODSEQ] (RFC 6851 §4.4)")

    def cmd_move(self, tag, args, uid=False):
        if self.MOVE_REFUSED:
            raise No("MOVE is not possible now")
        if self.selected is None:       # only with the defect move-authenticated
            return "MOVE completed"
        msgs, code = self.copy_to(args, uid, move=True)
        if msgs:
            self.untagged("OK " + code + "moved")
        if self.MOVE_COPIES:
            return "MOVE completed"
        if self.MOVE_STORE_RESPONSES:
            for seq, m in enumerate(self.view, 1):
                if m in msgs:
                    self.untagged(b"%d FETCH (%s)" % (seq, self.flags_item(m)[:-1] + b" \\Deleted)"))
        self.selected.expunge(msgs)
        if self.MOVE_NO_EXPUNGE_RESPONSE:
            gone = set(id(m) for m in msgs)
            self.view = [m for m in self.view if id(m) not in gone]
        self.report_expunged(msgs)
        if msgs and self.qresync and not self.MOVE_NO_HIGHESTMODSEQ:        # RFC 6851 §4.4, RFC 7162 §3.2.7
            return f"[HIGHESTMODSEQ {self.selected.highestmodseq}] MOVE completed"
        return "MOVE completed"

    # ---- IDLE (RFC 2177) ----
    IDLE_REFUSED = defect("idle-refused", "IDLE is answered NO without a continuation request (RFC 2177 §3)")
    IDLE_DONE_BAD = defect("idle-done-bad", "DONE ends IDLE with a tagged BAD instead of OK (RFC 2177 §3)")
    IDLE_NO_UPDATES = defect("idle-no-updates", "during IDLE no mailbox updates are sent; they wait for the "
                             "next command (RFC 2177 §3 allows sending them)")

    def cmd_idle(self, tag, args):
        Parser(args).end()
        if self.IDLE_REFUSED:
            raise No("IDLE is not possible now")
        self.send(b"+ idling")
        while True:
            if not self.IDLE_NO_UPDATES:
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
                if self.IDLE_DONE_BAD:
                    raise Bad("IDLE ended")
                return "IDLE terminated"
            raise Bad("expected DONE")
