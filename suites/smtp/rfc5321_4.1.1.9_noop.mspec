# RFC 5321 §4.1.1.9 (NOOP), §4.5.1 (NOOP is required), §4.1.4 (NOOP before EHLO).

# NOOP does nothing but get "250 OK" (§4.5.1 MUST; silence for 15 s is a finding).
case smtp.rfc5321.4.5.1.noop-250
  title "NOOP is answered 250"
  rfc 5321 4.5.1 MUST
  rfc 5321 4.1.1.9 SHOULD
  tags noop
  include smtp.ehlo
  send "NOOP"
  expect reply 250 within 15s
  send "QUIT"
end

# A parameter string on NOOP should be ignored (§4.1.1.9 SHOULD).
case smtp.rfc5321.4.1.1.9.noop-with-argument
  title "NOOP with an argument is answered 250"
  rfc 5321 4.1.1.9 SHOULD
  tags noop
  include smtp.ehlo
  send "NOOP mailspec ${uniq}"
  expect reply 250
  send "QUIT"
end

# NOOP may be used before EHLO and should then be processed normally (§4.1.4 SHOULD).
case smtp.rfc5321.4.1.4.noop-before-ehlo
  title "NOOP before EHLO is answered 250"
  rfc 5321 4.1.4 SHOULD
  tags noop sequencing
  include smtp.greeted
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# NOOP leaves the transaction untouched (§4.1.1.9, descriptive: SHOULD). Audit: the recipient is a
# precondition (smtp.rcpt-ready); the check is that DATA still gets 354 after NOOP.
case smtp.rfc5321.4.1.1.9.noop-keeps-transaction
  title "NOOP in the middle of a transaction does not disturb it"
  rfc 5321 4.1.1.9 SHOULD
  tags noop transaction state
  include smtp.rcpt-ready
  send "NOOP"
  need reply 250
  send "DATA"
  expect reply 354
  include smtp.message
  read
  send "QUIT"
end
