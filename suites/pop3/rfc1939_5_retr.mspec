# RFC 1939 §5 (The TRANSACTION State): RETR of existing, missing and malformed message numbers.
# Octet counts of RETR against LIST are in rfc1939_11_message_format.mspec.
# Read-only: logs in with the run's credentials (--user, --password-env).
# Cases that need a message skip when the maildrop is empty (fixture pop3.transaction.messages).

# RETR of an existing message answers +OK followed by the message, dot-terminated (§5).
case pop3.rfc1939.5.retr-first-message
  title "RETR 1 answers +OK and a dot-terminated message"
  rfc 1939 5 MUST
  tags retr
  requires login

  include pop3.transaction.messages
  send "RETR 1"
  expect ok multiline
end

# The last message (numbered with STAT's count) can be retrieved as well. Audit: RETR 1 first, as a
# precondition, so that a server refusing every RETR is reported once (by retr-first-message) and
# this case reports only a failure that is specific to the last number.
case pop3.rfc1939.5.retr-last-message
  title "RETR <count from STAT> answers +OK and the message"
  rfc 1939 5 MUST
  tags retr numbering
  requires login

  include pop3.transaction.messages
  send "RETR 1"
  need ok multiline
  send "RETR ${n}"
  expect ok multiline
end

# Retrieving does not delete: the message is still there afterwards in the same session (§5: only
# DELE marks a message).
case pop3.rfc1939.5.retr-does-not-mark-deleted
  title "After RETR 1, LIST 1 and a second RETR 1 still succeed"
  rfc 1939 5 MUST
  tags retr
  requires login

  include pop3.transaction.messages
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

  include pop3.transaction.stat
  send "RETR ${n}1"
  expect err
end

# A negative message number is not a message number (§4): the command is invalid (§3).
case pop3.rfc1939.5.retr-negative
  title "RETR -1 is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags retr syntax errors
  requires login

  include pop3.transaction
  send "RETR -1"
  expect err
end

# RETR takes one message number (§5); the RFC does not tell the server to refuse a second argument.
# Audit: was MUST, now MAY (info): refusing is reported, ignoring the extra argument is allowed.
case pop3.rfc1939.5.retr-two-arguments
  title "RETR with two arguments is answered with -ERR (the server's choice)"
  rfc 1939 5 MAY
  rfc 1939 3 MAY
  tags retr syntax errors
  requires login

  include pop3.transaction
  send "RETR 1 2"
  expect err
end
