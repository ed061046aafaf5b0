# RFC 1939 §3 (Basic Operation): command syntax, case-insensitive keywords, upper-case status
# indicators, negative answers to unknown and syntactically invalid commands, response line length.
# Read-only: logs in with the run's credentials (--user, --password-env); never deletes anything.
# Every status line read by any case is also checked by the strict POP3 parser (upper-case "+OK" /
# "-ERR", first line at most 512 octets), so the explicit cases below only make sure such lines occur.

# A command keyword the server does not know gets a negative answer, before login.
case pop3.rfc1939.3.unknown-command-authorization
  title "An unknown command in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  tags syntax errors authorization

  connect
  need greeting
  send "XYZQ"
  expect err
end

# The same holds once the client is logged in.
case pop3.rfc1939.3.unknown-command-transaction
  title "An unknown command in the TRANSACTION state is answered with -ERR"
  rfc 1939 3 MUST
  tags syntax errors transaction
  requires login

  connect
  need greeting
  login
  send "XYZQ"
  expect err
end

# A keyword that merely starts like a real one is still unknown: no prefix matching.
case pop3.rfc1939.3.keyword-with-suffix-unknown
  title "STATX is not taken for STAT"
  rfc 1939 3 MUST
  tags syntax errors transaction
  requires login

  connect
  need greeting
  login
  send "STATX"
  expect err
end

# Keywords are case-insensitive: lower and mixed case must work like upper case.
case pop3.rfc1939.3.keywords-case-insensitive
  title "Lower- and mixed-case keywords (pAsS, stat, noop) are accepted"
  rfc 1939 3 MUST
  tags syntax
  requires login

  connect
  need greeting
  send "USER ${user}"
  need ok
  send "pAsS ${password}"
  expect ok
  send "stat"
  expect ok text /^\d+ \d+/
  send "noop"
  expect ok
end

# Status indicators are exactly "+OK" and "-ERR", upper case. The strict parser checks every
# status line; this case provokes both kinds in both states.
case pop3.rfc1939.3.status-indicators-upper-case
  title "Positive and negative status indicators are sent in upper case"
  rfc 1939 3 MUST
  rfc 1939 A MUST
  tags syntax
  requires login

  connect
  expect greeting
  send "NOOP"
  expect status
  send "USER ${user}"
  expect status
  send "PASS ${password}"
  expect status
  send "STAT"
  expect status
  send "RETR 0"
  expect status
  send "QUIT"
  expect status
end

# An unknown command with a long argument (the whole line within the 255 octets of RFC 2449 §4)
# still gets -ERR, and the answer's first line stays within 512 octets even if it echoes the input.
case pop3.rfc1939.3.long-unknown-command
  title "A 250-octet unknown command gets a -ERR line of at most 512 octets"
  rfc 1939 3 MUST
  rfc 2449 4 MUST
  tags syntax errors limits

  connect
  need greeting
  send "XYZQ " + "a" * 243
  expect err
end

# A command without its required argument is syntactically invalid.
case pop3.rfc1939.3.retr-without-argument
  title "RETR without a message number is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags syntax errors transaction
  requires login

  connect
  need greeting
  login
  send "RETR"
  expect err
end

# A message number must be decimal digits; a word is syntactically invalid.
case pop3.rfc1939.3.retr-non-numeric-argument
  title "RETR with a non-numeric argument is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 4 MUST
  tags syntax errors transaction
  requires login

  connect
  need greeting
  login
  send "RETR one"
  expect err
end

# STAT takes no argument; a command carrying one is syntactically invalid.
case pop3.rfc1939.3.stat-with-argument
  title "STAT with an argument is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags syntax errors transaction
  requires login

  connect
  need greeting
  login
  send "STAT 1"
  expect err
end

# LIST takes at most one argument; two arguments are syntactically invalid.
case pop3.rfc1939.3.list-two-arguments
  title "LIST with two arguments is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags syntax errors transaction
  requires login

  connect
  need greeting
  login
  send "LIST 1 1"
  expect err
end

# NOOP takes no argument either.
case pop3.rfc1939.3.noop-with-argument
  title "NOOP with an argument is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags syntax errors transaction
  requires login

  connect
  need greeting
  login
  send "NOOP now"
  expect err
end
