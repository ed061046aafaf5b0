# RFC 1939 §6 (The UPDATE State): QUIT from TRANSACTION removes exactly the messages marked as
# deleted and closes the connection; a session that ends any other way removes nothing.
#
# The cases tagged `mutates` log in as a dedicated mailbox, never as the run's --user:
#   --var mutable_user=carol --var mutable_password=carolpw
# CI seeds it first (ci/targets/dovecot/seed-mail.sh carol 5). Two cases here really delete one
# message each (the last one); they are `serial`, so they run alone after the parallel cases and no
# other case sees the maildrop change under it. Each skips when the variables are unset or the
# maildrop holds too few messages. Messages are recognised across sessions by number and size
# (`size-equals`; the seeded messages differ in size). The cases that check that nothing was removed
# look at message 1 and commit nothing on a correct server, so they run in parallel.

# QUIT after login answers +OK, and the server then closes the connection.
case pop3.rfc1939.6.quit-closes-connection
  title "QUIT in the TRANSACTION state answers +OK and the server closes"
  rfc 1939 6 MUST
  tags quit update
  requires login

  connect
  need greeting
  login
  send "QUIT"
  expect ok
  expect closed
end

# On QUIT the messages marked as deleted are removed: a new session has one message fewer, so the
# former last message number no longer exists.
case pop3.rfc1939.6.quit-removes-deleted
  title "DELE <last> then QUIT: the next session no longer has that message number"
  rfc 1939 6 MUST
  tags update dele quit mutates
  requires var mutable_user
  requires var mutable_password
  serial

  connect first
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "STAT"
  need ok
  capture n /^\+OK ([2-9]|[1-9]\d+) /
  send "DELE ${n}"
  need ok
  send "QUIT"
  need ok
  connect second
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "LIST ${n}"
  expect err
end

# The server never removes a message that was not marked: after deleting only the last message,
# message 1 is still there in the next session, with the same size.
case pop3.rfc1939.6.quit-keeps-unmarked
  title "DELE <last> then QUIT: message 1 survives with its size"
  rfc 1939 6 MUST
  tags update dele quit mutates
  requires var mutable_user
  requires var mutable_password
  serial

  connect first
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "STAT"
  need ok
  capture n /^\+OK ([2-9]|[1-9]\d+) /
  send "LIST 1"
  need ok
  capture size /^\+OK 1 (\d+)/
  send "DELE ${n}"
  need ok
  send "QUIT"
  need ok
  connect second
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "RETR 1"
  expect ok multiline
  expect size-equals size
end

# A session that ends without QUIT (here: the client drops the connection) never reaches UPDATE,
# so a message marked as deleted is still there in the next session, same number, same size.
case pop3.rfc1939.6.drop-without-quit-keeps-messages
  title "DELE 1 then a dropped connection: message 1 is still there with its size"
  rfc 1939 6 MUST
  rfc 1939 8 MAY
  tags update dele mutates
  requires var mutable_user
  requires var mutable_password

  connect first
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "LIST 1"
  need ok
  capture size /^\+OK 1 (\d+)/
  send "DELE 1"
  need ok
  close
  sleep 500ms
  connect second
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "RETR 1"
  expect ok multiline
  expect size-equals size
end

# RSET clears the deletion marks, so a following QUIT removes nothing.
case pop3.rfc1939.6.rset-then-quit-keeps-messages
  title "DELE 1, RSET, QUIT: message 1 is still there with its size"
  rfc 1939 6 MUST
  rfc 1939 5 MUST
  tags update rset quit mutates
  requires var mutable_user
  requires var mutable_password

  connect first
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "LIST 1"
  need ok
  capture size /^\+OK 1 (\d+)/
  send "DELE 1"
  need ok
  send "RSET"
  need ok
  send "QUIT"
  need ok
  connect second
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "RETR 1"
  expect ok multiline
  expect size-equals size
end
