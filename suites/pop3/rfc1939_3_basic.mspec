# RFC 1939 §3 (Basic Operation): command syntax, case-insensitive keywords, upper-case status
# indicators, negative answers to unknown and syntactically invalid commands, response line length.
# Read-only: logs in with the run's credentials (--user, --password-env); never deletes anything.
# Every status line read by any case is also checked by the strict POP3 parser (upper-case "+OK" /
# "-ERR", first line at most 512 octets), so the explicit cases below only make sure such lines occur.
#
# Audit (issue 8): "Arguments: none" in a command description (STAT, NOOP) and a fixed argument count
# (LIST [msg]) say what a client sends; no sentence requires the server to refuse an extra argument,
# and §3's MUST names unrecognised, unimplemented and syntactically invalid commands, not lenient
# parsing. The extra-argument cases are therefore MAY (info): refusing is reported, ignoring is a
# choice the RFC leaves open. Missing or non-numeric required arguments stay MUST (the command
# cannot be carried out as written).

# A command keyword the server does not know gets a negative answer, before login (§3, MUST).
case pop3.rfc1939.3.unknown-command-authorization
  title "An unknown command in the AUTHORIZATION state is answered with -ERR"
  rfc 1939 3 MUST
  tags syntax errors authorization

  include pop3.greeted
  send "XYZQ"
  expect err
end

# The same holds once the client is logged in (§3, MUST).
case pop3.rfc1939.3.unknown-command-transaction
  title "An unknown command in the TRANSACTION state is answered with -ERR"
  rfc 1939 3 MUST
  tags syntax errors transaction
  requires login

  include pop3.transaction
  send "XYZQ"
  expect err
end

# A keyword that merely starts like a real one is still unknown: no prefix matching (§3, MUST).
case pop3.rfc1939.3.keyword-with-suffix-unknown
  title "STATX is not taken for STAT"
  rfc 1939 3 MUST
  tags syntax errors transaction
  requires login

  include pop3.transaction
  send "STATX"
  expect err
end

# Keywords are case-insensitive (§3 defines a command as a case-insensitive keyword): lower and
# mixed case must work like upper case. USER is only the set-up (need); PASS, STAT and NOOP are
# the checks.
case pop3.rfc1939.3.keywords-case-insensitive
  title "Lower- and mixed-case keywords (pAsS, stat, noop) are accepted"
  rfc 1939 3 MUST
  tags syntax
  requires login

  include pop3.greeted
  send "USER ${user}"
  need ok
  send "pAsS ${password}"
  expect ok within 20s
  send "stat"
  expect ok text /^\d+ \d+/
  send "noop"
  expect ok
end

# Status indicators are exactly "+OK" and "-ERR", upper case (§3 MUST, restated in Appendix A).
# The strict parser checks every status line; this case provokes both kinds in both states. The
# greeting itself is checked by pop3.rfc1939.4.greeting-is-positive (audit: here it is only a
# precondition, so that one deviation is reported once).
case pop3.rfc1939.3.status-indicators-upper-case
  title "Positive and negative status indicators are sent in upper case"
  rfc 1939 3 MUST
  rfc 1939 A MUST
  tags syntax
  requires login

  include pop3.greeted
  send "NOOP"
  expect status
  send "USER ${user}"
  expect status
  send "PASS ${password}"
  expect status within 20s
  send "STAT"
  expect status
  send "RETR 0"
  expect status
  send "QUIT"
  expect status
end

# The first line of any answer stays within 512 octets (RFC 2449 §3 grammar and §4; RFC 1939 §3),
# even when the server echoes a long command back. The command (250 octets with CRLF) is within the
# 255 octets of RFC 2449 §4. Audit: the check is now any status line (`status`), so that a server
# answering unknown commands with +OK is reported once, by unknown-command-authorization, and this
# case reports only the length of the answer.
case pop3.rfc1939.3.long-unknown-command
  title "The answer to a 250-octet unknown command is a status line of at most 512 octets"
  rfc 2449 4 MUST
  rfc 2449 3 MUST
  rfc 1939 3 MUST
  tags syntax errors limits

  include pop3.greeted
  send "XYZQ " + "a" * 243
  expect status within 15s
end

# RETR's message number is required (§5); without it the command is syntactically invalid (§3, MUST).
case pop3.rfc1939.3.retr-without-argument
  title "RETR without a message number is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 5 MUST
  tags syntax errors transaction
  requires login

  include pop3.transaction
  send "RETR"
  expect err
end

# A message number is decimal digits (§4); a word is not one, so the command is syntactically
# invalid (§3, MUST).
case pop3.rfc1939.3.retr-non-numeric-argument
  title "RETR with a non-numeric argument is answered with -ERR"
  rfc 1939 3 MUST
  rfc 1939 4 MUST
  tags syntax errors transaction
  requires login

  include pop3.transaction
  send "RETR one"
  expect err
end

# STAT is described with "Arguments: none" (§5): that tells the client what to send; no sentence
# makes the server refuse an argument. Audit: was MUST, now MAY (info): refusing is reported,
# ignoring the argument is the server's choice.
case pop3.rfc1939.3.stat-with-argument
  title "STAT with an argument is answered with -ERR (the server's choice)"
  rfc 1939 5 MAY
  rfc 1939 3 MAY
  tags syntax errors transaction
  requires login

  include pop3.transaction
  send "STAT 1"
  expect err
end

# LIST takes at most one argument (§5); a second one is not something the RFC tells the server to
# refuse. Audit: was MUST, now MAY (info).
case pop3.rfc1939.3.list-two-arguments
  title "LIST with two arguments is answered with -ERR (the server's choice)"
  rfc 1939 5 MAY
  rfc 1939 3 MAY
  tags syntax errors transaction
  requires login

  include pop3.transaction
  send "LIST 1 1"
  expect err
end

# NOOP is described with "Arguments: none" (§5), like STAT. Audit: was MUST, now MAY (info).
case pop3.rfc1939.3.noop-with-argument
  title "NOOP with an argument is answered with -ERR (the server's choice)"
  rfc 1939 5 MAY
  rfc 1939 3 MAY
  tags syntax errors transaction
  requires login

  include pop3.transaction
  send "NOOP now"
  expect err
end
