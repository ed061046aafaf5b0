# RFC 9051 §2.2 (client commands and server responses), §7.1.3 (BAD) and §9 (formal syntax): the
# server takes every tag the grammar allows, reads command names in any case, and answers a command
# that breaks the grammar with BAD. None of these cases logs in or changes anything.

# A tag is one or more ASTRING-CHARs other than "+" (§9): letters, digits and every punctuation mark
# that is not an atom-special. Here all of them except "]" in one tag; the server must answer NOOP
# under that very tag.
case imap.rfc9051.2.2.1.tag-punctuation
  title "A tag made of every legal punctuation mark (but ]) gets its own tagged OK"
  rfc 9051 9 MUST
  rfc 3501 9 MUST
  tags syntax tag
  include imap.greeted
  command A!#$$&'-./:;<=>?@^_`|~,9 "NOOP"
  expect tagged OK within 2s
end

# "]" is a resp-special and so an ASTRING-CHAR (§9: ASTRING-CHAR = ATOM-CHAR / resp-specials): legal in a
# tag. The ABNF rules must be followed strictly, so the server answers the command under that tag.
case imap.rfc9051.9.tag-close-bracket
  title "A tag containing ] is legal and gets its own tagged OK"
  rfc 9051 9 MUST
  rfc 3501 9 MUST
  tags syntax tag
  include imap.greeted
  command A]1 "NOOP"
  expect tagged OK within 1500ms
end

# A tag of a single character is a complete tag.
case imap.rfc9051.2.2.1.tag-one-char
  title "A one-character tag is answered under that tag"
  rfc 9051 9 MUST
  tags syntax tag
  include imap.greeted
  command z "NOOP"
  expect tagged OK within 2s
end

# The server must accept a tag that is used again (§2.2.1): two commands in turn with the same tag are
# both answered.
case imap.rfc9051.2.2.1.tag-reuse
  title "The server accepts the same tag on two commands in turn"
  rfc 9051 2.2.1 MUST
  tags syntax tag
  include imap.greeted
  command R1 "NOOP"
  need tagged R1 OK
  command R1 "CAPABILITY"
  expect tagged R1 OK
end

# Tags are case-sensitive strings chosen by the client: the tagged reply repeats the tag exactly as sent.
case imap.rfc9051.2.2.1.tag-echoed-exactly
  title "The tagged response repeats a mixed-case tag exactly"
  rfc 9051 2.2.1 MUST
  tags syntax tag
  include imap.greeted
  send "aBc9 NOOP"
  expect line /^aBc9 OK/
end

# Keywords of the grammar are case-insensitive (§9 note 1): "noop" in lower case is NOOP.
case imap.rfc9051.9.command-name-lower-case
  title "A command name in lower case is accepted"
  rfc 9051 9 MUST
  tags syntax case
  include imap.greeted
  command "noop"
  expect tagged OK
end

# The same for a mixed-case command name with arguments (CAPABILITY).
case imap.rfc9051.9.command-name-mixed-case
  title "A command name in mixed case (CaPaBiLiTy) is accepted"
  rfc 9051 9 MUST
  tags syntax case
  include imap.greeted
  command "CaPaBiLiTy"
  expect tagged OK
  expect untagged CAPABILITY
end

# Several commands may be sent without waiting (§5.5); each gets its own tagged response.
case imap.rfc9051.5.5.pipelined-commands-answered
  title "Three pipelined commands are each answered under their tags"
  rfc 9051 5.5 MUST
  tags syntax pipelining
  include imap.greeted
  send "P1 NOOP" "P2 CAPABILITY" "P3 NOOP"
  expect line /^\* CAPABILITY |^P1 OK/ within 2s
  expect line /^\* CAPABILITY |^P1 OK|^P2 OK/ within 2s
  expect line /^\* CAPABILITY |^P2 OK/ within 2s
  expect line /^P3 OK/ within 2s
end

# Arguments: none (CAPABILITY): an extra argument breaks the grammar; the reply is BAD (§2.2.2 and
# §7.1.3). A server that strictly enforces syntax is a SHOULD (§2.2.2).
case imap.rfc9051.2.2.2.capability-extra-argument-bad
  title "CAPABILITY with an argument is answered BAD"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 7.1.3 MUST
  tags syntax errors
  include imap.greeted
  command "CAPABILITY extra"
  expect tagged BAD
end

# NOOP takes no arguments either.
case imap.rfc9051.2.2.2.noop-extra-argument-bad
  title "NOOP with an argument is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags syntax errors
  include imap.greeted
  command "NOOP extra"
  expect tagged BAD
end

# A missing argument: LOGIN with only a user name.
case imap.rfc9051.2.2.2.login-missing-argument-bad
  title "LOGIN with one argument is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags syntax errors login
  include imap.greeted
  command "LOGIN onlyauser"
  expect tagged BAD
end

# Two spaces between tag and command: SP is exactly one space (§9 note 2). Either the command is
# refused with BAD, tagged or untagged (the tag may not be recognised).
case imap.rfc9051.9.double-space-bad
  title "A command with two spaces after the tag is answered BAD"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 9 MUST
  tags syntax errors
  include imap.greeted
  send "D1  NOOP"
  expect line /^(D1|\*) BAD/i
end

# An unterminated quoted string is a syntax error: BAD (tagged, or untagged when the server cannot
# tell which command it was).
case imap.rfc9051.2.2.2.unterminated-quoted-bad
  title "A command with an unterminated quoted string is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags syntax errors quoted
  include imap.greeted
  send "Q1 LOGIN \"abc"
  expect line /^(Q1|\*) BAD/i
end

# An empty line is no command: an untagged BAD (§7.1.3 gives this very example), or a tagged BAD if the
# server thinks it has a tag; closing the connection is a defence the RFC tolerates.
case imap.rfc9051.7.1.3.empty-line-bad
  title "An empty command line is answered BAD"
  rfc 9051 7.1.3 SHOULD
  tags syntax errors
  include imap.greeted
  send ""
  expect line /^\S+ BAD/i within 2s or-closed
end

# A tag alone, no command: BAD.
case imap.rfc9051.7.1.3.tag-without-command-bad
  title "A line with a tag and no command is answered BAD"
  rfc 9051 7.1.3 MUST
  tags syntax errors
  include imap.greeted
  send "T1"
  expect line /^(T1|\*) BAD/i or-closed
end

# "+" is not allowed in a tag (§9): a line starting with "+" is not a command; the server answers BAD.
case imap.rfc9051.9.plus-tag-bad
  title "A command whose tag is + is answered BAD"
  rfc 9051 9 MUST
  rfc 9051 7.1.3 MUST
  tags syntax errors tag
  include imap.greeted
  send "+ NOOP"
  expect line /^(\+|\*) BAD/ or-closed
end

# An unknown command in the authenticated state is also a protocol error: BAD.
case imap.rfc9051.7.1.3.unknown-command-authenticated-bad
  title "An unknown command after login is answered BAD"
  rfc 9051 7.1.3 MUST
  tags errors
  requires login
  include imap.authenticated
  command "XYZZY-${uniq}"
  expect tagged BAD
end
