# RFC 1939 §5 (The TRANSACTION State): LIST with and without argument, scan listings, and
# message-number arguments that are out of range or malformed (§3, §4).
# Read-only: logs in with the run's credentials (--user, --password-env).
# Cases that need a message skip when the maildrop is empty (fixture pop3.transaction.messages).

# LIST without argument: +OK, then one scan listing "<number> <octets>" per message, then "."
# (§5: "all POP3 servers are required to use a certain format for scan listings").
case pop3.rfc1939.5.list-scan-listings-format
  title "LIST answers a multi-line list of <number> <octets> lines"
  rfc 1939 5 MUST
  tags list syntax
  requires login

  include pop3.transaction
  send "LIST"
  expect ok multiline
  expect body /\A(?:\d+ \d+(?: [^\r\n]*)?\r?\n)*\z/
end

# §5 says it makes "no requirement on what follows the message size": minimal implementations end
# the line there (lower-case "should"), more advanced ones may add information, and the memo
# strongly discourages it. Audit: was SHOULD, now MAY (info): extra text is a permitted choice.
case pop3.rfc1939.5.list-nothing-after-size
  title "LIST's scan listings end after the message size"
  rfc 1939 5 MAY
  tags list syntax
  requires login

  include pop3.transaction
  send "LIST"
  need ok multiline
  expect body /\A(?:\d+ \d+\r?\n)*\z/
end

# LIST with a message number answers on the status line: "+OK <number> <octets>" (§5).
case pop3.rfc1939.5.list-single-format
  title "LIST 1 answers +OK 1 <octets>"
  rfc 1939 5 MUST
  tags list syntax
  requires login

  include pop3.transaction.messages
  send "LIST 1"
  expect ok text /^1 \d+(?: |$)/
end

# STAT's count and the numbering agree (§4, §5): the message numbered with STAT's count exists.
case pop3.rfc1939.5.list-last-message
  title "LIST <count from STAT> names an existing message"
  rfc 1939 5 MUST
  rfc 1939 4 MUST
  tags list stat numbering
  requires login

  include pop3.transaction.messages
  send "LIST ${n}"
  expect ok text /^\d+ \d+/
end

# A number beyond the last message names no message: -ERR no such message (§5). Appending a digit
# to STAT's count always gives a larger number (the language has no arithmetic).
case pop3.rfc1939.5.list-beyond-last-message
  title "LIST with a number above the message count is answered with -ERR"
  rfc 1939 5 MUST
  tags list errors
  requires login

  include pop3.transaction.stat
  send "LIST ${n}1"
  expect err
end

# A message number is decimal digits (§4); a word makes the command syntactically invalid (§3).
case pop3.rfc1939.5.list-non-numeric
  title "LIST with a non-numeric argument is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags list syntax errors
  requires login

  include pop3.transaction
  send "LIST one"
  expect err
end

# Negative message numbers do not exist (§4).
case pop3.rfc1939.5.list-negative
  title "LIST -1 is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags list syntax errors
  requires login

  include pop3.transaction
  send "LIST -1"
  expect err
end

# A number far beyond any maildrop (2^32 + 1, to catch 32-bit wrap-around to message 1) is refused.
case pop3.rfc1939.5.list-huge-number
  title "LIST 4294967297 is answered with -ERR"
  rfc 1939 5 MUST
  tags list errors limits
  requires login

  include pop3.transaction
  send "LIST 4294967297"
  expect err
end
