# RFC 1939 §3 (Basic Operation), §4, §5 and §7: each command is valid in its state only, and a
# command given in the wrong state gets a negative status indicator.
# AUTHORIZATION-only: USER, PASS, APOP (AUTH and STLS are in rfc5034_sasl / rfc2595_stls).
# TRANSACTION-only: STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL.
# Read-only: the DELE before login cannot delete anything; logs in with the run's credentials.

# Before login there is no maildrop: STAT is in the wrong state.
case pop3.rfc1939.3.stat-before-login
  title "STAT in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags state authorization

  connect
  need greeting
  send "STAT"
  expect err
end

# LIST (with or without argument) before login is in the wrong state.
case pop3.rfc1939.3.list-before-login
  title "LIST in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags state authorization

  connect
  need greeting
  send "LIST"
  expect err
  send "LIST 1"
  expect err
end

# RETR before login is in the wrong state.
case pop3.rfc1939.3.retr-before-login
  title "RETR in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags state authorization

  connect
  need greeting
  send "RETR 1"
  expect err
end

# DELE before login is in the wrong state.
case pop3.rfc1939.3.dele-before-login
  title "DELE in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags state authorization

  connect
  need greeting
  send "DELE 1"
  expect err
end

# NOOP is a TRANSACTION command, so before login it gets -ERR.
case pop3.rfc1939.3.noop-before-login
  title "NOOP in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags state authorization

  connect
  need greeting
  send "NOOP"
  expect err
end

# RSET before login is in the wrong state.
case pop3.rfc1939.3.rset-before-login
  title "RSET in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags state authorization

  connect
  need greeting
  send "RSET"
  expect err
end

# TOP is TRANSACTION-only (and optional: a server without it answers -ERR too).
case pop3.rfc1939.3.top-before-login
  title "TOP in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags state authorization top

  connect
  need greeting
  send "TOP 1 0"
  expect err
end

# UIDL is TRANSACTION-only (and optional: a server without it answers -ERR too).
case pop3.rfc1939.3.uidl-before-login
  title "UIDL in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags state authorization uidl

  connect
  need greeting
  send "UIDL"
  expect err
end

# A successful USER does not open the maildrop: the session stays in AUTHORIZATION until PASS.
case pop3.rfc1939.3.stat-between-user-and-pass
  title "STAT after USER but before PASS is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags state authorization
  requires login

  connect
  need greeting
  send "USER ${user}"
  need ok
  send "STAT"
  expect err
end

# Once logged in, USER belongs to a state the session has left.
case pop3.rfc1939.3.user-after-login
  title "USER in the TRANSACTION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags state transaction
  requires login

  connect
  need greeting
  login
  send "USER ${user}"
  expect err
  send "STAT"
  expect ok text /^\d+ \d+/
end

# PASS after login is in the wrong state, even with the right password.
case pop3.rfc1939.3.pass-after-login
  title "PASS in the TRANSACTION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags state transaction
  requires login

  connect
  need greeting
  login
  send "PASS ${password}"
  expect err
end

# APOP after login is in the wrong state (a server without APOP answers -ERR too).
case pop3.rfc1939.3.apop-after-login
  title "APOP in the TRANSACTION state is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags state transaction apop
  requires login

  connect
  need greeting
  login
  send "APOP ${user} 0123456789abcdef0123456789abcdef"
  expect err
end
