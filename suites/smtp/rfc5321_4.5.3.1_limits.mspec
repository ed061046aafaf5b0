# RFC 5321 §4.5.3.1 (size limits and minimums): every implementation must be able to receive objects of at
# least these sizes: local part 64 octets, domain 255, path 256, command line 512 (with CRLF), text line
# 1000 (with CRLF), message content 64K, 100 recipients. Longer objects may be refused (§4.5.3.1: clients
# "MUST be prepared for a server to reject them"), and a server defending itself may answer 421/5xx and
# close (§7.8): the over-long cases accept that (or-closed), and check only that a server that goes on
# gives one reply per command (§4.2).
# Audit: a refusal of the object for another reason (the sender or recipient unknown: 550, 45x) is allowed;
# only a refusal for its size (501/553/500/552, the codes of §4.5.3.1.9) fails. Sender cases first have the
# plain ${sender} accepted (need) and RSET.

# A 64-octet local part in the reverse-path.
case smtp.rfc5321.4.5.3.1.1.sender-local-part-64
  title "A sender with a 64-octet local part is not refused as too long"
  rfc 5321 4.5.3.1 MUST
  tags limits mail
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "MAIL FROM:<" + "a" * 64 + "@example.org>"
  expect reply 250|550|450|451
  send "QUIT"
end

# A 64-octet local part in a forward-path: the server may not know the mailbox, but it must process the
# address (no syntax or length error).
case smtp.rfc5321.4.5.3.1.1.recipient-local-part-64
  title "A recipient with a 64-octet local part is processed, not refused as too long"
  rfc 5321 4.5.3.1 MUST
  tags limits rcpt
  include smtp.mail-open
  send "RCPT TO:<" + "r" * 64 + "@${domain}>"
  expect reply 250|251|550|551|450|451|452
  send "QUIT"
end

# A reverse-path of 256 octets, brackets included (64-octet local part, 189-octet domain).
case smtp.rfc5321.4.5.3.1.3.path-256
  title "A 256-octet reverse-path is not refused as too long"
  rfc 5321 4.5.3.1 MUST
  tags limits mail
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "MAIL FROM:<" + "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".org>"
  expect reply 250|550|450|451
  send "QUIT"
end

# A 255-octet domain name (four labels of 63 octets) given in EHLO.
case smtp.rfc5321.4.5.3.1.2.domain-255
  title "EHLO with a 255-octet domain name is accepted"
  rfc 5321 4.5.3.1 MUST
  tags limits ehlo
  include smtp.greeted
  send "EHLO " + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 63
  expect reply 250|550
  send "QUIT"
end

# A command line of exactly 512 octets including CRLF ("NOOP", a space, 505 octets of argument). A
# "line too long" 500 would break the minimum; NOOP's argument may be ignored (250) or refused (501).
case smtp.rfc5321.4.5.3.1.4.command-line-512
  title "A 512-octet command line is not refused as too long"
  rfc 5321 4.5.3.1 MUST
  rfc 5321 4.3.2 MUST
  tags limits command-line
  include smtp.ehlo
  send "NOOP " + "x" * 505
  expect reply 250|501
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A 1000-octet text line (998 octets and CRLF) inside the data. Audit: a content refusal other than "line
# too long" (500) or "too much data" (552) is allowed.
case smtp.rfc5321.4.5.3.1.6.text-line-1000
  title "A 1000-octet text line in the data is not refused as too long"
  rfc 5321 4.5.3.1 MUST
  tags limits data
  include smtp.data-ready
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (long line)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "x" * 998 "."
  expect reply 250|450|451|550|554 within 15s
  send "QUIT"
end

# A message of just under 64,000 octets must be taken (§4.5.3.1.7: at least 64K octets). Audit: it was
# about 72,000 octets, above the minimum, so a server with a limit of 64,000 (or 65,536) octets failed a
# MUST that it meets; now about 62,600 octets (a header section of about 200 octets and 780 lines of 80), below both
# readings of "64K". 552 (too much mail data) is the finding; other refusals are allowed.
case smtp.rfc5321.4.5.3.1.7.message-64k
  title "A message of just under 64,000 octets is accepted"
  rfc 5321 4.5.3.1.7 MUST
  tags limits data size
  timeout 60s
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: mailspec ${uniq} (63000 octets)\r\nMessage-ID: <${uniq}@mailspec.test>\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\n" + "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ012345\r\n" * 780 + ".\r\n"
  expect reply 250|450|451|550|554 within 30s
  send "QUIT"
end

# A line longer than any limit (3000 octets) may be refused, or the server may close (§7.8), but a server
# that answers gives exactly one reply and goes on (the rest of the line is not read as further
# commands). Audit: 421 and 5xx accepted, with or-closed on every read: closing is a defence, not a
# violation of §3.8.
case smtp.rfc5321.4.5.3.1.9.overlong-command-one-reply
  title "An over-long command line gets at most one reply"
  rfc 5321 4.2 MUST
  rfc 5321 7.8 MAY
  rfc 5321 2.3.8 MAY
  tags limits command-line robustness
  include smtp.ehlo
  send "NOOP " + "x" * 3000
  expect reply 250|421|5xx or-closed
  expect silence 500ms or-closed
  send "NOOP"
  expect reply 250|421 or-closed
  send "QUIT"
end

# A 5000-octet text line inside the data may be refused at the end of data ("500 line too long", "552"),
# or the server may give up on the connection (421, close: §7.8), but the data must not be cut short: no
# reply before the real terminator, then one reply.
case smtp.rfc5321.4.5.3.1.9.overlong-text-line-one-reply
  title "An over-long text line in the data gets one reply at the end of data"
  rfc 5321 4.2 MUST
  rfc 5321 4.1.1.4 MUST
  tags limits data robustness
  include smtp.data-ready
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (over-long line)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "y" * 5000
  expect silence 500ms or-closed
  send "."
  expect reply 250|421|500|552|554|550|451|452 or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# At least 100 recipients must be buffered; refusing any of the first 100 for being too many is a
# violation (§4.5.3.1.8). Audit: written with `repeat`; the first two recipients (${rcpt}, ${rcpt2}) are
# preconditions (two recipients is rcpt-two-recipients' check), the next 98 and the message the check.
case smtp.rfc5321.4.5.3.1.8.recipients-100
  title "100 RCPT commands in one transaction are all accepted"
  rfc 5321 4.5.3.1.8 MUST
  tags limits rcpt
  timeout 120s
  include smtp.rcpt-ready
  send "RCPT TO:<${rcpt2}>"
  need reply 250|251
  repeat 98
    send "RCPT TO:<${rcpt}>"
    expect reply 250|251
  end
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (100 recipients)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end
