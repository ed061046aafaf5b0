# RFC 1939 §7 (Optional POP3 Commands): USER and PASS, with the state rules of §3 and §4.
# Read-only: logs in with the run's credentials (--user, --password-env).
#
# Audit (issue 8):
# - USER's and PASS's "Restrictions" (USER only after the greeting or a failed USER/PASS, PASS only
#   right after a successful USER) say when the CLIENT may send them; they are not server MUSTs.
#   user-twice and pass-after-failed-pass are MAY (info): refusing is reported, accepting is allowed.
# - Cases that fail a login on purpose are `serial` (they run one at a time, after the parallel
#   cases) and await the answers a penalising server delays `within 20s` (Dovecot: auth_failure_delay
#   2 s, anvil penalty up to 15 s), with a case `timeout 60s`; after a refused login the server may
#   close the connection (§4, "may close"), so the reads after it accept a close (`or-closed`).
# - quit-after-user was removed: it sent the same probe as pop3.rfc1939.4.quit-in-authorization
#   (QUIT in AUTHORIZATION, §4) and tripped on the same deviation.

# A successful USER then PASS opens the maildrop: the session is in TRANSACTION (§4) and STAT works.
case pop3.rfc1939.7.user-pass-enters-transaction
  title "USER + PASS with valid credentials lead to the TRANSACTION state"
  rfc 1939 4 MUST
  rfc 1939 7 MUST
  tags user-pass
  requires login

  include pop3.transaction
  send "STAT"
  expect ok text /^\d+ \d+/
end

# PASS authenticates the name given with USER together with the password (§7 PASS discussion); with
# no USER there is nothing to authenticate, so the maildrop stays closed and STAT is in the wrong
# state (§3, MUST). Refusing the PASS itself with -ERR is what a server naturally does, but the
# restriction on PASS binds the client, so that answer is checked as MAY. Audit: the PASS answer
# was MUST; now `expect MAY`; `serial`, `within 20s` and `or-closed` as above.
case pop3.rfc1939.7.pass-without-user
  title "PASS without a preceding USER does not open a maildrop"
  rfc 1939 3 MUST
  rfc 1939 7 MAY
  tags user-pass state
  requires login
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  send "PASS ${password}"
  expect MAY err within 20s or-closed
  send "STAT"
  expect err or-closed
end

# A wrong password is refused (§4: a client denied access gets a negative status indicator; §7),
# and the session stays in AUTHORIZATION (§3). Audit: `serial`, `within 20s`, `or-closed`.
case pop3.rfc1939.7.wrong-password-rejected
  title "PASS with a wrong password gets -ERR and the maildrop stays closed"
  rfc 1939 7 MUST
  rfc 1939 4 MUST
  rfc 1939 3 MUST
  tags user-pass errors
  requires login
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  send "USER ${user}"
  need ok
  send "PASS mailspec-wrong-${uniq}"
  expect err within 20s
  send "STAT"
  expect err or-closed
end

# The server may accept USER for a mailbox that does not exist (§7, so as not to reveal names), but
# no maildrop can then be opened: the following PASS fails (§4). Either answer to USER is fine.
# After a -ERR to USER the server may close. Audit: `serial`, `within 20s`, `or-closed`.
case pop3.rfc1939.7.unknown-user-cannot-login
  title "An unknown mailbox name never leads to +OK on PASS"
  rfc 1939 7 MUST
  rfc 1939 4 MUST
  tags user-pass errors
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  send "USER mailspec-nosuch-${uniq}"
  need status
  send "PASS mailspec-wrong-${uniq}"
  expect err within 20s or-closed
  send "STAT"
  expect err or-closed
end

# A second USER right after a successful one is out of place for the client (USER's restriction,
# §7); the session is still in AUTHORIZATION, so §3's wrong-state MUST does not apply, and a server
# that lets the new name replace the old one is lenient, not broken. Audit: was SHOULD, now MAY.
case pop3.rfc1939.7.user-twice
  title "USER right after a successful USER is answered with -ERR (the server's choice)"
  rfc 1939 7 MAY
  tags user-pass state
  requires login

  include pop3.greeted
  send "USER ${user}"
  need ok
  send "USER ${user}"
  expect err
end

# After a failed PASS the client is to start again with USER (PASS's restriction, §7, binds the
# client). Whether the server lets a second PASS retry the same name is its choice. Audit: was
# MUST, now MAY (info); `serial`, `within 20s`; a close after the failed PASS is accepted.
case pop3.rfc1939.7.pass-after-failed-pass
  title "A second PASS after a failed PASS is answered with -ERR (the server's choice)"
  rfc 1939 7 MAY
  tags user-pass state
  requires login
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  send "USER ${user}"
  need ok
  send "PASS mailspec-wrong-${uniq}"
  need err within 20s
  send "PASS ${password}"
  expect err within 20s or-closed
end
