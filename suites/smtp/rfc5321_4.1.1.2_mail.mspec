# RFC 5321 §4.1.1.2 (MAIL), §4.1.1 (command syntax, parameters), §4.1.1.11 (parameter errors),
# §4.1.4 (a refused MAIL leaves the state unchanged; a refused argument gets 501), §4.3.2 (MAIL replies).

# MAIL is one of the commands every server implements (§4.5.1). Audit: a refusal of this sender for
# policy reasons is a legal answer (MAIL table of §4.3.2, §7.9; 530 from RFC 4954 §6; 421): the MUST is
# that MAIL is implemented, so only 500/502/503/504 and silence fail.
case smtp.rfc5321.4.5.1.mail-accepted
  title "MAIL FROM is implemented (250, or a listed refusal)"
  rfc 5321 4.5.1 MUST
  tags mail
  include smtp.mail-ready
  send "MAIL FROM:<${sender}>"
  expect reply 250|451|452|455|550|552|553|555|530|421 within 15s
  send "QUIT"
end

# Whatever the server decides about a sender it does not know, the reply is one of those listed for MAIL
# (§4.3.2; §4.3.1 SHOULD), or 421/530 (any command, RFC 4954 §6).
case smtp.rfc5321.4.3.2.mail-reply-codes
  title "MAIL for an unknown outside sender gets a code listed for MAIL"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 4.2 SHOULD
  tags mail reply-codes
  include smtp.mail-ready
  send "MAIL FROM:<nobody-${uniq}@nonexistent-${uniq}.invalid>"
  expect reply 250|552|451|452|550|553|455|555|530|421
  send "QUIT"
end

# A MAIL without its argument cannot be accepted: §4.1.4 requires 501 for an unacceptable argument of the
# transaction-beginning command. Audit: 500 ("command not recognised") is no longer accepted; MAIL is
# recognised.
case smtp.rfc5321.4.1.4.mail-without-argument
  title "MAIL without FROM:<path> is refused with 501"
  rfc 5321 4.1.4 MUST
  tags mail syntax
  include smtp.mail-ready
  send "MAIL"
  expect reply 501
  send "QUIT"
end

# An unterminated path breaks the grammar. Audit: whether to be lenient is the server's call (no sentence
# requires the refusal), but if it refuses, §4.1.4 requires 501 (553 names a malformed mailbox in the MAIL
# table): MUST for the code, MAY (info) for the leniency.
case smtp.rfc5321.4.1.4.mail-unterminated-path
  title "MAIL FROM with a path missing its closing bracket: accepted, or refused with 501"
  rfc 5321 4.1.4 MUST
  rfc 5321 4.3.2 SHOULD
  tags mail syntax
  include smtp.mail-ready
  send "MAIL FROM:<${sender}"
  expect reply 250|501|553
  expect MAY differs "${last.code}" "250"
  send "QUIT"
end

# "MAIL FROM:" is one token with its colon. Audit: as above, leniency is a MAY; a refusal must be 501
# (§4.1.4; 553 from the table).
case smtp.rfc5321.4.1.4.mail-missing-colon
  title "MAIL FROM without the colon: accepted, or refused with 501"
  rfc 5321 4.1.4 MUST
  rfc 5321 4.3.2 SHOULD
  tags mail syntax
  include smtp.mail-ready
  send "MAIL FROM <${sender}>"
  expect reply 250|501|553
  expect MAY differs "${last.code}" "250"
  send "QUIT"
end

# After refusing a transaction-beginning command with 501 the server stays where it was: no transaction
# was opened, so RCPT is out of sequence (§4.1.4, §3.3). (The refused MAIL here has no argument at all.)
case smtp.rfc5321.4.1.4.mail-refused-opens-nothing
  title "After a MAIL refused with 501 no transaction is open"
  rfc 5321 4.1.4 MUST
  rfc 5321 3.3 MUST
  tags mail state
  include smtp.mail-ready
  send "MAIL"
  need reply 5xx
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "QUIT"
end

# The grammar wants the path in angle brackets. Audit: many servers accept a bare address, which no
# sentence forbids (MAY, info); a refusal must be 501 (§4.1.4; 553 from the table). The case used to
# report the acceptance as the finding at the wrong level.
case smtp.rfc5321.4.1.2.mail-path-without-brackets
  title "MAIL FROM with an address outside angle brackets: accepted, or refused with 501"
  rfc 5321 4.1.4 MUST
  rfc 5321 4.1.2 MAY
  tags mail syntax leniency
  include smtp.mail-ready
  send "MAIL FROM:${sender}"
  expect reply 250|501|553
  expect MAY differs "${last.code}" "250"
  send "QUIT"
end

# Parameters that belong to no extension the server offers should be refused (§4.1.1 SHOULD): 555 when not
# recognised, 455 when the server cannot accommodate them now (§4.1.1.11, §4.2.2), 501 as a syntax error,
# 504 "parameter not implemented". Audit: 455 and 504 added; a plain MAIL with the same sender is first
# accepted (need), so a sender refused for policy skips the case.
case smtp.rfc5321.4.1.1.mail-unknown-parameter
  title "MAIL with an unknown parameter is refused (555, 455, 501 or 504)"
  rfc 5321 4.1.1 SHOULD
  rfc 5321 4.1.1.11 SHOULD
  tags mail parameters
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "MAIL FROM:<${sender}> XMAILSPEC-NOSUCHPARAM=1"
  expect reply 555|455|501|504
  send "QUIT"
end

# Trailing white space before CRLF should be tolerated (§4.1.1). Audit: the same MAIL without the spaces is
# first accepted (need).
case smtp.rfc5321.4.1.1.mail-trailing-space
  title "MAIL FROM followed by trailing spaces is accepted"
  rfc 5321 4.1.1 SHOULD
  tags mail syntax robustness
  include smtp.mail-open
  send "RSET"
  need reply 250
  send "MAIL FROM:<${sender}>  "
  expect reply 250
  send "QUIT"
end

# A MAIL or RCPT parameter belongs to an extension: a server that does not advertise the extension has not
# implemented the parameter and answers 555 (§4.1.1.11; "will return" is not a keyword, so a server that
# accepts it anyway is a warn). Checked on every MAIL and RCPT of the run after an EHLO; this case reports
# every such acceptance at once, and itself offers each common parameter whose extension is not advertised.
case smtp.rfc5321.4.1.1.11.every-reply-unadvertised-parameters
  title "No MAIL or RCPT parameter of an unadvertised extension is accepted, anywhere in the run"
  rfc 5321 4.1.1.11 SHOULD
  tags mail parameters every-reply
  monitors unadvertised-parameters
  include smtp.mail-ready
  if not ext SIZE
    send "MAIL FROM:<${sender}> SIZE=1000"
    read
    send "RSET"
    read
  end
  if not ext 8BITMIME
    send "MAIL FROM:<${sender}> BODY=8BITMIME"
    read
    send "RSET"
    read
  end
  if not ext SMTPUTF8
    send "MAIL FROM:<${sender}> SMTPUTF8"
    read
    send "RSET"
    read
  end
  if not ext DSN
    send "MAIL FROM:<${sender}> RET=HDRS"
    read
    send "RSET"
    read
  end
  send "QUIT"
end
