# RFC 9051 §6.3.10 and RFC 2342 (NAMESPACE): one untagged NAMESPACE response with the personal, other
# users' and shared namespaces, each NIL or a list of (prefix delimiter) pairs.

case imap.rfc9051.6.3.10.namespace-three-parts
  title "NAMESPACE answers one well-formed NAMESPACE response and OK"
  rfc 9051 6.3.10 MUST
  rfc 2342 5 MUST
  tags namespace
  requires login
  requires ext NAMESPACE
  include imap.authenticated
  command "NAMESPACE"
  expect tagged OK
  expect untagged NAMESPACE /^\* NAMESPACE (NIL|\(\(.*\)\)) (NIL|\(\(.*\)\)) (NIL|\(\(.*\)\))\r?$/i
end

# INBOX must be in the personal namespace (§5.1.2): there is one, so the first part is not NIL.
case imap.rfc9051.5.1.2.namespace-personal-present
  title "NAMESPACE lists a personal namespace (where INBOX lives)"
  rfc 9051 5.1.2 MUST
  tags namespace inbox
  requires login
  requires ext NAMESPACE
  include imap.authenticated
  command "NAMESPACE"
  expect tagged OK
  expect untagged NAMESPACE /^\* NAMESPACE \(\(/i
end

# The personal namespace's delimiter is the one LIST reports for its names.
case imap.rfc2342.5.namespace-delimiter-matches-list
  title "The personal namespace's delimiter equals the LIST delimiter"
  rfc 2342 5 MUST
  rfc 9051 6.3.10 MUST
  tags namespace hierarchy
  requires login
  requires ext NAMESPACE
  include imap.authenticated
  include imap.a.delim
  command "NAMESPACE"
  need tagged OK
  capture nsdelim /^\* NAMESPACE \(\("(?:\\.|[^"\\])*" "(\\.|[^"\\])"\)/i
  expect equals "${nsdelim}" "${delim}"
end

# NAMESPACE takes no arguments: BAD (SHOULD, §2.2.2).
case imap.rfc9051.6.3.10.namespace-argument-bad
  title "NAMESPACE with an argument is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags namespace syntax
  requires login
  requires ext NAMESPACE
  include imap.authenticated
  command "NAMESPACE extra"
  expect tagged BAD
end
