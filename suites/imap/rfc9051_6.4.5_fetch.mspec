# RFC 9051 §6.4.5 (FETCH), §6.4.5.1 (section specifications) and §7.5.2 (FETCH response): every data item
# and macro on the three known messages of the scratch mailbox (fixtures.mspec; exact values computed from
# messages/*.eml), partial fetches, \Seen set by BODY[] and left alone by BODY.PEEK[], UID FETCH, and BINARY
# (RFC 3516) where advertised. Strings may come quoted or as literals; atoms and MIME type names in any case.

# FLAGS lists the flags set on the message: message 2 was appended with \Flagged only (\Recent may be added by an IMAP4rev1 server).
case imap.rfc9051.6.4.5.flags
  title "FETCH FLAGS returns the message's flags"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch flags
  requires login
  include imap.scratch.selected
  command "FETCH 2 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 2 /FLAGS \((?:\\Recent ?)?\\Flagged(?: \\Recent)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Message 3 was appended with no flags: its FLAGS list is empty (or holds \Recent alone on an IMAP4rev1 server).
case imap.rfc9051.6.4.5.flags-empty
  title "FETCH FLAGS of a message without flags is an empty list"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch flags
  requires login
  include imap.scratch.selected
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \((?:\\Recent)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# The internal date of a message appended with a date-time should be that date-time: message 2 was
# appended at 02-Jan-2024 11:30:00 +0100; the server may show the same instant in any zone.
case imap.rfc9051.6.4.5.internaldate
  title "FETCH INTERNALDATE returns the date given at APPEND"
  rfc 9051 6.3.12 SHOULD
  rfc 9051 6.4.5 MUST
  tags fetch internaldate
  requires login
  include imap.scratch.selected
  command "FETCH 2 (INTERNALDATE)"
  expect tagged OK
  expect untagged FETCH 2 /INTERNALDATE "(?:(?:1| 1|01)-Jan-2024 22:30:00 -1200|(?:1| 1|01)-Jan-2024 22:45:00 -1145|(?:1| 1|01)-Jan-2024 23:00:00 -1130|(?:1| 1|01)-Jan-2024 23:15:00 -1115|(?:1| 1|01)-Jan-2024 23:30:00 -1100|(?:1| 1|01)-Jan-2024 23:45:00 -1045|(?:2| 2|02)-Jan-2024 00:00:00 -1030|(?:2| 2|02)-Jan-2024 00:15:00 -1015|(?:2| 2|02)-Jan-2024 00:30:00 -1000|(?:2| 2|02)-Jan-2024 00:45:00 -0945|(?:2| 2|02)-Jan-2024 01:00:00 -0930|(?:2| 2|02)-Jan-2024 01:15:00 -0915|(?:2| 2|02)-Jan-2024 01:30:00 -0900|(?:2| 2|02)-Jan-2024 01:45:00 -0845|(?:2| 2|02)-Jan-2024 02:00:00 -0830|(?:2| 2|02)-Jan-2024 02:15:00 -0815|(?:2| 2|02)-Jan-2024 02:30:00 -0800|(?:2| 2|02)-Jan-2024 02:45:00 -0745|(?:2| 2|02)-Jan-2024 03:00:00 -0730|(?:2| 2|02)-Jan-2024 03:15:00 -0715|(?:2| 2|02)-Jan-2024 03:30:00 -0700|(?:2| 2|02)-Jan-2024 03:45:00 -0645|(?:2| 2|02)-Jan-2024 04:00:00 -0630|(?:2| 2|02)-Jan-2024 04:15:00 -0615|(?:2| 2|02)-Jan-2024 04:30:00 -0600|(?:2| 2|02)-Jan-2024 04:45:00 -0545|(?:2| 2|02)-Jan-2024 05:00:00 -0530|(?:2| 2|02)-Jan-2024 05:15:00 -0515|(?:2| 2|02)-Jan-2024 05:30:00 -0500|(?:2| 2|02)-Jan-2024 05:45:00 -0445|(?:2| 2|02)-Jan-2024 06:00:00 -0430|(?:2| 2|02)-Jan-2024 06:15:00 -0415|(?:2| 2|02)-Jan-2024 06:30:00 -0400|(?:2| 2|02)-Jan-2024 06:45:00 -0345|(?:2| 2|02)-Jan-2024 07:00:00 -0330|(?:2| 2|02)-Jan-2024 07:15:00 -0315|(?:2| 2|02)-Jan-2024 07:30:00 -0300|(?:2| 2|02)-Jan-2024 07:45:00 -0245|(?:2| 2|02)-Jan-2024 08:00:00 -0230|(?:2| 2|02)-Jan-2024 08:15:00 -0215|(?:2| 2|02)-Jan-2024 08:30:00 -0200|(?:2| 2|02)-Jan-2024 08:45:00 -0145|(?:2| 2|02)-Jan-2024 09:00:00 -0130|(?:2| 2|02)-Jan-2024 09:15:00 -0115|(?:2| 2|02)-Jan-2024 09:30:00 -0100|(?:2| 2|02)-Jan-2024 09:45:00 -0045|(?:2| 2|02)-Jan-2024 10:00:00 -0030|(?:2| 2|02)-Jan-2024 10:15:00 -0015|(?:2| 2|02)-Jan-2024 10:30:00 \+0000|(?:2| 2|02)-Jan-2024 10:45:00 \+0015|(?:2| 2|02)-Jan-2024 11:00:00 \+0030|(?:2| 2|02)-Jan-2024 11:15:00 \+0045|(?:2| 2|02)-Jan-2024 11:30:00 \+0100|(?:2| 2|02)-Jan-2024 11:45:00 \+0115|(?:2| 2|02)-Jan-2024 12:00:00 \+0130|(?:2| 2|02)-Jan-2024 12:15:00 \+0145|(?:2| 2|02)-Jan-2024 12:30:00 \+0200|(?:2| 2|02)-Jan-2024 12:45:00 \+0215|(?:2| 2|02)-Jan-2024 13:00:00 \+0230|(?:2| 2|02)-Jan-2024 13:15:00 \+0245|(?:2| 2|02)-Jan-2024 13:30:00 \+0300|(?:2| 2|02)-Jan-2024 13:45:00 \+0315|(?:2| 2|02)-Jan-2024 14:00:00 \+0330|(?:2| 2|02)-Jan-2024 14:15:00 \+0345|(?:2| 2|02)-Jan-2024 14:30:00 \+0400|(?:2| 2|02)-Jan-2024 14:45:00 \+0415|(?:2| 2|02)-Jan-2024 15:00:00 \+0430|(?:2| 2|02)-Jan-2024 15:15:00 \+0445|(?:2| 2|02)-Jan-2024 15:30:00 \+0500|(?:2| 2|02)-Jan-2024 15:45:00 \+0515|(?:2| 2|02)-Jan-2024 16:00:00 \+0530|(?:2| 2|02)-Jan-2024 16:15:00 \+0545|(?:2| 2|02)-Jan-2024 16:30:00 \+0600|(?:2| 2|02)-Jan-2024 16:45:00 \+0615|(?:2| 2|02)-Jan-2024 17:00:00 \+0630|(?:2| 2|02)-Jan-2024 17:15:00 \+0645|(?:2| 2|02)-Jan-2024 17:30:00 \+0700|(?:2| 2|02)-Jan-2024 17:45:00 \+0715|(?:2| 2|02)-Jan-2024 18:00:00 \+0730|(?:2| 2|02)-Jan-2024 18:15:00 \+0745|(?:2| 2|02)-Jan-2024 18:30:00 \+0800|(?:2| 2|02)-Jan-2024 18:45:00 \+0815|(?:2| 2|02)-Jan-2024 19:00:00 \+0830|(?:2| 2|02)-Jan-2024 19:15:00 \+0845|(?:2| 2|02)-Jan-2024 19:30:00 \+0900|(?:2| 2|02)-Jan-2024 19:45:00 \+0915|(?:2| 2|02)-Jan-2024 20:00:00 \+0930|(?:2| 2|02)-Jan-2024 20:15:00 \+0945|(?:2| 2|02)-Jan-2024 20:30:00 \+1000|(?:2| 2|02)-Jan-2024 20:45:00 \+1015|(?:2| 2|02)-Jan-2024 21:00:00 \+1030|(?:2| 2|02)-Jan-2024 21:15:00 \+1045|(?:2| 2|02)-Jan-2024 21:30:00 \+1100|(?:2| 2|02)-Jan-2024 21:45:00 \+1115|(?:2| 2|02)-Jan-2024 22:00:00 \+1130|(?:2| 2|02)-Jan-2024 22:15:00 \+1145|(?:2| 2|02)-Jan-2024 22:30:00 \+1200|(?:2| 2|02)-Jan-2024 22:45:00 \+1215|(?:2| 2|02)-Jan-2024 23:00:00 \+1230|(?:2| 2|02)-Jan-2024 23:15:00 \+1245|(?:2| 2|02)-Jan-2024 23:30:00 \+1300|(?:2| 2|02)-Jan-2024 23:45:00 \+1315|(?:3| 3|03)-Jan-2024 00:00:00 \+1330|(?:3| 3|03)-Jan-2024 00:15:00 \+1345|(?:3| 3|03)-Jan-2024 00:30:00 \+1400)"/i
  cleanup
    include imap.scratch.drop
  end
end

# Message 3 was appended at 03-Jan-2024 12:00:00 -0500: the same instant, in the server's choice of zone.
case imap.rfc9051.6.4.5.internaldate-negative-zone
  title "FETCH INTERNALDATE keeps the instant of a date with a negative zone"
  rfc 9051 6.3.12 SHOULD
  rfc 9051 6.4.5 MUST
  tags fetch internaldate
  requires login
  include imap.scratch.selected
  command "FETCH 3 (INTERNALDATE)"
  expect tagged OK
  expect untagged FETCH 3 /INTERNALDATE "(?:(?:3| 3|03)-Jan-2024 05:00:00 -1200|(?:3| 3|03)-Jan-2024 05:15:00 -1145|(?:3| 3|03)-Jan-2024 05:30:00 -1130|(?:3| 3|03)-Jan-2024 05:45:00 -1115|(?:3| 3|03)-Jan-2024 06:00:00 -1100|(?:3| 3|03)-Jan-2024 06:15:00 -1045|(?:3| 3|03)-Jan-2024 06:30:00 -1030|(?:3| 3|03)-Jan-2024 06:45:00 -1015|(?:3| 3|03)-Jan-2024 07:00:00 -1000|(?:3| 3|03)-Jan-2024 07:15:00 -0945|(?:3| 3|03)-Jan-2024 07:30:00 -0930|(?:3| 3|03)-Jan-2024 07:45:00 -0915|(?:3| 3|03)-Jan-2024 08:00:00 -0900|(?:3| 3|03)-Jan-2024 08:15:00 -0845|(?:3| 3|03)-Jan-2024 08:30:00 -0830|(?:3| 3|03)-Jan-2024 08:45:00 -0815|(?:3| 3|03)-Jan-2024 09:00:00 -0800|(?:3| 3|03)-Jan-2024 09:15:00 -0745|(?:3| 3|03)-Jan-2024 09:30:00 -0730|(?:3| 3|03)-Jan-2024 09:45:00 -0715|(?:3| 3|03)-Jan-2024 10:00:00 -0700|(?:3| 3|03)-Jan-2024 10:15:00 -0645|(?:3| 3|03)-Jan-2024 10:30:00 -0630|(?:3| 3|03)-Jan-2024 10:45:00 -0615|(?:3| 3|03)-Jan-2024 11:00:00 -0600|(?:3| 3|03)-Jan-2024 11:15:00 -0545|(?:3| 3|03)-Jan-2024 11:30:00 -0530|(?:3| 3|03)-Jan-2024 11:45:00 -0515|(?:3| 3|03)-Jan-2024 12:00:00 -0500|(?:3| 3|03)-Jan-2024 12:15:00 -0445|(?:3| 3|03)-Jan-2024 12:30:00 -0430|(?:3| 3|03)-Jan-2024 12:45:00 -0415|(?:3| 3|03)-Jan-2024 13:00:00 -0400|(?:3| 3|03)-Jan-2024 13:15:00 -0345|(?:3| 3|03)-Jan-2024 13:30:00 -0330|(?:3| 3|03)-Jan-2024 13:45:00 -0315|(?:3| 3|03)-Jan-2024 14:00:00 -0300|(?:3| 3|03)-Jan-2024 14:15:00 -0245|(?:3| 3|03)-Jan-2024 14:30:00 -0230|(?:3| 3|03)-Jan-2024 14:45:00 -0215|(?:3| 3|03)-Jan-2024 15:00:00 -0200|(?:3| 3|03)-Jan-2024 15:15:00 -0145|(?:3| 3|03)-Jan-2024 15:30:00 -0130|(?:3| 3|03)-Jan-2024 15:45:00 -0115|(?:3| 3|03)-Jan-2024 16:00:00 -0100|(?:3| 3|03)-Jan-2024 16:15:00 -0045|(?:3| 3|03)-Jan-2024 16:30:00 -0030|(?:3| 3|03)-Jan-2024 16:45:00 -0015|(?:3| 3|03)-Jan-2024 17:00:00 \+0000|(?:3| 3|03)-Jan-2024 17:15:00 \+0015|(?:3| 3|03)-Jan-2024 17:30:00 \+0030|(?:3| 3|03)-Jan-2024 17:45:00 \+0045|(?:3| 3|03)-Jan-2024 18:00:00 \+0100|(?:3| 3|03)-Jan-2024 18:15:00 \+0115|(?:3| 3|03)-Jan-2024 18:30:00 \+0130|(?:3| 3|03)-Jan-2024 18:45:00 \+0145|(?:3| 3|03)-Jan-2024 19:00:00 \+0200|(?:3| 3|03)-Jan-2024 19:15:00 \+0215|(?:3| 3|03)-Jan-2024 19:30:00 \+0230|(?:3| 3|03)-Jan-2024 19:45:00 \+0245|(?:3| 3|03)-Jan-2024 20:00:00 \+0300|(?:3| 3|03)-Jan-2024 20:15:00 \+0315|(?:3| 3|03)-Jan-2024 20:30:00 \+0330|(?:3| 3|03)-Jan-2024 20:45:00 \+0345|(?:3| 3|03)-Jan-2024 21:00:00 \+0400|(?:3| 3|03)-Jan-2024 21:15:00 \+0415|(?:3| 3|03)-Jan-2024 21:30:00 \+0430|(?:3| 3|03)-Jan-2024 21:45:00 \+0445|(?:3| 3|03)-Jan-2024 22:00:00 \+0500|(?:3| 3|03)-Jan-2024 22:15:00 \+0515|(?:3| 3|03)-Jan-2024 22:30:00 \+0530|(?:3| 3|03)-Jan-2024 22:45:00 \+0545|(?:3| 3|03)-Jan-2024 23:00:00 \+0600|(?:3| 3|03)-Jan-2024 23:15:00 \+0615|(?:3| 3|03)-Jan-2024 23:30:00 \+0630|(?:3| 3|03)-Jan-2024 23:45:00 \+0645|(?:4| 4|04)-Jan-2024 00:00:00 \+0700|(?:4| 4|04)-Jan-2024 00:15:00 \+0715|(?:4| 4|04)-Jan-2024 00:30:00 \+0730|(?:4| 4|04)-Jan-2024 00:45:00 \+0745|(?:4| 4|04)-Jan-2024 01:00:00 \+0800|(?:4| 4|04)-Jan-2024 01:15:00 \+0815|(?:4| 4|04)-Jan-2024 01:30:00 \+0830|(?:4| 4|04)-Jan-2024 01:45:00 \+0845|(?:4| 4|04)-Jan-2024 02:00:00 \+0900|(?:4| 4|04)-Jan-2024 02:15:00 \+0915|(?:4| 4|04)-Jan-2024 02:30:00 \+0930|(?:4| 4|04)-Jan-2024 02:45:00 \+0945|(?:4| 4|04)-Jan-2024 03:00:00 \+1000|(?:4| 4|04)-Jan-2024 03:15:00 \+1015|(?:4| 4|04)-Jan-2024 03:30:00 \+1030|(?:4| 4|04)-Jan-2024 03:45:00 \+1045|(?:4| 4|04)-Jan-2024 04:00:00 \+1100|(?:4| 4|04)-Jan-2024 04:15:00 \+1115|(?:4| 4|04)-Jan-2024 04:30:00 \+1130|(?:4| 4|04)-Jan-2024 04:45:00 \+1145|(?:4| 4|04)-Jan-2024 05:00:00 \+1200|(?:4| 4|04)-Jan-2024 05:15:00 \+1215|(?:4| 4|04)-Jan-2024 05:30:00 \+1230|(?:4| 4|04)-Jan-2024 05:45:00 \+1245|(?:4| 4|04)-Jan-2024 06:00:00 \+1300|(?:4| 4|04)-Jan-2024 06:15:00 \+1315|(?:4| 4|04)-Jan-2024 06:30:00 \+1330|(?:4| 4|04)-Jan-2024 06:45:00 \+1345|(?:4| 4|04)-Jan-2024 07:00:00 \+1400)"/i
  cleanup
    include imap.scratch.drop
  end
end

# RFC822.SIZE is the number of octets of the message as FETCH BODY[] returns it: 295 for message 1.
case imap.rfc9051.6.4.5.rfc822-size
  title "FETCH RFC822.SIZE is the exact size of the message"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  rfc 9051 2.3.4 MUST
  tags fetch size
  requires login
  include imap.scratch.selected
  command "FETCH 1 (RFC822.SIZE)"
  expect tagged OK
  expect untagged FETCH 1 /RFC822\.SIZE 295\b/i
  cleanup
    include imap.scratch.drop
  end
end

# The multipart message 3 is 604 octets (CRLF line ends counted as two octets).
case imap.rfc9051.6.4.5.rfc822-size-multipart
  title "FETCH RFC822.SIZE of the multipart message"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  rfc 9051 2.3.4 MUST
  tags fetch size
  requires login
  include imap.scratch.selected
  command "FETCH 3 (RFC822.SIZE)"
  expect tagged OK
  expect untagged FETCH 3 /RFC822\.SIZE 604\b/i
  cleanup
    include imap.scratch.drop
  end
end

# UID returns the message's unique identifier, a non-zero number.
case imap.rfc9051.6.4.5.uid
  title "FETCH UID returns a number"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch uid
  requires login
  include imap.scratch.selected
  command "FETCH 1 (UID)"
  expect tagged OK
  expect untagged FETCH 1 /UID [1-9]\d*\b/i
  cleanup
    include imap.scratch.drop
  end
end

# ENVELOPE lists date, subject, from, sender, reply-to, to, cc, bcc, in-reply-to and message-id in that
# order; sender and reply-to, absent from the header, repeat from; absent cc, bcc and in-reply-to are NIL.
case imap.rfc9051.6.4.5.envelope
  title "FETCH ENVELOPE of a simple message"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch envelope
  requires login
  include imap.scratch.selected
  command "FETCH 1 (ENVELOPE)"
  expect tagged OK
  expect untagged FETCH 1 /ENVELOPE \("Mon, 01 Jan 2024 10:00:00 \+0000" "mailspec plain one" \(\("Alice Example" NIL "alice" "example\.test"\)\) \(\("Alice Example" NIL "alice" "example\.test"\)\) \(\("Alice Example" NIL "alice" "example\.test"\)\) \(\("Bob Example" NIL "bob" "example\.test"\)\) NIL NIL NIL "<plain-one@mailspec\.test>"\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Message 2: two To addresses (one with a display name, one without: name NIL), one Cc, and the
# In-Reply-To field in its place before the Message-ID.
case imap.rfc9051.6.4.5.envelope-several-addresses
  title "FETCH ENVELOPE with two To addresses, a Cc and In-Reply-To"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch envelope
  requires login
  include imap.scratch.selected
  command "FETCH 2 (ENVELOPE)"
  expect tagged OK
  expect untagged FETCH 2 /ENVELOPE \("Tue, 02 Jan 2024 11:30:00 \+0100" "mailspec plain two" \(\("Bob Example" NIL "bob" "example\.test"\)\) \(\("Bob Example" NIL "bob" "example\.test"\)\) \(\("Bob Example" NIL "bob" "example\.test"\)\) \(\("Alice Example" NIL "alice" "example\.test"\) ?\(NIL NIL "carol" "example\.test"\)\) \(\(NIL NIL "dave" "example\.test"\)\) NIL "<plain-one@mailspec\.test>" "<plain-two@mailspec\.test>"\)/i
  cleanup
    include imap.scratch.drop
  end
end

# The envelope of message 3 comes from its top-level header only.
case imap.rfc9051.6.4.5.envelope-multipart
  title "FETCH ENVELOPE of the multipart message"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch envelope
  requires login
  include imap.scratch.selected
  command "FETCH 3 (ENVELOPE)"
  expect tagged OK
  expect untagged FETCH 3 /ENVELOPE \("Wed, 03 Jan 2024 12:00:00 -0500" "mailspec multipart three" \(\("Carol Example" NIL "carol" "example\.test"\)\) \(\("Carol Example" NIL "carol" "example\.test"\)\) \(\("Carol Example" NIL "carol" "example\.test"\)\) \(\(NIL NIL "alice" "example\.test"\)\) NIL NIL NIL "<multipart-three@mailspec\.test>"\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Message 3 is multipart/mixed with a text/plain part (35 octets; 0 or 1 lines, the last line has no CRLF
# of its own) and a base64 application/octet-stream part (16 octets), then the subtype and, optionally,
# extension data in the defined order (boundary parameter, disposition, language, location).
case imap.rfc9051.6.4.5.bodystructure-multipart
  title "FETCH BODYSTRUCTURE of a multipart/mixed message"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch bodystructure mime
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 3 /BODYSTRUCTURE \(\("text" "plain" \("charset" "us-ascii"\) NIL NIL "7bit" 35 (?:0|1)(?: NIL(?: NIL(?: NIL(?: NIL)?)?)?)?\) ?\("application" "octet-stream" \("name" "data\.bin"\) NIL NIL "base64" 16(?: NIL(?: \("attachment" \("filename" "data\.bin"\)\)(?: NIL(?: NIL)?)?)?)?\) "mixed"(?: \("boundary" "mailspec-boundary"\)(?: NIL(?: NIL(?: NIL)?)?)?)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# BODY is BODYSTRUCTURE without extension data: after each part's basic fields and the subtype, nothing follows.
case imap.rfc9051.6.4.5.body-non-extensible
  title "FETCH BODY has no extension data"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch body mime
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODY)"
  expect tagged OK
  expect untagged FETCH 3 /BODY \(\("text" "plain" \("charset" "us-ascii"\) NIL NIL "7bit" 35 (?:0|1)\) ?\("application" "octet-stream" \("name" "data\.bin"\) NIL NIL "base64" 16\) "mixed"\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Message 1 is text/plain; charset=us-ascii, 7bit (no Content-Transfer-Encoding field), 45 octets in 2 lines.
case imap.rfc9051.6.4.5.bodystructure-text
  title "FETCH BODYSTRUCTURE of a text/plain message"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch bodystructure mime
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 1 /BODYSTRUCTURE \("text" "plain" \("charset" "us-ascii"\) NIL NIL "7bit" 45 (?:2)(?: NIL(?: NIL(?: NIL(?: NIL)?)?)?)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Message 2 is text/plain; charset=utf-8 with Content-Transfer-Encoding 8bit, 46 octets in 1 line.
case imap.rfc9051.6.4.5.bodystructure-8bit
  title "FETCH BODYSTRUCTURE reports an 8bit UTF-8 body"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch bodystructure mime
  requires login
  include imap.scratch.selected
  command "FETCH 2 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 2 /BODYSTRUCTURE \("text" "plain" \("charset" "utf-8"\) NIL NIL "8bit" 46 (?:1)(?: NIL(?: NIL(?: NIL(?: NIL)?)?)?)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Extension data may be left out, so this is a choice (info): a server that sends it gives the attachment
# part's disposition ("attachment" ("filename" "data.bin")) after the MD5 field.
case imap.rfc9051.6.4.5.bodystructure-disposition
  title "FETCH BODYSTRUCTURE carries the Content-Disposition as extension data"
  rfc 9051 7.5.2 MAY
  tags fetch bodystructure mime
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 3 /"base64" 16 NIL \("attachment" \("filename" "data\.bin"\)\)/i
  cleanup
    include imap.scratch.drop
  end
end

# An empty section is the whole message, header included: the 295 octets of message 1 as appended.
case imap.rfc9051.6.4.5.body-peek-whole
  title "FETCH BODY.PEEK[] returns the whole message exactly"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch body-section
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[\] (?:\{295\}\r\nFrom: Alice Example <alice@example\.test>\r\nTo: Bob Example <bob@example\.test>\r\nSubject: mailspec plain one\r\nDate: Mon, 01 Jan 2024 10:00:00 \+0000\r\nMessage-ID: <plain-one@mailspec\.test>\r\nMIME-Version: 1\.0\r\nContent-Type: text\/plain; charset=us-ascii\r\n\r\nThe first known message\.\r\nIt has two lines\.\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# HEADER is the RFC 5322 header of the message, including the blank line that ends it.
case imap.rfc9051.6.4.5.body-header
  title "FETCH BODY.PEEK[HEADER] returns the header with its blank line"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[HEADER])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[HEADER\] (?:\{250\}\r\nFrom: Alice Example <alice@example\.test>\r\nTo: Bob Example <bob@example\.test>\r\nSubject: mailspec plain one\r\nDate: Mon, 01 Jan 2024 10:00:00 \+0000\r\nMessage-ID: <plain-one@mailspec\.test>\r\nMIME-Version: 1\.0\r\nContent-Type: text\/plain; charset=us-ascii\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# TEXT is the body of the message, the header left out.
case imap.rfc9051.6.4.5.body-text
  title "FETCH BODY.PEEK[TEXT] returns the body without the header"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[TEXT])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[TEXT\] (?:\{45\}\r\nThe first known message\.\r\nIt has two lines\.\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# HEADER.FIELDS returns only the fields named, then the blank line: `Subject: mailspec plain one` CRLF CRLF.
case imap.rfc9051.6.4.5.header-fields
  title "FETCH BODY.PEEK[HEADER.FIELDS (SUBJECT)] returns that field and the blank line"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section header-fields
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[HEADER\.FIELDS \("?SUBJECT"?\)\] (?:\{31\}\r\nSubject: mailspec plain one\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# Field-name matching is ASCII case-insensitive: (subject) selects the `Subject:` field.
case imap.rfc9051.6.4.5.header-fields-case-insensitive
  title "HEADER.FIELDS matches field names case-insensitively"
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section header-fields case
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[HEADER.FIELDS (subject)])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[HEADER\.FIELDS \("?subject"?\)\] (?:\{31\}\r\nSubject: mailspec plain one\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# (FROM DATE) returns the From and Date fields of message 1 and the blank line; the fields may come in
# the message's order or in the order asked.
case imap.rfc9051.6.4.5.header-fields-several
  title "HEADER.FIELDS with two names returns both fields"
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section header-fields
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[HEADER.FIELDS (FROM DATE)])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[HEADER\.FIELDS \("?FROM"? "?DATE"?\)\] (?:(?:\{83\}\r\nFrom: Alice Example <alice@example\.test>\r\nDate: Mon, 01 Jan 2024 10:00:00 \+0000\r\n\r\n)|(?:\{83\}\r\nDate: Mon, 01 Jan 2024 10:00:00 \+0000\r\nFrom: Alice Example <alice@example\.test>\r\n\r\n))/i
  cleanup
    include imap.scratch.drop
  end
end

# HEADER.FIELDS.NOT leaves out the named fields: naming all but To leaves `To: Bob Example <bob@example.test>` and the blank line.
case imap.rfc9051.6.4.5.header-fields-not
  title "HEADER.FIELDS.NOT returns the other fields"
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section header-fields
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[HEADER.FIELDS.NOT (FROM SUBJECT DATE MESSAGE-ID MIME-VERSION CONTENT-TYPE)])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[HEADER\.FIELDS\.NOT \("?FROM"? "?SUBJECT"? "?DATE"? "?MESSAGE-ID"? "?MIME-VERSION"? "?CONTENT-TYPE"?\)\] (?:\{38\}\r\nTo: Bob Example <bob@example\.test>\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# Subsetting keeps the blank line: asking for a field the message lacks returns CRLF alone (2 octets).
case imap.rfc9051.6.4.5.header-fields-absent
  title "HEADER.FIELDS of an absent field returns just the blank line"
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section header-fields
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[HEADER.FIELDS (X-MAILSPEC-ABSENT)])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[HEADER\.FIELDS \("?X-MAILSPEC-ABSENT"?\)\] (?:\{2\}\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# A message that is not multipart has exactly one part, 1: its body (the same octets as TEXT).
case imap.rfc9051.6.4.5.part-1-of-single-part
  title "BODY[1] of a non-multipart message is its body"
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[1])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[1\] (?:\{45\}\r\nThe first known message\.\r\nIt has two lines\.\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# Part 1 of message 3 is the body of its text part, without the part's MIME header and without the CRLF before the boundary.
case imap.rfc9051.6.4.5.part-1-of-multipart
  title "BODY[1] of a multipart message is its first part"
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section mime
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODY.PEEK[1])"
  expect tagged OK
  expect untagged FETCH 3 /BODY\[1\] (?:\{35\}\r\nThe text part of the third message\.|"The text part of the third message\.")/i
  cleanup
    include imap.scratch.drop
  end
end

# BODY[section] returns the part in its transfer encoding: the base64 text of part 2, not the decoded octets.
case imap.rfc9051.6.4.5.part-2-not-decoded
  title "BODY[2] returns a base64 part as it is, not decoded"
  rfc 9051 6.4.5.1 MUST
  rfc 9051 6.4.5 MUST
  tags fetch body-section mime
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODY.PEEK[2])"
  expect tagged OK
  expect untagged FETCH 3 /BODY\[2\] (?:\{16\}\r\nAAECAwQFBgcICQ==|"AAECAwQFBgcICQ==")/i
  cleanup
    include imap.scratch.drop
  end
end

# The MIME specifier is the part's own header, with its blank line.
case imap.rfc9051.6.4.5.part-mime-header
  title "BODY[1.MIME] returns the part's MIME header"
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section mime
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODY.PEEK[1.MIME])"
  expect tagged OK
  expect untagged FETCH 3 /BODY\[1\.MIME\] (?:\{46\}\r\nContent-Type: text\/plain; charset=us-ascii\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# Part 2 has three header fields (type, transfer encoding, disposition); BODY[2.MIME] returns all three and the blank line.
case imap.rfc9051.6.4.5.part-mime-header-several-fields
  title "BODY[2.MIME] returns every field of the part's header"
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section mime
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODY.PEEK[2.MIME])"
  expect tagged OK
  expect untagged FETCH 3 /BODY\[2\.MIME\] (?:\{148\}\r\nContent-Type: application\/octet-stream; name="data\.bin"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="data\.bin"\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# TEXT is everything after the top-level header: the preamble, the boundaries and both parts, 604 minus the header.
case imap.rfc9051.6.4.5.text-of-multipart
  title "BODY[TEXT] of a multipart message includes preamble and boundaries"
  rfc 9051 6.4.5.1 MUST
  tags fetch body-section mime
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODY.PEEK[TEXT])"
  expect tagged OK
  expect untagged FETCH 3 /BODY\[TEXT\] (?:\{337\}\r\nThis is the preamble\.\r\n--mailspec-boundary\r\nContent-Type: text\/plain; charset=us-ascii\r\n\r\nThe text part of the third message\.\r\n--mailspec-boundary\r\nContent-Type: application\/octet-stream; name="data\.bin"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="data\.bin"\r\n\r\nAAECAwQFBgcICQ==\r\n--mailspec-boundary--\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# BODY.PEEK[]<0.10> returns the first 10 octets, labelled BODY[]<0>.
case imap.rfc9051.6.4.5.partial-from-zero
  title "A partial fetch from octet 0 is answered as a partial fetch"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch partial
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[]<0.10>)"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[\]<0> (?:\{10\}\r\nFrom: Alic|"From: Alic")/i
  cleanup
    include imap.scratch.drop
  end
end

# BODY.PEEK[TEXT]<4.5> returns octets 4 to 8 of the body of message 1 (`first`), labelled <4>.
case imap.rfc9051.6.4.5.partial-middle
  title "A partial fetch returns the octets asked for"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch partial
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[TEXT]<4.5>)"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[TEXT\]<4> (?:\{5\}\r\nfirst|"first")/i
  cleanup
    include imap.scratch.drop
  end
end

# Asking 100 octets from octet 290 of a 295-octet message returns the last 5 octets.
case imap.rfc9051.6.4.5.partial-truncated
  title "A partial fetch past the end is truncated"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch partial
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[]<290.100>)"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[\]<290> (?:\{5\}\r\nes\.\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# When the first octet asked for is beyond the end of the text, the value is the empty string.
case imap.rfc9051.6.4.5.partial-beyond-end-empty
  title "A partial fetch starting past the end returns an empty string"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch partial
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[]<1000.10>)"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[\]<1000> (?:""|\{0\}\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# A partial fetch from 0 that covers the whole message is returned as BODY[]<0> with all 295 octets, not as BODY[].
case imap.rfc9051.6.4.5.partial-whole-stays-partial
  title "BODY[]<0.N> with N over the size is still labelled <0>"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch partial
  requires login
  include imap.scratch.selected
  command "FETCH 1 (BODY.PEEK[]<0.2048>)"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[\]<0> (?:\{295\}\r\nFrom: Alice Example <alice@example\.test>\r\nTo: Bob Example <bob@example\.test>\r\nSubject: mailspec plain one\r\nDate: Mon, 01 Jan 2024 10:00:00 \+0000\r\nMessage-ID: <plain-one@mailspec\.test>\r\nMIME-Version: 1\.0\r\nContent-Type: text\/plain; charset=us-ascii\r\n\r\nThe first known message\.\r\nIt has two lines\.\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# Fetching BODY[] (not PEEK) sets \Seen implicitly: message 3 has it afterwards.
case imap.rfc9051.6.4.5.body-sets-seen
  title "FETCH BODY[] sets \\Seen"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch seen
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODY[])"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \([^)]*\\Seen/i
  cleanup
    include imap.scratch.drop
  end
end

# Every BODY[section] form, a header section included, sets \Seen; only BODY.PEEK does not.
case imap.rfc9051.6.4.5.body-header-sets-seen
  title "FETCH BODY[HEADER] sets \\Seen too"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch seen
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODY[HEADER])"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \([^)]*\\Seen/i
  cleanup
    include imap.scratch.drop
  end
end

# When BODY[] changes the flags, the new FLAGS should be part of the FETCH response.
case imap.rfc9051.6.4.5.body-seen-reported
  title "The FETCH that sets \\Seen reports the new flags"
  rfc 9051 6.4.5 SHOULD
  tags fetch seen
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODY[TEXT])"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \([^)]*\\Seen/i
  cleanup
    include imap.scratch.drop
  end
end

# BODY.PEEK[] is BODY[] without setting \Seen: message 3 stays unseen.
case imap.rfc9051.6.4.5.peek-keeps-unseen
  title "FETCH BODY.PEEK[] leaves \\Seen unset"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch seen peek
  requires login
  include imap.scratch.selected
  command "FETCH 3 (BODY.PEEK[])"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \((?![^)]*\\Seen)[^)]*\)/i
  cleanup
    include imap.scratch.drop
  end
end

# The ALL macro returns flags, internal date, size and envelope.
case imap.rfc9051.6.4.5.macro-all
  title "FETCH ALL is FLAGS INTERNALDATE RFC822.SIZE ENVELOPE"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch macro
  requires login
  include imap.scratch.selected
  command "FETCH 1 ALL"
  expect tagged OK
  expect untagged FETCH 1 /\A(?=.*FLAGS \()(?=.*INTERNALDATE \")(?=.*RFC822\.SIZE 295\b)(?=.*ENVELOPE \()/i
  cleanup
    include imap.scratch.drop
  end
end

# The FAST macro returns flags, internal date and size, and no envelope or body structure.
case imap.rfc9051.6.4.5.macro-fast
  title "FETCH FAST is FLAGS INTERNALDATE RFC822.SIZE only"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch macro
  requires login
  include imap.scratch.selected
  command "FETCH 1 FAST"
  expect tagged OK
  expect untagged FETCH 1 /\A(?=.*FLAGS \()(?=.*INTERNALDATE \")(?=.*RFC822\.SIZE 295\b)(?!.*ENVELOPE)(?!.*BODY)/i
  cleanup
    include imap.scratch.drop
  end
end

# The FULL macro returns flags, internal date, size, envelope and the non-extensible BODY structure.
case imap.rfc9051.6.4.5.macro-full
  title "FETCH FULL adds ENVELOPE and BODY"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch macro
  requires login
  include imap.scratch.selected
  command "FETCH 1 FULL"
  expect tagged OK
  expect untagged FETCH 1 /\A(?=.*FLAGS \()(?=.*INTERNALDATE \")(?=.*RFC822\.SIZE 295\b)(?=.*ENVELOPE \()(?=.*BODY \()(?!.*BODYSTRUCTURE)/i
  cleanup
    include imap.scratch.drop
  end
end

# A parenthesised list of items is answered with every item in one FETCH response.
case imap.rfc9051.6.4.5.several-items
  title "FETCH of a list of items returns all of them"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  tags fetch
  requires login
  include imap.scratch.selected
  command "FETCH 2 (FLAGS RFC822.SIZE UID)"
  expect tagged OK
  expect untagged FETCH 2 /\A(?=.*FLAGS \()(?=.*RFC822\.SIZE 409\b)(?=.*UID \d+)/i
  cleanup
    include imap.scratch.drop
  end
end

# `1:*` covers all messages: one FETCH response for each of 1, 2 and 3.
case imap.rfc9051.6.4.5.range-to-star
  title "FETCH 1:* returns every message"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  rfc 9051 4.1.1 MUST
  tags fetch sequence-set
  requires login
  include imap.scratch.selected
  command "FETCH 1:* (RFC822.SIZE)"
  expect tagged OK
  expect untagged FETCH 1 /RFC822\.SIZE 295\b/i
  expect untagged FETCH 2 /RFC822\.SIZE 409\b/i
  expect untagged FETCH 3 /RFC822\.SIZE 604\b/i
  cleanup
    include imap.scratch.drop
  end
end

# `*` is the highest message number: message 3 (604 octets).
case imap.rfc9051.6.4.5.star-is-last
  title "FETCH * fetches the last message"
  rfc 9051 6.4.5 MUST
  rfc 9051 7.5.2 MUST
  rfc 9051 4.1.1 MUST
  tags fetch sequence-set
  requires login
  include imap.scratch.selected
  command "FETCH * (RFC822.SIZE)"
  expect tagged OK
  expect untagged FETCH 3 /RFC822\.SIZE 604\b/i
  cleanup
    include imap.scratch.drop
  end
end

# A FETCH response caused by a UID command must include UID even when it was not asked for (message 1 is
# expunged first, so that UIDs and numbers differ: UID ${u2} is message 1).
case imap.rfc9051.6.4.9.uid-fetch-includes-uid
  title "UID FETCH responses include the UID"
  rfc 9051 6.4.9 MUST
  tags fetch uid
  requires login
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "FETCH 1:2 UID"
  need tagged OK
  capture u2 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  command "UID FETCH ${u2} (FLAGS)"
  expect tagged OK
  expect untagged FETCH 1 /UID ${u2}\b/i
  cleanup
    include imap.scratch.drop
  end
end

# A non-existent UID is ignored without an error: OK, and no FETCH response.
case imap.rfc9051.6.4.9.uid-fetch-missing-uid-ok
  title "UID FETCH of a UID that does not exist completes with OK and no data"
  rfc 9051 6.4.9 MUST
  tags fetch uid
  requires login
  include imap.scratch.selected
  command "FETCH 1:3 UID"
  need tagged OK
  capture u1 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u2 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 3 FETCH \([^\r\n]*UID (\d+)/
  compute big "${u3}" plus "1000"
  command "UID FETCH ${big} (FLAGS)"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# A UID range with `*` always includes the message with the highest UID, even when n is higher than every UID.
case imap.rfc9051.6.4.9.uid-range-star-past-last
  title "UID FETCH n:* with n past the last UID returns the last message"
  rfc 9051 6.4.9 MUST
  rfc 9051 4.1.1 MUST
  tags fetch uid sequence-set
  requires login
  include imap.scratch.selected
  command "FETCH 1:3 UID"
  need tagged OK
  capture u1 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u2 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 3 FETCH \([^\r\n]*UID (\d+)/
  compute big "${u3}" plus "1000"
  command "UID FETCH ${big}:* (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /UID ${u3}\b/i
  cleanup
    include imap.scratch.drop
  end
end

# An item that is not in the grammar makes the arguments invalid: BAD.
case imap.rfc9051.6.4.5.unknown-item-bad
  title "FETCH of an unknown data item is answered BAD"
  rfc 9051 6.4.5 MUST
  tags fetch errors
  requires login
  include imap.scratch.selected
  command "FETCH 1 (MAILSPECBOGUS)"
  expect tagged BAD
  cleanup
    include imap.scratch.drop
  end
end

# FETCH is a selected-state command: without a selected mailbox it is refused (BAD, or NO).
case imap.rfc9051.6.4.5.not-selected-refused
  title "FETCH in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags fetch state errors
  requires login
  include imap.authenticated
  command "FETCH 1 (FLAGS)"
  expect tagged BAD|NO
end

# BINARY undoes the Content-Transfer-Encoding: the base64 part 2 decodes to the ten octets 0x00 to 0x09 (a literal8 since NUL is in them).
case imap.rfc9051.6.4.5.binary-decodes
  title "FETCH BINARY.PEEK[2] returns the decoded octets"
  rfc 9051 6.4.5 MUST
  rfc 3516 4.2 MUST
  tags fetch binary
  requires login
  if not ext BINARY
    if not ext IMAP4rev2
      need equals "BINARY" "advertised" hint "the server advertises neither BINARY nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "FETCH 3 (BINARY.PEEK[2])"
  expect tagged OK
  expect untagged FETCH 3 /BINARY\[2\] ~?\{10\}\r\n\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09/i
  cleanup
    include imap.scratch.drop
  end
end

# BINARY.SIZE is the size of the decoded part: 10 octets for the 16 base64 characters.
case imap.rfc9051.6.4.5.binary-size
  title "FETCH BINARY.SIZE[2] is the decoded size"
  rfc 9051 6.4.5 MUST
  rfc 3516 4.2 MUST
  tags fetch binary
  requires login
  if not ext BINARY
    if not ext IMAP4rev2
      need equals "BINARY" "advertised" hint "the server advertises neither BINARY nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "FETCH 3 (BINARY.SIZE[2])"
  expect tagged OK
  expect untagged FETCH 3 /BINARY\.SIZE\[2\] 10\b/i
  cleanup
    include imap.scratch.drop
  end
end

# The partial range of BINARY refers to the decoded data: octets 2 to 4 are 0x02 0x03 0x04.
case imap.rfc9051.6.4.5.binary-partial
  title "FETCH BINARY.PEEK[2]<2.3> counts in decoded octets"
  rfc 9051 6.4.5 MUST
  rfc 3516 4.2 MUST
  tags fetch binary partial
  requires login
  if not ext BINARY
    if not ext IMAP4rev2
      need equals "BINARY" "advertised" hint "the server advertises neither BINARY nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "FETCH 3 (BINARY.PEEK[2]<2.3>)"
  expect tagged OK
  expect untagged FETCH 3 /BINARY\[2\]<2> ~?\{3\}\r\n\x02\x03\x04/i
  cleanup
    include imap.scratch.drop
  end
end

# A part without transfer encoding decodes to itself: the 35 octets of the text part.
case imap.rfc9051.6.4.5.binary-seven-bit-part
  title "FETCH BINARY of a 7bit part returns it unchanged"
  rfc 9051 6.4.5 MUST
  rfc 3516 4.2 MUST
  tags fetch binary
  requires login
  if not ext BINARY
    if not ext IMAP4rev2
      need equals "BINARY" "advertised" hint "the server advertises neither BINARY nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "FETCH 3 (BINARY.PEEK[1])"
  expect tagged OK
  expect untagged FETCH 3 /BINARY\[1\] (?:~?\{35\}\r\nThe text part of the third message\.|\"The text part of the third message\.\")/i
  cleanup
    include imap.scratch.drop
  end
end

# BINARY.PEEK, like BODY.PEEK, does not set \Seen.
case imap.rfc9051.6.4.5.binary-peek-keeps-unseen
  title "BINARY.PEEK leaves \\Seen unset"
  rfc 9051 6.4.5 MUST
  rfc 3516 4.2 MUST
  tags fetch binary seen peek
  requires login
  if not ext BINARY
    if not ext IMAP4rev2
      need equals "BINARY" "advertised" hint "the server advertises neither BINARY nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "FETCH 3 (BINARY.PEEK[2])"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \((?![^)]*\\Seen)[^)]*\)/i
  cleanup
    include imap.scratch.drop
  end
end

# BINARY without PEEK sets \Seen, as BODY does.
case imap.rfc9051.6.4.5.binary-sets-seen
  title "FETCH BINARY sets \\Seen"
  rfc 9051 6.4.5 MUST
  rfc 3516 4.2 MUST
  tags fetch binary seen
  requires login
  if not ext BINARY
    if not ext IMAP4rev2
      need equals "BINARY" "advertised" hint "the server advertises neither BINARY nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "FETCH 3 (BINARY[2])"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \([^)]*\\Seen/i
  cleanup
    include imap.scratch.drop
  end
end
