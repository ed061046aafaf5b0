# RFC 5321 §2.3.8: the client sends CR and LF only together, as the CRLF line end: in commands and in
# the mail data (MUST NOT transmit them otherwise).

# Commands end in CRLF: the server's command reader fails the case on a bare LF or CR (§2.3.8), so every
# command here is read by an `expect`.
case smtp-client.rfc5321.2.3.8.crlf-commands
  title "Commands end with CRLF, never a bare LF"
  rfc 5321 2.3.8 MUST
  tags crlf
  include smtp-client.greet
  expect command EHLO|HELO
  send "250-mailspec.test" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  expect command MAIL|QUIT|RSET|NOOP|AUTH|STARTTLS|HELP|VRFY
  need equals "${cmd.verb}" "MAIL" hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  expect command RCPT|QUIT|RSET|NOOP
  need equals "${cmd.verb}" "RCPT" hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  expect command DATA|QUIT|RSET|NOOP
  need equals "${cmd.verb}" "DATA" hint "the client did not send DATA"
  send "354 go ahead"
  need data
  send "250 2.0.0 queued as ${uniq}"
  expect command QUIT|MAIL|RSET|NOOP
  send "221 2.0.0 bye"
end

# No LF in the data that is not preceded by CR.
case smtp-client.rfc5321.2.3.8.no-bare-lf-in-data
  title "The mail data holds no bare LF"
  rfc 5321 2.3.8 MUST
  tags crlf data
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  expect data text /\A(?:[^\n]|(?<=\r)\n)*\z/
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end

# No CR in the data that is not followed by LF.
case smtp-client.rfc5321.2.3.8.no-bare-cr-in-data
  title "The mail data holds no bare CR"
  rfc 5321 2.3.8 MUST
  tags crlf data
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  expect data text /\A(?:[^\r]|\r(?=\n))*\z/
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end
