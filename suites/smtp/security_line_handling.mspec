# Command-line robustness and security. Rules: RFC 5321 §2.3.8 (only CRLF ends a line; a bare LF or CR is
# no line terminator), §4.1.2 and §2.4 (invalid characters such as NUL are refused with 501/500), §4.2
# (every command gets exactly one reply), §3.8 (the server does not hang up on commands it does not
# understand), §4.5.3.1 (over-long objects may be refused, not mishandled). Refusing a bare CR or LF and
# closing the connection afterwards is a defence the RFC allows (§7.8): those cases accept a close.

# "NOOP<LF>NOOP<CRLF>" is one line. A server that takes the bare LF as a line end answers twice. One
# reply, whatever it says (NOOP ignoring its odd argument, a syntax error, or a refusal of the bare LF,
# even with a close as a defence, RFC 5321 §7.8), is compliant; a second reply is not.
case smtp.security.bare-lf-in-command
  title "A bare LF inside a command line does not split it into two commands"
  rfc 5321 2.3.8 MUST
  rfc 5321 4.2 MUST
  tags security bare-lf command-line
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send-raw "NOOP\nNOOP\r\n"
  expect reply 250|4xx|5xx
  expect silence 500ms or-closed
  send "QUIT"
end

# The same with a bare CR.
case smtp.security.bare-cr-in-command
  title "A bare CR inside a command line does not split it into two commands"
  rfc 5321 2.3.8 MUST
  rfc 5321 4.2 MUST
  tags security bare-cr command-line
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send-raw "NOOP\rNOOP\r\n"
  expect reply 250|4xx|5xx
  expect silence 500ms or-closed
  send "QUIT"
end

# A command terminated by a bare LF only is not complete: nothing is answered until the real CRLF.
case smtp.security.bare-lf-terminated-command
  title "A command ending in a bare LF is not answered as a complete line"
  rfc 5321 2.3.8 MUST
  rfc 5321 4.1.1.4 MUST
  tags security bare-lf command-line
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send-raw "RSET\n"
  expect silence 500ms
  send-raw "\r\n"
  expect reply 250|500|501|502
  send "QUIT"
end

# Where a bare LF would cut a command, a smuggled second command follows: "RSET<LF>QUIT<CRLF>" gets one
# reply (or a refusal and a close), never RSET's 250 followed by QUIT's 221.
case smtp.security.bare-lf-command-injection
  title "\"RSET<LF>QUIT<CRLF>\" does not execute QUIT"
  rfc 5321 2.3.8 MUST
  tags security bare-lf injection
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send-raw "RSET\nQUIT\r\n"
  expect reply 250|4xx|5xx
  expect silence 500ms or-closed
  send "QUIT"
end

# A NUL octet in a command is an invalid character and the command should be refused (a server reading
# C strings would see "NOOP" and answer 250).
case smtp.security.nul-in-command
  title "A command containing NUL is refused with 500 or 501"
  rfc 5321 2.4 SHOULD
  rfc 5321 4.2 MUST
  tags security nul command-line
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send-raw "NOOP\0\r\n"
  expect reply 500|501
  send "NOOP"
  expect MUST reply 250
  send "QUIT"
end

# A NUL after the recipient must not cut the line into a valid-looking RCPT: a command with invalid
# character codes is refused (501; 500, 553 or 555 also refuse it).
case smtp.security.nul-after-address
  title "RCPT TO followed by a NUL and more text is refused"
  rfc 5321 4.1.2 MUST
  tags security nul rcpt
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send-raw "RCPT TO:<${rcpt}>\0@attacker.example\r\n"
  expect reply 501|500|553|555
  send "QUIT"
end

# A 10,000-octet EHLO name: refused (or accepted) with one reply, and the session stays usable.
case smtp.security.ehlo-huge-name
  title "EHLO with a 10,000-octet name gets one reply and the connection stays usable"
  rfc 5321 4.2 MUST
  rfc 5321 3.8 MUST
  rfc 5321 2.3.8 MAY
  tags security limits ehlo
  connect
  need greeting
  send "EHLO " + "h" * 10000
  expect reply 250|500|501|504|550
  expect silence 500ms
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A MAIL command flooded with 2,000 unknown parameters (about 20 KB): one refusal, then business as usual.
case smtp.security.parameter-flood
  title "MAIL with 2,000 parameters gets one reply and the connection stays usable"
  rfc 5321 4.2 MUST
  rfc 5321 3.8 MUST
  tags security limits mail parameters
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>" + " XMAILSPEC=1234567" * 2000
  expect reply 500|501|552|553|555
  expect silence 500ms
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# A 100,000-octet line of junk: one reply (500 "line too long" at most), not one reply per chunk.
case smtp.security.very-long-line
  title "A 100,000-octet command line gets exactly one reply"
  rfc 5321 4.2 MUST
  rfc 5321 3.8 MUST
  tags security limits command-line
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "X" * 100000
  expect reply 500|501|502
  expect silence 500ms
  send "NOOP"
  expect reply 250
  send "QUIT"
end

# 8-bit octets in a command verb: not a command, refused with one reply.
case smtp.security.eight-bit-verb
  title "A command verb with 8-bit octets is refused and the connection stays usable"
  rfc 5321 2.4 SHOULD
  rfc 5321 3.8 MUST
  tags security command-line
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "N\xc3\x96OP"
  expect reply 500|501|502
  send "NOOP"
  expect MUST reply 250
  send "QUIT"
end
