# RFC 9051 §6.3.11 (STATUS) and RFC 3501 §6.3.10: every status data item on the scratch mailbox (three
# messages: 1 \Seen, 2 \Flagged, 3 none; 295 + 409 + 604 octets), refusals, and that STATUS changes
# nothing. A STATUS response's items may come in any order.

case imap.rfc9051.6.3.11.status-messages
  title "STATUS (MESSAGES) of the scratch mailbox is 3"
  rfc 9051 6.3.11 MUST
  rfc 3501 6.3.10 MUST
  tags status
  requires login
  include imap.scratch
  command "STATUS ${box} (MESSAGES)"
  expect tagged OK
  expect untagged STATUS /"?${box}"? \(MESSAGES 3\)/i
  cleanup
    include imap.scratch.drop
  end
end

# UNSEEN counts the messages without \Seen: messages 2 and 3.
case imap.rfc9051.6.3.11.status-unseen
  title "STATUS (UNSEEN) of the scratch mailbox is 2"
  rfc 9051 6.3.11 MUST
  rfc 3501 6.3.10 MUST
  tags status flags
  requires login
  include imap.scratch
  command "STATUS ${box} (UNSEEN)"
  expect tagged OK
  expect untagged STATUS /\(UNSEEN 2\)/i
  cleanup
    include imap.scratch.drop
  end
end

# UIDVALIDITY is a non-zero number, the same as SELECT reports.
case imap.rfc9051.6.3.11.status-uidvalidity-matches-select
  title "STATUS (UIDVALIDITY) equals the UIDVALIDITY that SELECT reports"
  rfc 9051 6.3.11 MUST
  rfc 9051 2.3.1.1 MUST
  tags status uid
  requires login
  include imap.scratch.empty
  command "STATUS ${box} (UIDVALIDITY)"
  expect tagged OK
  expect untagged STATUS /\(UIDVALIDITY [1-9][0-9]*\)/i
  capture uv1 /UIDVALIDITY ([0-9]+)/i
  command "EXAMINE ${box}"
  need tagged OK
  capture uv2 /\[UIDVALIDITY ([0-9]+)\]/i
  expect equals "${uv1}" "${uv2}"
  cleanup
    include imap.scratch.drop
  end
end

# UIDNEXT is above the highest UID in use (§2.3.1.1).
case imap.rfc9051.6.3.11.status-uidnext
  title "STATUS (UIDNEXT) is above the UID of the last message"
  rfc 9051 6.3.11 MUST
  rfc 9051 2.3.1.1 MUST
  tags status uid
  requires login
  include imap.scratch
  command "STATUS ${box} (UIDNEXT)"
  expect tagged OK
  capture uidnext /UIDNEXT ([0-9]+)/i
  command "EXAMINE ${box}"
  need tagged OK
  command "FETCH 3 (UID)"
  need tagged OK
  capture lastuid /UID ([0-9]+)/
  expect greater "${uidnext}" "${lastuid}"
  cleanup
    include imap.scratch.drop
  end
end

# UIDNEXT must change when a message is added (§2.3.1.1).
case imap.rfc9051.2.3.1.1.status-uidnext-grows-on-append
  title "STATUS (UIDNEXT) grows after an APPEND"
  rfc 9051 2.3.1.1 MUST
  tags status uid append
  requires login
  include imap.scratch
  command "STATUS ${box} (UIDNEXT)"
  need tagged OK
  capture next1 /UIDNEXT ([0-9]+)/i
  command "APPEND ${box}" literal "Subject: ${uniq}\r\n\r\nfour\r\n"
  need tagged OK
  command "STATUS ${box} (UIDNEXT)"
  expect tagged OK
  capture next2 /UIDNEXT ([0-9]+)/i
  expect greater "${next2}" "${next1}"
  cleanup
    include imap.scratch.drop
  end
end

# Several items in one STATUS: all are returned.
case imap.rfc9051.6.3.11.status-several-items
  title "STATUS (MESSAGES UNSEEN UIDNEXT UIDVALIDITY) returns each item"
  rfc 9051 6.3.11 MUST
  tags status
  requires login
  include imap.scratch
  command "STATUS ${box} (MESSAGES UNSEEN UIDNEXT UIDVALIDITY)"
  expect tagged OK
  expect untagged STATUS /[( ]MESSAGES 3[ )]/i
  expect untagged STATUS /[( ]UNSEEN 2[ )]/i
  expect untagged STATUS /[( ]UIDNEXT [0-9]+[ )]/i
  expect untagged STATUS /[( ]UIDVALIDITY [0-9]+[ )]/i
  cleanup
    include imap.scratch.drop
  end
end

# RECENT is an IMAP4rev1 item (RFC 3501 §6.3.10), gone from IMAP4rev2: a number.
case imap.rfc3501.6.3.10.status-recent
  title "STATUS (RECENT) on an IMAP4rev1 server returns a number"
  rfc 3501 6.3.10 MUST
  tags status rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.empty
  command "STATUS ${box} (RECENT)"
  expect tagged OK
  expect untagged STATUS /\(RECENT [0-9]+\)/i
  cleanup
    include imap.scratch.drop
  end
end

# SIZE (IMAP4rev2, or RFC 8438 STATUS=SIZE) must be at least the sum of the messages' RFC822.SIZE:
# 295 + 409 + 604 = 1308.
case imap.rfc9051.6.3.11.status-size
  title "STATUS (SIZE) is at least the sum of the message sizes (1308)"
  rfc 9051 6.3.11 MUST
  tags status size
  requires login
  requires ext STATUS=SIZE
  include imap.scratch
  command "STATUS ${box} (SIZE)"
  expect tagged OK
  capture size /SIZE ([0-9]+)/i
  expect greater "${size}" "1307"
  cleanup
    include imap.scratch.drop
  end
end

# The same for a server that speaks IMAP4rev2 (SIZE is part of the base protocol there).
case imap.rfc9051.6.3.11.status-size-rev2
  title "STATUS (SIZE) on an IMAP4rev2 server is at least 1308"
  rfc 9051 6.3.11 MUST
  tags status size rev2
  requires login
  requires ext IMAP4rev2
  include imap.scratch
  command "STATUS ${box} (SIZE)"
  expect tagged OK
  capture size /SIZE ([0-9]+)/i
  expect greater "${size}" "1307"
  cleanup
    include imap.scratch.drop
  end
end

# DELETED (IMAP4rev2) counts \Deleted messages: none here.
case imap.rfc9051.6.3.11.status-deleted
  title "STATUS (DELETED) on an IMAP4rev2 server is 0 for the scratch mailbox"
  rfc 9051 6.3.11 MUST
  tags status rev2
  requires login
  requires ext IMAP4rev2
  include imap.scratch.empty
  command "STATUS ${box} (DELETED)"
  expect tagged OK
  expect untagged STATUS /\(DELETED 0\)/i
  cleanup
    include imap.scratch.drop
  end
end

# STATUS of a mailbox that does not exist: NO.
case imap.rfc9051.6.3.11.status-nonexistent-no
  title "STATUS of a mailbox that does not exist is answered NO"
  rfc 9051 6.3.11 MUST
  tags status errors
  requires login
  include imap.authenticated
  command "STATUS mailspec-${uniq}-none (MESSAGES)"
  expect tagged NO
end

# The optional RFC 5530 code for it (MAY): [NONEXISTENT].
case imap.rfc9051.7.1.status-nonexistent-code
  title "STATUS of a missing mailbox carries [NONEXISTENT] (optional)"
  rfc 9051 7.1 MAY
  rfc 5530 3 MAY
  tags status codes
  requires login
  include imap.authenticated
  command "STATUS mailspec-${uniq}-none (MESSAGES)"
  expect tagged NO code NONEXISTENT
end

# An unknown status item is an invalid argument: BAD (SHOULD, §2.2.2; Result: BAD - arguments invalid).
case imap.rfc9051.6.3.11.status-unknown-item-bad
  title "STATUS with an unknown data item is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags status syntax
  requires login
  include imap.scratch.empty
  command "STATUS ${box} (X-MAILSPEC-UNKNOWN)"
  expect tagged BAD
  cleanup
    include imap.scratch.drop
  end
end

# STATUS needs at least one item: an empty list is BAD.
case imap.rfc9051.6.3.11.status-empty-list-bad
  title "STATUS with an empty item list is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags status syntax
  requires login
  include imap.scratch.empty
  command "STATUS ${box} ()"
  expect tagged BAD
  cleanup
    include imap.scratch.drop
  end
end

# The server must be able to run STATUS on the selected mailbox (§6.3.11 MUST).
case imap.rfc9051.6.3.11.status-on-selected
  title "STATUS on the selected mailbox completes with OK"
  rfc 9051 6.3.11 MUST
  tags status select
  requires login
  include imap.scratch.selected
  command "STATUS ${box} (MESSAGES)"
  expect tagged OK
  expect untagged STATUS /\(MESSAGES 3\)/i
  cleanup
    include imap.scratch.drop
  end
end

# STATUS does not change the selected mailbox: FETCH still works on the mailbox selected before.
case imap.rfc9051.6.3.11.status-keeps-selection
  title "STATUS of another mailbox leaves the selected mailbox selected"
  rfc 9051 6.3.11 MUST
  tags status select
  requires login
  include imap.scratch.selected
  command "STATUS INBOX (MESSAGES)"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3
  cleanup
    include imap.scratch.drop
  end
end

# STATUS affects no message state: UNSEEN is the same before and after (messages 2 and 3 stay unseen).
case imap.rfc9051.6.3.11.status-changes-nothing
  title "STATUS leaves the messages unseen (UNSEEN stays 2)"
  rfc 9051 6.3.11 MUST
  tags status flags
  requires login
  include imap.scratch
  command "STATUS ${box} (MESSAGES UNSEEN)"
  need tagged OK
  command "STATUS ${box} (UNSEEN)"
  expect tagged OK
  expect untagged STATUS /\(UNSEEN 2\)/i
  cleanup
    include imap.scratch.drop
  end
end

# STATUS takes no wildcards: a "*" in the name is no pattern; the status of a mailbox named "${box}*"
# (which does not exist) is refused with NO (or BAD, if the server rejects "*" in names).
case imap.rfc9051.6.3.11.status-no-wildcards
  title "STATUS with * in the name does not act as a wildcard"
  rfc 9051 6.3.11 MUST
  tags status
  requires login
  include imap.scratch.empty
  command "STATUS \"${box}*\" (MESSAGES)"
  expect tagged NO|BAD
  cleanup
    include imap.scratch.drop
  end
end
