# RFC 9051 §6.3.9 (LIST), RFC 3501 §6.3.8, RFC 5258 (LIST-EXTENDED), RFC 3348 (CHILDREN): the
# delimiter request, the wildcards "*" and "%", the reference argument, child attributes, and the
# extended forms where advertised. The hierarchy is built under the run's own ${box}.

# LIST "" "" is the special request for the hierarchy delimiter and the root: one LIST response with an
# empty name and the delimiter (one character, quoted) or NIL for a flat server.
case imap.rfc9051.6.3.9.list-empty-pattern-delimiter
  title "LIST \"\" \"\" returns the hierarchy delimiter and an empty name"
  rfc 9051 6.3.9 MUST
  rfc 3501 6.3.8 MUST
  tags list hierarchy
  requires login
  include imap.authenticated
  command "LIST \"\" \"\""
  expect tagged OK
  expect untagged LIST /^\* LIST \([^)]*\) (NIL|"(\\.|[^"\\])") ""\r?$/i
end

# A hierarchy delimiter is a single character (§5.1.1 MUST): the LIST responses for real mailboxes carry
# it in the same form.
case imap.rfc9051.5.1.1.delimiter-single-character
  title "LIST responses carry a one-character delimiter (or NIL)"
  rfc 9051 5.1.1 MUST
  tags list hierarchy naming
  requires login
  include imap.authenticated
  command "LIST \"\" \"*\""
  expect tagged OK
  expect untagged LIST /^\* LIST \([^)]*\) (NIL|"(\\.|[^"\\])") /i
end

# "*" matches every name: INBOX is among them (INBOX must appear in the personal namespace, §5.1.2).
case imap.rfc9051.6.3.9.list-star-includes-inbox
  title "LIST \"\" \"*\" includes INBOX"
  rfc 9051 6.3.9 MUST
  rfc 9051 5.1.2 MUST
  tags list inbox
  requires login
  include imap.authenticated
  command "LIST \"\" \"*\""
  expect tagged OK
  expect untagged LIST /^\* LIST \([^)]*\) \S+ "?INBOX"?\r?$/i
end

# "*" matches across levels: ${box}* lists the child as well.
case imap.rfc9051.6.3.9.list-star-matches-children
  title "LIST with * matches names at deeper levels"
  rfc 9051 6.3.9 MUST
  tags list hierarchy wildcards
  requires login
  include imap.a.parent-child
  command "LIST \"\" \"${box}*\""
  expect tagged OK
  expect untagged LIST /"?${box}"?\r?$/
  expect untagged LIST /"?${box}${delim}child"?\r?$/
  cleanup
    include imap.a.drop-child
  end
end

# "%" does not match the delimiter: ${box}% lists ${box} but not ${box}/child.
case imap.rfc9051.6.3.9.list-percent-stops-at-delimiter
  title "LIST with % does not match names below the next delimiter"
  rfc 9051 6.3.9 MUST
  tags list hierarchy wildcards
  requires login
  include imap.a.parent-child
  command "LIST \"\" \"${box}%\""
  expect tagged OK
  expect untagged LIST /"?${box}"?\r?$/
  capture deeper /\A(?:[\s\S]*?^\* LIST [^\r\n]*?("?${box}${delim}child"?)\r?$)?/
  expect equals "${deeper}" ""
  cleanup
    include imap.a.drop-child
  end
end

# "%" after the delimiter lists the next level: ${box}/% lists the child.
case imap.rfc9051.6.3.9.list-percent-next-level
  title "LIST box/% lists the children of box"
  rfc 9051 6.3.9 MUST
  tags list hierarchy wildcards
  requires login
  include imap.a.parent-child
  command "LIST \"\" \"${box}${delim}%\""
  expect tagged OK
  expect untagged LIST /"?${box}${delim}child"?\r?$/
  cleanup
    include imap.a.drop-child
  end
end

# The reference names a level of hierarchy (ending with the delimiter); the pattern is read in its
# context, and the returned names carry the reference as a prefix (SHOULD).
case imap.rfc9051.6.3.9.list-reference
  title "LIST \"box/\" \"%\" lists box/child under its full name"
  rfc 9051 6.3.9 SHOULD
  tags list hierarchy reference
  requires login
  include imap.a.parent-child
  command "LIST \"${box}${delim}\" \"%\""
  expect tagged OK
  expect untagged LIST /"?${box}${delim}child"?\r?$/
  cleanup
    include imap.a.drop-child
  end
end

# A pattern that matches nothing is no error: OK and no LIST response (§6.3.9: the returned names must
# match the pattern).
case imap.rfc9051.6.3.9.list-no-match-ok
  title "LIST with a pattern matching nothing completes with OK and lists nothing"
  rfc 9051 6.3.9 MUST
  tags list
  requires login
  include imap.authenticated
  command "LIST \"\" \"mailspec-${uniq}-none*\""
  expect tagged OK
  capture listed /\A(?:[\s\S]*?^\* LIST ([^\r\n]*))?/
  expect equals "${listed}" ""
end

# LIST of INBOX in lower case: INBOX is case-insensitive, so the pattern "inbox" matches it.
case imap.rfc9051.5.1.list-inbox-any-case
  title "LIST \"\" \"inbox\" lists INBOX"
  rfc 9051 5.1 MUST
  rfc 9051 9 MUST
  tags list inbox naming
  requires login
  include imap.authenticated
  command "LIST \"\" \"inbox\""
  expect tagged OK
  expect untagged LIST /^\* LIST \([^)]*\) \S+ "?INBOX"?\r?$/i
end

# CHILDREN (RFC 3348 §3): \HasChildren and \HasNoChildren MAY be returned in plain LIST; a server with
# CHILDREN that does so is reported here as information when it does not.
case imap.rfc3348.3.list-haschildren-plain
  title "A parent is listed with \\HasChildren (CHILDREN, optional in plain LIST)"
  rfc 3348 3 MAY
  tags list hierarchy children
  requires login
  requires ext CHILDREN
  include imap.a.parent-child
  command "LIST \"\" \"${box}\""
  expect tagged OK
  expect untagged LIST /\\HasChildren/i
  cleanup
    include imap.a.drop-child
  end
end

# With RETURN (CHILDREN) the attributes must be returned (RFC 5258 §4, RFC 9051 §6.3.9.5 MUST):
# \HasChildren on the parent.
case imap.rfc5258.4.return-children-parent
  title "LIST ... RETURN (CHILDREN) marks the parent \\HasChildren"
  rfc 5258 4 MUST
  rfc 9051 6.3.9.5 MUST
  tags list hierarchy list-extended
  requires login
  requires ext LIST-EXTENDED
  include imap.a.parent-child
  command "LIST \"\" \"${box}\" RETURN (CHILDREN)"
  expect tagged OK
  expect untagged LIST /\\HasChildren[^)]*\) \S+ "?${box}"?\r?$/i
  cleanup
    include imap.a.drop-child
  end
end

# ... and \HasNoChildren on the leaf.
case imap.rfc5258.4.return-children-leaf
  title "LIST ... RETURN (CHILDREN) marks a leaf \\HasNoChildren"
  rfc 5258 4 MUST
  rfc 9051 6.3.9.5 MUST
  tags list hierarchy list-extended
  requires login
  requires ext LIST-EXTENDED
  include imap.a.parent-child
  command "LIST \"\" \"${box}${delim}child\" RETURN (CHILDREN)"
  expect tagged OK
  expect untagged LIST /\\HasNoChildren[^)]*\) \S+ "?${box}${delim}child"?\r?$/i
  cleanup
    include imap.a.drop-child
  end
end

# Several patterns in one LIST (RFC 5258 §3): names matching any of them are returned.
case imap.rfc5258.3.multiple-patterns
  title "LIST with a parenthesised list of two patterns returns matches of both"
  rfc 5258 3 MUST
  tags list list-extended
  requires login
  requires ext LIST-EXTENDED
  include imap.scratch.empty
  command "LIST \"\" (\"${box}\" \"INBOX\")"
  expect tagged OK
  expect untagged LIST /"?${box}"?\r?$/
  expect untagged LIST /"?INBOX"?\r?$/i
  cleanup
    include imap.scratch.drop
  end
end

# RECURSIVEMATCH alone is not allowed; the server must answer BAD (RFC 5258 §3.1, RFC 9051 §6.3.9.1).
case imap.rfc5258.3.1.recursivematch-alone-bad
  title "LIST (RECURSIVEMATCH) without another selection option is answered BAD"
  rfc 5258 3.1 MUST
  rfc 9051 6.3.9.1 MUST
  tags list list-extended errors
  requires login
  requires ext LIST-EXTENDED
  include imap.authenticated
  command "LIST (RECURSIVEMATCH) \"\" \"*\""
  expect tagged BAD
end

# An option the server does not know must be answered BAD (RFC 5258 §3, RFC 9051 §6.3.9).
case imap.rfc5258.3.unknown-selection-option-bad
  title "LIST with an unknown selection option is answered BAD"
  rfc 5258 3 MUST
  rfc 9051 6.3.9 MUST
  tags list list-extended errors
  requires login
  requires ext LIST-EXTENDED
  include imap.authenticated
  command "LIST (X-MAILSPEC-UNKNOWN) \"\" \"*\""
  expect tagged BAD
end

# RETURN (SUBSCRIBED) adds \Subscribed to a subscribed name (MUST, RFC 5258 §3.2).
case imap.rfc5258.3.2.return-subscribed
  title "LIST ... RETURN (SUBSCRIBED) marks a subscribed mailbox \\Subscribed"
  rfc 5258 3.2 MUST
  rfc 9051 6.3.9.2 MUST
  tags list list-extended subscribe
  requires login
  requires ext LIST-EXTENDED
  include imap.scratch.empty
  command "SUBSCRIBE ${box}"
  need tagged OK
  command "LIST \"\" \"${box}\" RETURN (SUBSCRIBED)"
  expect tagged OK
  expect untagged LIST /\\Subscribed[^)]*\) \S+ "?${box}"?\r?$/i
  cleanup
    include imap.a.unsubscribe-drop
  end
end

# LIST-STATUS (RFC 5819, RFC 9051 §6.3.9.2): RETURN (STATUS (MESSAGES)) adds a STATUS response for each
# selectable mailbox listed: 3 messages in the scratch mailbox.
case imap.rfc9051.6.3.9.2.list-return-status
  title "LIST ... RETURN (STATUS (MESSAGES)) adds STATUS with MESSAGES 3"
  rfc 9051 6.3.9.2 MUST
  tags list list-status status
  requires login
  requires ext LIST-STATUS
  include imap.scratch
  command "LIST \"\" \"${box}\" RETURN (STATUS (MESSAGES))"
  expect tagged OK
  expect untagged LIST /"?${box}"?\r?$/
  expect untagged STATUS /"?${box}"? \(MESSAGES 3\)/i
  cleanup
    include imap.scratch.drop
  end
end

# When "%" ends the pattern, matching levels of hierarchy are returned too, with \Noselect when they are
# no mailbox (§6.3.9, no keyword; the §9 grammar is followed strictly): after CREATE box/m/leaf, LIST
# box/% shows box/m whether CREATE made it a mailbox (§6.3.4 SHOULD) or not.
case imap.rfc9051.6.3.9.list-percent-shows-intermediate
  title "LIST box/% shows an intermediate level that only holds a child"
  rfc 9051 6.3.9 MUST
  rfc 3501 6.3.8 MUST
  tags list hierarchy
  requires login
  set delim "/"   # placeholder until captured, so the cleanup can run
  include imap.scratch.empty
  include imap.a.delim
  command "CREATE ${box}${delim}m${delim}leaf"
  need tagged OK
  command "LIST \"\" \"${box}${delim}%\""
  expect tagged OK
  expect untagged LIST /"?${box}${delim}m"?\r?$/
  cleanup
    connect tidy-mid
    need greeting
    login
    command "DELETE ${box}${delim}m${delim}leaf"
    need tagged OK|NO
    command "DELETE ${box}${delim}m"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# A level of hierarchy that "%" returns but that is no mailbox is marked \Noselect (§6.3.9; IMAP4rev2 may
# say \NonExistent, which implies it): after CREATE box/m/leaf, when box/m cannot be opened, its LIST
# response carries one of them. A server that made box/m a mailbox (§6.3.4) has nothing to mark.
case imap.rfc9051.6.3.9.list-noselect-intermediate
  title "A listed level that is no mailbox carries \\Noselect (or \\NonExistent)"
  rfc 9051 6.3.9 MUST
  rfc 3501 6.3.8 MUST
  tags list hierarchy noselect
  requires login
  set delim "/"   # placeholder until captured, so the cleanup can run
  include imap.scratch.empty
  include imap.a.delim
  command "CREATE ${box}${delim}m${delim}leaf"
  need tagged OK
  command "LIST \"\" \"${box}${delim}%\""
  need tagged OK
  capture marked /\A(?:[\s\S]*?^\* LIST \([^)]*(\\Noselect|\\NonExistent)[^)]*\) \S+ "?${box}${delim}m"?\r?$)?/i
  command "EXAMINE ${box}${delim}m"
  read
  capture opened /^[^*+\s]\S* (OK|NO|BAD)/
  if not equals "${opened}" "OK"
    expect differs "${marked}" ""
  end
  cleanup
    connect tidy-mid
    need greeting
    login
    command "DELETE ${box}${delim}m${delim}leaf"
    need tagged OK|NO
    command "DELETE ${box}${delim}m"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# LIST needs two arguments: BAD (SHOULD, §2.2.2).
case imap.rfc9051.6.3.9.list-missing-argument-bad
  title "LIST with one argument is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags list syntax
  requires login
  include imap.authenticated
  command "LIST \"\""
  expect tagged BAD
end
