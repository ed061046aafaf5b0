# POP3 fixtures: the set-up steps shared by the cases of suites/pop3 (`include NAME`).
# No case writes a preamble out itself; each one includes the fixture that sets its stage.
#
# Logins are written out as USER/PASS (not the `login` step) so that the PASS answer can wait
# `within 20s`: Dovecot delays logins from an address that recently failed one (auth_failure_delay
# 2 s, anvil penalty growing to 15 s), and a delayed but successful login is not an error. A login
# that does not succeed (refused, or no answer in 20 s) is a precondition that did not hold: the case
# skips. Cases that include a login fixture still say `requires login` (or `requires var
# mutable_user` / `mutable_password`), so they skip up front without credentials.

# Connected and greeted: the session is in the AUTHORIZATION state.
fixture pop3.greeted
  connect main
  need greeting
end

# The second connection of a case, named `second`, greeted (the first one stays open).
fixture pop3.greeted.second
  connect second
  need greeting
end

# On the current greeted connection: USER/PASS with the run's credentials (--user, --password-env).
fixture pop3.login
  send "USER ${user}"
  need ok
  send "PASS ${password}"
  need ok within 20s
end

# On the current greeted connection: USER/PASS as the throwaway mailbox whose mail the mutating
# cases may delete (--var mutable_user=... --var mutable_password=...).
fixture pop3.mutable-login
  send "USER ${mutable_user}"
  need ok
  send "PASS ${mutable_password}"
  need ok within 20s
end

# On a connection the case has just opened itself (`connect NAME`, where the case's own text shows
# which connection it later switches back to with `use NAME`): greeted and logged in.
fixture pop3.transaction.here
  need greeting
  include pop3.login
end

fixture pop3.mutable.here
  need greeting
  include pop3.mutable-login
end

# Logged in as ${user}: the TRANSACTION state on the read-only maildrop.
fixture pop3.transaction
  include pop3.greeted
  include pop3.login
end

# A second session as ${user}, on connection `second`.
fixture pop3.transaction.second
  include pop3.greeted.second
  include pop3.login
end

# In the TRANSACTION state: STAT answered; ${n} is the message count (possibly 0).
fixture pop3.stat
  send "STAT"
  need ok
  capture n /^\+OK (\d+) /
end

# Right after pop3.stat: the maildrop holds at least one message (else the case skips).
fixture pop3.stat.messages
  capture n /^\+OK ([1-9]\d*) /
end

# Right after pop3.stat: the maildrop holds at least two messages (else the case skips).
fixture pop3.stat.two
  capture n /^\+OK ([2-9]|[1-9]\d+) /
end

# Logged in as ${user}, STAT answered: ${n} is the message count (possibly 0).
fixture pop3.transaction.stat
  include pop3.transaction
  include pop3.stat
end

# Logged in as ${user} with at least one message: ${n} is the count (the case skips on an empty maildrop).
fixture pop3.transaction.messages
  include pop3.transaction.stat
  include pop3.stat.messages
end

# Logged in as ${mutable_user}: the TRANSACTION state on the maildrop that may be changed.
fixture pop3.mutable
  include pop3.greeted
  include pop3.mutable-login
end

# A second session as ${mutable_user}, on connection `second`.
fixture pop3.mutable.second
  include pop3.greeted.second
  include pop3.mutable-login
end

# Logged in as ${mutable_user}, STAT answered: ${n} is the message count (possibly 0).
fixture pop3.mutable.stat
  include pop3.mutable
  include pop3.stat
end

# Logged in as ${mutable_user} with at least one message: ${n} is the count.
fixture pop3.mutable.messages
  include pop3.mutable.stat
  include pop3.stat.messages
end

# Logged in as ${mutable_user} with at least two messages: ${n} is the count.
fixture pop3.mutable.two
  include pop3.mutable.stat
  include pop3.stat.two
end

# End of a mutating case that must commit nothing: unmark everything, then drop the connection
# without QUIT (RFC 1939 §6: no UPDATE, nothing removed).
fixture pop3.abandon
  send "RSET"
  read
  close
end

# Greeted, and CAPA answered with a capability list (the case skips on a server without CAPA).
fixture pop3.capa
  include pop3.greeted
  send "CAPA"
  need ok multiline
end

# Logged in as ${user}, and CAPA answered with a capability list in the TRANSACTION state.
fixture pop3.transaction.capa
  include pop3.transaction
  send "CAPA"
  need ok multiline
end

# Greeted, and SASL PLAIN is offered on this very connection (`requires sasl PLAIN` is also met
# when PLAIN is offered only after STLS).
fixture pop3.sasl-plain
  include pop3.capa
  need body /(?:^|\n)SASL(?: [^\r\n]*)? PLAIN(?= |\r|\n|$)/i
end

# Greeted, and SASL CRAM-MD5 is offered on this very connection.
fixture pop3.sasl-cram-md5
  include pop3.capa
  need body /(?:^|\n)SASL(?: [^\r\n]*)? CRAM-MD5(?= |\r|\n|$)/i
end

# Greeted, STLS accepted and the TLS handshake done: the session is in AUTHORIZATION inside TLS.
fixture pop3.stls
  include pop3.greeted
  send "STLS"
  need ok
  starttls
end

# First step of every case that fails a login on purpose (such cases are `serial`): one successful
# login on a connection of its own, awaited `within 20s`, then closed. Penalising servers (Dovecot's
# anvil auth penalty) delay every login from an address after failures, doubling up to 15 s, and
# clear the penalty on a successful login: so each such case starts unpenalised, its own failure
# costs only the failure delay, and the delays never compound from one case to the next. Without
# credentials there is nothing to clear (`if login`).
fixture pop3.penalty-reset
  if login
    connect reset
    include pop3.transaction.here
    close
  end
end
