# RFC 5321 §4.1.4 (order of commands) and §3.3 (mail transactions): what happens when a transaction's
# commands come out of order, and several transactions on one connection.
# What is MUST and what is not: RCPT without MAIL must get 503 (§3.3); a command out of order "to the degree
# that it cannot be processed" must get 503 and leave the state alone (§4.1.4); DATA without a recipient may
# get 503 or 554 (§3.3 MAY), or 354 and then a failure at the end of data; a MAIL inside an open transaction
# is forbidden to the client, while the server may refuse it or process it.

# RCPT before any MAIL is a bad sequence: 503 (§3.3 MUST).
case smtp.rfc5321.3.3.rcpt-before-mail
  title "RCPT without a preceding MAIL is answered 503"
  rfc 5321 3.3 MUST
  tags sequencing rcpt
  include smtp.mail-ready
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end

# After a 503 the server is where it was: a transaction can still be started normally (§4.1.4 MUST).
# Audit: the sender is first accepted (need) and RSET; the 503 is a precondition, the next MAIL the check.
case smtp.rfc5321.4.1.4.bad-sequence-keeps-state
  title "After a 503 for RCPT, MAIL works normally"
  rfc 5321 4.1.4 MUST
  tags sequencing state
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 503
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "QUIT"
end

# DATA with no transaction at all cannot be processed: 503 (§4.1.4 MUST), or 554 "no valid recipients"
# (§3.3 MAY). Audit: 354 followed by a failure at the end of data is also compliant (nothing is
# accepted); only a message accepted without any recipient fails.
case smtp.rfc5321.4.1.4.data-before-mail
  title "DATA without MAIL and RCPT is refused (503, 554, or 354 and a failure)"
  rfc 5321 4.1.4 MUST
  rfc 5321 3.3 MAY
  tags sequencing data
  include smtp.mail-ready
  send "DATA"
  expect reply 503|554|354
  if equals "${last.code}" "354"
    include smtp.message
    expect reply 4xx|5xx
  end
  send "QUIT"
end

# (smtp.rfc5321.4.1.4.data-before-rcpt was merged into data-after-refused-rcpt below: MAIL and no accepted
# RCPT is the same condition, and both tripped on the same reply.)

# When every RCPT was refused (or none was given), DATA has no recipient: 503 or 554 (§3.3), or 354 and a
# failure at the end of data.
case smtp.rfc5321.3.3.data-after-refused-rcpt
  title "DATA after the only RCPT was refused is refused (503, 554, or 354 and a failure)"
  rfc 5321 4.1.4 MUST
  rfc 5321 3.3 MAY
  tags sequencing data
  include smtp.mail-open
  send "RCPT"
  need reply 5xx
  send "DATA"
  expect reply 503|554|354
  if equals "${last.code}" "354"
    include smtp.message
    expect reply 4xx|5xx
  end
  send "QUIT"
end

# A second MAIL while a transaction is open is forbidden to the client (§4.1.4); the server must answer 503
# only if it cannot process it. Audit: refusing with 503 is therefore a choice, not a SHOULD: MAY (info).
case smtp.rfc5321.4.1.4.nested-mail
  title "MAIL inside an open transaction may be answered 503"
  rfc 5321 4.1.4 MAY
  tags sequencing mail
  include smtp.mail-open
  send "MAIL FROM:<${sender}>"
  expect reply 503
  send "QUIT"
end

# Refusing the nested MAIL with 503 leaves the open transaction as it was (§4.1.4 MUST). Audit: the
# recipient is a precondition (smtp.rcpt-ready); the check is that DATA still gets 354.
case smtp.rfc5321.4.1.4.nested-mail-keeps-transaction
  title "After a refused nested MAIL the first transaction still goes on"
  rfc 5321 4.1.4 MUST
  tags sequencing state transaction
  include smtp.rcpt-ready
  send "MAIL FROM:<${sender}>"
  need reply 503
  send "DATA"
  expect reply 354
  include smtp.message
  read
  send "QUIT"
end

# Mail transactions need a session opened with EHLO/HELO (a rule for the client, §4.1.4); a server may
# refuse MAIL before it with 503, or accept it (MAY, info).
case smtp.rfc5321.4.1.4.mail-before-ehlo
  title "MAIL before EHLO may be refused with 503"
  rfc 5321 4.1.4 MAY
  tags sequencing mail
  include smtp.greeted
  send "MAIL FROM:<${sender}>"
  expect reply 503
  send "QUIT"
end

# A session may hold several transactions. Audit: "There may be zero or more transactions in a session" is
# lower-case may with no keyword, so the level is SHOULD, not MUST; the second MAIL is the check, its RCPT
# and DATA are preconditions.
case smtp.rfc5321.4.1.4.two-transactions
  title "Two complete mail transactions on one connection"
  rfc 5321 4.1.4 SHOULD
  tags transaction
  include smtp.deliver
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (2)" "Message-ID: <${uniq}.2@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "second message" "."
  expect reply 250
  send "QUIT"
end

# A transaction aborted by RSET, then a new transaction, then one more after a new EHLO: both aborts clear
# the state (§4.1.1.5 MUST, §4.1.4 MUST), so each new MAIL opens a transaction. Audit: RCPT and DATA are
# preconditions; the MAIL after each abort and the final message are the checks.
case smtp.rfc5321.4.1.4.transactions-after-rset-and-ehlo
  title "Transactions started after RSET and after a new EHLO both complete"
  rfc 5321 4.1.4 MUST
  rfc 5321 4.1.1.5 MUST
  tags transaction rset ehlo
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  include smtp.message
  expect reply 250
  send "QUIT"
end
