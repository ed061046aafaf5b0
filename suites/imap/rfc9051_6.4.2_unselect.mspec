# RFC 9051 §6.4.2 (UNSELECT, also RFC 3691): leaving the selected state without expunging anything.
# The cases need UNSELECT or IMAP4rev2 (which includes the command) advertised.

# UNSELECT frees the selected mailbox and completes with OK.
case imap.rfc9051.6.4.2.unselect-completes-ok
  title "UNSELECT in the selected state completes with OK"
  rfc 9051 6.4.2 MUST
  rfc 3691 2 MUST
  tags unselect selected
  requires login
  if not ext UNSELECT
    if not ext IMAP4rev2
      need equals "UNSELECT" "advertised" hint "the server advertises neither UNSELECT nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "UNSELECT"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end

# UNSELECT does what CLOSE does except the expunge: the message marked \Deleted is still there (three
# messages counted by STATUS afterwards).
case imap.rfc9051.6.4.2.unselect-keeps-deleted
  title "UNSELECT removes no \\Deleted message"
  rfc 9051 6.4.2 MUST
  rfc 3691 2 MUST
  tags unselect expunge
  requires login
  if not ext UNSELECT
    if not ext IMAP4rev2
      need equals "UNSELECT" "advertised" hint "the server advertises neither UNSELECT nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "UNSELECT"
  need tagged OK
  command "STATUS ${box} (MESSAGES)"
  need tagged OK
  expect untagged STATUS /\(.*MESSAGES 3\b/i
  cleanup
    include imap.scratch.drop
  end
end

# Since UNSELECT removes nothing, no untagged EXPUNGE may precede its tagged OK, even with a \Deleted
# message in the mailbox.
case imap.rfc9051.6.4.2.unselect-sends-no-expunge
  title "UNSELECT sends no untagged EXPUNGE"
  rfc 9051 6.4.2 MUST
  rfc 3691 2 MUST
  tags unselect expunge
  requires login
  if not ext UNSELECT
    if not ext IMAP4rev2
      need equals "UNSELECT" "advertised" hint "the server advertises neither UNSELECT nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "UNSELECT"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ EXPUNGE)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# After UNSELECT the session is in the authenticated state: FETCH is refused (BAD, or NO).
case imap.rfc9051.6.4.2.unselect-returns-to-authenticated
  title "After UNSELECT, a FETCH is refused"
  rfc 9051 6.4.2 MUST
  rfc 3691 2 MUST
  tags unselect state
  requires login
  if not ext UNSELECT
    if not ext IMAP4rev2
      need equals "UNSELECT" "advertised" hint "the server advertises neither UNSELECT nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "UNSELECT"
  need tagged OK
  command "FETCH 1 (FLAGS)"
  expect tagged BAD|NO
  cleanup
    include imap.scratch.drop
  end
end

# With no mailbox selected, UNSELECT fails; the RFC names BAD for this. NO is accepted as well: it is
# still a refusal, and the check is that the command is not completed.
case imap.rfc9051.6.4.2.unselect-not-selected-bad
  title "UNSELECT with no mailbox selected is answered BAD"
  rfc 9051 6.4.2 MUST
  rfc 3691 2 MUST
  tags unselect state errors
  requires login
  if not ext UNSELECT
    if not ext IMAP4rev2
      need equals "UNSELECT" "advertised" hint "the server advertises neither UNSELECT nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.authenticated
  command "UNSELECT"
  expect tagged BAD|NO
end
