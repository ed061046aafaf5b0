# RFC 5321 §4.1.1.6 (VRFY), §3.5 (verifying names), §4.5.1 (VRFY is required), §7.3 (disabled VRFY
# answers 252), §4.1.4 (VRFY before EHLO).
# Audit, §3.5.3: a server that cannot really verify SHOULD answer 502 or 500 rather than a false 250, but
# such a server "is not in full compliance" with §4.5.1; so 500/502 fail vrfy-implemented (and only it),
# while every other VRFY case accepts them. 4xx (a verification that failed for now) and 421 are answers
# any command may get, 530 is RFC 4954 §6's "authentication required". The VRFY cases authenticate on
# submission:// and smtps:// (smtp.mail-ready): a submission server may refuse every command before AUTH.

# VRFY belongs to the minimum implementation; a site that switched it off answers 252 (§7.3 MUST), never
# "not implemented". The other codes are those listed for VRFY.
case smtp.rfc5321.4.5.1.vrfy-implemented
  title "VRFY is implemented: answered 250, 251, 252, 55x, 504 or 4xx, not 500/502"
  rfc 5321 4.5.1 MUST
  rfc 5321 7.3 MUST
  tags vrfy
  include smtp.mail-ready
  send "VRFY ${rcpt}"
  expect reply 250|251|252|550|551|553|504|530|4xx within 15s
  send "QUIT"
end

# Only an address that was actually verified may get 250 (§3.5.3 MUST); one in a .invalid domain cannot
# have been. Audit: 500 (§3.5.3's other "does not verify" code) and 4xx added.
case smtp.rfc5321.3.5.3.vrfy-no-false-verification
  title "VRFY of an unverifiable address is not answered 250 or 251"
  rfc 5321 3.5.3 MUST
  tags vrfy
  include smtp.mail-ready
  send "VRFY nobody-${uniq}@nonexistent-${uniq}.invalid"
  expect reply 252|550|551|553|504|501|502|500|530|4xx
  send "QUIT"
end

# A positive (250/251) VRFY reply names the mailbox, as "local-part@domain" possibly after a user name
# (§3.5.1 MUST). (The first VRFY only finds out whether this server verifies at all; the second is
# checked.)
case smtp.rfc5321.3.5.1.vrfy-reply-names-mailbox
  title "A 250/251 reply to VRFY contains the mailbox local-part@domain"
  rfc 5321 3.5.1 MUST
  tags vrfy syntax
  include smtp.mail-ready
  send "VRFY ${rcpt}"
  need reply 250|251
  send "VRFY ${rcpt}"
  expect reply 250|251 text /[^\s<>@]+@[A-Za-z0-9.-]+/
  send "QUIT"
end

# In a positive reply the mailbox should be in angle brackets, with a fully-qualified domain (§3.5.2
# SHOULD). Audit: the first VRFY now needs a reply that names a mailbox at all, so a reply without one is
# reported once, by vrfy-reply-names-mailbox.
case smtp.rfc5321.3.5.2.vrfy-mailbox-in-brackets
  title "A 250/251 reply to VRFY gives the mailbox as <local-part@fqdn>"
  rfc 5321 3.5.2 SHOULD
  tags vrfy syntax
  include smtp.mail-ready
  send "VRFY ${rcpt}"
  need reply 250|251 text /[^\s<>@]+@[A-Za-z0-9.-]+/
  send "VRFY ${rcpt}"
  expect reply 250|251 text /<[^\s<>@]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+>/
  send "QUIT"
end

# VRFY needs a string to verify; without one the command is malformed. Audit: 502 added (a server without
# VRFY is vrfy-implemented's finding).
case smtp.rfc5321.4.1.1.6.vrfy-without-argument
  title "VRFY without an argument is refused as a syntax error"
  rfc 5321 4.3.1 SHOULD
  tags vrfy syntax
  include smtp.mail-ready
  send "VRFY"
  expect reply 501|500|502|504|421
  send "QUIT"
end

# VRFY is a non-mail command and should work before EHLO without a 503 (§4.1.4 SHOULD). Audit: only 503 is
# this rule's finding; every other answer is accepted (a submission server may refuse it before AUTH).
case smtp.rfc5321.4.1.4.vrfy-before-ehlo
  title "VRFY before EHLO is processed normally (not 503)"
  rfc 5321 4.1.4 SHOULD
  tags vrfy sequencing
  include smtp.greeted
  send "VRFY ${rcpt}"
  expect reply 2xx|4xx|500|501|502|504|530|550|551|552|553|554
  send "QUIT"
end

# VRFY leaves the sender, recipient and data buffers alone: the transaction continues afterwards
# (§4.1.1.6, descriptive: SHOULD).
case smtp.rfc5321.4.1.1.6.vrfy-keeps-transaction
  title "VRFY in the middle of a transaction does not disturb it"
  rfc 5321 4.1.1.6 SHOULD
  tags vrfy transaction state
  include smtp.rcpt-ready
  send "VRFY ${rcpt}"
  read
  send "DATA"
  expect reply 354
  include smtp.message
  read
  send "QUIT"
end
