# RFC 9051 §4 (data formats: atoms, quoted strings with their two escapes, synchronising and
# non-synchronising literals) and §5.1.3 / RFC 3501 §5.1.3 (mailbox names in modified UTF-7): the
# server reads each form of an argument as the same string.

# A mailbox name given as a quoted string (§4.3) is the same name as the atom: STATUS "${box}" answers
# for the mailbox the fixture created as ${box}.
case imap.rfc9051.4.3.quoted-mailbox-name
  title "A mailbox name given as a quoted string is the same name as the atom"
  rfc 9051 4.3 MUST
  tags syntax quoted
  requires login
  include imap.scratch.empty
  command "STATUS \"${box}\" (MESSAGES)"
  expect tagged OK
  expect untagged STATUS /"?${box}"? \(MESSAGES 0\)/i
  cleanup
    include imap.scratch.drop
  end
end

# A quoted string may carry an escaped double quote and an escaped backslash (§4.3, quoted-specials).
# LIST with such a pattern is syntactically valid: it completes with OK (nothing needs to match).
case imap.rfc9051.4.3.quoted-escapes-accepted
  title "A quoted string with \\\" and \\\\ escapes is accepted (LIST completes OK)"
  rfc 9051 4.3 MUST
  rfc 9051 9 MUST
  tags syntax quoted
  requires login
  include imap.authenticated
  command "LIST \"\" \"nomatch-${uniq}-\\\"-\\\\\""
  expect tagged OK
end

# A synchronising literal (§4.3): the server answers the {n} with a continuation request, then reads
# the n octets as the argument. SELECT with the name as a literal selects ${box}.
case imap.rfc9051.4.3.literal-mailbox-name
  title "A mailbox name sent as a synchronising literal is read as the name"
  rfc 9051 4.3 MUST
  tags syntax literal
  requires login
  include imap.scratch.empty
  command "SELECT" literal "${box}"
  expect tagged OK
  expect untagged EXISTS 0
  cleanup
    include imap.scratch.drop
  end
end

# The continuation request itself (§4.3, §7.6): after "{9}" CRLF the server sends "+" before the client
# sends the 9 octets ("mailspec-", a name that need not exist: only the "+" is checked).
case imap.rfc9051.4.3.literal-continuation-request
  title "A synchronising literal is answered by a continuation request"
  rfc 9051 4.3 MUST
  rfc 9051 7.6 MUST
  tags syntax literal
  requires login
  include imap.scratch.empty
  command "STATUS {9}"
  expect continuation within 2s
  send "mailspec- (MESSAGES)"
  cleanup
    include imap.scratch.drop
  end
end

# LOGIN with the password as a literal (§4.3: any string can be a literal): the login succeeds.
case imap.rfc9051.4.3.login-literal-password
  title "LOGIN with the password sent as a literal succeeds"
  rfc 9051 4.3 MUST
  rfc 9051 6.2.3 MUST
  tags syntax literal login
  requires login
  include imap.greeted
  command "LOGIN \"${user}\"" literal "${password}"
  expect tagged OK
end

# A zero-length literal {0} is a valid (empty) string; LIST with an empty literal pattern is the
# special request for the delimiter, answered OK.
case imap.rfc9051.4.3.zero-length-literal
  title "A zero-length literal is read as an empty string"
  rfc 9051 4.3 MUST
  tags syntax literal
  requires login
  include imap.authenticated
  command "LIST \"\"" literal ""
  expect tagged OK
  expect untagged LIST
end

# A non-synchronising literal {n+} (RFC 7888, LITERAL+ or LITERAL-): the octets follow at once,
# no continuation request; the server reads them as the argument.
case imap.rfc7888.3.non-synchronising-literal
  title "A non-synchronising literal {n+} is read without a continuation request"
  rfc 7888 3 MUST
  tags syntax literal literal-plus
  requires login
  requires ext LITERAL+
  include imap.scratch.empty
  command "EXAMINE" literal+ "${box}"
  expect tagged OK
  expect untagged EXISTS 0
  cleanup
    include imap.scratch.drop
  end
end

# A name with a non-ASCII character is written in modified UTF-7 (RFC 3501 §5.1.3): "&AOQ-" is ä.
# The server creates it and LIST shows it in the same encoded form.
case imap.rfc3501.5.1.3.mutf7-name-round-trip
  title "A modified UTF-7 mailbox name is created and listed in the same form"
  rfc 3501 5.1.3 MUST
  rfc 9051 5.1 MUST
  rfc 9051 A.1 MUST
  tags naming utf7
  requires login
  include imap.scratch.empty
  command "CREATE ${box}-&AOQ-"
  need tagged OK
  command "LIST \"\" \"${box}-*\""
  expect tagged OK
  expect untagged LIST /${box}-&AOQ-"?\r?$/
  cleanup
    connect tidy-utf7
    need greeting
    login
    command "DELETE ${box}-&AOQ-"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# "&" itself is encoded "&-" in modified UTF-7: a name with "&-" is created and listed as "&-".
case imap.rfc3501.5.1.3.mutf7-ampersand
  title "A mailbox name with an encoded ampersand (&-) round-trips"
  rfc 3501 5.1.3 MUST
  rfc 9051 A.1 MUST
  tags naming utf7
  requires login
  include imap.scratch.empty
  command "CREATE ${box}-a&-b"
  need tagged OK
  command "LIST \"\" \"${box}-*\""
  expect tagged OK
  expect untagged LIST /${box}-a&-b"?\r?$/
  cleanup
    connect tidy-amp
    need greeting
    login
    command "DELETE ${box}-a&-b"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# 8-bit octets that are not UTF-8 are no Net-Unicode name (RFC 9051 §5.1: creation must be prohibited)
# and not a valid IMAP4rev1 quoted string either (7-bit only): the server refuses with NO or BAD.
case imap.rfc9051.5.1.create-invalid-8bit-refused
  title "CREATE with an invalid 8-bit (non-UTF-8) name is refused"
  rfc 9051 5.1 MUST
  rfc 3501 9 MUST
  tags naming errors
  requires login
  include imap.authenticated
  command "CREATE \"mailspec-${uniq}-\xff\xfe\""
  expect tagged NO|BAD
  cleanup
    connect tidy-8bit
    need greeting
    login
    command "DELETE \"mailspec-${uniq}-\xff\xfe\""
    need tagged OK|NO|BAD
  end
end
