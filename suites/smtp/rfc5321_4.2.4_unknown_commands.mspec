# RFC 5321 §4.2.4 (500 for unrecognised commands, 502 for recognised but unimplemented ones), §3.8 (a
# server must not close the connection because of commands it does not understand), §4.3.2 (500 for a
# command that is too long or not recognised).

# A verb the server does not know should get 500 (§4.2.4 SHOULD; 502 is for known but unimplemented
# commands). Audit: a close here is unknown-command-no-close's finding (or-closed); this case absorbs the
# former smtp.rfc5321.4.2.4.long-unknown-verb, which tripped on the same 502.
case smtp.rfc5321.4.2.4.unknown-command-500
  title "An unrecognised command is answered 500"
  rfc 5321 4.2.4 SHOULD
  tags unknown reply-codes
  include smtp.ehlo
  send "FOOBAR mailspec"
  expect reply 500 or-closed
  send "QUIT"
end

# Unknown commands are tolerated: the server answers and waits for the next command (§3.8 MUST). Audit:
# any reply to the unknown verb is accepted (its code is unknown-command-500's check); the NOOP after it
# must be answered (within 15s). This case absorbs the former unknown-command-before-ehlo and
# repeated-unknown-commands, which tripped on the same close (the close after several errors is
# smtp.rfc5321.4.1.1.10.no-close-after-errors').
case smtp.rfc5321.3.8.unknown-command-no-close
  title "After an unrecognised command the connection stays open"
  rfc 5321 3.8 MUST
  tags unknown connection
  include smtp.ehlo
  send "FOOBAR mailspec"
  expect reply 2xx|4xx|5xx
  send "NOOP"
  expect reply 250 within 15s
  send "QUIT"
end

# An empty command line is not a command: a syntax error (500/501/502, §4.2.4 SHOULD), and the session
# goes on (§3.8 MUST for the NOOP after it).
case smtp.rfc5321.4.2.4.empty-line
  title "An empty line is refused as a syntax error and the connection stays open"
  rfc 5321 4.2.4 SHOULD
  rfc 5321 3.8 MUST
  tags unknown syntax
  include smtp.ehlo
  send ""
  expect reply 500|501|502
  send "NOOP"
  expect MUST reply 250 within 15s
  send "QUIT"
end

# An unknown command in the middle of a transaction does not disturb it (§3.8: "awaiting further
# instructions"; SHOULD).
case smtp.rfc5321.3.8.unknown-command-keeps-transaction
  title "An unrecognised command inside a transaction leaves it intact"
  rfc 5321 3.8 SHOULD
  tags unknown transaction state
  include smtp.rcpt-ready
  send "FOOBAR"
  need reply 500|502
  send "DATA"
  expect reply 354
  include smtp.message
  read
  send "QUIT"
end
