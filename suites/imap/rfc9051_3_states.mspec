# RFC 9051 §3 (state and flow diagram) and §6: each command is valid only in some states. A command
# sent outside its state is refused, with NO or BAD (both are allowed: the grammar of the state does
# not contain it, and the Result lines of the commands list both). Nothing here changes the mailbox.
# Level: §3 states what the *client* must do; what binds the server is §2.2.2 ("servers SHOULD strictly
# enforce the syntax", and the grammar of §9 lists per state which commands exist), so a server that
# accepts a command outside its state gets a warning, not a failure.

# Not authenticated: CREATE needs the authenticated state.
case imap.rfc9051.3.1.create-before-login-refused
  title "CREATE before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  include imap.greeted
  command "CREATE mailspec-${uniq}"
  expect tagged NO|BAD
end

# DELETE needs the authenticated state: refused (NO or BAD) before login.
case imap.rfc9051.3.1.delete-before-login-refused
  title "DELETE before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  include imap.greeted
  command "DELETE mailspec-${uniq}"
  expect tagged NO|BAD
end

# RENAME needs the authenticated state: refused (NO or BAD) before login.
case imap.rfc9051.3.1.rename-before-login-refused
  title "RENAME before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  include imap.greeted
  command "RENAME mailspec-${uniq} mailspec-${uniq}-b"
  expect tagged NO|BAD
end

# EXAMINE needs the authenticated state: refused (NO or BAD) before login.
case imap.rfc9051.3.1.examine-before-login-refused
  title "EXAMINE before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  include imap.greeted
  command "EXAMINE INBOX"
  expect tagged NO|BAD
end

# LIST needs the authenticated state: refused (NO or BAD) before login.
case imap.rfc9051.3.1.list-before-login-refused
  title "LIST before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  include imap.greeted
  command "LIST \"\" \"*\""
  expect tagged NO|BAD
end

# STATUS needs the authenticated state: refused (NO or BAD) before login.
case imap.rfc9051.3.1.status-before-login-refused
  title "STATUS before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  include imap.greeted
  command "STATUS INBOX (MESSAGES)"
  expect tagged NO|BAD
end

# SUBSCRIBE needs the authenticated state: refused (NO or BAD) before login.
case imap.rfc9051.3.1.subscribe-before-login-refused
  title "SUBSCRIBE before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  include imap.greeted
  command "SUBSCRIBE mailspec-${uniq}"
  expect tagged NO|BAD
end

# NAMESPACE needs the authenticated state: refused (NO or BAD) before login.
case imap.rfc9051.3.1.namespace-before-login-refused
  title "NAMESPACE before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states namespace
  include imap.greeted
  command "NAMESPACE"
  expect tagged NO|BAD
end

# APPEND before login: refused either at once (instead of the continuation request) or after the literal.
case imap.rfc9051.3.1.append-before-login-refused
  title "APPEND before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states append
  include imap.greeted
  command "APPEND INBOX" literal "Subject: x\r\n\r\nx\r\n"
  expect tagged NO|BAD or-closed
end

# FETCH needs the selected state: before login it is refused.
case imap.rfc9051.3.1.fetch-before-login-refused
  title "FETCH before login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  include imap.greeted
  command "FETCH 1 FLAGS"
  expect tagged NO|BAD
end

# Authenticated but nothing selected (§3.2): commands on messages are refused.
case imap.rfc9051.3.2.fetch-without-selection-refused
  title "FETCH with no mailbox selected is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  requires login
  include imap.authenticated
  command "FETCH 1 FLAGS"
  expect tagged NO|BAD
end

# STORE works on messages of the selected mailbox: refused (NO or BAD) with none selected.
case imap.rfc9051.3.2.store-without-selection-refused
  title "STORE with no mailbox selected is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  requires login
  include imap.authenticated
  command "STORE 1 +FLAGS (\\Seen)"
  expect tagged NO|BAD
end

# SEARCH likewise needs a selected mailbox.
case imap.rfc9051.3.2.search-without-selection-refused
  title "SEARCH with no mailbox selected is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  requires login
  include imap.authenticated
  command "SEARCH ALL"
  expect tagged NO|BAD
end

# UID FETCH likewise needs a selected mailbox.
case imap.rfc9051.3.2.uid-fetch-without-selection-refused
  title "UID FETCH with no mailbox selected is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  requires login
  include imap.authenticated
  command "UID FETCH 1:* FLAGS"
  expect tagged NO|BAD
end

# EXPUNGE likewise needs a selected mailbox.
case imap.rfc9051.3.2.expunge-without-selection-refused
  title "EXPUNGE with no mailbox selected is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  requires login
  include imap.authenticated
  command "EXPUNGE"
  expect tagged NO|BAD
end

# CLOSE likewise needs a selected mailbox (there is nothing to close).
case imap.rfc9051.3.2.close-without-selection-refused
  title "CLOSE with no mailbox selected is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  requires login
  include imap.authenticated
  command "CLOSE"
  expect tagged NO|BAD
end

# COPY likewise needs a selected mailbox (its source messages).
case imap.rfc9051.3.2.copy-without-selection-refused
  title "COPY with no mailbox selected is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  tags states
  requires login
  include imap.authenticated
  command "COPY 1 INBOX"
  expect tagged NO|BAD
end

# LOGIN is valid only in the not-authenticated state: a second LOGIN after a successful one is refused.
case imap.rfc9051.3.2.login-twice-refused
  title "LOGIN in the authenticated state is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 6.2.3 MUST
  tags states login
  requires login
  include imap.authenticated
  command "LOGIN \"${user}\" \"${password}\""
  expect tagged NO|BAD
end

# AUTHENTICATE likewise (a refusal may come at once or after the server's first challenge is cancelled).
case imap.rfc9051.3.2.authenticate-after-login-refused
  title "AUTHENTICATE in the authenticated state is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 6.2.2 MUST
  tags states auth
  requires login
  include imap.authenticated
  command "AUTHENTICATE PLAIN"
  expect tagged NO|BAD within 3s
end

# STARTTLS is a not-authenticated command (§6.2.1); after login it is refused.
case imap.rfc9051.3.2.starttls-after-login-refused
  title "STARTTLS after login is refused with NO or BAD"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 6.2.1 MUST
  tags states starttls
  requires login
  requires plain
  include imap.authenticated
  command "STARTTLS"
  expect tagged NO|BAD
end

# After a failed LOGIN the session stays not authenticated: SELECT is still refused.
case imap.rfc9051.3.1.failed-login-stays-unauthenticated
  title "After a refused LOGIN, SELECT is still refused"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 6.2.3 MUST
  tags states login
  requires login
  include imap.a.penalty-reset
  include imap.greeted
  command "LOGIN \"${user}\" \"wrong-${uniq}\""
  need tagged NO
  command "SELECT INBOX"
  expect tagged NO|BAD
  cleanup
    include imap.a.penalty-reset
  end
end

# Logout state (§3.4): after LOGOUT in the authenticated state, BYE, the tagged OK, then the close.
case imap.rfc9051.3.4.logout-authenticated
  title "LOGOUT after login answers BYE and OK, then closes"
  rfc 9051 3.4 MUST
  rfc 9051 6.1.3 MUST
  tags states logout
  requires login
  include imap.authenticated
  command "LOGOUT"
  expect tagged OK
  expect untagged BYE
  expect closed
end

# And from the selected state.
case imap.rfc9051.3.4.logout-selected
  title "LOGOUT with a mailbox selected answers BYE and OK, then closes"
  rfc 9051 3.4 MUST
  rfc 9051 6.1.3 MUST
  tags states logout
  requires login
  include imap.authenticated
  command "EXAMINE INBOX"
  need tagged OK
  command "LOGOUT"
  expect tagged OK
  expect untagged BYE
  expect closed
end

# Selected state (§3.3): a successful SELECT enters it, and message commands then work (FETCH OK).
case imap.rfc9051.3.3.select-enters-selected-state
  title "After SELECT, FETCH is accepted (selected state)"
  rfc 9051 6.4.5 MUST
  rfc 9051 3.3 MUST
  tags states
  requires login
  include imap.scratch.selected
  command "FETCH 1 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 1
  cleanup
    include imap.scratch.drop
  end
end

# A failed SELECT leaves no mailbox selected (§6.3.2: SELECT deselects first): FETCH is then refused.
case imap.rfc9051.6.3.2.failed-select-deselects
  title "A failed SELECT while a mailbox is selected leaves none selected"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 6.3.2 MUST
  rfc 3501 6.3.1 MUST
  tags states select
  requires login
  include imap.scratch.selected
  command "SELECT mailspec-${uniq}-none"
  need tagged NO
  command "FETCH 1 (FLAGS)"
  expect tagged NO|BAD
  cleanup
    include imap.scratch.drop
  end
end
