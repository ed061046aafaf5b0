# RFC 2449 §5 and §7: CAPA may be answered -ERR by a server that does not implement it; the client then
# probes as before. Clients must not require any extension for basic operation (log in, list, retrieve,
# delete) other than the authentication commands. UIDL and TOP are optional (RFC 1939 §7): used only
# when advertised, or tried and their -ERR taken as "not here".

# The greeting, then the capability list of ${capa} (raw; "-ERR ..." for a server without CAPA), then the
# client's login checked and accepted.
fixture pop3-client.login-capa
  send "+OK mailspec POP3 fake server ready"
  need command CAPA|USER|AUTH hint "the client did not log in with USER/PASS or AUTH"
  if equals "${cmd.verb}" "CAPA"
    send-raw "${capa}"
    need command USER|AUTH hint "the client did not log in with USER/PASS or AUTH"
  end
  include pop3-client.credentials
end

# CAPA refused: the client still logs in with USER/PASS.
case pop3-client.rfc2449.7.capa-refused-login-goes-on
  title "When CAPA is answered -ERR the client still logs in"
  rfc 2449 7 MUST
  tags capa login
  send "+OK mailspec POP3 fake server ready"
  need command CAPA hint "the client did not send CAPA"
  send "-ERR unknown command"
  expect command USER|APOP|AUTH
  include pop3-client.credentials
  include pop3-client.drop-one
  include pop3-client.serve-drop
end

# No CAPA, and UIDL refused: the client retrieves the messages all the same.
case pop3-client.rfc2449.7.uidl-refused-retrieval-goes-on
  title "When UIDL is refused the client still retrieves the messages"
  rfc 2449 7 MUST
  rfc 1939 7 MUST
  tags uidl capa retr
  set capa "-ERR unknown command\r\n"
  include pop3-client.login-capa
  include pop3-client.drop-two
  set drop.uidl.err "-ERR unknown command"
  set drop.capa "-ERR unknown command\r\n"
  include pop3-client.serve-drop
  need equals "${sent.uidl}" "yes" hint "the client did not ask for UIDL (configure it to keep mail on the server, which needs UIDL)"
  expect equals "${got1}" "yes"
end

# UIDL lists two messages with the same unique-id (a copy of a message): the client copes and ends the
# session with QUIT.
case pop3-client.rfc1939.7.duplicate-unique-ids
  title "The client copes with two messages sharing a unique-id"
  rfc 1939 7 SHOULD
  tags uidl
  include pop3-client.login
  include pop3-client.drop-two
  set drop.uidl "1 mailspec-${uniq}-same\r\n2 mailspec-${uniq}-same\r\n"
  repeat 30
    if equals "${over}" "no"
      expect command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT
      include pop3-client.answer
    end
  end
end
