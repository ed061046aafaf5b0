# RFC 9051 §5.1 (mailbox naming): INBOX is case-insensitive (every case variant is INBOX, §9 "mailbox"),
# other names are left to the server. INBOX is only ever read here (EXAMINE, STATUS).

case imap.rfc9051.5.1.examine-inbox-lower-case
  title "EXAMINE inbox (lower case) opens INBOX"
  rfc 9051 5.1 MUST
  rfc 9051 9 MUST
  tags naming inbox
  requires login
  include imap.authenticated
  command "EXAMINE inbox"
  expect tagged OK
end

# The mixed-case name gives the same mailbox: STATUS iNbOx reports INBOX's message count.
case imap.rfc9051.5.1.status-inbox-mixed-case
  title "STATUS iNbOx reports the same MESSAGES as STATUS INBOX"
  rfc 9051 5.1 MUST
  rfc 9051 9 MUST
  tags naming inbox status
  requires login
  include imap.authenticated
  command "STATUS INBOX (MESSAGES UIDVALIDITY)"
  need tagged OK
  capture upper /^\* STATUS \S+ (\([^)\r\n]*\))/i
  command "STATUS iNbOx (MESSAGES UIDVALIDITY)"
  expect tagged OK
  capture mixed /^\* STATUS \S+ (\([^)\r\n]*\))/i
  expect equals "${mixed}" "${upper}"
end

# The same as a quoted string: "Inbox".
case imap.rfc9051.5.1.examine-inbox-quoted-mixed-case
  title "EXAMINE \"Inbox\" (quoted, mixed case) opens INBOX"
  rfc 9051 5.1 MUST
  tags naming inbox quoted
  requires login
  include imap.authenticated
  command "EXAMINE \"Inbox\""
  expect tagged OK
end

# A mailbox name chosen by the client (letters, digits, "-" and "_") is the name of the mailbox CREATE
# made (§6.3.4): LIST returns it. Letter case is compared loosely: §5.1 lets a server coerce the case of
# names other than INBOX.
case imap.rfc9051.5.1.name-preserved
  title "A created ASCII name is listed as given (up to letter case)"
  rfc 9051 6.3.4 MUST
  tags naming create list
  requires login
  include imap.authenticated
  set box "mailspec-${uniq}-Mixed_Case-42"
  command "CREATE ${box}"
  need tagged OK
  command "LIST \"\" \"mailspec-${uniq}*\""
  expect tagged OK
  expect untagged LIST /"?${box}"?\r?$/i
  cleanup
    include imap.scratch.drop
  end
end

# A name with a space must be quoted; the server takes it as one name.
case imap.rfc9051.5.1.name-with-space
  title "A quoted mailbox name containing a space is created and listed"
  rfc 9051 5.1 MUST
  rfc 9051 4.3 MUST
  tags naming quoted
  requires login
  include imap.authenticated
  set box "mailspec-${uniq} spaced"
  command "CREATE \"${box}\""
  need tagged OK
  command "LIST \"\" \"mailspec-${uniq}*\""
  expect tagged OK
  expect untagged LIST /"${box}"\r?$/i
  cleanup
    connect tidy-space
    need greeting
    login
    command "DELETE \"${box}\""
    need tagged OK|NO
  end
end
