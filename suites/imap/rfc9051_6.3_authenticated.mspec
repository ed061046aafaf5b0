# RFC 9051 §6.2 (not-authenticated state) and §6.3 (authenticated state): LOGIN, SELECT and EXAMINE
# against the run's own mailbox. Read-only: EXAMINE never changes the mailbox.

# LOGIN with good credentials completes with OK and moves to the authenticated state.
case imap.rfc9051.6.2.3.login-ok
  title "LOGIN with valid credentials completes with OK"
  rfc 9051 6.2.3 MUST
  tags login core
  requires login
  connect
  need greeting
  command "LOGIN \"${user}\" \"${password}\""
  expect tagged OK
end

# LOGIN with a wrong password is answered NO (and the state stays not-authenticated).
case imap.rfc9051.6.2.3.login-wrong-password-no
  title "LOGIN with a wrong password is answered NO"
  rfc 9051 6.2.3 MUST
  tags login errors
  requires login
  connect
  need greeting
  command "LOGIN \"${user}\" \"wrong-${uniq}\""
  expect tagged NO
end

# SELECT of INBOX answers the mailbox's FLAGS, EXISTS and UIDVALIDITY before a tagged OK.
case imap.rfc9051.6.3.2.select-inbox-untagged-data
  title "SELECT INBOX returns FLAGS, EXISTS and an OK [UIDVALIDITY]"
  rfc 9051 6.3.2 MUST
  tags select core
  requires login
  connect
  need greeting
  login
  command "SELECT INBOX"
  expect tagged OK
  expect untagged FLAGS
  expect untagged EXISTS
  expect untagged OK /\[UIDVALIDITY \d+\]/
end

# EXAMINE opens the mailbox read-only: the tagged OK carries [READ-ONLY].
case imap.rfc9051.6.3.3.examine-read-only
  title "EXAMINE completes with OK [READ-ONLY]"
  rfc 9051 6.3.3 MUST
  tags examine
  requires login
  connect
  need greeting
  login
  command "EXAMINE INBOX"
  expect tagged OK code READ-ONLY
end

# STARTTLS, where advertised, is answered OK and is followed by a TLS handshake; the server must then
# not keep pre-TLS capabilities (the client asks again).
case imap.rfc9051.6.2.1.starttls-then-capability
  title "STARTTLS completes with OK, TLS starts, CAPABILITY works inside TLS"
  rfc 9051 6.2.1 MUST
  tags starttls tls
  requires starttls
  connect
  need greeting
  command "STARTTLS"
  expect tagged OK
  starttls
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /IMAP4rev[12]/
end

# APPEND with a synchronizing literal: the server sends a continuation request, takes the octets,
# and completes with OK; the message is then found by its unique subject. It appends to the scratch
# mailbox (the suite never changes INBOX).
case imap.rfc9051.6.3.12.append-literal
  title "APPEND with a literal completes with OK and the message can be searched"
  rfc 9051 6.3.12 MUST
  rfc 9051 4.3 MUST
  tags append literal
  requires login
  include imap.scratch.empty
  command "APPEND ${box}" literal "From: mailspec@example.org\r\nSubject: ${uniq}\r\n\r\nappended by mailspec\r\n"
  expect tagged OK
  command "SELECT ${box}"
  need tagged OK
  command "UID SEARCH SUBJECT ${uniq}"
  expect tagged OK
  expect untagged SEARCH /^\* SEARCH \d+/
  cleanup
    include imap.scratch.drop
  end
end
