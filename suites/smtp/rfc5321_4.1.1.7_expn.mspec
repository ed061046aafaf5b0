# RFC 5321 §4.1.1.7 (EXPN), §3.5 (expanding lists), §4.2.4 (advertised means implemented),
# §4.1.4 (EXPN before EHLO).

# Whatever the server does with EXPN, the reply is one listed for it (500/502 when it has no EXPN).
case smtp.rfc5321.4.3.2.expn-reply-codes
  title "EXPN gets 250, 252, 550, 500, 502 or 504"
  rfc 5321 4.3.1 SHOULD
  tags expn reply-codes
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "EXPN postmaster"
  expect reply 250|252|550|500|502|504
  send "QUIT"
end

# A server that lists EXPN in its EHLO reply must not then answer it 500 or 502; supporting EXPN is what
# obliges it to list the keyword.
case smtp.rfc5321.4.2.4.expn-advertised-implemented
  title "An advertised EXPN is not answered 500 or 502"
  rfc 5321 4.2.4 MUST
  rfc 5321 3.5.2 MUST
  tags expn ehlo
  requires ext EXPN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "EXPN postmaster"
  expect reply 250|252|550|504|501
  send "QUIT"
end

# A positive EXPN reply lists mailboxes as local-part@domain (checked on a repeated EXPN, once the first
# showed the server expands this name).
case smtp.rfc5321.3.5.1.expn-reply-names-mailboxes
  title "A 250 reply to EXPN lists mailboxes local-part@domain"
  rfc 5321 3.5.1 MUST
  rfc 5321 3.5.2 MUST
  tags expn syntax
  requires ext EXPN
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "EXPN postmaster"
  need reply 250
  send "EXPN postmaster"
  expect reply 250 text /[^\s<>@]+@[A-Za-z0-9.-]+/
  send "QUIT"
end

# EXPN is a non-mail command and should not get 503 before EHLO.
case smtp.rfc5321.4.1.4.expn-before-ehlo
  title "EXPN before EHLO is not answered 503"
  rfc 5321 4.1.4 SHOULD
  tags expn sequencing
  connect
  need greeting
  send "EXPN postmaster"
  expect reply 250|252|550|500|502|504
  send "QUIT"
end

# EXPN needs a list name; without it the command is malformed (or EXPN is simply not implemented).
case smtp.rfc5321.4.1.1.7.expn-without-argument
  title "EXPN without an argument is refused"
  rfc 5321 4.3.1 SHOULD
  tags expn syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "EXPN"
  expect reply 501|500|502|504
  send "QUIT"
end
