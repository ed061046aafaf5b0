# Several sessions on one maildrop: RFC 1939 §4 (exclusive-access lock), §5/§6 (deletions happen
# only in UPDATE), §8 (keeping mail on the server), RFC 2449 §6.7 (EXPIRE) and §8.1.2 ([IN-USE]).
# Two connections are open at once in one case (the first and `second`, switched with `use`).
#
# The cases tagged `mutates` log in as a dedicated mailbox, never as the run's --user:
#   --var mutable_user=carol --var mutable_password=carolpw
# CI seeds it first (ci/targets/dovecot/seed-mail.sh carol 5). One case here really deletes one
# message (the last one, when there are at least two); it is `serial`, so it runs alone after the
# parallel cases. The other cases commit nothing on a correct server and recognise message 1 across
# sessions by its size. UIDL persistence across sessions is in rfc1939_7_top_uidl.mspec.
# Audit (issue 8): set-up from fixtures; the first session is the case's main connection (or `A`,
# opened by the case itself where it switches back with `use A`), the second one is named `second` (fixtures pop3.greeted.second, pop3.transaction.second,
# pop3.mutable.second). A second login may be refused (a lock is the server's choice, §4), so
# second logins that only set the stage are preconditions (need).

# Whether a second session may open a maildrop that is already open is the server's choice (it
# locks "as necessary"); a refusal is reported as info.
case pop3.rfc1939.4.second-session-allowed
  title "A second login to a maildrop already in TRANSACTION succeeds"
  rfc 1939 4 MAY
  tags sessions lock
  requires login

  include pop3.transaction
  include pop3.greeted.second
  send "USER ${user}"
  need ok
  send "PASS ${password}"
  expect ok within 20s
end

# If the server refuses that second login because of the lock, the refusal should say so with
# [IN-USE] when RESP-CODES is advertised; accepting the login is fine too.
case pop3.rfc2449.8.1.2.in-use-code
  title "A second login is either accepted or refused with -ERR [IN-USE]"
  rfc 2449 8.1.2 MAY
  tags sessions lock resp-codes
  requires ext RESP-CODES
  requires login

  include pop3.transaction
  include pop3.greeted.second
  send "USER ${user}"
  need ok
  send "PASS ${password}"
  expect line /^(?:\+OK|-ERR \[IN-USE(?:\/[^\]]*)?\])/ within 20s
end

# A second login attempt, accepted or not, leaves the first session working.
case pop3.rfc1939.4.first-session-survives-second-login
  title "After a second login attempt, the first session still answers STAT and RETR"
  rfc 1939 4 SHOULD
  tags sessions lock
  requires login

  connect A
  include pop3.transaction.here
  include pop3.stat
  include pop3.stat.messages
  include pop3.greeted.second
  send "USER ${user}"
  need ok
  send "PASS ${password}"
  need status within 20s
  use A
  send "STAT"
  expect ok text /^\d+ \d+/
  send "RETR 1"
  expect ok multiline
end

# A DELE is only a mark inside its own session until QUIT: another session still sees the message.
case pop3.rfc1939.5.pending-dele-invisible-to-other-session
  title "While session A has DELE 1 pending, session B still retrieves message 1 whole"
  rfc 1939 5 MUST
  rfc 1939 6 MUST
  tags sessions dele mutates
  requires var mutable_user
  requires var mutable_password

  connect A
  include pop3.mutable.here
  send "LIST 1"
  need ok
  capture size /^\+OK 1 (\d+)/
  send "DELE 1"
  need ok
  include pop3.mutable.second
  send "RETR 1"
  expect ok multiline
  expect size-equals size
  close
  use A
  include pop3.abandon
end

# The lock exists so that messages are not removed under an open session before its UPDATE: if a
# second session is let in and deletes a message, the first should still be able to retrieve it.
case pop3.rfc1939.4.maildrop-stable-during-session
  title "Session A can still RETR a message that session B deleted and committed"
  rfc 1939 4 SHOULD
  tags sessions lock mutates
  requires var mutable_user
  requires var mutable_password
  serial

  connect A
  include pop3.mutable.here
  include pop3.stat
  include pop3.stat.two
  include pop3.mutable.second
  send "DELE ${n}"
  need ok
  send "QUIT"
  need ok
  use A
  send "RETR ${n}"
  expect ok multiline
  close
end

# Keep mode: a client that downloads and QUITs without DELE finds the same message next time.
# A site may delete downloaded mail by policy (§8), but then it should announce EXPIRE 0, so the
# case skips when CAPA is missing or announces EXPIRE 0.
case pop3.rfc2449.6.7.keep-mode-leaves-messages
  title "RETR 1 then QUIT without DELE: the next session still has message 1 with its size"
  rfc 2449 6.7 SHOULD
  rfc 1939 6 MUST
  rfc 1939 8 MAY
  tags sessions keep-mode mutates
  requires var mutable_user
  requires var mutable_password

  include pop3.capa
  need body /\A(?![\s\S]*^EXPIRE 0(?: |\r|$))/i
  include pop3.mutable-login
  send "LIST 1"
  need ok
  capture size /^\+OK 1 (\d+)/
  send "RETR 1"
  need ok multiline
  send "QUIT"
  need ok
  include pop3.mutable.second
  send "RETR 1"
  expect ok multiline
  expect size-equals size
end
