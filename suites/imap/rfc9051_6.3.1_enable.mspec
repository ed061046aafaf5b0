# RFC 9051 §6.3.1 and RFC 5161 (ENABLE): the server enables what it knows and may enable, ignores the
# rest, answers a successful ENABLE with an untagged ENABLED, and never changes its CAPABILITY list.

# A successful ENABLE is answered with an untagged ENABLED listing what it enabled (RFC 5161 §3.1 MUST);
# CONDSTORE is the extension RFC 5161 names as one that needs enabling.
case imap.rfc5161.3.1.enable-condstore-enabled
  title "ENABLE CONDSTORE answers ENABLED CONDSTORE and OK"
  rfc 5161 3.1 MUST
  rfc 9051 6.3.1 MUST
  tags enable
  requires login
  requires ext ENABLE
  requires ext CONDSTORE
  include imap.authenticated
  command "ENABLE CONDSTORE"
  expect tagged OK
  expect untagged ENABLED /^\* ENABLED (.* )?CONDSTORE( |\r?$)/i
end

# An extension the server does not know is ignored (MUST): the command succeeds, and no ENABLED response
# names it.
case imap.rfc5161.3.1.enable-unknown-ignored
  title "ENABLE of an unknown extension succeeds and does not list it as enabled"
  rfc 5161 3.1 MUST
  rfc 9051 6.3.1 MUST
  tags enable
  requires login
  requires ext ENABLE
  include imap.authenticated
  command "ENABLE X-MAILSPEC-UNKNOWN"
  expect tagged OK
  capture listed /\A(?:[\s\S]*?^\* ENABLED [^\r\n]*?(X-MAILSPEC-UNKNOWN))?/i
  expect equals "${listed}" ""
end

# ENABLE needs at least one argument (Result: BAD - no arguments); the grammar requires one, which servers
# SHOULD enforce (RFC 9051 §2.2.2).
case imap.rfc5161.3.1.enable-no-argument-bad
  title "ENABLE without arguments is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags enable syntax
  requires login
  requires ext ENABLE
  include imap.authenticated
  command "ENABLE"
  expect tagged BAD
end

# ENABLE must not change the CAPABILITY list (RFC 9051 §6.3.1 MUST): CAPABILITY before and after agree.
case imap.rfc9051.6.3.1.enable-capability-unchanged
  title "CAPABILITY lists the same capabilities before and after ENABLE"
  rfc 9051 6.3.1 MUST
  tags enable capability
  requires login
  requires ext ENABLE
  include imap.authenticated
  command "CAPABILITY"
  need tagged OK
  capture before /^\* CAPABILITY ([^\r\n]*)/
  if ext CONDSTORE
    command "ENABLE CONDSTORE"
  else
    command "ENABLE X-MAILSPEC-UNKNOWN"
  end
  need tagged OK
  command "CAPABILITY"
  need tagged OK
  capture after /^\* CAPABILITY ([^\r\n]*)/
  expect equals "${after}" "${before}"
end

# Each ENABLED response should name only what its own ENABLE enabled (RFC 5161 §3.1 SHOULD): after
# ENABLE CONDSTORE, a second ENABLE of an unknown name enables nothing, so its ENABLED (if any) does
# not name CONDSTORE.
case imap.rfc5161.3.1.enable-responses-separate
  title "A second ENABLE's ENABLED response does not repeat what the first enabled"
  rfc 5161 3.1 SHOULD
  rfc 9051 6.3.1 SHOULD
  tags enable
  requires login
  requires ext ENABLE
  requires ext CONDSTORE
  include imap.authenticated
  command "ENABLE CONDSTORE"
  need tagged OK
  command "ENABLE X-MAILSPEC-UNKNOWN"
  expect tagged OK
  capture listed /\A(?:[\s\S]*?^\* ENABLED [^\r\n]*?(CONDSTORE))?/i
  expect equals "${listed}" ""
end
