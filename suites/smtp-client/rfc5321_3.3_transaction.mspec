# RFC 5321 §3.3: a mail transaction is MAIL, RCPT..., DATA, in that order; no message data without a 354
# and with no accepted recipient; §4.1.4: no MAIL inside an open transaction; §4.3.1: wait for replies.

# The only recipient refused for good (550): the client sends no DATA (§3.3 MUST); it may reset or quit.
case smtp-client.rfc5321.3.3.no-data-after-rcpt-5xx
  title "The only recipient refused with 550: no DATA follows"
  rfc 5321 3.3 MUST
  tags transaction rcpt
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "550 5.1.1 no such user here"
  include smtp-client.no-data-after-refusal
end

# The same with a temporary refusal (450): still no accepted recipient, so no DATA (§3.3 MUST).
case smtp-client.rfc5321.3.3.no-data-after-rcpt-4xx
  title "The only recipient refused with 450: no DATA follows"
  rfc 5321 3.3 MUST
  tags transaction rcpt
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "450 4.2.1 mailbox busy, try later"
  include smtp-client.no-data-after-refusal
end

# DATA refused (554): the client sends no message data, since data needs a 354 (§3.3 MUST).
case smtp-client.rfc5321.3.3.no-message-without-354
  title "DATA refused with 554: the client sends no message data"
  rfc 5321 3.3 MUST
  tags transaction data
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "554 5.5.1 no valid recipients"
  include smtp-client.only-quit
end

# MAIL refused (550): no transaction is open, so RCPT and DATA must not follow (§3.3 order MUST).
case smtp-client.rfc5321.3.3.no-rcpt-after-mail-refused
  title "MAIL refused with 550: no RCPT or DATA follows"
  rfc 5321 3.3 MUST
  tags transaction mail
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "550 5.7.1 sender refused"
  include smtp-client.only-quit
end

# After the end of the data the client waits for the reply before QUIT or the next MAIL (§4.3.1 MUST;
# PIPELINING is not offered).
case smtp-client.rfc5321.4.3.1.waits-for-data-reply
  title "The client waits for the reply to the end of the data"
  rfc 5321 4.3.1 MUST
  tags transaction data
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  need data
  expect silence 1s
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end

# Without PIPELINING the client waits for each reply of the transaction (§4.3.1 MUST; RFC 2920 §3.1:
# pipelining only once the server offered it).
case smtp-client.rfc5321.4.3.1.no-pipelining-unadvertised
  title "Without PIPELINING the client waits for each reply"
  rfc 5321 4.3.1 MUST
  rfc 2920 3.1 MUST
  tags transaction pipelining
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  expect silence 1s
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  expect silence 1s
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  expect silence 1s
  send "354 go ahead"
  need data
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end

# A message refused after its data (554): the transaction is over; the client quits, resets or starts
# another transaction, and does not resend the data (§3.3, §4.1.1.4).
case smtp-client.rfc5321.4.1.1.4.data-refused-after-dot
  title "A 554 after the data ends the transaction: only QUIT, RSET, NOOP or a new MAIL follow"
  rfc 5321 3.3 MUST
  tags transaction data
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  need data
  send "554 5.6.0 message refused"
  expect command QUIT|RSET|NOOP|MAIL or-closed
  if equals "${cmd.verb}" "QUIT"
    send "221 2.0.0 bye"
  else
    send "250 2.0.0 ok"
  end
end

# One message to two recipients, the first refused: the client may deliver to the accepted one (DATA) or
# give the message up (RSET, QUIT); RFC 5321 §3.3 leaves it to the client, so a give-up is info (MAY).
# Needs a client sending one message to two recipients.
case smtp-client.rfc5321.3.3.some-recipients-refused
  title "One of two recipients refused: the message goes to the other"
  rfc 5321 3.3 MAY
  tags transaction rcpt two-recipients
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "550 5.1.1 no such user here"
  need command RCPT hint "the client sent no second recipient (configure a message to two recipients)"
  send "250 2.1.5 recipient ok"
  need command DATA|RSET|QUIT hint "the client sent neither DATA, RSET nor QUIT after its recipients"
  expect equals "${cmd.verb}" "DATA"
  if equals "${cmd.verb}" "DATA"
    send "354 go ahead"
    need data
    send "250 2.0.0 queued as ${uniq}"
    include smtp-client.quit
  else
    if equals "${cmd.verb}" "QUIT"
      send "221 2.0.0 bye"
    else
      send "250 2.0.0 ok"
      include smtp-client.only-quit
    end
  end
end

# A transaction whose only recipient was refused is still open: before its next message the client
# resets it (RSET), since MAIL inside an open transaction is forbidden (§4.1.4 MUST NOT). Needs a client
# with two messages to send in one session.
case smtp-client.rfc5321.4.1.4.rset-before-next-mail
  title "After a transaction without accepted recipients the client resets before the next MAIL"
  rfc 5321 4.1.4 MUST
  rfc 5321 4.1.1.5 MUST
  tags transaction rset two-messages
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "550 5.1.1 no such user here"
  expect command RSET|QUIT|RCPT|NOOP
  if equals "${cmd.verb}" "QUIT"
    send "221 2.0.0 bye"
  else
    send "250 2.0.0 ok"
    need command MAIL hint "the client sent no second message (configure it to send two messages in one session)"
    send "250 2.1.0 sender ok"
    include smtp-client.rest-after-mail
  end
end
