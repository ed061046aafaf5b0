# RFC 2449 §6.6: the PIPELINING capability tells the client it need not wait for a reply before sending
# the next command; without it, the client sends one command and waits. A pipelining client matches the
# replies to its commands in order.

# No PIPELINING: after each command the server waits before answering; nothing more may arrive.
case pop3-client.rfc2449.6.6.no-pipelining-unadvertised
  title "Without PIPELINING the client waits for each reply (USER, RETR)"
  rfc 2449 6.6 SHOULD
  tags pipelining login retr
  send "+OK mailspec POP3 fake server ready"
  need command CAPA|USER|AUTH hint "the client did not log in with USER/PASS or AUTH"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "UIDL" "TOP" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
    need command USER|AUTH hint "the client did not log in with USER/PASS or AUTH"
  end
  expect silence 500ms
  include pop3-client.credentials
  include pop3-client.drop-two
  set drop.capa "+OK capability list follows\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n"
  repeat 30
    if equals "${over}" "no"
      need command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT hint "the client left the session without QUIT"
      if equals "${cmd.verb}" "RETR"
        expect silence 500ms
      end
      include pop3-client.answer
    end
  end
end

# PIPELINING advertised; RETR 1 refused, RETR 2 served: whether the client pipelined or not, it does
# not delete message 1 (a client pairing replies out of order would).
case pop3-client.rfc2449.6.6.replies-matched-in-order
  title "A pipelining client matches replies to commands in order (the refused RETR is not deleted)"
  rfc 2449 6.6 MUST
  tags pipelining retr dele
  set capa "+OK capability list follows\r\nUSER\r\nUIDL\r\nTOP\r\nPIPELINING\r\nRESP-CODES\r\nSASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256\r\n.\r\n"
  include pop3-client.login-capa
  include pop3-client.drop-two
  set drop.capa "${capa}"
  set drop.e1 "-ERR [SYS/TEMP] message 1 is unavailable for now"
  include pop3-client.serve-drop
  need equals "${got2}" "yes" hint "configure the client to download mail (it did not retrieve message 2)"
  expect equals "${del1}" "no"
end
