# RFC 5321 §4.1.1.4 (DATA), §3.3 (mail transactions), §3.7.2 and §6.3 (header fields the server must not
# reject on), §4.3.2 (DATA replies and DATA with arguments).

# DATA after an accepted recipient gets 354; the lines up to <CRLF>.<CRLF> are the message, and a
# successfully processed message gets an OK reply.
case smtp.rfc5321.4.1.1.4.data-accepted
  title "DATA is answered 354 and a complete message 250"
  rfc 5321 4.1.1.4 MUST
  tags data transaction
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# The end of data gets exactly one reply; there is no partial success.
case smtp.rfc5321.4.2.data-one-reply
  title "The end of the mail data gets exactly one reply"
  rfc 5321 4.2 MUST
  rfc 5321 4.1.1.4 MUST
  tags data reply
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
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250|552|554|451|452|450|550
  expect silence 500ms
  send "QUIT"
end

# DATA takes no argument; without an extension that defines one, an argument should get 501.
case smtp.rfc5321.4.3.2.data-with-argument
  title "DATA with an argument is refused with 501"
  rfc 5321 4.1.1 SHOULD
  rfc 5321 4.3.2 SHOULD
  tags data syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA mailspec"
  expect reply 501
  send "QUIT"
end

# Once the message is accepted the buffers are cleared: there is no transaction any more.
case smtp.rfc5321.4.1.1.4.data-clears-transaction
  title "After the message is accepted, RCPT without a new MAIL is out of sequence"
  rfc 5321 3.3 MUST
  rfc 5321 4.1.1.4 MUST
  tags data state transaction
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
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end

# Servers should not reject a message for defects of its header section; here there is none at all.
case smtp.rfc5321.3.3.data-without-header
  title "A message without any header field is accepted"
  rfc 5321 3.3 SHOULD
  tags data content
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
  send "mailspec ${uniq}: a body line and no header section" "."
  expect reply 250
  send "QUIT"
end

# Mismatched Resent- fields (Resent-To without Resent-From or Resent-Date) must not cause a rejection.
case smtp.rfc5321.3.3.data-resent-fields-unbalanced
  title "A message with Resent-To but no Resent-From or Resent-Date is accepted"
  rfc 5321 3.3 MUST
  tags data content
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
  send "Resent-To: <${rcpt}>" "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# Trace fields come from many environments; their format is never a reason to reject the mail.
case smtp.rfc5321.3.7.2.data-odd-received-field
  title "A message with a malformed Received field is accepted"
  rfc 5321 3.7.2 MUST
  tags data content trace
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
  send "Received: via some gateway (X.400 [routing: ;;;]) at noon-ish" "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# Loop detection by counting Received fields should use a threshold of about 100; 30 hops is not a loop.
case smtp.rfc5321.6.3.data-thirty-received-fields
  title "A message that already carries 30 Received fields is accepted"
  rfc 5321 6.3 SHOULD
  tags data content trace loop
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
  send-raw "Received: from relay.example.org by hop.example.net; Mon, 01 Jan 2024 00:00:00 +0000\r\n" * 30 + "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq}\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nmailspec test message\r\n.\r\n"
  expect reply 250
  send "QUIT"
end
