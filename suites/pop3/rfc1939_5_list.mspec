# RFC 1939 §5 (The TRANSACTION State): LIST with and without argument, scan listings, and
# message-number arguments that are out of range or malformed (§3, §4).
# Read-only: logs in with the run's credentials (--user, --password-env).
# Cases that need a message skip when the maildrop is empty.

# LIST without argument: +OK, then one scan listing "<number> <octets>" per message, then ".".
case pop3.rfc1939.5.list-scan-listings-format
  title "LIST answers a multi-line list of <number> <octets> lines"
  rfc 1939 5 MUST
  tags list syntax
  requires login

  connect
  need greeting
  login
  send "LIST"
  expect ok multiline
  expect body /\A(?:\d+ \d+(?: [^\r\n]*)?\r?\n)*\z/
end

# Minimal servers end each scan listing after the size; extra text is strongly discouraged.
case pop3.rfc1939.5.list-nothing-after-size
  title "LIST's scan listings end after the message size"
  rfc 1939 5 SHOULD
  tags list syntax
  requires login

  connect
  need greeting
  login
  send "LIST"
  need ok multiline
  expect body /\A(?:\d+ \d+\r?\n)*\z/
end

# LIST with a message number answers on the status line: "+OK <number> <octets>".
case pop3.rfc1939.5.list-single-format
  title "LIST 1 answers +OK 1 <octets>"
  rfc 1939 5 MUST
  tags list syntax
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture n /^\+OK ([1-9]\d*) /
  send "LIST 1"
  expect ok text /^1 \d+(?: |$)/
end

# STAT's count and the numbering agree: the message numbered with STAT's count exists.
case pop3.rfc1939.5.list-last-message
  title "LIST <count from STAT> names an existing message"
  rfc 1939 5 MUST
  rfc 1939 4 MUST
  tags list stat numbering
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture n /^\+OK ([1-9]\d*) /
  send "LIST ${n}"
  expect ok text /^\d+ \d+/
end

# A number beyond the last message is refused. Appending a digit to STAT's count always gives a
# larger number (the language has no arithmetic).
case pop3.rfc1939.5.list-beyond-last-message
  title "LIST with a number above the message count is answered with -ERR"
  rfc 1939 5 MUST
  tags list errors
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture n /^\+OK (\d+) /
  send "LIST ${n}1"
  expect err
end

# A message number is decimal digits; a word is refused.
case pop3.rfc1939.5.list-non-numeric
  title "LIST with a non-numeric argument is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags list syntax errors
  requires login

  connect
  need greeting
  login
  send "LIST one"
  expect err
end

# Negative message numbers do not exist.
case pop3.rfc1939.5.list-negative
  title "LIST -1 is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags list syntax errors
  requires login

  connect
  need greeting
  login
  send "LIST -1"
  expect err
end

# A number far beyond any maildrop (2^32 + 1, to catch 32-bit wrap-around to message 1) is refused.
case pop3.rfc1939.5.list-huge-number
  title "LIST 4294967297 is answered with -ERR"
  rfc 1939 5 MUST
  tags list errors limits
  requires login

  connect
  need greeting
  login
  send "LIST 4294967297"
  expect err
end
