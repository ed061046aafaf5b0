# RFC 5321 §4.1.1.1 (EHLO), §2.2.1 (extension mechanism), §4.1.4 (EHLO later in a session, failed EHLO),
# §4.1.3 (address literals).

# Every current server must implement EHLO, even one that offers no extension.
case smtp.rfc5321.2.2.1.ehlo-accepted
  title "EHLO with a domain is answered 250"
  rfc 5321 2.2.1 MUST
  tags ehlo
  connect
  need greeting
  send "EHLO ${helo}"
  expect reply 250
  send "QUIT"
end

# The positive EHLO reply names the server on its first line (a domain or address literal), before any
# greeting text and before the extension lines.
case smtp.rfc5321.4.1.1.1.ehlo-reply-names-server
  title "The first line of the EHLO reply starts with the server's domain"
  rfc 5321 4.1.1.1 SHOULD
  tags ehlo syntax
  connect
  need greeting
  send "EHLO ${helo}"
  expect reply 250 text /\A(\[[^\]\s]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?)( |\n|\z)/
  send "QUIT"
end

# A client without a usable name identifies itself with an IPv4 address literal; the server should take it.
case smtp.rfc5321.4.1.1.1.ehlo-ipv4-literal
  title "EHLO with an IPv4 address literal is accepted"
  rfc 5321 4.1.1.1 SHOULD
  rfc 5321 4.1.3 MUST
  tags ehlo address-literal
  connect
  need greeting
  send "EHLO [127.0.0.1]"
  expect reply 250
  send "QUIT"
end

# The same with an IPv6 address literal ("IPv6:" tag).
case smtp.rfc5321.4.1.1.1.ehlo-ipv6-literal
  title "EHLO with an IPv6 address literal is accepted"
  rfc 5321 4.1.1.1 SHOULD
  rfc 5321 4.1.3 MUST
  tags ehlo address-literal ipv6
  connect
  need greeting
  send "EHLO [IPv6:::1]"
  expect reply 250
  send "QUIT"
end

# Old clients followed the address literal with free text; servers are wisely prepared for it.
case smtp.rfc5321.4.1.1.1.ehlo-literal-with-trailing-text
  title "EHLO with an address literal followed by text is tolerated"
  rfc 5321 4.1.1.1 MAY
  tags ehlo robustness
  connect
  need greeting
  send "EHLO [127.0.0.1] mailspec test client"
  expect reply 250
  send "QUIT"
end

# An EHLO the server cannot accept (here: no domain at all) gets one of 501, 500, 502 or 550 (504 is in
# the table of §4.3.2 for obscure cases).
case smtp.rfc5321.4.1.4.ehlo-without-domain
  title "EHLO without an argument is refused with 501 (or 500, 502, 504, 550)"
  rfc 5321 4.1.4 MUST
  tags ehlo syntax
  connect
  need greeting
  send "EHLO"
  expect reply 501|500|502|504|550
  send "QUIT"
end

# After refusing an EHLO the server is in the state it was in before: an open transaction stays open.
case smtp.rfc5321.4.1.4.ehlo-refused-keeps-state
  title "A refused EHLO leaves an open mail transaction untouched"
  rfc 5321 4.1.4 MUST
  tags ehlo state transaction
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "EHLO"
  need reply 5xx
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "QUIT"
end

# A second EHLO in the session is accepted and resets the state exactly like RSET: the open transaction
# is gone, so RCPT is out of sequence.
case smtp.rfc5321.4.1.4.ehlo-resets-transaction
  title "A second EHLO is accepted and aborts the open mail transaction"
  rfc 5321 4.1.4 MUST
  rfc 5321 3.3 MUST
  tags ehlo state transaction
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "EHLO ${helo}"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end

# The server may check the EHLO name against the client's address, but must not refuse mail because the
# two do not match (the name given here matches nothing).
case smtp.rfc5321.4.1.4.ehlo-name-mismatch-not-refused
  title "Mail is accepted even though the EHLO name does not match the client's address"
  rfc 5321 4.1.4 MUST
  tags ehlo transaction
  connect
  need greeting
  send "EHLO client-${uniq}.example.net"
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

# A multi-line EHLO reply is one reply: nothing else follows it.
case smtp.rfc5321.4.2.ehlo-one-reply
  title "EHLO gets exactly one (possibly multi-line) reply"
  rfc 5321 4.2 MUST
  tags ehlo reply
  connect
  need greeting
  send "EHLO ${helo}"
  expect reply 250
  expect silence 500ms
  send "QUIT"
end

# Extension keywords that do not start with "X" must name registered extensions (the IANA SMTP Service
# Extensions registry, as far as this list knows it; "AUTH=..." is the pre-standard spelling of AUTH).
case smtp.rfc5321.2.2.2.ehlo-keywords-registered
  title "Every EHLO keyword is registered or starts with X"
  rfc 5321 2.2.2 MUST
  rfc 5321 4.1.5 MUST
  tags ehlo extensions
  connect
  need greeting
  send "EHLO ${helo}"
  expect reply 250 text /\A[^\n]*(\n(X[A-Z0-9-]*|SEND|SOML|SAML|EXPN|HELP|TURN|VRFY|8BITMIME|SIZE|VERB|ONEX|CHUNKING|BINARYMIME|CHECKPOINT|DELIVERBY|PIPELINING|DSN|ETRN|ENHANCEDSTATUSCODES|STARTTLS|NO-SOLICITING|MTRK|ATRN|AUTH|AUTH=[^\n]*|BURL|FUTURERELEASE|CONPERM|CONNEG|SMTPUTF8|MT-PRIORITY|RRVS|REQUIRETLS|LIMITS)( [^\n]*)?)*\z/i
  send "QUIT"
end

# A server that implements HELP (answers it with any 2xx) lists HELP in its EHLO reply: every implemented
# command outside the required minimum appears there.
case smtp.rfc5321.4.1.1.1.implemented-help-is-listed
  title "A server that answers HELP lists HELP among its EHLO keywords"
  rfc 5321 4.1.1.1 MUST
  tags ehlo help extensions
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "HELP"
  need reply 2xx
  send "EHLO ${helo}"
  expect reply 250 text /^HELP\b/i
  send "QUIT"
end

# The same for EXPN, which must be listed whenever it is supported.
case smtp.rfc5321.3.5.2.implemented-expn-is-listed
  title "A server that expands lists with EXPN lists EXPN among its EHLO keywords"
  rfc 5321 3.5.2 MUST
  rfc 5321 4.1.1.1 MUST
  tags ehlo expn extensions
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "EXPN postmaster"
  need reply 250|252
  send "EHLO ${helo}"
  expect reply 250 text /^EXPN\b/i
  send "QUIT"
end
