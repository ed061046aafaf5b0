# RFC 5321 §4.5.2 (transparency: dot-stuffing) and §4.1.1.4 (the end of mail data is <CRLF>.<CRLF> and
# nothing else): a line starting with a dot that is not a lone dot is data, with the first dot removed;
# lines that look like commands are data too.
# Audit: set-up from fixtures.mspec; the reply at the end of data may be a refusal for the message's content
# (§4.1.1.4: a failure reply when processing fails); what is checked is that the data did not end early
# (silence) and that the real terminator gets exactly one reply (within 15s). The split terminator accepts
# no 4xx: a server that missed it answers 451 when its idle timer runs out, which is the finding.

# A stuffed line ".." is data (one dot delivered); the data goes on until the lone dot.
case smtp.rfc5321.4.5.2.stuffed-dot-line-is-data
  title "A line \"..\" inside the data does not end it"
  rfc 5321 4.5.2 MUST
  rfc 5321 4.1.1.4 MUST
  tags data transparency
  include smtp.data-ready
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (transparency)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "before" ".." "after"
  expect silence 500ms
  send "."
  expect reply 250|450|451|452|550|552|554 within 15s
  expect silence 500ms
  send "QUIT"
end

# A dot followed by other text (here a space, and text) is not the end of data either.
case smtp.rfc5321.4.5.2.dot-with-text-is-data
  title "Lines \". \" and \".text\" inside the data do not end it"
  rfc 5321 4.5.2 MUST
  rfc 5321 4.1.1.4 MUST
  tags data transparency
  include smtp.data-ready
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (transparency)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" ". " ".QUIT" "..."
  expect silence 500ms
  send "."
  expect reply 250|450|451|452|550|552|554 within 15s
  expect silence 500ms
  send "QUIT"
end

# Lines that look like SMTP commands are only data until the end of data.
case smtp.rfc5321.4.1.1.4.command-lines-are-data
  title "Command-looking lines inside the data are not executed"
  rfc 5321 4.1.1.4 MUST
  tags data transparency security
  include smtp.data-ready
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (commands in data)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "RSET" "MAIL FROM:<${sender}>" "RCPT TO:<${rcpt}>" "DATA" "QUIT"
  expect silence 500ms
  send "."
  expect reply 250|450|451|452|550|552|554 within 15s
  expect silence 500ms
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A stuffed line right before the terminator: "..<CRLF>.<CRLF>" ends the data once.
case smtp.rfc5321.4.5.2.stuffed-line-before-end
  title "Data ending with a stuffed \"..\" line then the lone dot gets one 250"
  rfc 5321 4.5.2 MUST
  tags data transparency
  include smtp.data-ready
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (transparency)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "body" ".." "."
  expect reply 250|450|451|452|550|552|554 within 15s
  expect silence 500ms
  send "QUIT"
end

# The end-of-data sequence split over several TCP segments is still recognised.
case smtp.rfc5321.4.1.1.4.terminator-split-across-writes
  title "<CRLF>.<CRLF> arriving in pieces still ends the data"
  rfc 5321 4.1.1.4 MUST
  rfc 5321 2.3.8 MUST
  tags data transparency robustness
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} (split)\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nlast line"
  sleep 100ms
  send-raw "\r"
  sleep 100ms
  send-raw "\n."
  sleep 100ms
  send-raw "\r"
  sleep 100ms
  send-raw "\n"
  expect reply 250|550|552|554 within 15s
  expect silence 500ms
  send "QUIT"
end

# Empty lines in the body are ordinary data; only a line holding a single dot ends the data.
case smtp.rfc5321.4.1.1.4.blank-lines-are-data
  title "Blank lines inside the data do not end it"
  rfc 5321 4.1.1.4 MUST
  tags data transparency
  include smtp.data-ready
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (blank lines)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "" "" "text after blank lines"
  expect silence 500ms
  send "."
  expect reply 250|450|451|452|550|552|554 within 15s
  send "QUIT"
end
