# RFC 5321 §4.1.1.2 (MAIL), §4.1.1 (command syntax, parameters), §4.1.1.11 (parameter errors),
# §4.1.4 (a refused MAIL leaves the state unchanged), §4.3.2 (MAIL replies).

# MAIL is one of the commands every server implements; a plain sender is accepted.
case smtp.rfc5321.4.5.1.mail-accepted
  title "MAIL FROM with an ordinary reverse-path is answered 250"
  rfc 5321 4.5.1 MUST
  tags mail
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "QUIT"
end

# Whatever the server decides about a sender it does not know, the reply is one of those listed for MAIL.
case smtp.rfc5321.4.3.2.mail-reply-codes
  title "MAIL for an unknown outside sender gets a code listed for MAIL"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 4.2 SHOULD
  tags mail reply-codes
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<nobody-${uniq}@nonexistent-${uniq}.invalid>"
  expect reply 250|552|451|452|550|553|455|555
  send "QUIT"
end

# A MAIL without its argument is a syntax error.
case smtp.rfc5321.4.1.4.mail-without-argument
  title "MAIL without FROM:<path> is refused as a syntax error"
  rfc 5321 4.1.4 MUST
  tags mail syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL"
  expect reply 501|500
  send "QUIT"
end

# An unterminated path is a syntax error and should be refused; when it is, the code is 501 (553 also
# names a malformed mailbox). Whether to be lenient is the server's call, so this is not a MUST.
case smtp.rfc5321.4.1.4.mail-unterminated-path
  title "MAIL FROM with a path missing its closing bracket is refused with 501"
  rfc 5321 4.3.2 SHOULD
  rfc 5321 4.1.4 MUST
  tags mail syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}"
  expect reply 501|553
  send "QUIT"
end

# "MAIL FROM:" is one token with its colon; a missing colon is a syntax error that should be refused.
case smtp.rfc5321.4.1.4.mail-missing-colon
  title "MAIL FROM without the colon is refused as a syntax error"
  rfc 5321 4.3.2 SHOULD
  rfc 5321 4.1.4 MUST
  tags mail syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM <${sender}>"
  expect reply 501|500|553
  send "QUIT"
end

# After refusing a transaction-beginning command with 501 the server stays where it was: no transaction
# was opened, so RCPT is out of sequence. (The refused MAIL here has no argument at all.)
case smtp.rfc5321.4.1.4.mail-refused-opens-nothing
  title "After a MAIL refused with 501 no transaction is open"
  rfc 5321 4.1.4 MUST
  rfc 5321 3.3 MUST
  tags mail state
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL"
  need reply 501|500
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end

# The grammar wants the path in angle brackets; a server may refuse a bare address (many accept it).
case smtp.rfc5321.4.1.2.mail-path-without-brackets
  title "MAIL FROM with an address outside angle brackets may be refused"
  rfc 5321 4.1.2 MAY
  tags mail syntax leniency
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:${sender}"
  expect reply 501|553
  send "QUIT"
end

# Parameters that belong to no extension the server offers should be refused as syntax errors (555 is
# the code for unrecognised parameters).
case smtp.rfc5321.4.1.1.mail-unknown-parameter
  title "MAIL with an unknown parameter is refused with 555 or 501"
  rfc 5321 4.1.1 SHOULD
  rfc 5321 4.1.1.11 SHOULD
  tags mail parameters
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}> XMAILSPEC-NOSUCHPARAM=1"
  expect reply 555|501
  send "QUIT"
end

# Trailing white space before CRLF should be tolerated.
case smtp.rfc5321.4.1.1.mail-trailing-space
  title "MAIL FROM followed by trailing spaces is accepted"
  rfc 5321 4.1.1 SHOULD
  tags mail syntax robustness
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>  "
  expect reply 250
  send "QUIT"
end
