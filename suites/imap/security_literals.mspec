# Abusive literals and NUL octets (RFC 9051 §4.3 and §9). A literal's count is a number64 (at most
# 2^63-1, §9); a count outside it, or a negative one, is a syntax error. NUL may appear nowhere but in
# a literal8 (§9 note 3, §4.3.1; CHAR8 excludes it): a command holding one is malformed, and a server
# must never act as if the string ended at the NUL (the C-string truncation bug: "INBOX\0junk" read as
# "INBOX"). Allowed answers: BAD (a protocol-level error, §7.1.5), NO, or closing the connection (a
# defence). A server that accepts the malformed command (OK, or a continuation for an invalid count)
# fails.

# §9: {2^63} is not a number64, so the command is malformed; refusing it at once is the expected
# answer. No server sentence demands the range check, though, and a server that sends the continuation
# request and starts reading (waiting for octets that never come) is not harmed: reported as
# information. The counts that matter for safety are the ones below, which a careless parser misreads.
case imap.rfc9051.4.3.literal-count-2pow63-refused
  title "A literal announced at 2^63 octets (beyond number64) is refused at once"
  rfc 9051 9 MAY
  rfc 9051 4.3 MAY
  tags security literal
  requires login
  include imap.scratch.empty
  command "APPEND ${box} {9223372036854775808}"
  expect tagged BAD|NO within 1500ms or-closed
  cleanup
    include imap.scratch.drop
  end
end

# §9: a count that wraps to 1 in 64-bit arithmetic (2^64 + 1) is refused, not read as {1}.
case imap.rfc9051.4.3.literal-count-wraps-refused
  title "A literal announced at 2^64+1 octets (wraps to 1) is refused"
  rfc 9051 4.3 MUST
  rfc 9051 9 MUST
  tags security literal
  requires login
  include imap.scratch.empty
  command "APPEND ${box} {18446744073709551617}"
  expect tagged BAD|NO within 10s or-closed
  cleanup
    include imap.scratch.drop
  end
end

# §9: a negative count is no number at all.
case imap.rfc9051.4.3.literal-count-negative-refused
  title "A literal announced at -1 octets is refused"
  rfc 9051 4.3 MUST
  rfc 9051 9 MUST
  tags security literal
  requires login
  include imap.scratch.empty
  command "APPEND ${box} {-1}"
  expect tagged BAD|NO within 10s or-closed
  cleanup
    include imap.scratch.drop
  end
end

# §4.3 and RFC 7888 §4: 2^63-1 is a valid count, so a server may send the continuation request and read
# octets until its own limit; refusing at once (NO [TOOBIG], BAD, BYE) is the friendlier choice. Either
# is allowed: a continuation is reported as information. No octets are sent either way.
case imap.rfc9051.4.3.literal-count-max-refused-early
  title "A literal announced at 2^63-1 octets is refused before any octet is sent"
  rfc 9051 4.3 MAY
  rfc 7888 4 MAY
  tags security literal
  requires login
  include imap.scratch.empty
  command "APPEND ${box} {9223372036854775807}"
  expect tagged BAD|NO within 1500ms or-closed
  cleanup
    include imap.scratch.drop
  end
end

# §4.3 with RFC 7888 §3 and §4: a non-synchronizing literal with an invalid count ({2^63+}) can be
# refused at once (BAD, or BYE and close); a server may also just start reading the announced octets,
# as RFC 7888 §4 allows for literals it will reject later. Refusing at once is reported; silence is
# information, not a failure.
case imap.rfc9051.4.3.literal-plus-count-2pow63-refused
  title "A non-synchronizing literal announced at 2^63 octets is refused at once"
  rfc 9051 9 MAY
  rfc 7888 4 MAY
  tags security literal literal-plus
  requires ext LITERAL+
  requires login
  include imap.scratch.empty
  command "APPEND ${box} {9223372036854775808+}"
  expect tagged BAD|NO within 1500ms or-closed
  cleanup
    include imap.scratch.drop
  end
end

# §9 note 3 and §4.3: NUL inside a quoted string is malformed; "INBOX\0x" must not be taken as "INBOX".
# Level: the NUL rule of §9 binds the client that sends it; what binds the server is §2.2.2 ("Servers
# SHOULD strictly enforce the syntax"), so these NUL cases are SHOULD (audit, issue 10 merge).
case imap.rfc9051.9.nul-in-quoted-string
  title "A NUL inside a quoted string is refused, not taken as the end of the string"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 9 MUST
  tags security nul
  requires login
  include imap.authenticated
  command "STATUS \"INBOX\0x\" (MESSAGES)"
  expect tagged BAD|NO within 10s or-closed
end

# §9 (CHAR8 excludes NUL): NUL inside a synchronizing literal is malformed too: EXAMINE {7} "INBOX\0x".
# A continuation request may come first (the count is fine); the refusal follows the octets.
case imap.rfc9051.9.nul-in-literal
  title "A NUL inside a (non-binary) literal is refused, not taken as the end of the string"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 9 MUST
  tags security nul literal
  requires login
  include imap.authenticated
  command "EXAMINE" literal "INBOX\0x"
  expect tagged BAD|NO within 10s or-closed
end

# §9: NUL inside an atom: "EXAMINE INBOX\0x" must not examine INBOX.
case imap.rfc9051.9.nul-in-atom
  title "A NUL inside an atom is refused, not taken as the end of the atom"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 9 MUST
  tags security nul
  requires login
  include imap.authenticated
  command "EXAMINE INBOX\0x"
  expect tagged BAD|NO within 10s or-closed
end

# §4.3.1 and §9: binary data (a string with NUL) may not travel in a normal literal. An APPEND whose
# message literal holds a NUL may be refused (BAD/NO, or a close); a server that takes it anyway must
# keep the whole message, never store it cut off at the NUL: the text after the NUL is still there.
case imap.rfc9051.4.3.1.nul-in-append-literal
  title "APPEND of a message with a NUL in a normal literal is refused or stored whole"
  rfc 9051 2.2.2 SHOULD
  rfc 9051 4.3.1 SHOULD
  rfc 9051 9 MUST
  tags security nul append
  requires login
  include imap.scratch.empty
  command "APPEND ${box}" literal "From: mailspec@example.org\r\nSubject: nul ${uniq}\r\n\r\nbefore\0after\r\n"
  expect tagged OK|BAD|NO within 10s or-closed
  capture status /^${tag} (OK|NO|BAD)\b/i
  if equals "${status}" "OK"
    command "EXAMINE ${box}"
    need tagged OK
    command "FETCH 1 (BODY.PEEK[TEXT])"
    expect tagged OK
    expect untagged FETCH 1 /after/
  end
  cleanup
    include imap.scratch.drop
  end
end
