# RFC 5321 §4.1.1: for interoperability, receivers should tolerate white space after a command and before
# its CRLF (SHOULD). Audit: where the command without the white space could be refused for policy, it is
# first accepted as a precondition.

# "RSET " with a trailing space is still RSET.
case smtp.rfc5321.4.1.1.rset-trailing-space
  title "RSET followed by a trailing space is answered 250"
  rfc 5321 4.1.1 SHOULD
  tags whitespace rset
  include smtp.ehlo
  send "RSET "
  expect reply 250
  send "QUIT"
end

# "RCPT TO:<...>" followed by a tab (the same RCPT without it is accepted first).
case smtp.rfc5321.4.1.1.rcpt-trailing-tab
  title "RCPT TO followed by a trailing tab is accepted"
  rfc 5321 4.1.1 SHOULD
  tags whitespace rcpt
  include smtp.rcpt-ready
  send "RSET"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>\t"
  expect reply 250|251
  send "QUIT"
end

# "EHLO name " with trailing spaces.
case smtp.rfc5321.4.1.1.ehlo-trailing-space
  title "EHLO followed by trailing spaces is accepted"
  rfc 5321 4.1.1 SHOULD
  tags whitespace ehlo
  include smtp.greeted
  send "EHLO ${helo}   "
  expect reply 250
  send "QUIT"
end

# "DATA " with a trailing space starts the data.
case smtp.rfc5321.4.1.1.data-trailing-space
  title "DATA followed by a trailing space is answered 354"
  rfc 5321 4.1.1 SHOULD
  tags whitespace data
  include smtp.rcpt-ready
  send "DATA "
  expect reply 354
  include smtp.message
  read
  send "QUIT"
end

# "QUIT " with a trailing space ends the session.
case smtp.rfc5321.4.1.1.quit-trailing-space
  title "QUIT followed by a trailing space is answered 221"
  rfc 5321 4.1.1 SHOULD
  tags whitespace quit
  include smtp.ehlo
  send "QUIT "
  expect reply 221
end
