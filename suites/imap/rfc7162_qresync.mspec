# RFC 7162 §3.2 (QRESYNC): ENABLE QRESYNC, VANISHED instead of EXPUNGE, HIGHESTMODSEQ after EXPUNGE,
# the QRESYNC parameter to SELECT/EXAMINE, the VANISHED UID FETCH modifier and the CLOSED response code.
# Every case requires QRESYNC and works in a scratch mailbox; a NOMODSEQ mailbox skips the cases that
# need mod-sequences (capture of HIGHESTMODSEQ).

# ENABLE QRESYNC accepted, then ${box} selected; ${uidvalidity} and ${hms} as SELECT announced them.
fixture imap.qresync.selected
  include imap.scratch
  command "ENABLE QRESYNC"
  need tagged OK
  need untagged ENABLED /QRESYNC/i hint "ENABLE QRESYNC was not confirmed with ENABLED QRESYNC"
  command "SELECT ${box}"
  need tagged OK
  capture uidvalidity /\[UIDVALIDITY (\d+)\]/i
  capture hms /\[HIGHESTMODSEQ (\d+)\]/i
end

# §3.2.3: a QRESYNC server must support ENABLE QRESYNC, confirmed by ENABLED QRESYNC.
case imap.rfc7162.3.2.3.enable-qresync
  title "ENABLE QRESYNC answers ENABLED QRESYNC"
  rfc 7162 3.2.3 MUST
  rfc 5161 3.1 MUST
  tags qresync enable
  requires ext QRESYNC
  requires login
  include imap.authenticated
  command "ENABLE QRESYNC"
  expect tagged OK
  expect untagged ENABLED /QRESYNC/i
end

# §3.2.3: "ENABLE QRESYNC CONDSTORE" must be supported as well (same result).
case imap.rfc7162.3.2.3.enable-qresync-condstore
  title "ENABLE QRESYNC CONDSTORE answers ENABLED with QRESYNC"
  rfc 7162 3.2.3 MUST
  tags qresync enable
  requires ext QRESYNC
  requires login
  include imap.authenticated
  command "ENABLE QRESYNC CONDSTORE"
  expect tagged OK
  expect untagged ENABLED /QRESYNC/i
end

# §3.2.3: a QRESYNC server must implement and advertise ENABLE.
case imap.rfc7162.3.2.3.qresync-advertises-enable
  title "A server advertising QRESYNC also advertises ENABLE"
  rfc 7162 3.2.3 MUST
  tags qresync capability
  requires ext QRESYNC
  requires login
  include imap.authenticated
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /\bENABLE\b/i
end

# §3.2.2: a QRESYNC server SHOULD advertise CONDSTORE too.
case imap.rfc7162.3.2.2.qresync-advertises-condstore
  title "A server advertising QRESYNC also advertises CONDSTORE"
  rfc 7162 3.2.2 SHOULD
  tags qresync capability
  requires ext QRESYNC
  requires login
  include imap.authenticated
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /\bCONDSTORE\b/i
end

# §3.2.3 and §3.1.2.1: ENABLE QRESYNC is a CONDSTORE enabling command: a plain SELECT afterwards
# reports HIGHESTMODSEQ (or NOMODSEQ).
case imap.rfc7162.3.2.3.qresync-enables-condstore
  title "After ENABLE QRESYNC, a plain SELECT reports HIGHESTMODSEQ or NOMODSEQ"
  rfc 7162 3.2.3 MUST
  rfc 7162 3.1.2.1 MUST
  tags qresync select
  requires ext QRESYNC
  requires login
  include imap.scratch
  command "ENABLE QRESYNC"
  need tagged OK
  command "SELECT ${box}"
  expect tagged OK
  expect untagged OK /\[(HIGHESTMODSEQ [1-9]\d*|NOMODSEQ)\]/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.5: the QRESYNC SELECT parameter without a prior ENABLE QRESYNC is answered BAD.
case imap.rfc7162.3.2.5.select-qresync-without-enable-bad
  title "SELECT (QRESYNC ...) without ENABLE QRESYNC is answered BAD"
  rfc 7162 3.2.5 MUST
  tags qresync select errors
  requires ext QRESYNC
  requires login
  include imap.scratch
  command "SELECT ${box} (QRESYNC (1 1))"
  expect tagged BAD
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.6: the VANISHED UID FETCH modifier without a prior ENABLE QRESYNC is answered BAD.
case imap.rfc7162.3.2.6.vanished-without-enable-bad
  title "UID FETCH (CHANGEDSINCE n VANISHED) without ENABLE QRESYNC is answered BAD"
  rfc 7162 3.2.6 MUST
  tags qresync fetch errors
  requires ext QRESYNC
  requires login
  include imap.scratch.selected
  command "UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)"
  expect tagged BAD
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.6: VANISHED without CHANGEDSINCE is answered BAD.
case imap.rfc7162.3.2.6.vanished-without-changedsince-bad
  title "UID FETCH (VANISHED) without CHANGEDSINCE is answered BAD"
  rfc 7162 3.2.6 MUST
  tags qresync fetch errors
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "UID FETCH 1:* (FLAGS) (VANISHED)"
  expect tagged BAD
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.6: VANISHED is a UID FETCH modifier only; with a plain FETCH it is answered BAD.
case imap.rfc7162.3.2.6.vanished-on-plain-fetch-bad
  title "FETCH (not UID FETCH) with the VANISHED modifier is answered BAD"
  rfc 7162 3.2.6 MUST
  tags qresync fetch errors
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)"
  expect tagged BAD
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.10: after ENABLE QRESYNC, EXPUNGE reports removals with VANISHED ...
case imap.rfc7162.3.2.10.expunge-sends-vanished
  title "After ENABLE QRESYNC, EXPUNGE reports the removal with VANISHED"
  rfc 7162 3.2.10 MUST
  tags qresync expunge
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  expect tagged OK
  expect untagged VANISHED
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.10: ... and not with EXPUNGE responses.
case imap.rfc7162.3.2.10.expunge-sends-no-expunge
  title "After ENABLE QRESYNC, EXPUNGE sends no `* n EXPUNGE` responses"
  rfc 7162 3.2.10 MUST
  tags qresync expunge
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  capture expunge /\A(?:[\s\S]*?^(\* \d+ EXPUNGE))?/i
  expect equals "${expunge}" ""
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.10.2: the VANISHED sent for an EXPUNGE has no (EARLIER) tag and names the removed UID.
case imap.rfc7162.3.2.10.2.vanished-names-uid-no-earlier
  title "The VANISHED for an EXPUNGE lacks (EARLIER) and names the expunged UID"
  rfc 7162 3.2.10.2 MUST
  tags qresync expunge
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "FETCH 1 (UID)"
  need tagged OK
  capture uid1 /^\* 1 FETCH \([^\r\n]*UID (\d+)/i
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  expect tagged OK
  expect untagged VANISHED /^\* VANISHED ${uid1}[ \t]*\r?$/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.7: with QRESYNC enabled, an EXPUNGE that removed something carries the new HIGHESTMODSEQ in its
# tagged OK.
case imap.rfc7162.3.2.7.expunge-tagged-highestmodseq
  title "After ENABLE QRESYNC, EXPUNGE's tagged OK carries [HIGHESTMODSEQ n]"
  rfc 7162 3.2.7 MUST
  tags qresync expunge
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  expect tagged OK code HIGHESTMODSEQ
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.7 and §3.2: the per-mailbox mod-sequence is incremented by the expunge: the new HIGHESTMODSEQ is
# above the one before.
case imap.rfc7162.3.2.7.expunge-raises-highestmodseq
  title "EXPUNGE raises the mailbox's HIGHESTMODSEQ"
  rfc 7162 3.2.7 MUST
  rfc 7162 3.2 MUST
  tags qresync expunge
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "FETCH 1 (MODSEQ)"
  need tagged OK
  capture before /MODSEQ \((\d+)\)/i
  command "EXPUNGE"
  need tagged OK code HIGHESTMODSEQ hint "EXPUNGE sent no HIGHESTMODSEQ (see imap.rfc7162.3.2.7.expunge-tagged-highestmodseq)"
  capture after /\[HIGHESTMODSEQ (\d+)\]/i
  expect greater "${after}" "${before}"
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.9: the same for UID EXPUNGE (UIDPLUS): tagged OK with HIGHESTMODSEQ.
case imap.rfc7162.3.2.9.uid-expunge-tagged-highestmodseq
  title "After ENABLE QRESYNC, UID EXPUNGE's tagged OK carries [HIGHESTMODSEQ n]"
  rfc 7162 3.2.9 MUST
  tags qresync expunge uidplus
  requires ext QRESYNC
  requires ext UIDPLUS
  requires login
  include imap.qresync.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "UID EXPUNGE 1:*"
  expect tagged OK code HIGHESTMODSEQ
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.5.1: SELECT with QRESYNC (uidvalidity modseq) reports the messages expunged since with
# VANISHED (EARLIER) uid.
case imap.rfc7162.3.2.5.1.select-qresync-vanished-earlier
  title "SELECT (QRESYNC (uidvalidity modseq)) reports earlier expunges with VANISHED (EARLIER)"
  rfc 7162 3.2.5.1 MUST
  tags qresync select
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "FETCH 1 (UID)"
  need tagged OK
  capture uid1 /^\* 1 FETCH \([^\r\n]*UID (\d+)/i
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "EXAMINE INBOX"
  need tagged OK
  command "SELECT ${box} (QRESYNC (${uidvalidity} ${hms}))"
  expect tagged OK
  expect untagged VANISHED /^\* VANISHED \(EARLIER\) [^\r\n]*\b${uid1}\b/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.5.1: ... and reports flag changes since with FETCH responses that contain the UID.
case imap.rfc7162.3.2.5.1.select-qresync-changed-flags
  title "SELECT (QRESYNC ...) reports changed flags with FETCH responses carrying UID"
  rfc 7162 3.2.5.1 MUST
  tags qresync select
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "STORE 3 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  command "EXAMINE INBOX"
  need tagged OK
  command "SELECT ${box} (QRESYNC (${uidvalidity} ${hms}))"
  expect tagged OK
  expect untagged FETCH 3 /UID \d+/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.5: with a UIDVALIDITY that does not match, the server ignores the rest and behaves as if nothing
# changed: no VANISHED comes even though a message was expunged.
case imap.rfc7162.3.2.5.select-qresync-wrong-uidvalidity
  title "SELECT (QRESYNC ...) with a wrong UIDVALIDITY reports no VANISHED"
  rfc 7162 3.2.5 MUST
  tags qresync select
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "EXAMINE INBOX"
  need tagged OK
  compute wrong "${uidvalidity}" plus "1"
  command "SELECT ${box} (QRESYNC (${wrong} ${hms}))"
  need tagged OK
  capture vanished /\A(?:[\s\S]*?^(\* VANISHED))?/i
  expect equals "${vanished}" ""
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.6: UID FETCH ... (CHANGEDSINCE n VANISHED) reports messages expunged since n with
# VANISHED (EARLIER).
case imap.rfc7162.3.2.6.uid-fetch-vanished-earlier
  title "UID FETCH (CHANGEDSINCE n VANISHED) reports expunged UIDs with VANISHED (EARLIER)"
  rfc 7162 3.2.6 MUST
  tags qresync fetch
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "FETCH 1 (UID)"
  need tagged OK
  capture uid1 /^\* 1 FETCH \([^\r\n]*UID (\d+)/i
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "UID FETCH 1:* (FLAGS) (CHANGEDSINCE ${hms} VANISHED)"
  expect tagged OK
  expect untagged VANISHED /^\* VANISHED \(EARLIER\) [^\r\n]*\b${uid1}\b/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.6: VANISHED (EARLIER) must come before any FETCH response of the same command. The capture finds
# a VANISHED that follows a FETCH (empty when the order is right).
case imap.rfc7162.3.2.6.vanished-before-fetch
  title "VANISHED (EARLIER) comes before the FETCH responses of the UID FETCH"
  rfc 7162 3.2.6 MUST
  tags qresync fetch
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "STORE 2 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  command "UID FETCH 1:* (FLAGS) (CHANGEDSINCE ${hms} VANISHED)"
  need tagged OK
  need untagged VANISHED hint "no VANISHED (EARLIER) came (see imap.rfc7162.3.2.6.uid-fetch-vanished-earlier)"
  capture late /\A(?:[\s\S]*?^\* \d+ FETCH [\s\S]*?^(\* VANISHED))?/i
  expect equals "${late}" ""
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.11: with QRESYNC enabled, selecting another mailbox while one is selected first sends an untagged
# OK [CLOSED] for the mailbox implicitly closed.
case imap.rfc7162.3.2.11.closed-on-reselect
  title "Selecting another mailbox sends OK [CLOSED] (QRESYNC enabled)"
  rfc 7162 3.2.11 MUST
  tags qresync select
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  command "EXAMINE INBOX"
  expect tagged OK
  expect untagged OK /\[CLOSED\]/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.4 and §3.2.10: with QRESYNC enabled, a flag change by another session is reported with a FETCH
# carrying both UID and MODSEQ.
case imap.rfc7162.3.2.4.unsolicited-fetch-uid-modseq
  title "With QRESYNC enabled, another session's flag change comes with UID and MODSEQ"
  rfc 7162 3.2.4 MUST
  tags qresync two-sessions
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  include imap.second
  command "SELECT ${box}"
  need tagged OK
  command "STORE 3 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  use main
  command "NOOP"
  need tagged OK
  need untagged FETCH 3 hint "the server did not report the other session's flag change at NOOP (see imap.rfc9051.5.2.noop-reports-flag-change)"
  expect untagged FETCH 3 /^(?=[^\r\n]*\bUID \d+)(?=[^\r\n]*MODSEQ \(\d+\))/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.2.10.2: with QRESYNC enabled, another session's expunge is reported at NOOP with VANISHED (no
# EARLIER), not EXPUNGE.
case imap.rfc7162.3.2.10.2.other-session-expunge-vanished
  title "With QRESYNC enabled, another session's expunge comes as VANISHED at NOOP"
  rfc 7162 3.2.10.2 MUST
  tags qresync two-sessions expunge
  requires ext QRESYNC
  requires login
  include imap.qresync.selected
  include imap.second
  command "SELECT ${box}"
  need tagged OK
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  use main
  command "NOOP"
  expect tagged OK
  expect untagged VANISHED /^\* VANISHED \d/i
  cleanup
    include imap.scratch.drop
  end
end
