# RFC 5321 §4.2.4 (500 for unrecognised commands, 502 for recognised but unimplemented ones), §3.8 (a
# server must not close the connection because of commands it does not understand), §4.3.2 (500 for a
# command that is too long or not recognised).

# A verb the server does not know should get 500 (502 is for known but unimplemented commands).
case smtp.rfc5321.4.2.4.unknown-command-500
  title "An unrecognised command is answered 500"
  rfc 5321 4.2.4 SHOULD
  tags unknown reply-codes
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "FOOBAR mailspec"
  expect reply 500
  send "QUIT"
end

# Unknown commands are tolerated: the server answers and waits for the next command.
case smtp.rfc5321.3.8.unknown-command-no-close
  title "After an unrecognised command the connection stays open"
  rfc 5321 3.8 MUST
  tags unknown connection
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "FOOBAR mailspec"
  expect reply 500|502
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# The same before EHLO.
case smtp.rfc5321.3.8.unknown-command-before-ehlo
  title "An unrecognised command before EHLO is refused and the connection stays open"
  rfc 5321 3.8 MUST
  tags unknown connection sequencing
  connect
  need greeting
  send "FOOBAR"
  expect reply 500|502
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A few unknown commands in a row still do not make the server hang up (a server fending off an attack may
# close after "an appropriate number" of errors, RFC 5321 §7.8; three mistyped commands are no attack).
case smtp.rfc5321.3.8.repeated-unknown-commands
  title "Three unrecognised commands in a row are each refused and the connection stays open"
  rfc 5321 3.8 MUST
  tags unknown connection
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "FOOBAR"
  expect reply 500|502
  send "BARFOO"
  expect reply 500|502
  send "QUUX"
  expect reply 500|502
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# An empty command line is not a command: a syntax error, and the session goes on.
case smtp.rfc5321.4.2.4.empty-line
  title "An empty line is refused as a syntax error and the connection stays open"
  rfc 5321 4.2.4 SHOULD
  rfc 5321 3.8 MUST
  tags unknown syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send ""
  expect reply 500|501|502
  send "NOOP"
  expect MUST reply 250
  send "QUIT"
end

# An unknown command in the middle of a transaction does not disturb it.
case smtp.rfc5321.3.8.unknown-command-keeps-transaction
  title "An unrecognised command inside a transaction leaves it intact"
  rfc 5321 3.8 SHOULD
  tags unknown transaction state
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "FOOBAR"
  need reply 500|502
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  need reply 250
  send "QUIT"
end

# A 100-letter verb is no command either.
case smtp.rfc5321.4.2.4.long-unknown-verb
  title "A 100-letter unknown verb is answered 500"
  rfc 5321 4.2.4 SHOULD
  tags unknown
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "A" * 100
  expect reply 500
  send "QUIT"
end
