# RFC 9051 §7.1 (status responses) and §3 (connection states): the first thing a server sends, and
# the commands every state allows. The full IMAP suite (strict grammar, two-session state tracking)
# comes with the IMAP issue; these cases prove the engine on real servers.

# The server opens with an untagged OK (or PREAUTH, or BYE when it refuses service).
case imap.rfc9051.7.1.greeting-is-untagged-ok
  title "The greeting is an untagged OK or PREAUTH"
  rfc 9051 7.1 MUST
  tags greeting core
  connect
  expect greeting
end

# CAPABILITY is valid in any state and answers with one untagged CAPABILITY listing IMAP4rev1 or
# IMAP4rev2, then a tagged OK.
case imap.rfc9051.6.1.1.capability-lists-version
  title "CAPABILITY lists IMAP4rev1 or IMAP4rev2 and completes with OK"
  rfc 9051 6.1.1 MUST
  tags capability core
  connect
  need greeting
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /IMAP4rev[12]/
end

# NOOP always succeeds, in every state.
case imap.rfc9051.6.1.2.noop-not-authenticated
  title "NOOP before login completes with OK"
  rfc 9051 6.1.2 MUST
  tags noop
  connect
  need greeting
  command "NOOP"
  expect tagged OK
end

# LOGOUT sends an untagged BYE before the tagged OK, then the server closes the connection.
case imap.rfc9051.6.1.3.logout-bye-then-ok
  title "LOGOUT answers BYE, then tagged OK, then closes"
  rfc 9051 6.1.3 MUST
  tags logout core
  connect
  need greeting
  command "LOGOUT"
  expect tagged OK
  expect untagged BYE
  expect closed
end

# A command that needs the authenticated state (SELECT) is refused before login: the grammar makes
# it invalid in the not-authenticated state, answered NO or BAD. §3 binds the client; the server's
# duty is §2.2.2's SHOULD (enforce the syntax strictly), see rfc9051_3_states.mspec.
case imap.rfc9051.3.select-before-login-refused
  title "SELECT before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  connect
  need greeting
  command "SELECT INBOX"
  expect tagged NO|BAD
end

# An unknown command is a protocol error: tagged BAD.
case imap.rfc9051.7.1.5.unknown-command-bad
  title "An unknown command is answered BAD"
  rfc 9051 7.1.3 MUST
  tags errors
  connect
  need greeting
  command "XYZZY-NOT-A-COMMAND"
  expect tagged BAD
end

# A server may put its capabilities in the greeting's [CAPABILITY] code (RFC 9051 §7.1, MAY): reported
# as information when it does not.
case imap.rfc9051.7.1.greeting-capability-code
  title "The greeting carries a [CAPABILITY] code (optional)"
  rfc 9051 7.1 MAY
  tags greeting capability
  connect
  expect greeting
  expect untagged OK /\[CAPABILITY [^\]]*IMAP4rev[12]/i
end

# A cleartext connection that is not pre-authenticated: the greeting is OK, not PREAUTH, so that a login
# is needed (PREAUTH SHOULD only be sent on protected connections, §7.1.4).
case imap.rfc9051.7.1.4.no-preauth-on-cleartext
  title "The greeting on a cleartext port is not PREAUTH"
  rfc 9051 7.1.4 SHOULD
  tags greeting security
  requires plain
  connect
  expect greeting
  expect untagged OK
end

# The server should not close without an untagged BYE that says why (§3.4 SHOULD); after LOGOUT the BYE
# comes first: read up to the close, a BYE must have been seen (checked by the tagged matcher's kept
# untagged responses).
case imap.rfc9051.7.1.5.bye-has-text
  title "The BYE of LOGOUT carries human-readable text"
  rfc 9051 7.1.5 MAY
  tags logout bye
  include imap.greeted
  command "LOGOUT"
  need tagged OK
  expect untagged BYE /^\* BYE \S/i
end
