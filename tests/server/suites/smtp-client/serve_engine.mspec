# A small client suite of the engine's own tests (tests/server/serve_engine_test.py): `mailspec serve
# --suites-dir tests/server/suites` with faults, --by-login, a client that vanishes or hangs.

# The login fixture `mailspec serve --by-login` plays first: greeting, EHLO, AUTH (the run's password,
# any user name under --by-login), success.
fixture smtp-client.login
  send "220 mailspec.test ESMTP engine test"
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test" "250-AUTH PLAIN LOGIN" "250 8BITMIME"
  need command AUTH hint "configure the client to log in"
  # In a block, as fixtures that accept several login styles have it: --by-login still answers a name
  # naming no case before this send.
  if equals "${cmd.verb}" "AUTH"
    serve-auth
    send "235 2.7.0 authenticated"
  end
end

# One message to two recipients, then QUIT.
case smtp-client.engine.session
  title "A logged-in session delivers one message"
  rfc 5321 4.1.4 MUST
  tags engine
  include smtp-client.login
  need command MAIL hint "the client did not send MAIL"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not send RCPT"
  send "250 2.1.5 recipient ok"
  need command RCPT hint "the client did not send a second RCPT"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 end data with <CR><LF>.<CR><LF>"
  need data
  send "250 2.0.0 queued"
  expect command QUIT
  send "221 2.0.0 bye"
end

# Nothing after the login but QUIT.
case smtp-client.engine.quit-only
  title "A logged-in session ends with QUIT"
  rfc 5321 4.1.4 MUST
  tags engine
  include smtp-client.login
  expect command QUIT
  send "221 2.0.0 bye"
end

# STARTTLS, then QUIT over TLS; with --fault tls-fail the handshake fails and the case ends there.
case smtp-client.engine.starttls
  title "The client upgrades to TLS with STARTTLS"
  rfc 3207 4 MUST
  tags engine starttls
  send "220 mailspec.test ESMTP engine test"
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test" "250 STARTTLS"
  need command STARTTLS hint "configure the client to use STARTTLS"
  send "220 2.0.0 ready to start TLS"
  starttls or-end
  expect command EHLO
  send "250 mailspec.test"
  expect command QUIT
  send "221 2.0.0 bye"
end
