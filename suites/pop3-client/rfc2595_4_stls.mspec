# RFC 2595 §4 (STLS): the client learns of STLS from CAPA; once it sends STLS it sends nothing until the
# reply and the TLS handshake are done; after TLS it forgets the capabilities learnt before (MUST) and
# asks CAPA again (SHOULD); nothing received in clear before the handshake counts as a TLS-protected
# reply (§9). A client configured to require TLS never logs in without it (RFC 2595 §2.2, §2.3; RFC 8314
# §5.2), whether STLS is missing from CAPA (stripped by an attacker) or refused.

# Greeting, CAPA answered with STLS (a second CAPA too: some clients ask again right before STLS),
# STLS read: the reply is the case's.
fixture pop3-client.until-stls
  send "+OK mailspec POP3 fake server ready"
  need command CAPA hint "the client did not send CAPA (it learns of STLS from it)"
  send "+OK capability list follows" "STLS" "USER" "UIDL" "TOP" "PIPELINING" "SASL PLAIN LOGIN" "."
  need command STLS|CAPA hint "configure the client to use STLS"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "STLS" "USER" "UIDL" "TOP" "PIPELINING" "SASL PLAIN LOGIN" "."
    need command STLS hint "configure the client to use STLS"
  end
end

# After the handshake: the client's CAPA (if any) answered, its login accepted, one message served.
fixture pop3-client.after-tls
  need command CAPA|USER|AUTH hint "the client did not log in after STLS"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "UIDL" "TOP" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
    need command USER|AUTH hint "the client did not log in after STLS"
  end
  include pop3-client.credentials
  include pop3-client.drop-one
  include pop3-client.serve-drop
end

# Nothing follows STLS before its reply: the server waits half a second before answering.
case pop3-client.rfc2595.4.nothing-after-stls
  title "After STLS the client sends nothing until the reply and the handshake"
  rfc 2595 4 MUST
  tags starttls tls
  requires plain
  include pop3-client.until-stls
  expect silence 500ms
  send "+OK begin TLS negotiation"
  starttls
  include pop3-client.after-tls
end

# After the handshake the client asks CAPA again.
case pop3-client.rfc2595.4.capa-after-stls
  title "After STLS the client sends CAPA again"
  rfc 2595 4 SHOULD
  tags starttls tls capa
  requires plain
  include pop3-client.until-stls
  send "+OK begin TLS negotiation"
  starttls
  need command CAPA|USER|AUTH hint "the client did not log in after STLS"
  expect equals "${cmd.verb}" "CAPA"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "UIDL" "TOP" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
    need command USER|AUTH hint "the client did not log in after STLS"
  end
  include pop3-client.credentials
  include pop3-client.drop-one
  include pop3-client.serve-drop
end

# Before TLS, CAPA offers SASL PLAIN; after TLS it offers only CRAM-MD5. A client that kept what it
# learnt in clear sends AUTH PLAIN with an initial response, which it may only do knowing PLAIN is
# offered (RFC 5034 §3): it used the discarded capability list.
case pop3-client.rfc2595.4.capabilities-forgotten
  title "After STLS the client does not use the SASL mechanisms advertised before TLS"
  rfc 2595 4 MUST
  rfc 5034 3 MUST
  tags starttls tls auth auth-plain
  requires plain
  include pop3-client.until-stls
  send "+OK begin TLS negotiation"
  starttls
  need command CAPA|USER|AUTH hint "the client did not log in after STLS"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "UIDL" "SASL CRAM-MD5" "."
    need command USER|AUTH hint "the client did not log in after STLS"
  end
  # "PLAIN" when the login is AUTH PLAIN with an initial response, else empty (the blob is not quoted).
  capture plain_ir /^[Aa][Uu][Tt][Hh] ([Pp][Ll][Aa][Ii][Nn])(?= \S)|^/
  expect equals "${plain_ir}" ""
  include pop3-client.credentials
  include pop3-client.drop-one
  include pop3-client.serve-drop
end

# Plaintext injected right after the +OK to STLS ("+OK" and "." lines, sent in the same write): the
# client drops it. A client that kept it reads it as the reply to its first command after TLS and sends
# its next command before the server has answered.
case pop3-client.rfc2595.9.injected-reply-ignored
  title "Octets received in clear with the STLS reply are not taken as a reply after TLS"
  rfc 2595 9 MUST
  tags starttls tls security
  requires plain
  include pop3-client.until-stls
  send-raw "+OK begin TLS negotiation\r\n+OK injected\r\n.\r\n"
  # A client whose handshake fails on the injected octets has not taken them as a reply: safe, the case ends.
  starttls or-end
  need command CAPA|USER|AUTH hint "the client did not log in after STLS"
  expect silence 500ms
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "UIDL" "TOP" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
    need command USER|AUTH hint "the client did not log in after STLS"
  end
  include pop3-client.credentials
  include pop3-client.drop-one
  include pop3-client.serve-drop
end

# CAPA without STLS (an attacker stripped it): a client that requires TLS sends no credentials; it may
# try STLS all the same (refused here), ask CAPA again, or quit.
case pop3-client.rfc8314.5.2.stls-stripped
  title "A client requiring TLS does not log in when CAPA lacks STLS"
  rfc 8314 5.2 MUST
  rfc 2595 2.2 SHOULD
  tags starttls tls-required security
  requires plain
  send "+OK mailspec POP3 fake server ready"
  need command CAPA hint "the client did not send CAPA (it learns of STLS from it)"
  send "+OK capability list follows" "USER" "UIDL" "TOP" "SASL PLAIN LOGIN" "."
  expect command QUIT|STLS|CAPA or-closed
  if equals "${cmd.verb}" "STLS"
    send "-ERR not available"
    expect command QUIT|CAPA or-closed
  end
  send "+OK bye"
end

# STLS refused: a client that requires TLS sends no credentials and quits.
case pop3-client.rfc8314.5.2.stls-refused
  title "A client requiring TLS does not log in when STLS is refused"
  rfc 8314 5.2 MUST
  rfc 2595 2.2 SHOULD
  tags starttls tls-required security
  requires plain
  include pop3-client.until-stls
  send "-ERR [SYS/TEMP] TLS is not available now"
  expect command QUIT|CAPA or-closed
  send "+OK bye"
end
