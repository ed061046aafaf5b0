# RFC 2034 (SMTP Service Extension for Returning Enhanced Error Codes) §4, with the code syntax of RFC 3463
# §2: a server offering ENHANCEDSTATUSCODES prefixes the text of every 2xx, 4xx and 5xx reply (except the
# greeting and the replies to HELO/EHLO) with class.subject.detail, the class equal to the reply's first
# digit, the same code on every line, whether or not the client used EHLO.
#
# Audit: the rule holds for every reply, whatever its code, so each case accepts any 2xx/4xx/5xx outcome of
# its command and checks only the enhanced code (`enhanced`). Whether the code itself is right (503 for a
# bad sequence, 250 for MAIL) is the business of the RFC 5321 cases, so a server that gets the code wrong
# is reported once, there, and not a second time here. Set-up steps go through the fixtures.

# The rule holds for every reply, so the harness checks it on every reply of every case in the run (a
# relay refusal in one case, a 421 in another): this case reports all of them at once (`monitors`), so a
# server that forgets the code on, say, its refusals is reported once and not by every case that saw one.
# Its own steps make the replies a server most often sends without a code: a refused relay recipient, an
# out-of-sequence command, an unknown command and a syntax error.
case smtp.rfc2034.4.every-reply-enhanced
  title "Every 2xx/4xx/5xx reply in the run (greeting and HELO/EHLO aside) carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes every-reply
  requires ext ENHANCEDSTATUSCODES
  monitors enhanced-codes
  include smtp.mail-ready
  send "RCPT TO:<mailspec-relay-test@relay-test.invalid>"
  read
  send "MAIL FROM:<${sender}>"
  read
  send "RCPT TO:<mailspec-relay-test@relay-test.invalid>"
  read
  send "RSET"
  read
  send "MAILSPEC-UNKNOWN"
  read
  send "MAIL FROM:"
  read
  send "NOOP"
  read
  send "QUIT"
  read
end

# Every 2xx, 4xx and 5xx reply (greeting and HELO/EHLO replies aside) starts its text with an enhanced
# status code whose class matches the reply code: here the reply to MAIL.
case smtp.rfc2034.4.mail-250
  title "The reply to MAIL carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes mail
  requires ext ENHANCEDSTATUSCODES
  include smtp.mail-ready
  send "MAIL FROM:<${sender}>"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# The same for RCPT.
case smtp.rfc2034.4.rcpt-250
  title "The reply to RCPT carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes rcpt
  requires ext ENHANCEDSTATUSCODES
  include smtp.mail-open
  send "RCPT TO:<${rcpt}>"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# The same for the reply at the end of the data (354, a 3xx reply, needs none).
case smtp.rfc2034.4.end-of-data-250
  title "The reply at the end of data carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes data
  requires ext ENHANCEDSTATUSCODES
  include smtp.data-ready
  include smtp.message
  expect reply 2xx|4xx|5xx enhanced within 15s
  send "QUIT"
end

# The same for RSET and NOOP (both always 250).
case smtp.rfc2034.4.rset-noop-250
  title "The 250 replies to RSET and NOOP carry 2.x.x enhanced codes"
  rfc 2034 4 MUST
  tags enhancedstatuscodes rset noop
  requires ext ENHANCEDSTATUSCODES
  include smtp.ehlo
  send "RSET"
  expect reply 2xx|4xx|5xx enhanced
  send "NOOP"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# The same for the closing 221.
case smtp.rfc2034.4.quit-221
  title "The reply to QUIT carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes quit
  requires ext ENHANCEDSTATUSCODES
  include smtp.ehlo
  send "QUIT"
  expect reply 2xx|4xx|5xx enhanced
end

# The same for VRFY, whatever its outcome.
case smtp.rfc2034.4.vrfy
  title "The reply to VRFY carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes vrfy
  requires ext ENHANCEDSTATUSCODES
  include smtp.ehlo
  send "VRFY ${rcpt}"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# Error replies carry enhanced codes too: RCPT without MAIL is refused (503, or 530 where AUTH is required
# first), with a 5.x.x code. Audit: any reply code is accepted here (was: 503 only); a wrong code is
# smtp.rfc5321.3.3.rcpt-before-mail's finding.
case smtp.rfc2034.4.bad-sequence-503
  title "The refusal of RCPT without MAIL carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes sequencing
  requires ext ENHANCEDSTATUSCODES
  include smtp.ehlo
  send "RCPT TO:<${rcpt}>"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# The same for a MAIL inside an open transaction. Audit: any code accepted (was: 5xx); a wrong code is
# smtp.rfc5321.4.1.4.nested-mail's finding.
case smtp.rfc2034.4.nested-mail-503
  title "The reply to a nested MAIL carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes sequencing mail
  requires ext ENHANCEDSTATUSCODES
  include smtp.mail-open
  send "MAIL FROM:<${sender}>"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# The same for DATA before any recipient. Audit: any code accepted (was: 503|554). When DATA is answered
# 354 (RFC 5321 §3.3 allows it, with a failure at the end of the data) the end-of-data reply is checked;
# otherwise DATA is sent once more (a refused command leaves the state alone, RFC 5321 §4.1.4) and that
# refusal is checked, since the first one was read before its code was known.
case smtp.rfc2034.4.data-without-rcpt
  title "The reply to DATA without recipients carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes sequencing data
  requires ext ENHANCEDSTATUSCODES
  include smtp.mail-open
  send "DATA"
  read
  if equals "${last.code}" "354"
    send "."
    expect reply 2xx|4xx|5xx enhanced
  else
    send "DATA"
    expect reply 2xx|4xx|5xx enhanced
  end
  send "QUIT"
end

# The same for a syntax error in the arguments (MAIL without argument). Audit: any code accepted (was:
# 501|500); a wrong code is smtp.rfc5321.4.1.4.mail-without-argument's finding.
case smtp.rfc2034.4.syntax-error-501
  title "The reply to MAIL without argument carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes syntax mail
  requires ext ENHANCEDSTATUSCODES
  include smtp.mail-ready
  send "MAIL"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# The same for a command the server does not know (500, or 502).
case smtp.rfc2034.4.unknown-command
  title "The reply to an unrecognised command carries an enhanced code of its class"
  rfc 2034 4 MUST
  tags enhancedstatuscodes unknown
  requires ext ENHANCEDSTATUSCODES
  include smtp.ehlo
  send "FOOBAR"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# The codes are attached whether or not the client used EHLO: after HELO. Audit: checked on NOOP (was:
# MAIL, which a submission server refuses before AUTH, and AUTH needs EHLO).
case smtp.rfc2034.4.after-helo
  title "Enhanced codes are used even when the client said HELO"
  rfc 2034 4 MUST
  tags enhancedstatuscodes helo noop
  requires ext ENHANCEDSTATUSCODES
  include smtp.greeted
  send "HELO ${helo}"
  need reply 250
  send "NOOP"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# The same before the client has introduced itself at all. Audit: any code accepted (was: 250); a NOOP
# refused before EHLO is smtp.rfc5321.4.1.4.noop-before-ehlo's finding.
case smtp.rfc2034.4.before-ehlo
  title "Enhanced codes are used before any EHLO"
  rfc 2034 4 MUST
  tags enhancedstatuscodes noop
  requires ext ENHANCEDSTATUSCODES
  include smtp.greeted
  send "NOOP"
  expect reply 2xx|4xx|5xx enhanced
  send "QUIT"
end

# The numbers of a status code are written without leading zeros ("2.1.0", never "2.01.0"), RFC 3463 §2.
# Audit: one reply (MAIL, whatever its outcome) instead of MAIL and a RCPT that depended on it.
case smtp.rfc3463.2.no-leading-zeros
  title "Enhanced status codes have no leading zeros"
  rfc 3463 2 MUST
  rfc 2034 4 MUST
  tags enhancedstatuscodes syntax
  requires ext ENHANCEDSTATUSCODES
  include smtp.mail-ready
  send "MAIL FROM:<${sender}>"
  expect reply 2xx|4xx|5xx enhanced text /\A[245]\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})( |\z)/
  send "QUIT"
end

# In a multi-line reply every line begins with the same enhanced code (checked on HELP when the server
# answers it; the EHLO reply is exempt).
case smtp.rfc2034.4.multiline-same-enhanced-code
  title "Every line of a multi-line reply starts with the same enhanced code"
  rfc 2034 4 MUST
  tags enhancedstatuscodes syntax help
  requires ext ENHANCEDSTATUSCODES
  include smtp.ehlo
  send "HELP"
  expect reply 2xx|4xx|5xx enhanced text /\A(\d\.\d{1,3}\.\d{1,3})(?: [^\n]*)?(?:\n\1(?: [^\n]*)?)*\z/
  send "QUIT"
end
