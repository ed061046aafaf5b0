# RFC 9051 §6.2.3 and §2.2.1: a client logs in, selects a mailbox and fetches, tagging every command;
# each command it sends is parsed strictly (RFC 9051 §9), so a malformed one fails the case.
case imap-client.rfc9051.6.2.3.login-select-fetch
  title "The client logs in, selects INBOX, fetches and logs out with well-formed tagged commands"
  rfc 9051 6.2.3 MUST
  tags login select fetch
  send "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] mailspec IMAP fake server ready"
  need command CAPABILITY|LOGIN hint "the client did not log in with LOGIN"
  if equals "${cmd.verb}" "CAPABILITY"
    send "* CAPABILITY IMAP4rev1 AUTH=PLAIN" "${cmd.tag} OK CAPABILITY completed"
    need command LOGIN hint "the client did not log in with LOGIN"
  end
  send "${cmd.tag} OK [CAPABILITY IMAP4rev1] logged in"
  need command SELECT|EXAMINE text /INBOX/i hint "the client did not select INBOX"
  send "* 1 EXISTS" "* 0 RECENT" "* FLAGS (\\Seen \\Deleted)" "* OK [UIDVALIDITY 7] ok" "* OK [UIDNEXT 2] ok" "${cmd.tag} OK [READ-WRITE] SELECT completed"
  need command FETCH|UID hint "the client did not fetch"
  send "* 1 FETCH (FLAGS (\\Seen) RFC822.SIZE 120)" "${cmd.tag} OK FETCH completed"
  need command LOGOUT hint "the client did not log out"
  send "* BYE logging out" "${cmd.tag} OK LOGOUT completed"
end
