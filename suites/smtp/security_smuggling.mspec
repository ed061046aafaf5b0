# SMTP smuggling. Rule: RFC 5321 §4.1.1.4 and §2.3.8: the mail data ends only at <CRLF>.<CRLF>; no other
# character or sequence is a line terminator, and "<LF>.<LF>" is named as one that must not end the data.
# A server that takes another sequence as the end of data lets a sender hide a second message (with its
# own envelope) inside the first one, which a lenient outbound relay forwards unchanged.
#
# Each case sends, in ONE write, the start of a message, the end-of-data look-alike, a complete smuggled
# transaction (MAIL, RCPT, DATA, a second message) and the real <CRLF>.<CRLF>. A compliant server reads all of
# it as one message: one reply (250) and then nothing. A vulnerable server answers 250 to the first part,
# then runs the smuggled commands: more replies arrive and the case fails. Refusing the message instead
# (a 4xx/5xx reply for the bare CR/LF, RFC 5321 §2.3.8 and §4.1.1.4) and closing the connection after it
# (§7.8), even without a reply (`or-closed`), are safe outcomes too, so they pass: only a second reply
# fails. Whether the smuggled message was actually delivered is checked end to end by
# smtp.security.e2e-smuggled-message-not-delivered.
#
# Audit: envelope and DATA through smtp.data-ready (needs; authenticated on submission ports); the reply
# to the data waits up to 15 s (a server must answer the end of the data). Refusals and closes were
# already accepted.

# The classic: bare line feeds around the dot. The RFC names this sequence explicitly as one that must not
# end the data.
case smtp.security.smuggling-lf-dot-lf
  title "<LF>.<LF> inside DATA does not end the message"
  rfc 5321 4.1.1.4 MUST
  rfc 5321 2.3.8 MUST
  tags security smuggling data
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} smuggling lf-dot-lf\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part" + "\n.\n" + "MAIL FROM:<smuggled-${uniq}@example.org>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <smuggled-${uniq}@example.org>\r\nSubject: smuggled ${uniq}\r\n\r\nsmuggled part\r\n.\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# A proper line end, the dot, then a bare line feed.
case smtp.security.smuggling-crlf-dot-lf
  title "<CR><LF>.<LF> inside DATA does not end the message"
  rfc 5321 4.1.1.4 MUST
  rfc 5321 2.3.8 MUST
  tags security smuggling data
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} smuggling crlf-dot-lf\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part" + "\r\n.\n" + "MAIL FROM:<smuggled-${uniq}@example.org>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <smuggled-${uniq}@example.org>\r\nSubject: smuggled ${uniq}\r\n\r\nsmuggled part\r\n.\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# A bare line feed before the dot, a proper line end after it (the variant behind CVE-2023-51764/51765).
case smtp.security.smuggling-lf-dot-crlf
  title "<LF>.<CR><LF> inside DATA does not end the message"
  rfc 5321 4.1.1.4 MUST
  rfc 5321 2.3.8 MUST
  tags security smuggling data
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} smuggling lf-dot-crlf\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part" + "\n.\r\n" + "MAIL FROM:<smuggled-${uniq}@example.org>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <smuggled-${uniq}@example.org>\r\nSubject: smuggled ${uniq}\r\n\r\nsmuggled part\r\n.\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# Bare carriage returns around the dot: a CR alone is no line terminator.
case smtp.security.smuggling-cr-dot-cr
  title "<CR>.<CR> inside DATA does not end the message"
  rfc 5321 2.3.8 MUST
  rfc 5321 4.1.1.4 MUST
  tags security smuggling data
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} smuggling cr-dot-cr\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part" + "\r.\r" + "MAIL FROM:<smuggled-${uniq}@example.org>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <smuggled-${uniq}@example.org>\r\nSubject: smuggled ${uniq}\r\n\r\nsmuggled part\r\n.\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# A bare carriage return before the dot and a bare line feed after it.
case smtp.security.smuggling-cr-dot-lf
  title "<CR>.<LF> inside DATA does not end the message"
  rfc 5321 2.3.8 MUST
  rfc 5321 4.1.1.4 MUST
  tags security smuggling data
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} smuggling cr-dot-lf\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part" + "\r.\n" + "MAIL FROM:<smuggled-${uniq}@example.org>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <smuggled-${uniq}@example.org>\r\nSubject: smuggled ${uniq}\r\n\r\nsmuggled part\r\n.\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# A bare line feed before the dot and a bare carriage return after it.
case smtp.security.smuggling-lf-dot-cr
  title "<LF>.<CR> inside DATA does not end the message"
  rfc 5321 4.1.1.4 MUST
  rfc 5321 2.3.8 MUST
  tags security smuggling data
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} smuggling lf-dot-cr\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part" + "\n.\r" + "MAIL FROM:<smuggled-${uniq}@example.org>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <smuggled-${uniq}@example.org>\r\nSubject: smuggled ${uniq}\r\n\r\nsmuggled part\r\n.\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# A bare carriage return before the dot, a proper line end after it.
case smtp.security.smuggling-cr-dot-crlf
  title "<CR>.<CR><LF> inside DATA does not end the message"
  rfc 5321 2.3.8 MUST
  rfc 5321 4.1.1.4 MUST
  tags security smuggling data
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} smuggling cr-dot-crlf\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part" + "\r.\r\n" + "MAIL FROM:<smuggled-${uniq}@example.org>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <smuggled-${uniq}@example.org>\r\nSubject: smuggled ${uniq}\r\n\r\nsmuggled part\r\n.\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# A proper line end, the dot, then a bare carriage return.
case smtp.security.smuggling-crlf-dot-cr
  title "<CR><LF>.<CR> inside DATA does not end the message"
  rfc 5321 2.3.8 MUST
  rfc 5321 4.1.1.4 MUST
  tags security smuggling data
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} smuggling crlf-dot-cr\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part" + "\r\n.\r" + "MAIL FROM:<smuggled-${uniq}@example.org>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <smuggled-${uniq}@example.org>\r\nSubject: smuggled ${uniq}\r\n\r\nsmuggled part\r\n.\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# A NUL between the dot and the line end: the line is ".<NUL>", not a lone dot, even for a server that
# drops NUL octets.
case smtp.security.smuggling-crlf-dot-nul-crlf
  title "<CR><LF>.<NUL><CR><LF> inside DATA does not end the message"
  rfc 5321 4.1.1.4 MUST
  rfc 5321 4.5.2 MUST
  tags security smuggling data
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} smuggling crlf-dot-nul-crlf\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part" + "\r\n.\0\r\n" + "MAIL FROM:<smuggled-${uniq}@example.org>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <smuggled-${uniq}@example.org>\r\nSubject: smuggled ${uniq}\r\n\r\nsmuggled part\r\n.\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# The same with a pause before the real end of data, as a slow relay would forward it: a vulnerable server
# has answered the first part and run the smuggled transaction by the time the real end arrives.
case smtp.security.smuggling-lf-dot-crlf-pause
  title "<LF>.<CR><LF> followed by a pause does not end the message"
  rfc 5321 4.1.1.4 MUST
  rfc 5321 2.3.8 MUST
  tags security smuggling data
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} smuggling pause\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part\n.\r\nMAIL FROM:<smuggled-${uniq}@example.org>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <smuggled-${uniq}@example.org>\r\nSubject: smuggled ${uniq}\r\n\r\nsmuggled part\r\n"
  sleep 500ms
  send-raw ".\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end
