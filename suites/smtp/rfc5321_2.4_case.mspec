# RFC 5321 §2.4 (verbs and argument values are not case-sensitive; only the local part is) and §4.1.1.1
# (EHLO keywords are recognised whatever their case). The client may write them in any case with no change
# of meaning (§2.4 calls servers that insist on upper case "in violation of this specification"), so the
# server must understand every spelling. Set-up steps come from fixtures.mspec.

# ehlo in lower case.
case smtp.rfc5321.2.4.ehlo-lower-case
  title "\"ehlo\" in lower case is accepted"
  rfc 5321 2.4 MUST
  rfc 5321 4.1.1.1 MUST
  tags case ehlo
  include smtp.greeted
  send "ehlo ${helo}"
  expect reply 250
  send "QUIT"
end

# HeLo in mixed case.
case smtp.rfc5321.2.4.helo-mixed-case
  title "\"HeLo\" in mixed case is accepted"
  rfc 5321 2.4 MUST
  tags case helo
  include smtp.greeted
  send "HeLo ${helo}"
  expect reply 250
  send "QUIT"
end

# "mail from:" and "rcpt to:" in lower case. Audit: the same sender and recipient are first accepted in
# upper case (need), so a policy refusal skips the case instead of failing it; then RSET and the
# lower-case commands are the check.
case smtp.rfc5321.2.4.mail-rcpt-lower-case
  title "\"mail from:\" and \"rcpt to:\" in lower case are accepted"
  rfc 5321 2.4 MUST
  tags case mail rcpt
  include smtp.rcpt-ready
  send "RSET"
  need reply 250
  send "mail from:<${sender}>"
  expect reply 250
  send "rcpt to:<${rcpt}>"
  expect reply 250|251
  send "QUIT"
end

# "Data" in mixed case starts the data. Audit: the end-of-data reply is read but not checked (whether the
# message is taken is smtp.rfc5321.4.1.1.4.data-accepted's check, not a matter of case).
case smtp.rfc5321.2.4.data-mixed-case
  title "\"Data\" in mixed case is answered 354"
  rfc 5321 2.4 MUST
  tags case data
  include smtp.rcpt-ready
  send "Data"
  expect reply 354
  include smtp.message
  read
  send "QUIT"
end

# "rset" and "noop" in lower case.
case smtp.rfc5321.2.4.rset-noop-lower-case
  title "\"rset\" and \"noop\" in lower case are answered 250"
  rfc 5321 2.4 MUST
  tags case rset noop
  include smtp.ehlo
  send "rset"
  expect reply 250
  send "noop"
  expect reply 250
  send "QUIT"
end

# "vrfy" in lower case means VRFY. Audit: a server may answer VRFY in many ways (250/251/252, 55x, and
# 500/502 where it does not verify, §3.5.3), so the check is that "vrfy" gets the same code as "VRFY" on
# the same connection; whether VRFY itself is implemented is smtp.rfc5321.4.5.1.vrfy-implemented's check.
case smtp.rfc5321.2.4.vrfy-lower-case
  title "\"vrfy\" in lower case gets the same reply code as \"VRFY\""
  rfc 5321 2.4 MUST
  tags case vrfy
  include smtp.mail-ready
  send "VRFY ${rcpt}"
  need reply 2xx|4xx|5xx
  set upper_code "${last.code}"
  send "vrfy ${rcpt}"
  read
  expect equals "${last.code}" "${upper_code}"
  send "QUIT"
end

# "quit" in lower case ends the session.
case smtp.rfc5321.2.4.quit-lower-case
  title "\"quit\" in lower case is answered 221"
  rfc 5321 2.4 MUST
  tags case quit
  include smtp.ehlo
  send "quit"
  expect reply 221
end
