# RFC 5034 §3 (SASL capability), §4 (The AUTH Command), §5 (Formal Syntax): SASL authentication.
# `requires sasl MECH` is met when MECH is advertised with or without TLS, so every case that uses a
# mechanism on the plain connection first checks that CAPA lists it on this very connection (a
# `need`, so the case skips where the mechanism is offered only after STLS).
# An `auth` step runs the exchange and leaves the server's final +OK/-ERR to the next matcher; the
# cases then probe the state with STAT: +OK <n> <octets> in TRANSACTION, -ERR in AUTHORIZATION.
# Where a faulty server would answer with a "+ " challenge instead of -ERR, the check reads a raw
# `line` so that the report shows that challenge rather than a status-line grammar error.
# Read-only: logs in with the run's credentials (--user, --password-env).
# Audit (issue 8):
# - Set-up from fixtures (pop3.greeted, pop3.capa, pop3.sasl-plain, pop3.sasl-cram-md5, pop3.stls,
#   pop3.transaction).
# - Every case whose AUTH fails on purpose (wrong or unknown credentials, cancel, undecodable base64,
#   an initial response PLAIN cannot use or CRAM-MD5 does not allow) is `serial` and awaits the -ERR
#   `within 20s`: Dovecot delays failed authentications (auth_failure_delay 2 s, anvil penalty up to
#   15 s), and a delayed but correct -ERR is not an error. After a refused AUTH the server may close
#   (RFC 1939 §4), so the STAT probe that follows accepts a close.
# - empty-challenge-format and mechanism-name-case-insensitive no longer cancel with "*" and read the
#   -ERR: that is auth-cancel's check (§4 MUST), and a wrong answer to "*" was reported three times.
#   They now close the connection once their own check is done.

# AUTH PLAIN with the credentials as initial response logs in.
case pop3.rfc5034.4.auth-plain-initial-response
  title "AUTH PLAIN with an initial response leads to the TRANSACTION state"
  rfc 5034 4 MUST
  tags sasl plain
  requires sasl PLAIN
  requires login

  include pop3.sasl-plain
  auth PLAIN
  expect ok within 20s
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

  include pop3.sasl-plain
  auth PLAIN no-ir
  expect ok within 20s
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

  include pop3.sasl-plain
  send "AUTH PLAIN"
  expect line /^\+ \r?\n?$/
  close
end

# The client cancels the exchange with "*": the server refuses the AUTH with -ERR.
case pop3.rfc5034.4.auth-cancel
  title "'*' in answer to a challenge gets -ERR and no login"
  rfc 5034 4 MUST
  tags sasl cancel
  requires sasl PLAIN
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.sasl-plain
  send "AUTH PLAIN"
  need line /^\+/ within 20s
  send "*"
  expect err within 20s
  send "STAT"
  expect err or-closed
end

# AUTH LOGIN with the run's credentials logs in.
case pop3.rfc5034.4.auth-login
  title "AUTH LOGIN with valid credentials leads to the TRANSACTION state"
  rfc 5034 4 SHOULD
  tags sasl login-mech
  requires sasl LOGIN
  requires login

  include pop3.capa
  need body /(?:^|\n)SASL(?: [^\r\n]*)? LOGIN(?= |\r|\n|$)/i
  auth LOGIN
  expect ok within 20s
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

  include pop3.sasl-cram-md5
  auth CRAM-MD5
  expect ok within 20s
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

  include pop3.capa
  need body /(?:^|\n)SASL(?: [^\r\n]*)? SCRAM-SHA-1(?= |\r|\n|$)/i
  auth SCRAM-SHA-1
  expect ok within 20s
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

  include pop3.capa
  need body /(?:^|\n)SASL(?: [^\r\n]*)? SCRAM-SHA-256(?= |\r|\n|$)/i
  auth SCRAM-SHA-256
  expect ok within 20s
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
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.sasl-plain
  auth PLAIN password "mailspec-wrong-password"
  expect err within 20s
  send "STAT"
  expect err or-closed
end

# The same, spelled out on the wire: PLAIN for an unknown user ("\0mailspec-nosuch\0wrong-password").
case pop3.rfc5034.4.auth-unknown-user
  title "AUTH PLAIN for an unknown user is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl plain errors
  requires sasl PLAIN
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.sasl-plain
  send "AUTH PLAIN AG1haWxzcGVjLW5vc3VjaAB3cm9uZy1wYXNzd29yZA=="
  expect err within 20s
end

# A response that is not base64 is refused with -ERR (characters outside the alphabet must be
# rejected, not skipped).
case pop3.rfc5034.4.bad-base64-response
  title "A non-base64 response to the challenge gets -ERR"
  rfc 5034 4 MUST
  tags sasl base64 errors
  requires sasl PLAIN
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.sasl-plain
  send "AUTH PLAIN"
  need line /^\+/ within 20s
  send "%%%not*base64%%%"
  expect err within 20s
end

# An initial response with the pad character at the front is invalid base64 and refused.
case pop3.rfc5034.4.bad-base64-leading-pad
  title "AUTH PLAIN =AAA is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl base64 errors
  requires sasl PLAIN
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.sasl-plain
  send "AUTH PLAIN =AAA"
  expect line /^-ERR(?: |\r|\n|$)/ within 20s
end

# Padding in the middle of the string is invalid base64 and refused, not decoded in pieces.
case pop3.rfc5034.4.bad-base64-inner-pad
  title "AUTH PLAIN AAA=AAAA is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl base64 errors
  requires sasl PLAIN
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.sasl-plain
  send "AUTH PLAIN AAA=AAAA"
  expect line /^-ERR(?: |\r|\n|$)/ within 20s
end

# "=" is an empty initial response (not "no initial response"): PLAIN cannot succeed with empty
# credentials, so the AUTH fails with -ERR instead of a challenge.
case pop3.rfc5034.4.empty-initial-response
  title "AUTH PLAIN = (empty initial response) is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl plain errors
  requires sasl PLAIN
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.sasl-plain
  send "AUTH PLAIN ="
  expect line /^-ERR(?: |\r|\n|$)/ within 20s
end

# CRAM-MD5 starts with a server challenge and has no initial client response: an AUTH carrying one
# is refused.
case pop3.rfc5034.4.initial-response-not-allowed
  title "AUTH CRAM-MD5 with an initial response is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl cram-md5 errors
  requires sasl CRAM-MD5
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.sasl-cram-md5
  send "AUTH CRAM-MD5 dGVzdA=="
  expect line /^-ERR(?: |\r|\n|$)/ within 20s
end

# A mechanism the server does not support is refused.
case pop3.rfc5034.4.unsupported-mechanism
  title "AUTH with an unknown mechanism is answered with -ERR"
  rfc 5034 4 MUST
  rfc 1939 3 MUST
  tags sasl errors
  requires ext SASL

  include pop3.greeted
  send "AUTH X-MAILSPEC-NOSUCH"
  expect line /^-ERR(?: |\r|\n|$)/ within 20s
end

# Mechanism names are case-insensitive: "plain" starts the PLAIN exchange (the empty challenge).
case pop3.rfc5034.5.mechanism-name-case-insensitive
  title "AUTH plain (lower case) starts the PLAIN exchange"
  rfc 5034 5 MUST
  tags sasl syntax
  requires sasl PLAIN

  include pop3.sasl-plain
  send "AUTH plain"
  expect line /^\+ /
  close
end

# After a successful AUTH no further AUTH is allowed in the session.
case pop3.rfc5034.4.auth-after-auth
  title "AUTH after a successful AUTH is answered with -ERR"
  rfc 5034 4 MUST
  tags sasl state
  requires sasl PLAIN
  requires login

  include pop3.sasl-plain
  auth PLAIN
  need ok within 20s
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

  include pop3.transaction
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
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.sasl-plain
  send "AUTH PLAIN"
  need line /^\+/ within 20s
  send "*"
  need err within 20s
  auth PLAIN
  expect ok within 20s
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

  include pop3.sasl-plain
  auth PLAIN
  need ok within 20s
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

  include pop3.stls
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
  auth PLAIN
  expect ok within 20s
  send "STAT"
  expect ok text /^\d+ \d+/
end
