# RFC 6154 (SPECIAL-USE): LIST reports special-use attributes (\All \Archive \Drafts \Flagged \Junk
# \Sent \Trash); with LIST-EXTENDED, the SPECIAL-USE return and selection options; with
# CREATE-SPECIAL-USE, CREATE (USE (...)). Cases require SPECIAL-USE (and the other capability they use).

# §2 with RFC 5258: LIST "" "*" RETURN (SPECIAL-USE) is accepted (LIST-EXTENDED servers).
case imap.rfc6154.2.list-return-special-use
  title "LIST \"\" \"*\" RETURN (SPECIAL-USE) completes with OK"
  rfc 6154 2 MUST
  tags special-use list
  requires ext SPECIAL-USE
  requires ext LIST-EXTENDED
  requires login
  include imap.authenticated
  command "LIST \"\" \"*\" RETURN (SPECIAL-USE)"
  expect tagged OK
  expect untagged LIST
end

# §2 (selection option): LIST (SPECIAL-USE) lists only mailboxes that have a special-use attribute.
# The capture finds a LIST line whose attributes name none of them (empty when every line has one).
case imap.rfc6154.2.selection-lists-only-special
  title "LIST (SPECIAL-USE) \"\" \"*\" lists only mailboxes with a special-use attribute"
  rfc 6154 2 MUST
  tags special-use list
  requires ext SPECIAL-USE
  requires ext LIST-EXTENDED
  requires login
  include imap.authenticated
  command "LIST (SPECIAL-USE) \"\" \"*\""
  need tagged OK
  capture plain /\A(?:[\s\S]*?^(\* LIST \((?![^)]*\\(All|Archive|Drafts|Flagged|Junk|Sent|Trash)\b)[^)]*\)[^\r\n]*))?/i
  expect equals "${plain}" ""
end

# §3: a server with CREATE-SPECIAL-USE takes CREATE name (USE (\Drafts)): OK, or NO (with USEATTR)
# when it cannot give that use; both allowed.
case imap.rfc6154.3.create-use-answered
  title "CREATE with (USE (\\Drafts)) completes with OK or NO"
  rfc 6154 3 MUST
  tags special-use create
  requires ext CREATE-SPECIAL-USE
  requires login
  include imap.authenticated
  set box "mailspec-${uniq}"
  command "CREATE ${box} (USE (\\Drafts))"
  expect tagged OK|NO
  cleanup
    connect tidy
    need greeting
    login
    command "DELETE ${box}"
    need tagged OK|NO
  end
end

# §3: when the server cannot create the mailbox with the special use asked for, it must not create it
# at all: after a refused CREATE (USE (\X-Mailspec-Unknown)), LIST finds no such mailbox. A server
# that accepts the unknown use skips the case.
case imap.rfc6154.3.refused-create-makes-nothing
  title "A CREATE refused for its special use creates no mailbox"
  rfc 6154 3 MUST
  tags special-use create
  requires ext CREATE-SPECIAL-USE
  requires login
  include imap.authenticated
  set box "mailspec-${uniq}"
  command "CREATE ${box} (USE (\\X-Mailspec-Unknown))"
  need tagged NO|BAD hint "the server accepted an unknown special use"
  command "LIST \"\" \"${box}\""
  need tagged OK
  capture listed /\A(?:[\s\S]*?^(\* LIST [^\r\n]*))?/i
  expect equals "${listed}" ""
  cleanup
    connect tidy
    need greeting
    login
    command "DELETE ${box}"
    need tagged OK|NO
  end
end

# §3: a refusal caused by the special use SHOULD carry the USEATTR response code.
case imap.rfc6154.3.refused-create-useattr
  title "A CREATE refused for its special use carries [USEATTR]"
  rfc 6154 3 SHOULD
  tags special-use create
  requires ext CREATE-SPECIAL-USE
  requires login
  include imap.authenticated
  set box "mailspec-${uniq}"
  command "CREATE ${box} (USE (\\X-Mailspec-Unknown))"
  need tagged NO|BAD hint "the server accepted an unknown special use"
  capture code /\A(?:[\s\S]*?(\[USEATTR\]))?/i
  expect differs "${code}" ""
  cleanup
    connect tidy
    need greeting
    login
    command "DELETE ${box}"
    need tagged OK|NO
  end
end

# §3: a server that supports both functions advertises both capabilities: CREATE-SPECIAL-USE comes
# with SPECIAL-USE.
case imap.rfc6154.3.create-special-use-with-special-use
  title "A server advertising CREATE-SPECIAL-USE also advertises SPECIAL-USE"
  rfc 6154 3 MUST
  tags special-use capability
  requires ext CREATE-SPECIAL-USE
  requires login
  include imap.authenticated
  command "CAPABILITY"
  expect tagged OK
  expect untagged CAPABILITY /[ \t]SPECIAL-USE([ \t]|\r?$)/i
end
