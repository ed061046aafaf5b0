# RFC 3207 §4.2: after a successful TLS negotiation the client forgets what it knew and starts over with
# EHLO (a SHOULD); before TLS it learnt of STARTTLS from the EHLO reply.
case smtp-client.rfc3207.4.2.ehlo-after-starttls
  title "After STARTTLS the client sends EHLO again"
  rfc 3207 4.2 SHOULD
  tags starttls tls
  send "220 mailspec.test ESMTP mailspec fake server"
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test" "250-STARTTLS" "250 8BITMIME"
  need command STARTTLS hint "configure the client to use STARTTLS (it went on in clear text)"
  send "220 2.0.0 ready to start TLS"
  starttls
  expect command EHLO
  send "250-mailspec.test" "250 8BITMIME"
  include smtp-client.one-message
  need command QUIT hint "the client did not end with QUIT (quit-last judges that)"
  send "221 2.0.0 bye"
end
