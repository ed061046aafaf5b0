# RFC 5321 §4.1.1.1, §3.2, §2.3.5, §4.1.4: how the client introduces itself.

# A client starts its session with EHLO; older clients may use HELO (§4.1.1.1, SHOULD).
case smtp-client.rfc5321.4.1.1.1.ehlo-first
  title "The client opens the session with EHLO"
  rfc 5321 4.1.1.1 SHOULD
  tags ehlo
  include smtp-client.greet
  expect command EHLO
  send "250-mailspec.test" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  include smtp-client.finish
end

# Whatever it says first, the client says EHLO or HELO before starting a mail transaction (MUST).
case smtp-client.rfc5321.4.1.1.1.hello-before-mail
  title "The client sends EHLO or HELO before MAIL"
  rfc 5321 4.1.1.1 MUST
  tags ehlo
  include smtp-client.greet
  expect command EHLO|HELO
  send "250-mailspec.test" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  include smtp-client.finish
end

# The EHLO argument is the client's domain name, or an address literal when it has no name (§2.3.5,
# §4.1.4 MUST; the grammar of §4.1.1.1: Domain / address-literal).
case smtp-client.rfc5321.4.1.4.ehlo-domain
  title "The EHLO argument is a domain name or an address literal"
  rfc 5321 4.1.4 MUST
  rfc 5321 2.3.5 MUST
  tags ehlo
  include smtp-client.greet
  expect command EHLO|HELO text /\A(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[(?:\d{1,3}(?:\.\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]+|[A-Za-z0-9-]*[A-Za-z0-9]:[!-Z^-~]+)\])\z/
  send "250-mailspec.test" "250 8BITMIME"
  include smtp-client.finish
end

# A server that does not know EHLO answers 500 (command unrecognized): the client falls back to HELO
# (§3.2 SHOULD; §2.2.1: HELO is the fallback every client supports).
case smtp-client.rfc5321.3.2.helo-fallback-500
  title "EHLO answered 500: the client falls back to HELO"
  rfc 5321 3.2 SHOULD
  tags ehlo helo
  include smtp-client.greet
  need command EHLO hint "the client opened with HELO: nothing to fall back from (ehlo-first judges that)"
  send "500 5.5.1 command unrecognized"
  expect command HELO
  send "250 mailspec.test"
  include smtp-client.finish
end

# The same after 502 (command not implemented), the other "not recognized" answer (§4.2.4).
case smtp-client.rfc5321.3.2.helo-fallback-502
  title "EHLO answered 502: the client falls back to HELO"
  rfc 5321 3.2 SHOULD
  tags ehlo helo
  include smtp-client.greet
  need command EHLO hint "the client opened with HELO: nothing to fall back from (ehlo-first judges that)"
  send "502 5.5.2 command not implemented"
  expect command HELO
  send "250 mailspec.test"
  include smtp-client.finish
end

# The HELO argument, after a fallback, is a domain name too (§4.1.1.1: HELO SP Domain; §2.3.5 MUST).
# The command after the 502 may be something else than HELO (helo-fallback-502 judges that); its
# arguments are then those of that command, and the case skips after the check.
case smtp-client.rfc5321.2.3.5.helo-domain
  title "The HELO argument is a domain name"
  rfc 5321 2.3.5 MUST
  tags ehlo helo
  include smtp-client.greet
  need command EHLO hint "the client opened with HELO (ehlo-domain judges its argument)"
  send "502 5.5.2 command not implemented"
  expect command HELO|EHLO|QUIT|MAIL|RSET|NOOP text /\A(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[(?:\d{1,3}(?:\.\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]+|[A-Za-z0-9-]*[A-Za-z0-9]:[!-Z^-~]+)\])\z|\AFROM:|\A\z/i
  need equals "${cmd.verb}" "HELO" hint "the client did not fall back to HELO (helo-fallback-502 judges that)"
  send "250 mailspec.test"
  include smtp-client.finish
end

# After HELO no extension was negotiated: MAIL and RCPT carry no parameters (§4.1.1 MUST NOT).
case smtp-client.rfc5321.4.1.1.no-parameters-after-helo
  title "After a HELO fallback MAIL and RCPT carry no ESMTP parameters"
  rfc 5321 4.1.1 MUST
  tags ehlo helo parameters
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  if equals "${cmd.verb}" "EHLO"
    send "502 5.5.2 command not implemented"
    need command HELO hint "the client did not fall back to HELO (helo-fallback-502 judges that)"
  end
  send "250 mailspec.test"
  expect command MAIL|QUIT text /\A(?:FROM:<[^>]*>)?\z/i
  if equals "${cmd.verb}" "MAIL"
    send "250 2.1.0 sender ok"
    expect command RCPT text /\ATO:<[^>]*>\z/i
    send "250 2.1.5 recipient ok"
    need command DATA hint "the client did not send DATA"
    send "354 go ahead"
    need data
    send "250 2.0.0 queued"
    include smtp-client.quit
  else
    send "221 2.0.0 bye"
  end
end
