# RFC 5321 §4.1.1: for interoperability, receivers should tolerate white space after a command and before
# its CRLF.

# "RSET " with a trailing space is still RSET.
case smtp.rfc5321.4.1.1.rset-trailing-space
  title "RSET followed by a trailing space is answered 250"
  rfc 5321 4.1.1 SHOULD
  tags whitespace rset
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RSET "
  expect reply 250
  send "QUIT"
end

# "RCPT TO:<...>" followed by a tab.
case smtp.rfc5321.4.1.1.rcpt-trailing-tab
  title "RCPT TO followed by a trailing tab is accepted"
  rfc 5321 4.1.1 SHOULD
  tags whitespace rcpt
  connect
  need greeting
  send "EHLO ${helo}"
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
  connect
  need greeting
  send "EHLO ${helo}   "
  expect reply 250
  send "QUIT"
end

# "DATA " with a trailing space starts the data.
case smtp.rfc5321.4.1.1.data-trailing-space
  title "DATA followed by a trailing space is answered 354"
  rfc 5321 4.1.1 SHOULD
  tags whitespace data
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA "
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  need reply 250
  send "QUIT"
end

# "QUIT " with a trailing space ends the session.
case smtp.rfc5321.4.1.1.quit-trailing-space
  title "QUIT followed by a trailing space is answered 221"
  rfc 5321 4.1.1 SHOULD
  tags whitespace quit
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "QUIT "
  expect reply 221
end
