# RFC 8314 §3.1 (Implicit TLS for POP): on a pop3s connection the TLS handshake comes first, then
# the +OK greeting, and the session starts in the AUTHORIZATION state like any other.
# Runs only on an implicit-TLS URL (`requires implicit-tls`; the connection is TLS from the start).
# Gap: the negotiated TLS version (RFC 8314 §4.1: TLS 1.2 or later) cannot be checked by a script.
# Read-only.

# After the greeting on an implicit-TLS connection nobody is logged in yet (§3.1 MUST: both enter
# AUTHORIZATION): STAT is refused. Audit: the greeting is now a precondition (fixture pop3.greeted;
# its form is checked by pop3.rfc1939.4.greeting-is-positive, which also runs on pop3s), and the
# USER/PASS/STAT tail was dropped: it repeated pop3.rfc1939.7.user-pass-enters-transaction, which
# runs on pop3s URLs as well.
case pop3.rfc8314.3.1.implicit-tls-starts-in-authorization
  title "On pop3s, the +OK greeting leads to AUTHORIZATION: STAT is answered with -ERR"
  rfc 8314 3.1 MUST
  rfc 1939 3 MUST
  tags tls pop3s state
  requires implicit-tls

  include pop3.greeted
  send "STAT"
  expect err
end
