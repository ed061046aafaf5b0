# RFC 2595 §4 (POP3 STARTTLS extension): STLS, only in the AUTHORIZATION state; TLS starts right
# after the +OK's CRLF; the session stays in AUTHORIZATION; CAPA is re-read after TLS.
# Injection of plaintext commands before the handshake: security_stls_injection.mspec.
# All cases need STLS on a cleartext URL (`requires starttls`). Read-only.

# STLS gets +OK and a TLS handshake follows; the session then carries on inside TLS.
case pop3.rfc2595.4.stls-starts-tls
  title "STLS gets +OK, the TLS handshake succeeds, and commands work inside TLS"
  rfc 2595 4 MUST
  tags stls tls
  requires starttls

  connect
  need greeting
  send "STLS"
  expect ok
  starttls
  send "NOOP"
  expect err
end

# A server with STLS implements the POP3 extension mechanism: CAPA works after TLS (the client
# re-reads the capabilities there).
case pop3.rfc2595.4.capa-after-stls
  title "CAPA inside TLS answers +OK and a capability list"
  rfc 2595 4 MUST
  rfc 2449 5 MUST
  tags stls capa
  requires starttls

  connect
  need greeting
  send "STLS"
  need ok
  starttls
  send "CAPA"
  expect ok multiline
  expect body /\A(?:[\x21-\x2D\x2F-\x7E]+(?: [\x21-\x7E]+)*\r?\n)*\z/
end

# STLS does not log anybody in: after the handshake the session is still in AUTHORIZATION.
case pop3.rfc2595.4.stays-in-authorization
  title "After STLS, STAT is still answered with -ERR"
  rfc 2595 4 MUST
  rfc 1939 3 MUST
  tags stls state
  requires starttls

  connect
  need greeting
  send "STLS"
  need ok
  starttls
  send "STAT"
  expect err
end

# USER/PASS work inside the TLS session started by STLS.
case pop3.rfc2595.4.user-pass-after-stls
  title "After STLS, USER/PASS lead to the TRANSACTION state"
  rfc 2595 4 MUST
  rfc 1939 7 MUST
  tags stls user-pass
  requires starttls
  requires login

  connect
  need greeting
  send "STLS"
  need ok
  starttls
  send "USER ${user}"
  need ok
  send "PASS ${password}"
  need ok
  send "STAT"
  expect ok text /^\d+ \d+/
end

# With TLS already active, a second STLS may be refused with -ERR (the RFC's own example); the
# server's choice, reported as info.
case pop3.rfc2595.4.stls-twice
  title "A second STLS inside TLS is answered with -ERR"
  rfc 2595 4 MAY
  tags stls errors
  requires starttls

  connect
  need greeting
  send "STLS"
  need ok
  starttls
  send "STLS"
  expect err
end

# STLS is only allowed in the AUTHORIZATION state: after login it is refused.
case pop3.rfc2595.4.stls-after-login
  title "STLS in the TRANSACTION state is answered with -ERR"
  rfc 2595 4 MUST
  rfc 1939 3 MUST
  tags stls state
  requires starttls
  requires login

  connect
  need greeting
  login
  send "STLS"
  expect err
  send "STAT"
  expect ok text /^\d+ \d+/
end

# STLS takes no argument: with one it is syntactically invalid and must not start TLS.
case pop3.rfc2595.4.stls-with-argument
  title "STLS with an argument is answered with -ERR"
  rfc 1939 3 MUST
  rfc 2595 4 MUST
  tags stls syntax errors
  requires starttls

  connect
  need greeting
  send "STLS now"
  expect err
end
