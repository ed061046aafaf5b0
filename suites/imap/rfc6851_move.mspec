# RFC 6851 (MOVE): MOVE and UID MOVE move messages from the selected mailbox to another one, as one
# action with the effect of COPY + STORE \Deleted + UID EXPUNGE but without the intermediate states.
# Every case requires MOVE and works in ${box} (three messages) and ${box}-dest, deleted in cleanup.

fixture imap.move.ready
  include imap.scratch.selected
  command "CREATE ${box}-dest"
  need tagged OK
end

fixture imap.move.drop
  connect tidy2
  need greeting
  login
  command "DELETE ${box}-dest"
  need tagged OK|NO
  include imap.scratch.drop
end

# §3.1/§3.3: MOVE of an existing message to an existing mailbox completes with OK.
case imap.rfc6851.3.1.move-ok
  title "MOVE to an existing mailbox completes with OK"
  rfc 6851 3.1 MUST
  tags move
  requires ext MOVE
  requires login
  include imap.move.ready
  command "MOVE 1 ${box}-dest"
  expect tagged OK
  cleanup
    include imap.move.drop
  end
end

# §3.3: the original is removed from the source mailbox, which the client learns by EXPUNGE (the move
# "returns the EXPUNGE responses" of its UID EXPUNGE step; RFC 9051 §5.2 requires the size update).
case imap.rfc6851.3.3.move-reports-expunge
  title "MOVE reports the moved message's removal from the source with EXPUNGE"
  rfc 6851 3.3 MUST
  rfc 9051 5.2 MUST
  tags move expunge
  requires ext MOVE
  requires login
  include imap.move.ready
  command "MOVE 2 ${box}-dest"
  expect tagged OK
  expect untagged EXPUNGE 2
  cleanup
    include imap.move.drop
  end
end

# §3.3: after MOVE the source holds the other two messages only.
case imap.rfc6851.3.3.move-removes-from-source
  title "After MOVE the message is gone from the source mailbox"
  rfc 6851 3.3 MUST
  tags move
  requires ext MOVE
  requires login
  include imap.move.ready
  command "MOVE 1 ${box}-dest"
  need tagged OK
  command "SEARCH ALL"
  expect tagged OK
  expect untagged SEARCH /^\* SEARCH 1 2[ \t]*\r?$/i
  cleanup
    include imap.move.drop
  end
end

# §3.3: a new message is created in the target mailbox (found there by its subject).
case imap.rfc6851.3.3.move-creates-in-target
  title "After MOVE the message is in the target mailbox"
  rfc 6851 3.3 MUST
  tags move
  requires ext MOVE
  requires login
  include imap.move.ready
  command "MOVE 2 ${box}-dest"
  need tagged OK
  command "EXAMINE ${box}-dest"
  need tagged OK
  command "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 1 /mailspec plain two/i
  cleanup
    include imap.move.drop
  end
end

# §3.3: the \Deleted flag must not be set on any message by a MOVE: the moved copy has no \Deleted.
case imap.rfc6851.3.3.move-sets-no-deleted-flag
  title "The moved message does not carry \\Deleted in the target"
  rfc 6851 3.3 MUST
  tags move flags
  requires ext MOVE
  requires login
  include imap.move.ready
  command "MOVE 2 ${box}-dest"
  need tagged OK
  command "EXAMINE ${box}-dest"
  need tagged OK
  command "FETCH 1 (FLAGS)"
  need tagged OK
  capture deleted /\A(?:[\s\S]*?(\\Deleted))?/i
  expect equals "${deleted}" ""
  cleanup
    include imap.move.drop
  end
end

# §3.3: no response of a STORE step is generated: MOVE sends no untagged FETCH showing \Deleted.
case imap.rfc6851.3.3.move-no-store-responses
  title "MOVE sends no FETCH response announcing \\Deleted"
  rfc 6851 3.3 MUST
  tags move flags
  requires ext MOVE
  requires login
  include imap.move.ready
  command "MOVE 1:2 ${box}-dest"
  need tagged OK
  capture deleted /\A(?:[\s\S]*?^(\* \d+ FETCH [^\r\n]*\\Deleted))?/i
  expect equals "${deleted}" ""
  cleanup
    include imap.move.drop
  end
end

# §3.3 has MOVE act like COPY for each message, and RFC 9051 §6.4.7 says COPY SHOULD keep the flags:
# message 2 (\Flagged) keeps \Flagged in the target.
case imap.rfc6851.3.3.move-keeps-flags
  title "The moved message keeps its flags (\\Flagged)"
  rfc 9051 6.4.7 SHOULD
  rfc 6851 3.3 SHOULD
  tags move flags
  requires ext MOVE
  requires login
  include imap.move.ready
  command "MOVE 2 ${box}-dest"
  need tagged OK
  command "EXAMINE ${box}-dest"
  need tagged OK
  command "FETCH 1 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 1 /\\Flagged/i
  cleanup
    include imap.move.drop
  end
end

# §3.2: UID MOVE by UID completes with OK and reports the removal.
case imap.rfc6851.3.2.uid-move
  title "UID MOVE completes with OK and the message leaves the source"
  rfc 6851 3.2 MUST
  tags move uid
  requires ext MOVE
  requires login
  include imap.move.ready
  command "FETCH 3 (UID)"
  need tagged OK
  capture uid3 /^\* 3 FETCH \([^\r\n]*UID (\d+)/i
  command "UID MOVE ${uid3} ${box}-dest"
  expect tagged OK
  command "SEARCH ALL"
  expect tagged OK
  expect untagged SEARCH /^\* SEARCH 1 2[ \t]*\r?$/i
  cleanup
    include imap.move.drop
  end
end

# §4.3: a server with UIDPLUS SHOULD send COPYUID for UID MOVE (untagged OK before the expunges, or in
# the tagged OK): either place counts.
case imap.rfc6851.4.3.uid-move-copyuid
  title "UID MOVE sends COPYUID (UIDPLUS)"
  rfc 6851 4.3 SHOULD
  tags move uidplus
  requires ext MOVE
  requires ext UIDPLUS
  requires login
  include imap.move.ready
  command "UID MOVE 1:* ${box}-dest"
  need tagged OK
  capture copyuid /\A(?:[\s\S]*?(\[COPYUID \d+ ))?/i
  expect differs "${copyuid}" ""
  cleanup
    include imap.move.drop
  end
end

# RFC 9051 §6.4.7 (COPY, which MOVE follows, §3.3): a move to a mailbox that does not exist fails with
# a tagged NO...
case imap.rfc6851.3.3.move-missing-target-no
  title "MOVE to a mailbox that does not exist is answered NO"
  rfc 9051 6.4.7 MUST
  rfc 6851 3.3 MUST
  tags move errors
  requires ext MOVE
  requires login
  include imap.scratch.selected
  command "MOVE 1 ${box}-nonexistent"
  expect tagged NO
  cleanup
    include imap.scratch.drop
  end
end

# ... which SHOULD carry [TRYCREATE] (§3.3: response codes such as TRYCREATE are sent as for COPY).
case imap.rfc6851.3.3.move-missing-target-trycreate
  title "MOVE to a mailbox that does not exist is answered NO [TRYCREATE]"
  rfc 9051 6.4.7 SHOULD
  rfc 6851 3.3 SHOULD
  tags move errors
  requires ext MOVE
  requires login
  include imap.scratch.selected
  command "MOVE 1 ${box}-nonexistent"
  expect tagged NO code TRYCREATE
  cleanup
    include imap.scratch.drop
  end
end

# §3.3: a failed MOVE loses no message: after the refused move all three are still in the source.
case imap.rfc6851.3.3.failed-move-keeps-messages
  title "After a refused MOVE the messages are still in the source"
  rfc 6851 3.3 MUST
  tags move errors
  requires ext MOVE
  requires login
  include imap.scratch.selected
  command "MOVE 1:3 ${box}-nonexistent"
  need tagged NO|BAD
  command "SEARCH ALL"
  expect tagged OK
  expect untagged SEARCH /^\* SEARCH 1 2 3[ \t]*\r?$/i
  cleanup
    include imap.scratch.drop
  end
end

# RFC 9051 §3: MOVE is a selected-state command; with no mailbox selected it is refused.
case imap.rfc6851.3.1.move-needs-selected
  title "MOVE without a selected mailbox is refused with NO or BAD"
  rfc 6851 3.1 MUST
  rfc 9051 3 MUST
  tags move states
  requires ext MOVE
  requires login
  include imap.scratch
  command "MOVE 1 ${box}"
  expect tagged NO|BAD
  cleanup
    include imap.scratch.drop
  end
end

# §3.3: moving to the selected mailbox itself is allowed where copying there is (a lower-case "is
# allowed": the server's choice, reported as information).
case imap.rfc6851.3.3.move-to-same-mailbox
  title "MOVE to the selected mailbox itself is accepted"
  rfc 6851 3.3 MAY
  tags move
  requires ext MOVE
  requires login
  include imap.scratch.selected
  command "MOVE 1 ${box}"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end

# §4.4 with RFC 7162 §3.2.10: once QRESYNC is enabled, the removal from the source is reported with
# VANISHED instead of EXPUNGE, and the new HIGHESTMODSEQ is sent in an OK response.
case imap.rfc6851.4.4.move-qresync-vanished
  title "With QRESYNC enabled, MOVE reports the removal with VANISHED"
  rfc 7162 3.2.10 MUST
  rfc 6851 4.4 SHOULD
  tags move qresync
  requires ext MOVE
  requires ext QRESYNC
  requires login
  include imap.scratch
  command "ENABLE QRESYNC"
  need tagged OK
  command "CREATE ${box}-dest"
  need tagged OK
  command "SELECT ${box}"
  need tagged OK
  command "UID MOVE 1:* ${box}-dest"
  expect tagged OK
  expect untagged VANISHED
  cleanup
    include imap.move.drop
  end
end

# §4.4: with QRESYNC enabled, a MOVE that moved something MUST send the updated per-mailbox mod-sequence
# in a HIGHESTMODSEQ response code (tagged or untagged OK), greater than the one SELECT announced.
case imap.rfc6851.4.4.move-qresync-highestmodseq
  title "With QRESYNC enabled, MOVE sends a higher HIGHESTMODSEQ"
  rfc 6851 4.4 MUST
  tags move qresync condstore
  requires ext MOVE
  requires ext QRESYNC
  requires login
  include imap.scratch
  command "ENABLE QRESYNC"
  need tagged OK
  command "CREATE ${box}-dest"
  need tagged OK
  command "SELECT ${box}"
  need tagged OK
  capture before /\[HIGHESTMODSEQ (\d+)\]/i
  command "MOVE 1 ${box}-dest"
  need tagged OK
  capture after /\A(?:[\s\S]*?\[HIGHESTMODSEQ (\d+)\])?/i
  expect differs "${after}" ""
  expect greater "${after}" "${before}"
  cleanup
    include imap.move.drop
  end
end
