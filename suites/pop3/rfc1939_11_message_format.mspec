# RFC 1939 §11 (Message Format) with §5 (scan listings): the octet count a server reports for a
# message is the size of what RETR delivers, counted with CRLF line ends and without the dots added
# by byte-stuffing. `size-equals` measures the body as RFC 1939 counts it (unstuffed, CRLF).
# Read-only: logs in with the run's credentials (--user, --password-env).
# Cases skip when the maildrop is empty.

# The exact size in LIST's scan listing equals the octets RETR delivers for message 1.
case pop3.rfc1939.11.retr-size-matches-list-first
  title "RETR 1 delivers exactly as many octets as LIST 1 reports"
  rfc 1939 11 MUST
  rfc 1939 5 MUST
  tags size retr list
  requires login

  connect
  need greeting
  login
  send "LIST 1"
  need ok
  capture size /^\+OK 1 (\d+)/
  send "RETR 1"
  expect ok multiline
  expect size-equals size
end

# The same for the last message of the maildrop.
case pop3.rfc1939.11.retr-size-matches-list-last
  title "RETR <last> delivers exactly as many octets as LIST <last> reports"
  rfc 1939 11 MUST
  rfc 1939 5 MUST
  tags size retr list
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture n /^\+OK ([1-9]\d*) /
  send "LIST ${n}"
  need ok
  capture size /^\+OK \d+ (\d+)/
  send "RETR ${n}"
  expect ok multiline
  expect size-equals size
end

# Message 2 of CI's seeded maildrops has lines that start with "." (one is a lone "."): the server
# byte-stuffs them on the wire, and the stuffing dots are not part of the size. A server that forgot
# to stuff would end the response early (the rest then breaks the status-line grammar).
case pop3.rfc1939.11.retr-size-matches-list-second
  title "RETR 2 delivers exactly as many octets as LIST 2 reports (seeded dot lines)"
  rfc 1939 11 MUST
  rfc 1939 3 MUST
  tags size retr list stuffing
  requires login

  connect
  need greeting
  login
  send "LIST 2"
  need ok
  capture size /^\+OK 2 (\d+)/
  send "RETR 2"
  expect ok multiline
  expect size-equals size
end

# With a single message the maildrop size in STAT is that message's size. In general the language
# cannot add sizes up, so this checks the one case it can and skips unless STAT counts 1 message.
case pop3.rfc1939.11.stat-size-matches-retr-single-message
  title "In a one-message maildrop, STAT's octets equal RETR 1's size"
  rfc 1939 5 MUST
  rfc 1939 11 MUST
  tags size stat retr
  requires login

  connect
  need greeting
  login
  send "STAT"
  need ok
  capture size /^\+OK 1 (\d+)/
  send "RETR 1"
  expect ok multiline
  expect size-equals size
end
