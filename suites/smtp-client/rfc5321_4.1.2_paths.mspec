# RFC 5321 §4.1.1.2, §4.1.1.3, §4.1.2: MAIL FROM:<path> and RCPT TO:<path>, angle brackets, no space
# after the colon, parameters separated by SP.

# MAIL's argument follows "FROM:" Reverse-path [SP Mail-parameters] (§4.1.2 grammar; the syntax is a MUST
# of §4.1.1.2).
case smtp-client.rfc5321.4.1.1.2.mail-from-syntax
  title "MAIL FROM:<reverse-path> follows the grammar (angle brackets, no space after the colon)"
  rfc 5321 4.1.1.2 MUST
  rfc 5321 4.1.2 MUST
  tags mail syntax
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  expect equals "${cmd.path.error}" ""
  send "250 2.1.0 sender ok"
  include smtp-client.rest-after-mail
end

# RCPT's argument follows "TO:" Forward-path [SP Rcpt-parameters] (§4.1.1.3, §4.1.2).
case smtp-client.rfc5321.4.1.1.3.rcpt-to-syntax
  title "RCPT TO:<forward-path> follows the grammar (angle brackets, no space after the colon)"
  rfc 5321 4.1.1.3 MUST
  rfc 5321 4.1.2 MUST
  tags rcpt syntax
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  expect equals "${cmd.path.error}" ""
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  need data
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end
