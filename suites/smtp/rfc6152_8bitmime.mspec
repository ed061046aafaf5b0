# RFC 6152 (8-bit MIME transport): §3 (BODY=8BITMIME / BODY=7BIT on MAIL, one BODY parameter, 8-bit
# content accepted and preserved) and RFC 5321 §2.4 (servers should support 8BITMIME).

# 8BITMIME is recommended for every server.
case smtp.rfc5321.2.4.8bitmime-offered
  title "The server advertises 8BITMIME"
  rfc 5321 2.4 SHOULD
  tags 8bitmime ehlo
  connect
  need greeting
  send "EHLO ${helo}"
  expect reply 250 text /^8BITMIME\b/i
  send "QUIT"
end

# MAIL with BODY=8BITMIME is accepted by a server that offers the extension.
case smtp.rfc6152.3.body-8bitmime
  title "MAIL FROM with BODY=8BITMIME is accepted"
  rfc 6152 3 MUST
  rfc 5321 4.2.4 MUST
  tags 8bitmime mail
  requires ext 8BITMIME
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> BODY=8BITMIME"
  expect reply 250
  send "QUIT"
end

# BODY=7BIT is the other defined value.
case smtp.rfc6152.3.body-7bit
  title "MAIL FROM with BODY=7BIT is accepted"
  rfc 6152 3 MUST
  tags 8bitmime mail
  requires ext 8BITMIME
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> BODY=7BIT"
  expect reply 250
  send "QUIT"
end

# Declared 8-bit content (octets with the high bit set) is accepted through DATA.
case smtp.rfc6152.3.eight-bit-content
  title "A BODY=8BITMIME message with 8-bit octets is accepted"
  rfc 6152 3 MUST
  tags 8bitmime data
  requires ext 8BITMIME
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> BODY=8BITMIME"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (8bit)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "MIME-Version: 1.0" "Content-Type: text/plain; charset=utf-8" "Content-Transfer-Encoding: 8bit" "" "Gr\xc3\xbc\xc3\x9fe, caf\xc3\xa9, \xe2\x82\xac 100" "."
  expect reply 250
  send "QUIT"
end

# The keyword and its value are case-insensitive.
case smtp.rfc6152.3.body-lower-case
  title "MAIL FROM with body=8bitmime in lower case is accepted"
  rfc 5321 4.1.1.1 MUST
  rfc 6152 3 MUST
  tags 8bitmime mail case
  requires ext 8BITMIME
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> body=8bitmime"
  expect reply 250
  send "QUIT"
end

# BODY has two defined values; an undefined one should be refused, and a refused transaction-beginning
# argument gets 501 (555: parameter value not supported).
case smtp.rfc6152.3.body-unknown-value
  title "MAIL FROM with BODY=9BIT is refused with 501 or 555"
  rfc 6152 3 SHOULD
  rfc 5321 4.1.4 MUST
  tags 8bitmime mail syntax
  requires ext 8BITMIME
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> BODY=9BIT"
  expect reply 501|555
  send "QUIT"
end

# Only one BODY parameter belongs on MAIL; a server may refuse two.
case smtp.rfc6152.3.body-twice
  title "MAIL FROM with two BODY parameters may be refused"
  rfc 6152 3 MAY
  tags 8bitmime mail syntax
  requires ext 8BITMIME
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> BODY=7BIT BODY=8BITMIME"
  expect reply 501|555
  send "QUIT"
end
