# RFC 8314 §3.1 (Implicit TLS for POP): on a pop3s connection the TLS handshake comes first, then
# the +OK greeting, and the session starts in the AUTHORIZATION state like any other.
# Runs only on an implicit-TLS URL (`requires implicit-tls`; the connection is TLS from the start).
# Gap: the negotiated TLS version (RFC 8314 §4.1: TLS 1.2 or later) cannot be checked by a script.
# Read-only.

# After the greeting on an implicit-TLS connection nobody is logged in yet: STAT is refused, and
# USER/PASS lead to TRANSACTION.
case pop3.rfc8314.3.1.implicit-tls-starts-in-authorization
  title "On pop3s, the +OK greeting leads to AUTHORIZATION: STAT -ERR, then USER/PASS work"
  rfc 8314 3.1 MUST
  rfc 1939 3 MUST
  tags tls pop3s state
  requires implicit-tls
  requires login

  connect
  expect greeting
  send "STAT"
  expect err
  send "USER ${user}"
  need ok
  send "PASS ${password}"
  need ok
  send "STAT"
  expect ok text /^\d+ \d+/
end
