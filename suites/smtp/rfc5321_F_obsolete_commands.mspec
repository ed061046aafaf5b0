# RFC 5321 Appendix F.1 (TURN) and F.6 (SEND, SOML, SAML), §4.2.4 (500 vs 502): the RFC 821 commands that
# are obsolete. A server that implements SEND/SOML/SAML must list them in its EHLO reply (F.6 MUST), so a
# server that does not list them must not carry them out. Audit: any refusal (4xx/5xx) meets that MUST;
# which refusal code (502 vs 500) is §4.2.4's SHOULD, already checked for unknown verbs by
# smtp.rfc5321.4.2.4.unknown-command-500. The three *-bad-syntax cases were removed: a malformed SEND,
# SOML or SAML is refused by exactly the servers that refuse the well-formed one, and tripped together
# with it. smtp.rfc5321.F.1.turn-with-argument was merged into turn-refused for the same reason.

# SEND (deliver to a terminal) with correct RFC 821 syntax.
case smtp.rfc5321.F.6.send-not-implemented
  title "SEND, not listed in EHLO, is refused"
  rfc 5321 F.6 MUST
  rfc 5321 4.2.4 SHOULD
  tags obsolete send
  include smtp.greeted
  send "EHLO ${helo}"
  need reply 250 text /\A(?![\s\S]*^SEND\b)/i
  send "SEND FROM:<${sender}>"
  expect reply 4xx|5xx
  send "QUIT"
end

# SOML (send or mail) with correct RFC 821 syntax.
case smtp.rfc5321.F.6.soml-not-implemented
  title "SOML, not listed in EHLO, is refused"
  rfc 5321 F.6 MUST
  rfc 5321 4.2.4 SHOULD
  tags obsolete soml
  include smtp.greeted
  send "EHLO ${helo}"
  need reply 250 text /\A(?![\s\S]*^SOML\b)/i
  send "SOML FROM:<${sender}>"
  expect reply 4xx|5xx
  send "QUIT"
end

# SAML (send and mail) with correct RFC 821 syntax.
case smtp.rfc5321.F.6.saml-not-implemented
  title "SAML, not listed in EHLO, is refused"
  rfc 5321 F.6 MUST
  rfc 5321 4.2.4 SHOULD
  tags obsolete saml
  include smtp.greeted
  send "EHLO ${helo}"
  need reply 250 text /\A(?![\s\S]*^SAML\b)/i
  send "SAML FROM:<${sender}>"
  expect reply 4xx|5xx
  send "QUIT"
end

# TURN (swap client and server roles) lets anyone divert mail; it should not be offered to an
# unauthenticated client (F.1 SHOULD): any refusal will do (not implemented, 503/530 for lack of
# authentication, 4xx).
case smtp.rfc5321.F.1.turn-refused
  title "TURN from an unauthenticated client is refused"
  rfc 5321 F.1 SHOULD
  rfc 5321 4.2.4 SHOULD
  tags obsolete turn security
  include smtp.ehlo
  send "TURN"
  expect reply 4xx|5xx
  send "QUIT"
end
