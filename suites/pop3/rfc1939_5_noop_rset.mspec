# RFC 1939 §5 (The TRANSACTION State): NOOP and RSET.
# The read-only cases log in with the run's credentials (--user, --password-env). The case tagged
# `mutates` logs in as --var mutable_user / mutable_password (CI: carol / carolpw, seeded with
# ci/targets/dovecot/seed-mail.sh carol 5) and never sends QUIT after DELE.

# NOOP does nothing and answers +OK (§5; a minimal command, §7).
case pop3.rfc1939.5.noop-ok
  title "NOOP in the TRANSACTION state answers +OK"
  rfc 1939 5 MUST
  tags noop
  requires login

  include pop3.transaction
  send "NOOP"
  expect ok
end

# RSET answers +OK even when nothing is marked as deleted (§5). Audit: the STAT that followed
# checked no sentence about RSET and was dropped (STAT has its own cases).
case pop3.rfc1939.5.rset-ok
  title "RSET with nothing deleted answers +OK"
  rfc 1939 5 MUST
  tags rset
  requires login

  include pop3.transaction
  send "RSET"
  expect ok
end

# RSET removes the deletion mark from every message (§5): it can be listed and retrieved again.
case pop3.rfc1939.5.rset-unmarks-deleted
  title "After DELE 1 and RSET, LIST 1 and RETR 1 succeed again"
  rfc 1939 5 MUST
  tags rset dele mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable.messages
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
