# RFC 9051 §6.3.6 (RENAME): the mailbox and its messages move to the new name, inferiors move with it,
# missing superiors of the new name are created, and a missing source or an existing target is refused.
# RENAME INBOX (which moves INBOX's messages) is not tested: the suite never changes INBOX.

# After RENAME the new name holds the three messages and the old name is gone.
case imap.rfc9051.6.3.6.rename-moves-messages
  title "RENAME moves the mailbox with its messages to the new name"
  rfc 9051 6.3.6 MUST
  tags rename
  requires login
  include imap.scratch
  command "RENAME ${box} ${box}-new"
  expect tagged OK
  command "STATUS ${box}-new (MESSAGES)"
  expect tagged OK
  expect untagged STATUS /\(MESSAGES 3\)/i
  command "STATUS ${box} (MESSAGES)"
  expect tagged NO
  cleanup
    connect tidy-ren
    need greeting
    login
    command "DELETE ${box}-new"
    need tagged OK|NO
    command "DELETE ${box}"
    need tagged OK|NO
  end
end

# Renaming a name that does not exist is an error: NO.
case imap.rfc9051.6.3.6.rename-nonexistent-no
  title "RENAME of a mailbox that does not exist is answered NO"
  rfc 9051 6.3.6 MUST
  tags rename errors
  requires login
  include imap.authenticated
  command "RENAME mailspec-${uniq}-none mailspec-${uniq}-other"
  expect tagged NO
  cleanup
    connect tidy-ren
    need greeting
    login
    command "DELETE mailspec-${uniq}-other"
    need tagged OK|NO
  end
end

# Renaming onto a name that exists is an error: NO.
case imap.rfc9051.6.3.6.rename-to-existing-no
  title "RENAME to an existing mailbox name is answered NO"
  rfc 9051 6.3.6 MUST
  tags rename errors
  requires login
  include imap.scratch.empty
  command "CREATE ${box}-b"
  need tagged OK
  command "RENAME ${box} ${box}-b"
  expect tagged NO
  cleanup
    connect tidy-ren
    need greeting
    login
    command "DELETE ${box}-b"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# ... and may say why with [ALREADYEXISTS] (RFC 5530, MAY).
case imap.rfc9051.7.1.rename-to-existing-alreadyexists
  title "RENAME onto an existing name carries [ALREADYEXISTS] (optional)"
  rfc 9051 7.1 MAY
  rfc 5530 3 MAY
  tags rename codes
  requires login
  include imap.scratch.empty
  command "CREATE ${box}-b"
  need tagged OK
  command "RENAME ${box} ${box}-b"
  expect tagged NO code ALREADYEXISTS
  cleanup
    connect tidy-ren
    need greeting
    login
    command "DELETE ${box}-b"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# Inferior names are renamed with their parent (MUST).
case imap.rfc9051.6.3.6.rename-moves-inferiors
  title "RENAME of a parent also renames its child"
  rfc 9051 6.3.6 MUST
  tags rename hierarchy
  requires login
  include imap.a.parent-child
  command "RENAME ${box} ${box}-new"
  expect tagged OK
  command "STATUS ${box}-new${delim}child (MESSAGES)"
  expect tagged OK
  cleanup
    connect tidy-ren
    need greeting
    login
    command "DELETE ${box}-new${delim}child"
    need tagged OK|NO
    command "DELETE ${box}-new"
    need tagged OK|NO
    include imap.a.drop-child
  end
end

# The new name's missing superiors should be created (SHOULD): RENAME to ${box}/x/y leaves ${box}/x listed.
case imap.rfc9051.6.3.6.rename-creates-superiors
  title "RENAME to a/b/c creates the missing superior a/b"
  rfc 9051 6.3.6 SHOULD
  tags rename hierarchy
  requires login
  set delim "/"   # placeholder until captured, so the cleanup can run
  include imap.scratch.empty
  include imap.a.delim
  command "CREATE ${box}-src"
  need tagged OK
  command "RENAME ${box}-src ${box}${delim}x${delim}y"
  need tagged OK
  command "LIST \"\" \"${box}${delim}x\""
  expect tagged OK
  expect untagged LIST /"?${box}${delim}x"?\r?$/
  cleanup
    connect tidy-ren
    need greeting
    login
    command "DELETE ${box}-src"
    need tagged OK|NO
    command "DELETE ${box}${delim}x${delim}y"
    need tagged OK|NO
    command "DELETE ${box}${delim}x"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# The UIDs of the old name are not reused by a mailbox later created under it (MUST, §6.3.6): a new
# ${box} either has another UIDVALIDITY or a UIDNEXT beyond the old one.
case imap.rfc9051.6.3.6.rename-old-name-no-uid-reuse
  title "A mailbox created under a renamed-away name does not reuse its UIDs"
  rfc 9051 6.3.6 MUST
  tags rename uid
  requires login
  include imap.scratch
  command "STATUS ${box} (UIDVALIDITY UIDNEXT)"
  need tagged OK
  capture uv1 /UIDVALIDITY ([0-9]+)/i
  capture next1 /UIDNEXT ([0-9]+)/i
  command "RENAME ${box} ${box}-new"
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
    connect tidy-ren
    need greeting
    login
    command "DELETE ${box}-new"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# RENAME needs two names: BAD (SHOULD, §2.2.2).
case imap.rfc9051.6.3.6.rename-missing-argument-bad
  title "RENAME with one name is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags rename syntax
  requires login
  include imap.authenticated
  command "RENAME mailspec-${uniq}"
  expect tagged BAD
end
