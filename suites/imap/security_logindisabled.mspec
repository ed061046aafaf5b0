# LOGINDISABLED before TLS (RFC 9051 §6.2.3, §7.2.2): a server that advertises LOGINDISABLED on the
# clear-text connection answers every LOGIN there with a tagged NO, without checking the credentials.
# The case sends the run's real credentials (redacted in reports) on purpose: only a valid LOGIN shows
# whether the server honours its own LOGINDISABLED. BAD and a close are accepted as refusals too.

# §7.2.2 and §6.2.3: with LOGINDISABLED advertised before TLS, a LOGIN with valid credentials is
# refused.
case imap.rfc9051.6.2.3.logindisabled-honoured
  title "With LOGINDISABLED advertised, LOGIN with valid credentials is refused"
  rfc 9051 6.2.3 MUST
  rfc 9051 7.2.2 MUST
  tags security login logindisabled
  requires ext LOGINDISABLED
  requires plain
  requires login
  include imap.greeted
  command "LOGIN \"${user}\" \"${password}\""
  expect tagged NO|BAD or-closed
end

# §6.2.3: ... and the session stays not authenticated: a SELECT afterwards is still refused.
case imap.rfc9051.6.2.3.logindisabled-stays-unauthenticated
  title "After a LOGIN refused for LOGINDISABLED, SELECT is still refused"
  rfc 9051 6.2.3 MUST
  tags security login logindisabled states
  requires ext LOGINDISABLED
  requires plain
  requires login
  include imap.greeted
  command "LOGIN \"${user}\" \"${password}\""
  need tagged NO|BAD hint "the server accepted LOGIN despite LOGINDISABLED (see imap.rfc9051.6.2.3.logindisabled-honoured)"
  command "SELECT INBOX"
  expect tagged NO|BAD or-closed
end
