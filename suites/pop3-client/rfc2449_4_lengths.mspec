# RFC 2449 §4: the first line of a response, the greeting included, may be 512 octets long (CRLF
# included); a capability line too (§5). A client must read such lines whole and go on.

# A greeting of exactly 512 octets: the client goes on to CAPA or its login.
case pop3-client.rfc2449.4.greeting-512-octets
  title "The client accepts a greeting line of 512 octets"
  rfc 2449 4 MUST
  tags greeting limits
  send "+OK mailspec POP3 fake server ready " + "x" * 474
  expect command CAPA|USER|AUTH|APOP|STLS
  send "-ERR [SYS/TEMP] mailspec ends the session here"
end

# A capability line of 512 octets (IMPLEMENTATION with a long text): the client goes on to log in.
case pop3-client.rfc2449.4.capa-line-512-octets
  title "The client reads a capability line of 512 octets and logs in"
  rfc 2449 4 MUST
  rfc 2449 5 MUST
  tags capa limits
  send "+OK mailspec POP3 fake server ready"
  need command CAPA hint "the client did not send CAPA"
  set long "IMPLEMENTATION " + "x" * 495
  send "+OK capability list follows" "USER" "UIDL" "${long}" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
  expect command USER|AUTH|APOP|STLS
  send "-ERR [SYS/TEMP] mailspec ends the session here"
end

# The +OK line of a RETR of 512 octets: the client reads the whole message (sent in two parts, see
# pop3-client.serve-split) before its next command.
case pop3-client.rfc2449.4.status-line-512-octets
  title "The client reads a 512-octet +OK line to RETR and the message after it"
  rfc 2449 4 MUST
  tags retr limits
  include pop3-client.login
  include pop3-client.drop-two
  set drop.r1 "+OK message follows " + "x" * 490
  set split.head "From: a@example.test\r\nSubject: one\r\n\r\n"
  set split.tail "first\r\n"
  include pop3-client.serve-split
  need equals "${got1}" "yes" hint "configure the client to download mail (it did not retrieve message 1)"
end
