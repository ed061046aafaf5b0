# RFC 1939 §5 (The TRANSACTION State): STAT and its drop listing "+OK nn mm".
#
# Mutating cases (tag `mutates`) log in as a dedicated mailbox, never as the run's --user:
#   --var mutable_user=carol --var mutable_password=carolpw
# (CI seeds that maildrop first: ci/targets/dovecot/seed-mail.sh carol 5). They skip when the
# variables are not set or the maildrop holds too few messages. The case here marks a message
# deleted and then drops the connection without QUIT, so a correct server removes nothing.

# The drop listing is "+OK", one space, the message count, one space, the size in octets.
case pop3.rfc1939.5.stat-drop-listing-format
  title "STAT answers +OK <count> <octets>"
  rfc 1939 5 MUST
  tags stat syntax
  requires login

  connect
  need greeting
  login
  send "STAT"
  expect ok text /^\d+ \d+(?: |$)/
end

# Minimal servers end the drop listing right after the size; extra text is strongly discouraged.
case pop3.rfc1939.5.stat-nothing-after-size
  title "STAT's drop listing ends after the maildrop size"
  rfc 1939 5 SHOULD
  tags stat syntax
  requires login

  connect
  need greeting
  login
  send "STAT"
  expect ok text /^\d+ \d+$/
end

# Messages marked as deleted are not counted. With n messages, after DELE n the count must be n-1,
# so the count STAT then reports must name a message that still exists (the language has no
# arithmetic: a count of n would name the deleted message and LIST would refuse it).
case pop3.rfc1939.5.stat-excludes-deleted
  title "After DELE of the last message, STAT's count no longer includes it"
  rfc 1939 5 MUST
  tags stat dele mutates
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
  send "DELE ${n}"
  need ok
  send "STAT"
  expect ok text /^\d+ \d+/
  capture c /^\+OK (\d+) /
  send "LIST ${c}"
  expect ok
  send "RSET"
  read
  close
end
