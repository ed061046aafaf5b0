# STARTTLS (RFC 9051 §6.2.1, RFC 3501 §6.2.1, RFC 2595 §3.1) and clients that require TLS (RFC 9051
# §7.1.4, RFC 8314 §5.2; Poddebniak et al., "Why TLS is better without STARTTLS", USENIX Security 2021).
# Every case needs a client configured to use STARTTLS (tag starttls); those tagged tls-required need
# one that refuses to go on without it.

# Greeting offering STARTTLS (`${precaps}`), the client's optional CAPABILITY answered, its STARTTLS
# read (`${t}` its tag); the reply is left to the case.
fixture imap-client.starttls-asked
  include imap-client.defaults
  set postcaps ""
  send "* OK [CAPABILITY ${precaps}] mailspec IMAP fake server ready"
  need command CAPABILITY|STARTTLS hint "configure the client to use STARTTLS"
  if equals "${cmd.verb}" "CAPABILITY"
    send "* CAPABILITY ${precaps}" "${cmd.tag} OK CAPABILITY completed"
    need command STARTTLS hint "configure the client to use STARTTLS"
  end
  set t "${cmd.tag}"
end

# Inside TLS: the client's CAPABILITY (answered with `${caps}`) and login; AUTHENTICATE must carry no
# initial response unless `${caps}` has SASL-IR (checked at the case's level by the case).
fixture imap-client.tls-login
  need command CAPABILITY|LOGIN|AUTHENTICATE hint "configure the client to log in after STARTTLS"
  if equals "${cmd.verb}" "CAPABILITY"
    send "* CAPABILITY ${caps}" "${cmd.tag} OK CAPABILITY completed"
    need command LOGIN|AUTHENTICATE hint "configure the client to log in after STARTTLS"
  end
end

# RFC 9051 §6.2.1: after the TLS handshake the client should ask for the capabilities again (what it
# learnt in clear text may have been forged).
case imap-client.rfc9051.6.2.1.capability-after-starttls
  title "After STARTTLS the client asks for the capabilities again"
  rfc 9051 6.2.1 SHOULD
  rfc 3501 6.2.1 SHOULD
  tags starttls tls
  requires plain
  set precaps "IMAP4rev1 STARTTLS LOGINDISABLED"
  include imap-client.starttls-asked
  send "${t} OK begin TLS negotiation now"
  starttls
  expect command CAPABILITY
  send "* CAPABILITY ${caps}" "${cmd.tag} OK CAPABILITY completed"
  need command LOGIN|AUTHENTICATE hint "configure the client to log in after STARTTLS"
  include imap-client.credentials
  send "${logintag} OK logged in"
  include imap-client.rest
end

# RFC 9051 §6.2.1, RFC 2595 §3.1: once TLS is up, the client forgets the capabilities it was told in
# clear text. Before TLS the server offers ID and SASL-IR; inside TLS it does not: a client that still
# uses them acts on the clear-text list.
case imap-client.rfc9051.6.2.1.discard-cached-capabilities
  title "After STARTTLS the client does not use capabilities advertised only before TLS"
  rfc 9051 6.2.1 MUST
  rfc 3501 6.2.1 MUST
  rfc 2595 3.1 MUST
  tags starttls tls
  requires plain
  set precaps "IMAP4rev1 STARTTLS LOGINDISABLED SASL-IR ID AUTH=PLAIN"
  include imap-client.starttls-asked
  set caps "IMAP4rev1 IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set forbid1 "ID"
  send "${t} OK begin TLS negotiation now"
  starttls
  include imap-client.tls-login
  if equals "${cmd.verb}" "AUTHENTICATE"
    expect equals "${cmd.argc}" "1"
  end
  include imap-client.credentials
  send "${logintag} OK logged in"
  include imap-client.rest
end

# RFC 9051 §6.2.1 and §11 (CVE-2011-0411 for clients, Poddebniak et al. 2021): data the server sent
# after its OK to STARTTLS, before the handshake, is not part of the TLS session; the client must discard
# it. Here a forged CAPABILITY response (with ID and SASL-IR) follows the OK in the same write; inside
# TLS neither is offered. A client whose TLS handshake fails on the plain text ends the case (safe).
case imap-client.rfc9051.6.2.1.starttls-response-injection
  title "Responses injected after the STARTTLS OK, before the handshake, are discarded"
  rfc 9051 6.2.1 MUST
  rfc 3501 6.2.1 MUST
  tags starttls tls security
  requires plain
  set precaps "IMAP4rev1 STARTTLS LOGINDISABLED"
  include imap-client.starttls-asked
  set caps "IMAP4rev1 IDLE ENABLE UNSELECT MOVE UIDPLUS NAMESPACE AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256"
  set forbid1 "ID"
  send-raw "${t} OK begin TLS negotiation now\r\n* CAPABILITY IMAP4rev1 ID SASL-IR AUTH=PLAIN X-INJECTED\r\n"
  starttls or-end
  include imap-client.tls-login
  if equals "${cmd.verb}" "AUTHENTICATE"
    expect equals "${cmd.argc}" "1"
  end
  include imap-client.credentials
  send "${logintag} OK logged in"
  include imap-client.rest
end

# RFC 9051 §6.2.1, RFC 2595 §3.1: after STARTTLS the client sends nothing until it has the server's
# answer and the TLS session is up (no command pipelined behind STARTTLS).
case imap-client.rfc9051.6.2.1.no-command-before-tls
  title "The client sends nothing after STARTTLS until the TLS handshake"
  rfc 9051 6.2.1 MUST
  rfc 2595 3.1 MUST
  tags starttls tls
  requires plain
  set precaps "IMAP4rev1 STARTTLS LOGINDISABLED"
  include imap-client.starttls-asked
  expect silence 500ms
  send "${t} OK begin TLS negotiation now"
  starttls
  include imap-client.tls-login
  include imap-client.credentials
  send "${logintag} OK logged in"
  include imap-client.rest
end

# RFC 9051 §7.1.4: a client that requires TLS must close the connection when a cleartext server greets
# it with PREAUTH (a man in the middle that strips STARTTLS this way gets the whole session otherwise).
# Closing, or LOGOUT and closing, pass; any other command fails.
case imap-client.rfc9051.7.1.4.preauth-stripping
  title "A client requiring TLS closes the connection on a cleartext PREAUTH greeting"
  rfc 9051 7.1.4 MUST
  tags starttls tls-required preauth security
  requires plain
  send "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS IDLE] mailspec IMAP fake server, logged in"
  expect command LOGOUT within 5s or-closed
  send "* BYE logging out" "${cmd.tag} OK LOGOUT completed"
end

# RFC 8314 §5.2, RFC 9051 §11.1: a client configured to require TLS must not log in (or do anything but
# ask for capabilities) over a connection where the server does not offer STARTTLS.
case imap-client.rfc8314.5.2.starttls-not-offered
  title "A client requiring TLS does not log in when STARTTLS is not advertised"
  rfc 8314 5.2 MUST
  rfc 9051 11.1 MUST
  tags starttls tls-required security
  requires plain
  include imap-client.defaults
  set caps "IMAP4rev1 ID IDLE AUTH=PLAIN AUTH=LOGIN"
  send "* OK [CAPABILITY ${caps}] mailspec IMAP fake server ready"
  repeat 3
    if equals "${over}" ""
      expect command CAPABILITY|STARTTLS|LOGOUT or-closed
      if equals "${cmd.verb}" "CAPABILITY"
        send "* CAPABILITY ${caps}" "${cmd.tag} OK CAPABILITY completed"
      end
      if equals "${cmd.verb}" "STARTTLS"
        send "${cmd.tag} BAD STARTTLS is not offered here"
      end
      if equals "${cmd.verb}" "LOGOUT"
        send "* BYE logging out" "${cmd.tag} OK LOGOUT completed"
        set over "yes"
      end
    end
  end
end

# RFC 9051 §11.1 and §6.2.1, RFC 8314 §5.2: the client checks the result of STARTTLS; refused (NO), a
# client that requires TLS must not fall back to clear text.
case imap-client.rfc9051.11.1.starttls-refused
  title "A client requiring TLS does not log in after STARTTLS is refused"
  rfc 9051 11.1 MUST
  rfc 8314 5.2 MUST
  tags starttls tls-required security
  requires plain
  set precaps "IMAP4rev1 STARTTLS AUTH=PLAIN AUTH=LOGIN"
  include imap-client.starttls-asked
  send "${t} NO [UNAVAILABLE] TLS is not available right now"
  repeat 3
    if equals "${over}" ""
      expect command CAPABILITY|STARTTLS|LOGOUT or-closed
      if equals "${cmd.verb}" "CAPABILITY"
        send "* CAPABILITY ${precaps}" "${cmd.tag} OK CAPABILITY completed"
      end
      if equals "${cmd.verb}" "STARTTLS"
        send "${cmd.tag} NO [UNAVAILABLE] TLS is not available right now"
      end
      if equals "${cmd.verb}" "LOGOUT"
        send "* BYE logging out" "${cmd.tag} OK LOGOUT completed"
        set over "yes"
      end
    end
  end
end
