# RFC 5321 §4.1.1.10 (QUIT), §3.8 (terminating sessions), §4.3.2 (QUIT with arguments).

# QUIT gets 221, then the server closes the connection.
case smtp.rfc5321.4.1.1.10.quit-221-then-close
  title "QUIT is answered 221 and the server closes the connection"
  rfc 5321 4.1.1.10 MUST
  tags quit connection
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "QUIT"
  expect reply 221
  expect closed
end

# QUIT may come at any time, even before EHLO.
case smtp.rfc5321.4.1.1.10.quit-before-ehlo
  title "QUIT right after the greeting is answered 221 and the connection closed"
  rfc 5321 4.1.1.10 MUST
  tags quit connection
  connect
  need greeting
  send "QUIT"
  expect reply 221
  expect closed
end

# QUIT in the middle of a transaction aborts it and still ends the session normally.
case smtp.rfc5321.4.1.1.10.quit-in-transaction
  title "QUIT during a mail transaction is answered 221 and the connection closed"
  rfc 5321 4.1.1.10 MUST
  tags quit transaction
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "QUIT"
  expect reply 221
  expect closed
end

# QUIT takes no argument; one should be refused with 501 (and the session go on).
case smtp.rfc5321.4.3.2.quit-with-argument
  title "QUIT with an argument is refused with 501"
  rfc 5321 4.1.1 SHOULD
  rfc 5321 4.3.2 SHOULD
  tags quit syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "QUIT mailspec"
  expect reply 501
  send "QUIT"
end

# The server keeps the channel open until QUIT, whatever errors came before.
case smtp.rfc5321.4.1.1.10.no-close-after-errors
  title "After a series of refused commands the server still waits for QUIT"
  rfc 5321 4.1.1.10 MUST
  rfc 5321 3.8 MUST
  tags quit connection errors
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 503
  send "DATA"
  expect reply 503|554
  send "MAIL"
  expect reply 501|500
  send "NOOP"
  expect reply 250
  send "QUIT"
  expect reply 221
end
