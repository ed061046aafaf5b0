# RFC 2342 (NAMESPACE): the untagged NAMESPACE response lists the personal, other users' and shared
# namespaces, each a parenthesised list of (prefix delimiter) pairs or NIL. Every case requires
# NAMESPACE.

# §5: NAMESPACE answers one untagged NAMESPACE with three parts, each NIL or a list of pairs.
case imap.rfc2342.5.namespace-response
  title "NAMESPACE answers an untagged NAMESPACE with three namespace classes"
  rfc 2342 5 MUST
  tags namespace
  requires ext NAMESPACE
  requires login
  include imap.authenticated
  command "NAMESPACE"
  expect tagged OK
  expect untagged NAMESPACE /^\* NAMESPACE (NIL|\(\(.*?\)\)) (NIL|\(\(.*?\)\)) (NIL|\(\(.*?\)\))/i
end

# §5 and RFC 9051 §6.3.10: the delimiter of the personal namespace is the hierarchy delimiter LIST
# reports for it (LIST "" "" names the root's delimiter); compared as sent, quotes included, so NIL
# (a flat namespace) must match NIL. §5 states no requirement keyword for it: a mismatch is a warning.
case imap.rfc2342.5.delimiter-matches-list
  title "The personal namespace's delimiter is the one LIST reports"
  rfc 2342 5 SHOULD
  tags namespace list
  requires ext NAMESPACE
  requires login
  include imap.authenticated
  command "LIST \"\" \"\""
  need tagged OK
  capture delim /^\* LIST \([^)]*\) ("(?:\\.|[^"\\])*"|NIL)/i
  command "NAMESPACE"
  need tagged OK
  capture ns /^\* NAMESPACE \(\((?:"[^"]*"|\{\d+\}\r\n[^\r\n]*) ("(?:\\.|[^"\\])*"|NIL)/i
  expect equals "${ns}" "${delim}"
end

# §2: a user's INBOX appears within the personal namespace: the personal namespace is not NIL.
case imap.rfc2342.2.personal-namespace-present
  title "The personal namespace, holding INBOX, is not NIL"
  rfc 2342 2 MUST
  tags namespace
  requires ext NAMESPACE
  requires login
  include imap.authenticated
  command "NAMESPACE"
  expect tagged OK
  expect untagged NAMESPACE /^\* NAMESPACE \(\(/i
end

# RFC 9051 §3 and §6.3.10: NAMESPACE belongs to the authenticated state; before login it is refused.
case imap.rfc2342.5.namespace-before-login-refused
  title "NAMESPACE before login is refused with NO or BAD"
  rfc 9051 6.3.10 MUST
  rfc 9051 3 MUST
  tags namespace states
  requires ext NAMESPACE
  include imap.greeted
  command "NAMESPACE"
  expect tagged NO|BAD
end

# §5: valid in the selected state too (authenticated-state commands are valid there, RFC 9051 §3).
case imap.rfc2342.5.namespace-selected-state
  title "NAMESPACE in the selected state completes with OK"
  rfc 2342 5 MUST
  tags namespace
  requires ext NAMESPACE
  requires login
  include imap.authenticated
  command "EXAMINE INBOX"
  need tagged OK
  command "NAMESPACE"
  expect tagged OK
  expect untagged NAMESPACE
end
