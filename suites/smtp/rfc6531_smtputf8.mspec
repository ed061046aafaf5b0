# RFC 6531 (SMTP Extension for Internationalized Email): §3.1 (the SMTPUTF8 keyword has no parameter and
# requires 8BITMIME; the SMTPUTF8 parameter of MAIL and VRFY), §3.2 (UTF-8 accepted wherever a mailbox may
# appear), §3.4 (the MAIL parameter takes no value).

# The EHLO keyword carries no parameter.
case smtp.rfc6531.3.1.keyword-without-parameter
  title "The EHLO line SMTPUTF8 has no parameter"
  rfc 6531 3.1 MUST
  tags smtputf8 ehlo
  requires ext SMTPUTF8
  connect
  need greeting
  send "EHLO ${helo}"
  expect reply 250 text /^SMTPUTF8$/i
  send "QUIT"
end

# A server offering SMTPUTF8 also offers 8BITMIME.
case smtp.rfc6531.3.1.requires-8bitmime
  title "A server advertising SMTPUTF8 also advertises 8BITMIME"
  rfc 6531 3.1 MUST
  tags smtputf8 8bitmime ehlo
  requires ext SMTPUTF8
  connect
  need greeting
  send "EHLO ${helo}"
  expect reply 250 text /^8BITMIME\b/i
  send "QUIT"
end

# MAIL with the SMTPUTF8 parameter is accepted.
case smtp.rfc6531.3.4.mail-parameter
  title "MAIL FROM with the SMTPUTF8 parameter is accepted"
  rfc 6531 3.1 MUST
  tags smtputf8 mail
  requires ext SMTPUTF8
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> SMTPUTF8"
  expect reply 250
  send "QUIT"
end

# A UTF-8 reverse-path is accepted.
case smtp.rfc6531.3.2.utf8-sender
  title "MAIL FROM with a UTF-8 local part and the SMTPUTF8 parameter is accepted"
  rfc 6531 3.2 MUST
  tags smtputf8 mail
  requires ext SMTPUTF8
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<j\xc3\xb6rg.m\xc3\xbcller@example.org> SMTPUTF8"
  expect reply 250
  send "QUIT"
end

# A UTF-8 forward-path is processed like any other address (the mailbox may not exist; it is not a
# syntax error).
case smtp.rfc6531.3.2.utf8-recipient
  title "RCPT TO with a UTF-8 local part is processed, not refused as malformed"
  rfc 6531 3.2 MUST
  tags smtputf8 rcpt
  requires ext SMTPUTF8
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> SMTPUTF8"
  need reply 250
  send "RCPT TO:<\xc3\xbcser-${uniq}@${domain}>"
  expect reply 250|251|550|551|450|451|452
  send "QUIT"
end

# A message with UTF-8 header fields, sent with SMTPUTF8 and BODY=8BITMIME, is accepted.
case smtp.rfc6531.3.2.utf8-message
  title "A message with UTF-8 header fields is accepted under SMTPUTF8"
  rfc 6531 3.2 MUST
  rfc 6531 3.6 MAY
  tags smtputf8 data
  requires ext SMTPUTF8
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> SMTPUTF8 BODY=8BITMIME"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  expect reply 354
  send "From: J\xc3\xb6rg <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} \xe2\x9c\x89 Gr\xc3\xbc\xc3\x9fe" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "MIME-Version: 1.0" "Content-Type: text/plain; charset=utf-8" "Content-Transfer-Encoding: 8bit" "" "Caf\xc3\xa9" "."
  expect reply 250
  send "QUIT"
end

# The SMTPUTF8 MAIL parameter takes no value.
case smtp.rfc6531.3.4.parameter-with-value
  title "MAIL FROM with SMTPUTF8=YES is refused with 501 or 555"
  rfc 6531 3.4 MUST
  rfc 5321 4.1.4 MUST
  tags smtputf8 mail syntax
  requires ext SMTPUTF8
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> SMTPUTF8=YES"
  expect reply 501|555
  send "QUIT"
end

# VRFY takes the optional SMTPUTF8 parameter; the reply is still one listed for VRFY.
case smtp.rfc6531.3.1.vrfy-parameter
  title "VRFY with the SMTPUTF8 parameter gets a VRFY reply"
  rfc 6531 3.1 MUST
  rfc 6531 3.7.4.2 MUST
  tags smtputf8 vrfy
  requires ext SMTPUTF8
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "VRFY ${rcpt} SMTPUTF8"
  expect reply 250|251|252|550|551|553|504
  send "QUIT"
end
