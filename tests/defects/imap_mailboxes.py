"""Authenticated-state commands of the reference IMAP server (RFC 9051 §6.3): SELECT, EXAMINE, CREATE,
DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST (with LIST-EXTENDED, LIST-STATUS, SPECIAL-USE), LSUB,
STATUS, APPEND. A mixin of imap_server.Session; every method runs with STORE.lock held."""
import datetime
import re

from imap_defects import defect
from imap_mime import qstr
from imap_parse import Bad, No, Parser
from imap_store import DELIM, SYSTEM_FLAGS, Account, Mailbox, mutf7_decode, mutf7_encode, parse_date_time

SPECIAL_USES = ("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash")
STATUS_ITEMS = ("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE", "RECENT", "HIGHESTMODSEQ")


class MailboxCommands:
    # ---- names ----
    UTF8_NAMES_REFUSED = defect("utf8-names-refused", "after ENABLE UTF8=ACCEPT, non-ASCII mailbox names are "
                                "refused (RFC 6855 §3)")
    CREATE_8BIT_ACCEPTED = defect("create-8bit-accepted", "8-bit octets in a mailbox name are taken as Latin-1 "
                                  "(no check for Net-Unicode or modified UTF-7)")
    INBOX_CASE_SENSITIVE = defect("inbox-case-sensitive", "only INBOX in upper case is INBOX")
    NAMES_DROP_UNDERSCORE = defect("names-drop-underscore", "underscores are dropped from mailbox names")
    NAMES_CUT_AT_SPACE = defect("names-cut-at-space", "a mailbox name ends at its first space")
    QUOTED_NAME_KEEPS_QUOTES = defect("quoted-name-keeps-quotes", "a mailbox name given as a quoted string keeps "
                                      "its quotes")

    def decode_name(self, raw, pattern=False):
        """Mailbox name (or LIST pattern) octets -> str; NO when the name is not valid."""
        if self.CREATE_8BIT_ACCEPTED and not self.utf8 and any(c >= 0x80 for c in raw):
            return raw.decode("latin-1")
        if self.NAMES_CUT_AT_SPACE and not pattern:
            raw = raw.split(b" ", 1)[0]
        if self.NAMES_DROP_UNDERSCORE and not pattern:
            raw = raw.replace(b"_", b"")
        if self.INBOX_CASE_SENSITIVE and raw.upper() == b"INBOX":
            return raw.decode("ascii")     # not normalised: only "INBOX" finds INBOX (see lookup)
        if self.utf8:
            try:
                name = raw.decode("utf-8")
            except UnicodeDecodeError:
                if not Parser.UTF8_INVALID_ACCEPTED:
                    raise Bad("mailbox name is not UTF-8") from None
                name = raw.decode("utf-8", "replace")
            if self.UTF8_NAMES_REFUSED and any(c >= 0x80 for c in raw) and not pattern:
                raise No("only ASCII mailbox names", "CANNOT")
        else:
            try:
                text = raw.decode("ascii")
            except UnicodeDecodeError:
                raise No("mailbox name is not modified UTF-7 (8-bit octets)", "CANNOT") from None
            name = mutf7_decode(text)
            if name is None:
                if pattern:
                    return text
                raise No("mailbox name is not valid modified UTF-7", "CANNOT")
        return name if pattern else Account.norm(name)

    def lookup(self, name):
        """The mailbox NAME (INBOX in any case, unless a defect says otherwise), or None."""
        return self.account.boxes.get(name) if self.INBOX_CASE_SENSITIVE else self.account.get(name)

    def name_arg(self, p):
        if self.QUOTED_NAME_KEEPS_QUOTES and p.peek() == b'"':
            return self.decode_name(b'"' + p.astring() + b'"')
        return self.decode_name(p.astring())

    LIST_NAMES_UTF8 = defect("list-names-utf8", "LIST shows non-ASCII names and & as raw UTF-8, not modified UTF-7")

    def wire_name(self, name):
        if self.LIST_NAMES_UTF8 and not self.utf8:
            return qstr(name.encode("utf-8"))
        if not self.utf8:
            return qstr(mutf7_encode(name))
        b = name.encode("utf-8")
        if all(c >= 0x20 and c != 0x7F for c in b) and len(b) < 200:
            return b'"' + b.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'
        return qstr(b)

    # ---- SELECT / EXAMINE ----
    def cmd_select(self, tag, args):
        return self.do_select(args, readonly=False)

    def cmd_examine(self, tag, args):
        return self.do_select(args, readonly=True)

    SEARCHRES_SELECT_KEEPS = defect("searchres-select-keeps-variable", "SELECT and EXAMINE keep the saved search "
                                    "result ($) instead of emptying it (RFC 9051 §6.4.4.1)")

    def deselect(self):
        self.selected = None
        self.view = []
        self.known = {}
        self.recent = set()
        if not self.SEARCHRES_SELECT_KEEPS:
            self.saved = None
        self.state = "auth"

    SELECT_NO_UIDVALIDITY = defect("select-no-uidvalidity", "SELECT and EXAMINE send no OK [UIDVALIDITY]")
    EXAMINE_READ_WRITE = defect("examine-read-write", "EXAMINE completes with OK [READ-WRITE] (and allows changes)")
    SELECT_EXISTS_OFF = defect("select-exists-off-by-one", "SELECT and EXAMINE report one message less in EXISTS")
    SELECT_FLAGS_SHORT = defect("select-flags-short", "the FLAGS response of SELECT lacks \\Flagged")
    SELECT_UIDNEXT_STALE = defect("select-uidnext-stale", "SELECT's OK [UIDNEXT] is the last UID, not the next")
    SELECT_NO_PERMANENTFLAGS = defect("select-no-permanentflags", "SELECT sends no OK [PERMANENTFLAGS]")
    SELECT_NO_RECENT = defect("select-no-recent", "SELECT sends no RECENT to an IMAP4rev1 client")
    SELECT_UNSEEN_WRONG = defect("select-unseen-wrong", "OK [UNSEEN n] names the first seen message")
    SELECT_OMITS_LIST = defect("select-omits-list", "SELECT sends no LIST response")
    SELECT_NO_READ_WRITE = defect("select-no-read-write", "SELECT's tagged OK has no [READ-WRITE]")
    SELECT_NONEXISTENT_BAD = defect("select-nonexistent-bad", "SELECT/EXAMINE of a missing mailbox is answered BAD")
    SELECT_NO_NONEXISTENT_CODE = defect("select-no-nonexistent-code", "SELECT of a missing mailbox: NO without "
                                        "[NONEXISTENT]")
    SELECT_NO_CLOSED = defect("select-no-closed", "SELECT of a second mailbox sends no OK [CLOSED]")
    SELECT_STAYS_AUTHENTICATED = defect("select-stays-authenticated", "SELECT answers OK but no mailbox is selected")
    FAILED_SELECT_KEEPS_SELECTION = defect("failed-select-keeps-selection", "a failed SELECT leaves the previous "
                                           "mailbox selected")

    QRESYNC_PARAM_WITHOUT_ENABLE = defect("qresync-param-without-enable", "SELECT (QRESYNC ...) is accepted "
                                          "without ENABLE QRESYNC (RFC 7162 §3.2.5)")
    NO_CLOSED_CODE = defect("no-closed-code", "selecting another mailbox sends no OK [CLOSED] (RFC 7162 §3.2.11)")
    SELECT_NO_HIGHESTMODSEQ = defect("select-no-highestmodseq", "SELECT and EXAMINE send neither [HIGHESTMODSEQ] "
                                     "nor [NOMODSEQ], also after CONDSTORE is enabled (RFC 7162 §3.1.2)")
    SELECT_NO_LIST = defect("select-no-list", "SELECT sends no untagged LIST, also after ENABLE IMAP4rev2 "
                            "(RFC 9051 §6.3.2)")
    QRESYNC_UIDVALIDITY_UNCHECKED = defect("qresync-uidvalidity-unchecked", "SELECT (QRESYNC ...) replays "
                                           "changes even when the UIDVALIDITY given does not match (RFC 7162 §3.2.5)")

    def do_select(self, args, readonly):
        p = Parser(args, utf8=self.utf8)
        raw = p.astring()
        condstore, qresync = False, None
        if p.try_sp():
            p.expect(b"(")
            while True:
                word = p.atom("a select parameter").upper()
                if word == "CONDSTORE":
                    condstore = True
                elif word == "QRESYNC":
                    p.sp()
                    p.expect(b"(")
                    validity = p.number(nz=True)
                    p.sp()
                    modseq = p.number64()
                    known_uids = None
                    if p.try_sp():
                        known_uids = p.seqset()
                        if p.try_sp():
                            p.expect(b"(")
                            p.seqset()
                            p.sp()
                            p.seqset()
                            p.expect(b")")
                    p.expect(b")")
                    qresync = (validity, modseq, known_uids)
                else:
                    raise Bad(f"unknown select parameter {word}")
                if not p.try_sp():
                    break
            p.expect(b")")
        p.end()
        if self.EXAMINE_READ_WRITE:
            readonly = False
        if qresync is not None and not self.qresync and not self.QRESYNC_PARAM_WITHOUT_ENABLE:
            raise Bad("QRESYNC parameter without ENABLE QRESYNC")
        name = self.decode_name(raw)
        box = self.lookup(name)
        if self.FAILED_SELECT_KEEPS_SELECTION and (box is None or box.noselect):
            raise No("no such mailbox", "NONEXISTENT")
        if self.selected is not None:
            self.implicit_close()           # imap_selected.py: no expunge
            self.deselect()
            if not (self.NO_CLOSED_CODE or self.SELECT_NO_CLOSED):
                self.untagged("OK [CLOSED] previous mailbox is now closed")
        if box is None or box.noselect:
            if self.SELECT_NONEXISTENT_BAD:
                raise Bad("no such mailbox")
            raise No("no such mailbox", None if self.SELECT_NO_NONEXISTENT_CODE else "NONEXISTENT")
        if condstore:
            self.enabled.add("CONDSTORE")
        self.selected, self.readonly, self.state = box, readonly, "selected"
        self.view = list(box.messages)
        self.known = {id(m): m.modseq for m in self.view}
        self.uidmax = box.uidnext - 1
        self.recent = set()
        for m in box.messages:
            if not m.recent_claimed:
                self.recent.add(id(m))
                if not readonly:
                    m.recent_claimed = True
        flags = list(SYSTEM_FLAGS) + sorted(box.keywords)
        shown = [f for f in flags if not (self.SELECT_FLAGS_SHORT and f == "\\Flagged")]
        self.untagged("FLAGS (" + " ".join(shown) + ")")
        if not self.SELECT_NO_PERMANENTFLAGS:
            self.untagged("OK [PERMANENTFLAGS (" + ("" if readonly else " ".join(flags) + " \\*") + ")] flags")
        self.untagged(f"{len(self.view) - (1 if self.SELECT_EXISTS_OFF and self.view else 0)} EXISTS")
        if not self.rev2:
            if not self.SELECT_NO_RECENT:
                self.untagged(f"{len(self.recent)} RECENT")
            seen = not self.SELECT_UNSEEN_WRONG
            first = next((i for i, m in enumerate(self.view, 1) if ("\\Seen" in m.flags) != seen), None)
            if first:
                self.untagged(f"OK [UNSEEN {first}] first unseen")
        if not self.SELECT_NO_UIDVALIDITY:
            self.untagged(f"OK [UIDVALIDITY {box.uidvalidity}] UIDs valid")
        self.untagged(f"OK [UIDNEXT {box.uidnext - (1 if self.SELECT_UIDNEXT_STALE else 0)}] predicted next UID")
        if not self.SELECT_NO_HIGHESTMODSEQ:
            self.untagged(f"OK [HIGHESTMODSEQ {box.highestmodseq}] highest")
        if not (self.SELECT_NO_LIST or self.SELECT_OMITS_LIST):
            self.untagged(b"LIST (" + " ".join(self.attributes(box.name)).encode() + b') "/" '
                          + self.wire_name(box.name))
        if qresync is not None and (qresync[0] == box.uidvalidity or self.QRESYNC_UIDVALIDITY_UNCHECKED):
            self.qresync_replay(box, qresync[1], qresync[2])
        if self.SELECT_STAYS_AUTHENTICATED:
            self.deselect()
        if readonly:
            return "[READ-ONLY] EXAMINE completed"
        return "SELECT completed" if self.SELECT_NO_READ_WRITE else "[READ-WRITE] SELECT completed"

    QRESYNC_SELECT_NO_VANISHED = defect("qresync-select-no-vanished", "SELECT (QRESYNC ...) reports no "
                                        "VANISHED (EARLIER) for messages expunged since (RFC 7162 §3.2.5.1)")
    QRESYNC_SELECT_FETCH_NO_UID = defect("qresync-select-fetch-no-uid", "SELECT (QRESYNC ...) reports flag "
                                         "changes with FETCH responses without UID (RFC 7162 §3.2.5.1)")

    def qresync_replay(self, box, modseq, known_uids):
        from imap_parse import compress, in_ranges, seq_ranges
        ranges = seq_ranges(known_uids, box.uidnext - 1) if known_uids else None
        gone = sorted({uid for uid, ms in box.expunged_log
                       if ms > modseq and (ranges is None or in_ranges(uid, ranges))})
        if gone and not self.QRESYNC_SELECT_NO_VANISHED:
            self.untagged("VANISHED (EARLIER) " + compress(gone))
        for i, m in enumerate(self.view, 1):
            if m.modseq > modseq and (ranges is None or in_ranges(m.uid, ranges)):
                if self.QRESYNC_SELECT_FETCH_NO_UID:
                    self.untagged(b"%d FETCH (%s MODSEQ (%d))" % (i, self.flags_item(m), m.modseq))
                    continue
                self.untagged(b"%d FETCH (UID %d %s MODSEQ (%d))" % (i, m.uid, self.flags_item(m), m.modseq))

    # ---- CREATE / DELETE / RENAME ----
    def check_new_name(self, name):
        if name.endswith(DELIM):
            name = name[:-1]
        if not name or name.startswith(DELIM) or DELIM + DELIM in name:
            raise No("invalid mailbox name", "CANNOT")
        if "%" in name or "*" in name or any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029"
                                             for c in name):
            raise No("mailbox names may not contain wildcards or controls", "CANNOT")     # RFC 6855 §3
        return name

    CREATE_USE_BAD = defect("create-use-bad", "CREATE with (USE (...)) is answered BAD (RFC 6154 §3)")
    CREATE_USE_CREATES_ANYWAY = defect("create-use-creates-anyway", "a CREATE refused for its special use "
                                       "creates the mailbox anyway (RFC 6154 §3)")
    CREATE_USE_NO_USEATTR = defect("create-use-no-useattr", "a CREATE refused for its special use carries no "
                                   "[USEATTR] (RFC 6154 §3)")
    CREATE_NOT_STORED = defect("create-not-stored", "CREATE answers OK but creates nothing")
    CREATE_EXISTING_OK = defect("create-existing-ok", "CREATE of an existing mailbox is answered OK")
    CREATE_EXISTING_NO_CODE = defect("create-existing-no-code", "CREATE of an existing mailbox: NO without "
                                     "[ALREADYEXISTS]")
    CREATE_INBOX_OK = defect("create-inbox-ok", "CREATE INBOX (any case) is answered OK")
    CREATE_TRAILING_DELIMITER_KEPT = defect("create-trailing-delimiter-kept", "CREATE keeps a trailing delimiter as "
                                            "part of the name")
    CREATE_NO_SUPERIORS = defect("create-no-superiors", "CREATE a/b/c does not create the superior a/b")
    SUPERIORS_NOT_MARKED = defect("superiors-not-marked", "CREATE a/b/c makes a/b a placeholder that cannot be "
                                  "selected, and LIST shows it without \\Noselect")
    RECREATE_REUSES_UIDS = defect("recreate-reuses-uids", "a mailbox created under a name that was deleted or "
                                  "renamed away gets the old UIDVALIDITY and starts again at UID 1")

    def remember_gone(self, box):
        if self.RECREATE_REUSES_UIDS:
            self.account.__dict__.setdefault("gone", {})[box.name] = box.uidvalidity

    def cmd_create(self, tag, args):
        if self.CREATE_8BIT_ACCEPTED and args[:1] == b'"' and args.endswith(b'"') and args.count(b'"') == 2:
            name = self.decode_name(args[1:-1])      # raw octets, no check of the quoted string's charset
            self.account.boxes[name] = Mailbox(name)
            return "CREATE completed"
        p = Parser(args, utf8=self.utf8)
        if self.CREATE_TRAILING_DELIMITER_KEPT:
            raw = p.astring()
            if raw.endswith(DELIM.encode()):
                p.end()
                self.account.boxes[raw.decode("utf-8", "replace")] = Mailbox(raw.decode("utf-8", "replace"))
                return "CREATE completed"
            p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        if self.CREATE_INBOX_OK and name.upper() == "INBOX":
            return "CREATE completed"
        use = None
        has_params = p.try_sp()
        if has_params and self.CREATE_USE_BAD:
            raise Bad("CREATE takes no parameters")
        if has_params:     # RFC 4466 create parameters: (USE (...)) of RFC 6154
            p.expect(b"(USE (")
            use = []
            while p.peek() != b")":
                if use:
                    p.sp()
                p.expect(b"\\")
                use.append("\\" + p.atom("a use attribute"))
            p.expect(b"))")
        p.end()
        name = self.check_new_name(name)
        acct = self.account
        existing = acct.boxes.get(name)
        if name == "INBOX" or (existing is not None and not existing.noselect):
            if self.CREATE_EXISTING_OK:
                return "CREATE completed"
            raise No("mailbox already exists", None if self.CREATE_EXISTING_NO_CODE else "ALREADYEXISTS")
        if self.CREATE_NOT_STORED:
            return "CREATE completed"
        if use:
            known = {u.lower(): u for u in SPECIAL_USES}
            if len(use) > 1 or use[0].lower() not in known:
                if self.CREATE_USE_CREATES_ANYWAY:
                    acct.boxes[name] = Mailbox(name)
                raise No("unsupported special use", None if self.CREATE_USE_NO_USEATTR else "USEATTR")
            use = [known[use[0].lower()]]
        parts = name.split(DELIM)
        for i in range(1 if not self.CREATE_NO_SUPERIORS else len(parts), len(parts)):
            parent = DELIM.join(parts[:i])
            if parent not in acct.boxes:
                acct.boxes[parent] = Mailbox(parent)
                acct.boxes[parent].noselect = bool(self.SUPERIORS_NOT_MARKED)
        if existing is not None:
            existing.noselect = False
        else:
            acct.boxes[name] = Mailbox(name, use[0] if use else None)
            old = acct.__dict__.get("gone", {}).get(name)
            if self.RECREATE_REUSES_UIDS and old is not None:
                acct.boxes[name].uidvalidity = old
        return "CREATE completed"

    DELETE_KEEPS_MAILBOX = defect("delete-keeps-mailbox", "DELETE answers OK but the mailbox stays")
    DELETE_NONEXISTENT_OK = defect("delete-nonexistent-ok", "DELETE of a missing mailbox is answered OK")
    DELETE_INBOX_OK = defect("delete-inbox-ok", "DELETE INBOX (any case) is answered OK (nothing is deleted)")
    DELETE_REMOVES_INFERIORS = defect("delete-removes-inferiors", "DELETE of a parent also deletes its children")
    DELETE_PARENT_NO_CODE = defect("delete-parent-no-code", "DELETE of a parent is refused with NO without "
                                   "[HASCHILDREN]")
    DELETE_KEEPS_MESSAGES = defect("delete-keeps-messages", "DELETE hides the mailbox but keeps its messages for a "
                                   "mailbox created later under the same name")
    DELETE_UNSUBSCRIBES = defect("delete-unsubscribes", "DELETE also removes the subscription")
    DELETE_NO_CODES = defect("delete-no-codes", "a refused DELETE carries no response code ([NONEXISTENT], [CANNOT])")

    def cmd_delete(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        p.end()
        acct = self.account
        if name == "INBOX" or (self.DELETE_INBOX_OK and name.upper() == "INBOX"):
            if self.DELETE_INBOX_OK:
                return "DELETE completed"
            raise No("INBOX cannot be deleted", None if self.DELETE_NO_CODES else "CANNOT")
        box = acct.boxes.get(name)
        if box is None:
            if self.DELETE_NONEXISTENT_OK:
                return "DELETE completed"
            raise No("no such mailbox", None if self.DELETE_NO_CODES else "NONEXISTENT")
        if self.DELETE_KEEPS_MAILBOX:
            return "DELETE completed"
        if self.DELETE_UNSUBSCRIBES:
            acct.subscribed.discard(name)
        if self.DELETE_KEEPS_MESSAGES and not acct.children(name):
            box.noselect = True
            return "DELETE completed"
        kids = acct.children(name)
        if kids and self.DELETE_PARENT_NO_CODE:
            raise No("mailbox has children")
        if kids and self.DELETE_REMOVES_INFERIORS:
            for k in kids:
                del acct.boxes[k]
            kids = []
        self.remember_gone(box)
        if kids:
            if box.noselect:
                raise No("mailbox has inferior names and is not selectable", "HASCHILDREN")
            box.expunge(list(box.messages))
            box.noselect = True
        else:
            box.expunge(list(box.messages))
            del acct.boxes[name]   # the subscription stays (RFC 9051 §6.3.9: not removed unilaterally)
            self.prune_placeholders(name)
        return "DELETE completed"

    def prune_placeholders(self, name):
        acct = self.account
        while DELIM in name:
            name = name.rsplit(DELIM, 1)[0]
            box = acct.boxes.get(name)
            if box is None or not box.noselect or acct.children(name):
                break
            del acct.boxes[name]

    RENAME_KEEPS_OLD = defect("rename-keeps-old", "RENAME copies: the old name stays, with its messages")
    RENAME_NONEXISTENT_CREATES = defect("rename-nonexistent-creates", "RENAME of a missing mailbox creates the new "
                                        "name, empty, and answers OK")
    RENAME_OVERWRITES = defect("rename-overwrites", "RENAME onto an existing name replaces that mailbox")
    RENAME_EXISTING_NO_CODE = defect("rename-existing-no-code", "RENAME onto an existing name: NO without "
                                     "[ALREADYEXISTS]")
    RENAME_LEAVES_INFERIORS = defect("rename-leaves-inferiors", "RENAME of a parent leaves its children under the "
                                     "old name")
    RENAME_NO_SUPERIORS = defect("rename-no-superiors", "RENAME to a/b/c does not create the superior a/b")

    def cmd_rename(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        old = self.name_arg(p)
        p.sp()
        new = self.name_arg(p)
        p.end()
        acct = self.account
        src = acct.boxes.get(old)
        if src is None or src.noselect and not acct.children(old):
            if self.RENAME_NONEXISTENT_CREATES:
                acct.boxes[self.check_new_name(new)] = Mailbox(self.check_new_name(new))
                return "RENAME completed"
            raise No("no such mailbox", "NONEXISTENT")
        new = self.check_new_name(new)
        if new == "INBOX" or (new in acct.boxes and not acct.boxes[new].noselect):
            if self.RENAME_OVERWRITES and new != "INBOX":
                del acct.boxes[new]
            else:
                raise No("target mailbox already exists", None if self.RENAME_EXISTING_NO_CODE else "ALREADYEXISTS")
        if new.startswith(old + DELIM):
            raise No("cannot rename a mailbox into itself", "CANNOT")
        if self.RENAME_KEEPS_OLD and old != "INBOX":
            copy = Mailbox(new)
            for m in list(src.messages):
                copy.add(m.data, m.flags, m.internaldate)
            acct.boxes[new] = copy
            return "RENAME completed"
        parts = new.split(DELIM)
        for i in range(1 if not self.RENAME_NO_SUPERIORS else len(parts), len(parts)):
            parent = DELIM.join(parts[:i])
            if parent not in acct.boxes:
                acct.boxes[parent] = Mailbox(parent)
        if old == "INBOX":
            box = Mailbox(new)
            for m in list(src.messages):
                box.add(m.data, m.flags, m.internaldate)
            src.expunge(list(src.messages))
            acct.boxes[new] = box
            return "RENAME completed"
        self.remember_gone(src)
        moves = [old] + ([] if self.RENAME_LEAVES_INFERIORS else acct.children(old))
        for n in moves:
            b = acct.boxes.pop(n)
            b.name = new + n[len(old):]
            acct.boxes[b.name] = b
            if n in acct.subscribed:
                acct.subscribed.discard(n)
                acct.subscribed.add(b.name)
        if self.RENAME_LEAVES_INFERIORS and acct.children(old):
            acct.boxes[old] = Mailbox(old)
            acct.boxes[old].noselect = True
        self.prune_placeholders(old)
        return "RENAME completed"

    SUBSCRIBE_NO = defect("subscribe-no", "SUBSCRIBE is refused with NO")
    SUBSCRIBE_VALIDATES = defect("subscribe-validates", "SUBSCRIBE of a missing mailbox is refused (allowed: MAY)")
    UNSUBSCRIBE_IGNORED = defect("unsubscribe-ignored", "UNSUBSCRIBE answers OK but the subscription stays")

    def cmd_subscribe(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        p.end()
        if self.SUBSCRIBE_NO:
            raise No("subscriptions are not supported")
        if self.SUBSCRIBE_VALIDATES and self.account.get(name) is None:
            raise No("no such mailbox", "NONEXISTENT")
        self.account.subscribed.add(name)   # RFC 9051 §6.3.7: a server MAY refuse a name that does not exist
        return "SUBSCRIBE completed"

    def cmd_unsubscribe(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        p.end()
        if not self.UNSUBSCRIBE_IGNORED:
            self.account.subscribed.discard(name)
        return "UNSUBSCRIBE completed"

    # ---- LIST / LSUB ----
    LIST_STAR_ONE_LEVEL = defect("list-star-one-level", "LIST's * does not match the hierarchy delimiter (like %)")
    LIST_PERCENT_MATCHES_ALL = defect("list-percent-matches-all", "LIST's % also matches the delimiter (like *)")
    LIST_PERCENT_TOP_ONLY = defect("list-percent-top-only", "a LIST pattern with % below the top level matches "
                                   "nothing")
    LIST_INBOX_CASE_SENSITIVE = defect("list-inbox-case-sensitive", "the LIST pattern inbox does not match INBOX")

    def pattern_re(self, pattern):
        if self.LIST_PERCENT_TOP_ONLY and "%" in pattern and DELIM in pattern:
            return re.compile(r"(?!)")
        if pattern[:5].upper() == "INBOX" and (len(pattern) == 5 or pattern[5] in DELIM + "%*"):
            if not self.LIST_INBOX_CASE_SENSITIVE:
                pattern = "INBOX" + pattern[5:]
        star = "[^/]*" if self.LIST_STAR_ONE_LEVEL else ".*"
        pct = ".*" if self.LIST_PERCENT_MATCHES_ALL else "[^/]*"
        out = "".join(star if c == "*" else pct if c == "%" else re.escape(c) for c in pattern)
        return re.compile(out + r"\Z", re.S)

    LIST_NO_CHILD_ATTRIBUTES = defect("list-no-child-attributes", "LIST never returns \\HasChildren or "
                                      "\\HasNoChildren, not even for RETURN (CHILDREN)")

    def attributes(self, name, subscribed=False, nonexistent=False):
        acct = self.account
        box = acct.boxes.get(name)
        attrs = []
        if nonexistent or box is None:
            attrs += ["\\NonExistent"]
        elif box.noselect and not self.SUPERIORS_NOT_MARKED:
            attrs.append("\\Noselect")
        if box is not None and not self.LIST_NO_CHILD_ATTRIBUTES:
            attrs.append("\\HasChildren" if acct.children(name) else "\\HasNoChildren")
            if box.special_use:
                attrs.append(box.special_use)
        if subscribed:
            attrs.append("\\Subscribed")
        return attrs

    LIST_RETURN_SPECIAL_USE_BAD = defect("list-return-special-use-bad", "LIST ... RETURN (SPECIAL-USE) is "
                                         "answered BAD (RFC 6154 §2)")
    SPECIAL_USE_SELECTION_IGNORED = defect("special-use-selection-ignored", "LIST (SPECIAL-USE) also lists "
                                           "mailboxes without a special use (RFC 6154 §2)")
    LIST_DELIMITER_REQUEST_EMPTY = defect("list-delimiter-request-empty", "LIST \"\" \"\" returns no LIST response")
    LIST_DELIMITER_TWO_CHARS = defect("list-delimiter-two-chars", "LIST responses give the delimiter as two "
                                      "characters (\"//\")")
    LIST_HIDES_INBOX = defect("list-hides-inbox", "LIST never returns INBOX")
    LIST_IGNORES_REFERENCE = defect("list-ignores-reference", "LIST ignores its reference argument")
    LIST_NO_MATCH_NO = defect("list-no-match-no", "a LIST that matches nothing is answered NO")
    LIST_FIRST_PATTERN_ONLY = defect("list-first-pattern-only", "LIST with several patterns uses only the first")
    LIST_RECURSIVEMATCH_ALONE_OK = defect("list-recursivematch-alone-ok", "LIST (RECURSIVEMATCH) alone is accepted")
    LIST_UNKNOWN_OPTION_IGNORED = defect("list-unknown-option-ignored", "unknown LIST selection options are ignored")
    LIST_SUBSCRIBED_NO_ATTRIBUTE = defect("list-subscribed-no-attribute", "LIST (SUBSCRIBED) and RETURN (SUBSCRIBED) "
                                          "give no \\Subscribed attribute")
    LIST_STATUS_MISSING = defect("list-status-missing", "LIST ... RETURN (STATUS ...) sends no STATUS responses")

    def cmd_list(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        sel = []
        if p.peek() == b"(":
            p.i += 1
            while p.peek() != b")":
                if sel:
                    p.sp()
                sel.append(p.atom("a selection option").upper())
            p.expect(b")")
            p.sp()
            if self.LIST_UNKNOWN_OPTION_IGNORED:
                sel = [s for s in sel if s in ("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE")]
            if self.LIST_RECURSIVEMATCH_ALONE_OK and sel == ["RECURSIVEMATCH"]:
                sel = []
            for s in sel:
                if s not in ("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE"):
                    raise Bad(f"unknown selection option {s}")
            if "RECURSIVEMATCH" in sel and not ({"SUBSCRIBED", "SPECIAL-USE"} & set(sel)):
                raise Bad("RECURSIVEMATCH needs another selection option")
        ref = self.decode_name(p.astring(), pattern=True)
        p.sp()
        patterns = []
        if p.peek() == b"(":
            p.i += 1
            patterns.append(self.decode_name(p.list_mailbox(), pattern=True))
            while p.try_sp():
                patterns.append(self.decode_name(p.list_mailbox(), pattern=True))
            p.expect(b")")
        else:
            patterns.append(self.decode_name(p.list_mailbox(), pattern=True))
        ret, status_items = [], None
        if p.try_sp():
            p.expect(b"RETURN (")
            while p.peek() != b")":
                if ret:
                    p.sp()
                opt = p.atom("a return option").upper()
                if opt == "STATUS":
                    p.sp()
                    status_items = self.status_items(p)
                elif opt == "SPECIAL-USE" and self.LIST_RETURN_SPECIAL_USE_BAD:
                    raise Bad("unknown return option SPECIAL-USE")
                elif opt not in ("SUBSCRIBED", "CHILDREN", "SPECIAL-USE"):
                    raise Bad(f"unknown return option {opt}")
                ret.append(opt)
            p.expect(b")")
        p.end()
        acct = self.account
        if patterns == [""] and not sel:
            if not self.LIST_DELIMITER_REQUEST_EMPTY:
                self.untagged(b'LIST (\\Noselect) "/" ""')
            return "LIST completed"
        if self.LIST_IGNORES_REFERENCE:
            ref = ""
        if self.LIST_FIRST_PATTERN_ONLY:
            patterns = patterns[:1]
        regs = [self.pattern_re(ref + pat) for pat in patterns if pat != ""]
        show_sub = ("SUBSCRIBED" in sel or "SUBSCRIBED" in ret) and not self.LIST_SUBSCRIBED_NO_ATTRIBUTE
        names = set(acct.boxes)
        if "SUBSCRIBED" in sel:
            names = set(acct.subscribed)
        out = []
        if "RECURSIVEMATCH" in sel:     # parents of subscribed names, existing or not, may carry CHILDINFO
            names |= set(acct.boxes) | {n.rsplit(DELIM, k)[0] for n in acct.subscribed
                                        for k in range(1, n.count(DELIM) + 1)}
        for name in sorted(names):
            if not any(r.match(name) for r in regs):
                continue
            exists = name in acct.boxes
            box = acct.boxes.get(name)
            childinfo = None
            if "SUBSCRIBED" in sel and name not in acct.subscribed:
                if "RECURSIVEMATCH" in sel and any(s.startswith(name + DELIM) for s in acct.subscribed):
                    childinfo = "SUBSCRIBED"
                else:
                    continue
            if "SPECIAL-USE" in sel and not (box and box.special_use) and not self.SPECIAL_USE_SELECTION_IGNORED:
                continue
            if self.LIST_HIDES_INBOX and name == "INBOX":
                continue
            attrs = self.attributes(name, subscribed=show_sub and name in acct.subscribed, nonexistent=not exists)
            delim = b'"//"' if self.LIST_DELIMITER_TWO_CHARS else b'"/"'
            line = b"LIST (" + " ".join(attrs).encode() + b") " + delim + b" " + self.wire_name(name)
            if childinfo:
                line += b' ("CHILDINFO" ("SUBSCRIBED"))'
            out.append((line, name, box))
        if self.LIST_NO_MATCH_NO and not out:
            raise No("no mailbox matches")
        for line, name, box in out:
            self.untagged(line)
            if status_items and box is not None and not box.noselect and not self.LIST_STATUS_MISSING:
                self.untagged(self.status_line(box, status_items))
        return "LIST completed"

    LSUB_EMPTY = defect("lsub-empty", "LSUB never lists anything")
    LSUB_PERCENT_BAD = defect("lsub-percent-bad", "LSUB with the % wildcard is answered BAD")

    def cmd_lsub(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        ref = self.decode_name(p.astring(), pattern=True)
        p.sp()
        pat = self.decode_name(p.list_mailbox(), pattern=True)
        p.end()
        if self.LSUB_PERCENT_BAD and "%" in pat:
            raise Bad("% is not supported")
        if self.LSUB_EMPTY:
            return "LSUB completed"
        reg = self.pattern_re(ref + pat)
        shown = set()
        for name in sorted(self.account.subscribed):
            if reg.match(name):
                shown.add(name)
                self.untagged(b'LSUB () "/" ' + self.wire_name(name))
        for name in sorted(self.account.subscribed):
            parts = name.split(DELIM)
            for i in range(1, len(parts)):
                parent = DELIM.join(parts[:i])
                if parent not in shown and reg.match(parent) and "%" in pat:
                    shown.add(parent)
                    self.untagged(b'LSUB (\\Noselect) "/" ' + self.wire_name(parent))
        return "LSUB completed"

    # ---- STATUS ----
    STATUS_UNKNOWN_ITEM_IGNORED = defect("status-unknown-item-ignored", "STATUS ignores unknown data items")
    STATUS_EMPTY_LIST_OK = defect("status-empty-list-ok", "STATUS with an empty item list is answered OK")

    def status_items(self, p):
        p.expect(b"(")
        if self.STATUS_EMPTY_LIST_OK and p.peek() == b")":
            p.i += 1
            return []
        items = [p.atom("a status item").upper()]
        while p.try_sp():
            items.append(p.atom("a status item").upper())
        p.expect(b")")
        if self.STATUS_UNKNOWN_ITEM_IGNORED:
            items = [it for it in items if it in STATUS_ITEMS]
        for it in items:
            if it not in STATUS_ITEMS:
                raise Bad(f"unknown status item {it}")
        return items

    STATUS_NO_HIGHESTMODSEQ = defect("status-no-highestmodseq", "STATUS leaves out a HIGHESTMODSEQ item it "
                                     "was asked for (RFC 7162 §3.1.7)")
    STATUS_HIGHESTMODSEQ_STALE = defect("status-highestmodseq-stale", "STATUS reports a HIGHESTMODSEQ one below "
                                        "the mailbox's (RFC 7162 §3.1.7)")
    STATUS_MESSAGES_OFF = defect("status-messages-off-by-one", "STATUS MESSAGES is one too high")
    STATUS_UNSEEN_COUNTS_SEEN = defect("status-unseen-counts-seen", "STATUS UNSEEN counts the seen messages")
    STATUS_UIDVALIDITY_DIFFERS = defect("status-uidvalidity-differs", "STATUS UIDVALIDITY differs from SELECT's")
    STATUS_UIDNEXT_ONE = defect("status-uidnext-one", "STATUS UIDNEXT is always 1")
    STATUS_FIRST_ITEM_ONLY = defect("status-first-item-only", "STATUS answers only the first item asked for")
    STATUS_NO_RECENT = defect("status-no-recent", "STATUS leaves out RECENT")
    STATUS_SIZE_TOO_SMALL = defect("status-size-too-small", "STATUS SIZE is below the sum of the message sizes")
    STATUS_DELETED_WRONG = defect("status-deleted-wrong", "STATUS DELETED is one too high")

    def status_line(self, box, items):
        vals = {"MESSAGES": len(box.messages), "UIDNEXT": box.uidnext, "UIDVALIDITY": box.uidvalidity,
                "UNSEEN": box.unseen(), "DELETED": sum(1 for m in box.messages if "\\Deleted" in m.flags),
                "SIZE": box.size(), "RECENT": sum(1 for m in box.messages if not m.recent_claimed),
                "HIGHESTMODSEQ": box.highestmodseq - (1 if self.STATUS_HIGHESTMODSEQ_STALE else 0)}
        if self.STATUS_NO_HIGHESTMODSEQ:
            items = [it for it in items if it != "HIGHESTMODSEQ"]
        if self.STATUS_MESSAGES_OFF:
            vals["MESSAGES"] += 1
        if self.STATUS_UNSEEN_COUNTS_SEEN:
            vals["UNSEEN"] = len(box.messages) - box.unseen()
        if self.STATUS_UIDVALIDITY_DIFFERS:
            vals["UIDVALIDITY"] += 1
        if self.STATUS_UIDNEXT_ONE:
            vals["UIDNEXT"] = 1
        if self.STATUS_SIZE_TOO_SMALL:
            vals["SIZE"] = max(0, vals["SIZE"] - 1 - sum(len(m.data) for m in box.messages) // 2)
        if self.STATUS_DELETED_WRONG:
            vals["DELETED"] += 1
        if self.STATUS_FIRST_ITEM_ONLY:
            items = items[:1]
        if self.STATUS_NO_RECENT:
            items = [it for it in items if it != "RECENT"]
        body = " ".join(f"{it} {vals[it]}" for it in items)
        return b"STATUS " + self.wire_name(box.name) + b" (" + body.encode() + b")"

    STATUS_NONEXISTENT_OK = defect("status-nonexistent-ok", "STATUS of a missing mailbox answers zeros and OK")
    STATUS_SELECTED_NO = defect("status-selected-no", "STATUS of the selected mailbox is refused with NO")
    STATUS_DESELECTS = defect("status-deselects", "STATUS closes the selected mailbox")
    STATUS_MARKS_SEEN = defect("status-marks-seen", "STATUS sets \\Seen on every message of the mailbox")
    STATUS_WILDCARDS = defect("status-wildcards", "STATUS takes * and % in the name as wildcards")
    STATUS_NO_NONEXISTENT_CODE = defect("status-no-nonexistent-code", "STATUS of a missing mailbox: NO without "
                                        "[NONEXISTENT]")

    def cmd_status(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p) if not self.STATUS_WILDCARDS else self.decode_name(p.astring(), pattern=True)
        p.sp()
        items = self.status_items(p)
        p.end()
        if self.STATUS_WILDCARDS and ("*" in name or "%" in name):
            reg = self.pattern_re(name)
            name = next((n for n in sorted(self.account.boxes) if reg.match(n)), name)
        box = self.lookup(name)
        if self.STATUS_NONEXISTENT_OK and (box is None or box.noselect):
            self.untagged(b"STATUS " + self.wire_name(name) + b" (" + " ".join(f"{it} 0" for it in items).encode()
                          + b")")
            return "STATUS completed"
        if self.STATUS_SELECTED_NO and box is not None and box is self.selected:
            raise No("the mailbox is selected")
        if self.STATUS_DESELECTS and self.selected is not None:
            self.deselect()
        if self.STATUS_MARKS_SEEN and box is not None:
            for m in box.messages:
                box.set_flags(m, m.flags | {"\\Seen"})
        if box is None or box.noselect:
            raise No("no such mailbox", None if self.STATUS_NO_NONEXISTENT_CODE else "NONEXISTENT")
        if "HIGHESTMODSEQ" in items:
            self.enabled.add("CONDSTORE")
        self.untagged(self.status_line(box, items))
        return "STATUS completed"

    # ---- APPEND ----
    APPEND_LOST = defect("append-lost", "APPEND answers OK (with an APPENDUID) but does not store the message")
    APPEND_IGNORES_FLAGS = defect("append-ignores-flags", "APPEND ignores the flags given")
    APPEND_SETS_SEEN = defect("append-sets-seen", "APPEND without flags sets \\Seen")
    APPEND_EMPTY_FLAGS_BAD = defect("append-empty-flags-bad", "APPEND with an empty flag list () is answered BAD")
    APPEND_IGNORES_DATE = defect("append-ignores-date", "APPEND ignores the date-time given (internal date: now)")
    APPEND_PADDED_DAY_BAD = defect("append-padded-day-bad", "APPEND refuses a date-time with a space-padded day")
    APPEND_BODY_ALTERED = defect("append-body-altered", "APPEND stores the message without its last line")
    APPEND_NO_TRYCREATE = defect("append-no-trycreate", "APPEND to a missing mailbox: NO without [TRYCREATE]")
    APPEND_AUTOCREATE = defect("append-autocreate", "APPEND to a missing mailbox creates it (and still answers "
                               "NO [TRYCREATE])")
    APPEND_APPENDUID_OTHER_VALIDITY = defect("append-appenduid-other-validity", "APPENDUID names another UIDVALIDITY")
    APPEND_BAD_DATE_ACCEPTED = defect("append-bad-date-accepted", "APPEND with an invalid date-time is accepted (the "
                                      "date is ignored)")
    APPEND_PARTIAL_ON_FAILURE = defect("append-partial-on-failure", "APPEND with an invalid date-time stores the "
                                       "message, then answers BAD")

    NO_APPENDUID = defect("no-appenduid", "APPEND completes without APPENDUID (RFC 4315 §3)")
    APPENDUID_WRONG_UIDVALIDITY = defect("appenduid-wrong-uidvalidity", "APPENDUID carries a UIDVALIDITY other "
                                         "than the mailbox's (RFC 4315 §3)")
    APPENDUID_WRONG_UID = defect("appenduid-wrong-uid", "APPENDUID names a UID one above the appended "
                                 "message's (RFC 4315 §3)")
    APPENDUID_RANGE = defect("appenduid-range", "APPENDUID writes the one new UID as a range n:n (RFC 4315 §3)")
    APPEND_UTF8_NO = defect("append-utf8-no", "APPEND with the UTF8 data extension is refused NO after ENABLE "
                            "UTF8=ACCEPT (RFC 6855 §4)")
    UTF8_HEADERS_WITHOUT_ENABLE = defect("utf8-headers-without-enable", "without ENABLE UTF8=ACCEPT, APPEND "
                                         "of a message with 8-bit header octets is accepted (RFC 6855 §4)")
    APPEND_LITERAL8_NO = defect("append-literal8-no", "APPEND with a literal8 is refused with a plain NO, "
                                "without [UNKNOWN-CTE] (RFC 3516 §4.4)")
    APPEND_LITERAL8_MANGLED = defect("append-literal8-mangled", "APPEND with a literal8 stores the message "
                                     "with its NUL octets removed (RFC 3516 §4.4: no data loss)")

    def cmd_append(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        p.sp()
        flags = []
        if p.peek() == b"(":
            if self.APPEND_EMPTY_FLAGS_BAD and p.peek(2) == b"()":
                raise Bad("empty flag list")
            flags = p.flag_list()
            p.sp()
        date = None
        bad_date = False
        if p.peek() == b'"':
            text = p.quoted().decode("ascii", "replace")
            date = parse_date_time(text)
            if self.APPEND_PADDED_DAY_BAD and text.startswith(" "):
                raise Bad("invalid date-time")
            if date is None:
                if not (self.APPEND_BAD_DATE_ACCEPTED or self.APPEND_PARTIAL_ON_FAILURE):
                    raise Bad("invalid date-time")
                bad_date = True
            p.sp()
        utf8_form = False
        if p.peek(6).upper() == b"UTF8 (":
            p.i += 6
            data, binary = p.literal(allow8=True)
            p.expect(b")")
            utf8_form = True
        else:
            data, binary = p.literal(allow8=True)
        p.end()
        box = self.lookup(name)
        if (box is None or box.noselect) and self.APPEND_AUTOCREATE:
            self.account.boxes[self.check_new_name(name)] = Mailbox(self.check_new_name(name))
        if box is None or box.noselect:
            raise No("no such mailbox", None if self.APPEND_NO_TRYCREATE else "TRYCREATE")
        if utf8_form and self.APPEND_UTF8_NO:
            raise No("UTF8 messages are not accepted")
        if binary and not utf8_form and self.APPEND_LITERAL8_NO:
            raise No("binary content is not accepted")
        if binary and self.APPEND_LITERAL8_MANGLED:
            data = data.replace(b"\x00", b"")
        if not self.utf8 and any(c >= 0x80 for c in data.split(b"\r\n\r\n", 1)[0]) and \
                not self.UTF8_HEADERS_WITHOUT_ENABLE:
            raise No("8-bit header fields need ENABLE UTF8=ACCEPT (RFC 6855 §4)")
        if date is None or self.APPEND_IGNORES_DATE:
            date = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        if self.APPEND_LOST:
            return f"[APPENDUID {box.uidvalidity} {box.uidnext}] APPEND completed"
        if self.APPEND_IGNORES_FLAGS:
            flags = []
        if self.APPEND_SETS_SEEN and not flags:
            flags = ["\\Seen"]
        if self.APPEND_BODY_ALTERED:
            data = bytes(data)[:bytes(data).rstrip(b"\r\n").rfind(b"\r\n") + 2]
        m = box.add(bytes(data), set(flags), date)
        if bad_date and self.APPEND_PARTIAL_ON_FAILURE:
            raise Bad("invalid date-time")
        if self.NO_APPENDUID:
            return "APPEND completed"
        validity = box.uidvalidity + (1 if self.APPENDUID_WRONG_UIDVALIDITY or self.APPEND_APPENDUID_OTHER_VALIDITY
                                      else 0)
        uid = str(m.uid + (1 if self.APPENDUID_WRONG_UID else 0))
        if self.APPENDUID_RANGE:
            uid = f"{m.uid}:{m.uid}"
        return f"[APPENDUID {validity} {uid}] APPEND completed"
