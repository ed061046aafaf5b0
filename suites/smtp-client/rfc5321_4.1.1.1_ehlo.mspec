# RFC 5321 §4.1.1.1: a client starts its session with EHLO; older clients may use HELO.
case smtp-client.rfc5321.4.1.1.1.ehlo-first
  title "The client opens the session with EHLO"
  rfc 5321 4.1.1.1 SHOULD
  tags ehlo
  send "220 mailspec.test ESMTP mailspec fake server"
  expect command EHLO
  send "250-mailspec.test" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  include smtp-client.one-message
  need command QUIT hint "the client did not end with QUIT (quit-last judges that)"
  send "221 2.0.0 bye"
end
