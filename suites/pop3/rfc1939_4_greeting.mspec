# RFC 1939 §4 (The AUTHORIZATION State): the greeting, QUIT before login, message numbering once
# the maildrop is open, and what may follow a failed login. Greeting grammar: RFC 2449 §3.
# Read-only: logs in with the run's credentials (--user, --password-env).

# On connect the server sends a single positive status line as its greeting.
case pop3.rfc1939.4.greeting-is-positive
  title "The greeting is one +OK line"
  rfc 1939 4 MUST
  rfc 1939 A MUST
  rfc 2449 3 MUST
  tags greeting

  connect
  expect greeting
end

# The greeting puts the session in AUTHORIZATION: nothing else is sent until the client speaks.
case pop3.rfc1939.4.greeting-is-one-line
  title "Nothing follows the greeting line until the client sends a command"
  rfc 1939 4 MUST
  tags greeting

  connect
  need greeting
  expect silence 1s
end

# QUIT before login is always accepted with +OK, and the server then closes the connection
# without entering the UPDATE state.
case pop3.rfc1939.4.quit-in-authorization
  title "QUIT before login gets +OK and the server closes the connection"
  rfc 1939 4 MUST
  rfc 1939 6 MUST
  tags quit authorization

  connect
  need greeting
  send "QUIT"
  expect ok
  expect closed
end

# Message numbers start at 1 and count up by one, in decimal.
case pop3.rfc1939.4.message-numbers-start-at-one
  title "The first scan listing is message 1, the next (if any) message 2"
  rfc 1939 4 MUST
  tags numbering list
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture n /^\+OK ([1-9]\d*) /
  send "LIST"
  expect ok multiline
  expect body /\A1 \d+[^\n]*\n(?:2 \d+|\z)/
end

# Message number 0 never exists: numbering starts at 1.
case pop3.rfc1939.4.message-number-zero-rejected
  title "RETR 0 and LIST 0 are answered with -ERR"
  rfc 1939 4 MUST
  rfc 1939 5 MUST
  tags numbering errors
  requires login

  connect
  need greeting
  login
  send "LIST 0"
  expect err
  send "RETR 0"
  expect err
end

# After a rejected login the server may close; if it does not, the client may start again.
# Whether a new USER/PASS is allowed is the server's choice, so a refusal is reported as info.
case pop3.rfc1939.4.retry-after-failed-login
  title "After a wrong password a new USER/PASS may succeed on the same connection"
  rfc 1939 4 MAY
  rfc 1939 7 MAY
  tags authorization retry
  requires login

  connect
  need greeting
  send "USER ${user}"
  need ok
  send "PASS mailspec-wrong-${uniq}"
  need err
  send "USER ${user}"
  expect ok
  send "PASS ${password}"
  expect ok
end
