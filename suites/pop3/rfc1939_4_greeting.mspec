# RFC 1939 §4 (The AUTHORIZATION State): the greeting, QUIT before login, message numbering once
# the maildrop is open, and what may follow a failed login. Greeting grammar: RFC 2449 §3.
# Read-only: logs in with the run's credentials (--user, --password-env).

# On connect the server sends a single positive status line as its greeting (§4; grammar RFC 2449 §3).
case pop3.rfc1939.4.greeting-is-positive
  title "The greeting is one +OK line"
  rfc 1939 4 MUST
  rfc 1939 A MUST
  rfc 2449 3 MUST
  tags greeting

  connect
  expect greeting
end

# The greeting is one line (§4): nothing else is sent until the client speaks.
case pop3.rfc1939.4.greeting-is-one-line
  title "Nothing follows the greeting line until the client sends a command"
  rfc 1939 4 MUST
  tags greeting

  include pop3.greeted
  expect silence 1s
end

# QUIT before login is answered +OK (§4) and the session terminates: the server closes the
# connection (§3, §6). Audit: the close is awaited `within 15s`, so a server that never closes is a
# fail rather than an `error` after the read timeout.
case pop3.rfc1939.4.quit-in-authorization
  title "QUIT before login gets +OK and the server closes the connection"
  rfc 1939 4 MUST
  rfc 1939 6 MUST
  tags quit authorization

  include pop3.greeted
  send "QUIT"
  expect ok
  expect closed within 15s
end

# Message numbers start at 1 and count up by one, in decimal (§4).
case pop3.rfc1939.4.message-numbers-start-at-one
  title "The first scan listing is message 1, the next (if any) message 2"
  rfc 1939 4 MUST
  tags numbering list
  requires login

  include pop3.transaction.messages
  send "LIST"
  expect ok multiline
  expect body /\A1 \d+[^\n]*\n(?:2 \d+|\z)/
end

# Message number 0 never exists (§4: numbering starts at 1), so LIST 0 and RETR 0 name no message.
case pop3.rfc1939.4.message-number-zero-rejected
  title "RETR 0 and LIST 0 are answered with -ERR"
  rfc 1939 4 MUST
  rfc 1939 5 MUST
  tags numbering errors
  requires login

  include pop3.transaction
  send "LIST 0"
  expect err
  send "RETR 0"
  expect err
end

# After a rejected login the server may close (§4, lower-case "may"); if it does not, the client may
# start again. Whether a new USER/PASS is accepted is the server's choice, so a refusal (or a close)
# is reported as info. Audit: the case fails a login on purpose, so it is `serial` (a penalising
# server such as Dovecot delays every login from this address for a while after a failure, and
# must not push a parallel case's login into a timeout), and every answer that such a server may
# delay is awaited `within 20s`.
case pop3.rfc1939.4.retry-after-failed-login
  title "After a wrong password a new USER/PASS may succeed on the same connection"
  rfc 1939 4 MAY
  rfc 1939 7 MAY
  tags authorization retry
  requires login
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  send "USER ${user}"
  need ok
  send "PASS mailspec-wrong-${uniq}"
  need err within 20s
  send "USER ${user}"
  expect ok
  send "PASS ${password}"
  expect ok within 20s
end
