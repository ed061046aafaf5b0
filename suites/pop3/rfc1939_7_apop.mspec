# RFC 1939 §7 (Optional POP3 Commands): APOP and the greeting timestamp. RFC 2449 §3: timestamp grammar.
# There is no CAPA tag for APOP (RFC 2449 §6): a server offers it by putting a <timestamp> in its
# greeting, so these cases capture the timestamp from the greeting and skip when there is none (the
# `apop` step skips by itself). `apop` computes the digest (MD5 of the greeting's timestamp and the
# password, RFC 1939 §7) from the last greeting read, and leaves the reply for the next matcher.
# Read-only: logs in with the run's credentials (--user, --password-env).
# Audit (issue 8): set-up from fixtures (pop3.greeted, pop3.greeted.second). Cases that fail a login
# on purpose (wrong, replayed or unknown-user digests) are `serial` and await the answer `within 20s`
# (Dovecot delays failed logins: auth_failure_delay 2 s, anvil penalty up to 15 s); after a refused
# APOP the server may close the connection (§4), so the reads after it accept a close (`or-closed`).

# The APOP timestamp has the shape of an RFC 822 msg-id: <local@domain>. One connection shows the
# server offers APOP; the greeting of a second connection is then checked.
case pop3.rfc1939.7.apop-timestamp-is-msg-id
  title "The greeting's APOP timestamp is a msg-id <...@...>"
  rfc 1939 7 MUST
  rfc 2449 3 MUST
  tags apop greeting

  include pop3.greeted
  capture ts /(<[^>]*>)/
  connect second
  expect line /^\+OK[^<]*<[^<>@\s]+@[^<>@\s]+>/
end

# The timestamp is different in every greeting: two connections get two different timestamps (a fixed
# one would let a recorded digest be replayed).
case pop3.rfc1939.7.apop-timestamp-differs
  title "Two greetings carry two different APOP timestamps"
  rfc 1939 7 MUST
  tags apop greeting

  include pop3.greeted
  capture ts1 /(<[^>]*>)/
  include pop3.greeted.second
  capture ts2 /(<[^>]*>)/
  expect differs "${ts2}" "${ts1}"
end

# The right digest for the greeting's timestamp opens the maildrop. A server that shows a timestamp
# offers APOP, but it can only check a digest when it holds the shared secret in the clear, so a
# refusal is a warning rather than a failure.
case pop3.rfc1939.7.apop-success
  title "APOP with the correct digest leads to the TRANSACTION state"
  rfc 1939 7 SHOULD
  rfc 1939 4 SHOULD
  tags apop
  requires login

  include pop3.greeted
  apop
  expect ok within 20s
  send "STAT"
  expect ok text /^\d+ \d+/
end

# A digest computed with the wrong secret is refused, and the session stays in AUTHORIZATION.
case pop3.rfc1939.7.apop-wrong-digest-rejected
  title "APOP with a wrong digest gets -ERR and the maildrop stays closed"
  rfc 1939 7 MUST
  rfc 1939 3 MUST
  tags apop errors
  requires login
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  apop password "mailspec-wrong-${uniq}"
  expect err within 20s
  send "STAT"
  expect err or-closed
end

# A digest is only good for the greeting it was computed from: the correct digest for connection A's
# timestamp, sent on connection B, is refused (this is what the per-greeting timestamp is for).
case pop3.rfc1939.7.apop-replayed-digest-rejected
  title "The APOP digest for one greeting's timestamp is refused on another connection"
  rfc 1939 7 MUST
  tags apop security
  requires login
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  connect second
  apop
  need greeting
  expect err within 20s
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
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  apop password "mailspec-wrong-${uniq}"
  need err within 20s
  send "USER ${user}"
  expect ok
  send "PASS ${password}"
  expect ok within 20s
end

# APOP for a mailbox that does not exist is refused.
case pop3.rfc1939.7.apop-unknown-user-rejected
  title "APOP for an unknown mailbox gets -ERR"
  rfc 1939 7 MUST
  tags apop errors
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  apop user "mailspec-nosuch-${uniq}" password "mailspec-wrong-${uniq}"
  expect err within 20s
end

# APOP needs both a name and a digest; with the digest missing it is syntactically invalid.
case pop3.rfc1939.7.apop-missing-digest
  title "APOP with only a name is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 7 MUST
  tags apop syntax errors
  requires login

  include pop3.greeted
  capture ts /(<[^>]+>)/
  send "APOP ${user}"
  expect err within 20s
end
