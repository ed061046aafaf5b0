# RFC 5321 §4.1.1.8 (HELP), §4.3.2 (HELP replies), §4.2.4 (advertised means implemented), §4.1.4.

# HELP without arguments should be supported: a 211 or 214 reply (§4.1.1.8 SHOULD; the HELP table of
# §4.3.2, §4.3.1 SHOULD). Audit: merged with the former smtp.rfc5321.4.3.2.help-reply-codes, which sent
# the same HELP and tripped on the same reply. Where HELP is advertised, 500/502 is the MUST finding of
# help-advertised-implemented and is not reported twice.
case smtp.rfc5321.4.1.1.8.help-supported
  title "HELP is answered 211 or 214"
  rfc 5321 4.1.1.8 SHOULD
  rfc 5321 4.3.1 SHOULD
  tags help reply-codes
  include smtp.ehlo
  send "HELP"
  if ext HELP
    expect reply 211|214|500|502
  else
    expect reply 211|214
  end
  send "QUIT"
end

# HELP with an argument (a command name) may give more specific help (§4.1.1.8 MAY). Audit: HELP without
# an argument must first get 211/214 (need), so a server whose HELP is wrong altogether is reported once,
# by help-supported.
case smtp.rfc5321.4.1.1.8.help-with-argument
  title "HELP MAIL gives specific help (211 or 214)"
  rfc 5321 4.1.1.8 MAY
  tags help
  include smtp.ehlo
  send "HELP"
  need reply 211|214
  send "HELP MAIL"
  expect reply 211|214
  send "QUIT"
end

# HELP may be used before EHLO and should then be processed normally, not with 503 (§4.1.4 SHOULD). Audit:
# any other answer is accepted (the code itself is help-supported's check).
case smtp.rfc5321.4.1.4.help-before-ehlo
  title "HELP before EHLO is not answered 503"
  rfc 5321 4.1.4 SHOULD
  tags help sequencing
  include smtp.greeted
  send "HELP"
  expect reply 2xx|4xx|500|501|502|504|550|554
  send "QUIT"
end

# A server that lists HELP among its EHLO keywords must not answer it with 500/502 (§4.2.4 MUST).
case smtp.rfc5321.4.2.4.help-advertised-implemented
  title "An advertised HELP is not answered 500 or 502"
  rfc 5321 4.2.4 MUST
  tags help ehlo
  requires ext HELP
  include smtp.ehlo
  send "HELP"
  expect reply 2xx|4xx|504|501
  send "QUIT"
end

# HELP does not touch the transaction buffers (§4.1.1.8, descriptive: SHOULD).
case smtp.rfc5321.4.1.1.8.help-keeps-transaction
  title "HELP in the middle of a transaction does not disturb it"
  rfc 5321 4.1.1.8 SHOULD
  tags help transaction state
  include smtp.rcpt-ready
  send "HELP"
  read
  send "DATA"
  expect reply 354
  include smtp.message
  read
  send "QUIT"
end
