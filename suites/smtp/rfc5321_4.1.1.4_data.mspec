# RFC 5321 §4.1.1.4 (DATA), §3.3 (mail transactions), §3.7.2 and §6.3 (header fields the server must not
# reject on), §4.3.2 (DATA replies and DATA with arguments).

# DATA after an accepted recipient gets 354 (or 554, the DATA table of §4.3.2); the lines up to
# <CRLF>.<CRLF> are the message, and the end of data gets an OK reply when processing succeeds and a
# failure reply when it fails (§4.1.1.4 MUST). Audit: a refusal at the end of data (550/552/554, 45x) is
# such a failure reply and no longer fails the case; silence (within 15s) and "not implemented" do.
case smtp.rfc5321.4.1.1.4.data-accepted
  title "DATA is answered 354 and the end of data gets a success or failure reply"
  rfc 5321 4.1.1.4 MUST
  tags data transaction
  include smtp.rcpt-ready
  send "DATA"
  expect reply 354|554|451|421 within 15s
  if equals "${last.code}" "354"
    include smtp.message
    expect reply 250|450|451|452|550|552|554 within 15s
  end
  send "QUIT"
end

# The end of data gets exactly one reply; there is no partial success (§4.2, §4.1.1.4). Audit: the reply
# itself is a precondition (any code; which codes are allowed is data-accepted's check).
case smtp.rfc5321.4.2.data-one-reply
  title "The end of the mail data gets exactly one reply"
  rfc 5321 4.2 MUST
  rfc 5321 4.1.1.4 MUST
  tags data reply
  include smtp.data-ready
  include smtp.message
  need reply 2xx|4xx|5xx
  expect silence 500ms
  send "QUIT"
end

# DATA takes no argument; without an extension that defines one, servers should reject an argument as
# invalid syntax (§4.1.1) with 501 (§4.3.2).
case smtp.rfc5321.4.3.2.data-with-argument
  title "DATA with an argument is refused with 501"
  rfc 5321 4.1.1 SHOULD
  rfc 5321 4.3.2 SHOULD
  tags data syntax
  include smtp.rcpt-ready
  send "DATA mailspec"
  expect reply 501
  send "QUIT"
end

# Once the message is accepted the buffers are cleared: there is no transaction any more, so RCPT is out
# of sequence (§4.1.1.4, §3.3).
case smtp.rfc5321.4.1.1.4.data-clears-transaction
  title "After the message is accepted, RCPT without a new MAIL is out of sequence"
  rfc 5321 3.3 MUST
  rfc 5321 4.1.1.4 MUST
  tags data state transaction
  include smtp.deliver
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end

# Servers should not reject a message for defects of its header section; here there is none at all (§3.3).
case smtp.rfc5321.3.3.data-without-header
  title "A message without any header field is accepted"
  rfc 5321 3.3 SHOULD
  tags data content
  include smtp.data-ready
  send "mailspec ${uniq}: a body line and no header section" "."
  expect reply 250
  send "QUIT"
end

# Mismatched Resent- fields (Resent-To without Resent-From or Resent-Date) must not cause a rejection
# (§3.3). Audit: the message now carries a Message-ID, like the messages other cases send, so that it
# differs from those only in the Resent-To field.
case smtp.rfc5321.3.3.data-resent-fields-unbalanced
  title "A message with Resent-To but no Resent-From or Resent-Date is accepted"
  rfc 5321 3.3 MUST
  tags data content
  include smtp.data-ready
  send "Resent-To: <${rcpt}>" "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# Trace fields come from many environments; their format is never a reason to reject the mail (§3.7.2).
# Audit: Message-ID added as above.
case smtp.rfc5321.3.7.2.data-odd-received-field
  title "A message with a malformed Received field is accepted"
  rfc 5321 3.7.2 MUST
  tags data content trace
  include smtp.data-ready
  send "Received: via some gateway (X.400 [routing: ;;;]) at noon-ish" "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# Loop detection by counting Received fields should use a threshold of about 100; 30 hops is not a loop
# (§6.3).
case smtp.rfc5321.6.3.data-thirty-received-fields
  title "A message that already carries 30 Received fields is accepted"
  rfc 5321 6.3 SHOULD
  tags data content trace loop
  include smtp.data-ready
  send-raw "Received: from relay.example.org by hop.example.net; Mon, 01 Jan 2024 00:00:00 +0000\r\n" * 30 + "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq}\r\nMessage-ID: <${uniq}@mailspec.test>\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nmailspec test message\r\n.\r\n"
  expect reply 250
  send "QUIT"
end
