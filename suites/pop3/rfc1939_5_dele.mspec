# RFC 1939 §5 (The TRANSACTION State): DELE, and how a message marked as deleted is treated by
# STAT, LIST, RETR, DELE, and by TOP and UIDL (§7) for the rest of the session.
#
# Every case here is mutating (tag `mutates`): it logs in as a dedicated mailbox, never as the
# run's --user:
#   --var mutable_user=carol --var mutable_password=carolpw
# CI seeds that maildrop first (ci/targets/dovecot/seed-mail.sh carol 5). A case skips when the
# variables are not set or the maildrop holds too few messages. No case here sends QUIT after DELE:
# each ends with fixture pop3.abandon (RSET, then the connection is dropped), so a correct server
# removes nothing (§6), and the checks stay within one session. The cases that commit a deletion
# (rfc1939_6_update.mspec, rfc1939_7_top_uidl.mspec, sessions.mspec) are `serial`: they run after
# these, one at a time.
# Audit (issue 8): set-up from fixtures (pop3.mutable, pop3.mutable.messages, pop3.mutable.two); the
# DELE 1 of every case but dele-marks-message is a precondition (need), so a server that refuses DELE
# is reported once, by dele-marks-message. The checks rest on §5 DELE's discussion ("any future
# reference to the message-number ... generates an error") and LIST's "messages marked as deleted
# are not listed".

# DELE of an existing message answers +OK (§5; DELE is a minimal command, §7).
case pop3.rfc1939.5.dele-marks-message
  title "DELE 1 answers +OK"
  rfc 1939 5 MUST
  tags dele mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable.messages
  send "DELE 1"
  expect ok
  include pop3.abandon
end

# A message already marked as deleted cannot be deleted again.
case pop3.rfc1939.5.dele-twice-rejected
  title "A second DELE of the same message is answered with -ERR"
  rfc 1939 5 MUST
  tags dele errors mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable.messages
  send "DELE 1"
  need ok
  send "DELE 1"
  expect err
  include pop3.abandon
end

# A deleted message cannot be retrieved.
case pop3.rfc1939.5.retr-deleted-rejected
  title "RETR of a message marked as deleted is answered with -ERR"
  rfc 1939 5 MUST
  tags dele retr errors mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable.messages
  send "DELE 1"
  need ok
  send "RETR 1"
  expect err
  include pop3.abandon
end

# LIST with the number of a deleted message is refused.
case pop3.rfc1939.5.list-deleted-rejected
  title "LIST of a message marked as deleted is answered with -ERR"
  rfc 1939 5 MUST
  tags dele list errors mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable.messages
  send "DELE 1"
  need ok
  send "LIST 1"
  expect err
  include pop3.abandon
end

# LIST without argument leaves deleted messages out.
case pop3.rfc1939.5.list-omits-deleted
  title "LIST no longer shows a scan listing for a deleted message"
  rfc 1939 5 MUST
  tags dele list mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable.messages
  send "DELE 1"
  need ok
  send "LIST"
  expect ok multiline
  expect body /\A(?![\s\S]*^1 )/
  include pop3.abandon
end

# Deleting a message does not renumber the others (§4 numbering is fixed at login; §5 DELE only
# marks): message 2 and the last message keep their numbers.
case pop3.rfc1939.5.numbers-stable-after-dele
  title "After DELE 1, message 2 and the last message keep their numbers"
  rfc 1939 5 MUST
  rfc 1939 4 MUST
  tags dele numbering mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable.two
  send "DELE 1"
  need ok
  send "LIST 2"
  expect ok text /^2 \d+/
  send "LIST ${n}"
  expect ok
  include pop3.abandon
end

# DELE of a message that does not exist is refused ("<count>1" is above the count; 0 never exists).
case pop3.rfc1939.5.dele-beyond-last-message
  title "DELE with a number above the message count is answered with -ERR"
  rfc 1939 5 MUST
  tags dele errors mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable.stat
  send "DELE ${n}1"
  expect err
  send "DELE 0"
  expect err
  include pop3.abandon
end

# DELE's message number is required (§5): without it the command is syntactically invalid (§3, MUST)
# and deletes nothing.
case pop3.rfc1939.5.dele-without-argument
  title "DELE without a message number is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags dele syntax errors mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable
  send "DELE"
  expect err
  include pop3.abandon
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

  include pop3.mutable.messages
  send "DELE 1"
  need ok
  send "TOP 1 0"
  expect err
  include pop3.abandon
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

  include pop3.mutable.messages
  send "DELE 1"
  need ok
  send "UIDL 1"
  expect err
  include pop3.abandon
end

# UIDL without argument leaves deleted messages out.
case pop3.rfc1939.7.uidl-omits-deleted
  title "UIDL no longer lists a deleted message"
  rfc 1939 7 MUST
  tags dele uidl mutates
  requires ext UIDL
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable.messages
  send "DELE 1"
  need ok
  send "UIDL"
  expect ok multiline
  expect body /\A(?![\s\S]*^1 )/
  include pop3.abandon
end
