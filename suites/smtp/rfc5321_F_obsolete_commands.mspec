# RFC 5321 Appendix F.1 (TURN) and F.6 (SEND, SOML, SAML), §4.2.4 (500 vs 502), §4.3.2: the RFC 821
# commands that are obsolete. A server that implements SEND/SOML/SAML must list them in its EHLO reply,
# so a server that does not list them must refuse them: 502 (recognised, not implemented) or 500.

# SEND (deliver to a terminal) with correct RFC 821 syntax.
case smtp.rfc5321.F.6.send-not-implemented
  title "SEND, not listed in EHLO, is refused with 502 or 500"
  rfc 5321 F.6 MUST
  rfc 5321 4.2.4 SHOULD
  tags obsolete send
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250 text /\A(?![\s\S]*^SEND\b)/i
  send "SEND FROM:<${sender}>"
  expect reply 502|500
  send "QUIT"
end

# SOML (send or mail) with correct RFC 821 syntax.
case smtp.rfc5321.F.6.soml-not-implemented
  title "SOML, not listed in EHLO, is refused with 502 or 500"
  rfc 5321 F.6 MUST
  rfc 5321 4.2.4 SHOULD
  tags obsolete soml
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250 text /\A(?![\s\S]*^SOML\b)/i
  send "SOML FROM:<${sender}>"
  expect reply 502|500
  send "QUIT"
end

# SAML (send and mail) with correct RFC 821 syntax.
case smtp.rfc5321.F.6.saml-not-implemented
  title "SAML, not listed in EHLO, is refused with 502 or 500"
  rfc 5321 F.6 MUST
  rfc 5321 4.2.4 SHOULD
  tags obsolete saml
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250 text /\A(?![\s\S]*^SAML\b)/i
  send "SAML FROM:<${sender}>"
  expect reply 502|500
  send "QUIT"
end

# SEND with malformed syntax: refused as unimplemented or as a syntax error.
case smtp.rfc5321.F.6.send-bad-syntax
  title "SEND without an argument is refused (502, 500 or 501)"
  rfc 5321 F.6 MUST
  tags obsolete send syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250 text /\A(?![\s\S]*^SEND\b)/i
  send "SEND"
  expect reply 502|500|501
  send "QUIT"
end

# SOML with malformed syntax.
case smtp.rfc5321.F.6.soml-bad-syntax
  title "SOML TO:<...> (wrong keyword) is refused (502, 500 or 501)"
  rfc 5321 F.6 MUST
  tags obsolete soml syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250 text /\A(?![\s\S]*^SOML\b)/i
  send "SOML TO:<${rcpt}>"
  expect reply 502|500|501
  send "QUIT"
end

# SAML with malformed syntax.
case smtp.rfc5321.F.6.saml-bad-syntax
  title "SAML FROM without a path is refused (502, 500 or 501)"
  rfc 5321 F.6 MUST
  tags obsolete saml syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250 text /\A(?![\s\S]*^SAML\b)/i
  send "SAML FROM:"
  expect reply 502|500|501
  send "QUIT"
end

# TURN (swap client and server roles) lets anyone divert mail; it should not be offered to an
# unauthenticated client: not implemented (502/500), or refused for lack of authentication (503/530).
case smtp.rfc5321.F.1.turn-refused
  title "TURN from an unauthenticated client is refused"
  rfc 5321 F.1 SHOULD
  rfc 5321 4.2.4 SHOULD
  tags obsolete turn security
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "TURN"
  expect reply 502|500|503|530
  send "QUIT"
end

# TURN takes no argument; with one it is refused as well.
case smtp.rfc5321.F.1.turn-with-argument
  title "TURN with an argument is refused"
  rfc 5321 F.1 SHOULD
  tags obsolete turn syntax
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "TURN mailspec"
  expect reply 502|500|501|503|530
  send "QUIT"
end
