# RFC 1939 §11 (Message Format) with §5 (scan listings): the octet count a server reports for a
# message is the size of what RETR delivers, counted with CRLF line ends and without the dots added
# by byte-stuffing. `size-equals` measures the body as RFC 1939 counts it (unstuffed, CRLF).
# Read-only cases log in with the run's credentials (--user, --password-env) and skip when the maildrop
# is empty. The STAT case marks messages deleted as --var mutable_user / mutable_password (CI: carol,
# seeded with ci/targets/dovecot/seed-mail.sh carol 5) and never commits (RSET, no QUIT).
# Audit (issue 8): in every case here RETR is a precondition (need) and the size is the check, so a
# server that refuses RETR is reported once, by pop3.rfc1939.5.retr-first-message. The case that
# compared the last message's size (retr-size-matches-list-last) was removed: it sent the same probe
# as retr-size-matches-list-first (§11, LIST n against RETR n) and tripped on the same deviation.
# §11's "must not" count byte-stuffing dots twice is lower-case in a pre-2119 RFC; the octet count is
# also the "exact size" that §5's required scan-listing format names, hence MUST.

# The exact size in LIST's scan listing equals the octets RETR delivers for message 1.
case pop3.rfc1939.11.retr-size-matches-list-first
  title "RETR 1 delivers exactly as many octets as LIST 1 reports"
  rfc 1939 11 MUST
  rfc 1939 5 MUST
  tags size retr list
  requires login

  include pop3.transaction
  send "LIST 1"
  need ok
  capture size /^\+OK 1 (\d+)/
  send "RETR 1"
  need ok multiline
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

  include pop3.transaction
  send "LIST 2"
  need ok
  capture size /^\+OK 2 (\d+)/
  send "RETR 2"
  need ok multiline
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

  include pop3.mutable.messages
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
  need ok multiline
  expect size-equals size
  include pop3.abandon
end
