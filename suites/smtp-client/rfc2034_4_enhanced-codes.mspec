# RFC 2034 §4, §6: with ENHANCEDSTATUSCODES every line of a reply starts with the enhanced code, also the
# continuation lines of a multi-line reply (the §6 example: a 551 in two lines to RCPT). The client reads
# such a reply as one reply by its code (RFC 5321 §4.2, §4.3.1): no DATA (the only recipient is refused),
# and its next command waits for the reply to the one before.
case smtp-client.rfc2034.4.multiline-enhanced-reply
  title "A two-line 551 with enhanced codes to the only RCPT is one refusal"
  rfc 5321 4.3.1 MUST
  rfc 2034 4 MUST
  tags enhanced-status-codes multiline
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 originator ok"
  need command RCPT hint "the client did not name a recipient"
  send "551-5.7.1 forwarding to remote hosts disabled" "551 5.7.1 select another host to act as your forwarder"
  need command RSET|QUIT|RCPT|NOOP|DATA hint "the client sent nothing after the refusal"
  expect silence 1s or-closed
  if equals "${cmd.verb}" "QUIT"
    send "221 2.0.0 bye"
  else
    if equals "${cmd.verb}" "DATA"
      send "554 5.5.1 no valid recipients"
    else
      send "250 2.0.0 ok"
    end
    include smtp-client.only-quit
  end
end
