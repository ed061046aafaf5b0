# RFC 5321 §4.1.1.10 (QUIT), §3.8 (terminating sessions), §4.3.2 (QUIT with arguments).

# QUIT gets 221, then the server closes the connection. Audit: both are required, so a missing reply or a
# connection left open for 15 s is a finding (within 15s). This is the one case that checks the close;
# the QUIT cases below check the 221 in other states.
case smtp.rfc5321.4.1.1.10.quit-221-then-close
  title "QUIT is answered 221 and the server closes the connection"
  rfc 5321 4.1.1.10 MUST
  tags quit connection
  include smtp.ehlo
  send "QUIT"
  expect reply 221 within 15s
  expect closed within 15s
end

# QUIT may come at any time, even before EHLO (§4.1.1.10: "The QUIT command may be issued at any time").
# Audit: the close is quit-221-then-close's check; here only the 221.
case smtp.rfc5321.4.1.1.10.quit-before-ehlo
  title "QUIT right after the greeting is answered 221"
  rfc 5321 4.1.1.10 MUST
  tags quit connection
  include smtp.greeted
  send "QUIT"
  expect reply 221 within 15s
end

# QUIT in the middle of a transaction aborts it and still ends the session normally. Audit: set-up via
# smtp.rcpt-ready (authenticates on submission); the close is quit-221-then-close's check.
case smtp.rfc5321.4.1.1.10.quit-in-transaction
  title "QUIT during a mail transaction is answered 221"
  rfc 5321 4.1.1.10 MUST
  tags quit transaction
  include smtp.rcpt-ready
  send "QUIT"
  expect reply 221 within 15s
end

# QUIT takes no argument; servers should reject one as invalid syntax (§4.1.1), with 501 (§4.3.2).
case smtp.rfc5321.4.3.2.quit-with-argument
  title "QUIT with an argument is refused with 501"
  rfc 5321 4.1.1 SHOULD
  rfc 5321 4.3.2 SHOULD
  tags quit syntax
  include smtp.ehlo
  send "QUIT mailspec"
  expect reply 501
  send "QUIT"
end

# The server keeps the channel open until QUIT, whatever errors came before (§4.1.1.10, §3.8). Audit: the
# refused commands are syntax and sequence errors whose codes other cases check (so any reply is taken
# here: one deviation, one case); DATA is no longer among them (a DATA answered 354 is the DATA cases'
# finding and would turn the rest into message text). The final NOOP must be answered (within 15s).
case smtp.rfc5321.4.1.1.10.no-close-after-errors
  title "After a series of refused commands the server still waits for QUIT"
  rfc 5321 4.1.1.10 MUST
  rfc 5321 3.8 MUST
  tags quit connection errors
  include smtp.mail-ready
  send "RCPT TO:<${rcpt}>"
  expect reply 2xx|4xx|5xx
  send "MAIL"
  expect reply 2xx|4xx|5xx
  send "VRFY"
  expect reply 2xx|4xx|5xx
  send "NOOP"
  expect reply 250 within 15s
  send "QUIT"
  expect reply 221
end
