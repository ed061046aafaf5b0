# STARTTLS command injection (CVE-2011-0411 and its relatives), RFC 9051 §6.2.1: octets that arrive in
# the same TCP buffer after the CRLF of STARTTLS must be either taken as the start of the TLS handshake
# (which then fails, being clear text) or thrown away; never executed as commands inside TLS. Each case
# sends STARTTLS and an injected command (tag X1, unknown to the harness) in ONE write. The harness
# drops unread clear-text octets before its handshake, so a reply to X1 can only come from inside TLS,
# where the only command in flight is the client's own NOOP: a response tagged X1 there ends the read
# with a mismatch.
#
# Safe outcomes, all accepted: refusing the pipelined STARTTLS (no OK: the case skips), answering X1 in
# clear text before the handshake (discarded), failing the handshake because the injected octets were
# read as TLS (`starttls or-end`), and closing the connection (`or-closed`).

# Injected NOOP: valid in every state, so a server that ran it inside TLS answers "X1 OK" first.
case imap.rfc9051.6.2.1.starttls-injection-noop
  title "A command sent in clear text after STARTTLS is not executed inside TLS (NOOP)"
  rfc 9051 6.2.1 MUST
  tags security starttls injection
  requires starttls
  include imap.greeted
  command "STARTTLS\r\nX1 NOOP"
  need tagged OK
  starttls or-end
  command "NOOP"
  expect tagged OK within 15s or-closed
  expect silence 500ms or-closed
end

# Injected CAPABILITY: inside TLS it would add an untagged CAPABILITY and "X1 OK" before the NOOP's OK.
case imap.rfc9051.6.2.1.starttls-injection-capability
  title "A command sent in clear text after STARTTLS is not executed inside TLS (CAPABILITY)"
  rfc 9051 6.2.1 MUST
  tags security starttls injection
  requires starttls
  include imap.greeted
  command "STARTTLS\r\nX1 CAPABILITY"
  need tagged OK
  starttls or-end
  command "NOOP"
  expect tagged OK within 15s or-closed
  expect silence 500ms or-closed
end

# Injected LOGOUT: run inside TLS it would answer BYE and "X1 OK" and close before the client's NOOP is
# answered. A close is no safe outcome here (it is what the injected LOGOUT does; RFC 9051 §6.2.1 offers
# only a failed handshake or discarding the octets), so the NOOP must be answered OK.
case imap.rfc9051.6.2.1.starttls-injection-logout
  title "A LOGOUT sent in clear text after STARTTLS does not end the TLS session"
  rfc 9051 6.2.1 MUST
  tags security starttls injection
  requires starttls
  include imap.greeted
  command "STARTTLS\r\nX1 LOGOUT"
  need tagged OK
  starttls or-end
  command "NOOP"
  expect tagged OK within 15s
end

# Several injected commands in the same write: none of them may run inside TLS (each would add a
# response tagged X1, X2 or X3 before the client's NOOP is answered).
case imap.rfc9051.6.2.1.starttls-injection-several
  title "Several commands sent in clear text after STARTTLS are all discarded"
  rfc 9051 6.2.1 MUST
  tags security starttls injection
  requires starttls
  include imap.greeted
  command "STARTTLS\r\nX1 NOOP\r\nX2 CAPABILITY\r\nX3 NOOP"
  need tagged OK
  starttls or-end
  command "NOOP"
  expect tagged OK within 15s or-closed
  expect silence 500ms or-closed
end
