# RFC 1870 (SMTP Service Extension for Message Size Declaration): §3 (EHLO SIZE parameter and the SIZE=
# value syntax), §4 and §6 (the extended MAIL command), §6.1 (server action: 552 over the fixed maximum,
# 452 for temporary lack of space, and any other MAIL reply), §6 (SIZE must not be used to find the end of
# the data), §7 (a minimal server must accept the extended MAIL and answer 552 over its limit), §4 (a
# message actually larger than the advertised limit is refused with 552).
#
# Fixtures for parameter tests, used by the RFC 1870, 3461, 4954, 6152 and 6531 files: the same envelope
# is first tried without the parameter, so a policy refusal of the sender or recipient skips the case
# instead of being blamed on the parameter.

# smtp.mail-ready, then MAIL FROM:<${sender}> without parameters is accepted and RSET clears it again.
fixture smtp.sender-accepted
  include smtp.mail-open
  send "RSET"
  need reply 250
end

# smtp.rcpt-ready (MAIL and RCPT TO:<${rcpt}> accepted without parameters), then RSET and a new plain MAIL:
# a transaction is open and the next RCPT may carry parameters.
fixture smtp.rcpt-accepted
  include smtp.rcpt-ready
  send "RSET"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
end

# A side connection reads the EHLO reply and captures ${hundreds}, the advertised SIZE without its last
# two digits (a limit under 100 octets, or SIZE without a number, skips).
fixture smtp.size-hundreds
  connect size-probe
  need greeting
  send "EHLO ${helo}"
  need reply 250
  capture hundreds /^250[- ]SIZE ([1-9][0-9]*?)[0-9]{2}\r?$/i
  send "QUIT"
  close
end

# A server offering SIZE accepts MAIL with a small declared size (§7). §6.1 lets it answer 452 when it
# lacks storage now, and RFC 5321 §4.1.1.11 allows 455 for a parameter it cannot accommodate for the
# moment: both are temporary, not a refusal of the parameter. Audit: sender checked first without SIZE
# (smtp.sender-accepted), 452|455 added.
case smtp.rfc1870.7.size-parameter-accepted
  title "MAIL FROM with SIZE=1000 is accepted (or deferred with 452/455)"
  rfc 1870 7 MUST
  rfc 1870 6.1 SHOULD
  tags size mail
  requires ext SIZE
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SIZE=1000"
  expect reply 250|452|455
  send "QUIT"
end

# A declared size above the advertised fixed maximum (here ten times it) is refused at MAIL with 552 (§7,
# §6.1 (2)); a server that reports it as a lack of storage answers 452 (§6.1 (1)). Audit: sender checked
# first without SIZE; the limit comes from ${ext.SIZE}, the EHLO parameter probed for the run.
case smtp.rfc1870.7.size-over-limit
  title "MAIL FROM with a SIZE above the advertised limit is refused with 552 (or 452)"
  rfc 1870 7 MUST
  rfc 1870 6.1 SHOULD
  tags size mail limits
  requires ext SIZE
  need differs "${ext.SIZE}" "" hint "the server advertises SIZE without a limit"
  need differs "${ext.SIZE}" "0" hint "the server advertises SIZE 0: no fixed limit"
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SIZE=${ext.SIZE}0"
  expect reply 552|452
  send "QUIT"
end

# The advertised number is the size of the largest message the server takes; a message that is actually
# larger (sent without a SIZE declaration, so only its octets count) is rejected with a permanent failure
# (§4, no keyword: SHOULD here). The body is made of 100-octet lines, as many as the limit has hundreds,
# plus two more lines and the header section, so it exceeds the limit whatever its last two digits are.
# Audit: envelope and DATA through fixtures (needs); any permanent (5xx) refusal passes, 552 being the code
# §4 names; the server may answer before the end of the data and close (or-closed).
case smtp.rfc1870.4.message-over-limit-refused
  title "A message larger than the advertised SIZE is refused with a 5xx (552) reply"
  rfc 1870 4 SHOULD
  tags size data limits
  requires ext SIZE
  timeout 90s
  include smtp.size-hundreds
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} (over the SIZE limit)\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\n" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz\r\n" * ${hundreds} + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz\r\n0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz\r\n.\r\n"
  expect reply 552|5xx within 60s or-closed
  send "QUIT"
end

# The advertised number is the largest size the server will take (§4), so a declared size equal to it
# does not exceed the limit and is not refused with 552 (§7); a temporary 452 (§6.1) or 455 remains
# possible. Audit: level raised from SHOULD to the §7 MUST (the sentence that forbids 552 only above the
# limit), sender checked first.
case smtp.rfc1870.4.size-at-limit
  title "MAIL FROM with SIZE equal to the advertised limit is accepted"
  rfc 1870 7 MUST
  rfc 1870 4 MAY
  tags size mail limits
  requires ext SIZE
  need differs "${ext.SIZE}" "" hint "the server advertises SIZE without a limit"
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SIZE=${ext.SIZE}"
  expect reply 250|452|455
  send "QUIT"
end

# SIZE=0 is a valid (if odd) declaration: size-value is one or more digits (§3), and the extended MAIL
# is accepted (§7). Audit: sender checked first.
case smtp.rfc1870.3.size-zero
  title "MAIL FROM with SIZE=0 is accepted"
  rfc 1870 7 MUST
  tags size mail
  requires ext SIZE
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SIZE=0"
  expect reply 250|452|455
  send "QUIT"
end

# The SIZE keyword is case-insensitive like every extension keyword (RFC 5321 §2.4). Audit: cites §2.4
# (argument values and extension keywords are not case sensitive) instead of §4.1.1.1 (EHLO keywords in
# the EHLO reply); sender checked first.
case smtp.rfc1870.6.size-lower-case
  title "MAIL FROM with size=1000 in lower case is accepted"
  rfc 5321 2.4 MUST
  rfc 1870 7 MUST
  tags size mail case
  requires ext SIZE
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> size=1000"
  expect reply 250|452|455
  send "QUIT"
end

# A SIZE value that is not a number breaks the size-value syntax (§3); it should be refused: 501 (syntax
# error in parameters, RFC 5321 §4.1.4) or 555 (parameter value not supported, §4.1.1.11).
case smtp.rfc1870.3.size-not-numeric
  title "MAIL FROM with SIZE=big is refused with 501 (or 555)"
  rfc 1870 3 SHOULD
  rfc 5321 4.1.4 MUST
  tags size mail syntax
  requires ext SIZE
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SIZE=big"
  expect reply 501|555
  send "QUIT"
end

# The value has at most 20 digits; 21 digits is malformed (501/555) or, read as a number, far too large
# (552, or 452 for want of storage, §6.1).
case smtp.rfc1870.3.size-21-digits
  title "MAIL FROM with a 21-digit SIZE is refused (501, 555, 552 or 452)"
  rfc 1870 3 SHOULD
  tags size mail syntax
  requires ext SIZE
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SIZE=123456789012345678901"
  expect reply 501|555|552|452
  send "QUIT"
end

# Only one SIZE parameter belongs on a MAIL command (§6, a rule for the client); a server may refuse a
# second one, and accepting it is a permitted choice (MAY, info).
case smtp.rfc1870.6.size-twice
  title "MAIL FROM with two SIZE parameters may be refused"
  rfc 1870 6 MAY
  tags size mail syntax
  requires ext SIZE
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SIZE=100 SIZE=200"
  expect reply 501|555
  send "QUIT"
end

# The declared size is an estimate, never the way to find the end of the data (§6 MUST NOT): a message
# larger than declared still runs to <CRLF>.<CRLF>, and may then be accepted or refused (§6.3: 552, or any
# other end-of-data refusal). Audit: envelope through fixtures; MAIL with SIZE=20 is a need.
case smtp.rfc1870.6.size-not-end-of-data
  title "The data does not end after the declared SIZE octets"
  rfc 1870 6 MUST
  rfc 1870 6.3 MAY
  tags size data
  requires ext SIZE
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SIZE=20"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (larger than declared)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "This message is much longer than the twenty octets declared with SIZE."
  expect silence 500ms
  send "."
  expect reply 250|4xx|5xx within 15s
  expect silence 500ms
  send "QUIT"
end

# The EHLO SIZE keyword carries either no parameter or a decimal number (§3). Audit: EHLO through the
# fixture (need); whatever follows "SIZE" and its optional number is captured and must be empty.
case smtp.rfc1870.3.size-keyword-syntax
  title "The EHLO SIZE line is \"SIZE\" or \"SIZE <digits>\""
  rfc 1870 3 SHOULD
  tags size ehlo syntax
  requires ext SIZE
  include smtp.ehlo
  capture junk /^250[- ]SIZE(?: [0-9]+)?([^\r\n]*)/i
  expect equals "${junk}" ""
  send "QUIT"
end
