# Logging in: LOGIN and AUTHENTICATE (RFC 9051 §6.2.2, §6.2.3, RFC 3501 §6.2, RFC 4959 SASL-IR).

# RFC 9051 §6.2.3, RFC 3501 §7.2.1, RFC 2595 §3.2: with LOGINDISABLED advertised the client must not
# send LOGIN; it may authenticate with AUTHENTICATE, or give up (LOGOUT, close).
case imap-client.rfc9051.6.2.3.logindisabled
  title "The client does not send LOGIN when LOGINDISABLED is advertised"
  rfc 9051 6.2.3 MUST
  rfc 3501 7.2.1 MUST
  rfc 2595 3.2 MUST
  tags login logindisabled
  include imap-client.defaults
  set caps "IMAP4rev1 LOGINDISABLED ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  send "* OK [CAPABILITY ${caps}] mailspec IMAP fake server ready"
  expect command CAPABILITY|AUTHENTICATE|LOGOUT or-closed
  if equals "${cmd.verb}" "CAPABILITY"
    send "* CAPABILITY ${caps}" "${cmd.tag} OK CAPABILITY completed"
    expect command AUTHENTICATE|LOGOUT or-closed
  end
  if equals "${cmd.verb}" "LOGOUT"
    send "* BYE logging out" "${cmd.tag} OK LOGOUT completed"
  else
    include imap-client.credentials
    send "${logintag} OK ${postcaps}logged in"
    include imap-client.rest
  end
end

# RFC 9051 §2.2.1 and §4.3 (RFC 3501 §4.3): LOGIN's arguments are astrings; a password holding a double
# quote, a backslash or a space must be sent as a quoted string with escapes, or as a literal. The
# command is parsed strictly and the decoded password must be the run's. Tag login-special-password:
# run mailspec serve with such a password (--password-env) and configure the client with it.
case imap-client.rfc9051.6.2.3.login-quoting
  title "LOGIN sends a password with quotes, backslashes and spaces correctly quoted or as a literal"
  rfc 9051 2.2.1 MUST
  rfc 3501 2.2.1 MUST
  tags login login-special-password
  include imap-client.defaults
  send "* OK [CAPABILITY ${caps}] mailspec IMAP fake server ready"
  expect command CAPABILITY|LOGIN|AUTHENTICATE
  if equals "${cmd.verb}" "CAPABILITY"
    send "* CAPABILITY ${caps}" "${cmd.tag} OK CAPABILITY completed"
    expect command LOGIN|AUTHENTICATE
  end
  need equals "${cmd.verb}" "LOGIN" hint "configure the client to log in with LOGIN (not AUTHENTICATE)"
  need equals "${cmd.arg1}" "${user}" hint "configure the client with the user name given to mailspec serve (--user, default alice)"
  expect equals "${cmd.arg2}" "${password}"
  send "${cmd.tag} OK ${postcaps}logged in"
  include imap-client.rest
end

# RFC 9051 §3.1 and §6.2.3: a LOGIN answered NO leaves the session unauthenticated; the client may try
# again, ask for capabilities or log out, but must not go on as if logged in (SELECT, LIST, ...).
case imap-client.rfc9051.3.1.login-refused
  title "After a refused login the client sends no command that needs authentication"
  rfc 9051 3.1 MUST
  rfc 3501 3.1 MUST
  tags login
  include imap-client.defaults
  set caps "IMAP4rev1 ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  send "* OK [CAPABILITY ${caps}] mailspec IMAP fake server ready"
  need command CAPABILITY|LOGIN|AUTHENTICATE hint "configure the client to log in (LOGIN or AUTHENTICATE) without STARTTLS"
  if equals "${cmd.verb}" "CAPABILITY"
    send "* CAPABILITY ${caps}" "${cmd.tag} OK CAPABILITY completed"
    need command LOGIN|AUTHENTICATE hint "configure the client to log in (LOGIN or AUTHENTICATE) without STARTTLS"
  end
  send "${cmd.tag} NO [AUTHENTICATIONFAILED] invalid credentials"
  expect command CAPABILITY|LOGIN|AUTHENTICATE|LOGOUT or-closed
  if equals "${cmd.verb}" "LOGOUT"
    send "* BYE logging out" "${cmd.tag} OK LOGOUT completed"
  else
    send "${cmd.tag} NO [AUTHENTICATIONFAILED] invalid credentials"
  end
end

# RFC 9051 §6.2.2, RFC 4616: AUTHENTICATE PLAIN, played by serve-auth with the run's credentials; the
# exchange must prove them (a wrong message, bad base64 or wrong credentials fail).
case imap-client.rfc9051.6.2.2.authenticate-plain
  title "AUTHENTICATE PLAIN proves the configured credentials"
  rfc 9051 6.2.2 MUST
  rfc 4616 2 MUST
  tags auth auth-plain
  include imap-client.defaults
  set caps "IMAP4rev1 ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN"
  include imap-client.sasl-begin
  need equals "${cmd.arg1}" "PLAIN" hint "configure the client to authenticate with PLAIN"
  include imap-client.sasl-check
end

# RFC 9051 §6.2.2: AUTHENTICATE LOGIN (the user name and password prompts, each answer base64).
case imap-client.rfc9051.6.2.2.authenticate-login
  title "AUTHENTICATE LOGIN proves the configured credentials"
  rfc 9051 6.2.2 MUST
  tags auth auth-login
  include imap-client.defaults
  set caps "IMAP4rev1 ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=LOGIN"
  include imap-client.sasl-begin
  need equals "${cmd.arg1}" "LOGIN" hint "configure the client to authenticate with the LOGIN mechanism"
  include imap-client.sasl-check
end

# RFC 9051 §6.2.2, RFC 2195 §2: AUTHENTICATE CRAM-MD5 (HMAC-MD5 of the server's challenge).
case imap-client.rfc2195.2.authenticate-cram-md5
  title "AUTHENTICATE CRAM-MD5 answers the challenge with the right HMAC-MD5 digest"
  rfc 2195 2 MUST
  rfc 9051 6.2.2 MUST
  tags auth auth-cram-md5
  include imap-client.defaults
  set caps "IMAP4rev1 ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=CRAM-MD5"
  include imap-client.sasl-begin
  need equals "${cmd.arg1}" "CRAM-MD5" hint "configure the client to authenticate with CRAM-MD5"
  include imap-client.sasl-check
end

# RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 (SCRAM-SHA-256): the client's proof must verify.
case imap-client.rfc5802.5.authenticate-scram-sha-1
  title "AUTHENTICATE SCRAM-SHA-1 sends a proof that verifies"
  rfc 5802 5 MUST
  rfc 9051 6.2.2 MUST
  tags auth auth-scram
  include imap-client.defaults
  set caps "IMAP4rev1 ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=SCRAM-SHA-1"
  include imap-client.sasl-begin
  need equals "${cmd.arg1}" "SCRAM-SHA-1" hint "configure the client to authenticate with SCRAM-SHA-1"
  include imap-client.sasl-check
end

case imap-client.rfc7677.3.authenticate-scram-sha-256
  title "AUTHENTICATE SCRAM-SHA-256 sends a proof that verifies"
  rfc 7677 3 MUST
  rfc 5802 5 MUST
  tags auth auth-scram
  include imap-client.defaults
  set caps "IMAP4rev1 ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=SCRAM-SHA-256"
  include imap-client.sasl-begin
  need equals "${cmd.arg1}" "SCRAM-SHA-256" hint "configure the client to authenticate with SCRAM-SHA-256"
  include imap-client.sasl-check
end

# RFC 4959 §3: a client must not send an initial response to a server that does not advertise SASL-IR.
case imap-client.rfc4959.3.no-initial-response-unadvertised
  title "Without SASL-IR advertised, AUTHENTICATE carries no initial response"
  rfc 4959 3 MUST
  tags auth auth-plain sasl-ir
  include imap-client.defaults
  set caps "IMAP4rev1 ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN"
  include imap-client.sasl-begin
  expect equals "${cmd.argc}" "1"
  include imap-client.sasl-check
end

# RFC 4959 §3: with SASL-IR advertised the client may send PLAIN's response with the command, saving a
# round trip (MAY: reported as info when it does not).
case imap-client.rfc4959.3.initial-response-when-advertised
  title "With SASL-IR advertised, AUTHENTICATE PLAIN carries the initial response"
  rfc 4959 3 MAY
  tags auth auth-plain sasl-ir
  include imap-client.defaults
  set caps "IMAP4rev1 SASL-IR ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN"
  include imap-client.sasl-begin
  need equals "${cmd.arg1}" "PLAIN" hint "configure the client to authenticate with PLAIN"
  expect equals "${cmd.argc}" "2"
  include imap-client.sasl-check
end

# Greeting with `${caps}`, the client's optional CAPABILITY answered, its AUTHENTICATE read.
fixture imap-client.sasl-begin
  set postcaps "[CAPABILITY ${caps}] "
  send "* OK [CAPABILITY ${caps}] mailspec IMAP fake server ready"
  need command CAPABILITY|LOGIN|AUTHENTICATE hint "configure the client to authenticate with AUTHENTICATE (SASL)"
  if equals "${cmd.verb}" "CAPABILITY"
    send "* CAPABILITY ${caps}" "${cmd.tag} OK CAPABILITY completed"
    need command LOGIN|AUTHENTICATE hint "configure the client to authenticate with AUTHENTICATE (SASL)"
  end
  need equals "${cmd.verb}" "AUTHENTICATE" hint "configure the client to authenticate with AUTHENTICATE (SASL), not LOGIN"
end

# The SASL exchange played (serve-auth; its own verdict is only reported, MAY), the outcome checked at the
# case's level, then the rest of the session.
fixture imap-client.sasl-check
  set logintag "${cmd.tag}"
  serve-auth MAY
  expect equals "${auth.result}" "success"
  send "${logintag} OK ${postcaps}logged in"
  include imap-client.rest
end
