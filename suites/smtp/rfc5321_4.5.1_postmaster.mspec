# RFC 5321 §4.5.1 (postmaster) and §2.3.5: every server that relays or delivers mail accepts mail for
# "postmaster" (case-insensitive), at each of its domains and, as the special case, without any domain.

# "RCPT TO:<Postmaster>" with no domain must be accepted.
case smtp.rfc5321.4.5.1.postmaster-without-domain
  title "RCPT TO:<Postmaster> without a domain is accepted"
  rfc 5321 4.5.1 MUST
  rfc 5321 2.3.5 MUST
  tags postmaster rcpt
  include smtp.mail-open
  send "RCPT TO:<Postmaster>"
  expect reply 250|251
  send "QUIT"
end

# The bare form is case-insensitive too. Audit: <Postmaster> is first accepted (need), so a server that
# refuses the bare form altogether is reported once, by postmaster-without-domain.
case smtp.rfc5321.4.5.1.postmaster-without-domain-upper-case
  title "RCPT TO:<POSTMASTER> without a domain is accepted"
  rfc 5321 4.5.1 MUST
  tags postmaster rcpt case
  include smtp.mail-open
  send "RCPT TO:<Postmaster>"
  need reply 250|251
  send "RCPT TO:<POSTMASTER>"
  expect reply 250|251
  send "QUIT"
end

# postmaster at the served domain.
case smtp.rfc5321.4.5.1.postmaster-at-domain
  title "RCPT TO:<postmaster@domain> is accepted"
  rfc 5321 4.5.1 MUST
  tags postmaster rcpt
  include smtp.mail-open
  send "RCPT TO:<postmaster@${domain}>"
  expect reply 250|251
  send "QUIT"
end

# postmaster is a case-insensitive local name, unlike other local parts. Audit: postmaster@domain is first
# accepted (need), as above.
case smtp.rfc5321.4.5.1.postmaster-mixed-case
  title "RCPT TO:<PostMaster@domain> is accepted"
  rfc 5321 4.5.1 MUST
  tags postmaster rcpt case
  include smtp.mail-open
  send "RCPT TO:<postmaster@${domain}>"
  need reply 250|251
  send "RCPT TO:<PostMaster@${domain}>"
  expect reply 250|251
  send "QUIT"
end

# A message to the bare postmaster is actually taken, not only its RCPT. Audit: DATA is a precondition,
# the end of data the check.
case smtp.rfc5321.4.5.1.postmaster-message-accepted
  title "A message to <Postmaster> is accepted at the end of data"
  rfc 5321 4.5.1 MUST
  tags postmaster data
  include smtp.mail-open
  send "RCPT TO:<Postmaster>"
  need reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <Postmaster>" "Subject: mailspec ${uniq} (postmaster)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message for the postmaster" "."
  expect reply 250
  send "QUIT"
end

# (smtp.rfc5321.4.5.1.postmaster-from-null-sender was removed: its refusal is the finding of
# smtp.rfc5321.6.1.null-reverse-path, and postmaster@domain is postmaster-at-domain's.)
