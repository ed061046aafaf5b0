# RFC 5321 §4.1.1.1 and Appendix F.3 (HELO), §3.2 (no extended reply to HELO).

# Servers keep accepting HELO for older clients and answer it properly.
case smtp.rfc5321.4.1.1.1.helo-accepted
  title "HELO with a domain is answered 250"
  rfc 5321 4.1.1.1 MUST
  rfc 5321 F.3 MUST
  rfc 5321 2.2.1 MUST
  tags helo
  connect
  need greeting
  send "HELO ${helo}"
  expect reply 250
  send "QUIT"
end

# HELO must not get the EHLO-style reply listing service extensions.
case smtp.rfc5321.3.2.helo-reply-not-extended
  title "The reply to HELO does not list service extensions"
  rfc 5321 3.2 MUST
  tags helo
  connect
  need greeting
  send "HELO ${helo}"
  expect reply 250 text /\A(?![\s\S]*^(PIPELINING|8BITMIME|ENHANCEDSTATUSCODES|STARTTLS|SMTPUTF8|CHUNKING|DSN|SIZE|AUTH)\b)/i
  send "QUIT"
end

# A HELO without the domain is a syntax error; the HELO table allows 504 and 550, and 500/501 exist
# for any malformed command.
case smtp.rfc5321.4.1.1.1.helo-without-domain
  title "HELO without an argument is refused (501, 500, 504 or 550)"
  rfc 5321 4.1.1.1 MUST
  tags helo syntax
  connect
  need greeting
  send "HELO"
  expect reply 501|500|504|550
  send "QUIT"
end

# A session opened with HELO can carry a complete mail transaction.
case smtp.rfc5321.F.3.helo-mail-transaction
  title "A mail transaction works after HELO"
  rfc 5321 F.3 MUST
  tags helo transaction
  connect
  need greeting
  send "HELO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# A 250 to HELO confirms that both sides are in the initial state: a transaction that was open is gone.
case smtp.rfc5321.4.1.1.1.helo-resets-transaction
  title "A HELO during a transaction aborts it"
  rfc 5321 4.1.1.1 SHOULD
  tags helo state transaction
  connect
  need greeting
  send "HELO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "HELO ${helo}"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end
