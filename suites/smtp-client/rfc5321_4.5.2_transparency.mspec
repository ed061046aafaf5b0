# RFC 5321 §4.5.2: the client doubles a period at the start of a line of the data, so that only
# CRLF "." CRLF ends it. Needs a message with a line starting with ".mailspec-dot-line" (the scripted
# client's message has one): the server removes one period and must find the line with its period.
case smtp-client.rfc5321.4.5.2.dot-stuffing
  title "A line starting with a period is sent with the period doubled"
  rfc 5321 4.5.2 MUST
  tags data transparency
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send a message with a line '.mailspec-dot-line')"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  need data
  capture dotline /^(\.?)mailspec-dot-line/
  expect equals "${dotline}" "."
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end
