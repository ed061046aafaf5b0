# RFC 1939 §5 (The TRANSACTION State): NOOP and RSET.
# The read-only cases log in with the run's credentials (--user, --password-env). The case tagged
# `mutates` logs in as --var mutable_user / mutable_password (CI: carol / carolpw, seeded with
# ci/targets/dovecot/seed-mail.sh carol 5) and never sends QUIT after DELE.

# NOOP does nothing and answers +OK.
case pop3.rfc1939.5.noop-ok
  title "NOOP in the TRANSACTION state answers +OK"
  rfc 1939 5 MUST
  tags noop
  requires login

  connect
  need greeting
  login
  send "NOOP"
  expect ok
end

# RSET answers +OK even when nothing is marked as deleted, and changes nothing.
case pop3.rfc1939.5.rset-ok
  title "RSET with nothing deleted answers +OK and STAT still works"
  rfc 1939 5 MUST
  tags rset
  requires login

  connect
  need greeting
  login
  send "RSET"
  expect ok
  send "STAT"
  expect ok text /^\d+ \d+/
end

# RSET removes the deletion mark from every message: it can be listed and retrieved again.
case pop3.rfc1939.5.rset-unmarks-deleted
  title "After DELE 1 and RSET, LIST 1 and RETR 1 succeed again"
  rfc 1939 5 MUST
  tags rset dele mutates
  requires var mutable_user
  requires var mutable_password

  connect
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "STAT"
  need ok
  capture n /^\+OK ([1-9]\d*) /
  send "DELE 1"
  need ok
  send "RSET"
  expect ok
  send "LIST 1"
  expect ok text /^1 \d+/
  send "RETR 1"
  expect ok multiline
  close
end
