# RFC 2449 §8 (Extended POP3 Response Codes), §6.5 (LOGIN-DELAY) and RFC 3206 §5-6 (AUTH code,
# AUTH-RESP-CODE capability). [IN-USE] is tested in sessions.mspec.
# With RESP-CODES advertised, any response text starting with "[" is a response code:
# "[" level *("/" level) "]", each level made of printable characters other than "/" and "]".
# Gap: [SYS/TEMP] and [SYS/PERM] (RFC 3206 §4) answer server-side faults that a client cannot
# provoke over the wire; they are only covered by the generic syntax checks here.
# Read-only, except the LOGIN-DELAY case (tag `mutates`: it uses --var mutable_user /
# mutable_password, so that a delay it triggers cannot lock the run's --user out of later cases).
# Audit (issue 8): the cases that fail a login on purpose (wrong PASS, failed AUTH PLAIN, the login
# refused by LOGIN-DELAY) are `serial` and await the refusal `within 20s` (Dovecot delays failed
# logins: auth_failure_delay 2 s, anvil penalty up to 15 s). Set-up from fixtures.

# A refused PASS is a typical place for a response code; if its text starts with "[", the code
# must be well formed.
case pop3.rfc2449.8.resp-code-syntax-failed-pass
  title "A -ERR to a wrong PASS starts either without '[' or with a well-formed [code]"
  rfc 2449 8 MUST
  rfc 2449 3 MUST
  tags resp-codes syntax
  requires ext RESP-CODES
  requires login
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  send "USER ${user}"
  need ok
  send "PASS mailspec-wrong-${uniq}"
  expect err text /^(?:[^\[]|$)|^\[[\x21-\x2E\x30-\x5C\x5E-\x7E]+(?:\/[\x21-\x2E\x30-\x5C\x5E-\x7E]+)*\]/ within 20s
end

# The same holds for the errors of the TRANSACTION state.
case pop3.rfc2449.8.resp-code-syntax-transaction-errors
  title "-ERR answers after login start without '[' or with a well-formed [code]"
  rfc 2449 8 MUST
  rfc 2449 3 MUST
  tags resp-codes syntax
  requires ext RESP-CODES
  requires login

  include pop3.transaction
  send "XYZQ"
  expect err text /^(?:[^\[]|$)|^\[[\x21-\x2E\x30-\x5C\x5E-\x7E]+(?:\/[\x21-\x2E\x30-\x5C\x5E-\x7E]+)*\]/
  send "RETR 0"
  expect err text /^(?:[^\[]|$)|^\[[\x21-\x2E\x30-\x5C\x5E-\x7E]+(?:\/[\x21-\x2E\x30-\x5C\x5E-\x7E]+)*\]/
  send "LIST one"
  expect err text /^(?:[^\[]|$)|^\[[\x21-\x2E\x30-\x5C\x5E-\x7E]+(?:\/[\x21-\x2E\x30-\x5C\x5E-\x7E]+)*\]/
end

# A server announcing AUTH-RESP-CODE puts [AUTH] on every login refusal caused by the credentials:
# here a wrong password.
case pop3.rfc3206.6.auth-code-on-wrong-password
  title "With AUTH-RESP-CODE, a wrong PASS is refused with -ERR [AUTH]"
  rfc 3206 6 SHOULD
  rfc 3206 5 SHOULD
  tags resp-codes auth-resp-code
  requires ext AUTH-RESP-CODE
  requires login
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  send "USER ${user}"
  need ok
  send "PASS mailspec-wrong-${uniq}"
  expect err code AUTH within 20s
end

# The same for a SASL exchange with credentials the server rejects (PLAIN for an unknown user,
# "\0mailspec-nosuch\0wrong-password" in base64).
case pop3.rfc3206.6.auth-code-on-failed-sasl
  title "With AUTH-RESP-CODE, a failed AUTH PLAIN is refused with -ERR [AUTH]"
  rfc 3206 6 SHOULD
  rfc 3206 5 SHOULD
  tags resp-codes auth-resp-code sasl
  requires ext AUTH-RESP-CODE
  requires sasl PLAIN
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.sasl-plain
  send "AUTH PLAIN AG1haWxzcGVjLW5vc3VjaAB3cm9uZy1wYXNzd29yZA=="
  expect err code AUTH within 20s
end

# A server that announces a non-zero LOGIN-DELAY should enforce it: a second login right after the
# first is refused (with or without the [LOGIN-DELAY] code). Before login the server announces the
# largest delay of any user (with USER when it varies), so the value that applies to this mailbox is
# read after login; the case skips when it is 0. The refusal may already come on USER (§8.1.1), after
# which the server may close: the PASS answer accepts a close.
case pop3.rfc2449.6.5.login-delay-enforced
  title "With LOGIN-DELAY n > 0 for the mailbox, an immediate second login is refused"
  rfc 2449 6.5 SHOULD
  rfc 2449 8.1.1 MAY
  tags resp-codes login-delay mutates
  requires ext LOGIN-DELAY
  requires var mutable_user
  requires var mutable_password
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.mutable
  send "CAPA"
  need ok multiline
  need body /(?:^|\n)LOGIN-DELAY [1-9]\d*(?: USER)?\r?(?:\n|$)/i
  send "QUIT"
  need ok
  include pop3.greeted.second
  send "USER ${mutable_user}"
  need status
  send "PASS ${mutable_password}"
  expect err within 20s or-closed
end
