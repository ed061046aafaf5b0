# RFC 5321 §4.1.2 (command argument syntax: paths, local parts, quoting), §4.1.3 (address literals),
# §3.3 / §4.1.1.3 / Appendix C and F.2 (source routes), §6.1 and §4.5.5 (the null reverse-path).
# Audit: every sender-syntax case first has the plain ${sender} accepted and then RSET (need), so a sender
# policy refusal skips instead of failing.

# Notifications are sent with the null reverse-path (§6.1, a rule for their sender), and "<>" is a valid
# Reverse-path in the grammar of §4.1.2; receivers "should be careful" to handle such messages (§4.5.5).
# Audit: no sentence makes accepting them a server MUST (the §6.1 MUST binds the notification's sender), so
# the level is SHOULD. DATA is a precondition; the end of data is checked (this case absorbs the former
# smtp.rfc5321.4.5.1.postmaster-from-null-sender, which tripped on the same refusal).
case smtp.rfc5321.6.1.null-reverse-path
  title "MAIL FROM:<> (null reverse-path) and a message from it are accepted"
  rfc 5321 4.5.5 SHOULD
  rfc 5321 6.1 MUST
  tags paths mail null-sender
  include smtp.mail-ready
  send "MAIL FROM:<>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "DATA"
  need reply 354
  send "From: <mailer-daemon@example.org>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (null sender)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test notification" "."
  expect reply 250
  send "QUIT"
end

# A local part may be a quoted string, which can hold a space.
case smtp.rfc5321.4.1.2.quoted-local-part
  title "A sender whose local part is a quoted string with a space is accepted"
  rfc 5321 4.1.2 SHOULD
  tags paths quoting mail
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "MAIL FROM:<\"mailspec tester\"@example.org>"
  expect reply 250
  send "QUIT"
end

# Inside a quoted string a backslash quotes the next character (quoted-pair).
case smtp.rfc5321.4.1.2.quoted-pair-in-local-part
  title "A quoted local part with backslash-escaped characters is accepted"
  rfc 5321 4.1.2 SHOULD
  tags paths quoting mail
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "MAIL FROM:<\"mail\\\"spec\\\\test\"@example.org>"
  expect reply 250
  send "QUIT"
end

# Quoted forms of a local part are equivalent to the unquoted one (§4.1.2 MUST): "postmaster" is
# postmaster. Audit: postmaster@domain is first accepted unquoted (need), so a server that refuses
# postmaster altogether is reported once, by smtp.rfc5321.4.5.1.postmaster-at-domain.
case smtp.rfc5321.4.1.2.quoted-postmaster-equivalent
  title "RCPT TO:<\"postmaster\"@domain> is treated as postmaster@domain"
  rfc 5321 4.1.2 MUST
  rfc 5321 4.5.1 MUST
  tags paths quoting rcpt postmaster
  include smtp.mail-open
  send "RCPT TO:<postmaster@${domain}>"
  need reply 250|251
  send "RCPT TO:<\"postmaster\"@${domain}>"
  expect reply 250|251
  send "QUIT"
end

# Quoting a plain character with a backslash does not change the local part either (same precondition).
case smtp.rfc5321.4.1.2.quoted-pair-postmaster-equivalent
  title "RCPT TO:<\"post\\master\"@domain> is treated as postmaster@domain"
  rfc 5321 4.1.2 MUST
  tags paths quoting rcpt postmaster
  include smtp.mail-open
  send "RCPT TO:<postmaster@${domain}>"
  need reply 250|251
  send "RCPT TO:<\"post\\master\"@${domain}>"
  expect reply 250|251
  send "QUIT"
end

# The domain of a mailbox may be an IPv4 address literal.
case smtp.rfc5321.4.1.3.sender-ipv4-literal
  title "A sender with an IPv4 address literal as domain is accepted"
  rfc 5321 4.1.3 SHOULD
  tags paths address-literal mail
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "MAIL FROM:<mailspec@[192.0.2.1]>"
  expect reply 250
  send "QUIT"
end

# The domain of a mailbox may be an IPv6 address literal.
case smtp.rfc5321.4.1.3.sender-ipv6-literal
  title "A sender with an IPv6 address literal as domain is accepted"
  rfc 5321 4.1.3 SHOULD
  tags paths address-literal ipv6 mail
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "MAIL FROM:<mailspec@[IPv6:2001:db8::1]>"
  expect reply 250
  send "QUIT"
end

# Source routes must still be understood in a reverse-path (§4.1.2 "MUST BE accepted", F.2, C): the server
# may ignore the route or decline it as relaying (550/553), but not call it a syntax error.
case smtp.rfc5321.4.1.2.source-route-reverse-path
  title "A source-routed reverse-path is recognised (not a syntax error)"
  rfc 5321 4.1.2 MUST
  rfc 5321 F.2 MUST
  rfc 5321 C MUST
  tags paths source-route mail
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "MAIL FROM:<@relay.example.org:${sender}>"
  expect reply 250|550|553
  send "QUIT"
end

# A source route in a forward-path must be recognised (§4.1.1.3, §3.3 MUST); declining the implied
# relaying is allowed (§3.3 MAY, §4.1.1.3: 550).
case smtp.rfc5321.4.1.1.3.source-route-forward-path
  title "A source-routed forward-path is recognised (not a syntax error)"
  rfc 5321 4.1.1.3 MUST
  rfc 5321 3.3 MUST
  rfc 5321 C MUST
  tags paths source-route rcpt
  include smtp.mail-open
  send "RCPT TO:<@relay-one.example.org,@relay-two.example.org:${rcpt}>"
  expect reply 250|251|550|551|553
  send "QUIT"
end

# The recommended handling is to drop the route and deliver to the final mailbox (§3.6.1, §4.1.1.3
# SHOULD). Audit: the routed recipient must first be recognised (need, the check of
# source-route-forward-path), so a syntax error is reported once.
case smtp.rfc5321.3.6.1.source-route-ignored
  title "A source-routed recipient served here is accepted, the route ignored"
  rfc 5321 3.6.1 SHOULD
  rfc 5321 4.1.1.3 SHOULD
  tags paths source-route rcpt
  include smtp.mail-open
  send "RCPT TO:<@relay.example.org:${rcpt}>"
  need reply 2xx|4xx|550|551|553
  send "RSET"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<@relay.example.org:${rcpt}>"
  expect reply 250|251
  send "QUIT"
end

# Control characters are invalid in a mailbox; a command using them must be refused with 501 unless there
# is another reason to refuse it (§4.1.2 MUST; §2.4 suggests 500 "invalid character"; 553 names a
# malformed mailbox, 550 is a refusal for another reason).
case smtp.rfc5321.4.1.2.control-character-in-sender
  title "MAIL FROM with a control character in the address is refused"
  rfc 5321 4.1.2 MUST
  rfc 5321 2.4 SHOULD
  tags paths syntax mail
  include smtp.mail-ready
  send "MAIL FROM:<mail\x01spec@example.org>"
  expect reply 501|500|553|550
  send "QUIT"
end

# The same for a recipient address. The garbled mailbox may also be refused as unknown (550/551): that is
# a refusal "for another reason", which the rule allows.
case smtp.rfc5321.4.1.2.control-character-in-recipient
  title "RCPT TO with a control character in the address is refused"
  rfc 5321 4.1.2 MUST
  rfc 5321 2.4 SHOULD
  tags paths syntax rcpt
  include smtp.mail-open
  send "RCPT TO:<post\x7fmaster@${domain}>"
  expect reply 501|500|553|550|551
  send "QUIT"
end
