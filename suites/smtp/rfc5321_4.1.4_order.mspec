# RFC 5321 §4.1.4 (order of commands) and §3.3 (mail transactions): what happens when a transaction's
# commands come out of order, and several transactions on one connection.
# What is MUST and what is not: RCPT without MAIL must get 503 (§3.3); a command out of order "to the degree
# that it cannot be processed" must get 503 and leave the state alone (§4.1.4); DATA without a recipient may
# get 503 or 554 (§3.3); a MAIL inside an open transaction is forbidden to the client, while the server is
# only expected to refuse it.

# RCPT before any MAIL is a bad sequence: 503.
case smtp.rfc5321.3.3.rcpt-before-mail
  title "RCPT without a preceding MAIL is answered 503"
  rfc 5321 3.3 MUST
  tags sequencing rcpt
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end

# After a 503 the server is where it was: a transaction can still be started normally.
case smtp.rfc5321.4.1.4.bad-sequence-keeps-state
  title "After a 503 for RCPT, MAIL and RCPT work normally"
  rfc 5321 4.1.4 MUST
  tags sequencing state
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 503
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "QUIT"
end

# DATA with no transaction at all cannot be processed: 503 (or 554 "no valid recipients").
case smtp.rfc5321.4.1.4.data-before-mail
  title "DATA without MAIL and RCPT is answered 503 or 554"
  rfc 5321 4.1.4 MUST
  rfc 5321 3.3 MAY
  tags sequencing data
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "DATA"
  expect reply 503|554
  send "QUIT"
end

# DATA after MAIL but before any RCPT: no recipients, so no data (503 or 554).
case smtp.rfc5321.4.1.4.data-before-rcpt
  title "DATA after MAIL but without RCPT is answered 503 or 554"
  rfc 5321 4.1.4 MUST
  rfc 5321 3.3 MAY
  tags sequencing data
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "DATA"
  expect reply 503|554
  send "QUIT"
end

# When every RCPT was refused, DATA has no recipient either (503 or 554).
case smtp.rfc5321.3.3.data-after-refused-rcpt
  title "DATA after the only RCPT was refused is answered 503 or 554"
  rfc 5321 4.1.4 MUST
  rfc 5321 3.3 MAY
  tags sequencing data
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT"
  need reply 5xx
  send "DATA"
  expect reply 503|554
  send "QUIT"
end

# A second MAIL while a transaction is open is a bad sequence; the server is expected to answer 503
# (the RFC forbids the client to send it rather than spelling out the server's reply).
case smtp.rfc5321.4.1.4.nested-mail
  title "MAIL inside an open transaction is answered 503"
  rfc 5321 4.1.4 SHOULD
  tags sequencing mail
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 503
  send "QUIT"
end

# Refusing the nested MAIL leaves the open transaction as it was.
case smtp.rfc5321.4.1.4.nested-mail-keeps-transaction
  title "After a refused nested MAIL the first transaction still completes"
  rfc 5321 4.1.4 MUST
  tags sequencing state transaction
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 503
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# Mail transactions need a session opened with EHLO/HELO; a server may refuse MAIL before it with 503
# (accepting it is also allowed).
case smtp.rfc5321.4.1.4.mail-before-ehlo
  title "MAIL before EHLO may be refused with 503"
  rfc 5321 4.1.4 MAY
  tags sequencing mail
  connect
  need greeting
  send "MAIL FROM:<${sender}>"
  expect reply 503
  send "QUIT"
end

# A session may hold several transactions; after one completes the next MAIL starts another.
case smtp.rfc5321.4.1.4.two-transactions
  title "Two complete mail transactions on one connection"
  rfc 5321 4.1.4 MUST
  tags transaction
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (1)" "Message-ID: <${uniq}.1@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "first message" "."
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt2}>"
  expect reply 250|251
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt2}>" "Subject: mailspec ${uniq} (2)" "Message-ID: <${uniq}.2@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "second message" "."
  expect reply 250
  send "QUIT"
end

# A transaction aborted by RSET, then a new transaction, then one more after a new EHLO.
case smtp.rfc5321.4.1.4.transactions-after-rset-and-ehlo
  title "Transactions started after RSET and after a new EHLO both complete"
  rfc 5321 4.1.4 MUST
  tags transaction rset ehlo
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
  send "EHLO ${helo}"
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
