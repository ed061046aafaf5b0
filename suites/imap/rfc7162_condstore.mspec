# RFC 7162 §3.1 (CONDSTORE): mod-sequences on messages, HIGHESTMODSEQ on SELECT/EXAMINE and STATUS,
# the MODSEQ fetch item, the CHANGEDSINCE fetch modifier, the UNCHANGEDSINCE store modifier with the
# MODIFIED response code, and the MODSEQ search criterion. Every case requires CONDSTORE and works in a
# scratch mailbox; a server may answer NOMODSEQ for a mailbox without persistent mod-sequences
# (§3.1.2.2), which the cases that need mod-sequences treat as a precondition (skip).

# ${box} selected with the CONDSTORE parameter; ${hms} = the HIGHESTMODSEQ it announced (a NOMODSEQ
# mailbox skips the case).
fixture imap.condstore.selected
  include imap.scratch
  command "SELECT ${box} (CONDSTORE)"
  need tagged OK
  capture hms /\[HIGHESTMODSEQ (\d+)\]/i
end

# §3.1.2 and §3.1.8: SELECT with the CONDSTORE parameter answers an untagged OK carrying HIGHESTMODSEQ
# (mailbox with persistent mod-sequences) or NOMODSEQ (without).
case imap.rfc7162.3.1.2.select-condstore-highestmodseq
  title "SELECT (CONDSTORE) reports [HIGHESTMODSEQ n] or [NOMODSEQ]"
  rfc 7162 3.1.2 MUST
  rfc 7162 3.1.8 MUST
  tags condstore select
  requires ext CONDSTORE
  requires login
  include imap.scratch
  command "SELECT ${box} (CONDSTORE)"
  expect tagged OK
  expect untagged OK /\[(HIGHESTMODSEQ [1-9]\d*|NOMODSEQ)\]/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.8: the same for EXAMINE (CONDSTORE).
case imap.rfc7162.3.1.8.examine-condstore-highestmodseq
  title "EXAMINE (CONDSTORE) reports [HIGHESTMODSEQ n] or [NOMODSEQ]"
  rfc 7162 3.1.8 MUST
  rfc 7162 3.1.2 MUST
  tags condstore examine
  requires ext CONDSTORE
  requires login
  include imap.scratch
  command "EXAMINE ${box} (CONDSTORE)"
  expect tagged OK
  expect untagged OK /\[(HIGHESTMODSEQ [1-9]\d*|NOMODSEQ)\]/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.4.2: FETCH of the MODSEQ item returns MODSEQ (n) per message.
case imap.rfc7162.3.1.4.2.fetch-modseq
  title "FETCH (MODSEQ) returns MODSEQ (n) for each message"
  rfc 7162 3.1.4.2 MUST
  tags condstore fetch
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "FETCH 1:3 (MODSEQ)"
  expect tagged OK
  expect untagged FETCH 1 /MODSEQ \([1-9]\d*\)/i
  expect untagged FETCH 3 /MODSEQ \([1-9]\d*\)/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.1 and §3.1.2.1: a FETCH of MODSEQ is a CONDSTORE enabling command; a later SELECT (without the
# parameter) must then carry HIGHESTMODSEQ (or NOMODSEQ).
case imap.rfc7162.3.1.2.1.fetch-modseq-enables-condstore
  title "After FETCH (MODSEQ), a plain SELECT reports HIGHESTMODSEQ or NOMODSEQ"
  rfc 7162 3.1.2.1 MUST
  tags condstore select
  requires ext CONDSTORE
  requires login
  include imap.scratch.selected
  command "FETCH 1 (MODSEQ)"
  need tagged OK
  command "SELECT ${box}"
  expect tagged OK
  expect untagged OK /\[(HIGHESTMODSEQ [1-9]\d*|NOMODSEQ)\]/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.1: once CONDSTORE is enabled, every untagged FETCH carries MODSEQ, including the one a plain
# STORE sends back.
case imap.rfc7162.3.1.store-fetch-has-modseq
  title "After CONDSTORE is enabled, the FETCH a STORE returns includes MODSEQ"
  rfc 7162 3.1 MUST
  tags condstore store
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "STORE 3 +FLAGS (\\Answered)"
  expect tagged OK
  expect untagged FETCH 3 /MODSEQ \(\d+\)/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.1: a flag change updates the message's mod-sequence: after STORE, MODSEQ is higher than before.
case imap.rfc7162.3.1.store-raises-modseq
  title "Changing a flag raises the message's MODSEQ"
  rfc 7162 3.1 MUST
  tags condstore store
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "FETCH 3 (MODSEQ)"
  need tagged OK
  capture before /MODSEQ \((\d+)\)/i
  command "STORE 3 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  command "FETCH 3 (MODSEQ)"
  need tagged OK
  capture after /^\* 3 FETCH [^\r\n]*MODSEQ \((\d+)\)/i
  expect greater "${after}" "${before}"
  cleanup
    include imap.scratch.drop
  end
end

# §3.1 and §3.1.11: setting a flag that is already set SHOULD NOT change the mod-sequence (message 1
# already has \Seen).
case imap.rfc7162.3.1.same-flag-keeps-modseq
  title "Setting a flag already set leaves MODSEQ unchanged"
  rfc 7162 3.1 SHOULD
  rfc 7162 3.1.11 SHOULD
  tags condstore store
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "FETCH 1 (MODSEQ)"
  need tagged OK
  capture before /MODSEQ \((\d+)\)/i
  command "STORE 1 +FLAGS.SILENT (\\Seen)"
  need tagged OK
  command "FETCH 1 (MODSEQ)"
  need tagged OK
  capture after /^\* 1 FETCH [^\r\n]*MODSEQ \((\d+)\)/i
  expect equals "${after}" "${before}"
  cleanup
    include imap.scratch.drop
  end
end

# §3.1: the per-mailbox HIGHESTMODSEQ grows with a flag change (it is the highest of all messages'
# mod-sequences): EXAMINE after a STORE reports more than SELECT did before it.
case imap.rfc7162.3.1.highestmodseq-grows
  title "HIGHESTMODSEQ grows after a flag change"
  rfc 7162 3.1 MUST
  rfc 7162 3.1.2.1 MUST
  tags condstore
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "STORE 2 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  command "EXAMINE ${box} (CONDSTORE)"
  need tagged OK
  capture after /\[HIGHESTMODSEQ (\d+)\]/i
  expect greater "${after}" "${hms}"
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.3: UNCHANGEDSINCE 0 always fails for an existing item (a system flag always exists): the STORE
# is not performed and the tagged response carries MODIFIED (OK, or NO as the RFC's example shows).
case imap.rfc7162.3.1.3.unchangedsince-zero-modified
  title "STORE (UNCHANGEDSINCE 0) answers [MODIFIED ...]"
  rfc 7162 3.1.3 MUST
  tags condstore store
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "STORE 3 (UNCHANGEDSINCE 0) +FLAGS (\\Answered)"
  expect tagged OK|NO code MODIFIED
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.3: a STORE that fails the UNCHANGEDSINCE test must not be performed: message 3 has no \Answered.
case imap.rfc7162.3.1.3.unchangedsince-failed-not-applied
  title "A STORE that fails UNCHANGEDSINCE changes nothing"
  rfc 7162 3.1.3 MUST
  tags condstore store
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "STORE 3 (UNCHANGEDSINCE 0) +FLAGS.SILENT (\\Answered)"
  need tagged OK|NO
  command "FETCH 3 (FLAGS)"
  need tagged OK
  capture answered /\A(?:[\s\S]*?^(\* 3 FETCH [^\r\n]*\\Answered))?/i
  expect equals "${answered}" ""
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.3: with UNCHANGEDSINCE at the message's current mod-sequence the STORE is performed; an untagged
# FETCH with MODSEQ must be sent even for .SILENT.
case imap.rfc7162.3.1.3.unchangedsince-silent-still-fetch
  title "A conditional STORE .SILENT that succeeds still sends FETCH with MODSEQ"
  rfc 7162 3.1.3 MUST
  tags condstore store
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "FETCH 3 (MODSEQ)"
  need tagged OK
  capture m /MODSEQ \((\d+)\)/i
  command "STORE 3 (UNCHANGEDSINCE ${m}) +FLAGS.SILENT (\\Answered)"
  expect tagged OK
  expect untagged FETCH 3 /MODSEQ \(\d+\)/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.3: ... and the flag is then set.
case imap.rfc7162.3.1.3.unchangedsince-passed-applied
  title "A conditional STORE that passes UNCHANGEDSINCE sets the flag"
  rfc 7162 3.1.3 MUST
  tags condstore store
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "FETCH 3 (MODSEQ)"
  need tagged OK
  capture m /MODSEQ \((\d+)\)/i
  command "STORE 3 (UNCHANGEDSINCE ${m}) +FLAGS.SILENT (\\Answered)"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /\\Answered/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.4.1: FETCH with CHANGEDSINCE returns only messages whose mod-sequence is above the value: after
# a change to message 2 alone, CHANGEDSINCE the old HIGHESTMODSEQ returns message 2 ...
case imap.rfc7162.3.1.4.1.changedsince-returns-changed
  title "FETCH (CHANGEDSINCE n) returns the message changed since n"
  rfc 7162 3.1.4.1 MUST
  tags condstore fetch
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "STORE 2 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  command "FETCH 1:* (FLAGS) (CHANGEDSINCE ${hms})"
  expect tagged OK
  expect untagged FETCH 2 /MODSEQ \(\d+\)/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.4.1: ... and not messages 1 and 3, unchanged since.
case imap.rfc7162.3.1.4.1.changedsince-omits-unchanged
  title "FETCH (CHANGEDSINCE n) omits messages not changed since n"
  rfc 7162 3.1.4.1 MUST
  tags condstore fetch
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "STORE 2 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  command "FETCH 1:* (FLAGS) (CHANGEDSINCE ${hms})"
  need tagged OK
  capture other /\A(?:[\s\S]*?^(\* [13] FETCH))?/i
  expect equals "${other}" ""
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.5 and §3.1.6: SEARCH MODSEQ n finds the message changed since, and a non-empty result must end
# with (MODSEQ highest-of-those).
case imap.rfc7162.3.1.6.search-modseq-appends-modseq
  title "SEARCH MODSEQ n finds the changed message and appends (MODSEQ m)"
  rfc 7162 3.1.6 MUST
  rfc 7162 3.1.5 MUST
  tags condstore search
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  command "STORE 2 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  compute next "${hms}" plus "1"
  command "SEARCH MODSEQ ${next}"
  expect tagged OK
  expect untagged SEARCH /^\* SEARCH 2 \(MODSEQ \d+\)/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.7: STATUS with HIGHESTMODSEQ returns the mailbox's highest mod-sequence (0 only for a mailbox
# without persistent mod-sequences).
case imap.rfc7162.3.1.7.status-highestmodseq
  title "STATUS (HIGHESTMODSEQ) returns the mailbox's HIGHESTMODSEQ"
  rfc 7162 3.1.7 MUST
  tags condstore status
  requires ext CONDSTORE
  requires login
  include imap.scratch
  command "STATUS ${box} (HIGHESTMODSEQ)"
  expect tagged OK
  expect untagged STATUS /HIGHESTMODSEQ \d+/i
  cleanup
    include imap.scratch.drop
  end
end

# §3.1.7 and §3.1.2.1: STATUS and SELECT agree on HIGHESTMODSEQ for an unchanged mailbox.
case imap.rfc7162.3.1.7.status-matches-select
  title "STATUS HIGHESTMODSEQ equals the HIGHESTMODSEQ of SELECT"
  rfc 7162 3.1.7 MUST
  tags condstore status
  requires ext CONDSTORE
  requires login
  include imap.scratch
  command "STATUS ${box} (HIGHESTMODSEQ)"
  need tagged OK
  capture status /HIGHESTMODSEQ (\d+)/i
  command "SELECT ${box} (CONDSTORE)"
  need tagged OK
  capture select /\[HIGHESTMODSEQ (\d+)\]/i
  expect equals "${select}" "${status}"
  cleanup
    include imap.scratch.drop
  end
end

# RFC 5161 §3.1 with RFC 7162 §3.1: ENABLE CONDSTORE enables it and is confirmed by ENABLED CONDSTORE.
case imap.rfc7162.3.1.enable-condstore
  title "ENABLE CONDSTORE answers ENABLED CONDSTORE"
  rfc 5161 3.1 MUST
  rfc 7162 3.1 MUST
  tags condstore enable
  requires ext CONDSTORE
  requires ext ENABLE
  requires login
  include imap.authenticated
  command "ENABLE CONDSTORE"
  expect tagged OK
  expect untagged ENABLED /CONDSTORE/i
end

# §3.1.8: after SELECT (CONDSTORE), unsolicited FETCH responses (here: a flag change by a second
# session, reported at NOOP) must include MODSEQ.
case imap.rfc7162.3.1.8.unsolicited-fetch-has-modseq
  title "After SELECT (CONDSTORE), a flag change by another session is reported with MODSEQ"
  rfc 7162 3.1.8 MUST
  rfc 7162 3.1 MUST
  tags condstore two-sessions
  requires ext CONDSTORE
  requires login
  include imap.condstore.selected
  include imap.second
  command "SELECT ${box}"
  need tagged OK
  command "STORE 3 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  use main
  command "NOOP"
  need tagged OK
  need untagged FETCH 3 hint "the server did not report the other session's flag change at NOOP (see imap.rfc9051.5.2.noop-reports-flag-change)"
  expect untagged FETCH 3 /MODSEQ \(\d+\)/i
  cleanup
    include imap.scratch.drop
  end
end
