# RFC 1870 (SMTP Service Extension for Message Size Declaration): §3 (EHLO SIZE parameter and the SIZE=
# value syntax), §4 and §6 (the extended MAIL command), §6.1 (server action: 552 over the fixed maximum,
# 452 for temporary lack of space), §6 (SIZE must not be used to find the end of the data), §7 (a minimal
# server must accept the extended MAIL and answer 552 over its limit), §4 (a message actually larger than
# the advertised limit is refused with 552).

# A server offering SIZE accepts MAIL with a small declared size.
case smtp.rfc1870.7.size-parameter-accepted
  title "MAIL FROM with SIZE=1000 is accepted"
  rfc 1870 7 MUST
  rfc 5321 4.2.4 MUST
  tags size mail
  requires ext SIZE
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> SIZE=1000"
  expect reply 250
  send "QUIT"
end

# A declared size above the advertised fixed maximum (here ten times it) is refused at MAIL: 552, or 452
# when the server reports it as a lack of storage.
case smtp.rfc1870.7.size-over-limit
  title "MAIL FROM with a SIZE above the advertised limit is refused with 552 (or 452)"
  rfc 1870 7 MUST
  rfc 1870 6.1 SHOULD
  tags size mail limits
  requires ext SIZE
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  capture limit /^250[- ]SIZE ([1-9][0-9]{0,18})\r?$/i
  send "MAIL FROM:<${sender}> SIZE=${limit}0"
  expect reply 552|452
  send "QUIT"
end

# The advertised number is the size of the largest message the server takes; a message that is actually
# larger (sent without a SIZE declaration, so only its octets count) is rejected with a permanent 552 after
# the data. The body is made of 100-octet lines, as many as the limit has hundreds, plus two more lines and
# the header section, so it exceeds the limit whatever its last two digits are.
case smtp.rfc1870.4.message-over-limit-refused
  title "A message larger than the advertised SIZE is refused with 552 at the end of data"
  rfc 1870 4 SHOULD
  tags size data limits
  requires ext SIZE
  timeout 60s
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  capture hundreds /^250[- ]SIZE ([1-9][0-9]*?)[0-9]{2}\r?$/i
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} (over the SIZE limit)\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\n" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz\r\n" * ${hundreds} + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz\r\n0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz\r\n.\r\n"
  expect reply 552
  send "QUIT"
end

# The advertised number is the largest size the server will take, so exactly that size is not refused
# as too large (a temporary 452 remains possible).
case smtp.rfc1870.4.size-at-limit
  title "MAIL FROM with SIZE equal to the advertised limit is accepted"
  rfc 1870 6.1 SHOULD
  rfc 1870 4 MAY
  tags size mail limits
  requires ext SIZE
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  capture limit /^250[- ]SIZE ([1-9][0-9]{0,18})\r?$/i
  send "MAIL FROM:<${sender}> SIZE=${limit}"
  expect reply 250|452
  send "QUIT"
end

# SIZE=0 is a valid (if odd) declaration: one or more digits.
case smtp.rfc1870.3.size-zero
  title "MAIL FROM with SIZE=0 is accepted"
  rfc 1870 7 MUST
  tags size mail
  requires ext SIZE
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> SIZE=0"
  expect reply 250
  send "QUIT"
end

# The SIZE keyword is case-insensitive like every extension keyword.
case smtp.rfc1870.6.size-lower-case
  title "MAIL FROM with size=1000 in lower case is accepted"
  rfc 5321 4.1.1.1 MUST
  rfc 1870 7 MUST
  tags size mail case
  requires ext SIZE
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> size=1000"
  expect reply 250
  send "QUIT"
end

# A SIZE value that is not a number breaks the size-value syntax; it should be refused, and a refused
# transaction-beginning argument gets 501 (555: parameter value not supported).
case smtp.rfc1870.3.size-not-numeric
  title "MAIL FROM with SIZE=big is refused with 501 (or 555)"
  rfc 1870 3 SHOULD
  rfc 5321 4.1.4 MUST
  tags size mail syntax
  requires ext SIZE
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> SIZE=big"
  expect reply 501|555
  send "QUIT"
end

# The value has at most 20 digits; 21 digits is malformed (or, read as a number, far too large).
case smtp.rfc1870.3.size-21-digits
  title "MAIL FROM with a 21-digit SIZE is refused (501, 555 or 552)"
  rfc 1870 3 SHOULD
  tags size mail syntax
  requires ext SIZE
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> SIZE=123456789012345678901"
  expect reply 501|555|552
  send "QUIT"
end

# Only one SIZE parameter belongs on a MAIL command; a server may refuse a second one.
case smtp.rfc1870.6.size-twice
  title "MAIL FROM with two SIZE parameters may be refused"
  rfc 1870 6 MAY
  tags size mail syntax
  requires ext SIZE
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> SIZE=100 SIZE=200"
  expect reply 501|555
  send "QUIT"
end

# The declared size is an estimate, never the way to find the end of the data: a message larger than
# declared still runs to <CRLF>.<CRLF> (and may then be accepted or refused).
case smtp.rfc1870.6.size-not-end-of-data
  title "The data does not end after the declared SIZE octets"
  rfc 1870 6 MUST
  rfc 1870 6.3 MAY
  tags size data
  requires ext SIZE
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> SIZE=20"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (larger than declared)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "This message is much longer than the twenty octets declared with SIZE."
  expect silence 500ms
  send "."
  expect reply 250|552
  expect silence 500ms
  send "QUIT"
end

# The EHLO SIZE keyword carries either no parameter or a decimal number.
case smtp.rfc1870.3.size-keyword-syntax
  title "The EHLO SIZE line is \"SIZE\" or \"SIZE <digits>\""
  rfc 1870 3 SHOULD
  tags size ehlo syntax
  requires ext SIZE
  connect
  need greeting
  send "EHLO ${helo}"
  expect reply 250 text /^SIZE( [0-9]+)?$/i
  send "QUIT"
end
