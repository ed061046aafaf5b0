# RFC 5034 (POP3 SASL): CAPA's SASL line lists the mechanisms; the client uses AUTH only with one of
# them (without the SASL capability it should not use AUTH at all, and if it does, with no initial
# response: §3). Challenges and responses are base64 lines; a challenge the client cannot decode is
# answered "*" (cancel, §4). The exchange proves the run's credentials (checked by serve-auth: a wrong
# digest, proof or encoding fails the case).

# Greeting and CAPA with the SASL mechanisms of ${mechs}; the client's AUTH read.
fixture pop3-client.until-auth
  send "+OK mailspec POP3 fake server ready"
  need command CAPA hint "the client did not send CAPA (it learns of SASL from it)"
  send "+OK capability list follows" "USER" "UIDL" "TOP" "RESP-CODES" "AUTH-RESP-CODE" "SASL ${mechs}" "."
  need command AUTH text /^${mech}\b/i hint "configure the client to log in with AUTH ${mech}"
end

# The exchange of the AUTH just read, judged; then +OK and one message served.
fixture pop3-client.auth-exchange
  serve-auth MAY
  expect equals "${auth.result}" "success"
  send "+OK logged in"
  include pop3-client.drop-one
  include pop3-client.serve-drop
end

case pop3-client.rfc5034.4.auth-plain
  title "AUTH PLAIN proves the credentials (RFC 4616 message, base64)"
  rfc 5034 4 MUST
  rfc 4616 2 MUST
  tags auth auth-plain
  set mechs "PLAIN"
  set mech "PLAIN"
  include pop3-client.until-auth
  include pop3-client.auth-exchange
end

case pop3-client.rfc5034.4.auth-login
  title "AUTH LOGIN proves the credentials (user name and password, base64)"
  rfc 5034 4 MUST
  tags auth auth-login
  set mechs "LOGIN"
  set mech "LOGIN"
  include pop3-client.until-auth
  include pop3-client.auth-exchange
end

case pop3-client.rfc5034.4.auth-cram-md5
  title "AUTH CRAM-MD5 proves the credentials (HMAC-MD5 of the challenge)"
  rfc 5034 4 MUST
  rfc 2195 2 MUST
  tags auth auth-cram-md5
  set mechs "CRAM-MD5"
  set mech "CRAM-MD5"
  include pop3-client.until-auth
  include pop3-client.auth-exchange
end

case pop3-client.rfc5034.4.auth-scram-sha-1
  title "AUTH SCRAM-SHA-1 proves the credentials (RFC 5802)"
  rfc 5034 4 MUST
  rfc 5802 5 MUST
  tags auth auth-scram
  set mechs "SCRAM-SHA-1"
  set mech "SCRAM-SHA-1"
  include pop3-client.until-auth
  include pop3-client.auth-exchange
end

case pop3-client.rfc5034.4.auth-scram-sha-256
  title "AUTH SCRAM-SHA-256 proves the credentials (RFC 5802, RFC 7677)"
  rfc 5034 4 MUST
  rfc 5802 5 MUST
  tags auth auth-scram
  set mechs "SCRAM-SHA-256"
  set mech "SCRAM-SHA-256"
  include pop3-client.until-auth
  include pop3-client.auth-exchange
end

# SASL lists CRAM-MD5 only: the client does not use another mechanism (it may log in with USER).
case pop3-client.rfc5034.3.only-advertised-mechanisms
  title "The client uses AUTH only with a mechanism CAPA lists"
  rfc 5034 3 SHOULD
  tags auth
  send "+OK mailspec POP3 fake server ready"
  need command CAPA hint "the client did not send CAPA (it learns of SASL from it)"
  send "+OK capability list follows" "USER" "UIDL" "SASL CRAM-MD5" "."
  need command USER|AUTH|APOP|QUIT hint "the client did not log in"
  if equals "${cmd.verb}" "AUTH"
    expect equals "${cmd.args}" "CRAM-MD5"
  end
  send "-ERR [SYS/TEMP] mailspec ends the session here"
end

# No SASL capability: the client should not use AUTH.
case pop3-client.rfc5034.3.no-auth-without-sasl
  title "The client does not use AUTH when CAPA lists no SASL"
  rfc 5034 3 SHOULD
  tags auth
  send "+OK mailspec POP3 fake server ready"
  need command CAPA hint "the client did not send CAPA (it learns of SASL from it)"
  send "+OK capability list follows" "USER" "UIDL" "TOP" "."
  expect command USER|APOP|QUIT
  send "-ERR [SYS/TEMP] mailspec ends the session here"
end

# No SASL capability, and the client tries AUTH all the same: then without an initial response (MUST).
case pop3-client.rfc5034.3.no-initial-response-without-sasl
  title "AUTH tried without the SASL capability carries no initial response"
  rfc 5034 3 MUST
  tags auth auth-blind
  send "+OK mailspec POP3 fake server ready"
  need command CAPA hint "the client did not send CAPA"
  send "-ERR unknown command"
  need command AUTH|USER|APOP hint "configure the client to try AUTH without the SASL capability"
  need equals "${cmd.verb}" "AUTH" hint "configure the client to try AUTH without the SASL capability"
  capture ir /^\S+ \S+ ?(.*?)\r?$/
  expect equals "${ir}" ""
  send "-ERR [SYS/TEMP] mailspec ends the session here"
end

# A challenge that is not base64: the client cancels with "*".
case pop3-client.rfc5034.4.cancel-undecodable-challenge
  title "The client answers a challenge it cannot decode with '*'"
  rfc 5034 4 MUST
  tags auth
  send "+OK mailspec POP3 fake server ready"
  need command CAPA hint "the client did not send CAPA (it learns of SASL from it)"
  send "+OK capability list follows" "USER" "SASL CRAM-MD5 LOGIN" "."
  need command AUTH text /^(CRAM-MD5|LOGIN)$/i hint "configure the client to log in with AUTH CRAM-MD5 or LOGIN"
  send "+ %%% this is not base64 %%%"
  expect line /^\*\r?\n?$/
  send "-ERR authentication cancelled"
  need command QUIT|USER|AUTH|CAPA or-closed
  send "+OK bye"
end

# AUTH refused: the client does not go on to TRANSACTION commands.
case pop3-client.rfc5034.4.refused-auth-ends-login
  title "After -ERR to AUTH the client authenticates again or quits"
  rfc 1939 4 MUST
  tags auth login
  send "+OK mailspec POP3 fake server ready"
  need command CAPA hint "the client did not send CAPA (it learns of SASL from it)"
  send "+OK capability list follows" "USER" "RESP-CODES" "AUTH-RESP-CODE" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
  need command AUTH|USER|APOP hint "configure the client to log in with AUTH"
  need equals "${cmd.verb}" "AUTH" hint "configure the client to log in with AUTH"
  serve-auth
  send "-ERR [AUTH] authentication failed"
  expect command QUIT|USER|AUTH|APOP|CAPA or-closed
  send "+OK bye"
end
