# RFC 6531 (SMTP Extension for Internationalized Email): §3.1 (the SMTPUTF8 keyword has no parameter and
# requires 8BITMIME; the SMTPUTF8 parameter of MAIL and VRFY), §3.2 (UTF-8 accepted wherever a mailbox may
# appear), §3.4 (the MAIL parameter takes no value).
#
# Audit: EHLO and the plain sender are preconditions (smtp.ehlo, smtp.sender-accepted: needs); where a
# case looks at the EHLO keywords, the line is captured and compared.

# The EHLO keyword carries no parameter (§3.1 MUST NOT). Audit: whatever follows "SMTPUTF8" on its line is
# captured and must be empty.
case smtp.rfc6531.3.1.keyword-without-parameter
  title "The EHLO line SMTPUTF8 has no parameter"
  rfc 6531 3.1 MUST
  tags smtputf8 ehlo
  requires ext SMTPUTF8
  include smtp.ehlo
  capture parameter /^250[- ]SMTPUTF8([^\r\n]*)/i
  expect equals "${parameter}" ""
  send "QUIT"
end

# A server offering SMTPUTF8 also offers 8BITMIME (§3.1 MUST). Audit: the 8BITMIME line is captured (empty
# when absent) and compared.
case smtp.rfc6531.3.1.requires-8bitmime
  title "A server advertising SMTPUTF8 also advertises 8BITMIME"
  rfc 6531 3.1 MUST
  tags smtputf8 8bitmime ehlo
  requires ext SMTPUTF8
  include smtp.ehlo
  capture keyword /\A(?:[\s\S]*?^250[- ](8BITMIME)\b|)/i
  expect equals "${keyword}" "8BITMIME"
  send "QUIT"
end

# MAIL with the SMTPUTF8 parameter is accepted (§3.1: a server listing SMTPUTF8 implements it); a
# temporary 455 (RFC 5321 §4.1.1.11) is allowed.
case smtp.rfc6531.3.4.mail-parameter
  title "MAIL FROM with the SMTPUTF8 parameter is accepted"
  rfc 6531 3.1 MUST
  tags smtputf8 mail
  requires ext SMTPUTF8
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SMTPUTF8"
  expect reply 250|455
  send "QUIT"
end

# A UTF-8 reverse-path is accepted as syntax (§3.2 MUST: UTF-8 wherever a mailbox may appear). A server may
# still refuse that sender on policy grounds (550, or a temporary 45x), as it could an ASCII one; what
# §3.2 forbids is treating the UTF-8 as malformed (501, 553, 555). Audit: policy refusals accepted (was:
# 250 only); the SMTPUTF8 parameter itself is a need (smtp.rfc6531.3.4.mail-parameter checks it).
case smtp.rfc6531.3.2.utf8-sender
  title "MAIL FROM with a UTF-8 local part and the SMTPUTF8 parameter is not refused as malformed"
  rfc 6531 3.2 MUST
  tags smtputf8 mail
  requires ext SMTPUTF8
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SMTPUTF8"
  need reply 250
  send "RSET"
  need reply 250
  send "MAIL FROM:<j\xc3\xb6rg.m\xc3\xbcller@example.org> SMTPUTF8"
  expect reply 250|450|451|452|550
  send "QUIT"
end

# A UTF-8 forward-path is processed like any other address (the mailbox may not exist; it is not a
# syntax error). Audit: MAIL with SMTPUTF8 through smtp.mail-ready (authenticated on submission).
case smtp.rfc6531.3.2.utf8-recipient
  title "RCPT TO with a UTF-8 local part is processed, not refused as malformed"
  rfc 6531 3.2 MUST
  tags smtputf8 rcpt
  requires ext SMTPUTF8
  include smtp.mail-ready
  send "MAIL FROM:<${sender}> SMTPUTF8"
  need reply 250
  send "RCPT TO:<\xc3\xbcser-${uniq}@${domain}>"
  expect reply 250|251|550|551|450|451|452
  send "QUIT"
end

# A message with UTF-8 header fields, sent with SMTPUTF8 and BODY=8BITMIME, is accepted (§3.2). Audit:
# DATA is a need.
case smtp.rfc6531.3.2.utf8-message
  title "A message with UTF-8 header fields is accepted under SMTPUTF8"
  rfc 6531 3.2 MUST
  rfc 6531 3.6 MAY
  tags smtputf8 data
  requires ext SMTPUTF8
  include smtp.mail-ready
  send "MAIL FROM:<${sender}> SMTPUTF8 BODY=8BITMIME"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  send "From: J\xc3\xb6rg <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} \xe2\x9c\x89 Gr\xc3\xbc\xc3\x9fe" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "MIME-Version: 1.0" "Content-Type: text/plain; charset=utf-8" "Content-Transfer-Encoding: 8bit" "" "Caf\xc3\xa9" "."
  expect reply 250 within 15s
  send "QUIT"
end

# The SMTPUTF8 MAIL parameter takes no value (§3.4 MUST): 501 (argument not acceptable, RFC 5321 §4.1.4)
# or 555 (value not supported, §4.1.1.11).
case smtp.rfc6531.3.4.parameter-with-value
  title "MAIL FROM with SMTPUTF8=YES is refused with 501 or 555"
  rfc 6531 3.4 MUST
  rfc 5321 4.1.4 MUST
  tags smtputf8 mail syntax
  requires ext SMTPUTF8
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> SMTPUTF8=YES"
  expect reply 501|555
  send "QUIT"
end

# VRFY takes the optional SMTPUTF8 parameter (§3.1, §3.7.4.2); the reply is any VRFY reply (250, 251, 252,
# 550, 551, 553, a policy 554, and 500/502/504 or a 4xx where VRFY is not implemented or not allowed,
# RFC 5321 §3.5.3),
# but not a refusal of the parameter (501, 555). Audit: 500, 502 and 4xx added; that VRFY must be
# implemented is smtp.rfc5321.4.5.1.vrfy-implemented's check.
case smtp.rfc6531.3.1.vrfy-parameter
  title "VRFY with the SMTPUTF8 parameter gets a VRFY reply"
  rfc 6531 3.1 MUST
  rfc 6531 3.7.4.2 MUST
  tags smtputf8 vrfy
  requires ext SMTPUTF8
  include smtp.ehlo
  send "VRFY ${rcpt} SMTPUTF8"
  expect reply 250|251|252|550|551|553|554|500|502|504|4xx
  send "QUIT"
end
