# RFC 5321 §4.1.1.3 (RCPT), §4.1.1 (parameters), §3.6.2 (refusing to relay), §4.3.2 (RCPT replies).

# RCPT is one of the commands every server implements (§4.5.1). Audit: a refusal of this recipient for
# policy reasons is a legal answer (RCPT table of §4.3.2, 554 of §4.2.3, 530 of RFC 4954 §6, 421), so only
# 500/501/502/503/504 and silence fail; whether ${rcpt} is accepted is reported by the run itself.
case smtp.rfc5321.4.5.1.rcpt-accepted
  title "RCPT TO is implemented (250/251, or a listed refusal)"
  rfc 5321 4.5.1 MUST
  tags rcpt
  include smtp.mail-open
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251|450|451|452|455|550|551|552|553|554|555|530|421 within 15s
  send "QUIT"
end

# A transaction names its recipients with several RCPT commands, each one added to the list, and the
# message for both is taken (§4.5.3.1.8: at least 100 recipients are buffered). Audit: ${rcpt2} is first
# accepted alone (need), so only the second recipient of one transaction is checked.
case smtp.rfc5321.4.1.1.3.rcpt-two-recipients
  title "Two RCPT commands in one transaction are both accepted and the message is taken"
  rfc 5321 4.5.3.1.8 MUST
  tags rcpt transaction
  include smtp.mail-open
  send "RCPT TO:<${rcpt2}>"
  need reply 250|251 hint "pass --var rcpt2=ADDRESS that this server accepts"
  send "RSET"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "RCPT TO:<${rcpt2}>"
  expect reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>, <${rcpt2}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# For a recipient it does not know, the server still answers with a code from the RCPT list (§4.3.2,
# §4.3.1 SHOULD; 421 and RFC 4954's 530 for any command).
case smtp.rfc5321.4.3.2.rcpt-reply-codes
  title "RCPT for an unknown local recipient gets a code listed for RCPT"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 3.3 MUST
  tags rcpt reply-codes
  include smtp.mail-open
  send "RCPT TO:<nosuchuser-${uniq}@${domain}>"
  expect reply 250|251|550|551|552|553|450|451|452|455|555|530|421
  send "QUIT"
end

# A server that declines to relay for policy reasons should say 550 (§3.6.2, §7.9); relaying itself is its
# choice, temporary refusals and 530 "authentication required" (RFC 4954 §6) are answers too.
case smtp.rfc5321.3.6.2.relay-refusal-code
  title "A refused relay recipient is answered 550 (or accepted)"
  rfc 5321 3.6.2 SHOULD
  rfc 5321 7.9 SHOULD
  tags rcpt relay policy
  include smtp.mail-open
  send "RCPT TO:<mailspec-${uniq}@relay-test-${uniq}.invalid>"
  expect reply 250|251|550|551|450|451|452|530|421
  send "RSET"
  send "QUIT"
end

# RCPT without its argument is a syntax error (501; 553 names a malformed mailbox).
case smtp.rfc5321.4.1.1.3.rcpt-without-argument
  title "RCPT without TO:<path> is refused as a syntax error"
  rfc 5321 4.3.1 SHOULD
  tags rcpt syntax
  include smtp.mail-open
  send "RCPT"
  expect reply 501|500|553
  send "QUIT"
end

# An unterminated forward-path breaks the grammar. Audit: leniency is the server's call (MAY, info); if it
# refuses, the code is a syntax code from the table (501, 553: SHOULD, §4.3.1).
case smtp.rfc5321.4.1.1.3.rcpt-unterminated-path
  title "RCPT TO with a path missing its closing bracket: accepted, or refused with 501 or 553"
  rfc 5321 4.3.1 SHOULD
  tags rcpt syntax
  include smtp.mail-open
  send "RCPT TO:<${rcpt}"
  expect reply 250|251|501|553
  expect MAY differs "${last.code}" "250"
  send "QUIT"
end

# Parameters of no offered extension should be refused (§4.1.1): 555 not recognised, 455 cannot be
# accommodated now (§4.1.1.11, §4.2.2), 501, 504. Audit: 455/504 added; the plain RCPT is first accepted.
case smtp.rfc5321.4.1.1.rcpt-unknown-parameter
  title "RCPT with an unknown parameter is refused (555, 455, 501 or 504)"
  rfc 5321 4.1.1 SHOULD
  rfc 5321 4.1.1.11 SHOULD
  tags rcpt parameters
  include smtp.rcpt-ready
  send "RCPT TO:<${rcpt}> XMAILSPEC-NOSUCHPARAM=1"
  expect reply 555|455|501|504
  send "QUIT"
end

# A refused RCPT (here one without any argument) leaves the transaction as it was. Audit: the accepted
# recipient comes first (smtp.rcpt-ready) and the check is that DATA still gets 354.
case smtp.rfc5321.4.1.4.rcpt-refused-keeps-transaction
  title "After a refused RCPT the transaction goes on to DATA"
  rfc 5321 4.1.4 SHOULD
  tags rcpt state transaction
  include smtp.rcpt-ready
  send "RCPT"
  need reply 5xx
  send "DATA"
  expect reply 354
  include smtp.message
  read
  send "QUIT"
end
