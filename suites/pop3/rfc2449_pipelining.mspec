# RFC 2449 §6.6 (PIPELINING capability): with PIPELINING advertised the client may send several
# commands in one write, and the server handles them one after the other, answering in order.
# A `send` with several strings writes them all at once. Read-only: logs in with the run's
# credentials (--user, --password-env).

# USER and PASS batched with a first TRANSACTION command: three answers, in order.
case pop3.rfc2449.6.6.pipelined-login
  title "USER, PASS, STAT in one write get +OK, +OK, +OK <n> <octets>"
  rfc 2449 6.6 MUST
  tags pipelining
  requires ext PIPELINING
  requires login

  connect
  need greeting
  send "USER ${user}" "PASS ${password}" "STAT"
  expect ok
  expect ok
  expect ok text /^\d+ \d+/
end

# A refused command in the batch does not disturb the ones after it: PASS without USER fails,
# the following USER/PASS succeed.
case pop3.rfc2449.6.6.pipelined-after-error
  title "PASS, USER, PASS in one write get -ERR, +OK, +OK"
  rfc 2449 6.6 MUST
  rfc 1939 7 MUST
  tags pipelining
  requires ext PIPELINING
  requires login

  connect
  need greeting
  send "PASS mailspec-wrong-${uniq}" "USER ${user}" "PASS ${password}"
  expect err
  expect ok
  expect ok
end

# A multi-line answer in the middle of the batch: CAPA's list, then NOOP's -ERR (wrong state),
# then USER's +OK.
case pop3.rfc2449.6.6.pipelined-authorization-mixed
  title "CAPA, NOOP, USER in one write get the list, -ERR, +OK"
  rfc 2449 6.6 MUST
  tags pipelining capa
  requires ext PIPELINING
  requires login

  connect
  need greeting
  send "CAPA" "NOOP" "USER ${user}"
  expect ok multiline
  expect err
  expect ok
end

# In the TRANSACTION state: STAT, an invalid LIST, and LIST without argument.
case pop3.rfc2449.6.6.pipelined-transaction-mixed
  title "STAT, LIST 0, LIST in one write get the drop listing, -ERR, the scan listings"
  rfc 2449 6.6 MUST
  tags pipelining
  requires ext PIPELINING
  requires login

  connect
  need greeting
  login
  send "STAT" "LIST 0" "LIST"
  expect ok text /^\d+ \d+/
  expect err
  expect ok multiline
  expect body /\A(?:\d+ \d+[^\r\n]*\r?\n)*\z/
end

# A message retrieval followed by more commands: the message, then NOOP's +OK, then LIST 1's listing.
case pop3.rfc2449.6.6.pipelined-retr
  title "RETR 1, NOOP, LIST 1 in one write get the message, +OK, +OK 1 <octets>"
  rfc 2449 6.6 MUST
  tags pipelining retr
  requires ext PIPELINING
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture n /^\+OK ([1-9]\d*) /
  send "RETR 1" "NOOP" "LIST 1"
  expect ok multiline
  expect ok
  expect ok text /^1 \d+/
end

# UIDL's multi-line answer followed by more commands (the overlap RFC 2449 describes).
case pop3.rfc2449.6.6.pipelined-uidl-list
  title "UIDL, LIST, STAT in one write get two lists and the drop listing, in order"
  rfc 2449 6.6 MUST
  tags pipelining uidl
  requires ext PIPELINING
  requires ext UIDL
  requires login

  connect
  need greeting
  login
  send "UIDL" "LIST" "STAT"
  expect ok multiline
  expect ok multiline
  expect body /\A(?:\d+ \d+[^\r\n]*\r?\n)*\z/
  expect ok text /^\d+ \d+/
end

# QUIT at the end of a batch: the earlier command is answered first, then QUIT, then the close.
case pop3.rfc2449.6.6.pipelined-quit
  title "STAT, QUIT in one write get +OK <n> <octets>, +OK, then the close"
  rfc 2449 6.6 MUST
  tags pipelining quit
  requires ext PIPELINING
  requires login

  connect
  need greeting
  login
  send "STAT" "QUIT"
  expect ok text /^\d+ \d+/
  expect ok
  expect closed
end
