# RFC 9051 §6.3.4 (CREATE): a new mailbox appears, an existing name or INBOX is refused, a trailing
# delimiter is a declaration only, and missing superiors are created. Every case works under the run's
# own ${box} and removes what it made.

# CREATE makes a mailbox that LIST then shows, empty and selectable.
case imap.rfc9051.6.3.4.create-then-listed
  title "A created mailbox is listed by LIST"
  rfc 9051 6.3.4 MUST
  tags create list
  requires login
  include imap.authenticated
  set box "mailspec-${uniq}"
  command "CREATE ${box}"
  expect tagged OK
  command "LIST \"\" \"${box}\""
  expect tagged OK
  expect untagged LIST /"?${box}"?\r?$/
  cleanup
    include imap.scratch.drop
  end
end

# A created mailbox is selectable and empty (EXISTS 0).
case imap.rfc9051.6.3.4.create-then-select-empty
  title "A created mailbox can be selected and holds no messages"
  rfc 9051 6.3.4 MUST
  tags create select
  requires login
  include imap.scratch.empty
  command "SELECT ${box}"
  expect tagged OK
  expect untagged EXISTS 0
  cleanup
    include imap.scratch.drop
  end
end

# Creating a name that exists is an error: NO.
case imap.rfc9051.6.3.4.create-existing-no
  title "CREATE of an existing mailbox is answered NO"
  rfc 9051 6.3.4 MUST
  tags create errors
  requires login
  include imap.scratch.empty
  command "CREATE ${box}"
  expect tagged NO
  cleanup
    include imap.scratch.drop
  end
end

# RFC 5530 ALREADYEXISTS says why; the code is optional (MAY).
case imap.rfc9051.7.1.create-existing-alreadyexists
  title "CREATE of an existing mailbox carries [ALREADYEXISTS] (optional)"
  rfc 9051 7.1 MAY
  rfc 5530 3 MAY
  tags create codes
  requires login
  include imap.scratch.empty
  command "CREATE ${box}"
  expect tagged NO code ALREADYEXISTS
  cleanup
    include imap.scratch.drop
  end
end

# Creating INBOX is an error, in any case of its letters (INBOX is case-insensitive).
case imap.rfc9051.6.3.4.create-inbox-no
  title "CREATE INBOX is answered NO"
  rfc 9051 6.3.4 MUST
  tags create inbox errors
  requires login
  include imap.authenticated
  command "CREATE INBOX"
  expect tagged NO
end

# INBOX is case-insensitive: CREATE inbox names the existing INBOX, so it is refused too.
case imap.rfc9051.6.3.4.create-inbox-lower-case-no
  title "CREATE inbox (lower case) is answered NO"
  rfc 9051 6.3.4 MUST
  rfc 9051 5.1 MUST
  tags create inbox errors
  requires login
  include imap.authenticated
  command "CREATE inbox"
  expect tagged NO
end

# A trailing delimiter only declares that children will follow; a server that does not need the
# declaration must ignore it (MUST): either way CREATE succeeds and the name (without the delimiter) exists.
case imap.rfc9051.6.3.4.create-trailing-delimiter
  title "CREATE with a trailing hierarchy delimiter succeeds and the name exists"
  rfc 9051 6.3.4 MUST
  tags create hierarchy
  requires login
  include imap.authenticated
  include imap.a.delim
  set box "mailspec-${uniq}"
  command "CREATE ${box}${delim}"
  expect tagged OK
  command "LIST \"\" \"${box}\""
  expect tagged OK
  expect untagged LIST /"?${box}"?\r?$/
  cleanup
    include imap.scratch.drop
  end
end

# A name with the delimiter inside: the server should create the superiors that are needed (SHOULD):
# after CREATE ${box}/a/b, ${box}/a exists in LIST (selectable or \Noselect).
case imap.rfc9051.6.3.4.create-superiors
  title "CREATE a/b/c creates the missing superior a/b"
  rfc 9051 6.3.4 SHOULD
  tags create hierarchy
  requires login
  set delim "/"   # placeholder until captured, so the cleanup can run
  include imap.scratch.empty
  include imap.a.delim
  command "CREATE ${box}${delim}a${delim}b"
  need tagged OK
  command "LIST \"\" \"${box}${delim}a\""
  expect tagged OK
  expect untagged LIST /"?${box}${delim}a"?\r?$/
  cleanup
    connect tidy-sup
    need greeting
    login
    command "DELETE ${box}${delim}a${delim}b"
    need tagged OK|NO
    command "DELETE ${box}${delim}a"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# A child created under an existing mailbox is listed under it.
case imap.rfc9051.6.3.4.create-child
  title "CREATE of a child name under an existing mailbox succeeds and is listed"
  rfc 9051 6.3.4 MUST
  tags create hierarchy
  requires login
  include imap.a.parent-child
  command "LIST \"\" \"${box}${delim}child\""
  expect tagged OK
  expect untagged LIST /"?${box}${delim}child"?\r?$/
  cleanup
    include imap.a.drop-child
  end
end

# CREATE needs a name: BAD (SHOULD, §2.2.2).
case imap.rfc9051.6.3.4.create-missing-argument-bad
  title "CREATE without a name is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags create syntax
  requires login
  include imap.authenticated
  command "CREATE"
  expect tagged BAD
end

# A mailbox created again after DELETE must not reuse the UIDs of the old one unless UIDVALIDITY
# changed (§6.3.4/§6.3.5 MUST): same UIDVALIDITY means a new UIDNEXT above the old one.
case imap.rfc9051.6.3.4.recreate-no-uid-reuse
  title "A mailbox re-created with the same name does not reuse UIDs under the same UIDVALIDITY"
  rfc 9051 6.3.4 MUST
  rfc 9051 6.3.5 MUST
  rfc 9051 2.3.1.1 MUST
  tags create delete uid
  requires login
  include imap.scratch
  command "STATUS ${box} (UIDVALIDITY UIDNEXT)"
  need tagged OK
  capture uv1 /UIDVALIDITY ([0-9]+)/i
  capture next1 /UIDNEXT ([0-9]+)/i
  command "DELETE ${box}"
  need tagged OK
  command "CREATE ${box}"
  need tagged OK
  command "APPEND ${box}" literal "Subject: ${uniq}\r\n\r\nagain\r\n"
  need tagged OK
  command "STATUS ${box} (UIDVALIDITY UIDNEXT)"
  need tagged OK
  capture uv2 /UIDVALIDITY ([0-9]+)/i
  capture next2 /UIDNEXT ([0-9]+)/i
  if equals "${uv2}" "${uv1}"
    expect greater "${next2}" "${next1}"
  else
    expect differs "${uv2}" "${uv1}"
  end
  cleanup
    include imap.scratch.drop
  end
end
