# Test doubles for client developers: after the greeting, the built-in server (serve-mailbox) carries the
# whole session on the messages of suites/mailstore/INBOX (a fresh copy per connection), so that a
# client's CI can point at `mailspec serve pop3 --case pop3-client.double.mailbox` (with fault injection).

# RFC 1939 §6: only a QUIT from TRANSACTION enters the UPDATE state; a client may end otherwise (its
# deletions are then not made), so a session that does not end with QUIT is reported, not failed.
case pop3-client.double.mailbox
  title "Test double: a maildrop that serves any session; the client ends it with QUIT"
  rfc 1939 6 MAY
  tags double quit
  send "+OK mailspec POP3 test double ready"
  serve-mailbox capabilities "auth"
  expect equals "${mailbox.end}" "quit"
end
