# RFC 1939 §5 (The TRANSACTION State): RETR of existing, missing and malformed message numbers.
# Octet counts of RETR against LIST are in rfc1939_11_message_format.mspec.
# Read-only: logs in with the run's credentials (--user, --password-env).
# Cases that need a message skip when the maildrop is empty.

# RETR of an existing message answers +OK followed by the message, dot-terminated.
case pop3.rfc1939.5.retr-first-message
  title "RETR 1 answers +OK and a dot-terminated message"
  rfc 1939 5 MUST
  tags retr
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture n /^\+OK ([1-9]\d*) /
  send "RETR 1"
  expect ok multiline
end

# The last message (numbered with STAT's count) can be retrieved as well.
case pop3.rfc1939.5.retr-last-message
  title "RETR <count from STAT> answers +OK and the message"
  rfc 1939 5 MUST
  tags retr numbering
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture n /^\+OK ([1-9]\d*) /
  send "RETR ${n}"
  expect ok multiline
end

# Retrieving does not delete: the message is still there afterwards in the same session.
case pop3.rfc1939.5.retr-does-not-mark-deleted
  title "After RETR 1, LIST 1 and a second RETR 1 still succeed"
  rfc 1939 5 MUST
  tags retr
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture n /^\+OK ([1-9]\d*) /
  send "RETR 1"
  need ok multiline
  send "LIST 1"
  expect ok text /^1 \d+/
  send "RETR 1"
  expect ok multiline
end

# A number beyond the last message is refused ("<count>1" is always larger than the count).
case pop3.rfc1939.5.retr-beyond-last-message
  title "RETR with a number above the message count is answered with -ERR"
  rfc 1939 5 MUST
  tags retr errors
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture n /^\+OK (\d+) /
  send "RETR ${n}1"
  expect err
end

# A negative message number is refused.
case pop3.rfc1939.5.retr-negative
  title "RETR -1 is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags retr syntax errors
  requires login

  connect
  need greeting
  login
  send "RETR -1"
  expect err
end

# Two message numbers where one is expected are syntactically invalid.
case pop3.rfc1939.5.retr-two-arguments
  title "RETR with two arguments is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags retr syntax errors
  requires login

  connect
  need greeting
  login
  send "RETR 1 2"
  expect err
end
