# RFC 6152 (8-bit MIME transport): §3 (BODY=8BITMIME / BODY=7BIT on MAIL, one BODY parameter, 8-bit
# content accepted and preserved) and RFC 5321 §2.4 (servers should support 8BITMIME).
#
# Audit: the sender is first tried without the BODY parameter (smtp.sender-accepted: need), so a policy
# refusal skips instead of being blamed on the parameter; the EHLO reply is a need wherever the case looks
# at its keywords.

# 8BITMIME is recommended for every server (RFC 5321 §2.4 SHOULD). Audit: EHLO through smtp.ehlo (need);
# the 8BITMIME line is captured (empty when absent) and compared.
case smtp.rfc5321.2.4.8bitmime-offered
  title "The server advertises 8BITMIME"
  rfc 5321 2.4 SHOULD
  tags 8bitmime ehlo
  include smtp.ehlo
  capture keyword /\A(?:[\s\S]*?^250[- ](8BITMIME)\b|)/i
  expect equals "${keyword}" "8BITMIME"
  send "QUIT"
end

# MAIL with BODY=8BITMIME is accepted by a server that offers the extension (§3; RFC 5321 §4.1.1.11: only
# a parameter the server does not implement gets 555). A temporary 455 (RFC 5321 §4.1.1.11) is allowed.
case smtp.rfc6152.3.body-8bitmime
  title "MAIL FROM with BODY=8BITMIME is accepted"
  rfc 6152 3 MUST
  rfc 5321 4.2.4 MUST
  tags 8bitmime mail
  requires ext 8BITMIME
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> BODY=8BITMIME"
  expect reply 250|455
  send "QUIT"
end

# BODY=7BIT is the other defined value.
case smtp.rfc6152.3.body-7bit
  title "MAIL FROM with BODY=7BIT is accepted"
  rfc 6152 3 MUST
  tags 8bitmime mail
  requires ext 8BITMIME
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> BODY=7BIT"
  expect reply 250|455
  send "QUIT"
end

# Declared 8-bit content (octets with the high bit set) is accepted through DATA (§3: the server takes and
# preserves all bits of every octet). Audit: MAIL with BODY=, RCPT and DATA are needs (the parameter itself
# is smtp.rfc6152.3.body-8bitmime's check); the end-of-data reply is the check.
case smtp.rfc6152.3.eight-bit-content
  title "A BODY=8BITMIME message with 8-bit octets is accepted"
  rfc 6152 3 MUST
  tags 8bitmime data
  requires ext 8BITMIME
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> BODY=8BITMIME"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (8bit)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "MIME-Version: 1.0" "Content-Type: text/plain; charset=utf-8" "Content-Transfer-Encoding: 8bit" "" "Gr\xc3\xbc\xc3\x9fe, caf\xc3\xa9, \xe2\x82\xac 100" "."
  expect reply 250 within 15s
  send "QUIT"
end

# The keyword and its value are case-insensitive (RFC 5321 §2.4; audit: was cited as §4.1.1.1, which is
# about EHLO keywords).
case smtp.rfc6152.3.body-lower-case
  title "MAIL FROM with body=8bitmime in lower case is accepted"
  rfc 5321 2.4 MUST
  rfc 6152 3 MUST
  tags 8bitmime mail case
  requires ext 8BITMIME
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> body=8bitmime"
  expect reply 250|455
  send "QUIT"
end

# BODY has two defined values; an undefined one should be refused: 501 (argument not acceptable, RFC 5321
# §4.1.4) or 555 (parameter value not supported, §4.1.1.11).
case smtp.rfc6152.3.body-unknown-value
  title "MAIL FROM with BODY=9BIT is refused with 501 or 555"
  rfc 6152 3 SHOULD
  rfc 5321 4.1.4 MUST
  tags 8bitmime mail syntax
  requires ext 8BITMIME
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> BODY=9BIT"
  expect reply 501|555
  send "QUIT"
end

# Only one BODY parameter belongs on MAIL; a server may refuse two (a permitted choice: MAY, info).
case smtp.rfc6152.3.body-twice
  title "MAIL FROM with two BODY parameters may be refused"
  rfc 6152 3 MAY
  tags 8bitmime mail syntax
  requires ext 8BITMIME
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> BODY=7BIT BODY=8BITMIME"
  expect reply 501|555
  send "QUIT"
end
