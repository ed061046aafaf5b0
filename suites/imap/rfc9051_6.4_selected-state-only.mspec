# RFC 9051 §3 and §6.4: the commands of the selected state are refused outside it: in the not-authenticated
# state (before LOGIN) and in the authenticated state (no mailbox selected). The refusal is BAD or NO; the
# check is that the server does not act on them. The commands that only exist in the selected state and
# are covered in their own files (CLOSE, EXPUNGE, SEARCH, FETCH, STORE, COPY, MOVE) are not repeated here.

# `UID FETCH` belongs to the selected state: with no mailbox selected it is refused (BAD, or NO).
case imap.rfc9051.6.4.authenticated-refuses-uid-fetch
  title "UID FETCH in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags state errors uid
  requires login
  include imap.authenticated
  command "UID FETCH 1:* (FLAGS)"
  expect tagged BAD|NO
end

# `UID SEARCH` belongs to the selected state: with no mailbox selected it is refused (BAD, or NO).
case imap.rfc9051.6.4.authenticated-refuses-uid-search
  title "UID SEARCH in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags state errors uid
  requires login
  include imap.authenticated
  command "UID SEARCH ALL"
  expect tagged BAD|NO
end

# `UID STORE` belongs to the selected state: with no mailbox selected it is refused (BAD, or NO).
case imap.rfc9051.6.4.authenticated-refuses-uid-store
  title "UID STORE in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags state errors uid
  requires login
  include imap.authenticated
  command "UID STORE 1 +FLAGS (\\Seen)"
  expect tagged BAD|NO
end

# `UID COPY` belongs to the selected state: with no mailbox selected it is refused (BAD, or NO).
case imap.rfc9051.6.4.authenticated-refuses-uid-copy
  title "UID COPY in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags state errors uid
  requires login
  include imap.authenticated
  command "UID COPY 1 INBOX"
  expect tagged BAD|NO
end

# Before authentication only the not-authenticated commands are valid: FETCH is refused (BAD, or NO), or the server closes the connection.
case imap.rfc9051.6.4.not-authenticated-refuses-fetch
  title "FETCH before LOGIN is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  rfc 9051 6.2 MUST
  tags state errors
  include imap.greeted
  command "FETCH 1 (FLAGS)"
  expect tagged BAD|NO or-closed
end

# Before authentication only the not-authenticated commands are valid: SEARCH is refused (BAD, or NO), or the server closes the connection.
case imap.rfc9051.6.4.not-authenticated-refuses-search
  title "SEARCH before LOGIN is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  rfc 9051 6.2 MUST
  tags state errors
  include imap.greeted
  command "SEARCH ALL"
  expect tagged BAD|NO or-closed
end

# Before authentication only the not-authenticated commands are valid: STORE is refused (BAD, or NO), or the server closes the connection.
case imap.rfc9051.6.4.not-authenticated-refuses-store
  title "STORE before LOGIN is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  rfc 9051 6.2 MUST
  tags state errors
  include imap.greeted
  command "STORE 1 +FLAGS (\\Seen)"
  expect tagged BAD|NO or-closed
end

# Before authentication only the not-authenticated commands are valid: EXPUNGE is refused (BAD, or NO), or the server closes the connection.
case imap.rfc9051.6.4.not-authenticated-refuses-expunge
  title "EXPUNGE before LOGIN is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  rfc 9051 6.2 MUST
  tags state errors
  include imap.greeted
  command "EXPUNGE"
  expect tagged BAD|NO or-closed
end

# Before authentication only the not-authenticated commands are valid: CLOSE is refused (BAD, or NO), or the server closes the connection.
case imap.rfc9051.6.4.not-authenticated-refuses-close
  title "CLOSE before LOGIN is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  rfc 9051 6.2 MUST
  tags state errors
  include imap.greeted
  command "CLOSE"
  expect tagged BAD|NO or-closed
end
