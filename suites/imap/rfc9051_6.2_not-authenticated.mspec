# RFC 9051 §6.2 (not-authenticated state): STARTTLS, AUTHENTICATE for each advertised SASL mechanism
# (with the cancel "*" and bad base64), LOGIN and LOGINDISABLED. Cases that fail a login on purpose
# start with imap.a.penalty-reset so that a server that delays logins after failures (Dovecot's auth
# penalty) is not slowed down for the cases after them.

# STARTTLS on the cleartext port: OK, then TLS; the session is still not authenticated (§6.2.1).
case imap.rfc9051.6.2.1.starttls-stays-unauthenticated
  title "After STARTTLS the session is still not authenticated"
  rfc 9051 6.2.1 MUST
  tags starttls tls states
  requires starttls
  include imap.greeted
  command "STARTTLS"
  need tagged OK
  starttls
  command "SELECT INBOX"
  expect tagged NO|BAD
end

# STARTTLS takes no arguments ("Arguments: none"): an argument breaks the grammar, which servers SHOULD
# enforce strictly (§2.2.2); BAD.
case imap.rfc9051.6.2.1.starttls-argument-bad
  title "STARTTLS with an argument is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags starttls syntax
  requires starttls
  include imap.greeted
  command "STARTTLS now"
  expect tagged BAD
end

# A second STARTTLS inside TLS is refused (Result: BAD after a successful TLS negotiation; NO is the
# other refusal the command knows).
case imap.rfc9051.6.2.1.starttls-twice-refused
  title "STARTTLS inside TLS is refused with BAD (or NO)"
  rfc 9051 6.2.1 MUST
  tags starttls tls
  requires starttls
  include imap.greeted
  command "STARTTLS"
  need tagged OK
  starttls
  command "STARTTLS"
  expect tagged BAD|NO
end

# On an implicit-TLS port the server must always answer STARTTLS with a tagged BAD (§6.2.1).
case imap.rfc9051.6.2.1.starttls-implicit-tls-bad
  title "STARTTLS on an implicit-TLS port is answered BAD"
  rfc 9051 6.2.1 MUST
  tags starttls tls
  requires implicit-tls
  include imap.greeted
  command "STARTTLS"
  expect tagged BAD
end

# After STARTTLS the server should no longer advertise STARTTLS (§6.2.1, SHOULD NOT).
case imap.rfc9051.6.2.1.no-starttls-after-tls
  title "STARTTLS is not advertised again inside TLS"
  rfc 9051 6.2.1 SHOULD
  tags starttls tls capability
  requires starttls
  include imap.greeted
  command "STARTTLS"
  need tagged OK
  starttls
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /^\* CAPABILITY (?![^\r\n]*[ ]STARTTLS( |\r?$))/i
end

# STARTTLS command injection (§6.2.1): octets that arrive in the same segment after the STARTTLS line
# must be thrown away or taken as the start of the TLS handshake, never run as a command after TLS.
# Either the handshake fails (the server took them as TLS: compliant, the case ends there) or, inside
# TLS, the injected NOOP is never answered.
case imap.rfc9051.6.2.1.starttls-injection-ignored
  title "A command pipelined after STARTTLS in the same write is not executed inside TLS"
  rfc 9051 6.2.1 MUST
  tags starttls tls security
  requires starttls
  include imap.greeted
  send "ST1 STARTTLS" "ST2 NOOP"
  need line /^ST1 OK/i
  starttls or-end
  expect silence 1s or-closed
end

# AUTHENTICATE with each SASL mechanism the server advertises and the harness speaks: the exchange
# ends with a tagged OK for the run's credentials (§6.2.2). An initial response is only sent where
# SASL-IR is advertised.
case imap.rfc9051.6.2.2.authenticate-plain
  title "AUTHENTICATE PLAIN with valid credentials completes with OK"
  rfc 9051 6.2.2 MUST
  tags auth sasl
  requires login
  requires sasl PLAIN
  include imap.greeted
  if ext SASL-IR
    auth PLAIN
  else
    auth PLAIN no-ir
  end
  expect tagged OK
end

# The negotiation without an initial response must always be supported (§6.2.2), SASL-IR or not.
case imap.rfc9051.6.2.2.authenticate-plain-no-initial-response
  title "AUTHENTICATE PLAIN without an initial response (empty challenge first) completes with OK"
  rfc 9051 6.2.2 MUST
  tags auth sasl
  requires login
  requires sasl PLAIN
  include imap.greeted
  auth PLAIN no-ir
  expect tagged OK
end

# LOGIN mechanism (server-first prompts for user name and password): OK for the run's credentials.
case imap.rfc9051.6.2.2.authenticate-login
  title "AUTHENTICATE LOGIN with valid credentials completes with OK"
  rfc 9051 6.2.2 MUST
  tags auth sasl
  requires login
  requires sasl LOGIN
  include imap.greeted
  auth LOGIN no-ir
  expect tagged OK
end

# CRAM-MD5 (RFC 2195): the server's challenge, the client's keyed digest, then OK.
case imap.rfc9051.6.2.2.authenticate-cram-md5
  title "AUTHENTICATE CRAM-MD5 with valid credentials completes with OK"
  rfc 9051 6.2.2 MUST
  rfc 2195 2 MUST
  tags auth sasl
  requires login
  requires sasl CRAM-MD5
  include imap.greeted
  auth CRAM-MD5 no-ir
  expect tagged OK
end

# SCRAM-SHA-1 (RFC 5802): the harness also checks the server's signature; then OK.
case imap.rfc9051.6.2.2.authenticate-scram-sha-1
  title "AUTHENTICATE SCRAM-SHA-1 with valid credentials completes with OK"
  rfc 9051 6.2.2 MUST
  rfc 5802 5 MUST
  tags auth sasl scram
  requires login
  requires sasl SCRAM-SHA-1
  include imap.greeted
  if ext SASL-IR
    auth SCRAM-SHA-1
  else
    auth SCRAM-SHA-1 no-ir
  end
  expect tagged OK
end

# SCRAM-SHA-256 (RFC 7677): as SCRAM-SHA-1 with SHA-256; then OK.
case imap.rfc9051.6.2.2.authenticate-scram-sha-256
  title "AUTHENTICATE SCRAM-SHA-256 with valid credentials completes with OK"
  rfc 9051 6.2.2 MUST
  rfc 7677 3 MUST
  tags auth sasl scram
  requires login
  requires sasl SCRAM-SHA-256
  include imap.greeted
  if ext SASL-IR
    auth SCRAM-SHA-256
  else
    auth SCRAM-SHA-256 no-ir
  end
  expect tagged OK
end

# A wrong password over AUTHENTICATE PLAIN is answered NO (Result: NO - authenticate failure).
case imap.rfc9051.6.2.2.authenticate-wrong-password-no
  title "AUTHENTICATE PLAIN with a wrong password is answered NO"
  rfc 9051 6.2.2 MUST
  tags auth sasl errors
  requires login
  requires sasl PLAIN
  include imap.a.penalty-reset
  include imap.greeted
  auth PLAIN no-ir password "wrong-${uniq}"
  expect tagged NO
  cleanup
    include imap.a.penalty-reset
  end
end

# The client cancels with a line "*": the server must answer the AUTHENTICATE with a tagged BAD (§6.2.2).
case imap.rfc9051.6.2.2.authenticate-cancel-bad
  title "AUTHENTICATE cancelled with * is answered BAD"
  rfc 9051 6.2.2 MUST
  tags auth sasl
  requires sasl PLAIN
  include imap.greeted
  command "AUTHENTICATE PLAIN"
  need continuation
  send "*"
  expect tagged BAD
end

# The cancel works the same in every mechanism the server offers: after the first server challenge, "*"
# ends the exchange with a tagged BAD (§6.2.2 MUST). LOGIN, CRAM-MD5 and SCRAM-SHA-256 here.
case imap.rfc9051.6.2.2.authenticate-cancel-login-bad
  title "AUTHENTICATE LOGIN cancelled with * is answered BAD"
  rfc 9051 6.2.2 MUST
  tags auth sasl
  requires sasl LOGIN
  include imap.greeted
  command "AUTHENTICATE LOGIN"
  need continuation
  send "*"
  expect tagged BAD
end

# CRAM-MD5: the server's first challenge carries its timestamp; "*" instead of the digest.
case imap.rfc9051.6.2.2.authenticate-cancel-cram-md5-bad
  title "AUTHENTICATE CRAM-MD5 cancelled with * is answered BAD"
  rfc 9051 6.2.2 MUST
  tags auth sasl
  requires sasl CRAM-MD5
  include imap.greeted
  command "AUTHENTICATE CRAM-MD5"
  need continuation
  send "*"
  expect tagged BAD
end

# SCRAM-SHA-256 without an initial response: the server's empty challenge, then "*".
case imap.rfc9051.6.2.2.authenticate-cancel-scram-sha-256-bad
  title "AUTHENTICATE SCRAM-SHA-256 cancelled with * is answered BAD"
  rfc 9051 6.2.2 MUST
  tags auth sasl scram
  requires sasl SCRAM-SHA-256
  include imap.greeted
  command "AUTHENTICATE SCRAM-SHA-256"
  need continuation
  send "*"
  expect tagged BAD
end

# A client response that is not base64 must also be answered with a tagged BAD (RFC 9051 §6.2.2). RFC 3501
# §6.2.2 only says so for the cancel "*": an IMAP4rev1-only server may refuse bad base64 with NO or BAD.
case imap.rfc9051.6.2.2.authenticate-invalid-base64-bad
  title "AUTHENTICATE with a non-base64 client response is answered BAD"
  rfc 9051 6.2.2 MUST
  tags auth sasl
  requires sasl PLAIN
  include imap.a.penalty-reset
  include imap.greeted
  command "AUTHENTICATE PLAIN"
  need continuation
  send "%%%not*base64%%%"
  if ext IMAP4rev2
    expect tagged BAD
  else
    expect tagged BAD|NO
  end
  cleanup
    include imap.a.penalty-reset
  end
end

# An invalid base64 initial response (SASL-IR) is handled like a bad client response (RFC 4959 §3): a
# tagged BAD under RFC 9051 §6.2.2; NO or BAD for an IMAP4rev1-only server (RFC 3501 is silent).
case imap.rfc9051.6.2.2.authenticate-invalid-initial-response-bad
  title "AUTHENTICATE with a non-base64 initial response is answered BAD"
  rfc 9051 6.2.2 MUST
  rfc 4959 3 MUST
  tags auth sasl
  requires sasl PLAIN
  requires ext SASL-IR
  include imap.a.penalty-reset
  include imap.greeted
  command "AUTHENTICATE PLAIN %%%not*base64%%%"
  if ext IMAP4rev2
    expect tagged BAD
  else
    expect tagged BAD|NO
  end
  cleanup
    include imap.a.penalty-reset
  end
end

# An initial response with a mechanism that has none (CRAM-MD5 starts with the server's challenge) must be
# refused with a tagged BAD (RFC 4959 §3, RFC 9051 §6.2.2).
case imap.rfc4959.3.initial-response-not-supported-bad
  title "AUTHENTICATE CRAM-MD5 with an initial response is answered BAD"
  rfc 4959 3 MUST
  rfc 9051 6.2.2 MUST
  tags auth sasl
  requires sasl CRAM-MD5
  requires ext SASL-IR
  include imap.a.penalty-reset
  include imap.greeted
  command "AUTHENTICATE CRAM-MD5 bWFpbHNwZWM="
  expect tagged BAD within 5s
  cleanup
    include imap.a.penalty-reset
  end
end

# An unsupported mechanism should be refused with NO (§6.2.2, SHOULD). BAD is not what the sentence
# asks for, so it is reported at the sentence's level.
case imap.rfc9051.6.2.2.authenticate-unknown-mechanism-no
  title "AUTHENTICATE with an unsupported mechanism is answered NO"
  rfc 9051 6.2.2 SHOULD
  tags auth sasl errors
  include imap.greeted
  command "AUTHENTICATE X-MAILSPEC-UNKNOWN-${uniq}"
  expect tagged NO within 5s
end

# After a successful AUTHENTICATE the session is authenticated: a mailbox command works.
case imap.rfc9051.6.2.2.authenticate-enters-authenticated
  title "After AUTHENTICATE, LIST is accepted (authenticated state)"
  rfc 9051 6.2.2 MUST
  rfc 9051 3.2 MUST
  tags auth sasl states
  requires login
  requires sasl PLAIN
  include imap.greeted
  auth PLAIN no-ir
  need tagged OK
  command "LIST \"\" \"\""
  expect tagged OK
end

# After a successful LOGIN the session is authenticated: LIST is accepted.
case imap.rfc9051.6.2.3.login-enters-authenticated
  title "After LOGIN, LIST is accepted (authenticated state)"
  rfc 9051 6.2.3 MUST
  rfc 9051 3.2 MUST
  tags login states
  requires login
  include imap.authenticated
  command "LIST \"\" \"\""
  expect tagged OK
end

# A user that does not exist is refused with NO, not BAD (the command is well formed).
case imap.rfc9051.6.2.3.login-unknown-user-no
  title "LOGIN with an unknown user name is answered NO"
  rfc 9051 6.2.3 MUST
  tags login errors
  requires login
  include imap.a.penalty-reset
  include imap.greeted
  command "LOGIN \"nouser-${uniq}\" \"nopassword-${uniq}\""
  expect tagged NO
  cleanup
    include imap.a.penalty-reset
  end
end

# A failed LOGIN does not end the session: a later LOGIN with the right credentials succeeds.
case imap.rfc9051.6.2.3.login-retry-after-failure
  title "LOGIN succeeds after an earlier failed LOGIN on the same connection"
  rfc 9051 6.2.3 MUST
  tags login
  requires login
  include imap.a.penalty-reset
  include imap.greeted
  command "LOGIN \"${user}\" \"wrong-${uniq}\""
  need tagged NO
  command "LOGIN \"${user}\" \"${password}\""
  expect tagged OK
  cleanup
    include imap.a.penalty-reset
  end
end

# Where LOGINDISABLED is advertised, LOGIN is answered NO even with valid credentials (§6.1.1).
case imap.rfc9051.6.2.3.logindisabled-login-no
  title "With LOGINDISABLED advertised, LOGIN is answered NO"
  rfc 9051 6.1.1 MUST
  rfc 9051 6.2.3 MUST
  tags login logindisabled
  requires ext LOGINDISABLED
  requires login
  include imap.greeted
  command "LOGIN \"${user}\" \"${password}\""
  expect tagged NO
end

# A server may put a CAPABILITY code in LOGIN's tagged OK (§6.2.3, MAY): reported as information.
case imap.rfc9051.6.2.3.login-capability-code
  title "LOGIN's tagged OK carries a [CAPABILITY] code (optional)"
  rfc 9051 6.2.3 MAY
  tags login capability
  requires login
  include imap.greeted
  command "LOGIN \"${user}\" \"${password}\""
  expect tagged OK code CAPABILITY
end
