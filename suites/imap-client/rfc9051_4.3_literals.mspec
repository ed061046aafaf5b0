# Literals sent by the client (RFC 9051 §4.3, RFC 3501 §4.3, RFC 7888). The fake server holds its "+"
# back for 300 ms after a synchronising literal is announced: octets that arrive before it were sent
# without waiting, and `${cmd.literal.early}` holds them. Every case needs a client that saves a message
# with APPEND (tag append).

# Commands served until the client's APPEND was read and answered (else the case skips).
fixture imap-client.until-append
  set appended ""
  repeat 14
    if equals "${over}${appended}" ""
      include imap-client.serve-one
      if equals "${v}" "APPEND"
        set appended "yes"
      end
    end
  end
  need equals "${appended}" "yes" hint "configure the client to save a message with APPEND (e.g. a copy of sent mail in Sent)"
end

# RFC 9051 §4.3: with a synchronising literal {n}, the client sends the octets only after the server's
# continuation request; the server does not advertise LITERAL+ or LITERAL- (the default capabilities).
case imap-client.rfc9051.4.3.literal-waits-for-continuation
  title "The client sends a synchronising literal's octets only after the server's '+'"
  rfc 9051 4.3 MUST
  rfc 3501 4.3 MUST
  tags append literal
  include imap-client.login
  include imap-client.until-append
  expect equals "${cmd.literal.early}" ""
  include imap-client.rest
end

# RFC 9051 §4.3 and §7.5: the server may refuse a literal with a tagged NO instead of "+"; the command is
# then over and the client must not send the octets (they would be read as commands). The APPEND is
# refused; the client's next command must be a well-formed command.
case imap-client.rfc9051.4.3.literal-refused
  title "A literal answered NO instead of '+' is not sent; the client goes on with a new command"
  rfc 9051 4.3 MUST
  rfc 9051 7.5 MUST
  tags append literal
  include imap-client.login
  include imap-client.until-selected
  set literal.refuse "NO [TOOBIG] message too large for this mailbox"
  set literal.refused ""
  repeat 12
    if equals "${over}${literal.refused}" ""
      include imap-client.serve-one
    end
  end
  need differs "${literal.refused}" "" hint "configure the client to save a message with APPEND (e.g. a copy of sent mail in Sent)"
  include imap-client.goes-on
  include imap-client.rest
end

# RFC 3501 §2.2.1, RFC 7888 §3: the non-synchronising form {n+} exists only with LITERAL+ (or LITERAL-);
# to a server that advertises neither it breaks the syntax.
case imap-client.rfc3501.2.2.1.no-nonsync-literal-unadvertised
  title "The client does not send a {n+} literal to a server without LITERAL+ or LITERAL-"
  rfc 3501 2.2.1 MUST
  rfc 7888 3 MUST
  tags append literal literal-plus
  include imap-client.login
  include imap-client.until-append
  expect equals "${cmd.nonsync}" ""
  include imap-client.rest
end

# RFC 7888 §3: with LITERAL+ advertised the client may send {n+} and the octets at once, saving a round
# trip; a synchronising literal stays correct (a MAY, reported as info).
case imap-client.rfc7888.3.nonsync-literal-when-advertised
  title "With LITERAL+ advertised, the client uses non-synchronising literals"
  rfc 7888 3 MAY
  tags append literal literal-plus
  include imap-client.defaults
  set caps "IMAP4rev1 LITERAL+ ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  set literal.plus "yes"
  include imap-client.login-caps
  include imap-client.until-append
  expect equals "${cmd.nonsync}" "yes"
  include imap-client.rest
end

# RFC 7888 §5: with LITERAL- a {n+} literal is at most 4096 octets; a larger one must be synchronising.
# The strict parser fails a larger {n+}; the case needs an APPEND of more than 4096 octets.
case imap-client.rfc7888.5.literal-minus-limit
  title "With LITERAL-, a literal over 4096 octets is sent as a synchronising literal"
  rfc 7888 5 MUST
  rfc 9051 4.3 MUST
  tags append append-large literal literal-minus
  include imap-client.defaults
  set caps "IMAP4rev1 LITERAL- ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  include imap-client.login-caps
  include imap-client.until-append
  need greater "${cmd.literal.size}" "4096" hint "configure the client to save a message larger than 4096 octets with APPEND"
  expect equals "${cmd.nonsync}" ""
  include imap-client.rest
end

# RFC 7888 §5: with LITERAL- the client may send a small literal (up to 4096 octets) as {n+}; a
# synchronising one stays correct (MAY, info).
case imap-client.rfc7888.5.literal-minus-small-nonsync
  title "With LITERAL-, the client sends a small literal as {n+}"
  rfc 7888 5 MAY
  tags append literal literal-minus
  include imap-client.defaults
  set caps "IMAP4rev1 LITERAL- ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  include imap-client.login-caps
  include imap-client.until-append
  need less "${cmd.literal.size}" "4097" hint "configure the client to save a message of at most 4096 octets with APPEND"
  expect equals "${cmd.nonsync}" "yes"
  include imap-client.rest
end
