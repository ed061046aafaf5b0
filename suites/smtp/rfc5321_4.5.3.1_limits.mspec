# RFC 5321 §4.5.3.1 (size limits and minimums): every implementation must be able to receive objects of at
# least these sizes: local part 64 octets, domain 255, path 256, command line 512 (with CRLF), text line
# 1000 (with CRLF), message content 64K, 100 recipients. §4.2 / §3.8: longer objects may be refused, but
# with exactly one reply and without closing the connection.

# A 64-octet local part in the reverse-path.
case smtp.rfc5321.4.5.3.1.1.sender-local-part-64
  title "A sender with a 64-octet local part is accepted"
  rfc 5321 4.5.3.1 MUST
  tags limits mail
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<" + "a" * 64 + "@example.org>"
  expect reply 250
  send "QUIT"
end

# A 64-octet local part in a forward-path: the server may not know the mailbox, but it must process the
# address (no syntax or length error).
case smtp.rfc5321.4.5.3.1.1.recipient-local-part-64
  title "A recipient with a 64-octet local part is processed, not refused as too long"
  rfc 5321 4.5.3.1 MUST
  tags limits rcpt
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<" + "r" * 64 + "@${domain}>"
  expect reply 250|251|550|551|450|451|452
  send "QUIT"
end

# A reverse-path of 256 octets, brackets included (64-octet local part, 189-octet domain).
case smtp.rfc5321.4.5.3.1.3.path-256
  title "A 256-octet reverse-path is accepted"
  rfc 5321 4.5.3.1 MUST
  tags limits mail
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<" + "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".org>"
  expect reply 250
  send "QUIT"
end

# A 255-octet domain name (four labels of 63 octets) given in EHLO.
case smtp.rfc5321.4.5.3.1.2.domain-255
  title "EHLO with a 255-octet domain name is accepted"
  rfc 5321 4.5.3.1 MUST
  tags limits ehlo
  connect
  need greeting
  send "EHLO " + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 63
  expect reply 250
  send "QUIT"
end

# A command line of exactly 512 octets including CRLF ("NOOP", a space, 505 octets of argument). A
# "line too long" 500 would break the minimum; NOOP's argument may be ignored (250) or refused (501).
case smtp.rfc5321.4.5.3.1.4.command-line-512
  title "A 512-octet command line is not refused as too long"
  rfc 5321 4.5.3.1 MUST
  rfc 5321 4.3.2 MUST
  tags limits command-line
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "NOOP " + "x" * 505
  expect reply 250|501
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A 1000-octet text line (998 octets and CRLF) inside the data.
case smtp.rfc5321.4.5.3.1.6.text-line-1000
  title "A 1000-octet text line in the data is accepted"
  rfc 5321 4.5.3.1 MUST
  tags limits data
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
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (long line)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "x" * 998 "."
  expect reply 250
  send "QUIT"
end

# A message of about 72,000 octets: above the 64K minimum every server must take.
case smtp.rfc5321.4.5.3.1.7.message-64k
  title "A message larger than 64K octets is accepted"
  rfc 5321 4.5.3.1.7 MUST
  tags limits data size
  timeout 60s
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
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} (72000 octets)\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\n" + "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ012345\r\n" * 900 + ".\r\n"
  expect reply 250
  send "QUIT"
end

# A line longer than any limit (3000 octets) may be refused, but gets exactly one reply and the session
# goes on (the rest of the line is not read as further commands).
case smtp.rfc5321.4.5.3.1.9.overlong-command-one-reply
  title "An over-long command line gets one reply and the connection stays usable"
  rfc 5321 4.2 MUST
  rfc 5321 3.8 MUST
  rfc 5321 2.3.8 MAY
  tags limits command-line robustness
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "NOOP " + "x" * 3000
  expect reply 250|500|501
  expect silence 500ms
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A 5000-octet text line inside the data may be refused at the end of data ("500 line too long", "552"),
# but the data must not be cut short: one reply, after the real terminator.
case smtp.rfc5321.4.5.3.1.9.overlong-text-line-one-reply
  title "An over-long text line in the data gets one reply at the end of data"
  rfc 5321 4.2 MUST
  rfc 5321 4.1.1.4 MUST
  tags limits data robustness
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
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (over-long line)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "y" * 5000
  expect silence 500ms
  send "."
  expect reply 250|500|552|554|550|451|452
  expect silence 500ms
  send "QUIT"
end

# At least 100 recipients must be buffered; refusing any of the first 100 for being too many is a
# violation. (The same served recipient is named 100 times.)
case smtp.rfc5321.4.5.3.1.8.recipients-100
  title "100 RCPT commands in one transaction are all accepted"
  rfc 5321 4.5.3.1.8 MUST
  tags limits rcpt
  timeout 120s
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (100 recipients)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end
