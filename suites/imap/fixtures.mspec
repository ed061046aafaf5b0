# Fixtures shared by the IMAP suite. Cases that change anything work in a scratch mailbox of their
# own, ${box} = mailspec-${uniq} (unique to the case run), and delete it in their `cleanup`, so the suite
# can run against a user's real account and leave it as it found it. INBOX is only ever read (EXAMINE).

# Connected (`main`), greeting read: the not-authenticated state (or authenticated after PREAUTH).
fixture imap.greeted
  connect
  need greeting
end

# Greeted and logged in with the run's credentials: the authenticated state.
fixture imap.authenticated
  include imap.greeted
  login
end

# (authenticated) ${box} = mailspec-${uniq} created. Dovecot, under parallel load, now and then answers
# the CREATE of a fresh name NO [ALREADYEXISTS] (and has made it nonetheless): a set-up step, so the first
# name is deleted again and one retry under another fresh name comes before the case skips.
fixture imap.scratch.create
  set box "mailspec-${uniq}"
  command "CREATE ${box}"
  need tagged OK|NO|BAD
  capture created /(?:^|\n)A\d+ (OK|NO|BAD)/
  if differs "${created}" "OK"
    # Dovecot may have made it all the same: delete it now (whatever the answer), so that no cleanup
    # needs to know of the first name.
    command "DELETE ${box}"
    need tagged OK|NO|BAD
    set box "mailspec-${uniq}-again"
    command "CREATE ${box}"
    need tagged OK
  end
end

# Authenticated, ${box} created and holding the three known messages of messages/ in this order:
#   1 plain-one.eml        flags (\Seen)             internal date 01-Jan-2024 10:00:00 +0000   295 octets
#   2 plain-two.eml        flags (\Flagged)          internal date 02-Jan-2024 11:30:00 +0100   409 octets
#   3 multipart-three.eml  no flags                  internal date 03-Jan-2024 12:00:00 -0500   604 octets
# Not selected. Pair it with `cleanup include imap.scratch.drop end`.
fixture imap.scratch
  include imap.authenticated
  include imap.scratch.create
  command "APPEND ${box} (\\Seen) \"01-Jan-2024 10:00:00 +0000\"" literal-file "messages/plain-one.eml"
  need tagged OK
  command "APPEND ${box} (\\Flagged) \"02-Jan-2024 11:30:00 +0100\"" literal-file "messages/plain-two.eml"
  need tagged OK
  command "APPEND ${box} () \"03-Jan-2024 12:00:00 -0500\"" literal-file "messages/multipart-three.eml"
  need tagged OK
end

# imap.scratch, then SELECT ${box} answered OK: the selected state, read-write, 3 messages.
fixture imap.scratch.selected
  include imap.scratch
  command "SELECT ${box}"
  need tagged OK
end

# Authenticated, ${box} created and empty (not selected). Pair it with `cleanup include imap.scratch.drop end`.
fixture imap.scratch.empty
  include imap.authenticated
  include imap.scratch.create
end

# For `cleanup`: on a fresh connection `tidy`, log in and delete ${box}. A case that makes more
# mailboxes (children, a rename target) deletes those first, in its own cleanup, then includes this.
fixture imap.scratch.drop
  connect tidy
  need greeting
  login
  command "DELETE ${box}"
  need tagged OK
end

# A second connection `second`, greeted and logged in as the same user (the first stays open; `use main`
# makes it current again).
fixture imap.second
  connect second
  need greeting
  login
end
