# RFC 9051 §6.4.1 (CLOSE): leaving the selected state with a silent expunge of the \Deleted messages,
# none on a read-only mailbox, and the implicit close of SELECT, EXAMINE and LOGOUT that expunges nothing.
# Every case works in its own scratch mailbox ${box} (fixtures.mspec) and deletes it afterwards.

# CLOSE is valid in the selected state; its result is OK (BAD only for an unknown command or bad arguments).
case imap.rfc9051.6.4.1.close-completes-ok
  title "CLOSE in the selected state completes with OK"
  rfc 9051 6.4.1 MUST
  tags close selected
  requires login
  include imap.scratch.selected
  command "CLOSE"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end

# CLOSE returns the session to the authenticated state, where FETCH is not a valid command: the server
# refuses it with BAD (or NO); answering it with message data would mean the mailbox stayed selected.
case imap.rfc9051.6.4.1.close-returns-to-authenticated
  title "After CLOSE, a FETCH is refused: no mailbox is selected"
  rfc 9051 6.4.1 MUST
  rfc 9051 6.4 MUST
  tags close selected state
  requires login
  include imap.scratch.selected
  command "CLOSE"
  need tagged OK
  command "FETCH 1 (FLAGS)"
  expect tagged BAD|NO
  cleanup
    include imap.scratch.drop
  end
end

# CLOSE removes every \Deleted message of a read-write mailbox: of the three scratch messages, the one
# marked \Deleted is gone afterwards, so STATUS counts two.
case imap.rfc9051.6.4.1.close-expunges-deleted
  title "CLOSE permanently removes the messages flagged \\Deleted"
  rfc 9051 6.4.1 MUST
  tags close expunge
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "CLOSE"
  need tagged OK
  command "STATUS ${box} (MESSAGES)"
  need tagged OK
  expect untagged STATUS /\(.*MESSAGES 2\b/i
  cleanup
    include imap.scratch.drop
  end
end

# The expunge done by CLOSE is silent: no untagged EXPUNGE precedes its tagged OK (that is what makes
# CLOSE cheaper than EXPUNGE). The untagged responses of the CLOSE are searched for an EXPUNGE.
case imap.rfc9051.6.4.1.close-sends-no-expunge
  title "CLOSE sends no untagged EXPUNGE responses"
  rfc 9051 6.4.1 MUST
  tags close expunge
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "CLOSE"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ EXPUNGE)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# On a mailbox selected read-only (EXAMINE) CLOSE removes no message and reports no error: the tagged
# response is OK and the \Deleted message is still counted afterwards.
case imap.rfc9051.6.4.1.close-read-only-keeps-deleted
  title "CLOSE of a mailbox opened with EXAMINE removes nothing and gives no error"
  rfc 9051 6.4.1 MUST
  tags close examine read-only
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXAMINE ${box}"
  need tagged OK
  command "CLOSE"
  expect tagged OK
  command "STATUS ${box} (MESSAGES)"
  need tagged OK
  expect untagged STATUS /\(.*MESSAGES 3\b/i
  cleanup
    include imap.scratch.drop
  end
end

# SELECT while a mailbox is selected closes it implicitly, with no expunge: selecting the scratch
# mailbox again still shows three messages, one of them \Deleted.
case imap.rfc9051.6.4.1.select-closes-without-expunge
  title "SELECT of another mailbox closes the current one without expunging"
  rfc 9051 6.4.1 MUST
  rfc 9051 6.3.2 MUST
  tags close select implicit
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "SELECT ${box}"
  expect tagged OK
  expect untagged EXISTS 3
  cleanup
    include imap.scratch.drop
  end
end

# EXAMINE, like SELECT, closes the selected mailbox without an expunge: the \Deleted message is still
# counted when the same mailbox is examined.
case imap.rfc9051.6.4.1.examine-closes-without-expunge
  title "EXAMINE while a mailbox is selected closes it without expunging"
  rfc 9051 6.4.1 MUST
  rfc 9051 6.3.3 MUST
  tags close examine implicit
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXAMINE ${box}"
  expect tagged OK
  expect untagged EXISTS 3
  cleanup
    include imap.scratch.drop
  end
end

# LOGOUT closes the selected mailbox implicitly, without an expunge: a second session then still counts
# three messages in it.
case imap.rfc9051.6.4.1.logout-closes-without-expunge
  title "LOGOUT with a mailbox selected expunges nothing"
  rfc 9051 6.4.1 MUST
  rfc 9051 6.1.3 MUST
  tags close logout implicit
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "LOGOUT"
  need tagged OK
  include imap.second
  command "STATUS ${box} (MESSAGES)"
  need tagged OK
  expect untagged STATUS /\(.*MESSAGES 3\b/i
  cleanup
    include imap.scratch.drop
  end
end

# CLOSE belongs to the selected state; with no mailbox selected the server refuses it (BAD, or NO) instead
# of completing it.
case imap.rfc9051.6.4.1.close-not-selected-refused
  title "CLOSE in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags close state errors
  requires login
  include imap.authenticated
  command "CLOSE"
  expect tagged BAD|NO
end
