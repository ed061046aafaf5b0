# RFC 9051 §6.3.12 (APPEND), RFC 3501 §6.3.11, RFC 4315 (APPENDUID): flags and internal date given with
# the message, the continuation request, TRYCREATE for a missing mailbox, EXISTS to a client that has
# the mailbox selected, refusals. Everything goes into the scratch ${box}.

# The continuation request for the literal, read as such: "+" before the client sends the octets.
case imap.rfc9051.6.3.12.append-continuation
  title "APPEND {n} is answered with a continuation request, then OK"
  rfc 9051 6.3.12 MUST
  rfc 9051 7.6 MUST
  tags append literal
  requires login
  include imap.scratch.empty
  command "APPEND ${box} {68}"
  expect continuation within 3s
  send "From: mailspec@example.org\r\nSubject: mailspec continuation\r\n\r\nbody\r\n"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end

# The message lands in the mailbox: MESSAGES goes from 0 to 1.
case imap.rfc9051.6.3.12.append-adds-message
  title "After APPEND the mailbox holds one more message"
  rfc 9051 6.3.12 MUST
  tags append status
  requires login
  include imap.scratch.empty
  command "APPEND ${box}" literal "Subject: ${uniq}\r\n\r\none\r\n"
  need tagged OK
  command "STATUS ${box} (MESSAGES)"
  expect tagged OK
  expect untagged STATUS /\(MESSAGES 1\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Flags given with APPEND should be set on the message (SHOULD).
case imap.rfc9051.6.3.12.append-flags-set
  title "APPEND with (\\Seen \\Flagged) sets both flags"
  rfc 9051 6.3.12 SHOULD
  tags append flags
  requires login
  include imap.scratch.empty
  command "APPEND ${box} (\\Seen \\Flagged)" literal "Subject: ${uniq}\r\n\r\nflags\r\n"
  need tagged OK
  command "EXAMINE ${box}"
  need tagged OK
  command "FETCH 1 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 1 /FLAGS \([^)]*\\Seen/i
  expect untagged FETCH 1 /FLAGS \([^)]*\\Flagged/i
  cleanup
    include imap.scratch.drop
  end
end

# Without a flag list the message's flags are empty (\Recent aside, an IMAP4rev1 session flag).
case imap.rfc9051.6.3.12.append-no-flags-empty
  title "APPEND without flags leaves the message with no flags"
  rfc 9051 6.3.12 SHOULD
  tags append flags
  requires login
  include imap.scratch.empty
  command "APPEND ${box}" literal "Subject: ${uniq}\r\n\r\nno flags\r\n"
  need tagged OK
  command "EXAMINE ${box}"
  need tagged OK
  command "FETCH 1 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 1 /FLAGS \((\\Recent)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# An empty flag list is legal (flag-list = "(" [flag *(SP flag)] ")"): OK.
case imap.rfc9051.6.3.12.append-empty-flag-list
  title "APPEND with an empty flag list () completes with OK"
  rfc 9051 6.3.12 MUST
  rfc 9051 9 MUST
  tags append flags syntax
  requires login
  include imap.scratch.empty
  command "APPEND ${box} ()" literal "Subject: ${uniq}\r\n\r\nempty list\r\n"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end

# A date-time given with APPEND should become the internal date (SHOULD). The internal date is an instant:
# the server may keep the zone given or show the same instant in UTC (Dovecot does), both accepted.
case imap.rfc9051.6.3.12.append-internaldate-set
  title "APPEND with a date-time sets INTERNALDATE to it"
  rfc 9051 6.3.12 SHOULD
  rfc 9051 2.3.3 SHOULD
  tags append date
  requires login
  include imap.scratch.empty
  command "APPEND ${box} \"05-Feb-2024 08:09:10 +0200\"" literal "Subject: ${uniq}\r\n\r\ndated\r\n"
  need tagged OK
  command "EXAMINE ${box}"
  need tagged OK
  command "FETCH 1 (INTERNALDATE)"
  expect tagged OK
  expect untagged FETCH 1 /INTERNALDATE "(( 5|05)-Feb-2024 08:09:10 \+0200|( 5|05)-Feb-2024 06:09:10 [+-]0000)"/i
  cleanup
    include imap.scratch.drop
  end
end

# The date-time may have a one-digit day with a leading space (date-day-fixed = (SP DIGIT) / 2DIGIT).
case imap.rfc9051.6.3.12.append-date-space-padded-day
  title "APPEND accepts a date-time whose day is space-padded"
  rfc 9051 6.3.12 MUST
  rfc 9051 9 MUST
  tags append date syntax
  requires login
  include imap.scratch.empty
  command "APPEND ${box} \" 7-Mar-2024 01:02:03 -0000\"" literal "Subject: ${uniq}\r\n\r\npadded\r\n"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end

# Flags and date-time together (both optional, flags first); the date as given or the same instant in UTC.
case imap.rfc9051.6.3.12.append-flags-and-date
  title "APPEND with flags and a date-time sets both"
  rfc 9051 6.3.12 SHOULD
  tags append flags date
  requires login
  include imap.scratch.empty
  command "APPEND ${box} (\\Answered) \"09-Apr-2024 10:11:12 -0700\"" literal "Subject: ${uniq}\r\n\r\nboth\r\n"
  need tagged OK
  command "EXAMINE ${box}"
  need tagged OK
  command "FETCH 1 (FLAGS INTERNALDATE)"
  expect tagged OK
  expect untagged FETCH 1 /\\Answered/i
  expect untagged FETCH 1 /INTERNALDATE "(09-Apr-2024 10:11:12 -0700|09-Apr-2024 17:11:12 [+-]0000)"/i
  cleanup
    include imap.scratch.drop
  end
end

# The appended octets come back unchanged (BODY[] of the new message equals what was sent).
case imap.rfc9051.6.3.12.append-content-preserved
  title "The appended message's BODY[] is the octets sent"
  rfc 9051 6.3.12 MUST
  tags append
  requires login
  include imap.scratch.empty
  command "APPEND ${box}" literal "Subject: ${uniq}\r\nX-Mailspec: kept\r\n\r\nline one\r\nline two\r\n"
  need tagged OK
  command "EXAMINE ${box}"
  need tagged OK
  command "FETCH 1 (BODY.PEEK[])"
  expect tagged OK
  expect untagged FETCH 1 /Subject: ${uniq}\r\nX-Mailspec: kept\r\n\r\nline one\r\nline two\r\n/
  cleanup
    include imap.scratch.drop
  end
end

# A missing mailbox: the server must refuse (NO), must not create it, and must send [TRYCREATE] unless it
# is certain the mailbox cannot be created (a name under the user's own ${uniq} can be created).
case imap.rfc9051.6.3.12.append-nonexistent-trycreate
  title "APPEND to a missing mailbox is answered NO [TRYCREATE]"
  rfc 9051 6.3.12 MUST
  rfc 3501 6.3.11 MUST
  tags append errors codes
  requires login
  include imap.authenticated
  command "APPEND mailspec-${uniq}-none" literal "Subject: ${uniq}\r\n\r\nnowhere\r\n"
  expect tagged NO code TRYCREATE
  cleanup
    connect tidy-app
    need greeting
    login
    command "DELETE mailspec-${uniq}-none"
    need tagged OK|NO
  end
end

# ... and the mailbox is not created automatically (MUST NOT).
case imap.rfc9051.6.3.12.append-nonexistent-not-created
  title "APPEND to a missing mailbox does not create it"
  rfc 9051 6.3.12 MUST
  tags append errors
  requires login
  include imap.authenticated
  command "APPEND mailspec-${uniq}-none" literal "Subject: ${uniq}\r\n\r\nnowhere\r\n"
  need tagged NO|BAD
  command "STATUS mailspec-${uniq}-none (MESSAGES)"
  expect tagged NO
  cleanup
    connect tidy-app
    need greeting
    login
    command "DELETE mailspec-${uniq}-none"
    need tagged OK|NO
  end
end

# UIDPLUS (RFC 4315 §3): the tagged OK carries [APPENDUID uidvalidity uid], the UIDVALIDITY of the
# mailbox and a UID that fetches the new message.
case imap.rfc4315.3.appenduid
  title "APPEND answers OK [APPENDUID] with the mailbox's UIDVALIDITY"
  rfc 4315 3 MUST
  rfc 9051 6.3.12 MUST
  tags append uidplus uid
  requires login
  requires ext UIDPLUS
  include imap.scratch.empty
  command "APPEND ${box}" literal "Subject: ${uniq}\r\n\r\nuidplus\r\n"
  expect tagged OK code APPENDUID
  capture auv /\[APPENDUID ([0-9]+) [0-9]+\]/i
  capture auid /\[APPENDUID [0-9]+ ([0-9]+)\]/i
  command "STATUS ${box} (UIDVALIDITY)"
  need tagged OK
  capture uv /UIDVALIDITY ([0-9]+)/i
  expect equals "${auv}" "${uv}"
  command "EXAMINE ${box}"
  need tagged OK
  command "UID FETCH ${auid} (UID)"
  expect tagged OK
  expect untagged FETCH /UID ${auid}[ )]/
  cleanup
    include imap.scratch.drop
  end
end

# With the mailbox selected, the server should announce the new message with EXISTS at once (SHOULD).
case imap.rfc9051.6.3.12.append-selected-exists
  title "APPEND to the selected mailbox is announced with EXISTS 4"
  rfc 9051 6.3.12 SHOULD
  tags append select
  requires login
  include imap.scratch.selected
  command "APPEND ${box}" literal "Subject: ${uniq}\r\n\r\nfour\r\n"
  expect tagged OK
  expect untagged EXISTS 4
  cleanup
    include imap.scratch.drop
  end
end

# A date-time that is not one (month "Foo"): syntax error, BAD; NO is the other refusal (SHOULD, §2.2.2).
case imap.rfc9051.6.3.12.append-bad-date-refused
  title "APPEND with an invalid date-time is refused"
  rfc 9051 2.2.2 SHOULD
  tags append date syntax
  requires login
  include imap.scratch.empty
  command "APPEND ${box} \"31-Foo-2024 25:61:61 +9999\"" literal "Subject: ${uniq}\r\n\r\nbad date\r\n"
  expect tagged BAD|NO
  cleanup
    include imap.scratch.drop
  end
end

# A failed APPEND leaves the mailbox as it was (MUST): after the refused APPEND above, MESSAGES is 0.
case imap.rfc9051.6.3.12.append-failure-no-partial
  title "A refused APPEND leaves the mailbox unchanged"
  rfc 9051 6.3.12 MUST
  tags append
  requires login
  include imap.scratch.empty
  command "APPEND ${box} \"31-Foo-2024 25:61:61 +9999\"" literal "Subject: ${uniq}\r\n\r\nbad date\r\n"
  need tagged BAD|NO
  command "STATUS ${box} (MESSAGES)"
  expect tagged OK
  expect untagged STATUS /\(MESSAGES 0\)/i
  cleanup
    include imap.scratch.drop
  end
end

# APPEND with a non-synchronising literal (LITERAL+, RFC 7888): no continuation, OK.
case imap.rfc9051.6.3.12.append-literal-plus
  title "APPEND with a non-synchronising literal completes with OK"
  rfc 7888 3 MUST
  tags append literal literal-plus
  requires login
  requires ext LITERAL+
  include imap.scratch.empty
  command "APPEND ${box}" literal+ "Subject: ${uniq}\r\n\r\nliteral plus\r\n"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end
