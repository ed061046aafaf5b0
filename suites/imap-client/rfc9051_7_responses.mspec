# RFC 9051 §2.2.2 and §7 (RFC 3501 the same): a client must be prepared to accept any response at any
# time. In each case the fake server sends something a client may not expect at that point; the check is
# that the client goes on with a well-formed command (it does not choke, close or hang).

# RFC 9051 §7.1: a response code the client does not know is ignored (here in an untagged OK inside the
# SELECT reply).
case imap-client.rfc9051.7.1.unknown-response-code
  title "An unknown response code ([XYZZY ...]) is ignored"
  rfc 9051 7.1 MUST
  rfc 3501 7.1 SHOULD
  tags responses
  include imap-client.login
  set inject.select "* OK [XYZZY 1 (2 3)] an extension code this client does not know\r\n"
  include imap-client.until-selected
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7.1: the same in the tagged OK that completes SELECT.
case imap-client.rfc9051.7.1.unknown-code-in-tagged-ok
  title "An unknown response code in a tagged OK is ignored; the command succeeded"
  rfc 9051 7.1 MUST
  tags responses
  include imap-client.login
  set selectcode "[X-MAILSPEC-UNKNOWN somevalue] "
  include imap-client.until-selected
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7 and §2.2.2: untagged data of an unknown kind (an extension's response) arrives; the client
# must accept it and go on.
case imap-client.rfc9051.7.unknown-untagged-data
  title "Untagged data of an unknown kind (* XYZZY ...) is accepted and ignored"
  rfc 9051 7 MUST
  rfc 9051 2.2.2 MUST
  rfc 3501 7 MUST
  tags responses
  include imap-client.login
  set inject.select "* XYZZY (1 2 3) \"some extension data\"\r\n"
  include imap-client.until-selected
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7.2.2 (RFC 3501 §7.2.1): capability names the client does not know are ignored; it logs in as
# usual.
case imap-client.rfc9051.7.2.2.unknown-capabilities
  title "Unknown capability names in the greeting and CAPABILITY response are ignored"
  rfc 9051 7.2.2 MUST
  rfc 3501 7.2.1 MUST
  tags responses capability
  include imap-client.defaults
  set caps "IMAP4rev1 X-MAILSPEC-UNKNOWN XYZZY=1 XYZZY=2 AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  send "* OK [CAPABILITY ${caps}] mailspec IMAP fake server ready"
  expect command CAPABILITY|LOGIN|AUTHENTICATE
  if equals "${cmd.verb}" "CAPABILITY"
    send "* CAPABILITY ${caps}" "${cmd.tag} OK CAPABILITY completed"
    expect command LOGIN|AUTHENTICATE
  end
  include imap-client.credentials
  send "${logintag} OK ${postcaps}logged in"
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7.1: an ALERT is shown to the user (not observable here); the session goes on.
case imap-client.rfc9051.7.1.alert
  title "An untagged OK [ALERT] does not stop the client"
  rfc 9051 7.1 MUST
  rfc 9051 2.2.2 MUST
  tags responses
  include imap-client.login
  set inject.select "* OK [ALERT] The server will be down for maintenance tonight\r\n"
  include imap-client.until-selected
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7.4.1 (RFC 3501 §7.3.1): EXISTS may arrive in the middle of a FETCH reply (new mail); the
# client records the new size and goes on.
case imap-client.rfc9051.7.4.1.exists-during-fetch
  title "An EXISTS in the middle of a FETCH reply is accepted"
  rfc 9051 7.4.1 MUST
  rfc 3501 7.3.1 MUST
  tags responses fetch
  include imap-client.login
  set fetchreply "* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 64)\r\n* 3 EXISTS\r\n* 2 FETCH (UID 2 FLAGS () RFC822.SIZE 70)\r\n"
  include imap-client.until-fetched
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 3501 §7.3.2: RECENT (gone from IMAP4rev2, still sent by IMAP4rev1 servers) may come at any time.
case imap-client.rfc3501.7.3.2.recent-any-time
  title "A RECENT response in the middle of a FETCH reply is accepted"
  rfc 3501 7.3.2 MUST
  tags responses fetch
  include imap-client.login
  set inject.fetch "* 1 RECENT\r\n"
  include imap-client.until-fetched
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7.3.5 (RFC 3501 §7.2.6): a FLAGS response with new keywords may come at any time; the client
# records it.
case imap-client.rfc9051.7.3.5.flags-any-time
  title "A FLAGS response with new keywords in the middle of a session is accepted"
  rfc 9051 7.3.5 MUST
  rfc 3501 7.2.6 MUST
  tags responses fetch
  include imap-client.login
  set inject.fetch "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded $Junk)\r\n"
  include imap-client.until-fetched
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §2.2.2 and §7.5.2: the server may send FETCH data for messages the client did not ask about
# (a flag change made by another session), interleaved with the data it asked for.
case imap-client.rfc9051.7.5.2.unsolicited-fetch
  title "Unsolicited FETCH data (another message's flags) inside a FETCH reply is accepted"
  rfc 9051 2.2.2 MUST
  rfc 9051 7.5.2 MUST
  tags responses fetch
  include imap-client.login
  set fetchreply "* 2 FETCH (FLAGS (\\Deleted \\Seen))\r\n* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 64)\r\n* OK [UIDNEXT 101] predicted next UID\r\n"
  include imap-client.until-fetched
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §2.2.2: responses do not follow TCP segments; here the SELECT reply comes in small pieces,
# a line cut in the middle, with pauses between them.
case imap-client.rfc9051.2.2.2.responses-split-across-writes
  title "Responses split across several TCP writes are read whole"
  rfc 9051 2.2.2 MUST
  tags responses
  include imap-client.login
  repeat 10
    if equals "${over}${selected}" ""
      need command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|LOGOUT hint "the client sent a command this fake server does not play before SELECT"
      include imap-client.took
      if equals "${v}" "SELECT"
        send-raw "* 2 EXI"
        sleep 150ms
        send-raw "STS\r\n* 0 RECENT\r\n* FLAGS (\\Seen \\Del"
        sleep 150ms
        send-raw "eted)\r\n* OK [UIDVALIDITY 7] UIDs valid\r\n${t} OK [READ-WR"
        sleep 150ms
        send-raw "ITE] SELECT completed\r\n"
        set selected "yes"
      else
        include imap-client.answer
      end
    end
  end
  need equals "${selected}" "yes" hint "configure the client to open INBOX with SELECT"
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §4.3 and §7.5.2: a message body comes as a literal {n} inside the FETCH response.
case imap-client.rfc9051.7.5.2.fetch-body-literal
  title "A FETCH response carrying BODY[] as a literal is read whole"
  rfc 9051 7.5.2 MUST
  rfc 9051 4.3 MUST
  tags responses fetch literal
  include imap-client.login
  set fetchreply "* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 61 BODY[] {61}\r\nFrom: a@example.test\r\nSubject: hi\r\n\r\nA body with ) and { 2}\r\n)\r\n"
  include imap-client.until-fetched
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7.5.2 and §9: any string in an ENVELOPE may be a literal (here the subject, which holds a
# double quote and a CRLF).
case imap-client.rfc9051.7.5.2.envelope-literal
  title "An ENVELOPE whose subject is a literal is read"
  rfc 9051 7.5.2 MUST
  rfc 9051 9 MUST
  tags responses fetch literal
  include imap-client.login
  set fetchreply "* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 64 ENVELOPE (\"Mon, 7 Dec 2026 10:00:00 +0000\" {13}\r\nsay \"hi\"\r\n :) ((\"Ann\" NIL \"ann\" \"example.test\")) NIL NIL ((NIL NIL \"bob\" \"example.test\")) NIL NIL NIL \"<1@example.test>\"))\r\n"
  include imap-client.until-fetched
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §4.3: a literal may be empty ({0}).
case imap-client.rfc9051.4.3.zero-length-literal
  title "A zero-length literal {0} in a FETCH response is read"
  rfc 9051 4.3 MUST
  rfc 9051 2.2.2 MUST
  tags responses fetch literal
  include imap-client.login
  set fetchreply "* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 0 BODY[] {0}\r\n)\r\n"
  include imap-client.until-fetched
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7.5.2 and §9 (RFC 3501 §7.4.2): a BODYSTRUCTURE may carry extension data (MD5, disposition,
# language, location and fields of future extensions); a client must accept it.
case imap-client.rfc9051.9.body-extension-data
  title "A BODYSTRUCTURE with extension data is accepted"
  rfc 9051 9 MUST
  rfc 3501 7.4.2 MUST
  tags responses fetch
  include imap-client.login
  set fetchreply "* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 64 BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 12 1 NIL (\"inline\" NIL) NIL NIL (1 (\"future\" 2) {3}\r\nabc)))\r\n"
  include imap-client.until-fetched
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §9 (RFC 3501 §9): flags outside the system set (keywords, \Extension flags) must be accepted.
case imap-client.rfc9051.9.flag-extension
  title "FETCH FLAGS holding keywords and an unknown \\Flag are accepted"
  rfc 9051 9 MUST
  rfc 3501 9 MUST
  tags responses fetch
  include imap-client.login
  set fetchreply "* 1 FETCH (UID 1 FLAGS (\\Seen $Forwarded $MDNSent \\XUnknownFlag NonJunk) RFC822.SIZE 64)\r\n"
  include imap-client.until-fetched
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7.2.2 and §2.2.2: an untagged CAPABILITY may come with another command's reply.
case imap-client.rfc9051.7.2.2.capability-any-time
  title "An untagged CAPABILITY response inside a SELECT reply is accepted"
  rfc 9051 2.2.2 MUST
  rfc 9051 7.2.2 MUST
  tags responses capability
  include imap-client.login
  set inject.select "* CAPABILITY ${caps}\r\n"
  include imap-client.until-selected
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7.5.1 (RFC 3501 §7.4.1): after an EXPUNGE, the messages after it are renumbered and the
# mailbox holds one message less. Three messages; message 2 is expunged during the first UID FETCH (where
# EXPUNGE is allowed); afterwards no command by message number may name a number above 2.
case imap-client.rfc9051.7.5.1.expunge-renumbers
  title "After an EXPUNGE the client uses the new message numbers"
  rfc 9051 7.5.1 MUST
  rfc 3501 7.4.1 MUST
  tags responses expunge fetch
  include imap-client.login
  set exists "3"
  set fetchreply "* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 64)\r\n* 2 FETCH (UID 2 FLAGS () RFC822.SIZE 64)\r\n* 3 FETCH (UID 3 FLAGS () RFC822.SIZE 64)\r\n"
  set inject.uidfetch "* 2 EXPUNGE\r\n"
  set checked ""
  set expunged ""
  repeat 14
    if equals "${over}${checked}" ""
      include imap-client.serve-one
      if equals "${fetched}" "yes"
        if differs "${seqmax}" ""
          if differs "${expunged}" ""
            if not less "${seqmax}" "3"
              expect equals "${cmd.line}" "a command naming message numbers up to 2 (3 messages, then message 2 expunged)"
            end
            set checked "yes"
          end
        end
        if equals "${u}" "UID "
          set expunged "yes"
        end
      end
    end
  end
  need equals "${checked}" "yes" hint "the client used no message numbers after the EXPUNGE (it fetches by UID only, or did not fetch by UID first)"
  include imap-client.rest
end

# RFC 9051 §7.4.1 and §5.2: the client keeps the mailbox size SELECT reported; it never fetches a message
# number above it (here 2 messages).
case imap-client.rfc9051.7.4.1.fetch-within-exists
  title "The client does not fetch a message number beyond what EXISTS reported"
  rfc 9051 7.4.1 MUST
  rfc 9051 5.2 MUST
  tags responses fetch
  include imap-client.login
  set checked ""
  repeat 14
    if equals "${over}${checked}" ""
      include imap-client.serve-one
      if differs "${seqmax}" ""
        if not less "${seqmax}" "3"
          expect equals "${cmd.line}" "a command naming message numbers up to 2 (SELECT reported 2 EXISTS)"
        end
        set checked "yes"
      end
    end
  end
  need equals "${checked}" "yes" hint "configure the client to fetch messages by number (FETCH, STORE, COPY or MOVE without UID)"
  include imap-client.rest
end

# RFC 9051 §7.1.5: a BYE greeting means the server will not serve this connection; the client closes
# (or waits for the close) and does not try to log in.
case imap-client.rfc9051.7.1.5.bye-greeting
  title "After a BYE greeting the client does not log in"
  rfc 9051 7.1.5 SHOULD
  rfc 3501 7.1.5 SHOULD
  tags greeting bye
  send "* BYE too many connections from your address, try later"
  expect silence 2s or-closed
end

# RFC 9051 §7.1.4 and §3: a PREAUTH greeting puts the session in the authenticated state at once;
# LOGIN and AUTHENTICATE belong to the not-authenticated state and must not be sent (they would also
# hand the password to a server that did not ask for it). Closing the connection passes too.
case imap-client.rfc9051.7.1.4.preauth-no-login
  title "After a PREAUTH greeting the client does not send LOGIN or AUTHENTICATE"
  rfc 9051 7.1.4 MUST
  rfc 9051 3 MUST
  tags greeting preauth
  include imap-client.defaults
  send "* PREAUTH [CAPABILITY ${caps}] mailspec IMAP fake server, logged in as ${user}"
  expect command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|LOGOUT or-closed
  include imap-client.took
  include imap-client.answer
  include imap-client.rest
end

# RFC 9051 §7.1.1: a greeting without a CAPABILITY code; the client asks for the capabilities (or logs
# in) before it uses any extension: ID, ENABLE or a SASL initial response would be guesses.
case imap-client.rfc9051.7.2.2.greeting-without-capability
  title "After a greeting without capabilities the client uses no extension it has not seen advertised"
  rfc 9051 7.2.2 MAY
  rfc 9051 6.5 MAY
  tags greeting capability
  include imap-client.defaults
  send "* OK mailspec IMAP fake server ready"
  expect command CAPABILITY|LOGIN|AUTHENTICATE|STARTTLS|LOGOUT
  need differs "${cmd.verb}" "STARTTLS" hint "configure the client to log in without STARTTLS"
  need differs "${cmd.verb}" "LOGOUT" hint "configure the client to log in (LOGIN or AUTHENTICATE)"
  if equals "${cmd.verb}" "AUTHENTICATE"
    expect equals "${cmd.argc}" "1"
  end
  if equals "${cmd.verb}" "CAPABILITY"
    send "* CAPABILITY ${caps}" "${cmd.tag} OK CAPABILITY completed"
    need command LOGIN|AUTHENTICATE hint "configure the client to log in (LOGIN or AUTHENTICATE) without STARTTLS"
  end
  include imap-client.credentials
  send "${logintag} OK ${postcaps}logged in"
  include imap-client.rest
end

# RFC 9051 §2.2.2, §7.1.3 and §3.4: a command answered BAD (here the first FETCH) is over; the client goes
# on with its session or ends it with LOGOUT; it should not just drop the connection (nor hang).
case imap-client.rfc9051.7.1.3.bad-answered
  title "After a command answered BAD the client goes on or logs out, without dropping the connection"
  rfc 9051 3.4 SHOULD
  rfc 9051 2.2.2 MUST
  rfc 9051 7.1.3 MUST
  tags responses fetch
  include imap-client.login
  repeat 12
    if equals "${over}${fetched}" ""
      need command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|FETCH|SEARCH|STORE|EXPUNGE|CLOSE|UNSELECT|IDLE|APPEND|MOVE|COPY|CHECK|CREATE|SUBSCRIBE|LOGOUT hint "the client sent a command this fake server does not play"
      include imap-client.took
      if equals "${v}" "FETCH"
        send "${t} BAD [CLIENTBUG] mailspec refuses this FETCH"
        set fetched "yes"
      else
        include imap-client.answer
      end
    end
  end
  need equals "${fetched}" "yes" hint "configure the client to fetch messages (e.g. check for new mail)"
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 9051 §7.1.2 and §3.2: SELECT answered NO leaves no mailbox selected; the client must not send
# commands that need one (FETCH, STORE, SEARCH, EXPUNGE, ...), which the server would refuse.
case imap-client.rfc9051.3.2.select-refused
  title "After SELECT is refused the client sends no command that needs a selected mailbox"
  rfc 9051 3.2 MUST
  rfc 3501 3.2 MUST
  tags responses select
  include imap-client.login
  set refused ""
  repeat 10
    if equals "${over}${refused}" ""
      need command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|CREATE|SUBSCRIBE|LOGOUT hint "the client sent a command this fake server does not play before SELECT"
      include imap-client.took
      if equals "${v}" "SELECT"
        send "${t} NO [NONEXISTENT] no such mailbox"
        set refused "yes"
      else
        include imap-client.answer
      end
    end
  end
  need equals "${refused}" "yes" hint "configure the client to open a mailbox with SELECT"
  expect command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|CREATE|SUBSCRIBE|LOGOUT or-closed
  include imap-client.took
  include imap-client.answer
  include imap-client.rest
end
