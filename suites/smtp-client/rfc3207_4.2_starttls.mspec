# RFC 3207: STARTTLS. The client asks for TLS only when offered, starts the handshake right after the 220
# and acts on nothing the server sent in clear before it (§4.2, the CVE-2011-0411 class), forgets what it
# learnt before TLS and says EHLO again (§4.2), and never starts TLS twice.

fixture smtp-client.ehlo-starttls
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-STARTTLS" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  need command STARTTLS hint "configure the client to use STARTTLS (it went on in clear text)"
end

# After a successful TLS negotiation the client starts over with EHLO (§4.2 SHOULD).
case smtp-client.rfc3207.4.2.ehlo-after-starttls
  title "After STARTTLS the client sends EHLO again"
  rfc 3207 4.2 SHOULD
  tags starttls tls cleartext
  requires plain
  include smtp-client.ehlo-starttls
  send "220 2.0.0 ready to start TLS"
  starttls
  expect command EHLO
  send "250-mailspec.test" "250 8BITMIME"
  include smtp-client.finish
end

# STARTTLS only when the EHLO reply offers it (RFC 5321 §4.1.1: no extension the server did not
# advertise; a client that requires TLS quits instead).
case smtp-client.rfc3207.4.starttls-only-if-advertised
  title "No STARTTLS unless the server offers it"
  rfc 5321 4.1.1 MUST
  rfc 3207 4 MUST
  tags starttls cleartext
  requires plain
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  expect command MAIL|QUIT|RSET|NOOP|AUTH|EHLO|HELO or-closed
  if equals "${cmd.verb}" "MAIL"
    send "250 2.1.0 sender ok"
    include smtp-client.rest-after-mail
  else
    if equals "${cmd.verb}" "QUIT"
      send "221 2.0.0 bye"
    else
      send "502 5.5.2 not now"
    end
  end
end

# Response injection: the 220 and a forged "250" reply come in one write, before the handshake. The
# client must not take the forged reply for the answer to its first command inside TLS (§4.2 MUST
# discard what was not obtained from the TLS negotiation). Observable: after its EHLO in TLS the client
# waits for our reply instead of going on at once. A client whose reader leaves the extra octets to the
# TLS library fails the handshake, which is safe (starttls or-end).
case smtp-client.rfc3207.4.2.response-injection
  title "Plaintext injected after the 220 to STARTTLS is not acted on inside TLS"
  rfc 3207 4.2 MUST
  tags starttls tls security cleartext
  requires plain
  include smtp-client.ehlo-starttls
  send-raw "220 2.0.0 ready to start TLS\r\n250-mailspec.test injected\r\n250 AUTH PLAIN\r\n"
  starttls or-end
  need command EHLO|HELO|MAIL|AUTH|QUIT|NOOP|RSET hint "the client sent nothing after TLS"
  expect silence 1s
  send "250-mailspec.test" "250 8BITMIME"
  include smtp-client.finish
end

# What the server said before TLS is forgotten (§4.2 MUST): AUTH offered only in clear, not after TLS,
# must not be used inside TLS.
case smtp-client.rfc3207.4.2.pre-tls-capabilities-discarded
  title "Extensions offered only before TLS are not used after it"
  rfc 3207 4.2 MUST
  rfc 3207 6 MUST
  tags starttls tls auth cleartext
  requires plain
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-STARTTLS" "250-AUTH PLAIN LOGIN" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  need command STARTTLS hint "configure the client to use STARTTLS (it went on in clear text)"
  send "220 2.0.0 ready to start TLS"
  starttls
  need command EHLO hint "the client sent no EHLO after TLS (ehlo-after-starttls judges that)"
  send "250-mailspec.test" "250 ENHANCEDSTATUSCODES"
  expect command MAIL|QUIT|RSET|NOOP or-closed
  if equals "${cmd.verb}" "MAIL"
    send "250 2.1.0 sender ok"
    include smtp-client.rest-after-mail
  else
    if equals "${cmd.verb}" "QUIT"
      send "221 2.0.0 bye"
    else
      send "250 2.0.0 ok"
    end
  end
end

# A client MUST NOT start TLS when TLS is already active (§4.2), even if the EHLO reply in TLS
# (wrongly) offers STARTTLS again.
case smtp-client.rfc3207.4.2.no-starttls-inside-tls
  title "No second STARTTLS inside TLS"
  rfc 3207 4.2 MUST
  tags starttls tls cleartext
  requires plain
  include smtp-client.ehlo-starttls
  send "220 2.0.0 ready to start TLS"
  starttls
  need command EHLO hint "the client sent no EHLO after TLS (ehlo-after-starttls judges that)"
  send "250-mailspec.test" "250-STARTTLS" "250 8BITMIME"
  expect command MAIL|QUIT|RSET|NOOP|AUTH or-closed
  if equals "${cmd.verb}" "MAIL"
    send "250 2.1.0 sender ok"
    include smtp-client.rest-after-mail
  else
    if equals "${cmd.verb}" "QUIT"
      send "221 2.0.0 bye"
    else
      send "503 5.5.1 not now"
    end
  end
end

# STARTTLS answered 454 (TLS not available): the client does not start a handshake anyway. It may go on
# in clear (EHLO, MAIL) or quit; a client that requires TLS quits (tls-required judges that).
case smtp-client.rfc3207.4.no-handshake-after-454
  title "STARTTLS answered 454: the client starts no TLS handshake"
  rfc 3207 4 MUST
  tags starttls cleartext
  requires plain
  include smtp-client.ehlo-starttls
  send "454 4.7.0 TLS not available due to temporary reason"
  # A ClientHello has no line end to wait for: give the client 5 s to send a command or close.
  expect command EHLO|HELO|MAIL|QUIT|RSET|NOOP within 5s or-closed
  if equals "${cmd.verb}" "QUIT"
    send "221 2.0.0 bye"
  else
    send "503 5.5.1 not now"
    include smtp-client.only-quit
  end
end
