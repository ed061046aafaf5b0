"""Authenticated-state commands of the reference IMAP server (RFC 9051 §6.3): SELECT, EXAMINE, CREATE,
DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST (with LIST-EXTENDED, LIST-STATUS, SPECIAL-USE), LSUB,
STATUS, APPEND. A mixin of imap_server.Session; every method runs with STORE.lock held."""
import datetime
import re

from imap_defects import defect
from imap_mime import qstr
from imap_parse import Bad, No, Parser
from imap_store import DELIM, SYSTEM_FLAGS, Account, Mailbox, mutf7_decode, mutf7_encode, parse_date_time

STATUS_ITEMS = ("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE", "RECENT", "HIGHESTMODSEQ")


class MailboxCommands:
    # ---- names ----
    def decode_name(self, raw, pattern=False):
        """Mailbox name (or LIST pattern) octets -> str; NO when the name is not valid."""
        if self.utf8:
            try:
                name = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise Bad("mailbox name is not UTF-8") from None
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

    def name_arg(self, p):
        return self.decode_name(p.astring())

    def wire_name(self, name):
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

    def deselect(self):
        self.selected = None
        self.view = []
        self.known = {}
        self.recent = set()
        self.saved = None
        self.state = "auth"

    SELECT_NO_UIDVALIDITY = defect("select-no-uidvalidity", "SELECT and EXAMINE send no OK [UIDVALIDITY]")
    EXAMINE_READ_WRITE = defect("examine-read-write", "EXAMINE completes with OK [READ-WRITE] (and allows changes)")

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
        if qresync is not None and not self.qresync:
            raise Bad("QRESYNC parameter without ENABLE QRESYNC")
        if self.selected is not None:
            self.deselect()
            self.untagged("OK [CLOSED] previous mailbox is now closed")
        name = self.decode_name(raw)
        box = self.account.get(name)
        if box is None or box.noselect:
            raise No("no such mailbox", "NONEXISTENT")
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
        self.untagged("FLAGS (" + " ".join(flags) + ")")
        self.untagged("OK [PERMANENTFLAGS (" + ("" if readonly else " ".join(flags) + " \\*") + ")] flags")
        self.untagged(f"{len(self.view)} EXISTS")
        if not self.rev2:
            self.untagged(f"{len(self.recent)} RECENT")
            first = next((i for i, m in enumerate(self.view, 1) if "\\Seen" not in m.flags), None)
            if first:
                self.untagged(f"OK [UNSEEN {first}] first unseen")
        if not self.SELECT_NO_UIDVALIDITY:
            self.untagged(f"OK [UIDVALIDITY {box.uidvalidity}] UIDs valid")
        self.untagged(f"OK [UIDNEXT {box.uidnext}] predicted next UID")
        self.untagged(f"OK [HIGHESTMODSEQ {box.highestmodseq}] highest")
        self.untagged(b"LIST (" + " ".join(self.attributes(box.name)).encode() + b') "/" ' + self.wire_name(box.name))
        if qresync is not None and qresync[0] == box.uidvalidity:
            self.qresync_replay(box, qresync[1], qresync[2])
        return ("[READ-ONLY] EXAMINE" if readonly else "[READ-WRITE] SELECT") + " completed"

    def qresync_replay(self, box, modseq, known_uids):
        from imap_parse import compress, in_ranges, seq_ranges
        ranges = seq_ranges(known_uids, box.uidnext - 1) if known_uids else None
        gone = sorted({uid for uid, ms in box.expunged_log if ms > modseq and (ranges is None or in_ranges(uid, ranges))})
        if gone:
            self.untagged("VANISHED (EARLIER) " + compress(gone))
        for i, m in enumerate(self.view, 1):
            if m.modseq > modseq and (ranges is None or in_ranges(m.uid, ranges)):
                self.untagged(b"%d FETCH (UID %d %s MODSEQ (%d))" % (i, m.uid, self.flags_item(m), m.modseq))

    # ---- CREATE / DELETE / RENAME ----
    def check_new_name(self, name):
        if name.endswith(DELIM):
            name = name[:-1]
        if not name or name.startswith(DELIM) or DELIM + DELIM in name:
            raise No("invalid mailbox name", "CANNOT")
        if "%" in name or "*" in name or any(ord(c) < 0x20 or ord(c) == 0x7F for c in name):
            raise No("mailbox names may not contain wildcards or controls", "CANNOT")
        return name

    def cmd_create(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        use = None
        if p.try_sp():     # RFC 4466 create parameters: (USE (...)) of RFC 6154
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
            raise No("mailbox already exists", "ALREADYEXISTS")
        if use:
            known = {u.lower(): u for u in ("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash")}
            if len(use) > 1 or use[0].lower() not in known:
                raise No("unsupported special use", "USEATTR")     # RFC 6154 §3: nothing is created
            use = [known[use[0].lower()]]
        parts = name.split(DELIM)
        for i in range(1, len(parts)):
            parent = DELIM.join(parts[:i])
            if parent not in acct.boxes:
                acct.boxes[parent] = Mailbox(parent)
        if existing is not None:
            existing.noselect = False
        else:
            acct.boxes[name] = Mailbox(name, use[0] if use else None)
        return "CREATE completed"

    def cmd_delete(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        p.end()
        acct = self.account
        if name == "INBOX":
            raise No("INBOX cannot be deleted", "CANNOT")
        box = acct.boxes.get(name)
        if box is None:
            raise No("no such mailbox", "NONEXISTENT")
        kids = acct.children(name)
        if kids:
            if box.noselect:
                raise No("mailbox has inferior names and is not selectable", "INUSE")
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

    def cmd_rename(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        old = self.name_arg(p)
        p.sp()
        new = self.name_arg(p)
        p.end()
        acct = self.account
        src = acct.boxes.get(old)
        if src is None or src.noselect and not acct.children(old):
            raise No("no such mailbox", "NONEXISTENT")
        new = self.check_new_name(new)
        if new == "INBOX" or (new in acct.boxes and not acct.boxes[new].noselect) or acct.children(new) and new in acct.boxes:
            raise No("target mailbox already exists", "ALREADYEXISTS")
        if new.startswith(old + DELIM):
            raise No("cannot rename a mailbox into itself", "CANNOT")
        parts = new.split(DELIM)
        for i in range(1, len(parts)):
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
        moves = [old] + acct.children(old)
        for n in moves:
            b = acct.boxes.pop(n)
            b.name = new + n[len(old):]
            acct.boxes[b.name] = b
            if n in acct.subscribed:
                acct.subscribed.discard(n)
                acct.subscribed.add(b.name)
        self.prune_placeholders(old)
        return "RENAME completed"

    def cmd_subscribe(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        p.end()
        self.account.subscribed.add(name)   # RFC 9051 §6.3.7: a server MAY refuse a name that does not exist
        return "SUBSCRIBE completed"

    def cmd_unsubscribe(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        p.end()
        self.account.subscribed.discard(name)
        return "UNSUBSCRIBE completed"

    # ---- LIST / LSUB ----
    @staticmethod
    def pattern_re(pattern):
        if pattern[:5].upper() == "INBOX" and (len(pattern) == 5 or pattern[5] in DELIM + "%*"):
            pattern = "INBOX" + pattern[5:]
        out = "".join(".*" if c == "*" else "[^/]*" if c == "%" else re.escape(c) for c in pattern)
        return re.compile(out + r"\Z", re.S)

    def attributes(self, name, subscribed=False, nonexistent=False):
        acct = self.account
        box = acct.boxes.get(name)
        attrs = []
        if nonexistent or box is None:
            attrs += ["\\NonExistent"]
        elif box.noselect:
            attrs.append("\\Noselect")
        if box is not None:
            attrs.append("\\HasChildren" if acct.children(name) else "\\HasNoChildren")
            if box.special_use:
                attrs.append(box.special_use)
        if subscribed:
            attrs.append("\\Subscribed")
        return attrs

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
                elif opt not in ("SUBSCRIBED", "CHILDREN", "SPECIAL-USE"):
                    raise Bad(f"unknown return option {opt}")
                ret.append(opt)
            p.expect(b")")
        p.end()
        acct = self.account
        if patterns == [""] and not sel:
            self.untagged(b'LIST (\\Noselect) "/" ""')
            return "LIST completed"
        regs = [self.pattern_re(ref + pat) for pat in patterns if pat != ""]
        show_sub = "SUBSCRIBED" in sel or "SUBSCRIBED" in ret
        names = set(acct.boxes)
        if "SUBSCRIBED" in sel:
            names = set(acct.subscribed)
        out = []
        for name in sorted(names | (set(acct.boxes) if "RECURSIVEMATCH" in sel else set())):
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
            if "SPECIAL-USE" in sel and not (box and box.special_use):
                continue
            attrs = self.attributes(name, subscribed=show_sub and name in acct.subscribed, nonexistent=not exists)
            line = b"LIST (" + " ".join(attrs).encode() + b') "/" ' + self.wire_name(name)
            if childinfo:
                line += b' ("CHILDINFO" ("SUBSCRIBED"))'
            out.append((line, name, box))
        for line, name, box in out:
            self.untagged(line)
            if status_items and box is not None and not box.noselect:
                self.untagged(self.status_line(box, status_items))
        return "LIST completed"

    def cmd_lsub(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        ref = self.decode_name(p.astring(), pattern=True)
        p.sp()
        pat = self.decode_name(p.list_mailbox(), pattern=True)
        p.end()
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
    def status_items(self, p):
        p.expect(b"(")
        items = [p.atom("a status item").upper()]
        while p.try_sp():
            items.append(p.atom("a status item").upper())
        p.expect(b")")
        for it in items:
            if it not in STATUS_ITEMS:
                raise Bad(f"unknown status item {it}")
        return items

    def status_line(self, box, items):
        vals = {"MESSAGES": len(box.messages), "UIDNEXT": box.uidnext, "UIDVALIDITY": box.uidvalidity,
                "UNSEEN": box.unseen(), "DELETED": sum(1 for m in box.messages if "\\Deleted" in m.flags),
                "SIZE": box.size(), "RECENT": sum(1 for m in box.messages if not m.recent_claimed),
                "HIGHESTMODSEQ": box.highestmodseq}
        body = " ".join(f"{it} {vals[it]}" for it in items)
        return b"STATUS " + self.wire_name(box.name) + b" (" + body.encode() + b")"

    def cmd_status(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        p.sp()
        items = self.status_items(p)
        p.end()
        box = self.account.get(name)
        if box is None or box.noselect:
            raise No("no such mailbox", "NONEXISTENT")
        if "HIGHESTMODSEQ" in items:
            self.enabled.add("CONDSTORE")
        self.untagged(self.status_line(box, items))
        return "STATUS completed"

    # ---- APPEND ----
    APPEND_LOST = defect("append-lost", "APPEND answers OK (with an APPENDUID) but does not store the message")

    def cmd_append(self, tag, args):
        p = Parser(args, utf8=self.utf8)
        name = self.name_arg(p)
        p.sp()
        flags = []
        if p.peek() == b"(":
            flags = p.flag_list()
            p.sp()
        date = None
        if p.peek() == b'"':
            date = parse_date_time(p.quoted().decode("ascii", "replace"))
            if date is None:
                raise Bad("invalid date-time")
            p.sp()
        if p.peek(6).upper() == b"UTF8 (":
            p.i += 6
            data, _ = p.literal(allow8=True)
            p.expect(b")")
        else:
            data, _ = p.literal(allow8=True)
        p.end()
        box = self.account.get(name)
        if box is None or box.noselect:
            raise No("no such mailbox", "TRYCREATE")
        if not self.utf8 and any(c >= 0x80 for c in data.split(b"\r\n\r\n", 1)[0]):
            raise No("8-bit header fields need ENABLE UTF8=ACCEPT (RFC 6855 §4)")
        if date is None:
            date = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        if self.APPEND_LOST:
            return f"[APPENDUID {box.uidvalidity} {box.uidnext}] APPEND completed"
        m = box.add(bytes(data), set(flags), date)
        return f"[APPENDUID {box.uidvalidity} {m.uid}] APPEND completed"
