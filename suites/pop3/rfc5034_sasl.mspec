# RFC 5034 §3 (SASL capability), §4 (The AUTH Command), §5 (Formal Syntax): SASL authentication.
# `requires sasl MECH` is met when MECH is advertised with or without TLS, so every case that uses a
# mechanism on the plain connection first checks that CAPA lists it on this very connection (a
# `need`, so the case skips where the mechanism is offered only after STLS).
# An `auth` step runs the exchange and leaves the server's final +OK/-ERR to the next matcher; the
# cases then probe the state with STAT: +OK <n> <octets> in TRANSACTION, -ERR in AUTHORIZATION.
# Where a faulty server would answer with a "+ " challenge instead of -ERR, the check reads a raw
# `line` so that the report shows that challenge rather than a status-line grammar error. Read-only: logs in with the run's credentials (--user, --password-env).

# AUTH PLAIN with the credentials as initial response logs in.
case pop3.rfc5034.4.auth-plain-initial-response
  title "AUTH PLAIN with an initial response leads to the TRANSACTION state"
  rfc 5034 4 MUST
  tags sasl plain
  requires sasl PLAIN
  requires login

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  auth PLAIN
  expect ok
  send "STAT"
  expect ok text /^\d+ \d+/
end

# Without an initial response the server sends an empty challenge, then takes the response.
case pop3.rfc5034.4.auth-plain-no-initial-response
  title "AUTH PLAIN without an initial response leads to the TRANSACTION state"
  rfc 5034 4 MUST
  tags sasl plain
  requires sasl PLAIN
  requires login

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  auth PLAIN no-ir
  expect ok
  send "STAT"
  expect ok text /^\d+ \d+/
end

# The empty challenge is exactly "+" and one space, nothing else. Cancelling it with "*" then
# gets -ERR.
case pop3.rfc5034.4.empty-challenge-format
  title "AUTH PLAIN without initial response gets the empty challenge '+ '"
  rfc 5034 4 MUST
  tags sasl plain syntax
  requires sasl PLAIN

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  send "AUTH PLAIN"
  expect line /^\+ \r?\n?$/
  send "*"
  expect err
end

# The client cancels the exchange with "*": the server refuses the AUTH with -ERR.
case pop3.rfc5034.4.auth-cancel
  title "'*' in answer to a challenge gets -ERR and no login"
  rfc 5034 4 MUST
  tags sasl cancel
  requires sasl PLAIN

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  send "AUTH PLAIN"
  need line /^\+/
  send "*"
  expect err
  send "STAT"
  expect err
end

# AUTH LOGIN with the run's credentials logs in.
case pop3.rfc5034.4.auth-login
  title "AUTH LOGIN with valid credentials leads to the TRANSACTION state"
  rfc 5034 4 SHOULD
  tags sasl login-mech
  requires sasl LOGIN
  requires login

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? LOGIN(?= |\r|\n|$)/i
  auth LOGIN
  expect ok
  send "STAT"
  expect ok text /^\d+ \d+/
end

# AUTH CRAM-MD5 with the run's credentials logs in (needs a password store that allows it; a
# server advertising the mechanism is expected to have one, hence SHOULD).
case pop3.rfc5034.4.auth-cram-md5
  title "AUTH CRAM-MD5 with valid credentials leads to the TRANSACTION state"
  rfc 5034 4 SHOULD
  tags sasl cram-md5
  requires sasl CRAM-MD5
  requires login

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? CRAM-MD5(?= |\r|\n|$)/i
  auth CRAM-MD5
  expect ok
  send "STAT"
  expect ok text /^\d+ \d+/
end

# AUTH SCRAM-SHA-1 with the run's credentials logs in.
case pop3.rfc5034.4.auth-scram-sha-1
  title "AUTH SCRAM-SHA-1 with valid credentials leads to the TRANSACTION state"
  rfc 5034 4 SHOULD
  tags sasl scram
  requires sasl SCRAM-SHA-1
  requires login

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? SCRAM-SHA-1(?= |\r|\n|$)/i
  auth SCRAM-SHA-1
  expect ok
  send "STAT"
  expect ok text /^\d+ \d+/
end

# AUTH SCRAM-SHA-256 with the run's credentials logs in.
case pop3.rfc5034.4.auth-scram-sha-256
  title "AUTH SCRAM-SHA-256 with valid credentials leads to the TRANSACTION state"
  rfc 5034 4 SHOULD
  tags sasl scram
  requires sasl SCRAM-SHA-256
  requires login

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? SCRAM-SHA-256(?= |\r|\n|$)/i
  auth SCRAM-SHA-256
  expect ok
  send "STAT"
  expect ok text /^\d+ \d+/
end

# Wrong credentials: the server cannot authenticate the client and refuses the AUTH; the session
# stays in AUTHORIZATION.
case pop3.rfc5034.4.auth-wrong-password
  title "AUTH PLAIN with a wrong password is refused and STAT stays -ERR"
  rfc 5034 4 MUST
  tags sasl plain errors
  requires sasl PLAIN
  requires login

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  auth PLAIN password "mailspec-wrong-password"
  expect err
  send "STAT"
  expect err
end

# The same, spelled out on the wire: PLAIN for an unknown user ("\0mailspec-nosuch\0wrong-password").
case pop3.rfc5034.4.auth-unknown-user
  title "AUTH PLAIN for an unknown user is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl plain errors
  requires sasl PLAIN

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  send "AUTH PLAIN AG1haWxzcGVjLW5vc3VjaAB3cm9uZy1wYXNzd29yZA=="
  expect err
end

# A response that is not base64 is refused with -ERR (characters outside the alphabet must be
# rejected, not skipped).
case pop3.rfc5034.4.bad-base64-response
  title "A non-base64 response to the challenge gets -ERR"
  rfc 5034 4 MUST
  tags sasl base64 errors
  requires sasl PLAIN

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  send "AUTH PLAIN"
  need line /^\+/
  send "%%%not*base64%%%"
  expect err
end

# An initial response with the pad character at the front is invalid base64 and refused.
case pop3.rfc5034.4.bad-base64-leading-pad
  title "AUTH PLAIN =AAA is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl base64 errors
  requires sasl PLAIN

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  send "AUTH PLAIN =AAA"
  expect line /^-ERR(?: |\r|\n|$)/
end

# Padding in the middle of the string is invalid base64 and refused, not decoded in pieces.
case pop3.rfc5034.4.bad-base64-inner-pad
  title "AUTH PLAIN AAA=AAAA is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl base64 errors
  requires sasl PLAIN

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  send "AUTH PLAIN AAA=AAAA"
  expect line /^-ERR(?: |\r|\n|$)/
end

# "=" is an empty initial response (not "no initial response"): PLAIN cannot succeed with empty
# credentials, so the AUTH fails with -ERR instead of a challenge.
case pop3.rfc5034.4.empty-initial-response
  title "AUTH PLAIN = (empty initial response) is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl plain errors
  requires sasl PLAIN

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  send "AUTH PLAIN ="
  expect line /^-ERR(?: |\r|\n|$)/
end

# CRAM-MD5 starts with a server challenge and has no initial client response: an AUTH carrying one
# is refused.
case pop3.rfc5034.4.initial-response-not-allowed
  title "AUTH CRAM-MD5 with an initial response is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl cram-md5 errors
  requires sasl CRAM-MD5

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? CRAM-MD5(?= |\r|\n|$)/i
  send "AUTH CRAM-MD5 dGVzdA=="
  expect line /^-ERR(?: |\r|\n|$)/
end

# A mechanism the server does not support is refused.
case pop3.rfc5034.4.unsupported-mechanism
  title "AUTH with an unknown mechanism is answered with -ERR"
  rfc 5034 4 MUST
  rfc 1939 3 MUST
  tags sasl errors
  requires ext SASL

  connect
  need greeting
  send "AUTH X-MAILSPEC-NOSUCH"
  expect line /^-ERR(?: |\r|\n|$)/
end

# Mechanism names are case-insensitive: "plain" starts the PLAIN exchange (the empty challenge).
case pop3.rfc5034.5.mechanism-name-case-insensitive
  title "AUTH plain (lower case) starts the PLAIN exchange"
  rfc 5034 5 MUST
  tags sasl syntax
  requires sasl PLAIN

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  send "AUTH plain"
  expect line /^\+ /
  send "*"
  read
end

# After a successful AUTH no further AUTH is allowed in the session.
case pop3.rfc5034.4.auth-after-auth
  title "AUTH after a successful AUTH is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl state
  requires sasl PLAIN
  requires login

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  auth PLAIN
  need ok
  send "STAT"
  need ok
  send "AUTH PLAIN"
  expect line /^-ERR(?: |\r|\n|$)/
end

# AUTH is an AUTHORIZATION command: after USER/PASS it is refused.
case pop3.rfc5034.4.auth-in-transaction
  title "AUTH after USER/PASS login is answered with -ERR"
  rfc 5034 4 MUST
  rfc 1939 3 MUST
  tags sasl state
  requires ext SASL
  requires login

  connect
  need greeting
  login
  send "AUTH PLAIN"
  expect line /^-ERR(?: |\r|\n|$)/
end

# After a failed AUTH the server acts as if it had never been sent: a new AUTH can succeed.
case pop3.rfc5034.4.auth-after-failed-auth
  title "After a cancelled AUTH, AUTH PLAIN with valid credentials succeeds"
  rfc 5034 4 MUST
  tags sasl retry
  requires sasl PLAIN
  requires login

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  send "AUTH PLAIN"
  need line /^\+/
  send "*"
  need err
  auth PLAIN
  expect ok
  send "STAT"
  expect ok text /^\d+ \d+/
end

# The SASL capability is still announced after a successful AUTH.
case pop3.rfc5034.3.sasl-announced-after-auth
  title "CAPA after AUTH still lists SASL"
  rfc 5034 3 MUST
  rfc 2449 5 MUST
  tags sasl capa
  requires sasl PLAIN
  requires login

  connect
  need greeting
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  auth PLAIN
  need ok
  send "STAT"
  need ok
  send "CAPA"
  need ok multiline
  expect body /(?:^|\n)SASL(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# PLAIN over TLS must be available: after STLS, AUTH PLAIN with the run's credentials logs in.
case pop3.rfc5034.4.plain-over-stls
  title "After STLS, AUTH PLAIN leads to the TRANSACTION state"
  rfc 5034 4 MUST
  rfc 2595 4 MUST
  tags sasl plain tls
  requires starttls
  requires login

  connect
  need greeting
  send "STLS"
  need ok
  starttls
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  auth PLAIN
  expect ok
  send "STAT"
  expect ok text /^\d+ \d+/
end
