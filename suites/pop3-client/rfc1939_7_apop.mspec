# RFC 1939 §7 (APOP): a server that offers APOP puts a timestamp <...> in its greeting; the client sends
# "APOP name digest", the digest being the MD5 of the timestamp followed by the shared secret, as 32
# lower-case hex digits. Without a timestamp there is nothing to digest: no APOP.

# The digest proves the secret: MD5 of the greeting's timestamp (brackets included) and the password, as
# 32 lower-case hex digits (checked by serve-auth).
case pop3-client.rfc1939.7.apop-digest-correct
  title "The APOP digest is the MD5 of the greeting's timestamp followed by the secret"
  rfc 1939 7 MUST
  tags login apop
  send "+OK mailspec POP3 fake server ready <${uniq}.3@mailspec.test>"
  need command CAPA|APOP hint "configure the client to log in with APOP"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "UIDL" "TOP" "RESP-CODES" "."
    need command APOP hint "configure the client to log in with APOP"
  end
  serve-auth MAY
  expect equals "${auth.result}" "success"
  send "+OK logged in"
  include pop3-client.drop-one
  include pop3-client.serve-drop
end

# A greeting without a timestamp: the client logs in some other way (USER, AUTH), quits or closes.
case pop3-client.rfc1939.7.no-apop-without-timestamp
  title "The client does not send APOP when the greeting has no timestamp"
  rfc 1939 7 MUST
  tags login apop
  send "+OK mailspec POP3 fake server ready"
  expect command CAPA|USER|AUTH|STLS|QUIT or-closed
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "UIDL" "TOP" "RESP-CODES" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
    expect command USER|AUTH|STLS|QUIT or-closed
  end
  send "-ERR [SYS/TEMP] mailspec ends the session here"
end

# APOP refused: the client does not go on to TRANSACTION commands.
case pop3-client.rfc1939.7.refused-apop-ends-login
  title "After -ERR to APOP the client authenticates again or quits"
  rfc 1939 4 MUST
  tags login apop
  send "+OK mailspec POP3 fake server ready <${uniq}.2@mailspec.test>"
  need command CAPA|APOP hint "configure the client to log in with APOP"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "UIDL" "TOP" "RESP-CODES" "."
    need command APOP hint "configure the client to log in with APOP"
  end
  send "-ERR [AUTH] permission denied"
  expect command QUIT|USER|AUTH|APOP|CAPA or-closed
  send "+OK bye"
end
