# RFC 1939 §3: a command is a case-insensitive keyword of three or four characters, then arguments
# separated by single spaces, ended by CRLF. Every command read in these cases is parsed strictly: a bare
# LF, a NUL, a doubled or trailing space or a malformed keyword fails the case, citing the rule.

# The commands of the AUTHORIZATION state (CAPA, USER, PASS, AUTH) are CRLF-ended keyword lines.
case pop3-client.rfc1939.3.commands-are-crlf-lines
  title "The client's first command is a keyword line ended by CRLF"
  rfc 1939 3 MUST
  tags login
  send "+OK mailspec POP3 fake server ready"
  expect command CAPA|USER|AUTH|APOP|STLS|QUIT
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "UIDL" "TOP" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "."
    expect command USER|AUTH|APOP|STLS|QUIT
  end
  if equals "${cmd.verb}" "USER"
    send "+OK send your password"
    expect command PASS|QUIT
  end
  send "-ERR [SYS/TEMP] mailspec ends the session here"
end

# Every command of the TRANSACTION state is a well-formed command line (single spaces, no trailing
# space, CRLF); the session is served to its QUIT.
case pop3-client.rfc1939.3.transaction-commands-well-formed
  title "The client's TRANSACTION commands are keyword lines with single-space arguments"
  rfc 1939 3 MUST
  tags retr quit
  include pop3-client.login
  include pop3-client.drop-two
  repeat 30
    if equals "${over}" "no"
      expect command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT
      include pop3-client.answer
    end
  end
end
