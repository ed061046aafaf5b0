# RFC 5161 (ENABLE): the client names extensions to turn on; the server enables those that need it,
# ignores the others (unknown ones, and known ones that are not enabled this way), confirms with an
# untagged ENABLED, and never changes its CAPABILITY list because of ENABLE. Every case requires ENABLE.

# §3.1: an argument the server does not know is ignored: the command still succeeds.
case imap.rfc5161.3.1.unknown-extension-ignored
  title "ENABLE of an unknown extension completes with OK"
  rfc 5161 3.1 MUST
  tags enable
  requires ext ENABLE
  requires login
  include imap.authenticated
  command "ENABLE X-MAILSPEC-UNKNOWN-${uniq}"
  expect tagged OK
end

# §3.1 and §3.2: a successful ENABLE always sends an untagged ENABLED, which may list nothing: ENABLE
# of an unknown name alone is answered with an empty `* ENABLED`.
case imap.rfc5161.3.1.empty-enabled-response
  title "ENABLE that enables nothing still sends an (empty) untagged ENABLED"
  rfc 5161 3.1 MUST
  rfc 5161 3.2 MUST
  rfc 9051 6.3.1 MUST
  tags enable
  requires ext ENABLE
  requires login
  include imap.authenticated
  command "ENABLE X-MAILSPEC-UNKNOWN-${uniq}"
  expect tagged OK
  expect untagged ENABLED
end

# §3.1: the ignored unknown name is not listed as enabled (the capture finds the name on an ENABLED
# line; empty when it is absent, also when no ENABLED came at all).
case imap.rfc5161.3.1.unknown-extension-not-enabled
  title "ENABLE of an unknown extension does not list it in ENABLED"
  rfc 5161 3.1 MUST
  tags enable
  requires ext ENABLE
  requires login
  include imap.authenticated
  command "ENABLE X-MAILSPEC-UNKNOWN-${uniq}"
  need tagged OK
  capture listed /\A(?:[\s\S]*?^(\* ENABLED [^\r\n]*X-MAILSPEC))?/i
  expect equals "${listed}" ""
end

# §3.1: a known extension that is not enabled through ENABLE (IDLE, NAMESPACE: they need no enabling)
# is ignored: not listed in ENABLED.
case imap.rfc5161.3.1.non-enableable-ignored
  title "ENABLE of an extension that needs no enabling does not list it in ENABLED"
  rfc 5161 3.1 MUST
  tags enable
  requires ext ENABLE
  requires login
  include imap.authenticated
  command "ENABLE IDLE NAMESPACE"
  need tagged OK
  capture listed /\A(?:[\s\S]*?^(\* ENABLED [^\r\n]*\b(IDLE|NAMESPACE)\b))?/i
  expect equals "${listed}" ""
end

# §3.1: ENABLE is valid only in the authenticated state; before login it is refused (NO or BAD). The
# sentence has no requirement keyword (RFC 9051 §6.3.1 repeats it without one either), so a server that
# answers OK and ignores the command is reported as a warning, not a failure.
case imap.rfc5161.3.1.enable-before-login-refused
  title "ENABLE before login is refused with NO or BAD"
  rfc 5161 3.1 SHOULD
  rfc 9051 2.2.2 SHOULD
  tags enable states
  requires ext ENABLE
  include imap.greeted
  command "ENABLE CONDSTORE"
  expect tagged NO|BAD
end

# §3.1: CAPABILITY right after ENABLE lists the same capabilities as right before it.
case imap.rfc5161.3.1.capability-unchanged
  title "CAPABILITY lists the same capabilities before and after ENABLE"
  rfc 5161 3.1 MUST
  tags enable capability
  requires ext ENABLE
  requires login
  include imap.authenticated
  command "CAPABILITY"
  need tagged OK
  capture before /^\* CAPABILITY ([^\r\n]*)/i
  command "ENABLE CONDSTORE QRESYNC UTF8=ACCEPT IMAP4rev2 X-MAILSPEC-UNKNOWN"
  need tagged OK
  command "CAPABILITY"
  need tagged OK
  capture after /^\* CAPABILITY ([^\r\n]*)/i
  expect equals "${after}" "${before}"
end

# §4: the capability names are case-insensitive: "enable condstore" in lower case enables CONDSTORE.
case imap.rfc5161.4.enable-case-insensitive
  title "ENABLE takes extension names in any case"
  rfc 5161 4 MUST
  tags enable
  requires ext ENABLE
  requires ext CONDSTORE
  requires login
  include imap.authenticated
  command "enable condstore"
  expect tagged OK
  expect untagged ENABLED /condstore/i
end

# §3.1: with several ENABLE commands, each ENABLED SHOULD list only what that command enabled: after
# ENABLE CONDSTORE, a second ENABLE QRESYNC lists QRESYNC and not CONDSTORE again.
case imap.rfc5161.3.1.each-enabled-lists-its-own
  title "A second ENABLE's ENABLED lists only what it enabled"
  rfc 5161 3.1 SHOULD
  tags enable
  requires ext ENABLE
  requires ext CONDSTORE
  requires ext QRESYNC
  requires login
  include imap.authenticated
  command "ENABLE CONDSTORE"
  need tagged OK
  command "ENABLE QRESYNC"
  need tagged OK
  capture again /\A(?:[\s\S]*?^(\* ENABLED [^\r\n]*\bCONDSTORE\b))?/i
  expect equals "${again}" ""
end
