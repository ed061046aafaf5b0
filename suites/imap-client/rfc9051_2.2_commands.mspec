# RFC 9051 §2.2.1 (RFC 3501 §2.2.1): a client command is a tag, a command name and arguments, ended by
# CRLF, and the client follows the formal syntax strictly. Every command the client sends in the session
# (login, SELECT, FETCH, whatever else it does, LOGOUT) is parsed with the grammar of §9: a bare LF, a
# malformed argument or an unquoted special character fails the case, citing the rule.
case imap-client.rfc9051.2.2.1.strict-syntax
  title "Every command of an ordinary session follows the IMAP grammar (tag, name, arguments, CRLF)"
  rfc 9051 2.2.1 MUST
  rfc 3501 2.2.1 MUST
  tags login select fetch syntax
  include imap-client.login
  include imap-client.until-selected
  include imap-client.rest
end

# RFC 9051 §2.2.1: the very first command already is a CRLF-terminated line (a client that ends lines
# with a bare LF fails here, before any login).
case imap-client.rfc9051.2.2.1.first-command-crlf
  title "The client's first command is a line ended by CRLF"
  rfc 9051 2.2.1 MUST
  tags syntax
  include imap-client.defaults
  send "* OK [CAPABILITY ${caps}] mailspec IMAP fake server ready"
  expect command CAPABILITY|LOGIN|AUTHENTICATE|STARTTLS|ID|NOOP|LOGOUT
  set t "${cmd.tag}"
  set v "${cmd.verb}"
  send "* BYE this server closes now" "${t} OK ${v} completed"
end

# RFC 9051 §2.2.1: the client should give every command a tag of its own (the server must cope with a
# reused one, which is why this is a SHOULD). Each command is compared with the one before it.
case imap-client.rfc9051.2.2.1.unique-tags
  title "The client uses a different tag for each command"
  rfc 9051 2.2.1 SHOULD
  tags login select fetch tags
  include imap-client.login
  set t "${logintag}"
  repeat 16
    if equals "${over}" ""
      set prev "${t}"
      include imap-client.serve-one
      if equals "${t}" "${prev}"
        expect equals "${cmd.line}" "a command tagged otherwise than the one before (${prev})"
      end
    end
  end
end

# RFC 9051 §3.4: a client should not just drop the connection; it ends the session with LOGOUT. Every
# command of the session is read as the check, so a close before LOGOUT fails (warns) here.
case imap-client.rfc9051.3.4.logout-not-close
  title "The client ends the session with LOGOUT instead of closing the connection"
  rfc 9051 3.4 SHOULD
  rfc 3501 3.4 SHOULD
  tags logout
  include imap-client.login
  repeat 16
    if equals "${over}" ""
      include imap-client.goes-on
    end
  end
end

# RFC 9051 §6.3.11 and §7.1.5: after sending LOGOUT the client waits for the server's BYE and tagged OK
# (it reads on until the connection closes). The reply is held back a moment: a client that closes
# first does not wait for it.
case imap-client.rfc9051.7.1.5.logout-waits
  title "After LOGOUT the client waits for the server's BYE and OK before closing"
  rfc 9051 7.1.5 SHOULD
  rfc 3501 7.1.5 SHOULD
  tags logout
  include imap-client.login
  repeat 16
    if equals "${over}" ""
      need command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|FETCH|SEARCH|STORE|EXPUNGE|CLOSE|UNSELECT|IDLE|APPEND|MOVE|COPY|CHECK|CREATE|SUBSCRIBE|LOGOUT hint "the client sent a command this fake server does not play"
      if equals "${cmd.verb}" "LOGOUT"
        set over "yes"
        set t "${cmd.tag}"
      else
        include imap-client.took
        include imap-client.answer
      end
    end
  end
  need equals "${over}" "yes" hint "the client did not log out"
  expect silence 1s
  send "* BYE logging out" "${t} OK LOGOUT completed"
end
