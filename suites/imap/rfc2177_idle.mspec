# RFC 2177 and RFC 9051 §6.3.13: IDLE. The server answers IDLE with a continuation request, may then
# send mailbox updates at any time, and on DONE must send the tagged response at once. Every case
# requires the IDLE capability. Updates made by a second session (fixtures_two_sessions.mspec) are
# the changes the idling session should hear of.

# §3 / §6.3.13: IDLE is answered with a continuation request ("+"), then DONE completes it with OK.
case imap.rfc2177.3.idle-continuation
  title "IDLE is answered with a continuation request"
  rfc 2177 3 MUST
  rfc 9051 6.3.13 MUST
  tags idle
  requires ext IDLE
  requires login
  include imap.authenticated
  command "EXAMINE INBOX"
  need tagged OK
  idle I1
  expect continuation
  done
  need tagged I1 OK
end

# §3: after DONE the server must send the tagged response to IDLE immediately (OK: IDLE completed).
case imap.rfc2177.3.done-completes-ok
  title "DONE ends IDLE with a tagged OK"
  rfc 2177 3 MUST
  rfc 9051 6.3.13 MUST
  tags idle
  requires ext IDLE
  requires login
  include imap.authenticated
  command "EXAMINE INBOX"
  need tagged OK
  idle I1
  need continuation
  done
  expect tagged I1 OK within 10s
end

# §6.3.13 lists IDLE among the authenticated-state commands: with no mailbox selected it is still
# valid. The RFC's result list also allows NO ("will not allow IDLE at this time"), so NO passes too.
case imap.rfc9051.6.3.13.idle-authenticated-state
  title "IDLE without a selected mailbox is accepted (continuation) or refused with NO"
  rfc 9051 6.3.13 MUST
  tags idle states
  requires ext IDLE
  requires login
  include imap.authenticated
  idle I1
  need continuation
  done
  expect tagged I1 OK|NO within 10s
end

# §6.3.13 is in the authenticated-state section: before login IDLE is refused (NO or BAD).
case imap.rfc9051.6.3.13.idle-before-login-refused
  title "IDLE before login is refused with NO or BAD"
  rfc 9051 6.3.13 MUST
  rfc 9051 3 MUST
  tags idle states
  requires ext IDLE
  include imap.greeted
  command "IDLE"
  expect tagged NO|BAD within 10s or-closed
end

# §3: while IDLE is active the server is free to send EXISTS at any time: a message appended by another
# session is normally announced in real time. The sentence grants permission (MAY), so a server that
# waits until DONE is reported as information; the size change must come at the latest at DONE or NOOP
# (imap.rfc2177.3.update-by-done-or-noop).
case imap.rfc2177.3.exists-during-idle
  title "A message appended by another session is announced with EXISTS during IDLE"
  rfc 2177 3 MAY
  rfc 9051 6.3.13 MAY
  tags idle two-sessions exists
  requires ext IDLE
  requires login
  include imap.two.selected
  idle I1
  need continuation
  use second
  command "APPEND ${box} () \"04-Jan-2024 09:00:00 +0000\"" literal "From: mailspec@example.org\r\nSubject: idle ${uniq}\r\n\r\nwhile idling\r\n"
  need tagged OK
  use main
  expect unsolicited EXISTS 4 within 5s
  done
  need tagged I1 OK within 10s
  cleanup
    include imap.scratch.drop
  end
end

# §3: the same for an EXPUNGE by another session: during IDLE the server may announce it.
case imap.rfc2177.3.expunge-during-idle
  title "A message expunged by another session is announced with EXPUNGE during IDLE"
  rfc 2177 3 MAY
  rfc 9051 6.3.13 MAY
  tags idle two-sessions expunge
  requires ext IDLE
  requires login
  include imap.two.selected
  idle I1
  need continuation
  use second
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  use main
  expect unsolicited EXPUNGE 1 within 5s
  done
  need tagged I1 OK within 10s
  cleanup
    include imap.scratch.drop
  end
end

# §3: the same for a flag change by another session (an untagged FETCH with FLAGS).
case imap.rfc2177.3.flags-during-idle
  title "A flag set by another session is announced with FETCH during IDLE"
  rfc 2177 3 MAY
  rfc 9051 6.3.13 MAY
  tags idle two-sessions flags
  requires ext IDLE
  requires login
  include imap.two.selected
  idle I1
  need continuation
  use second
  command "STORE 2 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  use main
  expect unsolicited FETCH 2 /\\Answered/i within 5s
  done
  need tagged I1 OK within 10s
  cleanup
    include imap.scratch.drop
  end
end

# RFC 9051 §5.2: whatever IDLE did, a size change must not be lost: after DONE, the EXISTS for the
# message appended during IDLE has come either as an IDLE update, with the IDLE's completion, or at the
# next NOOP. Checked at the NOOP: the count the server reports by then (any EXISTS so far) is 4.
case imap.rfc2177.3.update-by-done-or-noop
  title "A message appended during IDLE is announced by DONE or at the next NOOP"
  rfc 9051 5.2 MUST
  rfc 2177 3 MUST
  tags idle two-sessions exists
  requires ext IDLE
  requires login
  include imap.two.selected
  idle I1
  need continuation
  use second
  command "APPEND ${box} () \"04-Jan-2024 09:00:00 +0000\"" literal "From: mailspec@example.org\r\nSubject: idle ${uniq}\r\n\r\nwhile idling\r\n"
  need tagged OK
  use main
  done
  need tagged I1 OK within 10s
  command "NOOP"
  need tagged OK
  command "FETCH 4 (UID)"
  expect tagged OK
  expect untagged FETCH 4
  cleanup
    include imap.scratch.drop
  end
end

# RFC 9051 §6.3.13: in IMAP4rev2, an unsolicited FETCH sent during IDLE must carry the UID. Only where
# IMAP4rev2 is advertised (RFC 3501's IDLE has no such rule).
case imap.rfc9051.6.3.13.idle-fetch-has-uid
  title "An unsolicited FETCH during IDLE includes UID (IMAP4rev2)"
  rfc 9051 6.3.13 MUST
  tags idle two-sessions flags imap4rev2
  requires ext IDLE
  requires ext IMAP4rev2
  requires login
  include imap.scratch
  command "ENABLE IMAP4rev2"
  need tagged OK
  command "SELECT ${box}"
  need tagged OK
  include imap.second
  command "SELECT ${box}"
  need tagged OK
  use main
  idle I1
  need continuation
  use second
  command "STORE 2 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  use main
  expect unsolicited FETCH 2 /UID \d+/i within 5s
  done
  need tagged I1 OK within 10s
  cleanup
    include imap.scratch.drop
  end
end
