# RFC 9051 §6.3.5 (DELETE): the mailbox goes, INBOX and missing names are refused, inferiors stay.

# After DELETE the mailbox is gone: STATUS on it is refused.
case imap.rfc9051.6.3.5.delete-removes
  title "DELETE removes the mailbox (STATUS on it is then NO)"
  rfc 9051 6.3.5 MUST
  tags delete
  requires login
  include imap.scratch.empty
  command "DELETE ${box}"
  expect tagged OK
  command "STATUS ${box} (MESSAGES)"
  expect tagged NO
  cleanup
    connect tidy-del
    need greeting
    login
    command "DELETE ${box}"
    need tagged OK|NO
  end
end

# Deleting a name that does not exist is an error: NO.
case imap.rfc9051.6.3.5.delete-nonexistent-no
  title "DELETE of a mailbox that does not exist is answered NO"
  rfc 9051 6.3.5 MUST
  tags delete errors
  requires login
  include imap.authenticated
  command "DELETE mailspec-${uniq}-none"
  expect tagged NO
end

# Deleting INBOX is an error (NO); lower case is the same name.
case imap.rfc9051.6.3.5.delete-inbox-no
  title "DELETE INBOX is answered NO"
  rfc 9051 6.3.5 MUST
  tags delete inbox errors
  requires login
  include imap.authenticated
  command "DELETE INBOX"
  expect tagged NO
end

# INBOX is case-insensitive: DELETE inbox names INBOX and is refused the same way.
case imap.rfc9051.6.3.5.delete-inbox-lower-case-no
  title "DELETE inbox (lower case) is answered NO"
  rfc 9051 6.3.5 MUST
  rfc 9051 5.1 MUST
  tags delete inbox errors
  requires login
  include imap.authenticated
  command "DELETE inbox"
  expect tagged NO
end

# RFC 5530 codes say why a DELETE failed; both are optional (MAY, RFC 9051 §7.1): [NONEXISTENT] for a
# name that does not exist ...
case imap.rfc9051.7.1.delete-nonexistent-code
  title "DELETE of a missing mailbox carries [NONEXISTENT] (optional)"
  rfc 9051 7.1 MAY
  rfc 5530 3 MAY
  tags delete codes
  requires login
  include imap.authenticated
  command "DELETE mailspec-${uniq}-none"
  expect tagged NO code NONEXISTENT
end

# ... and [CANNOT] for INBOX, which can never be deleted.
case imap.rfc9051.7.1.delete-inbox-cannot
  title "DELETE INBOX carries [CANNOT] (optional)"
  rfc 9051 7.1 MAY
  rfc 5530 3 MAY
  tags delete inbox codes
  requires login
  include imap.authenticated
  command "DELETE INBOX"
  expect tagged NO code CANNOT
end

# Deleting a parent must not remove its inferiors (MUST): whether the server refuses (NO, SHOULD when it
# does not allow it) or deletes the parent (then \Noselect), the child is still there.
case imap.rfc9051.6.3.5.delete-parent-keeps-child
  title "DELETE of a mailbox with a child leaves the child in place"
  rfc 9051 6.3.5 MUST
  tags delete hierarchy
  requires login
  include imap.a.parent-child
  command "DELETE ${box}"
  expect tagged OK|NO
  command "STATUS ${box}${delim}child (MESSAGES)"
  expect tagged OK
  cleanup
    include imap.a.drop-child
  end
end

# A server that refuses to delete a parent should say why with [HASCHILDREN] (RFC 9051 §6.3.5 SHOULD;
# the code is new in IMAP4rev2). Allowing the DELETE is the other permitted outcome.
case imap.rfc9051.6.3.5.delete-parent-haschildren-code
  title "A refused DELETE of a parent carries [HASCHILDREN]"
  rfc 9051 6.3.5 SHOULD
  tags delete hierarchy codes rev2
  requires login
  requires ext IMAP4rev2
  include imap.a.parent-child
  command "DELETE ${box}"
  read
  capture outcome /^[^*+\r\n]\S* (OK|NO \[[A-Za-z-]+|NO)/
  if not equals "${outcome}" "OK"
    expect equals "${outcome}" "NO [HASCHILDREN"
  end
  cleanup
    include imap.a.drop-child
  end
end

# The messages go with the mailbox: a mailbox re-created under the same name is empty.
case imap.rfc9051.6.3.5.delete-removes-messages
  title "A mailbox re-created after DELETE holds none of the old messages"
  rfc 9051 6.3.5 MUST
  tags delete
  requires login
  include imap.scratch
  command "DELETE ${box}"
  need tagged OK
  command "CREATE ${box}"
  need tagged OK
  command "STATUS ${box} (MESSAGES)"
  expect tagged OK
  expect untagged STATUS /\(MESSAGES 0\)/i
  cleanup
    include imap.scratch.drop
  end
end

# DELETE needs a name: BAD (SHOULD, §2.2.2).
case imap.rfc9051.6.3.5.delete-missing-argument-bad
  title "DELETE without a name is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags delete syntax
  requires login
  include imap.authenticated
  command "DELETE"
  expect tagged BAD
end
