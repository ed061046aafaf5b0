# RFC 5321 §4.1.4: the last command of a session is QUIT; the client then waits for the server to close.
case smtp-client.rfc5321.4.1.4.quit-last
  title "The client ends the session with QUIT"
  rfc 5321 4.1.4 MUST
  tags quit
  include smtp-client.greeted-ehlo
  include smtp-client.one-message
  expect command QUIT
  send "221 2.0.0 bye"
end
