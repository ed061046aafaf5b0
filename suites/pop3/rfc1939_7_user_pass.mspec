# RFC 1939 §7 (Optional POP3 Commands): USER and PASS, with the state rules of §3 and §4.
# Read-only: logs in with the run's credentials (--user, --password-env).

# A successful USER then PASS opens the maildrop: the session is in TRANSACTION and STAT works.
case pop3.rfc1939.7.user-pass-enters-transaction
  title "USER + PASS with valid credentials lead to the TRANSACTION state"
  rfc 1939 4 MUST
  rfc 1939 7 MUST
  tags user-pass
  requires login

  connect
  need greeting
  send "USER ${user}"
  need ok
  send "PASS ${password}"
  need ok
  send "STAT"
  expect ok text /^\d+ \d+/
end

# PASS is only valid right after a successful USER; on its own it is refused.
case pop3.rfc1939.7.pass-without-user
  title "PASS without a preceding USER is answered with -ERR"
  rfc 1939 7 MUST
  rfc 1939 3 MUST
  tags user-pass state
  requires login

  connect
  need greeting
  send "PASS ${password}"
  expect err
  send "STAT"
  expect err
end

# A wrong password is refused, and the session stays in AUTHORIZATION.
case pop3.rfc1939.7.wrong-password-rejected
  title "PASS with a wrong password gets -ERR and the maildrop stays closed"
  rfc 1939 7 MUST
  rfc 1939 3 MUST
  tags user-pass errors
  requires login

  connect
  need greeting
  send "USER ${user}"
  need ok
  send "PASS mailspec-wrong-${uniq}"
  expect err
  send "STAT"
  expect err
end

# The server may accept USER for a mailbox that does not exist (so as not to reveal names),
# but the following PASS must then fail. Either answer to USER is fine.
case pop3.rfc1939.7.unknown-user-cannot-login
  title "An unknown mailbox name never leads to +OK on PASS"
  rfc 1939 7 MUST
  rfc 1939 7 MAY
  tags user-pass errors

  connect
  need greeting
  send "USER mailspec-nosuch-${uniq}"
  expect status
  send "PASS mailspec-wrong-${uniq}"
  expect err
  send "STAT"
  expect err
end

# USER's restrictions allow it only after the greeting or after a failed USER or PASS, so a second
# USER right after a successful one is out of place. §3's MUST (-ERR in the wrong state) speaks of the
# three session states, and the session is still in AUTHORIZATION: a server that lets the new name
# replace the old one is lenient rather than broken, hence SHOULD.
case pop3.rfc1939.7.user-twice
  title "USER right after a successful USER is answered with -ERR"
  rfc 1939 7 SHOULD
  rfc 1939 3 SHOULD
  tags user-pass state
  requires login

  connect
  need greeting
  send "USER ${user}"
  need ok
  send "USER ${user}"
  expect err
end

# PASS is valid only immediately after a successful USER, so after a failed PASS another PASS
# (without a new USER) is out of place, whatever the password.
case pop3.rfc1939.7.pass-after-failed-pass
  title "A second PASS after a failed PASS is answered with -ERR"
  rfc 1939 7 MUST
  rfc 1939 3 MUST
  tags user-pass state
  requires login

  connect
  need greeting
  send "USER ${user}"
  need ok
  send "PASS mailspec-wrong-${uniq}"
  need err
  send "PASS ${password}"
  expect err
end

# After USER the client may also give up with QUIT: +OK, and the server closes.
case pop3.rfc1939.7.quit-after-user
  title "QUIT after USER gets +OK and the connection is closed"
  rfc 1939 7 MUST
  rfc 1939 4 MUST
  tags user-pass quit
  requires login

  connect
  need greeting
  send "USER ${user}"
  need ok
  send "QUIT"
  expect ok
  expect closed
end
