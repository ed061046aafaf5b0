# RFC 5321 §4.2 (reply grammar: one reply per command, three-digit codes 2xx-5xx), §4.2.1 (every line of a
# multi-line reply carries the same code), §4.5.3.1.5 (reply lines at most 512 octets). The harness reads
# every reply strictly: a malformed line, mixed codes or an over-long line fail the case by themselves.

# A multi-line reply (EHLO's) uses one code on every line and stays within the line limit.
case smtp.rfc5321.4.2.1.multiline-same-code
  title "Every line of the multi-line EHLO reply carries the code 250"
  rfc 5321 4.2.1 MUST
  rfc 5321 4.5.3.1.5 MUST
  tags reply syntax ehlo
  connect
  need greeting
  send "EHLO ${helo}"
  expect reply 250
  send "QUIT"
end

# The HELP text, often long, is a well-formed reply with lines of at most 512 octets.
case smtp.rfc5321.4.5.3.1.5.help-reply-well-formed
  title "The reply to HELP is well formed and its lines fit in 512 octets"
  rfc 5321 4.5.3.1.5 MUST
  rfc 5321 4.2 MUST
  tags reply syntax help
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "HELP"
  expect reply 2xx|4xx|5xx
  send "QUIT"
end

# Each command gets exactly one reply: NOOP, RSET and VRFY get three replies, then nothing. (An extra reply
# to any of them shifts the ones after it, so one silence at the end catches it.)
case smtp.rfc5321.4.2.one-reply-per-command
  title "Each command gets exactly one reply"
  rfc 5321 4.2 MUST
  tags reply sequencing
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "NOOP"
  expect reply 250
  send "RSET"
  expect reply 250
  send "VRFY ${rcpt}"
  expect reply 2xx|5xx
  expect silence 500ms
  send "QUIT"
end

# Replies to refused commands are single replies as well, with a code starting with 2 to 5.
case smtp.rfc5321.4.2.one-reply-per-error
  title "A refused command gets exactly one reply"
  rfc 5321 4.2 MUST
  rfc 5321 4.3.2 MUST
  tags reply errors
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 5xx|4xx
  expect silence 500ms
  send "QUIT"
end
