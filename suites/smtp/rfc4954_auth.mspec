# RFC 4954 (SMTP Service Extension for Authentication): §4 (the AUTH command: initial response, "=" for an
# empty one, empty "334 " challenge, challenges carry only base64, "*" cancels with 501, base64 errors 501,
# 503 for a second AUTH or AUTH inside a transaction, 504 for unknown mechanisms, 535 for bad credentials,
# PLAIN mandatory), §5 (the AUTH= parameter of MAIL), §6 (enhanced codes), §8 (mechanism names are
# case-insensitive), §9 (no drop before three failures). `requires sasl MECH` runs a case only where MECH is
# advertised on the connection as opened (so where AUTH works before TLS); the case inside TLS uses
# `requires tls-sasl MECH`. Cases that log in need --user and --password-env.

# PLAIN is the mechanism every implementation must have; valid credentials sent as the initial response
# end the exchange with 235.
case smtp.rfc4954.4.plain-initial-response
  title "AUTH PLAIN with an initial response and valid credentials is answered 235"
  rfc 4954 4 MUST
  tags auth plain
  requires sasl PLAIN
  requires login
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth PLAIN
  expect reply 235
  send "QUIT"
end

# Without the initial response the server sends an empty challenge ("334 ") and takes the credentials in
# the client's answer.
case smtp.rfc4954.4.plain-without-initial-response
  title "AUTH PLAIN without an initial response gets a challenge, then 235"
  rfc 4954 4 MUST
  tags auth plain
  requires sasl PLAIN
  requires login
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth PLAIN no-ir
  expect reply 235
  send "QUIT"
end

# A challenge carries nothing but base64; for PLAIN the challenge is empty, written as 334 and a space.
case smtp.rfc4954.4.empty-challenge
  title "The challenge after a bare AUTH PLAIN is \"334 \" with no text"
  rfc 4954 4 MUST
  tags auth plain syntax
  requires sasl PLAIN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "AUTH PLAIN"
  expect reply 334 text /\A\z/
  send "*"
  read
  send "QUIT"
end

# A server challenge is nothing but base64 (no human-readable text around it): checked on CRAM-MD5, whose
# first challenge is never empty.
case smtp.rfc4954.4.challenge-is-base64
  title "The CRAM-MD5 challenge line holds only base64"
  rfc 4954 4 MUST
  tags auth cram-md5 syntax
  requires sasl CRAM-MD5
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "AUTH CRAM-MD5"
  expect reply 334 text /\A(?:[A-Za-z0-9+\/]{4})+(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=)?\z|\A(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=)\z/
  send "*"
  read
  send "QUIT"
end

# An advertised mechanism works: LOGIN (user name, then password, each as a base64 answer).
case smtp.rfc4954.4.login
  title "AUTH LOGIN with valid credentials is answered 235"
  rfc 4954 4 MUST
  rfc 5321 4.2.4 MUST
  tags auth login
  requires sasl LOGIN
  requires login
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth LOGIN
  expect reply 235
  send "QUIT"
end

# An advertised mechanism works: CRAM-MD5 (server challenge, keyed digest answer).
case smtp.rfc4954.4.cram-md5
  title "AUTH CRAM-MD5 with valid credentials is answered 235"
  rfc 4954 4 MUST
  rfc 5321 4.2.4 MUST
  tags auth cram-md5
  requires sasl CRAM-MD5
  requires login
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth CRAM-MD5
  expect reply 235
  send "QUIT"
end

# An advertised mechanism works: SCRAM-SHA-1, with the server proving it knows the password.
case smtp.rfc4954.4.scram-sha-1
  title "AUTH SCRAM-SHA-1 with valid credentials is answered 235"
  rfc 4954 4 MUST
  rfc 5321 4.2.4 MUST
  tags auth scram
  requires sasl SCRAM-SHA-1
  requires login
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth SCRAM-SHA-1
  expect reply 235
  send "QUIT"
end

# An advertised mechanism works: SCRAM-SHA-256.
case smtp.rfc4954.4.scram-sha-256
  title "AUTH SCRAM-SHA-256 with valid credentials is answered 235"
  rfc 4954 4 MUST
  rfc 5321 4.2.4 MUST
  tags auth scram
  requires sasl SCRAM-SHA-256
  requires login
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth SCRAM-SHA-256
  expect reply 235
  send "QUIT"
end

# When the server cannot authenticate the client it should answer 535.
case smtp.rfc4954.4.wrong-password
  title "AUTH PLAIN with a wrong password is answered 535"
  rfc 4954 4 SHOULD
  tags auth plain failure
  requires sasl PLAIN
  requires login
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth PLAIN password "wrong-${uniq}"
  expect reply 535
  send "QUIT"
end

# The same for a user the server does not know (no credentials needed for this case).
case smtp.rfc4954.4.unknown-user
  title "AUTH PLAIN for an unknown user is answered 535"
  rfc 4954 4 SHOULD
  tags auth plain failure
  requires sasl PLAIN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth PLAIN user "nobody-${uniq}" password "wrong-${uniq}"
  expect reply 535
  send "QUIT"
end

# The same through LOGIN.
case smtp.rfc4954.4.login-wrong-password
  title "AUTH LOGIN with a wrong password is answered 535"
  rfc 4954 4 SHOULD
  tags auth login failure
  requires sasl LOGIN
  requires login
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth LOGIN password "wrong-${uniq}"
  expect reply 535
  send "QUIT"
end

# Servers returning enhanced codes should use the ones suggested by RFC 4954: 5.7.8 for invalid credentials.
case smtp.rfc4954.6.wrong-password-enhanced-code
  title "A failed AUTH with enhanced status codes carries 5.7.8"
  rfc 4954 6 SHOULD
  tags auth plain failure enhancedstatuscodes
  requires sasl PLAIN
  requires login
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth PLAIN password "wrong-${uniq}"
  expect reply 535 enhanced text /\A5\.7\.8\b/
  send "QUIT"
end

# A server that drops clients after failed logins should not do so before three attempts have failed.
case smtp.rfc4954.9.no-drop-after-two-failures
  title "Three failed AUTH attempts in a row leave the connection open"
  rfc 4954 9 SHOULD
  tags auth plain failure connection
  requires sasl PLAIN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth PLAIN user "nobody-${uniq}" password "wrong-1"
  need reply 5xx
  auth PLAIN user "nobody-${uniq}" password "wrong-2"
  expect reply 5xx
  auth PLAIN user "nobody-${uniq}" password "wrong-3"
  expect reply 5xx
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# Once authenticated, no further AUTH is allowed in the session: 503.
case smtp.rfc4954.4.second-auth-refused
  title "AUTH after a successful AUTH is answered 503"
  rfc 4954 4 MUST
  tags auth plain sequencing
  requires sasl PLAIN
  requires login
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  auth PLAIN
  need reply 235
  send "AUTH PLAIN"
  expect reply 503
  send "QUIT"
end

# AUTH is not permitted while a mail transaction is open: 503.
case smtp.rfc4954.4.auth-in-transaction-refused
  title "AUTH during a mail transaction is answered 503"
  rfc 4954 4 MUST
  tags auth plain sequencing transaction
  requires sasl PLAIN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "AUTH PLAIN"
  expect reply 503
  send "QUIT"
end

# A client answering a challenge with a lone "*" cancels the exchange; the server rejects the AUTH with 501.
case smtp.rfc4954.4.cancel-with-star
  title "Cancelling the exchange with \"*\" is answered 501"
  rfc 4954 4 MUST
  tags auth plain cancel
  requires sasl PLAIN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "AUTH PLAIN"
  need reply 334
  send "*"
  expect reply 501
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A client response the server cannot decode as base64 ends the AUTH with 501; characters outside the
# alphabet are rejected, not skipped.
case smtp.rfc4954.4.invalid-base64-response
  title "A response that is not base64 is answered 501"
  rfc 4954 4 MUST
  tags auth plain syntax
  requires sasl PLAIN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "AUTH PLAIN"
  need reply 334
  send "!!!not*base64!!!"
  expect reply 501
  send "QUIT"
end

# The pad character may only end a base64 string; "AAA=BBBB" must be rejected (501), also as an initial
# response.
case smtp.rfc4954.4.pad-inside-initial-response
  title "An initial response with \"=\" inside it is answered 501"
  rfc 4954 4 MUST
  tags auth plain syntax
  requires sasl PLAIN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "AUTH PLAIN AAA=BBBB"
  expect reply 501
  send "QUIT"
end

# "=" stands for an initial response of zero length; an empty PLAIN message cannot authenticate anyone, so
# the exchange ends with a failure (535, or 501 for the unusable message).
case smtp.rfc4954.4.empty-initial-response
  title "AUTH PLAIN with the empty initial response \"=\" fails cleanly"
  rfc 4954 4 SHOULD
  tags auth plain syntax
  requires sasl PLAIN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "AUTH PLAIN ="
  expect reply 535|501
  send "QUIT"
end

# A mechanism the server does not support is rejected with 504.
case smtp.rfc4954.4.unknown-mechanism
  title "AUTH with an unsupported mechanism is answered 504"
  rfc 4954 4 SHOULD
  tags auth syntax
  requires ext AUTH
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "AUTH X-MAILSPEC-NOSUCH"
  expect reply 504
  send "QUIT"
end

# CRAM-MD5 starts with a server challenge; a client that sends an initial response anyway gets 501.
case smtp.rfc4954.4.initial-response-to-server-first-mechanism
  title "An initial response with CRAM-MD5 is answered 501"
  rfc 4954 4 MUST
  tags auth cram-md5 syntax
  requires sasl CRAM-MD5
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "AUTH CRAM-MD5 bWFpbHNwZWM="
  expect reply 501
  send "QUIT"
end

# Mechanism names are matched without regard to case.
case smtp.rfc4954.8.mechanism-name-case-insensitive
  title "\"AUTH plain\" in lower case starts the PLAIN exchange"
  rfc 4954 8 MUST
  rfc 5321 2.4 MUST
  tags auth plain case
  requires sasl PLAIN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "AUTH plain"
  expect reply 334
  send "*"
  read
  send "QUIT"
end

# A server offering AUTH supports the AUTH= parameter of MAIL even when the client has not authenticated.
case smtp.rfc4954.5.mail-auth-empty
  title "MAIL FROM with AUTH=<> is accepted from an unauthenticated client"
  rfc 4954 5 MUST
  tags auth mail parameter
  requires ext AUTH
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> AUTH=<>"
  expect reply 250
  send "QUIT"
end

# The same with a mailbox (xtext) as the value: the server ignores it for an unauthenticated client.
case smtp.rfc4954.5.mail-auth-mailbox
  title "MAIL FROM with AUTH=<mailbox> is accepted from an unauthenticated client"
  rfc 4954 5 MUST
  tags auth mail parameter
  requires ext AUTH
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> AUTH=${sender}"
  expect reply 250
  send "QUIT"
end

# Inside TLS, where PLAIN is always expected to be usable, valid credentials are answered 235.
case smtp.rfc4954.4.plain-after-starttls
  title "AUTH PLAIN inside TLS with valid credentials is answered 235"
  rfc 4954 4 MUST
  rfc 3207 4.2 MUST
  tags auth plain starttls
  requires starttls
  requires tls-sasl PLAIN
  requires login
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "STARTTLS"
  need reply 220
  starttls
  send "EHLO ${helo}"
  need reply 250
  auth PLAIN
  expect reply 235
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "QUIT"
end
