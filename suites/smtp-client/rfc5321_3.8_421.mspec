# RFC 5321 §3.8: a server that must shut down answers 421 to any command and closes; the client treats
# it like a 451 for the transaction and sends nothing more than QUIT (read as SHOULD: the §3.8 sentence
# on communication failures). Greeting 421: rfc5321_4.3.1_greeting.mspec.

case smtp-client.rfc5321.3.8.421-to-mail
  title "421 to MAIL: the client only quits or closes"
  rfc 5321 3.8 SHOULD
  tags 421
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "421 4.3.2 service shutting down, closing transmission channel"
  include smtp-client.only-quit
end

case smtp-client.rfc5321.3.8.421-to-rcpt
  title "421 to RCPT: the client only quits or closes"
  rfc 5321 3.8 SHOULD
  tags 421
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "421 4.3.2 service shutting down, closing transmission channel"
  include smtp-client.only-quit
end

case smtp-client.rfc5321.3.8.421-after-data
  title "421 after the message data: the client only quits or closes"
  rfc 5321 3.8 SHOULD
  tags 421
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  need data
  send "421 4.3.2 service shutting down, closing transmission channel"
  include smtp-client.only-quit
end
