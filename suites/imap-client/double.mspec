# Test doubles for client developers: after the greeting, the built-in server (serve-mailbox) carries the
# whole session on the mailboxes of suites/mailstore (INBOX, Archive; a fresh copy per connection), so
# that a client's CI can point at `mailspec serve imap --case imap-client.double.mailbox` (with fault
# injection) and run its own scenario: fetch, search, store, append, copy, move, expunge, idle.

# RFC 9051 §3.4: a client ends the session with LOGOUT rather than closing the connection itself.
case imap-client.double.mailbox
  title "Test double: a mail store that serves any session; the client ends it with LOGOUT"
  rfc 9051 3.4 SHOULD
  tags double logout
  send "* OK mailspec IMAP test double ready"
  serve-mailbox capabilities "auth"
  expect equals "${mailbox.end}" "logout"
end
