# End to end: what the server delivers, read back from the recipient's mailbox over IMAP. RFC 5321 §4.4
# (the server prepends a Received: trace field, with a FROM clause and a date with a four-digit year, F.5),
# §4.5.2 (the receiver removes the dot the client added to lines starting with a dot), §4.1.1.4 and §2.3.8
# (a smuggled second message never becomes a message of its own), RFC 6152 §3 (8-bit octets arrive
# unchanged).
#
# Set-up comes from fixtures.mspec (smtp.data-ready authenticates on submission).
# These cases run only where the target delivers into a mailbox the harness can read:
#   --var readback_url=imap://HOST:PORT --var readback_user=U --var readback_password=P
# where U's INBOX is the mailbox of ${rcpt}. Each message carries the unique token ${uniq} in its Subject
# and is found again with UID SEARCH; the wait before reading back covers local delivery (Postfix to
# Dovecot over LMTP takes well under a second). A message that has not arrived by then skips the case.

# The receiver removes the first dot of every line that starts with one: "..x" arrives as ".x", "..." as
# "..", and ".." (a stuffed lone dot) as ".".
case smtp.rfc5321.4.5.2.e2e-dot-stuffing-undone
  title "Dot-stuffed lines arrive in the mailbox with the extra dot removed"
  rfc 5321 4.5.2 MUST
  rfc 5321 4.1.1.4 MUST
  tags e2e data transparency
  requires var readback_url
  requires var readback_user
  requires var readback_password
  timeout 30s
  include smtp.data-ready
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: ${uniq}" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "first line" "..one leading dot" "...two leading dots" ".." "last line" "."
  need reply 250
  send "QUIT"
  sleep 2s
  connect box imap "${readback_url}"
  need greeting
  login user "${readback_user}" password "${readback_password}"
  command "SELECT INBOX"
  need tagged OK
  command "UID SEARCH SUBJECT ${uniq}"
  need tagged OK
  capture uid /^\* SEARCH (\d+)/
  command "UID FETCH ${uid} BODY.PEEK[]"
  need tagged OK
  expect untagged FETCH /\r\nfirst line\r\n\.one leading dot\r\n\.\.two leading dots\r\n\.\r\nlast line\r\n/
  command "LOGOUT"
end

# 8-bit octets passed with BODY=8BITMIME are delivered with every bit intact (UTF-8 text and raw octets
# 0x80, 0xA0, 0xFF that are no UTF-8 at all).
case smtp.rfc6152.3.e2e-eight-bit-byte-exact
  title "An 8BITMIME body arrives in the mailbox byte for byte"
  rfc 6152 3 MUST
  tags e2e 8bitmime data
  requires ext 8BITMIME
  requires var readback_url
  requires var readback_user
  requires var readback_password
  timeout 30s
  include smtp.mail-ready
  send "MAIL FROM:<${sender}> BODY=8BITMIME"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: ${uniq}" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "MIME-Version: 1.0" "Content-Type: text/plain; charset=utf-8" "Content-Transfer-Encoding: 8bit" "" "Gr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln, \xe2\x82\xac 100, \xe6\x9d\xb1\xe4\xba\xac" "raw octets: [\x80\xa0\xff]" "."
  need reply 250
  send "QUIT"
  sleep 2s
  connect box imap "${readback_url}"
  need greeting
  login user "${readback_user}" password "${readback_password}"
  command "SELECT INBOX"
  need tagged OK
  command "UID SEARCH SUBJECT ${uniq}"
  need tagged OK
  capture uid /^\* SEARCH (\d+)/
  command "UID FETCH ${uid} BODY.PEEK[]"
  need tagged OK
  expect untagged FETCH /\r\nGr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln, \xe2\x82\xac 100, \xe6\x9d\xb1\xe4\xba\xac\r\nraw octets: \[\x80\xa0\xff\]\r\n/
  command "LOGOUT"
end

# <LF>.<LF> inside the data ends nothing: the "second message" after it is text of the first one and must
# never be delivered as a message of its own (Subject ${uniq}-smuggled). A server that refuses or drops
# the whole attempt also delivers nothing smuggled.
case smtp.security.e2e-smuggled-message-not-delivered
  title "A message smuggled behind <LF>.<LF> does not arrive in the mailbox"
  rfc 5321 4.1.1.4 MUST
  rfc 5321 2.3.8 MUST
  tags e2e security smuggling data
  requires var readback_url
  requires var readback_user
  requires var readback_password
  timeout 30s
  include smtp.data-ready
  send-raw "From: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: ${uniq}\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nfirst part" + "\n.\n" + "MAIL FROM:<${sender}>\r\nRCPT TO:<${rcpt}>\r\nDATA\r\nFrom: <${sender}>\r\nTo: <${rcpt}>\r\nSubject: ${uniq}-smuggled\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\n\r\nsmuggled part\r\n.\r\n"
  read
  send "QUIT"
  sleep 2s
  connect box imap "${readback_url}"
  need greeting
  login user "${readback_user}" password "${readback_password}"
  command "SELECT INBOX"
  need tagged OK
  # Something from this case arrived (else delivery is slower than the wait and nothing can be said).
  command "UID SEARCH SUBJECT ${uniq}"
  need tagged OK
  need untagged SEARCH /^\* SEARCH \d/
  command "UID SEARCH SUBJECT ${uniq}-smuggled"
  need tagged OK
  expect untagged SEARCH /\A\* SEARCH\r\n\z/
  command "LOGOUT"
end

# The server prepends a Received: field: it comes before the first header field the client sent, has the
# FROM clause, and ends in "; date-time" with a four-digit year.
case smtp.rfc5321.4.4.e2e-received-prepended
  title "The delivered message starts with a Received: field added by the server"
  rfc 5321 4.4 MUST
  rfc 5321 F.5 MUST
  tags e2e trace
  requires var readback_url
  requires var readback_user
  requires var readback_password
  timeout 30s
  include smtp.data-ready
  send "X-Mailspec-First: ${uniq}" "From: <${sender}>" "To: <${rcpt}>" "Subject: ${uniq}" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "trace test" "."
  need reply 250
  send "QUIT"
  sleep 2s
  connect box imap "${readback_url}"
  need greeting
  login user "${readback_user}" password "${readback_password}"
  command "SELECT INBOX"
  need tagged OK
  command "UID SEARCH SUBJECT ${uniq}"
  need tagged OK
  capture uid /^\* SEARCH (\d+)/
  command "UID FETCH ${uid} BODY.PEEK[HEADER]"
  need tagged OK
  # Right above the client's first field: a Received: field with a FROM clause and a date-time with a
  # four-digit year. (Fields further up come from later hops, e.g. the final delivery.) Audit: the field may
  # be folded wherever RFC 5322 allows FWS (RFC 5321 §4.4 builds Received on RFC 5322's FWS/CFWS): after
  # "Received:", between "from" and its domain, around ";" and between the parts of the date-time; each FWS
  # below is ([ \t]*\r\n)?[ \t]+ and the clauses before ";" may span continuation lines.
  expect untagged FETCH /^Received:(([ \t]*\r\n)?[ \t]+)?from([ \t]*\r\n)?[ \t]+([^;\r\n]|\r\n[ \t])*;(([ \t]*\r\n)?[ \t]+)?([A-Za-z]{3},(([ \t]*\r\n)?[ \t]+)?)?\d{1,2}([ \t]*\r\n)?[ \t]+[A-Za-z]{3}([ \t]*\r\n)?[ \t]+\d{4}([ \t]*\r\n)?[ \t]+\d\d:\d\d(:\d\d)?([ \t]*\r\n)?[ \t]+[+-]\d{4}[^\r\n]*(\r\n[ \t][^\r\n]*)*\r\nX-Mailspec-First: ${uniq}\r\n/i
  command "LOGOUT"
end
