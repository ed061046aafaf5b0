# RFC 5321 §4.1.1.5 (RSET), §4.1.4 (RSET before EHLO), §4.3.2 (RSET with arguments).

# RSET without arguments is always answered 250 (§4.1.1.5 MUST; within 15s: silence is a finding).
case smtp.rfc5321.4.1.1.5.rset-250
  title "RSET is answered 250"
  rfc 5321 4.1.1.5 MUST
  tags rset
  include smtp.ehlo
  send "RSET"
  expect reply 250 within 15s
  send "QUIT"
end

# RSET discards the sender and the recipients: afterwards RCPT has no transaction to join, and RCPT without
# MAIL must get 503 (§3.3). Audit: the probe was DATA (whose answer after RSET may be 503, 554, or 354 and a
# failure later, §3.3), which also tripped on servers that do not check DATA at all (the DATA cases'
# finding); RCPT has exactly one right answer.
case smtp.rfc5321.4.1.1.5.rset-clears-transaction
  title "RSET discards the sender and recipients of the transaction"
  rfc 5321 4.1.1.5 MUST
  rfc 5321 3.3 MUST
  tags rset transaction state
  include smtp.rcpt-ready
  send "RSET"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end

# (smtp.rfc5321.4.1.1.5.rset-then-new-transaction was removed: MAIL, RSET, MAIL, RCPT, DATA is the first
# half of smtp.rfc5321.4.1.4.transactions-after-rset-and-ehlo, which tripped on the same replies.)

# RSET is not a way to end the session: the connection stays open for more commands (§4.1.1.5 MUST).
case smtp.rfc5321.4.1.1.5.rset-keeps-connection
  title "The server does not close the connection after RSET"
  rfc 5321 4.1.1.5 MUST
  tags rset connection
  include smtp.ehlo
  send "RSET"
  need reply 250
  expect silence 500ms
  send "NOOP"
  expect reply 250 within 15s
  send "QUIT"
end

# RSET takes no argument; servers should reject one as invalid syntax (§4.1.1) with 501 (§4.3.2).
case smtp.rfc5321.4.3.2.rset-with-argument
  title "RSET with an argument is refused with 501"
  rfc 5321 4.1.1 SHOULD
  rfc 5321 4.3.2 SHOULD
  tags rset syntax
  include smtp.ehlo
  send "RSET mailspec"
  expect reply 501
  send "QUIT"
end

# RSET may be used before any EHLO and should then be processed normally, not with 503 (§4.1.4 SHOULD).
# Audit: the secondary "4.1.1.5 MUST" line is gone: the 503-before-EHLO question is §4.1.4's SHOULD.
case smtp.rfc5321.4.1.4.rset-before-ehlo
  title "RSET before EHLO is answered 250"
  rfc 5321 4.1.4 SHOULD
  tags rset sequencing
  include smtp.greeted
  send "RSET"
  expect reply 250
  send "QUIT"
end
