# Command-line robustness and security. Rules: RFC 5321 §2.3.8 (only CRLF ends a line; a bare LF or CR is
# no line terminator), §4.1.2 and §2.4 (invalid characters such as NUL are refused with 501/500), §4.2
# (every command gets exactly one reply), §3.8 (the server does not hang up on commands it does not
# understand), §4.5.3.1 (over-long objects may be refused, not mishandled).
#
# Defences are compliant (RFC 5321 §3.8, §4.5.3.1, §7.8; issue 8): a server that answers a bare CR/LF,
# an over-long line or a parameter flood with 421 or a 5xx and closes has not failed, so those reads carry
# `or-closed` and accept 421/5xx. An unknown command (8-bit verb, NUL) is different: §3.8 names closing on
# a command that is not understood as a violation, so those cases stay strict. Audit: set-up through the
# fixtures; smtp.security.bare-lf-command-injection and smtp.security.bare-lf-terminated-command were
# removed as duplicates of smtp.security.bare-lf-in-command (the same deviation: a bare LF taken as a line
# end, seen as a second reply).

# "NOOP<LF>NOOP<CRLF>" is one line. A server that takes the bare LF as a line end answers twice. One
# reply, whatever it says (NOOP ignoring its odd argument, a syntax error, or a refusal of the bare LF,
# even with a close as a defence, RFC 5321 §7.8), is compliant; a second reply is not.
case smtp.security.bare-lf-in-command
  title "A bare LF inside a command line does not split it into two commands"
  rfc 5321 2.3.8 MUST
  rfc 5321 4.2 MUST
  tags security bare-lf command-line
  include smtp.ehlo
  send-raw "NOOP\nNOOP\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# The same with a bare CR.
case smtp.security.bare-cr-in-command
  title "A bare CR inside a command line does not split it into two commands"
  rfc 5321 2.3.8 MUST
  rfc 5321 4.2 MUST
  tags security bare-cr command-line
  include smtp.ehlo
  send-raw "NOOP\rNOOP\r\n"
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# A NUL octet in a command is an invalid character and the command should be refused (a server reading
# C strings would see "NOOP" and answer 250); the refusal is an answer to a command not understood, so
# the connection stays usable (§3.8 MUST).
case smtp.security.nul-in-command
  title "A command containing NUL is refused with 500 or 501"
  rfc 5321 2.4 SHOULD
  rfc 5321 4.2 MUST
  tags security nul command-line
  include smtp.ehlo
  send-raw "NOOP\0\r\n"
  expect reply 500|501
  send "NOOP"
  expect MUST reply 250
  send "QUIT"
end

# A NUL after the recipient must not cut the line into a valid-looking RCPT: a command with invalid
# character codes is refused (501; 500, 550, 553 or 555 also refuse it; 421 and a close are a defence).
# Audit: the transaction is opened through smtp.mail-open; 550 and 421/close accepted.
case smtp.security.nul-after-address
  title "RCPT TO followed by a NUL and more text is refused"
  rfc 5321 4.1.2 MUST
  tags security nul rcpt
  include smtp.mail-open
  send-raw "RCPT TO:<${rcpt}>\0@attacker.example\r\n"
  expect reply 501|500|550|553|555|421 within 15s or-closed
  send "QUIT"
end

# A 10,000-octet EHLO name: refused (or accepted) with one reply, and the session stays usable, unless the
# server defends itself with 421/5xx and a close (§4.5.3.1, §7.8). Audit: any 4xx/5xx and a close accepted.
case smtp.security.ehlo-huge-name
  title "EHLO with a 10,000-octet name gets one reply and the connection stays usable"
  rfc 5321 4.2 MUST
  rfc 5321 3.8 MUST
  rfc 5321 2.3.8 MAY
  tags security limits ehlo
  include smtp.greeted
  send "EHLO " + "h" * 10000
  expect reply 250|4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A MAIL command flooded with 2,000 unknown parameters (about 36 KB): one refusal (500 line too long, 501,
# 552, 553, 555, or 455/421), then business as usual, or a close as a defence (§7.8). Audit: 4xx and a
# close accepted; MAIL through smtp.mail-ready.
case smtp.security.parameter-flood
  title "MAIL with 2,000 parameters gets one reply and the connection stays usable"
  rfc 5321 4.2 MUST
  rfc 5321 3.8 MUST
  tags security limits mail parameters
  include smtp.mail-ready
  send "MAIL FROM:<${sender}>" + " XMAILSPEC=1234567" * 2000
  expect reply 500|501|552|553|555|4xx within 15s or-closed
  expect silence 500ms or-closed
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A 100,000-octet line of junk: one reply (500 "line too long" at most), not one reply per chunk; 421 or
# a 5xx and a close are a defence (§4.5.3.1, §7.8). Audit: 4xx/5xx and a close accepted.
case smtp.security.very-long-line
  title "A 100,000-octet command line gets exactly one reply"
  rfc 5321 4.2 MUST
  rfc 5321 3.8 MUST
  tags security limits command-line
  include smtp.ehlo
  send "X" * 100000
  expect reply 4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# 8-bit octets in a command verb: not a command, refused with one reply; closing on it would be closing
# on a command not understood (§3.8), so the next NOOP must still be answered.
case smtp.security.eight-bit-verb
  title "A command verb with 8-bit octets is refused and the connection stays usable"
  rfc 5321 2.4 SHOULD
  rfc 5321 3.8 MUST
  tags security command-line
  include smtp.ehlo
  send "N\xc3\x96OP"
  expect reply 500|501|502
  send "NOOP"
  expect MUST reply 250
  send "QUIT"
end
