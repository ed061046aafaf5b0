# RFC 2449 §8 and RFC 3206: an -ERR to a login command (PASS, APOP, AUTH) may carry a response code in
# square brackets: [IN-USE] (the credentials were right but the maildrop is locked), [LOGIN-DELAY] (the
# user logged in too recently), [SYS/TEMP], [SYS/PERM] (a system problem), [AUTH] (the credentials).
# Whatever the code, the login failed: the client stays in the AUTHORIZATION state (RFC 1939 §4) and may
# only authenticate again or QUIT. Unknown detail after a known code is ignored (RFC 2449 §8).

# The greeting, CAPA answered with RESP-CODES, and the client's login carried to its last step.
fixture pop3-client.login-codes
  send "+OK mailspec POP3 fake server ready"
  need command CAPA|USER|AUTH|APOP hint "the client did not log in"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "UIDL" "RESP-CODES" "AUTH-RESP-CODE" "LOGIN-DELAY 900" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
    need command USER|AUTH|APOP hint "the client did not log in"
  end
  include pop3-client.login-before-reply
end

case pop3-client.rfc2449.8.1.2.in-use-ends-login
  title "After -ERR [IN-USE] to its login the client does not act as logged in"
  rfc 1939 4 MUST
  rfc 2449 8.1.2 MUST
  tags login resp-codes
  include pop3-client.login-codes
  send "-ERR [IN-USE] the maildrop is in use by another session"
  expect command QUIT|USER|AUTH|APOP|CAPA or-closed
  send "+OK bye"
end

case pop3-client.rfc2449.8.1.1.login-delay-ends-login
  title "After -ERR [LOGIN-DELAY] to its login the client does not act as logged in"
  rfc 1939 4 MUST
  rfc 2449 8.1.1 MUST
  tags login resp-codes
  include pop3-client.login-codes
  send "-ERR [LOGIN-DELAY] wait 900 seconds between logins"
  expect command QUIT|USER|AUTH|APOP|CAPA or-closed
  send "+OK bye"
end

case pop3-client.rfc2449.8.sys-temp-ends-login
  title "After -ERR [SYS/TEMP] to its login the client does not act as logged in"
  rfc 1939 4 MUST
  tags login resp-codes
  include pop3-client.login-codes
  send "-ERR [SYS/TEMP] try again later"
  expect command QUIT|USER|AUTH|APOP|CAPA or-closed
  send "+OK bye"
end

case pop3-client.rfc2449.8.sys-perm-ends-login
  title "After -ERR [SYS/PERM] to its login the client does not act as logged in"
  rfc 1939 4 MUST
  tags login resp-codes
  include pop3-client.login-codes
  send "-ERR [SYS/PERM] the maildrop is damaged"
  expect command QUIT|USER|AUTH|APOP|CAPA or-closed
  send "+OK bye"
end

case pop3-client.rfc2449.8.auth-code-ends-login
  title "After -ERR [AUTH] to its login the client does not act as logged in"
  rfc 1939 4 MUST
  tags login resp-codes
  include pop3-client.login-codes
  send "-ERR [AUTH] invalid credentials"
  expect command QUIT|USER|AUTH|APOP|CAPA or-closed
  send "+OK bye"
end

# A known code with unknown detail ([IN-USE/X-MAILSPEC]) is that code.
case pop3-client.rfc2449.8.unknown-detail-ends-login
  title "After -ERR [IN-USE/X-MAILSPEC] to its login the client does not act as logged in"
  rfc 2449 8 MUST
  rfc 1939 4 MUST
  tags login resp-codes
  include pop3-client.login-codes
  send "-ERR [IN-USE/X-MAILSPEC] locked by another session"
  expect command QUIT|USER|AUTH|APOP|CAPA or-closed
  send "+OK bye"
end

# [LOGIN-DELAY]: logging in again right away is refused again (RFC 2449 §8.1.1); the client may retry
# (RFC 1939 §4 allows it), reported as a choice.
case pop3-client.rfc2449.8.1.1.login-delay-no-retry
  title "After -ERR [LOGIN-DELAY] the client does not retry the login at once"
  rfc 2449 8.1.1 MAY
  tags login resp-codes
  include pop3-client.login-codes
  send "-ERR [LOGIN-DELAY] wait 900 seconds between logins"
  expect command QUIT or-closed
  send "+OK bye"
end

# [IN-USE]: the maildrop stays locked while the other session lasts; retrying at once is a choice.
case pop3-client.rfc2449.8.1.2.in-use-no-retry
  title "After -ERR [IN-USE] the client does not retry the login at once"
  rfc 2449 8.1.2 MAY
  tags login resp-codes
  include pop3-client.login-codes
  send "-ERR [IN-USE] the maildrop is in use by another session"
  expect command QUIT or-closed
  send "+OK bye"
end
