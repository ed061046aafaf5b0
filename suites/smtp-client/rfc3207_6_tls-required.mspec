# RFC 3207 §6: a client can be configured to require TLS (MUST be able to); so configured, it does not
# go on in clear when STARTTLS is missing (stripped by an attacker) or refused. These cases are for a
# client configured to require STARTTLS (tag tls-required): it quits or closes. Like every STARTTLS case
# they `requires plain`: `serve smtps` leaves them out (skip), as the client is in TLS already.

# The EHLO reply does not offer STARTTLS (a STARTTLS-stripping attacker removed it).
case smtp-client.rfc3207.6.tls-required-starttls-missing
  title "TLS required, STARTTLS not offered: the client does not go on in clear"
  rfc 3207 6 MUST
  tags starttls tls-required security cleartext
  requires plain
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH PLAIN LOGIN" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  expect command QUIT|RSET|NOOP or-closed
  if equals "${cmd.verb}" "QUIT"
    send "221 2.0.0 bye"
  else
    send "250 2.0.0 ok"
    include smtp-client.only-quit
  end
end

# STARTTLS offered but answered 454 (TLS not available).
case smtp-client.rfc3207.6.tls-required-454
  title "TLS required, STARTTLS answered 454: the client does not go on in clear"
  rfc 3207 6 MUST
  tags starttls tls-required security cleartext
  requires plain
  include smtp-client.ehlo-starttls
  send "454 4.7.0 TLS not available due to temporary reason"
  include smtp-client.only-quit
end

# RFC 3207 §4.1: after the handshake both sides decide whether to go on; a client that required TLS and
# got it goes on (here: the sanity case for the tls-required configuration, mail sent inside TLS).
case smtp-client.rfc3207.4.1.tls-required-mail-inside-tls
  title "TLS required and available: the mail transaction happens inside TLS"
  rfc 3207 4.1 MUST
  tags starttls tls-required cleartext
  requires plain
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-STARTTLS" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  expect command STARTTLS|QUIT or-closed
  need equals "${cmd.verb}" "STARTTLS" hint "configure the client to use STARTTLS"
  send "220 2.0.0 ready to start TLS"
  starttls
  need command EHLO hint "the client sent no EHLO after TLS (ehlo-after-starttls judges that)"
  send "250-mailspec.test" "250 8BITMIME"
  include smtp-client.finish
end
