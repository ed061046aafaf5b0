# RFC 1939 §3 (Basic Operation), §4, §5 and §7: each command is valid in its state only, and a
# command given in the wrong state gets a negative status indicator.
# AUTHORIZATION-only: USER, PASS, APOP (AUTH and STLS are in rfc5034_sasl / rfc2595_stls).
# TRANSACTION-only: STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL.
# Read-only: the DELE before login cannot delete anything; logs in with the run's credentials.
# Audit (issue 8): every case here rests on §3's second MUST (a command in an incorrect state gets a
# negative status indicator); the states are the three session states of §3. Set-up comes from the
# fixtures (pop3.greeted, pop3.transaction). user-after-login no longer sends STAT after the refused
# USER: that read checked no sentence. The secondary `rfc 1939 5/7 MUST` lines were dropped: the
# "Restrictions: may only be given in ... state" lines of §5/§7 bind the client (lower-case "may");
# the server's duty is §3's.

# Before login there is no maildrop: STAT is in the wrong state.
case pop3.rfc1939.3.stat-before-login
  title "STAT in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state authorization

  include pop3.greeted
  send "STAT"
  expect err
end

# LIST (with or without argument) before login is in the wrong state.
case pop3.rfc1939.3.list-before-login
  title "LIST in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state authorization

  include pop3.greeted
  send "LIST"
  expect err
  send "LIST 1"
  expect err
end

# RETR before login is in the wrong state.
case pop3.rfc1939.3.retr-before-login
  title "RETR in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state authorization

  include pop3.greeted
  send "RETR 1"
  expect err
end

# DELE before login is in the wrong state.
case pop3.rfc1939.3.dele-before-login
  title "DELE in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state authorization

  include pop3.greeted
  send "DELE 1"
  expect err
end

# NOOP is a TRANSACTION command, so before login it gets -ERR.
case pop3.rfc1939.3.noop-before-login
  title "NOOP in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state authorization

  include pop3.greeted
  send "NOOP"
  expect err
end

# RSET before login is in the wrong state.
case pop3.rfc1939.3.rset-before-login
  title "RSET in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state authorization

  include pop3.greeted
  send "RSET"
  expect err
end

# TOP is TRANSACTION-only (and optional: a server without it answers -ERR too).
case pop3.rfc1939.3.top-before-login
  title "TOP in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state authorization top

  include pop3.greeted
  send "TOP 1 0"
  expect err
end

# UIDL is TRANSACTION-only (and optional: a server without it answers -ERR too).
case pop3.rfc1939.3.uidl-before-login
  title "UIDL in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state authorization uidl

  include pop3.greeted
  send "UIDL"
  expect err
end

# A successful USER does not open the maildrop: the session stays in AUTHORIZATION until PASS.
case pop3.rfc1939.3.stat-between-user-and-pass
  title "STAT after USER but before PASS is answered with -ERR"
  rfc 1939 3 MUST
  tags state authorization
  requires login

  include pop3.greeted
  send "USER ${user}"
  need ok
  send "STAT"
  expect err
end

# Once logged in, USER belongs to a state the session has left.
case pop3.rfc1939.3.user-after-login
  title "USER in the TRANSACTION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state transaction
  requires login

  include pop3.transaction
  send "USER ${user}"
  expect err
end

# PASS after login is in the wrong state, even with the right password.
case pop3.rfc1939.3.pass-after-login
  title "PASS in the TRANSACTION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state transaction
  requires login

  include pop3.transaction
  send "PASS ${password}"
  expect err
end

# APOP after login is in the wrong state (a server without APOP answers -ERR too).
case pop3.rfc1939.3.apop-after-login
  title "APOP in the TRANSACTION state is answered with -ERR"
  rfc 1939 3 MUST
  tags state transaction apop
  requires login

  include pop3.transaction
  send "APOP ${user} 0123456789abcdef0123456789abcdef"
  expect err
end
