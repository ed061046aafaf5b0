# RFC 1939 §11 (Message Format) with §5 (scan listings): the octet count a server reports for a
# message is the size of what RETR delivers, counted with CRLF line ends and without the dots added
# by byte-stuffing. `size-equals` measures the body as RFC 1939 counts it (unstuffed, CRLF).
# Read-only cases log in with the run's credentials (--user, --password-env) and skip when the maildrop
# is empty. The STAT case marks messages deleted as --var mutable_user / mutable_password (CI: carol,
# seeded with ci/targets/dovecot/seed-mail.sh carol 5) and never commits (RSET, no QUIT).

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

# STAT's octet count is the size of the messages not marked as deleted, counted like RETR counts them
# (RFC 1939 §5 drop listing, §11). The language cannot add sizes up, so the case marks every message
# but the first as deleted (up to 9 messages; the case skips with more) and compares STAT's octets with
# the size of what RETR 1 delivers. Mutating, but nothing is committed: RSET, then the connection is
# dropped without QUIT, so a correct server removes nothing.
case pop3.rfc1939.11.stat-size-matches-retr-single-message
  title "With all but message 1 marked deleted, STAT's octets equal RETR 1's size"
  rfc 1939 5 MUST
  rfc 1939 11 MUST
  tags size stat retr dele mutates
  requires var mutable_user
  requires var mutable_password

  connect
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "STAT"
  need ok
  capture n /^\+OK ([1-9]) /
  send "DELE 2"
  read
  send "DELE 3"
  read
  send "DELE 4"
  read
  send "DELE 5"
  read
  send "DELE 6"
  read
  send "DELE 7"
  read
  send "DELE 8"
  read
  send "DELE 9"
  read
  send "STAT"
  need ok
  capture size /^\+OK 1 (\d+)/
  send "RETR 1"
  expect ok multiline
  expect size-equals size
  send "RSET"
  read
  close
end
