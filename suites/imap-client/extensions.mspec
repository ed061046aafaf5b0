# (Commands of an extension the server did not advertise: no RFC sentence binds the client here; RFC 9051
# §6.5's MUST binds extension specifications. These cases are MAY, an info verdict, except IDLE and SASL-IR,
# whose RFCs have client MUSTs.)
# Extensions are used only where advertised (RFC 9051 §6.5: every command outside the base protocol
# belongs to a capability), and used by their rules: IDLE (RFC 2177), ID (RFC 2971), ENABLE (RFC 5161),
# UNSELECT (RFC 3691), MOVE (RFC 6851), UIDPLUS (RFC 4315). In each case the server's capabilities leave
# the extension out, before and after login; the client's commands are checked all session long.

# RFC 2177 §3: without IDLE advertised, the client must not use IDLE (it polls instead).
case imap-client.rfc2177.3.no-idle-unadvertised
  title "The client does not send IDLE to a server that does not advertise it"
  rfc 2177 3 MUST
  tags idle capability
  include imap-client.defaults
  set caps "IMAP4rev1 SASL-IR ID ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  set forbid1 "IDLE"
  include imap-client.login-caps
  include imap-client.rest
end

# RFC 2177 §3: while IDLE is in progress the client sends nothing but DONE, even when new mail is
# reported (the server could not tell a command from DONE).
case imap-client.rfc2177.3.only-done-during-idle
  title "During IDLE the client sends DONE, not another command, after an EXISTS"
  rfc 2177 3 MUST
  rfc 9051 6.3.13 MUST
  tags idle
  include imap-client.login
  set idled ""
  repeat 14
    if equals "${over}${idled}" ""
      need command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|FETCH|SEARCH|STORE|EXPUNGE|CLOSE|UNSELECT|IDLE|APPEND|MOVE|COPY|CHECK|CREATE|SUBSCRIBE|LOGOUT hint "the client sent a command this fake server does not play"
      include imap-client.took
      if equals "${v}" "IDLE"
        set idled "yes"
      else
        include imap-client.answer
      end
    end
  end
  need equals "${idled}" "yes" hint "configure the client to wait for new mail with IDLE"
  send "+ idling"
  sleep 300ms
  send "* 3 EXISTS" "* 1 RECENT"
  expect command DONE
  send "${t} OK IDLE terminated"
  set exists "3"
  include imap-client.rest
end

# RFC 9051 §6.5, RFC 2971 §3: ID is an extension command; not advertised, it is not sent.
case imap-client.rfc2971.3.no-id-unadvertised
  title "The client does not send ID to a server that does not advertise it"
  rfc 9051 6.5 MAY
  rfc 2971 3 MAY
  tags id capability
  include imap-client.defaults
  set caps "IMAP4rev1 SASL-IR IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  set forbid1 "ID"
  include imap-client.login-caps
  include imap-client.rest
end

# RFC 9051 §6.5, RFC 5161 §3: ENABLE is sent only to a server that advertises ENABLE.
case imap-client.rfc5161.3.no-enable-unadvertised
  title "The client does not send ENABLE to a server that does not advertise it"
  rfc 9051 6.5 MAY
  rfc 5161 3.1 MAY
  tags enable capability
  include imap-client.defaults
  set caps "IMAP4rev1 SASL-IR ID IDLE UNSELECT MOVE UIDPLUS NAMESPACE CONDSTORE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  set forbid1 "ENABLE"
  include imap-client.login-caps
  include imap-client.rest
end

# RFC 5161 §3.1, RFC 9051 §6.3.1: ENABLE is not sent once a mailbox was selected in the session.
case imap-client.rfc5161.3.1.no-enable-after-select
  title "The client does not send ENABLE after it selected a mailbox"
  rfc 5161 3.1 MUST
  rfc 9051 6.3.1 MUST
  tags enable
  include imap-client.login
  include imap-client.until-selected
  set forbid1 "ENABLE"
  include imap-client.rest
end

# RFC 9051 §6.5, RFC 3691 §2: UNSELECT only where advertised (CLOSE is the base protocol's way).
case imap-client.rfc3691.2.no-unselect-unadvertised
  title "The client does not send UNSELECT to a server that does not advertise it"
  rfc 9051 6.5 MAY
  rfc 3691 2 MAY
  tags unselect capability
  include imap-client.defaults
  set caps "IMAP4rev1 SASL-IR ID IDLE ENABLE MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  set forbid1 "UNSELECT"
  include imap-client.login-caps
  include imap-client.rest
end

# RFC 9051 §6.5, RFC 6851 §3: MOVE and UID MOVE only where MOVE is advertised (else COPY, STORE
# \Deleted and EXPUNGE).
case imap-client.rfc6851.3.no-move-unadvertised
  title "The client does not send MOVE to a server that does not advertise it"
  rfc 9051 6.5 MAY
  rfc 6851 3 MAY
  tags move capability
  include imap-client.defaults
  set caps "IMAP4rev1 SASL-IR ID IDLE ENABLE UNSELECT UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  set forbid1 "MOVE"
  set forbid2 "UIDMOVE"
  include imap-client.login-caps
  include imap-client.rest
end

# RFC 9051 §6.5, RFC 4315 §2.1: UID EXPUNGE only where UIDPLUS is advertised (MOVE is not either, so a
# client that moves mail falls back to COPY, STORE and EXPUNGE).
case imap-client.rfc4315.2.1.no-uid-expunge-unadvertised
  title "The client does not send UID EXPUNGE to a server without UIDPLUS"
  rfc 9051 6.5 MAY
  rfc 4315 2.1 MAY
  tags move uidplus capability
  include imap-client.defaults
  set caps "IMAP4rev1 SASL-IR ID IDLE ENABLE UNSELECT NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps "[CAPABILITY ${caps}] "
  set forbid1 "UIDEXPUNGE"
  set forbid2 "UIDMOVE"
  include imap-client.login-caps
  include imap-client.rest
end

# RFC 9051 §6.2.2 and §6.2.3: capabilities may change at login; the login's OK carries none here and
# before login only the base protocol was offered. The client may use an extension only once it asked
# for the capabilities again (CAPABILITY, answered with ID and IDLE).
case imap-client.rfc9051.6.2.2.capabilities-after-login
  title "After a login whose OK has no capabilities, the client asks before using an extension"
  rfc 9051 6.5 MAY
  rfc 9051 6.2.2 MAY
  tags capability id idle
  include imap-client.defaults
  set caps "IMAP4rev1 AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set postcaps ""
  include imap-client.login-caps
  set caps "IMAP4rev1 ID IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE"
  set forbid1 "ID"
  set forbid2 "IDLE"
  set capsreset "yes"
  include imap-client.rest
end

# RFC 3501 §5.1 and §5.1.3, RFC 9051 §5.1 and Appendix A.1: without UTF-8 mailbox names enabled, a
# mailbox name outside ASCII is sent in modified UTF-7 ("Entwürfe" is Entw&APw-rfe), never as raw 8-bit.
# Tag mailbox-utf8: configure the client to open the folder "Entwürfe".
case imap-client.rfc3501.5.1.3.mailbox-modified-utf7
  title "A non-ASCII mailbox name is sent in modified UTF-7"
  rfc 3501 5.1.3 MUST
  rfc 3501 5.1 MUST
  tags mailbox mailbox-utf8
  include imap-client.login
  include imap-client.until-selected
  need differs "${box}" "" hint "configure the client to open a mailbox"
  need differs "${box}" "INBOX" hint "configure the client to open the folder Entwürfe"
  expect equals "${box}" "Entw&APw-rfe"
  include imap-client.rest
end

# RFC 3501 §6.3.10: STATUS must not be used to check the selected mailbox for new mail (NOOP, IDLE
# or any command's EXISTS do that).
case imap-client.rfc3501.6.3.10.no-status-on-selected
  title "The client does not poll the selected mailbox with STATUS"
  rfc 3501 6.3.10 MUST
  tags status
  include imap-client.login
  include imap-client.until-selected
  repeat 16
    if equals "${over}" ""
      need command CAPABILITY|NOOP|ID|ENABLE|LIST|LSUB|NAMESPACE|STATUS|SELECT|EXAMINE|FETCH|SEARCH|STORE|EXPUNGE|CLOSE|UNSELECT|IDLE|APPEND|MOVE|COPY|CHECK|CREATE|SUBSCRIBE|LOGOUT hint "the client sent a command this fake server does not play"
      if equals "${cmd.verb}" "STATUS"
        if equals "${cmd.arg1}" "${box}"
          expect equals "${cmd.line}" "no STATUS of the selected mailbox (${box})"
        end
      end
      include imap-client.took
      include imap-client.answer
    end
  end
end

# RFC 9051 §2.2.1 and §6.4.4: a SEARCH string holding a double quote or a backslash is sent quoted with
# escapes, or as a literal (the strict parse of the command checks it). Tag search: configure the
# client to search for a subject such as: say "hi"
case imap-client.rfc9051.6.4.4.search-string-quoting
  title "SEARCH sends a string with quotes and backslashes correctly quoted"
  rfc 9051 2.2.1 MUST
  rfc 9051 6.4.4 MUST
  tags search
  include imap-client.login
  set searched ""
  repeat 14
    if equals "${over}${searched}" ""
      include imap-client.serve-one
      if equals "${v}" "SEARCH"
        set searched "yes"
      end
    end
  end
  need equals "${searched}" "yes" hint "configure the client to search the mailbox (e.g. for a subject with a double quote)"
  include imap-client.rest
end
