# RFC 3030 (SMTP Service Extensions for Transmission of Large and Binary MIME Messages): §2 (CHUNKING: the
# BDAT command, "BDAT n [LAST]", one 250 per chunk, DATA after BDAT and BDAT after LAST answered 503, a
# failed chunk still consumed, DATA still supported) and §3 (BINARYMIME: binary content only through BDAT).
# Chunk sizes below are exact octet counts of the fixed chunk texts.
#
# Audit: envelopes through the fixtures (needs; smtp.mail-ready authenticates on submission ports). The
# 250 that §2 requires is for each *successful* chunk: the reply that completes the message (LAST) may also
# refuse the message for reasons of its own (4xx, or 55x such as 550/552/554), like the reply at the end of
# DATA; only a syntax or sequence error (500-504) or a missing reply fails. Replies to chunks that are not
# the last, and to BDAT/DATA in a wrong sequence, stay strict.

# One BDAT chunk marked LAST carries the whole message and ends the transaction with 250.
case smtp.rfc3030.2.bdat-last
  title "A single BDAT ... LAST chunk is answered 250"
  rfc 3030 2 MUST
  tags chunking bdat
  requires ext CHUNKING
  include smtp.rcpt-ready
  send-raw "BDAT 121 LAST\r\nFrom: <mailspec@example.org>\r\nSubject: mailspec BDAT test\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\none chunk, the last\r\n"
  expect reply 250|4xx|55x within 15s
  send "QUIT"
end

# Every successfully received chunk gets its own 250; the LAST one completes the message.
case smtp.rfc3030.2.bdat-two-chunks
  title "Two BDAT chunks are each answered 250"
  rfc 3030 2 MUST
  tags chunking bdat
  requires ext CHUNKING
  include smtp.rcpt-ready
  send-raw "BDAT 113\r\nFrom: <mailspec@example.org>\r\nSubject: mailspec BDAT test\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst chunk\r\n"
  expect reply 250
  send-raw "BDAT 24 LAST\r\nsecond chunk, the last\r\n"
  expect reply 250|4xx|55x within 15s
  send "QUIT"
end

# The last BDAT may carry no octets at all ("BDAT 0 LAST") and only mark the end.
case smtp.rfc3030.2.bdat-zero-last
  title "BDAT 0 LAST ends a message sent in earlier chunks"
  rfc 3030 2 MUST
  rfc 3030 2 MAY
  tags chunking bdat
  requires ext CHUNKING
  include smtp.rcpt-ready
  send-raw "BDAT 121\r\nFrom: <mailspec@example.org>\r\nSubject: mailspec BDAT test\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\none chunk, the last\r\n"
  expect reply 250
  send "BDAT 0 LAST"
  expect reply 250|4xx|55x within 15s
  send "QUIT"
end

# Mixing the two ways of sending data is a bad sequence: DATA after BDAT gets 503.
case smtp.rfc3030.2.data-after-bdat
  title "DATA after a BDAT chunk in the same transaction is answered 503"
  rfc 3030 2 MUST
  tags chunking bdat data sequencing
  requires ext CHUNKING
  include smtp.rcpt-ready
  send-raw "BDAT 113\r\nFrom: <mailspec@example.org>\r\nSubject: mailspec BDAT test\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst chunk\r\n"
  need reply 250
  send "DATA"
  expect reply 503
  close
end

# Once the LAST chunk completed the transaction, a further BDAT is a bad sequence (503); the server still
# reads and throws away that chunk's octets, so the next command is understood.
case smtp.rfc3030.2.bdat-after-last
  title "BDAT after BDAT LAST is answered 503 and its data discarded"
  rfc 3030 2 MUST
  tags chunking bdat sequencing
  requires ext CHUNKING
  include smtp.rcpt-ready
  send-raw "BDAT 121 LAST\r\nFrom: <mailspec@example.org>\r\nSubject: mailspec BDAT test\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\none chunk, the last\r\n"
  need reply 250
  send-raw "BDAT 6\r\nQUIT\r\n"
  expect reply 503
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# When a BDAT fails (here: no MAIL yet), the server must accept and discard the chunk before replying, so
# the chunk's octets (which look like a command) are never executed.
case smtp.rfc3030.2.bdat-without-transaction-discards-data
  title "A refused BDAT still consumes its chunk"
  rfc 3030 2 MUST
  tags chunking bdat sequencing
  requires ext CHUNKING
  include smtp.ehlo
  send-raw "BDAT 6\r\nQUIT\r\n"
  expect reply 4xx|5xx
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# BDAT data is counted, not scanned: a dot line and command lines inside a chunk are message octets, and
# the chunk gets exactly one 250.
case smtp.rfc3030.2.bdat-octets-not-interpreted
  title "A BDAT chunk containing <CRLF>.<CRLF> and commands is only data"
  rfc 3030 2 MUST
  rfc 5321 4.1.1.4 MUST
  tags chunking bdat security
  requires ext CHUNKING
  include smtp.rcpt-ready
  send-raw "BDAT 177\r\nFrom: <mailspec@example.org>\r\nSubject: mailspec BDAT test\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\na line\r\n.\r\nMAIL FROM:<smuggled@example.org>\r\nRCPT TO:<postmaster>\r\nDATA\r\n..\r\n"
  expect reply 250
  expect silence 500ms
  send "BDAT 0 LAST"
  expect reply 250|4xx|55x within 15s
  expect silence 500ms
  send "QUIT"
end

# The end marker is a keyword and, like all keywords, case-insensitive.
case smtp.rfc3030.2.bdat-last-lower-case
  title "BDAT with the end marker in lower case ends the message"
  rfc 5321 2.4 MUST
  rfc 3030 2 MUST
  tags chunking bdat case
  requires ext CHUNKING
  include smtp.rcpt-ready
  send-raw "BDAT 121 last\r\nFrom: <mailspec@example.org>\r\nSubject: mailspec BDAT test\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\none chunk, the last\r\n"
  expect reply 250|4xx|55x within 15s
  expect silence 500ms
  send "QUIT"
end

# Offering BDAT does not replace DATA: the classic transfer keeps working.
case smtp.rfc3030.2.data-still-supported
  title "A server offering CHUNKING still accepts DATA"
  rfc 3030 2 MUST
  tags chunking data
  requires ext CHUNKING
  include smtp.rcpt-ready
  send "DATA"
  expect reply 354
  include smtp.message
  need reply 250|4xx|5xx
  send "QUIT"
end

# With PIPELINING, chunks may follow each other without waiting; each still gets its 250, in order.
case smtp.rfc3030.2.bdat-pipelined
  title "Two BDAT chunks sent in one write get two 250 replies"
  rfc 3030 2 MUST
  rfc 2920 3.2 MUST
  tags chunking bdat pipelining
  requires ext CHUNKING
  requires ext PIPELINING
  include smtp.rcpt-ready
  send-raw "BDAT 113\r\nFrom: <mailspec@example.org>\r\nSubject: mailspec BDAT test\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst chunk\r\nBDAT 24 LAST\r\nsecond chunk, the last\r\n"
  expect reply 250
  expect reply 250|4xx|55x within 15s
  send "QUIT"
end

# Binary content can only travel in BDAT chunks: after MAIL ... BODY=BINARYMIME, DATA is a bad sequence.
case smtp.rfc3030.3.binarymime-data-refused
  title "DATA in a BODY=BINARYMIME transaction is answered 503"
  rfc 3030 3 MUST
  tags chunking binarymime data
  requires ext CHUNKING
  requires ext BINARYMIME
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> BODY=BINARYMIME"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  expect reply 503
  close
end

# A server offering BINARYMIME takes binary content (any octet, no line structure) in BDAT chunks.
case smtp.rfc3030.3.binarymime-bdat
  title "A BODY=BINARYMIME message with NUL, bare CR/LF and 8-bit octets is accepted"
  rfc 3030 3 MUST
  tags chunking binarymime bdat
  requires ext CHUNKING
  requires ext BINARYMIME
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> BODY=BINARYMIME"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send-raw "BDAT 217 LAST\r\nFrom: <mailspec@example.org>\r\nSubject: mailspec BINARYMIME test\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n\x00\x01\x02\r.\r\n.\n\xff\xfe\x80\n\r\x00\r\n"
  expect reply 250|4xx|55x within 15s
  send "QUIT"
end
