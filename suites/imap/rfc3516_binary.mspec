# RFC 3516 (BINARY): FETCH BINARY[part] returns a part with its Content-Transfer-Encoding removed
# (in a literal8, ~{n}, when the octets include NUL), BINARY.SIZE its decoded size, BINARY.PEEK leaves
# \Seen alone, an unknown encoding fails with NO [UNKNOWN-CTE], and APPEND takes a literal8. Every case
# requires BINARY. Message 3 of the scratch mailbox has part 2 = base64 of the octets 00 01 ... 09.

# §4.2: BINARY.PEEK[2] of message 3 returns the ten decoded octets; they include NUL, so in a literal8
# of 10 octets (§4.3).
case imap.rfc3516.4.2.binary-decodes-base64
  title "FETCH BINARY.PEEK[2] returns the decoded octets in a literal8 ~{10}"
  rfc 3516 4.2 MUST
  rfc 3516 4.3 MUST
  tags binary fetch
  requires ext BINARY
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BINARY.PEEK[2])"
  expect tagged OK
  expect untagged FETCH 3 /BINARY\[2\] ~\{10\}\r\n\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09/i
  cleanup
    include imap.scratch.drop
  end
end

# §4.2 and §4.3: BINARY.SIZE[2] is the decoded size, 10.
case imap.rfc3516.4.3.binary-size-decoded
  title "FETCH BINARY.SIZE[2] returns the decoded size 10"
  rfc 3516 4.3 MUST
  rfc 3516 4.2 MUST
  tags binary fetch
  requires ext BINARY
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BINARY.SIZE[2])"
  expect tagged OK
  expect untagged FETCH 3 /BINARY\.SIZE\[2\] 10\b/i
  cleanup
    include imap.scratch.drop
  end
end

# §4.3: the size BINARY.SIZE reports equals the size of what BINARY returns (here the text part 1,
# returned as a literal; a quoted string would skip the case at the capture).
case imap.rfc3516.4.3.binary-size-matches-content
  title "BINARY.SIZE[1] equals the length of BINARY[1]"
  rfc 3516 4.3 MUST
  tags binary fetch
  requires ext BINARY
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BINARY.SIZE[1])"
  need tagged OK
  capture size /BINARY\.SIZE\[1\] (\d+)/i
  command "FETCH 3 (BINARY.PEEK[1])"
  need tagged OK
  capture got /BINARY\[1\] ~?\{(\d+)\}/i
  expect equals "${size}" "${got}"
  cleanup
    include imap.scratch.drop
  end
end

# §4.3: decoded data without NUL SHOULD come as a string (literal or quoted), not a literal8.
case imap.rfc3516.4.3.text-part-not-literal8
  title "BINARY[1] of a text part without NUL is a string, not a literal8"
  rfc 3516 4.3 SHOULD
  tags binary fetch
  requires ext BINARY
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BINARY.PEEK[1])"
  expect tagged OK
  expect untagged FETCH 3 /BINARY\[1\] (\{\d+\}|")/i
  cleanup
    include imap.scratch.drop
  end
end

# §4.2: BINARY.PEEK does not set \Seen (message 3 has no flags).
case imap.rfc3516.4.2.binary-peek-keeps-unseen
  title "FETCH BINARY.PEEK does not set \\Seen"
  rfc 3516 4.2 MUST
  tags binary fetch flags
  requires ext BINARY
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BINARY.PEEK[2])"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  need tagged OK
  capture seen /\A(?:[\s\S]*?^(\* 3 FETCH [^\r\n]*\\Seen))?/i
  expect equals "${seen}" ""
  cleanup
    include imap.scratch.drop
  end
end

# §4.2: BINARY (without .PEEK) sets \Seen, as BODY[] does.
case imap.rfc3516.4.2.binary-sets-seen
  title "FETCH BINARY[2] sets \\Seen"
  rfc 3516 4.2 MUST
  tags binary fetch flags
  requires ext BINARY
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BINARY[2])"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /\\Seen/i
  cleanup
    include imap.scratch.drop
  end
end

# A single-part message whose Content-Transfer-Encoding the server cannot know, appended to ${box}
# (then message 4), ${box} selected.
fixture imap.binary.unknown-cte
  include imap.scratch
  command "APPEND ${box} ()" literal "From: mailspec@example.org\r\nSubject: unknown cte\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: x-mailspec-unknown\r\n\r\nabcdef\r\n"
  need tagged OK
  command "SELECT ${box}"
  need tagged OK
end

# §4.2: BINARY of a part in an encoding the server does not know fails with NO [UNKNOWN-CTE].
case imap.rfc3516.4.2.unknown-cte-no
  title "FETCH BINARY of a part with an unknown encoding fails with NO [UNKNOWN-CTE]"
  rfc 3516 4.2 MUST
  tags binary fetch errors
  requires ext BINARY
  requires login
  include imap.binary.unknown-cte
  command "FETCH 4 (BINARY.PEEK[1])"
  expect tagged NO code UNKNOWN-CTE
  cleanup
    include imap.scratch.drop
  end
end

# §4.3: the same for BINARY.SIZE.
case imap.rfc3516.4.3.unknown-cte-size-no
  title "FETCH BINARY.SIZE of a part with an unknown encoding fails with NO [UNKNOWN-CTE]"
  rfc 3516 4.3 MUST
  tags binary fetch errors
  requires ext BINARY
  requires login
  include imap.binary.unknown-cte
  command "FETCH 4 (BINARY.SIZE[1])"
  expect tagged NO code UNKNOWN-CTE
  cleanup
    include imap.scratch.drop
  end
end

# §4.4: APPEND takes the message in a literal8 (~{n}). The server stores it (it may re-encode without
# losing data) or, if the mailbox cannot hold binary content, answers NO [UNKNOWN-CTE]. The engine has
# no literal8 step: the line is sent by `command`, the octets by `send-raw` after the continuation.
case imap.rfc3516.4.4.append-literal8
  title "APPEND with a literal8 is accepted, or refused with NO [UNKNOWN-CTE]"
  rfc 3516 4.4 MUST
  tags binary append literal
  requires ext BINARY
  requires login
  include imap.scratch.empty
  command "APPEND ${box} () ~{160}"
  need continuation
  send-raw "From: mailspec@example.org\r\nSubject: binary append\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n\0\x01\x02\xffbinary\r\n\r\n"
  expect tagged OK|NO
  capture status /^${tag} (OK|NO)\b/i
  if equals "${status}" "NO"
    capture cte /\A(?:[\s\S]*?(\[UNKNOWN-CTE\]))?/i
    expect differs "${cte}" ""
  end
  cleanup
    include imap.scratch.drop
  end
end

# §4.4: whatever encoding the server stores, no data is lost: BINARY[1] of the appended message gives
# back the 12 octets of its body (NUL, 01, 02, FF, "binary", CRLF).
case imap.rfc3516.4.4.append-literal8-round-trip
  title "A message appended in a literal8 gives its binary body back through BINARY"
  rfc 3516 4.4 MUST
  tags binary append literal
  requires ext BINARY
  requires login
  include imap.scratch.empty
  command "APPEND ${box} () ~{160}"
  need continuation
  send-raw "From: mailspec@example.org\r\nSubject: binary append\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n\0\x01\x02\xffbinary\r\n\r\n"
  need tagged OK
  command "EXAMINE ${box}"
  need tagged OK
  command "FETCH 1 (BINARY.PEEK[1])"
  expect tagged OK
  expect untagged FETCH 1 /BINARY\[1\] ~\{12\}\r\n\x00\x01\x02\xFFbinary\r\n/i
  cleanup
    include imap.scratch.drop
  end
end
