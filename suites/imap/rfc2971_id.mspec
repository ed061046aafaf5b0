# RFC 2971 (ID): the client may identify itself; the server answers with an untagged ID carrying its
# own list or NIL, in any state, and must not change its service because of what the client said.
# Every case requires ID.

# §3.1 and §3.2: ID NIL is answered with an untagged ID (a list or NIL) and OK.
case imap.rfc2971.3.2.id-nil
  title "ID NIL is answered with an untagged ID and OK"
  rfc 2971 3.2 MUST
  tags id
  requires ext ID
  requires login
  include imap.authenticated
  command "ID NIL"
  expect tagged OK
  expect untagged ID /^\* ID (NIL|\()/i
end

# §3.1: a client list of field/value pairs (a NIL value allowed) is accepted the same way.
case imap.rfc2971.3.1.id-with-list
  title "ID with a field/value list is answered with an untagged ID and OK"
  rfc 2971 3.2 MUST
  rfc 2971 3.1 MUST
  tags id
  requires ext ID
  requires login
  include imap.authenticated
  command "ID (\"name\" \"mailspec\" \"version\" \"1\" \"vendor\" NIL)"
  expect tagged OK
  expect untagged ID /^\* ID (NIL|\()/i
end

# §3.1: ID is valid in any state, the not-authenticated one included.
case imap.rfc2971.3.1.id-before-login
  title "ID before login is answered with an untagged ID and OK"
  rfc 2971 3.1 MUST
  tags id states
  requires ext ID
  include imap.greeted
  command "ID NIL"
  expect tagged OK
  expect untagged ID
end

# §3.1: ... and in the selected state.
case imap.rfc2971.3.1.id-selected-state
  title "ID in the selected state is answered with an untagged ID and OK"
  rfc 2971 3.1 MUST
  tags id states
  requires ext ID
  requires login
  include imap.authenticated
  command "EXAMINE INBOX"
  need tagged OK
  command "ID NIL"
  expect tagged OK
  expect untagged ID
end

# §3: the server must not refuse service because of the client's ID: after the client names itself
# as an unusual client, LOGIN still works.
case imap.rfc2971.3.id-does-not-deny-service
  title "After an unusual client ID, LOGIN still succeeds"
  rfc 2971 3 MUST
  tags id login
  requires ext ID
  requires login
  include imap.greeted
  command "ID (\"name\" \"mailspec-odd-client-${uniq}\" \"version\" \"0.0-x\")"
  need tagged OK
  login
  command "NOOP"
  expect tagged OK
end
