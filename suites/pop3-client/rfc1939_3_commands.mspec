# RFC 1939 §3: a command is a keyword and arguments separated by single spaces, ended by CRLF. Every
# command the client sends in this session is parsed strictly: a bare LF, a NUL or a malformed keyword
# fails the case, citing the rule.
case pop3-client.rfc1939.3.commands-are-crlf-lines
  title "The client's commands are keyword lines ended by CRLF (login, STAT, RETR, QUIT)"
  rfc 1939 3 MUST
  tags login retr quit
  send "+OK mailspec POP3 fake server ready"
  need command USER|CAPA hint "the client did not log in with USER/PASS"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capabilities follow" "USER" "UIDL" "TOP" "."
    need command USER hint "the client did not log in with USER/PASS"
  end
  send "+OK send your password"
  need command PASS
  send "+OK maildrop has 1 message (120 octets)"
  need command STAT hint "the client did not ask for STAT"
  send "+OK 1 120"
  need command RETR text /^1$/ hint "the client did not retrieve message 1"
  send "+OK 120 octets" "From: a@example.test" "Subject: hello" "" "..a line that starts with a dot" "."
  need command QUIT hint "the client did not end with QUIT"
  send "+OK bye"
end
