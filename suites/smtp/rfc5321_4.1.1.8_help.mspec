# RFC 5321 §4.1.1.8 (HELP), §4.3.2 (HELP replies), §4.2.4 (advertised means implemented), §4.1.4.

# HELP without arguments should be supported: a 211 or 214 reply.
case smtp.rfc5321.4.1.1.8.help-supported
  title "HELP is answered 211 or 214"
  rfc 5321 4.1.1.8 SHOULD
  tags help
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "HELP"
  expect reply 211|214
  send "QUIT"
end

# Whether or not HELP is implemented, its reply is one listed for HELP, or 500 from a server that does not
# know the command at all (HELP is not in the required minimum, so "not recognised" is allowed for it).
case smtp.rfc5321.4.3.2.help-reply-codes
  title "HELP gets 211, 214, 502, 504 (or 500 when unrecognised)"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 4.2 SHOULD
  tags help reply-codes
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "HELP"
  expect reply 211|214|502|504|500
  send "QUIT"
end

# HELP with an argument (a command name) may give more specific help.
case smtp.rfc5321.4.1.1.8.help-with-argument
  title "HELP MAIL gives specific help (211 or 214)"
  rfc 5321 4.1.1.8 MAY
  tags help
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "HELP MAIL"
  expect reply 211|214
  send "QUIT"
end

# HELP may be used before EHLO and should then be processed normally (no 503).
case smtp.rfc5321.4.1.4.help-before-ehlo
  title "HELP before EHLO is not answered 503"
  rfc 5321 4.1.4 SHOULD
  tags help sequencing
  connect
  need greeting
  send "HELP"
  expect reply 211|214|502|504|500
  send "QUIT"
end

# A server that lists HELP among its EHLO keywords must not answer it with 500/502.
case smtp.rfc5321.4.2.4.help-advertised-implemented
  title "An advertised HELP is not answered 500 or 502"
  rfc 5321 4.2.4 MUST
  tags help ehlo
  requires ext HELP
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "HELP"
  expect reply 2xx|504|501
  send "QUIT"
end

# HELP does not touch the transaction buffers.
case smtp.rfc5321.4.1.1.8.help-keeps-transaction
  title "HELP in the middle of a transaction does not disturb it"
  rfc 5321 4.1.1.8 SHOULD
  tags help transaction state
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "HELP"
  read
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  need reply 250
  send "QUIT"
end
