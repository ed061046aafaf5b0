# Test doubles for client developers: after the greeting, the built-in server (serve-mailbox) carries the
# whole session, accepting any mail for any recipient, so that a client's CI can point at
# `mailspec serve smtp --case smtp-client.double.sink` (with fault injection) and run its own scenario.

# RFC 5321 §4.1.4: the last command of a session is QUIT; whatever the client did before, it ends with it.
case smtp-client.double.sink
  title "Test double: a sink that accepts any session; the client ends it with QUIT"
  rfc 5321 4.1.4 MUST
  tags double quit
  send "220 mailspec.test ESMTP mailspec test double"
  serve-mailbox capabilities "auth"
  expect equals "${mailbox.end}" "quit"
end
