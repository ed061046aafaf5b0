# RFC 5321 §4.1.1.5 (RSET), §4.1.4 (RSET before EHLO), §4.3.2 (RSET with arguments).

# RSET without arguments is always answered 250.
case smtp.rfc5321.4.1.1.5.rset-250
  title "RSET is answered 250"
  rfc 5321 4.1.1.5 MUST
  tags rset
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RSET"
  expect reply 250
  send "QUIT"
end

# RSET discards the sender and the recipients: afterwards RCPT has no transaction to join.
case smtp.rfc5321.4.1.1.5.rset-clears-transaction
  title "RSET discards the sender and recipients of the transaction"
  rfc 5321 4.1.1.5 MUST
  rfc 5321 3.3 MUST
  tags rset transaction state
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "RSET"
  need reply 250
  send "DATA"
  expect reply 503|554
  send "QUIT"
end

# After RSET a new transaction can begin at once (MAIL is not "nested").
case smtp.rfc5321.4.1.1.5.rset-then-new-transaction
  title "After RSET a new MAIL starts a transaction that delivers"
  rfc 5321 4.1.1.5 MUST
  rfc 5321 4.1.4 MUST
  tags rset transaction
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RSET"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# RSET is not a way to end the session: the connection stays open for more commands.
case smtp.rfc5321.4.1.1.5.rset-keeps-connection
  title "The server does not close the connection after RSET"
  rfc 5321 4.1.1.5 MUST
  tags rset connection
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RSET"
  need reply 250
  expect silence 500ms
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# RSET takes no argument; one should be refused with 501 when no extension defines it.
case smtp.rfc5321.4.3.2.rset-with-argument
  title "RSET with an argument is refused with 501"
  rfc 5321 4.1.1 SHOULD
  rfc 5321 4.3.2 SHOULD
  tags rset syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RSET mailspec"
  expect reply 501
  send "QUIT"
end

# RSET may be used before any EHLO and should then be processed normally (no 503).
case smtp.rfc5321.4.1.4.rset-before-ehlo
  title "RSET before EHLO is answered 250"
  rfc 5321 4.1.4 SHOULD
  rfc 5321 4.1.1.5 MUST
  tags rset sequencing
  connect
  need greeting
  send "RSET"
  expect reply 250
  send "QUIT"
end
