# Very long lines, deep nesting and floods of pipelined commands. No RFC sets a maximum line length for
# IMAP; RFC 2683 §3.2.1.5 (informational, lower-case "should") suggests accepting at least 8000 octets
# and answering BAD beyond the server's own limit. Whatever the limit, a command is answered (OK, NO or
# BAD) or the connection closed as a defence, within a bounded time, and the server goes on serving new
# connections. A server that hangs, or stops accepting connections, fails.

# RFC 2683 §3.2.1.5: a command line of about 8000 octets (a UID set of 4000 numbers) is accepted. The
# advice is informational and lower-case, so a refusal is reported as information.
case imap.rfc2683.3.2.1.5.line-8000-accepted
  title "A command line of about 8000 octets is accepted"
  rfc 2683 3.2.1.5 MAY
  tags security long-line
  requires login
  include imap.authenticated
  command "EXAMINE INBOX"
  need tagged OK
  command "UID FETCH " + "1," * 3995 + "1 (FLAGS)"
  expect tagged OK within 15s
end

# RFC 9051 §7.1.5 and RFC 2683 §3.2.1.5: an unknown command on a 1 MiB line is answered BAD (or NO), or
# the connection closed; then a new connection still gets a greeting.
case imap.rfc9051.7.1.5.line-1mib-refused
  title "A 1 MiB command line is refused (BAD/NO) or the connection closed, and the server goes on"
  rfc 9051 7.1.5 MUST
  rfc 2683 3.2.1.5 MAY
  tags security long-line
  include imap.greeted
  command "X" + "a" * 1048576
  expect tagged BAD|NO within 20s or-closed
  connect after
  expect greeting
end

# RFC 9051 §7.1.5: a 1 MiB quoted string in a valid command (SEARCH TEXT) is processed or refused, or the
# connection closed, within a bounded time; the server then still serves new connections.
case imap.rfc9051.6.4.4.search-1mib-string-bounded
  title "SEARCH with a 1 MiB quoted string is answered or refused in bounded time"
  rfc 9051 6.4.4 MUST
  rfc 9051 7.1.5 MUST
  tags security long-line search
  requires login
  include imap.authenticated
  command "EXAMINE INBOX"
  need tagged OK
  command "SEARCH TEXT \"" + "a" * 1048576 + "\""
  expect tagged OK|NO|BAD within 20s or-closed
  connect after
  expect greeting
end

# RFC 9051 §6.4.4 and §9: search keys nest in parentheses without a limit in the grammar; 5000 levels
# around ALL are answered (OK, or NO/BAD for the server's own limit) or the connection closed, and the
# server goes on serving.
case imap.rfc9051.6.4.4.search-deep-nesting-bounded
  title "SEARCH with 5000 nested parentheses is answered or refused, and the server goes on"
  rfc 9051 6.4.4 MUST
  tags security nesting search
  requires login
  include imap.authenticated
  command "EXAMINE INBOX"
  need tagged OK
  command "SEARCH " + "(" * 5000 + "ALL" + ")" * 5000
  expect tagged OK|NO|BAD within 20s or-closed
  connect after
  expect greeting
end

# RFC 9051 §7.1.5 and §9: a FETCH item list does not nest; 5000 levels of parentheses are a syntax
# error: BAD (NO tolerated) or a close.
case imap.rfc9051.7.1.5.fetch-deep-nesting-refused
  title "FETCH with 5000 nested parentheses is refused with BAD"
  rfc 9051 7.1.5 MUST
  rfc 9051 9 MUST
  tags security nesting fetch
  requires login
  include imap.authenticated
  command "EXAMINE INBOX"
  need tagged OK
  command "FETCH 1 " + "(" * 5000 + "FLAGS" + ")" * 5000
  expect tagged BAD|NO within 20s or-closed
  connect after
  expect greeting
end

# RFC 9051 §7.1.5: deep nesting where the grammar allows one level only (APPEND's flag list) is BAD.
case imap.rfc9051.7.1.5.append-flags-deep-nesting-refused
  title "APPEND with a flag list nested 5000 deep is refused"
  rfc 9051 7.1.5 MUST
  rfc 9051 9 MUST
  tags security nesting append
  requires login
  include imap.scratch.empty
  command "APPEND ${box} " + "(" * 5000 + ")" * 5000 + " {5}"
  expect tagged BAD|NO within 20s or-closed
  cleanup
    include imap.scratch.drop
  end
end

# RFC 9051 §5.5: a client may have many commands in flight; 500 NOOPs sent without waiting are each
# answered with their own tag (or, as a defence against a flood, the connection closed).
case imap.rfc9051.5.5.flood-500-noops
  title "500 pipelined NOOPs are each answered OK (or the connection closed)"
  rfc 9051 5.5 MUST
  tags security pipelining
  include imap.greeted
  repeat 500
    command F${i} "NOOP"
  end
  repeat 500
    expect tagged F${i} OK within 20s or-closed
  end
end
