# RFC 9051 §6.1 (commands valid in any state: CAPABILITY, NOOP, LOGOUT) and RFC 3501 §6.1 where an
# IMAP4rev1 server answers differently. The cases of rfc9051_7.1_greeting.mspec cover the same
# commands right after the greeting; these cover the other states and the details.

# CAPABILITY after login (authenticated state) still answers one CAPABILITY naming the revision.
case imap.rfc9051.6.1.1.capability-authenticated
  title "CAPABILITY after login lists IMAP4rev1 or IMAP4rev2 and completes with OK"
  rfc 9051 6.1.1 MUST
  rfc 3501 6.1.1 MUST
  tags capability
  requires login
  include imap.authenticated
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /^\* CAPABILITY (.* )?IMAP4rev[12]( |\r?$)/i
end

# In the selected state too.
case imap.rfc9051.6.1.1.capability-selected
  title "CAPABILITY with a mailbox selected completes with OK"
  rfc 9051 6.1.1 MUST
  tags capability
  requires login
  include imap.authenticated
  command "EXAMINE INBOX"
  need tagged OK
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /IMAP4rev[12]/i
end

# A server speaking IMAP4rev2 names it (§6.1.1); a server naming only IMAP4rev1 follows RFC 3501. The
# case checks that the revision atom stands alone (not a prefix of another atom).
case imap.rfc9051.6.1.1.capability-revision-atom
  title "The CAPABILITY response has IMAP4rev1 or IMAP4rev2 as an atom of its own"
  rfc 9051 6.1.1 MUST
  tags capability
  include imap.greeted
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /^\* CAPABILITY (.* )?IMAP4rev[12]( |\r?$)/i
end

# STARTTLS must be implemented on the cleartext port (§6.1.1): it is advertised there before login.
case imap.rfc9051.6.1.1.starttls-advertised-cleartext
  title "STARTTLS is advertised on the cleartext port"
  rfc 9051 6.1.1 MUST
  tags capability starttls
  requires plain
  include imap.greeted
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /^\* CAPABILITY (.* )?STARTTLS( |\r?$)/i
end

# AUTH=PLAIN must be implemented (§6.1.1, on both ports); it is advertised once the connection is
# protected (inside TLS, or on an implicit-TLS port), where a plaintext mechanism may be offered.
case imap.rfc9051.6.1.1.auth-plain-advertised-in-tls
  title "AUTH=PLAIN is advertised on a TLS-protected connection"
  rfc 9051 6.1.1 MUST
  tags capability auth
  requires tls
  include imap.greeted
  if starttls
    command "STARTTLS"
    need tagged OK
    starttls
  end
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /^\* CAPABILITY (.* )?AUTH=PLAIN( |\r?$)/i
end

# NOOP after login: OK.
case imap.rfc9051.6.1.2.noop-authenticated
  title "NOOP after login completes with OK"
  rfc 9051 6.1.2 MUST
  tags noop
  requires login
  include imap.authenticated
  command "NOOP"
  expect tagged OK
end

# NOOP in the selected state: OK (it may carry untagged updates, which are allowed).
case imap.rfc9051.6.1.2.noop-selected
  title "NOOP with a mailbox selected completes with OK"
  rfc 9051 6.1.2 MUST
  tags noop
  requires login
  include imap.a.empty-selected
  command "NOOP"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end

# LOGOUT takes no arguments: "LOGOUT now" breaks the grammar (BAD); a server that logs out anyway has
# still ended the session, so a close is also accepted.
case imap.rfc9051.6.1.3.logout-extra-argument-bad
  title "LOGOUT with an argument is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags logout syntax errors
  include imap.greeted
  command "LOGOUT now"
  expect tagged BAD or-closed
end

# The BYE of LOGOUT comes before the tagged OK (§6.1.3): read line by line, in order.
case imap.rfc9051.6.1.3.logout-bye-before-ok
  title "LOGOUT: the untagged BYE precedes the tagged OK"
  rfc 9051 6.1.3 MUST
  tags logout
  include imap.greeted
  send "LG1 LOGOUT"
  expect line /^\* BYE/i
  expect line /^LG1 OK/i
end

# LOGOUT ends the connection even with another command pipelined behind it: BYE, the tagged OK of
# LOGOUT, then the server closes (§6.1.3); whatever it says about the second command before closing is
# not judged here.
case imap.rfc9051.6.1.3.logout-then-closed
  title "After LOGOUT's tagged OK the server closes, whatever follows"
  rfc 9051 6.1.3 MUST
  tags logout
  include imap.greeted
  send "LC1 LOGOUT" "LC2 NOOP"
  expect line /^\* BYE/i
  expect line /^LC1 OK/i
  expect closed
end

# CAPABILITY in lower case with its untagged response name echoed in upper case is fine; the response
# must be a single CAPABILITY response (§6.1.1: "a single untagged CAPABILITY response").
case imap.rfc9051.6.1.1.capability-single-response
  title "CAPABILITY is answered by exactly one untagged CAPABILITY"
  rfc 9051 6.1.1 MUST
  tags capability
  include imap.greeted
  send "CS1 CAPABILITY"
  expect line /^\* CAPABILITY /i
  expect line /^CS1 OK/i
end
