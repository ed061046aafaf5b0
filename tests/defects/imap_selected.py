"""Selected-state commands of the reference IMAP server (RFC 9051 §6.4) and the untagged updates a
session receives about its mailbox (EXISTS, EXPUNGE/VANISHED, FETCH FLAGS): CHECK, CLOSE, UNSELECT,
EXPUNGE, SEARCH, FETCH, STORE, COPY, MOVE, UID, IDLE. A mixin of imap_server.Session; the command
methods run with STORE.lock held (IDLE takes it itself).

Updates (`sync`) are sent just before a tagged response, and during IDLE. EXPUNGE (VANISHED) responses
are held back while a FETCH, STORE, SEARCH, COPY or MOVE by sequence numbers is answered (RFC 9051
§7.5.1): the session keeps expunged messages in its numbering until it can report them."""
import datetime
import re

from imap_defects import defect
from imap_fetch import CteError, fetch_items, parse_fetch
from imap_mime import qstr
from imap_parse import Bad, No, Parser, compress, in_ranges, seq_ranges
from imap_search import BadCharset, Ctx, matches, parse_search, uses_modseq
from imap_store import STORE


class SelectedCommands:
    zombies = frozenset()   # (defect expunge-no-renumber) expunged messages kept in the numbering

    # ---- state of the selected mailbox ----
    def is_recent(self, m):
        return id(m) in self.recent

    def flags_item(self, m):
        flags = sorted(m.flags, key=lambda f: (not f.startswith("\\"), f))
        if not self.rev2 and self.is_recent(m):
            flags.append("\\Recent")
        return ("FLAGS (" + " ".join(flags) + ")").encode()

    # ---- defects of the expunge reports (RFC 9051 §7.5.1, RFC 7162 §3.2.10): see imap_defects.py ----
    QRESYNC_EXPUNGE_RESPONSES = defect("qresync-expunge-responses", "after ENABLE QRESYNC, expunges are still "
                                       "reported with EXPUNGE, not VANISHED (RFC 7162 §3.2.10)")
    VANISHED_EARLIER_ON_EXPUNGE = defect("vanished-earlier-on-expunge", "the VANISHED sent for an expunge carries "
                                         "(EARLIER) (RFC 7162 §3.2.10.2)")
    EXPUNGE_NO_RENUMBER = defect("expunge-no-renumber", "after `* n EXPUNGE` the session keeps the expunged message "
                                 "in its numbering (later numbers are not decremented, RFC 9051 §7.5.1)")
    EXPUNGE_WRONG_NUMBERS = defect("expunge-wrong-numbers", "successive EXPUNGE responses carry the numbers from "
                                   "before the expunge (no immediate decrement, RFC 9051 §7.5.1)")

    def report_expunged(self, msgs):
        """Reports these (expunged) messages of the view and drops them from it."""
        msgs = [m for m in msgs if m in self.view and id(m) not in self.zombies]
        if not msgs:
            return
        if self.EXPUNGE_NO_RENUMBER and not self.qresync:
            self.zombies = set(self.zombies)
            for m in msgs:
                self.untagged(f"{self.view.index(m) + 1} EXPUNGE")
                self.zombies.add(id(m))
        elif self.qresync and not self.QRESYNC_EXPUNGE_RESPONSES:
            earlier = "(EARLIER) " if self.VANISHED_EARLIER_ON_EXPUNGE else ""
            self.untagged("VANISHED " + earlier + compress([m.uid for m in msgs]))
            gone = set(id(m) for m in msgs)
            self.view = [m for m in self.view if id(m) not in gone]
        else:
            numbers = [self.view.index(m) + 1 for m in msgs]     # before any removal
            for k, m in enumerate(msgs):
                i = self.view.index(m)
                self.untagged(f"{numbers[k] if self.EXPUNGE_WRONG_NUMBERS else i + 1} EXPUNGE")
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
    NO_EXISTS_FOR_NEW = defect("no-exists-for-new-messages", "new messages join the session's view without an EXISTS "
                               "response (RFC 9051 §5.2, §7.4.1)")
    NO_EXPUNGE_FOR_EXTERNAL = defect("no-expunge-for-external-expunges", "messages expunged by another session are "
                                     "never reported to this one (no EXPUNGE, RFC 9051 §5.2)")
    NO_FETCH_FOR_FLAG_CHANGES = defect("no-fetch-for-external-flag-changes", "flag changes made by another session are "
                                       "never reported with an untagged FETCH")

    STALE_EXISTS = defect("stale-exists-to-other-session", "a session learns of messages added meanwhile with an "
                          "EXISTS that still gives the count from before them (RFC 9051 §5.2, §7.4.1)")

    def sync(self, expunge_ok):
        box = self.selected
        if box is None:
            return
        if self.EXPUNGE_DURING_FETCH:
            expunge_ok = True
        if expunge_ok and not self.NO_EXPUNGE_UPDATES and not self.NO_EXPUNGE_FOR_EXTERNAL:
            self.report_expunged([m for m in self.view if m.expunged])
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
            if not self.NO_EXISTS_FOR_NEW:
                self.untagged(f"{len(self.view) - (len(new) if self.STALE_EXISTS else 0)} EXISTS")
                if not self.rev2:
                    self.untagged(f"{len(self.recent)} RECENT")
        for i, m in enumerate(self.view, 1):
            if not m.expunged and self.known.get(id(m)) != m.modseq and not self.NO_FLAG_UPDATES:
                self.known[id(m)] = m.modseq
                if self.NO_FETCH_FOR_FLAG_CHANGES:
                    continue
                extra = b" MODSEQ (%d)" % m.modseq if self.condstore and not self.UNSOLICITED_FETCH_NO_MODSEQ else b""
                uid = b"UID %d " % m.uid     # RFC 9051 §7.5.2: unsolicited FETCH includes UID
                if self.UNSOLICITED_FETCH_NO_UID:
                    uid = b""
                self.untagged(b"%d FETCH (%s%s%s)" % (i, uid, self.flags_item(m), extra))

    SEQUENCE_STAR_IS_ONE = defect("sequence-star-is-one", "`*` in a message sequence set stands for message 1, not the "
                                  "last message (RFC 9051 §4.1.1)")
    UID_SET_AS_SEQUENCE = defect("uid-set-as-sequence-numbers", "UID commands read their set as message sequence "
                                 "numbers, and UID SEARCH answers sequence numbers (RFC 9051 §6.4.9)")
    UID_STAR_PAST_LAST_EMPTY = defect("uid-range-star-past-last-empty", "a UID range n:* with n above every UID "
                                      "matches no message (RFC 9051 §6.4.9)")
    UID_MISSING_NO = defect("uid-missing-uid-no", "a UID FETCH, STORE, COPY or MOVE whose UIDs do not exist is "
                            "answered NO")
    SEARCHRES_DOLLAR_IS_ALL = defect("searchres-dollar-is-all", "the $ marker stands for every message, not the saved "
                                     "search result (RFC 9051 §6.4.4.1)")
    SEARCHRES_EMPTY_DOLLAR_BAD = defect("searchres-empty-dollar-bad", "an empty $ is answered BAD")
    SEARCHRES_DOLLAR_NOT_MAPPED = defect("searchres-dollar-not-mapped-to-uids", "in UID commands $ takes the saved "
                                         "message numbers as UIDs")

    def resolve(self, spec, uid):
        """A sequence set (message numbers, or UIDs) -> [(number, message)] of the view, ascending."""
        if spec == "$":
            if self.SEARCHRES_DOLLAR_IS_ALL:
                return list(enumerate(self.view, 1))
            if self.SEARCHRES_EMPTY_DOLLAR_BAD and not self.saved:
                raise Bad("$ is empty")
            saved = set(id(m) for m in (self.saved or ()))
            if uid and self.SEARCHRES_DOLLAR_NOT_MAPPED:
                nums = {i for i, m in enumerate(self.view, 1) if id(m) in saved}
                return [(i, m) for i, m in enumerate(self.view, 1) if m.uid in nums]
            return [(i, m) for i, m in enumerate(self.view, 1) if id(m) in saved]
        if uid and self.UID_SET_AS_SEQUENCE:
            uid = False
        if uid:
            star = self.view[-1].uid if self.view else 0
            if self.UID_STAR_PAST_LAST_EMPTY and "*" in spec and \
                    any(x.isdigit() and int(x) > star for x in re.split(r"[:,]", spec)):
                return []
            ranges = seq_ranges(spec, star)
            hits = [(i, m) for i, m in enumerate(self.view, 1) if in_ranges(m.uid, ranges)]
            if self.UID_MISSING_NO and not hits:
                raise No("no such message")
            return hits
        n = len(self.view)
        for piece in spec.split(","):
            if "*" not in piece and any(int(x) > n for x in piece.split(":")):
                raise Bad("no such message sequence number")
        ranges = seq_ranges(spec, 1 if self.SEQUENCE_STAR_IS_ONE and n else n)
        return [(i, m) for i, m in enumerate(self.view, 1) if in_ranges(i, ranges)]

    SELECTED_COMMANDS_IN_AUTH = defect("selected-commands-in-authenticated-state", "CLOSE, UNSELECT, EXPUNGE, SEARCH, "
                                       "FETCH, STORE, COPY, MOVE and UID are answered OK (doing nothing) with no "
                                       "mailbox selected (RFC 9051 §6.4)")
    SELECTED_COMMANDS_BEFORE_LOGIN = defect("selected-commands-before-login", "the selected-state commands are "
                                            "answered OK (doing nothing) before login")

    def outside_selected_ok(self, name, states):
        """(defects) True when a selected-state command is to be answered OK outside the selected state."""
        if states != ("selected",):
            return False
        return (self.state == "auth" and bool(self.SELECTED_COMMANDS_IN_AUTH)) or \
            (self.state == "nonauth" and bool(self.SELECTED_COMMANDS_BEFORE_LOGIN))

    IMPLICIT_CLOSE_EXPUNGES = defect("implicit-close-expunges", "SELECT, EXAMINE and LOGOUT expunge the \\Deleted "
                                     "messages of the mailbox they close (RFC 9051 §6.4.1)")

    def implicit_close(self):
        """SELECT, EXAMINE or LOGOUT closes the selected mailbox: no expunge (unless the defect says so)."""
        box = self.selected
        if self.IMPLICIT_CLOSE_EXPUNGES and box is not None and not self.readonly:
            box.expunge([m for m in box.messages if "\\Deleted" in m.flags])

    # ---- CHECK, CLOSE, UNSELECT, EXPUNGE ----
    CHECK_NO = defect("check-no", "CHECK is refused with NO")

    def cmd_check(self, tag, args):
        Parser(args).end()
        if self.CHECK_NO:
            raise No("CHECK is not supported")
        return "CHECK completed"

    CLOSE_NO = defect("close-no", "CLOSE is answered NO (and the mailbox stays selected)")
    CLOSE_STAYS_SELECTED = defect("close-stays-selected", "CLOSE expunges and answers OK but the mailbox stays "
                                  "selected")
    CLOSE_NO_EXPUNGE = defect("close-no-expunge", "CLOSE does not remove the \\Deleted messages")
    CLOSE_SENDS_EXPUNGE = defect("close-sends-expunge", "CLOSE reports the messages it removes with EXPUNGE responses")
    CLOSE_READ_ONLY_EXPUNGES = defect("close-read-only-expunges", "CLOSE removes \\Deleted messages also from a "
                                      "mailbox opened with EXAMINE")

    def cmd_close(self, tag, args):
        Parser(args).end()
        if self.CLOSE_NO:
            raise No("cannot close")
        box = self.selected
        if (not self.readonly or self.CLOSE_READ_ONLY_EXPUNGES) and not self.CLOSE_NO_EXPUNGE:
            gone = [m for m in box.messages if "\\Deleted" in m.flags]
            box.expunge(gone)
            if self.CLOSE_SENDS_EXPUNGE:
                self.report_expunged(gone)
        if self.CLOSE_STAYS_SELECTED:
            return "CLOSE completed"
        self.deselect()
        return "CLOSE completed"

    UNSELECT_NO = defect("unselect-no", "UNSELECT is answered NO")
    UNSELECT_EXPUNGES = defect("unselect-expunges", "UNSELECT removes the \\Deleted messages and reports them with "
                               "EXPUNGE responses")
    UNSELECT_STAYS_SELECTED = defect("unselect-stays-selected", "UNSELECT answers OK but the mailbox stays selected")

    def cmd_unselect(self, tag, args):
        Parser(args).end()
        if self.UNSELECT_NO:
            raise No("cannot unselect")
        if self.UNSELECT_EXPUNGES and not self.readonly:
            gone = [m for m in self.selected.messages if "\\Deleted" in m.flags]
            self.selected.expunge(gone)
            self.report_expunged(gone)
        if self.UNSELECT_STAYS_SELECTED:
            return "UNSELECT completed"
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
    EXPUNGE_SILENT = defect("expunge-silent", "EXPUNGE removes the \\Deleted messages without EXPUNGE responses")
    EXPUNGE_IGNORES_DELETED = defect("expunge-ignores-deleted", "EXPUNGE removes every message, \\Deleted or not")
    EXPUNGE_READ_ONLY = defect("expunge-read-only", "EXPUNGE removes messages from a mailbox opened with EXAMINE")

    def cmd_expunge(self, tag, args, uid=False):
        if self.selected is None:       # only with the defect uid-expunge-authenticated
            return "EXPUNGE completed"
        p = Parser(args)
        ranges = None
        if uid:
            spec = p.seqset()
            ranges = [m for _, m in self.resolve(spec, True)]
            if self.UID_EXPUNGE_IGNORES_SET:
                ranges = None
        p.end()
        if self.readonly and not self.EXPUNGE_READ_ONLY:
            raise No("mailbox is read-only")
        box = self.selected
        deleted_only = not (uid and self.UID_EXPUNGE_IGNORES_DELETED) and not self.EXPUNGE_IGNORES_DELETED
        targets = [m for m in box.messages if ("\\Deleted" in m.flags or not deleted_only)
                   and (ranges is None or m in ranges)]
        if uid and self.UID_EXPUNGE_NOOP:
            targets = []
        before = box.highestmodseq
        box.expunge(targets)
        if self.EXPUNGE_SILENT:
            gone = set(id(m) for m in targets)
            self.view = [m for m in self.view if id(m) not in gone]
            targets = []
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
    SEARCH_NO_MATCH_NO_RESPONSE = defect("search-no-match-no-response", "a SEARCH that matches nothing sends no SEARCH "
                                         "or ESEARCH response")
    SEARCH_BADCHARSET_BAD = defect("search-badcharset-bad", "an unknown SEARCH CHARSET is answered BAD instead of NO")
    SEARCH_BADCHARSET_NO_CODE = defect("search-badcharset-no-code", "an unknown SEARCH CHARSET is answered NO without "
                                       "[BADCHARSET]")
    ESEARCH_MIN_IS_MAX = defect("esearch-min-is-max", "ESEARCH MIN gives the highest match")
    ESEARCH_MAX_IS_MIN = defect("esearch-max-is-min", "ESEARCH MAX gives the lowest match")
    ESEARCH_COUNT_OFF_BY_ONE = defect("esearch-count-off-by-one", "ESEARCH COUNT is one more than the number of "
                                      "matches")
    ESEARCH_ALL_FIRST_ONLY = defect("esearch-all-first-only", "ESEARCH ALL lists the first match only")
    ESEARCH_NO_TAG = defect("esearch-no-tag", "ESEARCH responses carry no (TAG ...) correlator")
    ESEARCH_UID_NO_INDICATOR = defect("esearch-uid-no-indicator", "the ESEARCH response to UID SEARCH lacks the UID "
                                      "indicator")
    ESEARCH_EMPTY_MIN_MAX = defect("esearch-empty-min-max", "with no match, ESEARCH still carries MIN 0, MAX 0 and ALL "
                                   "0")
    ESEARCH_SPLIT = defect("esearch-split", "each result option comes in an ESEARCH response of its own")
    SEARCHRES_SAVE_SENDS_ESEARCH = defect("searchres-save-sends-esearch", "SEARCH RETURN (SAVE) alone still sends an "
                                          "ESEARCH response")
    SEARCHRES_SAVE_MIN_SAVES_ALL = defect("searchres-save-min-saves-all", "SAVE with MIN or MAX saves every match")
    SEARCHRES_SAVE_FIRST_ONLY = defect("searchres-save-first-only", "SAVE with ALL or COUNT saves the first match only")
    SEARCHRES_EVERY_SEARCH_SAVES = defect("searchres-every-search-saves", "every successful SEARCH replaces $, with or "
                                          "without SAVE")
    SEARCHRES_FAILED_SAVE_KEEPS = defect("searchres-failed-save-keeps", "a SEARCH (SAVE) that fails leaves $ as it was")

    def cmd_search(self, tag, args, uid=False):
        try:
            ret, charset_given, prog = parse_search(args, self.utf8)
        except BadCharset:
            if re.match(rb"(?i)RETURN \([^)]*\bSAVE\b", args) and not self.SEARCHRES_FAILED_SAVE_KEEPS:
                self.saved = []     # RFC 9051 §6.4.4.1: SEARCH (SAVE) answered NO empties $ (BAD leaves it)
            if self.SEARCH_BADCHARSET_BAD:
                raise Bad("unknown charset") from None
            if self.SEARCH_BADCHARSET_NO_CODE:
                raise No("unsupported charset") from None
            raise No("unsupported charset", "BADCHARSET (US-ASCII UTF-8)") from None
        if charset_given and "UTF8=ACCEPT" in self.enabled:
            raise Bad("no CHARSET after ENABLE UTF8=ACCEPT (RFC 6855 §3)")
        if uses_modseq(prog):
            self.enabled.add("CONDSTORE")
        maxuid = self.view[-1].uid if self.view else 0
        hits = [(i, m) for i, m in enumerate(self.view, 1)
                if matches(prog, Ctx(m, i, len(self.view), maxuid, self))]
        nums = [m.uid if uid and not self.UID_SET_AS_SEQUENCE else i for i, m in hits]
        modseq = max((m.modseq for _, m in hits), default=None) if uses_modseq(prog) else None
        if self.SEARCH_MODSEQ_NO_MODSEQ:
            modseq = None
        if self.SEARCHRES_EVERY_SEARCH_SAVES:
            self.saved = [m for _, m in hits]
        if self.SEARCH_NO_MATCH_NO_RESPONSE and not hits:
            return "SEARCH completed"
        if ret is None and (not self.rev2 or self.REV2_SEARCH_OLD):
            line = "SEARCH" + "".join(f" {n}" for n in nums)
            if modseq is not None:
                line += f" (MODSEQ {modseq})"
            self.untagged(line)
            return "SEARCH completed"
        opts = ret or ["ALL"]
        if "SAVE" in opts:
            if set(opts) & {"MIN", "MAX"} and not set(opts) & {"ALL", "COUNT"} and \
                    not self.SEARCHRES_SAVE_MIN_SAVES_ALL:
                keep = []
                if hits and "MIN" in opts:
                    keep.append(hits[0][1])
                if hits and "MAX" in opts:
                    keep.append(hits[-1][1])
                self.saved = keep
            else:
                self.saved = [m for _, m in hits]
                if self.SEARCHRES_SAVE_FIRST_ONLY:
                    self.saved = self.saved[:1]
            if opts == ["SAVE"] and not self.SEARCHRES_SAVE_SENDS_ESEARCH:
                return "SEARCH completed"
        parts = [] if self.ESEARCH_NO_TAG else [b"(TAG " + qstr(tag) + b")"]
        if uid and not self.ESEARCH_UID_NO_INDICATOR:
            parts.append(b"UID")
        head = len(parts)
        lo, hi = (nums[-1], nums[0]) if self.ESEARCH_MIN_IS_MAX and self.ESEARCH_MAX_IS_MIN else \
            (nums[-1] if self.ESEARCH_MIN_IS_MAX else nums[0], nums[0] if self.ESEARCH_MAX_IS_MIN else nums[-1]) \
            if nums else (0, 0)
        if (nums or self.ESEARCH_EMPTY_MIN_MAX) and "MIN" in opts:
            parts.append(b"MIN %d" % lo)
        if (nums or self.ESEARCH_EMPTY_MIN_MAX) and "MAX" in opts:
            parts.append(b"MAX %d" % hi)
        if (nums or self.ESEARCH_EMPTY_MIN_MAX) and "ALL" in opts:
            parts.append(b"ALL " + (compress(nums[:1] if self.ESEARCH_ALL_FIRST_ONLY else nums).encode() or b"0"))
        if "COUNT" in opts:
            parts.append(b"COUNT %d" % (len(nums) + (1 if self.ESEARCH_COUNT_OFF_BY_ONE else 0)))
        if modseq is not None and nums:
            parts.append(b"MODSEQ %d" % modseq)
        if self.ESEARCH_SPLIT and len(parts) - head > 1:
            for item in parts[head:]:
                self.untagged(b"ESEARCH " + b" ".join(parts[:head] + [item]))
            return "SEARCH completed"
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
    FETCH_BODY_KEEPS_UNSEEN = defect("fetch-body-keeps-unseen", "BODY[...] and BINARY[...] (not PEEK) leave \\Seen "
                                     "unset")
    FETCH_PEEK_SETS_SEEN = defect("fetch-peek-sets-seen", "BODY.PEEK[...] and BINARY.PEEK[...] set \\Seen")
    FETCH_SEEN_NOT_REPORTED = defect("fetch-seen-not-reported", "the FETCH that sets \\Seen does not report the new "
                                     "FLAGS")

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
            seen_items = any(i.sets_seen() or (self.FETCH_PEEK_SETS_SEEN and i.kind in ("BODY[]", "BINARY"))
                             for i in items)
            set_seen = (seen_items and not self.readonly and "\\Seen" not in m.flags and not m.expunged
                        and not self.FETCH_BODY_KEEPS_UNSEEN)
            if set_seen:
                box.set_flags(m, m.flags | {"\\Seen"})
            try:
                body = fetch_items(self, m, items, uid, set_seen and not self.FETCH_SEEN_NOT_REPORTED,
                                   with_modseq=changedsince is not None)
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
    STORE_FLAGS_ADDS = defect("store-flags-adds", "STORE FLAGS adds the flags instead of replacing them")
    STORE_PLUS_REPLACES = defect("store-plus-replaces", "STORE +FLAGS replaces the flags instead of adding")
    STORE_MINUS_IGNORED = defect("store-minus-ignored", "STORE -FLAGS removes nothing")
    STORE_MINUS_TOGGLES = defect("store-minus-toggles", "STORE -FLAGS sets the flags the message does not have")
    STORE_SILENT_NOT_SILENT = defect("store-silent-not-silent", "STORE ....SILENT still sends the untagged FETCH")
    STORE_SILENT_IGNORED = defect("store-silent-ignored", "STORE ....SILENT changes nothing")
    STORE_RANGE_FIRST_ONLY = defect("store-range-first-only", "STORE on a set changes the first message only")
    STORE_DELETED_EXPUNGES = defect("store-deleted-expunges", "STORE +FLAGS (\\Deleted) expunges the message at once")
    STORE_READ_ONLY_CHANGES = defect("store-read-only-changes", "STORE changes flags in a mailbox opened with EXAMINE")
    STORE_UNKNOWN_ITEM_AS_FLAGS = defect("store-unknown-item-as-flags", "STORE takes any data item name as FLAGS")
    UID_RESPONSES_NO_UID = defect("uid-responses-no-uid", "the FETCH responses to UID FETCH and UID STORE carry UID "
                                  "only when it was asked for (RFC 9051 §6.4.9)")

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
            if not self.STORE_UNKNOWN_ITEM_AS_FLAGS:
                raise Bad("expected FLAGS, +FLAGS or -FLAGS")
            op = "FLAGS"
        p.sp()
        flags = set(p.flag_list(paren_optional=True))
        p.end()
        if unchanged is not None:
            self.enabled.add("CONDSTORE")
        msgs = self.resolve(spec, uid)
        if self.readonly and not self.STORE_READ_ONLY_CHANGES:
            raise No("mailbox is read-only")
        if self.STORE_RANGE_FIRST_ONLY:
            msgs = msgs[:1]
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
                new = flags if self.STORE_PLUS_REPLACES else m.flags | flags
            elif op.startswith("-"):
                new = m.flags if self.STORE_MINUS_IGNORED else m.flags - flags
                if self.STORE_MINUS_TOGGLES:
                    new = new | (flags - m.flags)
            else:
                new = m.flags | flags if self.STORE_FLAGS_ADDS else set(flags)
            if not (silent and self.STORE_SILENT_IGNORED):
                box.set_flags(m, new)
            self.known[id(m)] = m.modseq
            if self.STORE_DELETED_EXPUNGES and "\\Deleted" in m.flags:
                box.expunge([m])
                self.report_expunged([m])
                continue
            if not silent or (unchanged is not None and not self.CONDITIONAL_SILENT_NO_FETCH) or \
                    self.STORE_SILENT_NOT_SILENT:     # RFC 7162 §3.1.3
                head = b"UID %d " % m.uid if uid and not self.UID_RESPONSES_NO_UID else b""
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
    COPY_LOST = defect("copy-lost", "COPY answers OK but copies nothing")
    COPY_DROPS_FLAGS = defect("copy-drops-flags", "COPY does not keep the flags")
    COPY_RESETS_INTERNALDATE = defect("copy-resets-internaldate", "COPY gives the copy the current time as internal "
                                      "date")
    COPY_FIRST_ONLY = defect("copy-first-only", "COPY of a set copies the first message only")
    COPY_CREATES_MAILBOX = defect("copy-creates-mailbox", "COPY and MOVE create a missing destination mailbox")
    COPY_NO_TRYCREATE = defect("copy-no-trycreate", "COPY and MOVE to a missing mailbox answer NO without [TRYCREATE]")
    COPY_NO_COPYUID = defect("copy-no-copyuid", "COPY and MOVE send no COPYUID")
    MOVE_LOST = defect("move-lost", "MOVE expunges the source but the destination never gets the message")
    MOVE_RESETS_INTERNALDATE = defect("move-resets-internaldate", "MOVE gives the message the current time as internal "
                                      "date")
    MOVE_FAILED_EXPUNGES = defect("move-failed-expunges", "a MOVE to a missing mailbox still expunges the messages")
    MOVE_FIRST_ONLY = defect("move-first-only", "MOVE of a set moves the first message only")

    def copy_to(self, args, uid, move):
        p = Parser(args, utf8=self.utf8)
        spec = p.seqset()
        p.sp()
        name = self.name_arg(p)
        p.end()
        msgs = [m for _, m in self.resolve(spec, uid) if not m.expunged]
        if self.MOVE_FIRST_ONLY if move else self.COPY_FIRST_ONLY:
            msgs = msgs[:1]
        dest = self.account.get(name)
        if move and dest is None and self.MOVE_CREATES_TARGET:
            self.cmd_create(self.tag, self.wire_name(name))
            dest = self.account.get(name)
        if dest is None and self.COPY_CREATES_MAILBOX:
            from imap_store import Mailbox
            dest = self.account.boxes[self.account.norm(name)] = Mailbox(self.account.norm(name))
        if dest is None or dest.noselect:
            if move and ((self.FAILED_MOVE_LOSES and not self.readonly) or self.MOVE_FAILED_EXPUNGES):
                self.selected.expunge(msgs)
                self.report_expunged(msgs)
            if self.COPY_NO_TRYCREATE or (move and self.MOVE_NO_TRYCREATE):
                raise No("no such mailbox")
            raise No("no such mailbox", "TRYCREATE")
        if move and self.readonly:
            raise No("mailbox is read-only")
        pairs = []
        lost = self.MOVE_LOST if move else self.COPY_LOST
        for m in msgs:
            if move and self.MOVE_LOSES_MESSAGE:
                continue
            flags, date = set(m.flags), m.internaldate
            if move and self.MOVE_SETS_DELETED:
                flags.add("\\Deleted")
            if self.MOVE_DROPS_FLAGS if move else self.COPY_DROPS_FLAGS:
                flags = set()
            if self.MOVE_RESETS_INTERNALDATE if move else self.COPY_RESETS_INTERNALDATE:
                date = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
            if lost:
                pairs.append((m.uid, dest.uidnext))
                continue
            nm = dest.add(m.data, flags, date)
            pairs.append((m.uid, nm.uid))
        validity = dest.uidvalidity + (1 if self.COPYUID_WRONG_UIDVALIDITY else 0)
        src = compress([a for a, _ in pairs])
        if self.COPYUID_SOURCE_RANGE and len(pairs) == 1:
            src = f"{pairs[0][0]}:{pairs[0][0]}"
        dst = compress([b + (1 if self.COPYUID_WRONG_DEST else 0) for _, b in pairs])
        code = f"[COPYUID {validity} {src} {dst}] " if pairs and not (self.NO_COPYUID or self.COPY_NO_COPYUID) else ""
        return msgs, code

    COPY_MOVES = defect("copy-moves", "COPY also expunges the source messages")

    def cmd_copy(self, tag, args, uid=False):
        msgs, code = self.copy_to(args, uid, move=False)
        if self.COPY_MOVES:
            self.selected.expunge(msgs)
            self.report_expunged(msgs)
        return code + "COPY completed"

    MOVE_REFUSED = defect("move-refused", "MOVE and UID MOVE are answered NO (RFC 6851 §3.1)")
    MOVE_COPIES = defect("move-copies", "MOVE copies: the messages stay in the source mailbox (RFC 6851 §3.3)")
    MOVE_NO_EXPUNGE_RESPONSE = defect("move-no-expunge-response", "MOVE removes the messages from the source "
                                      "without EXPUNGE or VANISHED responses (RFC 6851 §3.3, RFC 9051 §5.2)")
    MOVE_STORE_RESPONSES = defect("move-store-responses", "MOVE first sends FETCH responses announcing "
                                  "\\Deleted on the moved messages (RFC 6851 §3.3)")
    MOVE_NO_HIGHESTMODSEQ = defect("move-no-highestmodseq", "with QRESYNC enabled, MOVE sends no "
                                   "[HIGHESTMODSEQ] (RFC 6851 §4.4)")
    MOVE_KEEPS_SOURCE = defect("move-keeps-source", "MOVE copies but leaves the source message in place")
    MOVE_SENDS_STORE_FETCH = defect("move-sends-store-fetch", "MOVE reports a FETCH with \\Deleted for each message "
                                    "before its EXPUNGE")
    MOVE_COPYUID_AFTER_EXPUNGE = defect("move-copyuid-after-expunge", "MOVE sends COPYUID only in the tagged OK, after "
                                        "the EXPUNGE responses")

    def cmd_move(self, tag, args, uid=False):
        if self.MOVE_REFUSED:
            raise No("MOVE is not possible now")
        if self.selected is None:       # only with the defect move-authenticated
            return "MOVE completed"
        msgs, code = self.copy_to(args, uid, move=True)
        if self.MOVE_KEEPS_SOURCE:
            return code + "MOVE completed"
        if msgs and not self.MOVE_COPYUID_AFTER_EXPUNGE:
            self.untagged("OK " + code + "moved")
        if self.MOVE_COPIES:
            return "MOVE completed"
        if self.MOVE_STORE_RESPONSES:
            for seq, m in enumerate(self.view, 1):
                if m in msgs:
                    self.untagged(b"%d FETCH (%s)" % (seq, self.flags_item(m)[:-1] + b" \\Deleted)"))
        if self.MOVE_SENDS_STORE_FETCH:
            for m in msgs:
                flags = sorted(m.flags | {"\\Deleted"})
                self.untagged(f"{self.view.index(m) + 1} FETCH (FLAGS ({' '.join(flags)}))")
        self.selected.expunge(msgs)
        if self.MOVE_NO_EXPUNGE_RESPONSE:
            gone = set(id(m) for m in msgs)
            self.view = [m for m in self.view if id(m) not in gone]
        self.report_expunged(msgs)
        if self.MOVE_COPYUID_AFTER_EXPUNGE:
            return code + "MOVE completed"
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
