# RFC 5321 §4.2 (reply grammar: one reply per command, three-digit codes 2xx-5xx), §4.2.1 (every line of a
# multi-line reply carries the same code), §4.5.3.1.5 (reply lines at most 512 octets). The harness reads
# every reply strictly: a malformed line, mixed codes or an over-long line fail the case by themselves.

# A multi-line reply (EHLO's) uses one code on every line and stays within the line limit.
case smtp.rfc5321.4.2.1.multiline-same-code
  title "Every line of the multi-line EHLO reply carries the code 250"
  rfc 5321 4.2.1 MUST
  rfc 5321 4.5.3.1.5 MUST
  tags reply syntax ehlo
  include smtp.greeted
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
  include smtp.ehlo
  send "HELP"
  expect reply 2xx|4xx|5xx
  send "QUIT"
end

# Each command gets exactly one reply: NOOP, RSET and VRFY get three replies, then nothing. (An extra reply
# to any of them shifts the ones after it, so one silence at the end catches it.) Audit: the replies
# themselves are preconditions of any code (their codes are other cases' checks), the silence the check.
case smtp.rfc5321.4.2.one-reply-per-command
  title "Each command gets exactly one reply"
  rfc 5321 4.2 MUST
  tags reply sequencing
  include smtp.mail-ready
  send "NOOP"
  need reply 2xx|4xx|5xx
  send "RSET"
  need reply 2xx|4xx|5xx
  send "VRFY ${rcpt}"
  need reply 2xx|4xx|5xx
  expect silence 500ms
  send "QUIT"
end

# Replies to refused commands are single replies as well. Audit: the refusal is a precondition (a server
# that accepts RCPT without MAIL is smtp.rfc5321.3.3.rcpt-before-mail's finding), the silence the check.
case smtp.rfc5321.4.2.one-reply-per-error
  title "A refused command gets exactly one reply"
  rfc 5321 4.2 MUST
  rfc 5321 4.3.2 MUST
  tags reply errors
  include smtp.mail-ready
  send "RCPT TO:<${rcpt}>"
  need reply 4xx|5xx
  expect silence 500ms
  send "QUIT"
end
