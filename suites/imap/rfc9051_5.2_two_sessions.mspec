# RFC 9051 §5.2 (mailbox size and flag updates), §5.5 and §7.5.1 (when EXPUNGE may be sent): two
# sessions of the same user on the same scratch mailbox. The second session (`second`) changes ${box};
# the first (`main`) must learn of it at the moments the RFC allows and never at the others: an EXPUNGE
# never while a FETCH, STORE or SEARCH (by sequence number) is answered, and an EXISTS never shrinks the
# mailbox (only EXPUNGE can). Fixtures in fixtures_two_sessions.mspec.
#
# The "no EXPUNGE here" checks capture the first `* n EXPUNGE` among the command's responses (empty when
# there is none) and expect it to be empty; the command's own outcome is only a `need` (OK or NO: a
# server may refuse to fetch a message another session expunged, RFC 9051 §7.5.1 leaves that open).

# §5.2: a size change seen while processing a command must be reported; NOOP is the polling command
# (§6.1.2), so after another session appended, NOOP brings `* 4 EXISTS`.
case imap.rfc9051.5.2.noop-reports-append
  title "After another session appends, NOOP reports the new size with EXISTS"
  rfc 9051 5.2 MUST
  rfc 9051 6.1.2 MUST
  tags two-sessions exists noop
  requires login
  include imap.two.appended
  command "NOOP"
  expect tagged OK
  expect untagged EXISTS 4
  cleanup
    include imap.scratch.drop
  end
end

# §5.2: flag changes made by another agent SHOULD be sent without being asked for; at NOOP the first
# session learns that message 3 now has \Answered (an untagged FETCH of 3 with FLAGS).
case imap.rfc9051.5.2.noop-reports-flag-change
  title "After another session sets a flag, NOOP reports it with an untagged FETCH FLAGS"
  rfc 9051 5.2 SHOULD
  tags two-sessions flags noop
  requires login
  include imap.two.flagged
  command "NOOP"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \([^)]*\\Answered/i
  cleanup
    include imap.scratch.drop
  end
end

# §5.2 and §7.5.1: a removal is a size change, reported with EXPUNGE; NOOP permits it, so after another
# session expunged message 1, NOOP brings `* 1 EXPUNGE`.
case imap.rfc9051.5.2.noop-reports-expunge
  title "After another session expunges, NOOP reports it with EXPUNGE"
  rfc 9051 5.2 MUST
  rfc 9051 7.5.1 MUST
  tags two-sessions expunge noop
  requires login
  include imap.two.expunged
  command "NOOP"
  expect tagged OK
  expect untagged EXPUNGE 1
  cleanup
    include imap.scratch.drop
  end
end

# §7.5.1: no EXPUNGE while a FETCH is answered, even though another session has just expunged.
case imap.rfc9051.7.5.1.no-expunge-during-fetch
  title "No EXPUNGE is sent in the responses to a FETCH"
  rfc 9051 7.5.1 MUST
  rfc 9051 5.5 MUST
  tags two-sessions expunge fetch
  requires login
  include imap.two.expunged
  command "FETCH 1:3 (FLAGS)"
  need tagged OK|NO
  capture expunge /\A(?:[\s\S]*?^(\* \d+ EXPUNGE))?/i
  expect equals "${expunge}" ""
  cleanup
    include imap.scratch.drop
  end
end

# §7.5.1: no EXPUNGE while a STORE is answered.
case imap.rfc9051.7.5.1.no-expunge-during-store
  title "No EXPUNGE is sent in the responses to a STORE"
  rfc 9051 7.5.1 MUST
  rfc 9051 5.5 MUST
  tags two-sessions expunge store
  requires login
  include imap.two.expunged
  command "STORE 2 +FLAGS (\\Answered)"
  need tagged OK|NO
  capture expunge /\A(?:[\s\S]*?^(\* \d+ EXPUNGE))?/i
  expect equals "${expunge}" ""
  cleanup
    include imap.scratch.drop
  end
end

# §7.5.1: no EXPUNGE while a SEARCH is answered.
case imap.rfc9051.7.5.1.no-expunge-during-search
  title "No EXPUNGE is sent in the responses to a SEARCH"
  rfc 9051 7.5.1 MUST
  rfc 9051 5.5 MUST
  tags two-sessions expunge search
  requires login
  include imap.two.expunged
  command "SEARCH ALL"
  need tagged OK|NO
  capture expunge /\A(?:[\s\S]*?^(\* \d+ EXPUNGE))?/i
  expect equals "${expunge}" ""
  cleanup
    include imap.scratch.drop
  end
end

# §7.5.1: the rule holds for a run of such commands too: FETCH, STORE and SEARCH in a row (each waited
# for), then NOOP, which finally brings the EXPUNGE. Checked on the last of the three.
case imap.rfc9051.7.5.1.expunge-deferred-to-noop
  title "An expunge by another session waits through FETCH, STORE and SEARCH and comes at NOOP"
  rfc 9051 7.5.1 MUST
  tags two-sessions expunge
  requires login
  include imap.two.expunged
  command "FETCH 2 (FLAGS)"
  need tagged OK|NO
  command "STORE 3 +FLAGS.SILENT (\\Answered)"
  need tagged OK|NO
  command "SEARCH ALL"
  need tagged OK|NO
  capture expunge /\A(?:[\s\S]*?^(\* \d+ EXPUNGE))?/i
  expect equals "${expunge}" ""
  command "NOOP"
  expect tagged OK
  expect untagged EXPUNGE 1
  cleanup
    include imap.scratch.drop
  end
end

# §5.2: an EXISTS must never announce fewer messages than the client knows of; only EXPUNGE removes
# them. While a FETCH is answered (no EXPUNGE allowed) any EXISTS must still say 3 or more.
case imap.rfc9051.5.2.exists-never-shrinks-during-fetch
  title "EXISTS never reduces the message count without EXPUNGE (during FETCH)"
  rfc 9051 5.2 MUST
  tags two-sessions exists
  requires login
  include imap.two.expunged
  command "FETCH 1:* (FLAGS)"
  need tagged OK|NO
  capture count /\A(?:[\s\S]*?^\* (\d+) EXISTS)?/i
  if differs "${count}" ""
    expect greater "${count}" "2"
  end
  cleanup
    include imap.scratch.drop
  end
end

# §5.2: the same during SEARCH.
case imap.rfc9051.5.2.exists-never-shrinks-during-search
  title "EXISTS never reduces the message count without EXPUNGE (during SEARCH)"
  rfc 9051 5.2 MUST
  tags two-sessions exists
  requires login
  include imap.two.expunged
  command "SEARCH ALL"
  need tagged OK|NO
  capture count /\A(?:[\s\S]*?^\* (\d+) EXISTS)?/i
  if differs "${count}" ""
    expect greater "${count}" "2"
  end
  cleanup
    include imap.scratch.drop
  end
end

# §7.5.1: after `* 1 EXPUNGE` every later sequence number is one lower: message 1 is now the message
# that was 2, so FETCH 1 UID answers the UID message 2 had before.
case imap.rfc9051.7.5.1.expunge-renumbers
  title "After EXPUNGE of message 1, message 1 is the former message 2"
  rfc 9051 7.5.1 MUST
  tags two-sessions expunge
  requires login
  include imap.two.selected
  command "FETCH 2 (UID)"
  need tagged OK
  capture uid2 /^\* 2 FETCH \([^\r\n]*UID (\d+)/i
  use second
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  use main
  command "NOOP"
  need tagged OK
  need untagged EXPUNGE 1
  command "FETCH 1 (UID)"
  expect tagged OK
  expect untagged FETCH 1 /UID ${uid2}\b/i
  cleanup
    include imap.scratch.drop
  end
end

# §7.5.1 note: during a UID command an EXPUNGE is allowed (MAY): whether UID FETCH brings the other
# session's expunge is the server's choice, reported as information.
case imap.rfc9051.7.5.1.uid-fetch-may-report-expunge
  title "UID FETCH may carry an EXPUNGE from another session (server's choice)"
  rfc 9051 7.5.1 MAY
  tags two-sessions expunge uid
  requires login
  include imap.two.expunged
  command "UID FETCH 1:* (FLAGS)"
  need tagged OK
  expect untagged EXPUNGE 1
  cleanup
    include imap.scratch.drop
  end
end

# §5.2: the message the other session appended can be fetched once EXISTS announced it.
case imap.rfc9051.5.2.appended-message-fetchable
  title "After NOOP announced it, the message another session appended can be fetched"
  rfc 9051 5.2 MUST
  tags two-sessions exists fetch
  requires login
  include imap.two.appended
  command "NOOP"
  need tagged OK
  need untagged EXISTS 4
  command "FETCH 4 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 4 /two-session ${uniq}/
  cleanup
    include imap.scratch.drop
  end
end

# §5.2 in the other direction: the first session's STORE is seen by the second session at its NOOP.
case imap.rfc9051.5.2.flag-change-seen-by-other
  title "A flag set in one session is reported to the other session at NOOP"
  rfc 9051 5.2 SHOULD
  tags two-sessions flags
  requires login
  include imap.two.selected
  command "STORE 1 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  use second
  command "NOOP"
  expect tagged OK
  expect untagged FETCH 1 /FLAGS \([^)]*\\Answered/i
  cleanup
    include imap.scratch.drop
  end
end
