# RFC 9051 §6.3.2 (SELECT) and §6.3.3 (EXAMINE), RFC 3501 §6.3.1/§6.3.2 where an IMAP4rev1 server
# answers differently: the untagged data before the tagged OK, READ-WRITE/READ-ONLY, refusals, and the
# CLOSED code. The mailbox is the scratch ${box}: holding three known messages (1 \Seen, 2 \Flagged, 3 none)
# where the counts matter, empty where they do not.

# EXISTS gives the number of messages (REQUIRED untagged response).
case imap.rfc9051.6.3.2.select-exists-count
  title "SELECT of the scratch mailbox answers EXISTS 3"
  rfc 9051 6.3.2 MUST
  rfc 3501 6.3.1 MUST
  tags select
  requires login
  include imap.scratch
  command "SELECT ${box}"
  expect tagged OK
  expect untagged EXISTS 3
  cleanup
    include imap.scratch.drop
  end
end

# FLAGS lists the flags applicable in the mailbox, at minimum the system flags (§7.3.5), \Seen and
# \Flagged among them.
case imap.rfc9051.6.3.2.select-flags
  title "SELECT answers FLAGS listing \\Seen and \\Flagged"
  rfc 9051 6.3.2 MUST
  rfc 9051 7.3.5 MUST
  tags select flags
  requires login
  include imap.scratch.empty
  command "SELECT ${box}"
  expect tagged OK
  expect untagged FLAGS /\\Seen/i
  expect untagged FLAGS /\\Flagged/i
  cleanup
    include imap.scratch.drop
  end
end

# OK [UIDVALIDITY n] with a non-zero n (REQUIRED OK untagged response; nz-number).
case imap.rfc9051.6.3.2.select-uidvalidity
  title "SELECT answers OK [UIDVALIDITY n] with n non-zero"
  rfc 9051 6.3.2 MUST
  rfc 3501 6.3.1 MUST
  tags select uid
  requires login
  include imap.scratch.empty
  command "SELECT ${box}"
  expect tagged OK
  expect untagged OK /\[UIDVALIDITY [1-9][0-9]*\]/i
  cleanup
    include imap.scratch.drop
  end
end

# OK [UIDNEXT n] (REQUIRED OK untagged response in both revisions), above the highest UID in use.
case imap.rfc9051.6.3.2.select-uidnext
  title "SELECT answers OK [UIDNEXT n], above every UID in the mailbox"
  rfc 9051 6.3.2 MUST
  rfc 3501 6.3.1 MUST
  tags select uid
  requires login
  include imap.scratch
  command "SELECT ${box}"
  expect tagged OK
  expect untagged OK /\[UIDNEXT [1-9][0-9]*\]/i
  capture uidnext /\[UIDNEXT ([0-9]+)\]/i
  command "FETCH 3 (UID)"
  need tagged OK
  capture lastuid /UID ([0-9]+)/
  expect greater "${uidnext}" "${lastuid}"
  cleanup
    include imap.scratch.drop
  end
end

# OK [PERMANENTFLAGS (...)] is a REQUIRED OK untagged response of SELECT (RFC 9051 and RFC 3501).
case imap.rfc9051.6.3.2.select-permanentflags
  title "SELECT answers OK [PERMANENTFLAGS (...)]"
  rfc 9051 6.3.2 MUST
  rfc 3501 6.3.1 MUST
  tags select flags
  requires login
  include imap.scratch.empty
  command "SELECT ${box}"
  expect tagged OK
  expect untagged OK /\[PERMANENTFLAGS \([^)]*\)\]/i
  cleanup
    include imap.scratch.drop
  end
end

# RFC 3501 also requires RECENT from an IMAP4rev1 server (RFC 9051 dropped it).
case imap.rfc3501.6.3.1.select-recent
  title "SELECT on an IMAP4rev1 server answers RECENT"
  rfc 3501 6.3.1 MUST
  tags select rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.empty
  command "SELECT ${box}"
  expect tagged OK
  expect untagged RECENT
  cleanup
    include imap.scratch.drop
  end
end

# RFC 3501 lists OK [UNSEEN n] among the REQUIRED OK untagged responses: n is the sequence number of the
# first unseen message, here 2 (message 1 is \Seen).
case imap.rfc3501.6.3.1.select-unseen
  title "SELECT on an IMAP4rev1 server answers OK [UNSEEN 2]"
  rfc 3501 6.3.1 MUST
  tags select rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch
  command "SELECT ${box}"
  expect tagged OK
  expect untagged OK /\[UNSEEN 2\]/i
  cleanup
    include imap.scratch.drop
  end
end

# IMAP4rev2 adds a LIST response with the mailbox name to SELECT's REQUIRED untagged data.
case imap.rfc9051.6.3.2.select-list-response
  title "SELECT on an IMAP4rev2 server answers LIST with the mailbox name"
  rfc 9051 6.3.2 MUST
  tags select rev2
  requires login
  requires ext IMAP4rev2
  include imap.scratch.empty
  command "SELECT ${box}"
  expect tagged OK
  expect untagged LIST /"?${box}"?\r?$/
  cleanup
    include imap.scratch.drop
  end
end

# A read-write selection should say so: tagged OK [READ-WRITE] (SHOULD).
case imap.rfc9051.6.3.2.select-read-write
  title "SELECT of a writable mailbox completes with OK [READ-WRITE]"
  rfc 9051 6.3.2 SHOULD
  tags select
  requires login
  include imap.scratch.empty
  command "SELECT ${box}"
  expect tagged OK code READ-WRITE
  cleanup
    include imap.scratch.drop
  end
end

# A mailbox that does not exist cannot be selected (Result: NO - no such mailbox).
case imap.rfc9051.6.3.2.select-nonexistent-no
  title "SELECT of a mailbox that does not exist is answered NO"
  rfc 9051 6.3.2 MUST
  tags select errors
  requires login
  include imap.authenticated
  command "SELECT mailspec-${uniq}-none"
  expect tagged NO
end

# RFC 5530 / RFC 9051 §7.1 NONEXISTENT names that case; the code is optional (MAY).
case imap.rfc9051.7.1.select-nonexistent-code
  title "SELECT of a missing mailbox carries [NONEXISTENT] (optional)"
  rfc 9051 7.1 MAY
  rfc 5530 3 MAY
  tags select codes
  requires login
  include imap.authenticated
  command "SELECT mailspec-${uniq}-none"
  expect tagged NO code NONEXISTENT
end

# SELECT while another mailbox is selected closes it first; a server with QRESYNC (or CONDSTORE) must
# then send OK [CLOSED] (RFC 7162 §3.2.11), as an IMAP4rev2 server must (RFC 9051 §6.3.2).
case imap.rfc7162.3.2.11.select-closed-code
  title "SELECT of a second mailbox sends OK [CLOSED] (QRESYNC/CONDSTORE servers)"
  rfc 7162 3.2.11 MUST
  rfc 9051 6.3.2 MUST
  tags select qresync
  requires login
  requires ext CONDSTORE
  include imap.a.empty-selected
  command "EXAMINE INBOX"
  expect tagged OK
  expect untagged OK /\[CLOSED\]/i
  cleanup
    include imap.scratch.drop
  end
end

# The same for an IMAP4rev2 server, which must send [CLOSED] without any extension.
case imap.rfc9051.6.3.2.select-closed-code-rev2
  title "SELECT of a second mailbox sends OK [CLOSED] (IMAP4rev2 servers)"
  rfc 9051 6.3.2 MUST
  tags select rev2
  requires login
  requires ext IMAP4rev2
  include imap.a.empty-selected
  command "EXAMINE INBOX"
  expect tagged OK
  expect untagged OK /\[CLOSED\]/i
  cleanup
    include imap.scratch.drop
  end
end

# SELECT with no argument is a syntax error: BAD (SHOULD, §2.2.2).
case imap.rfc9051.6.3.2.select-missing-argument-bad
  title "SELECT without a mailbox name is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags select syntax
  requires login
  include imap.authenticated
  command "SELECT"
  expect tagged BAD
end

# EXAMINE answers the same untagged data as SELECT (EXISTS 3 here) with [READ-ONLY].
case imap.rfc9051.6.3.3.examine-exists-read-only
  title "EXAMINE of the scratch mailbox answers EXISTS 3 and OK [READ-ONLY]"
  rfc 9051 6.3.3 MUST
  rfc 3501 6.3.2 MUST
  tags examine
  requires login
  include imap.scratch
  command "EXAMINE ${box}"
  expect tagged OK code READ-ONLY
  expect untagged EXISTS 3
  cleanup
    include imap.scratch.drop
  end
end

# Under EXAMINE no change to the mailbox is permitted (§6.3.3): a STORE that would add \Seen to message 3
# is refused or does nothing; a later read shows message 3 still without \Seen.
case imap.rfc9051.6.3.3.examine-no-changes
  title "After EXAMINE, STORE does not change the flags of a message"
  rfc 9051 6.3.3 MUST
  tags examine flags
  requires login
  include imap.scratch
  command "EXAMINE ${box}"
  need tagged OK
  command "STORE 3 +FLAGS (\\Seen)"
  read
  command "SELECT ${box}"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \((?![^)]*\\Seen)[^)]*\)/i
  cleanup
    include imap.scratch.drop
  end
end

# EXAMINE of a missing mailbox: NO.
case imap.rfc9051.6.3.3.examine-nonexistent-no
  title "EXAMINE of a mailbox that does not exist is answered NO"
  rfc 9051 6.3.3 MUST
  tags examine errors
  requires login
  include imap.authenticated
  command "EXAMINE mailspec-${uniq}-none"
  expect tagged NO
end
