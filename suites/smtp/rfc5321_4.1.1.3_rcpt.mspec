# RFC 5321 §4.1.1.3 (RCPT), §4.1.1 (parameters), §3.6.2 (refusing to relay), §4.3.2 (RCPT replies).

# RCPT is required; a recipient the target serves is accepted (251 is the forwarding variant of success).
case smtp.rfc5321.4.5.1.rcpt-accepted
  title "RCPT TO for a served recipient is answered 250 or 251"
  rfc 5321 4.5.1 MUST
  tags rcpt
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "QUIT"
end

# A transaction names its recipients with several RCPT commands, each one added to the list.
case smtp.rfc5321.4.1.1.3.rcpt-two-recipients
  title "Two RCPT commands in one transaction are both accepted and the message is taken"
  rfc 5321 4.5.3.1.8 MUST
  tags rcpt transaction
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt2}>"
  expect reply 250|251
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>, <${rcpt2}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# For a recipient it does not know, the server still answers with a code from the RCPT list.
case smtp.rfc5321.4.3.2.rcpt-reply-codes
  title "RCPT for an unknown local recipient gets a code listed for RCPT"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 3.3 MUST
  tags rcpt reply-codes
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<nosuchuser-${uniq}@${domain}>"
  expect reply 250|251|550|551|552|553|450|451|452|455|555
  send "QUIT"
end

# A server that declines to relay for policy reasons should say 550; relaying itself is its choice.
case smtp.rfc5321.3.6.2.relay-refusal-code
  title "A refused relay recipient is answered 550 (or accepted)"
  rfc 5321 3.6.2 SHOULD
  rfc 5321 7.9 SHOULD
  tags rcpt relay policy
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<mailspec-${uniq}@relay-test-${uniq}.invalid>"
  expect reply 250|251|550|551|450|451|452
  send "RSET"
  send "QUIT"
end

# RCPT without its argument is a syntax error.
case smtp.rfc5321.4.1.1.3.rcpt-without-argument
  title "RCPT without TO:<path> is refused as a syntax error"
  rfc 5321 4.3.1 SHOULD
  tags rcpt syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT"
  expect reply 501|500
  send "QUIT"
end

# An unterminated forward-path is a syntax error (553 also names a malformed mailbox).
case smtp.rfc5321.4.1.1.3.rcpt-unterminated-path
  title "RCPT TO with a path missing its closing bracket is refused with 501 or 553"
  rfc 5321 4.3.1 SHOULD
  tags rcpt syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}"
  expect reply 501|553
  send "QUIT"
end

# Parameters of no offered extension should be refused (555: parameter not recognised).
case smtp.rfc5321.4.1.1.rcpt-unknown-parameter
  title "RCPT with an unknown parameter is refused with 555 or 501"
  rfc 5321 4.1.1 SHOULD
  rfc 5321 4.1.1.11 SHOULD
  tags rcpt parameters
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}> XMAILSPEC-NOSUCHPARAM=1"
  expect reply 555|501
  send "QUIT"
end

# A refused RCPT (here one without any argument) leaves the transaction as it was: later recipients and
# the data still go through.
case smtp.rfc5321.4.1.4.rcpt-refused-keeps-transaction
  title "After a refused RCPT the transaction goes on with a valid RCPT and DATA"
  rfc 5321 4.1.4 SHOULD
  tags rcpt state transaction
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT"
  need reply 5xx
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  need reply 250
  send "QUIT"
end
