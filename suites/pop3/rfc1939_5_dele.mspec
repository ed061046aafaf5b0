# RFC 1939 §5 (The TRANSACTION State): DELE, and how a message marked as deleted is treated by
# STAT, LIST, RETR, DELE, and by TOP and UIDL (§7) for the rest of the session.
#
# Every case here is mutating (tag `mutates`): it logs in as a dedicated mailbox, never as the
# run's --user:
#   --var mutable_user=carol --var mutable_password=carolpw
# CI seeds that maildrop first (ci/targets/dovecot/seed-mail.sh carol 5). A case skips when the
# variables are not set or the maildrop holds too few messages. No case here sends QUIT after DELE:
# each ends with RSET and drops the connection, so a correct server removes nothing (§6), and the
# checks stay within one session. The cases that commit a deletion (rfc1939_6_update.mspec,
# rfc1939_7_top_uidl.mspec, sessions.mspec) are `serial`: they run after these, one at a time.

# DELE of an existing message answers +OK.
case pop3.rfc1939.5.dele-marks-message
  title "DELE 1 answers +OK"
  rfc 1939 5 MUST
  tags dele mutates
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
  expect ok
  send "RSET"
  read
  close
end

# A message already marked as deleted cannot be deleted again.
case pop3.rfc1939.5.dele-twice-rejected
  title "A second DELE of the same message is answered with -ERR"
  rfc 1939 5 MUST
  tags dele errors mutates
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
  send "DELE 1"
  expect err
  send "RSET"
  read
  close
end

# A deleted message cannot be retrieved.
case pop3.rfc1939.5.retr-deleted-rejected
  title "RETR of a message marked as deleted is answered with -ERR"
  rfc 1939 5 MUST
  tags dele retr errors mutates
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
  send "RETR 1"
  expect err
  send "RSET"
  read
  close
end

# LIST with the number of a deleted message is refused.
case pop3.rfc1939.5.list-deleted-rejected
  title "LIST of a message marked as deleted is answered with -ERR"
  rfc 1939 5 MUST
  tags dele list errors mutates
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
  send "LIST 1"
  expect err
  send "RSET"
  read
  close
end

# LIST without argument leaves deleted messages out.
case pop3.rfc1939.5.list-omits-deleted
  title "LIST no longer shows a scan listing for a deleted message"
  rfc 1939 5 MUST
  tags dele list mutates
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
  send "LIST"
  expect ok multiline
  expect body /\A(?![\s\S]*^1 )/
  send "RSET"
  read
  close
end

# Deleting a message does not renumber the others: the last message keeps its number.
case pop3.rfc1939.5.numbers-stable-after-dele
  title "After DELE 1, message 2 and the last message keep their numbers"
  rfc 1939 5 MUST
  rfc 1939 4 MUST
  tags dele numbering mutates
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
  capture n /^\+OK ([2-9]|[1-9]\d+) /
  send "DELE 1"
  need ok
  send "LIST 2"
  expect ok text /^2 \d+/
  send "LIST ${n}"
  expect ok
  send "RSET"
  read
  close
end

# DELE of a message that does not exist is refused.
case pop3.rfc1939.5.dele-beyond-last-message
  title "DELE with a number above the message count is answered with -ERR"
  rfc 1939 5 MUST
  tags dele errors mutates
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
  capture n /^\+OK (\d+) /
  send "DELE ${n}1"
  expect err
  send "DELE 0"
  expect err
  send "RSET"
  read
  close
end

# DELE without a message number is syntactically invalid and deletes nothing.
case pop3.rfc1939.5.dele-without-argument
  title "DELE without a message number is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags dele syntax errors mutates
  requires var mutable_user
  requires var mutable_password

  connect
  need greeting
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok
  send "DELE"
  expect err
  send "RSET"
  read
  close
end

# TOP of a deleted message is refused like RETR.
case pop3.rfc1939.7.top-deleted-rejected
  title "TOP of a message marked as deleted is answered with -ERR"
  rfc 1939 7 MUST
  rfc 1939 5 MUST
  tags dele top errors mutates
  requires ext TOP
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
  send "TOP 1 0"
  expect err
  send "RSET"
  read
  close
end

# UIDL with the number of a deleted message is refused.
case pop3.rfc1939.7.uidl-deleted-rejected
  title "UIDL of a message marked as deleted is answered with -ERR"
  rfc 1939 7 MUST
  rfc 1939 5 MUST
  tags dele uidl errors mutates
  requires ext UIDL
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
  send "UIDL 1"
  expect err
  send "RSET"
  read
  close
end

# UIDL without argument leaves deleted messages out.
case pop3.rfc1939.7.uidl-omits-deleted
  title "UIDL no longer lists a deleted message"
  rfc 1939 7 MUST
  tags dele uidl mutates
  requires ext UIDL
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
  send "UIDL"
  expect ok multiline
  expect body /\A(?![\s\S]*^1 )/
  send "RSET"
  read
  close
end
