# RFC 5321 §4.1.1.9 (NOOP), §4.5.1 (NOOP is required), §4.1.4 (NOOP before EHLO).

# NOOP does nothing but get "250 OK".
case smtp.rfc5321.4.5.1.noop-250
  title "NOOP is answered 250"
  rfc 5321 4.5.1 MUST
  rfc 5321 4.1.1.9 SHOULD
  tags noop
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A parameter string on NOOP should be ignored.
case smtp.rfc5321.4.1.1.9.noop-with-argument
  title "NOOP with an argument is answered 250"
  rfc 5321 4.1.1.9 SHOULD
  tags noop
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "NOOP mailspec ${uniq}"
  expect reply 250
  send "QUIT"
end

# NOOP may be used before EHLO and should then be processed normally.
case smtp.rfc5321.4.1.4.noop-before-ehlo
  title "NOOP before EHLO is answered 250"
  rfc 5321 4.1.4 SHOULD
  tags noop sequencing
  connect
  need greeting
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# NOOP leaves the transaction untouched.
case smtp.rfc5321.4.1.1.9.noop-keeps-transaction
  title "NOOP in the middle of a transaction does not disturb it"
  rfc 5321 4.1.1.9 SHOULD
  tags noop transaction state
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "NOOP"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "NOOP"
  need reply 250
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  need reply 250
  send "QUIT"
end
