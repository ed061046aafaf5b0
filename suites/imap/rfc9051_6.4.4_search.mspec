# RFC 9051 §6.4.4 (SEARCH): every search key on the three known messages of the scratch mailbox, their
# combinations (implicit AND, OR, NOT, parenthesised lists), sequence sets, CHARSET and BADCHARSET.
# The known messages (fixtures.mspec): 1 plain-one (\Seen, from Alice to Bob, 295 octets, sent and
# received 1 Jan 2024), 2 plain-two (\Flagged, from Bob to Alice and carol, Cc dave, In-Reply-To, a UTF-8
# body, 409 octets, 2 Jan), 3 multipart-three (no flags, from Carol to alice, 604 octets, 3 Jan).
# An IMAP4rev1 server answers `* SEARCH n...` (any order); a server offering only IMAP4rev2 answers ESEARCH,
# so there the cases ask RETURN (COUNT MIN MAX), which names every subset of three messages exactly.

# ALL matches every message of the mailbox: all three scratch messages.
case imap.rfc9051.6.4.4.all
  title "SEARCH ALL finds every message"
  rfc 9051 6.4.4 MUST
  tags search keys
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH ALL"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 2\b)(?=.* 3\b)(?: (?:1|2|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) ALL"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 3\b)(?=.* MIN 1\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# SEEN matches the messages whose \Seen flag is set: only message 1 was appended with it.
case imap.rfc9051.6.4.4.seen
  title "SEARCH SEEN finds the messages with \\Seen"
  rfc 9051 6.4.4 MUST
  tags search keys flags
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH SEEN"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?: (?:1)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SEEN"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 1\b)(?=.* MAX 1\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# UNSEEN matches the messages without \Seen: messages 2 and 3.
case imap.rfc9051.6.4.4.unseen
  title "SEARCH UNSEEN finds the messages without \\Seen"
  rfc 9051 6.4.4 MUST
  tags search keys flags
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH UNSEEN"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?=.* 3\b)(?: (?:2|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) UNSEEN"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 2\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# FLAGGED matches the messages with \Flagged: only message 2.
case imap.rfc9051.6.4.4.flagged
  title "SEARCH FLAGGED finds the messages with \\Flagged"
  rfc 9051 6.4.4 MUST
  tags search keys flags
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH FLAGGED"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) FLAGGED"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# UNFLAGGED matches the messages without \Flagged: messages 1 and 3.
case imap.rfc9051.6.4.4.unflagged
  title "SEARCH UNFLAGGED finds the messages without \\Flagged"
  rfc 9051 6.4.4 MUST
  tags search keys flags
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH UNFLAGGED"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 3\b)(?: (?:1|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) UNFLAGGED"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# ANSWERED matches the messages with \Answered; the case sets it on message 3 first (a precondition).
case imap.rfc9051.6.4.4.answered
  title "SEARCH ANSWERED finds the messages with \\Answered"
  rfc 9051 6.4.4 MUST
  tags search keys flags
  requires login
  include imap.scratch.selected
  command "STORE 3 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  if ext IMAP4rev1
    command "SEARCH ANSWERED"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) ANSWERED"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# UNANSWERED matches the messages without \Answered: with it set on message 3, messages 1 and 2.
case imap.rfc9051.6.4.4.unanswered
  title "SEARCH UNANSWERED finds the messages without \\Answered"
  rfc 9051 6.4.4 MUST
  tags search keys flags
  requires login
  include imap.scratch.selected
  command "STORE 3 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  if ext IMAP4rev1
    command "SEARCH UNANSWERED"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 2\b)(?: (?:1|2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) UNANSWERED"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# DELETED matches the messages with \Deleted; the case sets it on message 1 first.
case imap.rfc9051.6.4.4.deleted
  title "SEARCH DELETED finds the messages with \\Deleted"
  rfc 9051 6.4.4 MUST
  tags search keys flags
  requires login
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  if ext IMAP4rev1
    command "SEARCH DELETED"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?: (?:1)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) DELETED"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 1\b)(?=.* MAX 1\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# UNDELETED matches the messages without \Deleted: with it set on message 1, messages 2 and 3.
case imap.rfc9051.6.4.4.undeleted
  title "SEARCH UNDELETED finds the messages without \\Deleted"
  rfc 9051 6.4.4 MUST
  tags search keys flags
  requires login
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  if ext IMAP4rev1
    command "SEARCH UNDELETED"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?=.* 3\b)(?: (?:2|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) UNDELETED"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 2\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# DRAFT matches the messages with \Draft; the case sets it on message 2 first.
case imap.rfc9051.6.4.4.draft
  title "SEARCH DRAFT finds the messages with \\Draft"
  rfc 9051 6.4.4 MUST
  tags search keys flags
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Draft)"
  need tagged OK
  if ext IMAP4rev1
    command "SEARCH DRAFT"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) DRAFT"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# UNDRAFT matches the messages without \Draft: with it set on message 2, messages 1 and 3.
case imap.rfc9051.6.4.4.undraft
  title "SEARCH UNDRAFT finds the messages without \\Draft"
  rfc 9051 6.4.4 MUST
  tags search keys flags
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Draft)"
  need tagged OK
  if ext IMAP4rev1
    command "SEARCH UNDRAFT"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 3\b)(?: (?:1|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) UNDRAFT"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# KEYWORD matches the messages carrying the keyword; the case sets `mailspec-kw` on message 3 first (a server
# that does not take keywords skips the case).
case imap.rfc9051.6.4.4.keyword
  title "SEARCH KEYWORD finds the messages with that keyword"
  rfc 9051 6.4.4 MUST
  tags search keys keywords
  requires login
  include imap.scratch.selected
  command "STORE 3 +FLAGS (mailspec-kw)"
  need tagged OK
  need untagged FETCH 3 /mailspec-kw/i hint "the server does not keep keywords on this mailbox (PERMANENTFLAGS without \\*)"
  if ext IMAP4rev1
    command "SEARCH KEYWORD mailspec-kw"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) KEYWORD mailspec-kw"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# UNKEYWORD matches the messages without the keyword: with it on message 3, messages 1 and 2.
case imap.rfc9051.6.4.4.unkeyword
  title "SEARCH UNKEYWORD finds the messages without that keyword"
  rfc 9051 6.4.4 MUST
  tags search keys keywords
  requires login
  include imap.scratch.selected
  command "STORE 3 +FLAGS (mailspec-kw)"
  need tagged OK
  need untagged FETCH 3 /mailspec-kw/i hint "the server does not keep keywords on this mailbox (PERMANENTFLAGS without \\*)"
  if ext IMAP4rev1
    command "SEARCH UNKEYWORD mailspec-kw"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 2\b)(?: (?:1|2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) UNKEYWORD mailspec-kw"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# FROM matches a substring of the envelope From field: only message 2 is from bob (message 1 is to
# him, which must not count).
case imap.rfc9051.6.4.4.from
  title "SEARCH FROM matches a substring of the From address"
  rfc 9051 6.4.4 MUST
  tags search keys envelope
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH FROM \"bob@example\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) FROM \"bob@example\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# String matching should ignore ASCII case: `CAROL EXAMPLE` finds the message from `Carol Example`.
case imap.rfc9051.6.4.4.from-case-insensitive
  title "SEARCH FROM matches ASCII letters case-insensitively"
  rfc 9051 6.4.4 SHOULD
  tags search keys envelope case
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH FROM \"CAROL EXAMPLE\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) FROM \"CAROL EXAMPLE\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# TO matches a substring of the envelope To field; carol is the second To address of message 2 only.
case imap.rfc9051.6.4.4.to
  title "SEARCH TO matches any address of the To field"
  rfc 9051 6.4.4 MUST
  tags search keys envelope
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH TO \"carol\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) TO \"carol\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# CC matches a substring of the envelope Cc field: only message 2 has a Cc (dave).
case imap.rfc9051.6.4.4.cc
  title "SEARCH CC matches the Cc field"
  rfc 9051 6.4.4 MUST
  tags search keys envelope
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH CC \"dave\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) CC \"dave\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# BCC matches the envelope Bcc field only; none of the messages has one, so even a string present in
# every other address field finds nothing (and the empty result is still reported).
case imap.rfc9051.6.4.4.bcc-none
  title "SEARCH BCC finds nothing where no message has a Bcc"
  rfc 9051 6.4.4 MUST
  tags search keys envelope
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH BCC \"example\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) BCC \"example\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 0\b)(?!.* MIN )(?!.* MAX )/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# SUBJECT matches a substring of the Subject: `plain` is in the subjects of messages 1 and 2.
case imap.rfc9051.6.4.4.subject
  title "SEARCH SUBJECT matches a substring of the subject"
  rfc 9051 6.4.4 MUST
  tags search keys envelope
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH SUBJECT \"plain\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 2\b)(?: (?:1|2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SUBJECT \"plain\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# Matching should ignore the case of ASCII letters: `PLAIN TWO` finds `mailspec plain two`.
case imap.rfc9051.6.4.4.subject-case-insensitive
  title "SEARCH SUBJECT ignores ASCII case"
  rfc 9051 6.4.4 SHOULD
  tags search keys case
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH SUBJECT \"PLAIN TWO\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SUBJECT \"PLAIN TWO\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# BODY matches a string in the body: `text part` is in the first body part of message 3 only.
case imap.rfc9051.6.4.4.body
  title "SEARCH BODY matches text in the body"
  rfc 9051 6.4.4 MUST
  tags search keys body
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH BODY \"text part\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) BODY \"text part\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# Unlike TEXT, BODY never matches the header: `mailspec plain` appears only in the Subject fields of
# messages 1 and 2, so BODY finds nothing.
case imap.rfc9051.6.4.4.body-not-header
  title "SEARCH BODY does not match header fields"
  rfc 9051 6.4.4 MUST
  tags search keys body
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH BODY \"mailspec plain\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) BODY \"mailspec plain\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 0\b)(?!.* MIN )(?!.* MAX )/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# TEXT looks in the header as well as the body: the Message-ID of message 3 is found.
case imap.rfc9051.6.4.4.text-header
  title "SEARCH TEXT matches text in the header"
  rfc 9051 6.4.4 MUST
  tags search keys text
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH TEXT \"multipart-three@mailspec\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) TEXT \"multipart-three@mailspec\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# TEXT looks in the body as well: `first known` is in the body of message 1 only.
case imap.rfc9051.6.4.4.text-body
  title "SEARCH TEXT matches text in the body"
  rfc 9051 6.4.4 MUST
  tags search keys text
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH TEXT \"first known\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?: (?:1)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) TEXT \"first known\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 1\b)(?=.* MAX 1\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# HEADER matches the string in the named field: the Message-ID containing `plain-two` is message 2's.
case imap.rfc9051.6.4.4.header
  title "SEARCH HEADER matches the contents of a named field"
  rfc 9051 6.4.4 MUST
  tags search keys header
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH HEADER Message-ID \"plain-two\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) HEADER Message-ID \"plain-two\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# The field name of HEADER is an RFC 5322 field name, which is case-insensitive: MESSAGE-ID finds the
# `Message-ID:` field of message 1.
case imap.rfc9051.6.4.4.header-field-name-case
  title "SEARCH HEADER field names are case-insensitive"
  rfc 9051 6.4.4 MUST
  rfc 5322 1.2.2 MUST
  tags search keys header case
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH HEADER MESSAGE-ID \"plain-one\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?: (?:1)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) HEADER MESSAGE-ID \"plain-one\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 1\b)(?=.* MAX 1\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# An empty HEADER string matches every message that has the field at all: only message 2 has In-Reply-To.
case imap.rfc9051.6.4.4.header-empty-string-presence
  title "SEARCH HEADER with an empty string matches every message having the field"
  rfc 9051 6.4.4 MUST
  tags search keys header
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH HEADER In-Reply-To \"\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) HEADER In-Reply-To \"\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# No message has an X-Mailspec-Absent field, so even the empty string matches nothing.
case imap.rfc9051.6.4.4.header-absent-field
  title "SEARCH HEADER of a field no message has finds nothing"
  rfc 9051 6.4.4 MUST
  tags search keys header
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH HEADER X-Mailspec-Absent \"\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) HEADER X-Mailspec-Absent \"\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 0\b)(?!.* MIN )(?!.* MAX )/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# LARGER is strictly larger in RFC822.SIZE: of 295, 409 and 604 octets, only 604 is larger than 409.
case imap.rfc9051.6.4.4.larger
  title "SEARCH LARGER finds the messages larger than n octets"
  rfc 9051 6.4.4 MUST
  tags search keys size
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH LARGER 409"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) LARGER 409"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# SMALLER is strictly smaller: of 295, 409 and 604 octets, only 295 is smaller than 409.
case imap.rfc9051.6.4.4.smaller
  title "SEARCH SMALLER finds the messages smaller than n octets"
  rfc 9051 6.4.4 MUST
  tags search keys size
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH SMALLER 409"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?: (?:1)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SMALLER 409"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 1\b)(?=.* MAX 1\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# BEFORE matches internal dates (day only) earlier than the date: only message 1 (1 Jan).
case imap.rfc9051.6.4.4.before
  title "SEARCH BEFORE compares the internal date"
  rfc 9051 6.4.4 MUST
  tags search keys date
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH BEFORE 2-Jan-2024"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?: (?:1)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) BEFORE 2-Jan-2024"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 1\b)(?=.* MAX 1\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# ON matches the internal date's day, time and zone disregarded: message 2 (2 Jan 11:30 +0100).
case imap.rfc9051.6.4.4.on
  title "SEARCH ON matches the day of the internal date"
  rfc 9051 6.4.4 MUST
  tags search keys date
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH ON 2-Jan-2024"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) ON 2-Jan-2024"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# SINCE matches internal dates within or after the day: messages 2 and 3.
case imap.rfc9051.6.4.4.since
  title "SEARCH SINCE matches that day and later"
  rfc 9051 6.4.4 MUST
  tags search keys date
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH SINCE 2-Jan-2024"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?=.* 3\b)(?: (?:2|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SINCE 2-Jan-2024"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 2\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# SENTBEFORE compares the Date: field (day only): message 1 was sent on 1 Jan.
case imap.rfc9051.6.4.4.sentbefore
  title "SEARCH SENTBEFORE compares the Date header field"
  rfc 9051 6.4.4 MUST
  tags search keys date
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH SENTBEFORE 2-Jan-2024"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?: (?:1)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SENTBEFORE 2-Jan-2024"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 1\b)(?=.* MAX 1\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# SENTON matches the day of the Date: field: message 3 (3 Jan 2024 12:00 -0500).
case imap.rfc9051.6.4.4.senton
  title "SEARCH SENTON matches the day of the Date header field"
  rfc 9051 6.4.4 MUST
  tags search keys date
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH SENTON 3-Jan-2024"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SENTON 3-Jan-2024"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# SENTSINCE matches Date: fields within or after the day: messages 2 and 3.
case imap.rfc9051.6.4.4.sentsince
  title "SEARCH SENTSINCE matches that day and later"
  rfc 9051 6.4.4 MUST
  tags search keys date
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH SENTSINCE 2-Jan-2024"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?=.* 3\b)(?: (?:2|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SENTSINCE 2-Jan-2024"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 2\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# ON looks at the internal date only: a copy of message 1 appended with the internal date 15 Mar 2024
# (its Date: field says 1 Jan) is the only match.
case imap.rfc9051.6.4.4.on-uses-internal-date
  title "SEARCH ON uses the internal date, not the Date field"
  rfc 9051 6.4.4 MUST
  tags search keys date
  requires login
  include imap.scratch.selected
  command "APPEND ${box} () \"15-Mar-2024 08:00:00 +0000\"" literal-file "messages/plain-one.eml"
  need tagged OK
  command "NOOP"
  need tagged OK
  if ext IMAP4rev1
    command "SEARCH ON 15-Mar-2024"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 4\b)(?: (?:4)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) ON 15-Mar-2024"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 4\b)(?=.* MAX 4\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# SENTON looks at the Date: field only: message 1 and its copy appended on 15 Mar 2024 (both dated 1 Jan)
# match.
case imap.rfc9051.6.4.4.senton-uses-date-field
  title "SEARCH SENTON uses the Date field, not the internal date"
  rfc 9051 6.4.4 MUST
  tags search keys date
  requires login
  include imap.scratch.selected
  command "APPEND ${box} () \"15-Mar-2024 08:00:00 +0000\"" literal-file "messages/plain-one.eml"
  need tagged OK
  command "NOOP"
  need tagged OK
  if ext IMAP4rev1
    command "SEARCH SENTON 1-Jan-2024"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 4\b)(?: (?:1|4)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SENTON 1-Jan-2024"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 4\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# A sequence set is a search key matching those message numbers: 2:3 is messages 2 and 3.
case imap.rfc9051.6.4.4.sequence-set
  title "SEARCH with a sequence set key"
  rfc 9051 6.4.4 MUST
  tags search sequence-set
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH 2:3"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?=.* 3\b)(?: (?:2|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) 2:3"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 2\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# `*` stands for the largest message number in use: message 3.
case imap.rfc9051.6.4.4.sequence-set-star
  title "SEARCH * matches the last message"
  rfc 9051 6.4.4 MUST
  rfc 9051 4.1.1 MUST
  tags search sequence-set
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH *"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) *"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# A range means the same whichever end comes first: 3:2 is messages 2 and 3.
case imap.rfc9051.6.4.4.sequence-set-reversed-range
  title "SEARCH 3:2 is the same range as 2:3"
  rfc 9051 6.4.4 MUST
  rfc 9051 9 MUST
  tags search sequence-set
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH 3:2"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?=.* 3\b)(?: (?:2|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) 3:2"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 2\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# A sequence set can enumerate numbers: 1,3 matches messages 1 and 3 only.
case imap.rfc9051.6.4.4.sequence-set-list
  title "SEARCH 1,3 matches the listed messages"
  rfc 9051 6.4.4 MUST
  tags search sequence-set
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH 1,3"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 3\b)(?: (?:1|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) 1,3"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# The UID key matches messages by unique identifier. Message 1 is expunged first so that UIDs and numbers
# differ: the UID of plain-two finds message 1.
case imap.rfc9051.6.4.4.uid-key
  title "SEARCH UID matches a message by its UID"
  rfc 9051 6.4.4 MUST
  tags search uid
  requires login
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "FETCH 1:2 UID"
  need tagged OK
  capture u2 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  if ext IMAP4rev1
    command "SEARCH UID ${u2}"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?: (?:1)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) UID ${u2}"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 1\b)(?=.* MAX 1\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# A UID range ending in `*` reaches the highest UID: from the UID of the last message it is that message
# alone (message 2, after message 1 was expunged so that UIDs and numbers differ).
case imap.rfc9051.6.4.4.uid-key-range-star
  title "SEARCH UID n:* includes the last message"
  rfc 9051 6.4.4 MUST
  tags search uid sequence-set
  requires login
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "FETCH 1:2 UID"
  need tagged OK
  capture u2 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  if ext IMAP4rev1
    command "SEARCH UID ${u3}:*"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) UID ${u3}:*"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# OR matches the messages matching either key: SEEN (1) or FLAGGED (2).
case imap.rfc9051.6.4.4.or
  title "SEARCH OR matches either key"
  rfc 9051 6.4.4 MUST
  tags search combine
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH OR SEEN FLAGGED"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 2\b)(?: (?:1|2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) OR SEEN FLAGGED"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# NOT inverts the key: the messages without \Seen, 2 and 3.
case imap.rfc9051.6.4.4.not
  title "SEARCH NOT matches the messages failing the key"
  rfc 9051 6.4.4 MUST
  tags search combine
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH NOT SEEN"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?=.* 3\b)(?: (?:2|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) NOT SEEN"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 2\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# NOT applies to the whole OR that follows it: neither \Seen nor \Flagged is message 3 only.
case imap.rfc9051.6.4.4.not-or
  title "SEARCH NOT OR combines"
  rfc 9051 6.4.4 MUST
  tags search combine
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH NOT OR SEEN FLAGGED"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) NOT OR SEEN FLAGGED"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# Several keys are ANDed: all subjects contain `mailspec`, only message 2 is \Flagged.
case imap.rfc9051.6.4.4.implicit-and
  title "SEARCH with two keys matches their intersection"
  rfc 9051 6.4.4 MUST
  tags search combine
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH SUBJECT \"mailspec\" FLAGGED"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SUBJECT \"mailspec\" FLAGGED"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# A parenthesised list is one key made of its keys ANDed: (from alice and seen) or (from carol and
# unseen) is messages 1 and 3.
case imap.rfc9051.6.4.4.parenthesized-list
  title "SEARCH accepts parenthesised key lists inside OR"
  rfc 9051 6.4.4 MUST
  tags search combine
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH OR (FROM \"alice\" SEEN) (FROM \"carol\" UNSEEN)"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 3\b)(?: (?:1|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) OR (FROM \"alice\" SEEN) (FROM \"carol\" UNSEEN)"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# OR takes any key, another OR included: seen (1) or flagged (2) or message 3.
case imap.rfc9051.6.4.4.nested-or
  title "SEARCH nests OR inside OR"
  rfc 9051 6.4.4 MUST
  tags search combine
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH OR OR SEEN FLAGGED 3"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 2\b)(?=.* 3\b)(?: (?:1|2|3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) OR OR SEEN FLAGGED 3"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 3\b)(?=.* MIN 1\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# A search that matches nothing is still answered: an empty `* SEARCH` (IMAP4rev1) or an ESEARCH with
# COUNT 0 and no MIN or MAX (IMAP4rev2).
case imap.rfc9051.6.4.4.no-match-still-answers
  title "SEARCH with no match still sends its (empty) result"
  rfc 9051 6.4.4 MUST
  tags search
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH SUBJECT \"absent-${uniq}\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) SUBJECT \"absent-${uniq}\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 0\b)(?!.* MIN )(?!.* MAX )/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# Servers must support the US-ASCII charset in SEARCH.
case imap.rfc9051.6.4.4.charset-us-ascii
  title "SEARCH CHARSET US-ASCII is supported"
  rfc 9051 6.4.4 MUST
  tags search charset
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH CHARSET US-ASCII SUBJECT \"plain\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 2\b)(?: (?:1|2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) CHARSET US-ASCII SUBJECT \"plain\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# Servers must support the UTF-8 charset in SEARCH (here with ASCII text).
case imap.rfc9051.6.4.4.charset-utf-8-ascii
  title "SEARCH CHARSET UTF-8 is supported"
  rfc 9051 6.4.4 MUST
  tags search charset
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH CHARSET UTF-8 SUBJECT \"plain\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 1\b)(?=.* 2\b)(?: (?:1|2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) CHARSET UTF-8 SUBJECT \"plain\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN 1\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# UID SEARCH takes the same criteria as SEARCH and answers unique identifiers: with message 1 expunged
# first, message number 1 (plain-two) is reported by its UID, which is not 1.
case imap.rfc9051.6.4.4.uid-search-returns-uids
  title "UID SEARCH returns UIDs, not sequence numbers"
  rfc 9051 6.4.4 MUST
  rfc 9051 6.4.9 MUST
  tags search uid
  requires login
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "FETCH 1:2 UID"
  need tagged OK
  capture u2 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  if ext IMAP4rev1
    command "UID SEARCH 1"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* ${u2}\b)(?: (?:${u2})\b)+\s*$/
  else
    command "UID SEARCH RETURN (COUNT MIN MAX) 1"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN ${u2}\b)(?=.* MAX ${u2}\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# UID SEARCH with a UID range answers the UIDs of the messages in it: both messages left after message 1
# was expunged (so that UIDs and numbers differ).
case imap.rfc9051.6.4.4.uid-search-uid-range
  title "UID SEARCH UID a:b returns the UIDs in the range"
  rfc 9051 6.4.4 MUST
  rfc 9051 6.4.9 MUST
  tags search uid
  requires login
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "FETCH 1:2 UID"
  need tagged OK
  capture u2 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  if ext IMAP4rev1
    command "UID SEARCH UID ${u2}:${u3}"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* ${u2}\b)(?=.* ${u3}\b)(?: (?:${u2}|${u3})\b)+\s*$/
  else
    command "UID SEARCH RETURN (COUNT MIN MAX) UID ${u2}:${u3}"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 2\b)(?=.* MIN ${u2}\b)(?=.* MAX ${u3}\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# With CHARSET UTF-8 the search string may be 8-bit, sent as a literal; message 2's body contains
# `grüße`.
case imap.rfc9051.6.4.4.charset-utf-8-literal
  title "SEARCH CHARSET UTF-8 finds UTF-8 text sent as a literal"
  rfc 9051 6.4.4 MUST
  tags search charset literal
  requires login
  include imap.scratch.selected
  if ext IMAP4rev1
    command "SEARCH CHARSET UTF-8 BODY" literal "grüße"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) CHARSET UTF-8 BODY" literal "grüße"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# A charset the server does not support gives a tagged NO (the RFC says explicitly: not BAD).
case imap.rfc9051.6.4.4.badcharset-no
  title "SEARCH with an unknown CHARSET is answered NO, not BAD"
  rfc 9051 6.4.4 MUST
  tags search charset errors
  requires login
  include imap.scratch.selected
  command "SEARCH CHARSET X-MAILSPEC-UNKNOWN-${uniq} ALL"
  expect tagged NO
  cleanup
    include imap.scratch.drop
  end
end

# The NO for an unsupported charset should carry the BADCHARSET response code (the list in it is optional).
case imap.rfc9051.6.4.4.badcharset-code
  title "The NO to an unknown CHARSET carries [BADCHARSET]"
  rfc 9051 6.4.4 SHOULD
  rfc 9051 7.1 SHOULD
  tags search charset errors
  requires login
  include imap.scratch.selected
  command "SEARCH CHARSET X-MAILSPEC-UNKNOWN-${uniq} ALL"
  expect tagged NO code BADCHARSET
  cleanup
    include imap.scratch.drop
  end
end

# A key that is not in the grammar makes the arguments invalid: BAD, or NO (the result NO also covers
# criteria the server cannot search).
case imap.rfc9051.6.4.4.unknown-key-refused
  title "SEARCH with an unknown search key is refused"
  rfc 9051 6.4.4 MUST
  tags search errors
  requires login
  include imap.scratch.selected
  command "SEARCH MAILSPECBOGUSKEY"
  expect tagged BAD|NO
  cleanup
    include imap.scratch.drop
  end
end

# SEARCH is a selected-state command: without a selected mailbox it is refused (BAD, or NO).
case imap.rfc9051.6.4.4.not-selected-refused
  title "SEARCH in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags search state errors
  requires login
  include imap.authenticated
  command "SEARCH ALL"
  expect tagged BAD|NO
end
