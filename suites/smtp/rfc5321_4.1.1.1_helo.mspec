# RFC 5321 §4.1.1.1 and Appendix F.3 (HELO), §3.2 (no extended reply to HELO).

# Servers keep accepting HELO for older clients and answer it properly (§4.1.1.1, F.3, §2.2.1). Audit: a
# refusal for policy reasons (550, §7.9; 504 from the table; 421) is a proper answer too: only "not
# implemented" and silence fail.
case smtp.rfc5321.4.1.1.1.helo-accepted
  title "HELO is implemented (250, or a policy refusal 550/504)"
  rfc 5321 4.1.1.1 MUST
  rfc 5321 F.3 MUST
  rfc 5321 2.2.1 MUST
  tags helo
  include smtp.greeted
  send "HELO ${helo}"
  expect reply 250|550|504|421 within 15s
  send "QUIT"
end

# HELO must not get the EHLO-style reply listing service extensions (§3.2). Audit: the first HELO is a
# precondition; the second reply must have no line after the first that starts with a registered
# keyword (the whole IANA registry, as in ehlo-keywords-registered).
case smtp.rfc5321.3.2.helo-reply-not-extended
  title "The reply to HELO does not list service extensions"
  rfc 5321 3.2 MUST
  tags helo
  include smtp.greeted
  send "HELO ${helo}"
  need reply 250
  send "HELO ${helo}"
  expect reply 250 text /\A[^\n]*(?![\s\S]*\n(SEND|SOML|SAML|EXPN|HELP|TURN|8BITMIME|SIZE|VERB|ONEX|CHUNKING|BINARYMIME|CHECKPOINT|DELIVERBY|PIPELINING|DSN|ETRN|ENHANCEDSTATUSCODES|STARTTLS|NO-SOLICITING|MTRK|SUBMITTER|ATRN|AUTH|BURL|FUTURERELEASE|UTF8SMTP|CONPERM|CONNEG|SMTPUTF8|MT-PRIORITY|RRVS|REQUIRETLS|LIMITS|VRFY)( |\n|\z))/i
  send "QUIT"
end

# A HELO without the domain breaks the helo grammar; the HELO table allows 504 and 550, and 500/501 exist
# for any malformed command. Audit: no MUST sentence requires a server to refuse it (§4.1.4's MUST list of
# failure codes is written for EHLO); the table is SHOULD (§4.3.1), so this is a SHOULD.
case smtp.rfc5321.4.1.1.1.helo-without-domain
  title "HELO without an argument is refused (501, 500, 504 or 550)"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 4.1.1.1 MUST
  tags helo syntax
  include smtp.greeted
  send "HELO"
  expect reply 501|500|504|550|421
  send "QUIT"
end

# A session opened with HELO can carry a complete mail transaction (F.3: servers must accept and process
# HELO). Audit: the same sender and recipient are first accepted after EHLO (smtp.rcpt-ready, which also
# authenticates on submission); HELO then resets the session and the transaction after it is the check.
case smtp.rfc5321.F.3.helo-mail-transaction
  title "A mail transaction works after HELO"
  rfc 5321 F.3 MUST
  tags helo transaction
  include smtp.rcpt-ready
  send "HELO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "DATA"
  expect reply 354
  include smtp.message
  expect reply 250|450|451|452|550|552|554
  send "QUIT"
end

# A 250 to HELO confirms that both sides are in the initial state: a transaction that was open is gone
# (descriptive text of §4.1.1.1, no keyword: SHOULD).
case smtp.rfc5321.4.1.1.1.helo-resets-transaction
  title "A HELO during a transaction aborts it"
  rfc 5321 4.1.1.1 SHOULD
  tags helo state transaction
  include smtp.mail-ready
  send "HELO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "HELO ${helo}"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end
