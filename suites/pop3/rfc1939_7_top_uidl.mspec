# RFC 1939 §7 (Optional POP3 Commands): TOP and UIDL, run only when CAPA advertises them
# (RFC 2449 §6.1 TOP, §6.8 UIDL). Deleted messages and TOP/UIDL: rfc1939_5_dele.mspec.
# Read-only: logs in with the run's credentials (--user, --password-env).
# Cases that need a message skip when the maildrop is empty. UIDL persistence across sessions is
# checked by capturing an id in one session and comparing it (`expect equals`) in the next. The
# `serial` case at the end commits a deletion as --var mutable_user / mutable_password (CI: carol).
# Audit (issue 8): set-up from fixtures (pop3.transaction*, pop3.mutable*); TOP's and UIDL's argument
# rules ("a message-number (required)", "a non-negative number of lines (required)") make a missing
# or malformed argument a syntactically invalid command (§3 MUST), unlike "Arguments: none".

# TOP n 0 sends the header, the empty line that ends it, and no body line.
case pop3.rfc1939.7.top-zero-lines
  title "TOP 1 0 sends only the header lines and the empty separator line"
  rfc 1939 7 MUST
  tags top
  requires ext TOP
  requires login

  include pop3.transaction.messages
  send "TOP 1 0"
  expect ok multiline
  expect body /\A(?:[^\r\n]+\r?\n)*\r?\n\z/
end

# Asking TOP for more lines than the body has yields the entire message (§7): as many octets as
# RETR sends for it. Audit: the reference is now the size of what RETR 1 delivered (`${last.size}`),
# no longer LIST's octet count, so that a wrong LIST size is reported once (by
# pop3.rfc1939.11.retr-size-matches-list-first) and this case reports only a short TOP.
case pop3.rfc1939.7.top-more-lines-than-body
  title "TOP 1 with a huge line count delivers the entire message"
  rfc 1939 7 MUST
  tags top size
  requires ext TOP
  requires login

  include pop3.transaction.messages
  send "RETR 1"
  need ok multiline
  set size "${last.size}"
  send "TOP 1 1000000"
  expect ok multiline
  expect size-equals size
end

# TOP of a message that does not exist is refused ("<count>1" is above the count).
case pop3.rfc1939.7.top-beyond-last-message
  title "TOP with a number above the message count is answered with -ERR"
  rfc 1939 7 MUST
  tags top errors
  requires ext TOP
  requires login

  include pop3.transaction.stat
  send "TOP ${n}1 0"
  expect err
end

# TOP needs two arguments; without the line count it is syntactically invalid.
case pop3.rfc1939.7.top-missing-line-count
  title "TOP with only a message number is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags top syntax errors
  requires ext TOP
  requires login

  include pop3.transaction
  send "TOP 1"
  expect err
end

# The line count must be non-negative.
case pop3.rfc1939.7.top-negative-line-count
  title "TOP 1 -1 is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags top syntax errors
  requires ext TOP
  requires login

  include pop3.transaction
  send "TOP 1 -1"
  expect err
end

# The line count must be a number.
case pop3.rfc1939.7.top-non-numeric-line-count
  title "TOP 1 ten is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags top syntax errors
  requires ext TOP
  requires login

  include pop3.transaction
  send "TOP 1 ten"
  expect err
end

# UIDL without argument: one "<number> <unique-id>" line per message, the id being 1 to 70
# characters from 0x21 to 0x7E, and nothing after it.
case pop3.rfc1939.7.uidl-listing-format
  title "UIDL lists <number> <id> lines, ids of 1-70 printable characters"
  rfc 1939 7 MUST
  tags uidl syntax
  requires ext UIDL
  requires login

  include pop3.transaction
  send "UIDL"
  expect ok multiline
  expect body /\A(?:\d+ [\x21-\x7E]{1,70}\r?\n)*\z/
end

# UIDL with a message number answers "+OK <number> <unique-id>" on the status line.
case pop3.rfc1939.7.uidl-single-format
  title "UIDL 1 answers +OK 1 <id> with a 1-70 character printable id"
  rfc 1939 7 MUST
  tags uidl syntax
  requires ext UIDL
  requires login

  include pop3.transaction.messages
  send "UIDL 1"
  expect ok text /^1 [\x21-\x7E]{1,70}$/
end

# Unique ids tell messages apart: no id appears twice in one listing. (Two identical copies of a
# message may share an id when ids are hashes, so this is not an absolute rule.)
case pop3.rfc1939.7.uidl-ids-unique
  title "No unique-id appears twice in a UIDL listing"
  rfc 1939 7 SHOULD
  tags uidl
  requires ext UIDL
  requires login

  include pop3.transaction
  send "UIDL"
  need ok multiline
  expect body /\A(?![\s\S]*^\d+ ([^\r\n ]+)\r?\n(?:[\s\S]*\n)?\d+ \1\r?$)/
end

# UIDL of a message that does not exist is refused ("<count>1" is above the count).
case pop3.rfc1939.7.uidl-beyond-last-message
  title "UIDL with a number above the message count is answered with -ERR"
  rfc 1939 7 MUST
  tags uidl errors
  requires ext UIDL
  requires login

  include pop3.transaction.stat
  send "UIDL ${n}1"
  expect err
end

# UIDL's argument is a message number; a word is refused.
case pop3.rfc1939.7.uidl-non-numeric
  title "UIDL one is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags uidl syntax errors
  requires ext UIDL
  requires login

  include pop3.transaction
  send "UIDL one"
  expect err
end

# A unique-id persists across sessions: message 1 has the same id in the next session (the first one
# ended with QUIT; nothing was deleted).
case pop3.rfc1939.7.uidl-persists-across-sessions
  title "UIDL 1 gives the same id in a new session after QUIT"
  rfc 1939 7 MUST
  tags uidl sessions
  requires ext UIDL
  requires login

  include pop3.transaction
  send "UIDL 1"
  need ok
  capture before /^\+OK 1 ([\x21-\x7E]+)/
  send "QUIT"
  need ok
  include pop3.transaction.second
  send "UIDL 1"
  need ok
  capture after /^\+OK 1 ([\x21-\x7E]+)/
  expect equals "${after}" "${before}"
end

# The persistence is required even when a session ends without entering the UPDATE state: here the
# first session is dropped without QUIT.
case pop3.rfc1939.7.uidl-persists-after-drop
  title "UIDL 1 gives the same id in a new session after a dropped connection"
  rfc 1939 7 MUST
  tags uidl sessions
  requires ext UIDL
  requires login

  include pop3.transaction
  send "UIDL"
  need ok multiline
  capture before /^1 ([\x21-\x7E]+)/
  close
  include pop3.transaction.second
  send "UIDL"
  need ok multiline
  capture after /^1 ([\x21-\x7E]+)/
  expect equals "${after}" "${before}"
end

# An id belongs to its message, not to its number: once message 1 is deleted (committed with QUIT),
# the former message 2 is message 1 of the next session and keeps its id. A server that derives ids
# from message numbers would hand message 2's id to another message. Serial: it really deletes
# message 1 of the mutable maildrop, so it runs alone after the parallel cases.
case pop3.rfc1939.7.uidl-survives-deletion-of-others
  title "After DELE 1 and QUIT, the new message 1 has the id the old message 2 had"
  rfc 1939 7 MUST
  tags uidl sessions dele mutates
  requires ext UIDL
  requires var mutable_user
  requires var mutable_password
  serial

  include pop3.mutable.two
  send "UIDL 2"
  need ok
  capture second /^\+OK 2 ([\x21-\x7E]+)/
  send "DELE 1"
  need ok
  send "QUIT"
  need ok
  include pop3.mutable.second
  send "UIDL 1"
  expect ok
  capture now /^\+OK 1 ([\x21-\x7E]+)/
  expect equals "${now}" "${second}"
end
