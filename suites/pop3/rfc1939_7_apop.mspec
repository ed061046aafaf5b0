# RFC 1939 §7 (Optional POP3 Commands): APOP and the greeting timestamp. RFC 2449 §3: timestamp grammar.
# There is no CAPA tag for APOP (RFC 2449 §6): a server offers it by putting a <timestamp> in its
# greeting, so these cases capture the timestamp from the greeting and skip when there is none.
# Gap: the script language cannot compute an MD5 digest, so a successful APOP cannot be tested;
# only refusals are. Read-only.

# The APOP timestamp has the shape of an RFC 822 msg-id: <local@domain>. One connection shows the
# server offers APOP; the greeting of a second connection is then checked.
case pop3.rfc1939.7.apop-timestamp-is-msg-id
  title "The greeting's APOP timestamp is a msg-id <...@...>"
  rfc 1939 7 MUST
  rfc 2449 3 MUST
  tags apop greeting

  connect first
  need greeting
  capture ts /(<[^>]*>)/
  connect second
  expect line /^\+OK[^<]*<[^<>@\s]+@[^<>@\s]+>/
end

# A digest that does not match is refused, and the session stays in AUTHORIZATION.
case pop3.rfc1939.7.apop-wrong-digest-rejected
  title "APOP with a wrong digest gets -ERR and the maildrop stays closed"
  rfc 1939 7 MUST
  rfc 1939 3 MUST
  tags apop errors
  requires login

  connect
  need greeting
  capture ts /(<[^>]+>)/
  send "APOP ${user} 0123456789abcdef0123456789abcdef"
  expect err
  send "STAT"
  expect err
end

# After a refused APOP the client may authenticate again; whether USER/PASS is allowed on the same
# connection is the server's choice (it may close after -ERR, and §13 advises against accepting
# both APOP and PASS for one mailbox), so a refusal is reported as info.
case pop3.rfc1939.7.user-pass-after-failed-apop
  title "After a refused APOP, USER/PASS may still succeed"
  rfc 1939 4 MAY
  rfc 1939 7 MAY
  tags apop retry
  requires login

  connect
  need greeting
  capture ts /(<[^>]+>)/
  send "APOP ${user} 0123456789abcdef0123456789abcdef"
  need err
  send "USER ${user}"
  expect ok
  send "PASS ${password}"
  expect ok
end

# APOP for a mailbox that does not exist is refused.
case pop3.rfc1939.7.apop-unknown-user-rejected
  title "APOP for an unknown mailbox gets -ERR"
  rfc 1939 7 MUST
  tags apop errors

  connect
  need greeting
  capture ts /(<[^>]+>)/
  send "APOP mailspec-nosuch-${uniq} 0123456789abcdef0123456789abcdef"
  expect err
end

# APOP needs both a name and a digest; with the digest missing it is syntactically invalid.
case pop3.rfc1939.7.apop-missing-digest
  title "APOP with only a name is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags apop syntax errors
  requires login

  connect
  need greeting
  capture ts /(<[^>]+>)/
  send "APOP ${user}"
  expect err
end
