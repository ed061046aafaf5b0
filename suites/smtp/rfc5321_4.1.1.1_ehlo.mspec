# RFC 5321 §4.1.1.1 (EHLO), §2.2.1 (extension mechanism), §2.2.2 (registered keywords), §4.1.4 (EHLO later
# in a session, failed EHLO), §4.1.3 (address literals).

# Every current server must implement EHLO, even one that offers no extension (§2.2.1). Audit: a refusal
# for policy reasons is a legal answer (§7.9 wants 550 for it, the EHLO table of §4.3.2 lists 504 and
# 550; 421 is the shutdown code of any command): only 500/502 "not implemented" and silence fail.
case smtp.rfc5321.2.2.1.ehlo-accepted
  title "EHLO is implemented (250, or a policy refusal 550/504)"
  rfc 5321 2.2.1 MUST
  tags ehlo
  include smtp.greeted
  send "EHLO ${helo}"
  expect reply 250|550|504|421 within 15s
  send "QUIT"
end

# The positive EHLO reply names the server on its first line (a domain or address literal), before any
# greeting text and before the extension lines (ehlo-ok-rsp grammar). Audit: the first EHLO is a
# precondition (smtp.ehlo), the second reply is checked, so a refused EHLO is ehlo-accepted's finding.
case smtp.rfc5321.4.1.1.1.ehlo-reply-names-server
  title "The first line of the EHLO reply starts with the server's domain"
  rfc 5321 4.1.1.1 SHOULD
  tags ehlo syntax
  include smtp.ehlo
  send "EHLO ${helo}"
  expect reply 250 text /\A(\[[^\]\s]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?)( |\n|\z)/
  send "QUIT"
end

# A client without a usable name identifies itself with an address literal (the ehlo grammar takes
# Domain / address-literal); the server should take it. Audit: §4.1.3's only MUST (4.1.3-1: a
# Standardized-tag is registered with IANA) binds specification writers, so it is no longer cited as MUST.
case smtp.rfc5321.4.1.1.1.ehlo-ipv4-literal
  title "EHLO with an IPv4 address literal is accepted"
  rfc 5321 4.1.1.1 SHOULD
  rfc 5321 4.1.3 SHOULD
  tags ehlo address-literal
  include smtp.greeted
  send "EHLO [127.0.0.1]"
  expect reply 250
  send "QUIT"
end

# The same with an IPv6 address literal ("IPv6:" tag).
case smtp.rfc5321.4.1.1.1.ehlo-ipv6-literal
  title "EHLO with an IPv6 address literal is accepted"
  rfc 5321 4.1.1.1 SHOULD
  rfc 5321 4.1.3 SHOULD
  tags ehlo address-literal ipv6
  include smtp.greeted
  send "EHLO [IPv6:::1]"
  expect reply 250
  send "QUIT"
end

# Old clients followed the address literal with free text; "it is probably wise for servers to be
# prepared" (no requirement keyword): a choice, reported as info.
case smtp.rfc5321.4.1.1.1.ehlo-literal-with-trailing-text
  title "EHLO with an address literal followed by text is tolerated"
  rfc 5321 4.1.1.1 MAY
  tags ehlo robustness
  include smtp.greeted
  send "EHLO [127.0.0.1] mailspec test client"
  expect reply 250
  send "QUIT"
end

# An EHLO the server cannot accept (here: no domain at all) gets 501, 500, 502 or 550 (§4.1.4 MUST); 504
# is in the table of §4.3.2 for obscure cases, 421 is the shutdown code of any command.
case smtp.rfc5321.4.1.4.ehlo-without-domain
  title "EHLO without an argument is refused with 501 (or 500, 502, 504, 550)"
  rfc 5321 4.1.4 MUST
  tags ehlo syntax
  include smtp.greeted
  send "EHLO"
  expect reply 501|500|502|504|550|421
  send "QUIT"
end

# After refusing an EHLO the server is in the state it was in before (§4.1.4 MUST). Audit: the open
# transaction now has an accepted recipient (smtp.rcpt-ready), and the check is that DATA still gets 354,
# so a recipient refused for policy skips the case instead of failing it.
case smtp.rfc5321.4.1.4.ehlo-refused-keeps-state
  title "A refused EHLO leaves an open mail transaction untouched"
  rfc 5321 4.1.4 MUST
  tags ehlo state transaction
  include smtp.rcpt-ready
  send "EHLO"
  need reply 5xx
  send "DATA"
  expect reply 354
  include smtp.message
  read
  send "QUIT"
end

# A second EHLO in the session is accepted and resets the state exactly like RSET (§4.1.4 MUST): the open
# transaction is gone, so RCPT is out of sequence (503, §3.3). Audit: the second EHLO's 250 is a
# precondition (need), the 503 is the check.
case smtp.rfc5321.4.1.4.ehlo-resets-transaction
  title "A second EHLO aborts the open mail transaction"
  rfc 5321 4.1.4 MUST
  rfc 5321 3.3 MUST
  tags ehlo state transaction
  include smtp.mail-open
  send "EHLO ${helo}"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end

# The server may check the EHLO name against the client's address, but must not refuse mail because the
# two do not match (§4.1.4 MUST). Audit: the same sender and recipient are first accepted after the usual
# EHLO (need), so only a refusal that follows the odd name is a finding.
case smtp.rfc5321.4.1.4.ehlo-name-mismatch-not-refused
  title "Mail is accepted even though the EHLO name does not match the client's address"
  rfc 5321 4.1.4 MUST
  tags ehlo transaction
  include smtp.rcpt-ready
  send "EHLO client-${uniq}.example.net"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "DATA"
  expect reply 354
  include smtp.message
  expect reply 250
  send "QUIT"
end

# A multi-line EHLO reply is one reply: nothing else follows it (§4.2: every command, one reply).
case smtp.rfc5321.4.2.ehlo-one-reply
  title "EHLO gets exactly one (possibly multi-line) reply"
  rfc 5321 4.2 MUST
  tags ehlo reply
  include smtp.ehlo
  expect silence 500ms
  send "QUIT"
end

# Extension keywords that do not start with "X" must name extensions registered with IANA (§2.2.2, §4.1.5).
# Audit: the list is now the whole IANA "SMTP Service Extensions" registry: SEND SOML SAML EXPN HELP TURN
# 8BITMIME SIZE VERB ONEX CHUNKING BINARYMIME CHECKPOINT DELIVERBY PIPELINING DSN ETRN ENHANCEDSTATUSCODES
# STARTTLS NO-SOLICITING MTRK SUBMITTER ATRN AUTH BURL FUTURERELEASE UTF8SMTP CONPERM CONNEG SMTPUTF8
# MT-PRIORITY RRVS REQUIRETLS LIMITS (deprecated entries such as SUBMITTER and UTF8SMTP are still
# registered), plus VRFY: §3.5.2 of the same RFC lets a server list VRFY "as a convenience", an explicit
# exception to §2.2.2. The pre-standard "AUTH=..." form is not a registered keyword and is not accepted.
# The first EHLO is a precondition, the second reply is checked.
case smtp.rfc5321.2.2.2.ehlo-keywords-registered
  title "Every EHLO keyword is registered with IANA or starts with X"
  rfc 5321 2.2.2 MUST
  rfc 5321 4.1.5 MUST
  tags ehlo extensions
  include smtp.ehlo
  send "EHLO ${helo}"
  expect reply 250 text /\A[^\n]*(\n(X[A-Z0-9-]*|SEND|SOML|SAML|EXPN|VRFY|HELP|TURN|8BITMIME|SIZE|VERB|ONEX|CHUNKING|BINARYMIME|CHECKPOINT|DELIVERBY|PIPELINING|DSN|ETRN|ENHANCEDSTATUSCODES|STARTTLS|NO-SOLICITING|MTRK|SUBMITTER|ATRN|AUTH|BURL|FUTURERELEASE|UTF8SMTP|CONPERM|CONNEG|SMTPUTF8|MT-PRIORITY|RRVS|REQUIRETLS|LIMITS)( [^\n]*)?)*\z/i
  send "QUIT"
end

# A server that implements HELP (answers it with any 2xx) lists HELP in its EHLO reply: every implemented
# command outside the required minimum appears there (§4.1.1.1 MUST).
case smtp.rfc5321.4.1.1.1.implemented-help-is-listed
  title "A server that answers HELP lists HELP among its EHLO keywords"
  rfc 5321 4.1.1.1 MUST
  tags ehlo help extensions
  include smtp.ehlo
  send "HELP"
  need reply 2xx
  send "EHLO ${helo}"
  expect reply 250 text /^HELP\b/i
  send "QUIT"
end

# The same for EXPN, which must be listed whenever it is supported (§3.5.2 MUST). Audit: only a 250 (an
# actual expansion) shows that EXPN is supported; 252 is also what a site that disabled EXPN must answer
# (§7.3), so it no longer counts as "supported".
case smtp.rfc5321.3.5.2.implemented-expn-is-listed
  title "A server that expands lists with EXPN lists EXPN among its EHLO keywords"
  rfc 5321 3.5.2 MUST
  rfc 5321 4.1.1.1 MUST
  tags ehlo expn extensions
  include smtp.ehlo
  send "EXPN postmaster"
  need reply 250
  send "EHLO ${helo}"
  expect reply 250 text /^EXPN\b/i
  send "QUIT"
end
