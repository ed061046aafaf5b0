# RFC 6855 (UTF8=ACCEPT): after ENABLE UTF8=ACCEPT the client may send UTF-8 in quoted strings and
# UTF-8 headers through APPEND's UTF8 data extension; malformed UTF-8 is BAD; without the ENABLE, 8-bit
# headers in a plain APPEND are refused with NO. Every case requires UTF8=ACCEPT (a server advertising
# only UTF8=ONLY implies it but is not matched by the requirement; such servers skip).

# §3 with RFC 5161 §3.1: ENABLE UTF8=ACCEPT is answered ENABLED UTF8=ACCEPT.
case imap.rfc6855.3.enable-utf8-accept
  title "ENABLE UTF8=ACCEPT answers ENABLED UTF8=ACCEPT"
  rfc 6855 3 MUST
  rfc 5161 3.1 MUST
  tags utf8 enable
  requires ext UTF8=ACCEPT
  requires login
  include imap.authenticated
  command "ENABLE UTF8=ACCEPT"
  expect tagged OK
  expect untagged ENABLED /UTF8=ACCEPT/i
end

# §3: after the ENABLE, a quoted string with octets that are not valid UTF-8 is rejected with BAD.
case imap.rfc6855.3.invalid-utf8-quoted-bad
  title "After ENABLE UTF8=ACCEPT, malformed UTF-8 in a quoted string is answered BAD"
  rfc 6855 3 MUST
  tags utf8 errors
  requires ext UTF8=ACCEPT
  requires login
  include imap.authenticated
  command "ENABLE UTF8=ACCEPT"
  need tagged OK
  command "STATUS \"mailspec-\xff\xfe-${uniq}\" (MESSAGES)"
  expect tagged BAD
end

# §3: a server with UTF8=ACCEPT SHOULD accept UTF-8 mailbox names in quoted strings (CREATE of
# "${box}-é").
case imap.rfc6855.3.utf8-mailbox-name
  title "After ENABLE UTF8=ACCEPT, CREATE of a UTF-8 mailbox name completes with OK"
  rfc 6855 3 SHOULD
  tags utf8 mailbox
  requires ext UTF8=ACCEPT
  requires login
  include imap.scratch.empty
  command "ENABLE UTF8=ACCEPT"
  need tagged OK
  command "CREATE \"${box}-\xc3\xa9\""
  expect tagged OK
  cleanup
    connect tidy2
    need greeting
    login
    command "ENABLE UTF8=ACCEPT"
    need tagged OK
    command "DELETE \"${box}-\xc3\xa9\""
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# §4: without ENABLE UTF8=ACCEPT, an APPEND whose message has 8-bit octets in a header is refused NO.
case imap.rfc6855.4.append-8bit-header-without-enable-no
  title "Without ENABLE UTF8=ACCEPT, APPEND of a message with an 8-bit header is answered NO"
  rfc 6855 4 MUST
  tags utf8 append
  requires ext UTF8=ACCEPT
  requires login
  include imap.scratch.empty
  command "APPEND ${box}" literal "From: mailspec@example.org\r\nSubject: caf\xc3\xa9 ${uniq}\r\n\r\nbody\r\n"
  expect tagged NO
  cleanup
    include imap.scratch.drop
  end
end

# §4: after the ENABLE, APPEND with the UTF8 data extension, UTF8 (~{n}), stores a message with a UTF-8
# header. The line is sent by `command`, the literal8's octets by `send-raw`, then ")" ends the command.
case imap.rfc6855.4.append-utf8-data-extension
  title "After ENABLE UTF8=ACCEPT, APPEND with UTF8 (~{n}) completes with OK"
  rfc 6855 4 MUST
  tags utf8 append
  requires ext UTF8=ACCEPT
  requires login
  include imap.scratch.empty
  command "ENABLE UTF8=ACCEPT"
  need tagged OK
  command "APPEND ${box} UTF8 (~{52}"
  need continuation
  send-raw "From: mailspec@example.org\r\nSubject: caf\xc3\xa9\r\n\r\nbody\r\n)\r\n"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end
