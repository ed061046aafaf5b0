# RFC 2034 (SMTP Service Extension for Returning Enhanced Error Codes) §4, with the code syntax of RFC 3463
# §2: a server offering ENHANCEDSTATUSCODES prefixes the text of every 2xx, 4xx and 5xx reply (except the
# greeting and the replies to HELO/EHLO) with class.subject.detail, the class equal to the reply's first
# digit, the same code on every line, whether or not the client used EHLO.

# Every 2xx, 4xx and 5xx reply (greeting and HELO/EHLO replies aside) starts its text with an enhanced
# status code whose class matches the reply code.
case smtp.rfc2034.4.mail-250
  title "The 250 reply to MAIL carries a 2.x.x enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes mail
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250 enhanced
  send "QUIT"
end

# The same for RCPT.
case smtp.rfc2034.4.rcpt-250
  title "The 250 reply to RCPT carries a 2.x.x enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes rcpt
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251 enhanced
  send "QUIT"
end

# The same for the reply that accepts the message (354, a 3xx reply, needs none).
case smtp.rfc2034.4.end-of-data-250
  title "The 250 reply at the end of data carries a 2.x.x enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes data
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250 enhanced
  send "QUIT"
end

# The same for RSET and NOOP.
case smtp.rfc2034.4.rset-noop-250
  title "The 250 replies to RSET and NOOP carry 2.x.x enhanced codes"
  rfc 2034 4 MUST
  tags enhancedstatuscodes rset noop
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RSET"
  expect reply 250 enhanced
  send "NOOP"
  expect reply 250 enhanced
  send "QUIT"
end

# The same for the closing 221.
case smtp.rfc2034.4.quit-221
  title "The 221 reply to QUIT carries a 2.x.x enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes quit
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "QUIT"
  expect reply 221 enhanced
end

# The same for VRFY, whatever its outcome.
case smtp.rfc2034.4.vrfy
  title "The reply to VRFY carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes vrfy
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "VRFY ${rcpt}"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# Error replies carry enhanced codes too: a bad sequence gets 5.x.x.
case smtp.rfc2034.4.bad-sequence-503
  title "The 503 reply to RCPT without MAIL carries a 5.x.x enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes sequencing
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 503 enhanced
  send "QUIT"
end

# The same for a MAIL inside an open transaction.
case smtp.rfc2034.4.nested-mail-503
  title "The refusal of a nested MAIL carries a 5.x.x enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes sequencing mail
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 5xx enhanced
  send "QUIT"
end

# The same for DATA before any recipient.
case smtp.rfc2034.4.data-without-rcpt
  title "The refusal of DATA without recipients carries a 5.x.x enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes sequencing data
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "DATA"
  expect reply 503|554 enhanced
  send "QUIT"
end

# The same for a syntax error in the arguments.
case smtp.rfc2034.4.syntax-error-501
  title "The 501 reply to MAIL without argument carries a 5.x.x enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes syntax mail
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL"
  expect reply 501|500 enhanced
  send "QUIT"
end

# The same for a command the server does not know.
case smtp.rfc2034.4.unknown-command
  title "The reply to an unrecognised command carries a 5.x.x enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes unknown
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "FOOBAR"
  expect reply 500|502 enhanced
  send "QUIT"
end

# The codes are attached whether or not the client used EHLO.
case smtp.rfc2034.4.after-helo
  title "Enhanced codes are used even when the client said HELO"
  rfc 2034 4 MUST
  tags enhancedstatuscodes helo mail
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "HELO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250 enhanced
  send "QUIT"
end

# The same before the client has introduced itself at all.
case smtp.rfc2034.4.before-ehlo
  title "Enhanced codes are used before any EHLO"
  rfc 2034 4 MUST
  tags enhancedstatuscodes noop
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "NOOP"
  expect reply 250 enhanced
  send "QUIT"
end

# The numbers of a status code are written without leading zeros ("2.1.0", never "2.01.0").
case smtp.rfc3463.2.no-leading-zeros
  title "Enhanced status codes have no leading zeros"
  rfc 3463 2 MUST
  rfc 2034 4 MUST
  tags enhancedstatuscodes syntax
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250 enhanced text /\A[245]\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})( |\z)/
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251 enhanced text /\A[245]\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})( |\z)/
  send "QUIT"
end

# In a multi-line reply every line begins with the same enhanced code (checked on HELP when the server
# answers it; the EHLO reply is exempt).
case smtp.rfc2034.4.multiline-same-enhanced-code
  title "Every line of a multi-line reply starts with the same enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes syntax help
  requires ext ENHANCEDSTATUSCODES
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "HELP"
  expect reply 2xx|4xx|5xx enhanced text /\A(\d\.\d{1,3}\.\d{1,3})(?: [^\n]*)?(?:\n\1(?: [^\n]*)?)*\z/
  send "QUIT"
end
