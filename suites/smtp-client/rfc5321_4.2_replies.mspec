# RFC 5321 §4.2: how the client reads replies: whole multi-line replies, the code and not the text, the
# first digit of codes it does not know. RFC 2920 §3.1: responses are never confused with lines.

# An EHLO reply of several lines is one reply: the client waits for its last line before the next
# command (§4.2.1 continuation lines; §4.3.1 MUST wait for the reply; RFC 2920 §3.1 MUST NOT confuse).
case smtp-client.rfc5321.4.2.1.multiline-ehlo-reply
  title "The client waits for the last line of a multi-line EHLO reply"
  rfc 5321 4.3.1 MUST
  rfc 5321 4.2.1 MUST
  tags multiline
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-8BITMIME"
  expect silence 1s
  send "250-SIZE 10240000" "250 ENHANCEDSTATUSCODES"
  include smtp-client.finish
end

# A multi-line reply to MAIL, all lines in one write with different texts: one reply. A client reading
# line by line takes the second line for RCPT's reply and sends DATA before RCPT is answered.
case smtp-client.rfc5321.4.2.1.multiline-mail-reply
  title "A multi-line reply to MAIL counts as one reply"
  rfc 5321 4.3.1 MUST
  rfc 2920 3.1 MUST
  tags multiline
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250-2.1.0 sender ok" "250-2.1.0 this reply has three lines" "250 2.1.0 and this is the last"
  need command RCPT hint "the client did not name a recipient"
  expect silence 1s
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  need data
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end

# Some servers send the code alone, with or without a space: the client takes it as the reply
# (§4.2 SHOULD).
case smtp-client.rfc5321.4.2.code-only-reply
  title "Replies without text (a bare code) are understood"
  rfc 5321 4.2 SHOULD
  tags replies
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  # A client that waits for text that never comes is the deviation: `within` makes its silence a mismatch.
  send "250"
  expect command RCPT within 5s
  send "250 "
  expect command DATA within 5s
  send "354"
  need data
  send "250"
  include smtp-client.quit
end

# A code the client does not know is read by its first digit (§4.2 MUST): 257 to RCPT is a success.
case smtp-client.rfc5321.4.2.unknown-2xx-code
  title "An unknown 2yz reply to RCPT is a success"
  rfc 5321 4.2 MUST
  tags replies
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "257 2.1.5 recipient ok (an unusual code)"
  expect command DATA|RCPT
  if equals "${cmd.verb}" "RCPT"
    send "250 2.1.5 recipient ok"
    expect command DATA
  end
  send "354 go ahead"
  need data
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end

# And 559 to the only RCPT is a permanent failure: no DATA (§4.2 MUST, §3.3 MUST).
case smtp-client.rfc5321.4.2.unknown-5xx-code
  title "An unknown 5yz reply to RCPT is a failure: no DATA follows"
  rfc 5321 4.2 MUST
  rfc 5321 3.3 MUST
  tags replies
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "559 5.1.1 recipient refused (an unusual code)"
  include smtp-client.no-data-after-refusal
end

# The client acts on the code, not the text (§4.2 MUST): a 250 whose text sounds like an error is a
# success.
case smtp-client.rfc5321.4.2.code-not-text
  title "The client acts on the reply code, not on the text"
  rfc 5321 4.2 MUST
  tags replies
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 error reports go to this sender"
  expect command RCPT
  send "250 2.1.5 failure notices for this recipient go to the sender"
  expect command DATA
  send "354 go ahead"
  need data
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end
