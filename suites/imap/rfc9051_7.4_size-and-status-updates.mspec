# RFC 9051 §5.2, §7.4.1 (EXISTS) and §7.5.1 (EXPUNGE), §7.5.2 (FETCH): what a selected session hears about
# changes: its own APPEND, and the changes a second session (imap.second) makes to ${box}; and no EXPUNGE
# while a FETCH, STORE or SEARCH is answered.

# When the mailbox grows, the server must tell the client during the next command: after a second session
# appends to ${box}, a NOOP in the first is answered with `* 4 EXISTS`.
case imap.rfc9051.7.4.1.exists-after-other-append
  title "A new message appended by another session is announced with EXISTS"
  rfc 9051 5.2 MUST
  rfc 9051 7.4.1 MUST
  tags responses exists
  requires login
  include imap.scratch.selected
  include imap.second
  command "APPEND ${box} () \"04-Jan-2024 08:00:00 +0000\"" literal-file "messages/plain-one.eml"
  need tagged OK
  use main
  command "NOOP"
  expect tagged OK
  expect untagged EXISTS 4
  cleanup
    include imap.scratch.drop
  end
end

# Appending to the mailbox that is selected changes its size, which the server must report: `* 4 EXISTS`
# comes with the APPEND's response or, at the latest, with the NOOP after it.
case imap.rfc9051.7.4.1.exists-after-own-append
  title "APPEND to the selected mailbox is followed by EXISTS"
  rfc 9051 5.2 MUST
  rfc 9051 7.4.1 MUST
  rfc 9051 6.3.12 SHOULD
  tags responses exists append
  requires login
  include imap.scratch.selected
  command "APPEND ${box} () \"04-Jan-2024 08:00:00 +0000\"" literal-file "messages/plain-one.eml"
  need tagged OK
  capture ex /\A[\s\S]*?(\* 4 EXISTS)|\A/
  if equals "${ex}" ""
    command "NOOP"
    expect tagged OK
    expect untagged EXISTS 4
  end
  cleanup
    include imap.scratch.drop
  end
end

# When another session expunges message 2, the next NOOP of this session is answered with `* 2 EXPUNGE`.
case imap.rfc9051.7.5.1.expunge-from-other-session
  title "An expunge by another session is announced with EXPUNGE"
  rfc 9051 5.2 MUST
  rfc 9051 7.5.1 MUST
  tags responses expunge
  requires login
  include imap.scratch.selected
  include imap.second
  command "SELECT ${box}"
  need tagged OK
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  use main
  command "NOOP"
  expect tagged OK
  expect untagged EXPUNGE 2
  cleanup
    include imap.scratch.drop
  end
end

# No EXPUNGE while a FETCH, STORE or SEARCH is answered (RFC 9051 §7.5.1): the cases
# imap.rfc9051.7.5.1.no-expunge-during-fetch, -store and -search are in rfc9051_5.2_two_sessions.mspec (area B
# had written them here too, under the same ids; the merge kept one copy).

# The server should tell the client about flags changed from outside: after a second session sets \Flagged on
# message 3, a NOOP here should bring `* 3 FETCH (FLAGS (... \Flagged ...))`.
case imap.rfc9051.7.5.2.flags-from-other-session
  title "A flag change by another session is announced with FETCH"
  rfc 9051 6.4.6 SHOULD
  rfc 9051 5.2 SHOULD
  tags responses fetch flags
  requires login
  include imap.scratch.selected
  include imap.second
  command "SELECT ${box}"
  need tagged OK
  command "STORE 3 +FLAGS.SILENT (\\Flagged)"
  need tagged OK
  use main
  command "NOOP"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \([^)]*\\Flagged/i
  cleanup
    include imap.scratch.drop
  end
end
