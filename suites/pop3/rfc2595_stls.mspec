# RFC 2595 §4 (POP3 STARTTLS extension): STLS, only in the AUTHORIZATION state; TLS starts right
# after the +OK's CRLF; the session stays in AUTHORIZATION; CAPA is re-read after TLS.
# Injection of plaintext commands before the handshake: security_stls_injection.mspec.
# All cases need STLS on a cleartext URL (`requires starttls`). Read-only.
# Audit (issue 8): set-up from fixtures (pop3.greeted, pop3.stls, pop3.transaction).
# - stays-in-authorization was merged into stls-starts-tls: both sent one AUTHORIZATION-only probe
#   right after the handshake and expected -ERR (§4: "the server remains in AUTHORIZATION state").
# - user-pass-after-stls was removed: its check (STAT after USER/PASS) is the probe of
#   pop3.rfc1939.7.user-pass-enters-transaction, and no sentence of §4 requires USER/PASS inside TLS;
#   a login inside TLS is checked by pop3.rfc5034.4.plain-over-stls (RFC 5034 §4, PLAIN over TLS).
# - stls-with-argument: STLS's "Arguments: none" says what the client sends, it does not oblige the
#   server to refuse an argument: was MUST, now MAY (info).

# STLS gets +OK, the TLS handshake succeeds, and the session carries on inside TLS still in the
# AUTHORIZATION state (§4), so STAT is in the wrong state (RFC 1939 §3). A server that greets again
# after the handshake, or logs the client in, is reported here.
case pop3.rfc2595.4.stls-starts-tls
  title "STLS gets +OK, the TLS handshake succeeds, and the session is still in AUTHORIZATION"
  rfc 2595 4 MUST
  rfc 1939 3 MUST
  tags stls tls state
  requires starttls

  include pop3.greeted
  send "STLS"
  expect ok
  starttls
  send "STAT"
  expect err
end

# A server with STLS implements the POP3 extension mechanism (§4 MUST): CAPA works after TLS (the
# client re-reads the capabilities there).
case pop3.rfc2595.4.capa-after-stls
  title "CAPA inside TLS answers +OK and a capability list"
  rfc 2595 4 MUST
  rfc 2449 5 MUST
  tags stls capa
  requires starttls

  include pop3.stls
  send "CAPA"
  expect ok multiline
  expect body /\A(?:[\x21-\x2D\x2F-\x7E]+(?: [\x21-\x7E]+)*\r?\n)*\z/
end

# With TLS already active, a second STLS may be refused with -ERR (§4, "MAY result"); the server's
# choice, reported as info.
case pop3.rfc2595.4.stls-twice
  title "A second STLS inside TLS is answered with -ERR"
  rfc 2595 4 MAY
  tags stls errors
  requires starttls

  include pop3.stls
  send "STLS"
  expect err
end

# STLS is only permitted in the AUTHORIZATION state (§4): after login it is a command in the wrong
# state and gets -ERR (RFC 1939 §3, MUST). The STAT after it shows that the refusal did not start
# TLS or end the session.
case pop3.rfc2595.4.stls-after-login
  title "STLS in the TRANSACTION state is answered with -ERR"
  rfc 2595 4 MUST
  rfc 1939 3 MUST
  tags stls state
  requires starttls
  requires login

  include pop3.transaction
  send "STLS"
  expect err
  send "STAT"
  expect ok text /^\d+ \d+/
end

# STLS is described with "Arguments: none" (§4); no sentence makes the server refuse an argument.
# Audit: was MUST, now MAY (info): refusing is reported, ignoring the argument is allowed.
case pop3.rfc2595.4.stls-with-argument
  title "STLS with an argument is answered with -ERR (the server's choice)"
  rfc 2595 4 MAY
  rfc 1939 3 MAY
  tags stls syntax errors
  requires starttls

  include pop3.greeted
  send "STLS now"
  expect err
end
