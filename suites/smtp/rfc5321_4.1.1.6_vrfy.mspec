# RFC 5321 §4.1.1.6 (VRFY), §3.5 (verifying names), §4.5.1 (VRFY is required), §7.3 (disabled VRFY
# answers 252), §4.1.4 (VRFY before EHLO).

# VRFY belongs to the minimum implementation; a site that switched it off answers 252, never "not
# implemented". The other codes are those listed for VRFY.
case smtp.rfc5321.4.5.1.vrfy-implemented
  title "VRFY is implemented: answered 250, 251, 252, 550, 551, 553 or 504, not 500/502"
  rfc 5321 4.5.1 MUST
  rfc 5321 7.3 MUST
  tags vrfy
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "VRFY ${rcpt}"
  expect reply 250|251|252|550|551|553|504
  send "QUIT"
end

# Only an address that was actually verified may get 250; one in a .invalid domain cannot have been.
case smtp.rfc5321.3.5.3.vrfy-no-false-verification
  title "VRFY of an unverifiable address is not answered 250 or 251"
  rfc 5321 3.5.3 MUST
  tags vrfy
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "VRFY nobody-${uniq}@nonexistent-${uniq}.invalid"
  expect reply 252|550|551|553|504|501|502
  send "QUIT"
end

# A positive VRFY reply names the mailbox, as "local-part@domain" possibly after a user name. (The first
# VRFY only finds out whether this server verifies at all; the second is checked.)
case smtp.rfc5321.3.5.1.vrfy-reply-names-mailbox
  title "A 250/251 reply to VRFY contains the mailbox local-part@domain"
  rfc 5321 3.5.1 MUST
  tags vrfy syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "VRFY ${rcpt}"
  need reply 250|251
  send "VRFY ${rcpt}"
  expect reply 250|251 text /[^\s<>@]+@[A-Za-z0-9.-]+/
  send "QUIT"
end

# In a positive reply the mailbox should be in angle brackets, with a fully-qualified domain.
case smtp.rfc5321.3.5.2.vrfy-mailbox-in-brackets
  title "A 250/251 reply to VRFY gives the mailbox as <local-part@fqdn>"
  rfc 5321 3.5.2 SHOULD
  tags vrfy syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "VRFY ${rcpt}"
  need reply 250|251
  send "VRFY ${rcpt}"
  expect reply 250|251 text /<[^\s<>@]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+>/
  send "QUIT"
end

# VRFY needs a string to verify; without one the command is malformed.
case smtp.rfc5321.4.1.1.6.vrfy-without-argument
  title "VRFY without an argument is refused as a syntax error"
  rfc 5321 4.3.1 SHOULD
  tags vrfy syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "VRFY"
  expect reply 501|500|504
  send "QUIT"
end

# VRFY is a non-mail command and should work before EHLO without a 503.
case smtp.rfc5321.4.1.4.vrfy-before-ehlo
  title "VRFY before EHLO is processed normally (not 503)"
  rfc 5321 4.1.4 SHOULD
  tags vrfy sequencing
  connect
  need greeting
  send "VRFY ${rcpt}"
  expect reply 250|251|252|550|551|553|502|504
  send "QUIT"
end

# VRFY leaves the sender, recipient and data buffers alone: the transaction continues afterwards.
case smtp.rfc5321.4.1.1.6.vrfy-keeps-transaction
  title "VRFY in the middle of a transaction does not disturb it"
  rfc 5321 4.1.1.6 SHOULD
  tags vrfy transaction state
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "VRFY ${rcpt}"
  read
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  need reply 250
  send "QUIT"
end
