# RFC 9051 §6.4.3 (EXPUNGE), §7.5.1 (EXPUNGE response) and §6.4.9 (UID EXPUNGE, RFC 4315): removing the
# \Deleted messages, one untagged EXPUNGE per message, the renumbering that follows, and read-only mailboxes.

# Before its tagged OK, EXPUNGE sends one untagged EXPUNGE per removed message: message 2, marked
# \Deleted, is reported as `* 2 EXPUNGE`.
case imap.rfc9051.6.4.3.expunge-sends-expunge-response
  title "EXPUNGE answers an untagged EXPUNGE for the removed message"
  rfc 9051 6.4.3 MUST
  rfc 9051 7.5.1 MUST
  tags expunge
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  expect tagged OK
  expect untagged EXPUNGE 2
  cleanup
    include imap.scratch.drop
  end
end

# Each message after an expunged one has its sequence number decremented at once: with message 2
# expunged, the multipart message that was number 3 is now number 2.
case imap.rfc9051.6.4.3.expunge-renumbers-following
  title "After EXPUNGE the following messages move down by one"
  rfc 9051 7.5.1 MUST
  rfc 9051 6.4.3 MUST
  tags expunge sequence-numbers
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 2 /mailspec multipart three/
  cleanup
    include imap.scratch.drop
  end
end

# With messages 1 and 3 deleted, a server going low to high sends `* 1 EXPUNGE` then `* 2 EXPUNGE`, one going
# high to low sends `* 3 EXPUNGE` then `* 1 EXPUNGE`: both orders contain `* 1 EXPUNGE` and exactly two
# EXPUNGE responses, and afterwards message 1 is the old message 2.
case imap.rfc9051.6.4.3.expunge-two-messages
  title "EXPUNGE of two messages sends two EXPUNGE responses under the decrement rule"
  rfc 9051 7.5.1 MUST
  rfc 9051 6.4.3 MUST
  tags expunge sequence-numbers
  requires login
  include imap.scratch.selected
  command "STORE 1,3 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  expect tagged OK
  expect untagged EXPUNGE 1
  capture pair /\A[\s\S]*?(\* 1 EXPUNGE\r\n\* 2 EXPUNGE|\* 3 EXPUNGE\r\n\* 1 EXPUNGE)|\A/
  expect differs "${pair}" ""
  command "FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 1 /mailspec plain two/
  cleanup
    include imap.scratch.drop
  end
end

# Only messages with \Deleted are removed: with none flagged, EXPUNGE completes with OK and sends no
# untagged EXPUNGE.
case imap.rfc9051.6.4.3.expunge-nothing-deleted
  title "EXPUNGE with no \\Deleted message removes nothing"
  rfc 9051 6.4.3 MUST
  tags expunge
  requires login
  include imap.scratch.selected
  command "EXPUNGE"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ EXPUNGE)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# A mailbox opened with EXAMINE must not be changed: EXPUNGE there may be refused (NO) or complete with
# nothing done, but a second session must still count the \Deleted message.
case imap.rfc9051.6.4.3.expunge-read-only-removes-nothing
  title "EXPUNGE on a mailbox opened with EXAMINE removes nothing"
  rfc 9051 6.3.3 MUST
  rfc 9051 6.4.3 MUST
  tags expunge examine read-only
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXAMINE ${box}"
  need tagged OK
  command "EXPUNGE"
  need tagged OK|NO|BAD
  include imap.second
  command "STATUS ${box} (MESSAGES)"
  need tagged OK
  expect untagged STATUS /\(.*MESSAGES 3\b/i
  cleanup
    include imap.scratch.drop
  end
end

# EXPUNGE is a selected-state command: without a selected mailbox it is refused (BAD, or NO).
case imap.rfc9051.6.4.3.expunge-not-selected-refused
  title "EXPUNGE in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags expunge state errors
  requires login
  include imap.authenticated
  command "EXPUNGE"
  expect tagged BAD|NO
end

# UID EXPUNGE removes a message only when it is \Deleted and its UID is in the set. Message 1 is expunged
# first so that UIDs and numbers differ; then both remaining messages are marked \Deleted and only the UID
# of the second is listed: `* 2 EXPUNGE` is sent, and message 1 stays (its UID unchanged).
case imap.rfc9051.6.4.9.uid-expunge-only-listed
  title "UID EXPUNGE removes only the \\Deleted messages whose UID is listed"
  rfc 9051 6.4.9 MUST
  rfc 4315 2.1 MUST
  tags expunge uid uidplus
  requires login
  if not ext UIDPLUS
    if not ext IMAP4rev2
      need equals "UIDPLUS" "advertised" hint "the server advertises neither UIDPLUS nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "FETCH 1:2 UID"
  need tagged OK
  capture u2 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  command "STORE 1:2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "UID EXPUNGE ${u3}"
  expect tagged OK
  expect untagged EXPUNGE 2
  capture x /\A[\s\S]*?(\* 1 EXPUNGE)|\A/
  expect equals "${x}" ""
  command "FETCH 1 (UID FLAGS)"
  expect tagged OK
  expect untagged FETCH 1 /UID ${u2}\b/
  cleanup
    include imap.scratch.drop
  end
end

# An EXPUNGE response also lowers the message count: after message 3 is expunged, message number 3 no
# longer exists, so `FETCH 3` is refused (BAD or NO) and `FETCH 1:*` returns two messages.
case imap.rfc9051.7.5.1.expunge-decrements-count
  title "After an EXPUNGE response the mailbox has one message fewer"
  rfc 9051 7.5.1 MUST
  tags expunge responses
  requires login
  include imap.scratch.selected
  command "STORE 3 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "FETCH 1:* (UID)"
  expect tagged OK
  expect untagged FETCH 2
  capture x /\A[\s\S]*?(\* 3 FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end
