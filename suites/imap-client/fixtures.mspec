# Shared steps of the IMAP client suite: the harness plays an IMAP server, the client under test sends.
#
# Variables the fixtures read (set them before the include; imap-client.login sets the defaults):
#   caps      the capabilities in the greeting, the CAPABILITY response and the login's OK
#   postcaps  the CAPABILITY response code of the login's OK ("" for none)
#   forbid1, forbid2   a command the client must not send in imap-client.rest (`UID` prefix joined to the
#             verb: "UIDEXPUNGE"); "-" for none. capsreset: "yes" lifts both once the client asks CAPABILITY
#   exists    the message count SELECT reports
#   over      "yes" once the client logged out (imap-client.rest stops reading)

# The default capabilities: the extensions whose use the cases check (LITERAL+ aside: a case that
# advertises it sets literal.plus), and every SASL mechanism serve-auth can play. What the fake server answers can be changed after the include:
#   inject.select / inject.fetch / inject.uidfetch: raw responses (CRLF included) sent inside the reply
#   to SELECT/EXAMINE, to any FETCH, to UID FETCH; fetchreply: the FETCH data; selectcode: the code of
#   SELECT's tagged OK; selected, fetched: "yes" once answered; box: the mailbox selected; seqmax: the highest message number of
#   the last FETCH, STORE, COPY or MOVE by number ("" for other commands).
fixture imap-client.defaults
  set caps "IMAP4rev1 SASL-IR ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  set forbid1 "-"
  set forbid2 "-"
  set capsreset ""
  set exists "2"
  set over ""
  set selected ""
  set fetched ""
  set seqmax ""
  set box ""
  set inject.select ""
  set inject.fetch ""
  set inject.uidfetch ""
  set fetchreply "* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 64)\r\n"
  set selectcode "[READ-WRITE] "
end

# After the client's LOGIN or AUTHENTICATE was read: the run's credentials checked (LOGIN) or the SASL
# exchange played (AUTHENTICATE, with serve-auth); `${logintag}` is the command's tag, its reply not sent.
fixture imap-client.credentials
  set logintag "${cmd.tag}"
  if equals "${cmd.verb}" "LOGIN"
    need equals "${cmd.arg1}" "${user}" hint "configure the client with the user name given to mailspec serve (--user, default alice)"
    need equals "${cmd.arg2}" "${password}" hint "configure the client with the password given to mailspec serve (--password-env, default alice-password)"
  else
    serve-auth
  end
end

# Greeting with `${caps}`; the client's optional CAPABILITY answered; its LOGIN or AUTHENTICATE
# accepted with the run's credentials, the OK carrying `${postcaps}`: the authenticated state.
fixture imap-client.login-caps
  send "* OK [CAPABILITY ${caps}] mailspec IMAP fake server ready"
  need command CAPABILITY|LOGIN|AUTHENTICATE hint "configure the client to log in (LOGIN or AUTHENTICATE) without STARTTLS"
  if equals "${cmd.verb}" "CAPABILITY"
    send "* CAPABILITY ${caps}" "${cmd.tag} OK CAPABILITY completed"
    need command LOGIN|AUTHENTICATE hint "configure the client to log in (LOGIN or AUTHENTICATE) without STARTTLS"
  end
  include imap-client.credentials
  send "${logintag} OK ${postcaps}logged in"
end

# The suite's login fixture (mailspec serve --by-login plays it first): the default capabilities, the
# client logged in.
fixture imap-client.login
  include imap-client.defaults
  include imap-client.login-caps
end

# SELECT or EXAMINE answered: `${exists}` messages, UIDVALIDITY 7, then `${inject.select}`.
fixture imap-client.select-reply
  send "* ${exists} EXISTS" "* 0 RECENT" "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)" "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags" "* OK [UIDVALIDITY 7] UIDs valid" "* OK [UIDNEXT 100] next UID"
  if differs "${inject.select}" ""
    send-raw "${inject.select}"
  end
  send "${t} OK ${selectcode}${v} completed"
  set replied "yes"
  set selected "yes"
  set box "${cmd.arg1}"
end

# The answer to the command just read (`${t}`, `${v}` hold its tag and verb), as a small correct server
# gives it.
fixture imap-client.answer
  set replied ""
  # A literal the server refused (literal.refuse) was answered already.
  if equals "${cmd.refused}" "yes"
    set replied "yes"
    set v "(refused)"
  end
  if equals "${v}" "CAPABILITY"
    send "* CAPABILITY ${caps}"
    if equals "${capsreset}" "yes"
      set forbid1 "-"
      set forbid2 "-"
    end
  end
  if equals "${v}" "ID"
    send "* ID (\"name\" \"mailspec\")"
  end
  if equals "${v}" "ENABLE"
    send "* ENABLED"
  end
  if equals "${v}" "LIST"
    send "* LIST (\\HasNoChildren) \"/\" INBOX" "* LIST (\\HasNoChildren \\Sent) \"/\" Sent"
  end
  if equals "${v}" "LSUB"
    send "* LSUB () \"/\" INBOX"
  end
  if equals "${v}" "NAMESPACE"
    send "* NAMESPACE ((\"\" \"/\")) NIL NIL"
  end
  if equals "${v}" "STATUS"
    send "* STATUS INBOX (MESSAGES ${exists} UIDNEXT 100 UNSEEN 1)"
  end
  if equals "${v}" "SELECT"
    include imap-client.select-reply
  end
  if equals "${v}" "EXAMINE"
    include imap-client.select-reply
  end
  if equals "${v}" "FETCH"
    send-raw "${fetchreply}${inject.fetch}"
    if equals "${u}" "UID "
      if differs "${inject.uidfetch}" ""
        send-raw "${inject.uidfetch}"
      end
    end
    set fetched "yes"
  end
  if equals "${v}" "SEARCH"
    send "* SEARCH 1"
  end
  if equals "${v}" "IDLE"
    send "+ idling"
    need command DONE hint "the client did not end IDLE with DONE"
  end
  if equals "${v}" "LOGOUT"
    send "* BYE logging out"
    set over "yes"
  end
  if equals "${replied}" ""
    send "${t} OK ${u}${v} completed"
  end
end

# After `command` read one: its tag, verb, UID prefix and highest message number kept, and the command
# checked against `${forbid1}` and `${forbid2}` (at the case's level).
fixture imap-client.took
  set t "${cmd.tag}"
  set v "${cmd.verb}"
  set u "${cmd.uid}"
  if equals "${u}" "UID"
    set u "UID "
  end
  set seqmax "${cmd.seqmax}"
  if equals "${cmd.uid}${cmd.verb}" "${forbid1}"
    expect equals "${cmd.line}" "no ${forbid1} command (the server does not offer it here)"
  end
  if equals "${cmd.uid}${cmd.verb}" "${forbid2}"
    expect equals "${cmd.line}" "no ${forbid2} command (the server does not offer it here)"
  end
end

# One client command read and answered (after login).
fixture imap-client.serve-one
  need command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|FETCH|SEARCH|STORE|EXPUNGE|CLOSE|UNSELECT|IDLE|APPEND|MOVE|COPY|CHECK|CREATE|SUBSCRIBE|LOGOUT hint "the client sent a command this fake server does not play"
  include imap-client.took
  include imap-client.answer
end

# The check of the response cases: after what the server sent, the client goes on with a well-formed
# command (it did not choke, close or hang), which is answered.
fixture imap-client.goes-on
  expect command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|FETCH|SEARCH|STORE|EXPUNGE|CLOSE|UNSELECT|IDLE|APPEND|MOVE|COPY|CHECK|CREATE|SUBSCRIBE|LOGOUT
  include imap-client.took
  include imap-client.answer
end

# Commands served until the client selected a mailbox (else the case skips).
fixture imap-client.until-selected
  repeat 10
    if equals "${over}${selected}" ""
      include imap-client.serve-one
    end
  end
  need equals "${selected}" "yes" hint "configure the client to open a mailbox (SELECT or EXAMINE)"
end

# Commands served until the client fetched (else the case skips).
fixture imap-client.until-fetched
  repeat 12
    if equals "${over}${fetched}" ""
      include imap-client.serve-one
    end
  end
  need equals "${fetched}" "yes" hint "configure the client to fetch messages (e.g. check for new mail)"
end

# The rest of the session, after the case's own check: up to 16 commands answered until LOGOUT. A client
# that closes the connection here ends the case with its verdict so far.
fixture imap-client.rest
  repeat 16
    if equals "${over}" ""
      need command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|FETCH|SEARCH|STORE|EXPUNGE|CLOSE|UNSELECT|IDLE|APPEND|MOVE|COPY|CHECK|CREATE|SUBSCRIBE|LOGOUT or-closed hint "the client sent a command this fake server does not play"
      include imap-client.took
      include imap-client.answer
    end
  end
end
