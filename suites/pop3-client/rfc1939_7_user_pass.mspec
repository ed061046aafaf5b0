# RFC 1939 §7 (USER, PASS) and §4: USER comes first; PASS only right after a USER answered +OK. After a
# refused USER the client may start again or QUIT; after a refused PASS it is still in the AUTHORIZATION
# state and may only authenticate again or QUIT: it must not act as if logged in.

# The greeting read, the client's CAPA (if any) answered with USER: its first login command.
fixture pop3-client.until-login
  send "+OK mailspec POP3 fake server ready"
  need command CAPA|USER|AUTH|APOP|PASS hint "the client did not log in"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "UIDL" "TOP" "RESP-CODES" "AUTH-RESP-CODE" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
    need command USER|AUTH|APOP|PASS hint "the client did not log in"
  end
end

# The login command just read carried to its last step (PASS read, or the SASL exchange done), the
# reply left to the case.
fixture pop3-client.login-before-reply
  if equals "${cmd.verb}" "USER"
    send "+OK send your password"
    need command PASS hint "the client did not send PASS after USER"
  end
  if equals "${cmd.verb}" "AUTH"
    serve-auth
  end
end

# The first authentication command is USER (or AUTH or APOP), never a PASS without USER.
case pop3-client.rfc1939.7.user-before-pass
  title "The client sends USER before PASS"
  rfc 1939 7 MUST
  tags login user-pass
  send "+OK mailspec POP3 fake server ready"
  expect command CAPA|USER|AUTH|APOP|STLS
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "UIDL" "TOP" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
    expect command USER|AUTH|APOP|STLS
  end
  send "-ERR [SYS/TEMP] mailspec ends the session here"
end

# USER refused: the client does not send PASS (it may try again or QUIT).
case pop3-client.rfc1939.7.no-pass-after-refused-user
  title "After -ERR to USER the client does not send PASS"
  rfc 1939 7 MUST
  tags login user-pass
  include pop3-client.until-login
  need equals "${cmd.verb}" "USER" hint "configure the client to log in with USER/PASS"
  send "-ERR no such mailbox"
  expect command QUIT|USER|AUTH|APOP|CAPA or-closed
  send "+OK bye"
end

# PASS refused: the client does not go on to TRANSACTION commands.
case pop3-client.rfc1939.4.refused-pass-ends-login
  title "After -ERR to PASS the client authenticates again or quits"
  rfc 1939 4 MUST
  tags login user-pass
  include pop3-client.until-login
  need equals "${cmd.verb}" "USER" hint "configure the client to log in with USER/PASS"
  include pop3-client.login-before-reply
  send "-ERR invalid user name or password"
  expect command QUIT|USER|AUTH|APOP|CAPA or-closed
  send "+OK bye"
end
