# RFC 1939 §5 (The TRANSACTION State): STAT and its drop listing "+OK nn mm".
#
# The mutating case (tag `mutates`) logs in as a dedicated mailbox, never as the run's --user:
#   --var mutable_user=carol --var mutable_password=carolpw
# (CI seeds that maildrop first: ci/targets/dovecot/seed-mail.sh carol 5). It skips when the
# variables are not set or the maildrop holds too few messages. It marks a message deleted and then
# drops the connection without QUIT (fixture pop3.abandon), so a correct server removes nothing.

# The drop listing is "+OK", one space, the message count, one space, the size in octets (§5: "all
# POP3 servers are required to use a certain format for drop listings").
case pop3.rfc1939.5.stat-drop-listing-format
  title "STAT answers +OK <count> <octets>"
  rfc 1939 5 MUST
  tags stat syntax
  requires login

  include pop3.transaction
  send "STAT"
  expect ok text /^\d+ \d+(?: |$)/
end

# §5 "makes no requirement on what follows the maildrop size": minimal implementations end the line
# there (lower-case "should"), advanced ones may add information (strongly discouraged). Audit: was
# SHOULD, now MAY (info): extra text is a permitted choice.
case pop3.rfc1939.5.stat-nothing-after-size
  title "STAT's drop listing ends after the maildrop size"
  rfc 1939 5 MAY
  tags stat syntax
  requires login

  include pop3.transaction
  send "STAT"
  expect ok text /^\d+ \d+$/
end

# Messages marked as deleted are not counted (§5). With n messages, after DELE n the count must be
# n-1, so the count STAT then reports must name a message that still exists (the language has no
# arithmetic: a count of n would name the deleted message and LIST would refuse it).
case pop3.rfc1939.5.stat-excludes-deleted
  title "After DELE of the last message, STAT's count no longer includes it"
  rfc 1939 5 MUST
  tags stat dele mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.mutable.two
  send "DELE ${n}"
  need ok
  send "STAT"
  expect ok text /^\d+ \d+/
  capture c /^\+OK (\d+) /
  send "LIST ${c}"
  expect ok
  include pop3.abandon
end
