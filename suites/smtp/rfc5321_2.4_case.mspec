# RFC 5321 §2.4 (verbs and argument values are not case-sensitive; only the local part is) and §4.1.1.1
# (EHLO keywords are recognised whatever their case). The client may write them in any case with no change
# of meaning, so the server must understand every spelling.

# ehlo in lower case.
case smtp.rfc5321.2.4.ehlo-lower-case
  title "\"ehlo\" in lower case is accepted"
  rfc 5321 2.4 MUST
  rfc 5321 4.1.1.1 MUST
  tags case ehlo
  connect
  need greeting
  send "ehlo ${helo}"
  expect reply 250
  send "QUIT"
end

# HeLo in mixed case.
case smtp.rfc5321.2.4.helo-mixed-case
  title "\"HeLo\" in mixed case is accepted"
  rfc 5321 2.4 MUST
  tags case helo
  connect
  need greeting
  send "HeLo ${helo}"
  expect reply 250
  send "QUIT"
end

# "mail from:" and "rcpt to:" in lower case, keywords of the argument included.
case smtp.rfc5321.2.4.mail-rcpt-lower-case
  title "\"mail from:\" and \"rcpt to:\" in lower case are accepted"
  rfc 5321 2.4 MUST
  tags case mail rcpt
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "mail from:<${sender}>"
  expect reply 250
  send "rcpt to:<${rcpt}>"
  expect reply 250|251
  send "QUIT"
end

# "Data" in mixed case starts the data.
case smtp.rfc5321.2.4.data-mixed-case
  title "\"Data\" in mixed case is answered 354"
  rfc 5321 2.4 MUST
  tags case data
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "Data"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# "rset" and "noop" in lower case.
case smtp.rfc5321.2.4.rset-noop-lower-case
  title "\"rset\" and \"noop\" in lower case are answered 250"
  rfc 5321 2.4 MUST
  tags case rset noop
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "rset"
  expect reply 250
  send "noop"
  expect reply 250
  send "QUIT"
end

# "vrfy" in lower case is VRFY (never "not recognised").
case smtp.rfc5321.2.4.vrfy-lower-case
  title "\"vrfy\" in lower case is processed as VRFY"
  rfc 5321 2.4 MUST
  tags case vrfy
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "vrfy ${rcpt}"
  expect reply 250|251|252|550|551|553|504
  send "QUIT"
end

# "quit" in lower case ends the session.
case smtp.rfc5321.2.4.quit-lower-case
  title "\"quit\" in lower case is answered 221"
  rfc 5321 2.4 MUST
  tags case quit
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "quit"
  expect reply 221
end
