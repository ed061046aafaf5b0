# RFC 7888: non-synchronizing literals, `{n+}`. With LITERAL+ or LITERAL- advertised, the client sends
# the octets right after the line, without waiting; the server sends no continuation request and must
# take the octets, and the rest of the line after them, as part of the same command (§3). LITERAL-
# limits such literals to 4096 octets (§5); a bigger one is refused (BAD with [TOOBIG] for APPEND, or a
# BYE), after which the server must not read the literal's octets as commands.

# §3: APPEND with a non-synchronizing literal completes with OK, no continuation request in between
# (a "+" would end the wait for the tagged response and fail the check).
case imap.rfc7888.3.append-literal-plus
  title "APPEND with a non-synchronizing literal completes with OK, without a continuation request"
  rfc 7888 3 MUST
  tags literal literal-plus append
  requires ext LITERAL+
  requires login
  include imap.scratch.empty
  command "APPEND ${box} ()" literal+ "From: mailspec@example.org\r\nSubject: literal plus ${uniq}\r\n\r\nsent without waiting\r\n"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end

# §3: the appended octets are the message: it is there afterwards, found by its subject.
case imap.rfc7888.3.append-literal-plus-stored
  title "The message sent in a non-synchronizing literal is stored as sent"
  rfc 7888 3 MUST
  tags literal literal-plus append
  requires ext LITERAL+
  requires login
  include imap.scratch.empty
  command "APPEND ${box} ()" literal+ "From: mailspec@example.org\r\nSubject: literal plus ${uniq}\r\n\r\nsent without waiting\r\n"
  need tagged OK
  command "EXAMINE ${box}"
  need tagged OK
  command "FETCH 1 (RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 1 /literal plus ${uniq}/
  cleanup
    include imap.scratch.drop
  end
end

# §3: a mailbox name as a non-synchronizing literal (SELECT {n+}).
case imap.rfc7888.3.mailbox-name-literal-plus
  title "SELECT with the mailbox name as a non-synchronizing literal completes with OK"
  rfc 7888 3 MUST
  tags literal literal-plus select
  requires ext LITERAL+
  requires login
  include imap.scratch
  command "SELECT" literal+ "${box}"
  expect tagged OK
  expect untagged EXISTS 3
  cleanup
    include imap.scratch.drop
  end
end

# §3: the command goes on after the literal's octets: the rest of the line belongs to the same command
# (STATUS {5+} INBOX, then " (MESSAGES)" on the following line).
case imap.rfc7888.3.command-continues-after-literal
  title "The line after a non-synchronizing literal continues the same command"
  rfc 7888 3 MUST
  tags literal literal-plus
  requires ext LITERAL+
  requires login
  include imap.authenticated
  command "STATUS {5+}\r\nINBOX (MESSAGES)"
  expect tagged OK
  expect untagged STATUS /MESSAGES \d+/i
end

# §3: two non-synchronizing literals in one command, the first of them empty (LIST {0+} {5+} INBOX).
case imap.rfc7888.3.two-literals-one-empty
  title "A command with two non-synchronizing literals (one empty) completes with OK"
  rfc 7888 3 MUST
  tags literal literal-plus list
  requires ext LITERAL+
  requires login
  include imap.authenticated
  command "LIST {0+}\r\n {5+}\r\nINBOX"
  expect tagged OK
  expect untagged LIST /INBOX/i
end

# §3: a literal's octets are data even when they look like a command line: a mailbox name literal
# holding "X1 LOGOUT" CRLF is a (nonexistent) mailbox name, never a LOGOUT. The STATUS is refused (NO)
# or, if such a mailbox exists, answered; the session then still answers NOOP.
case imap.rfc7888.3.literal-octets-are-not-commands
  title "Octets of a non-synchronizing literal are never executed as a command"
  rfc 7888 3 MUST
  tags literal literal-plus security
  requires ext LITERAL+
  requires login
  include imap.authenticated
  command "STATUS {11+}\r\nX1 LOGOUT\r\n (MESSAGES)"
  need tagged OK|NO|BAD
  command "NOOP"
  expect tagged OK within 10s
end

# §5: LITERAL- and LITERAL+ must not be advertised together.
case imap.rfc7888.5.not-both-literal-capabilities
  title "LITERAL- is not advertised together with LITERAL+"
  rfc 7888 5 MUST
  tags literal literal-minus capability
  requires ext LITERAL-
  include imap.greeted
  command "CAPABILITY"
  need tagged OK
  capture both /\A(?:[\s\S]*?(LITERAL\+))?/i
  expect equals "${both}" ""
end

# §5: with LITERAL-, a non-synchronizing literal of up to 4096 octets is taken (exactly 4096 here).
case imap.rfc7888.5.literal-minus-small-accepted
  title "With LITERAL-, a 4096-octet non-synchronizing literal is accepted"
  rfc 7888 5 MUST
  tags literal literal-minus append
  requires ext LITERAL-
  requires login
  include imap.scratch.empty
  command "APPEND ${box} ()" literal+ "Subject: small\r\n\r\n" + "x" * 4076 + "\r\n"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end

# §5 and §4: with LITERAL-, a non-synchronizing literal above 4096 octets is refused: a tagged NO/BAD
# after reading it, or a BYE and a close. The literal here is made of "Z NOOP" lines; a server that
# refused the command but then read the octets as commands would answer tag Z, which is neither the
# APPEND's answer nor the following NOOP's, and fails the case.
case imap.rfc7888.5.literal-minus-too-big-refused
  title "With LITERAL-, a non-synchronizing literal over 4096 octets is refused, its octets not run"
  rfc 7888 5 SHOULD
  rfc 7888 4 SHOULD
  tags literal literal-minus append security
  requires ext LITERAL-
  requires login
  include imap.scratch.empty
  command "APPEND ${box} ()" literal+ "Z NOOP\r\n" * 640
  expect tagged NO|BAD within 15s or-closed
  command "NOOP"
  expect tagged OK within 10s or-closed
  cleanup
    include imap.scratch.drop
  end
end

# §5: the refusal of such an APPEND, when it is a tagged BAD, must carry [TOOBIG].
case imap.rfc7888.5.literal-minus-bad-has-toobig
  title "With LITERAL-, a BAD for an APPEND literal over 4096 octets carries [TOOBIG]"
  rfc 7888 5 MUST
  tags literal literal-minus append
  requires ext LITERAL-
  requires login
  include imap.scratch.empty
  command "APPEND ${box} ()" literal+ "Subject: big ${uniq}\r\n\r\n" + "x" * 5000 + "\r\n"
  need tagged NO|BAD within 15s
  capture status /^${tag} (NO|BAD)\b/i
  if equals "${status}" "BAD"
    capture toobig /\A(?:[\s\S]*?(\[TOOBIG\]))?/i
    expect differs "${toobig}" ""
  end
  cleanup
    include imap.scratch.drop
  end
end

# §5: with LITERAL-, a literal over 4096 octets sent as a synchronizing literal is taken as usual.
case imap.rfc7888.5.literal-minus-big-synchronizing
  title "With LITERAL-, a synchronizing literal over 4096 octets is accepted"
  rfc 7888 5 MUST
  tags literal literal-minus append
  requires ext LITERAL-
  requires login
  include imap.scratch.empty
  command "APPEND ${box} ()" literal "Subject: big ${uniq}\r\n\r\n" + "x" * 5000 + "\r\n"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end
