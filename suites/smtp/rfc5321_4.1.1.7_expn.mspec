# RFC 5321 §4.1.1.7 (EXPN), §3.5 (expanding lists), §4.2.4 (advertised means implemented),
# §4.1.4 (EXPN before EHLO).

# Whatever the server does with EXPN, the reply is one listed for it (500/502 when it has no EXPN; §4.3.2,
# §4.3.1 SHOULD); 421 is open to any command.
case smtp.rfc5321.4.3.2.expn-reply-codes
  title "EXPN gets 250, 252, 550, 500, 502 or 504"
  rfc 5321 4.3.1 SHOULD
  tags expn reply-codes
  include smtp.ehlo
  send "EXPN postmaster"
  expect reply 250|252|550|500|502|504|421
  send "QUIT"
end

# A server that lists EXPN in its EHLO reply must not then answer it 500 or 502 (§4.2.4 MUST). Audit: any
# other answer is allowed here, 4xx and 551/553 included (the exact code is expn-reply-codes' check).
case smtp.rfc5321.4.2.4.expn-advertised-implemented
  title "An advertised EXPN is not answered 500 or 502"
  rfc 5321 4.2.4 MUST
  rfc 5321 3.5.2 MUST
  tags expn ehlo
  requires ext EXPN
  include smtp.ehlo
  send "EXPN postmaster"
  expect reply 2xx|4xx|501|503|504|550|551|553|554
  send "QUIT"
end

# A positive EXPN reply lists mailboxes as local-part@domain (§3.5.1 MUST; checked on a repeated EXPN, once
# the first showed the server expands this name).
case smtp.rfc5321.3.5.1.expn-reply-names-mailboxes
  title "A 250 reply to EXPN lists mailboxes local-part@domain"
  rfc 5321 3.5.1 MUST
  rfc 5321 3.5.2 MUST
  tags expn syntax
  requires ext EXPN
  include smtp.ehlo
  send "EXPN postmaster"
  need reply 250
  send "EXPN postmaster"
  expect reply 250 text /[^\s<>@]+@[A-Za-z0-9.-]+/
  send "QUIT"
end

# EXPN is a non-mail command and should not get 503 before EHLO (§4.1.4 SHOULD). Audit: 4xx and 501/551/553
# added: only 503 is this rule's finding.
case smtp.rfc5321.4.1.4.expn-before-ehlo
  title "EXPN before EHLO is not answered 503"
  rfc 5321 4.1.4 SHOULD
  tags expn sequencing
  include smtp.greeted
  send "EXPN postmaster"
  expect reply 250|252|550|551|553|500|501|502|504|4xx
  send "QUIT"
end

# EXPN needs a list name; without it the command is malformed (or EXPN is simply not implemented).
case smtp.rfc5321.4.1.1.7.expn-without-argument
  title "EXPN without an argument is refused"
  rfc 5321 4.3.1 SHOULD
  tags expn syntax
  include smtp.ehlo
  send "EXPN"
  expect reply 501|500|502|504|421
  send "QUIT"
end
