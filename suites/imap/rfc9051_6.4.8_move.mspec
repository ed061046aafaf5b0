# RFC 9051 §6.4.8 and RFC 6851 (MOVE, UID MOVE): the message leaves the source with an EXPUNGE and arrives
# in ${box}-dst with its flags, never marked \Deleted; COPYUID before the EXPUNGE; TRYCREATE. Needs MOVE or IMAP4rev2.
# The scratch mailbox holds three messages: 1 \Seen, 2 \Flagged, 3 no flags.

# MOVE removes the original: an untagged EXPUNGE for message 2 comes before the tagged OK.
case imap.rfc9051.6.4.8.move-expunges-source
  title "MOVE removes the message from the source with an EXPUNGE"
  rfc 9051 6.4.8 MUST
  rfc 6851 3.3 MUST
  tags move expunge
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "MOVE 2 ${box}-dst"
  expect tagged OK
  expect untagged EXPUNGE 2
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# The moved message is created in the destination: ${box}-dst then holds one message, message 2's.
case imap.rfc9051.6.4.8.move-arrives
  title "MOVE puts the message into the destination"
  rfc 9051 6.4.8 MUST
  rfc 6851 3.3 MUST
  tags move
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "MOVE 2 ${box}-dst"
  need tagged OK
  command "EXAMINE ${box}-dst"
  need tagged OK
  command "FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 1 /mailspec plain two/
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# The flags should be preserved: the moved message 2 still has \Flagged in the destination.
case imap.rfc9051.6.4.8.move-keeps-flags
  title "MOVE keeps the flags"
  rfc 9051 6.4.8 SHOULD
  tags move flags
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "MOVE 2 ${box}-dst"
  need tagged OK
  command "EXAMINE ${box}-dst"
  need tagged OK
  command "FETCH 1 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 1 /FLAGS \([^)]*\\Flagged/i
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# The internal date should be preserved: 02-Jan-2024 11:30:00 +0100 (the same instant, any zone).
case imap.rfc9051.6.4.8.move-keeps-internaldate
  title "MOVE keeps the internal date"
  rfc 9051 6.4.8 SHOULD
  tags move internaldate
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "MOVE 2 ${box}-dst"
  need tagged OK
  command "EXAMINE ${box}-dst"
  need tagged OK
  command "FETCH 1 (INTERNALDATE)"
  expect tagged OK
  expect untagged FETCH 1 /INTERNALDATE "(?:(?:1| 1|01)-Jan-2024 22:30:00 -1200|(?:1| 1|01)-Jan-2024 22:45:00 -1145|(?:1| 1|01)-Jan-2024 23:00:00 -1130|(?:1| 1|01)-Jan-2024 23:15:00 -1115|(?:1| 1|01)-Jan-2024 23:30:00 -1100|(?:1| 1|01)-Jan-2024 23:45:00 -1045|(?:2| 2|02)-Jan-2024 00:00:00 -1030|(?:2| 2|02)-Jan-2024 00:15:00 -1015|(?:2| 2|02)-Jan-2024 00:30:00 -1000|(?:2| 2|02)-Jan-2024 00:45:00 -0945|(?:2| 2|02)-Jan-2024 01:00:00 -0930|(?:2| 2|02)-Jan-2024 01:15:00 -0915|(?:2| 2|02)-Jan-2024 01:30:00 -0900|(?:2| 2|02)-Jan-2024 01:45:00 -0845|(?:2| 2|02)-Jan-2024 02:00:00 -0830|(?:2| 2|02)-Jan-2024 02:15:00 -0815|(?:2| 2|02)-Jan-2024 02:30:00 -0800|(?:2| 2|02)-Jan-2024 02:45:00 -0745|(?:2| 2|02)-Jan-2024 03:00:00 -0730|(?:2| 2|02)-Jan-2024 03:15:00 -0715|(?:2| 2|02)-Jan-2024 03:30:00 -0700|(?:2| 2|02)-Jan-2024 03:45:00 -0645|(?:2| 2|02)-Jan-2024 04:00:00 -0630|(?:2| 2|02)-Jan-2024 04:15:00 -0615|(?:2| 2|02)-Jan-2024 04:30:00 -0600|(?:2| 2|02)-Jan-2024 04:45:00 -0545|(?:2| 2|02)-Jan-2024 05:00:00 -0530|(?:2| 2|02)-Jan-2024 05:15:00 -0515|(?:2| 2|02)-Jan-2024 05:30:00 -0500|(?:2| 2|02)-Jan-2024 05:45:00 -0445|(?:2| 2|02)-Jan-2024 06:00:00 -0430|(?:2| 2|02)-Jan-2024 06:15:00 -0415|(?:2| 2|02)-Jan-2024 06:30:00 -0400|(?:2| 2|02)-Jan-2024 06:45:00 -0345|(?:2| 2|02)-Jan-2024 07:00:00 -0330|(?:2| 2|02)-Jan-2024 07:15:00 -0315|(?:2| 2|02)-Jan-2024 07:30:00 -0300|(?:2| 2|02)-Jan-2024 07:45:00 -0245|(?:2| 2|02)-Jan-2024 08:00:00 -0230|(?:2| 2|02)-Jan-2024 08:15:00 -0215|(?:2| 2|02)-Jan-2024 08:30:00 -0200|(?:2| 2|02)-Jan-2024 08:45:00 -0145|(?:2| 2|02)-Jan-2024 09:00:00 -0130|(?:2| 2|02)-Jan-2024 09:15:00 -0115|(?:2| 2|02)-Jan-2024 09:30:00 -0100|(?:2| 2|02)-Jan-2024 09:45:00 -0045|(?:2| 2|02)-Jan-2024 10:00:00 -0030|(?:2| 2|02)-Jan-2024 10:15:00 -0015|(?:2| 2|02)-Jan-2024 10:30:00 \+0000|(?:2| 2|02)-Jan-2024 10:45:00 \+0015|(?:2| 2|02)-Jan-2024 11:00:00 \+0030|(?:2| 2|02)-Jan-2024 11:15:00 \+0045|(?:2| 2|02)-Jan-2024 11:30:00 \+0100|(?:2| 2|02)-Jan-2024 11:45:00 \+0115|(?:2| 2|02)-Jan-2024 12:00:00 \+0130|(?:2| 2|02)-Jan-2024 12:15:00 \+0145|(?:2| 2|02)-Jan-2024 12:30:00 \+0200|(?:2| 2|02)-Jan-2024 12:45:00 \+0215|(?:2| 2|02)-Jan-2024 13:00:00 \+0230|(?:2| 2|02)-Jan-2024 13:15:00 \+0245|(?:2| 2|02)-Jan-2024 13:30:00 \+0300|(?:2| 2|02)-Jan-2024 13:45:00 \+0315|(?:2| 2|02)-Jan-2024 14:00:00 \+0330|(?:2| 2|02)-Jan-2024 14:15:00 \+0345|(?:2| 2|02)-Jan-2024 14:30:00 \+0400|(?:2| 2|02)-Jan-2024 14:45:00 \+0415|(?:2| 2|02)-Jan-2024 15:00:00 \+0430|(?:2| 2|02)-Jan-2024 15:15:00 \+0445|(?:2| 2|02)-Jan-2024 15:30:00 \+0500|(?:2| 2|02)-Jan-2024 15:45:00 \+0515|(?:2| 2|02)-Jan-2024 16:00:00 \+0530|(?:2| 2|02)-Jan-2024 16:15:00 \+0545|(?:2| 2|02)-Jan-2024 16:30:00 \+0600|(?:2| 2|02)-Jan-2024 16:45:00 \+0615|(?:2| 2|02)-Jan-2024 17:00:00 \+0630|(?:2| 2|02)-Jan-2024 17:15:00 \+0645|(?:2| 2|02)-Jan-2024 17:30:00 \+0700|(?:2| 2|02)-Jan-2024 17:45:00 \+0715|(?:2| 2|02)-Jan-2024 18:00:00 \+0730|(?:2| 2|02)-Jan-2024 18:15:00 \+0745|(?:2| 2|02)-Jan-2024 18:30:00 \+0800|(?:2| 2|02)-Jan-2024 18:45:00 \+0815|(?:2| 2|02)-Jan-2024 19:00:00 \+0830|(?:2| 2|02)-Jan-2024 19:15:00 \+0845|(?:2| 2|02)-Jan-2024 19:30:00 \+0900|(?:2| 2|02)-Jan-2024 19:45:00 \+0915|(?:2| 2|02)-Jan-2024 20:00:00 \+0930|(?:2| 2|02)-Jan-2024 20:15:00 \+0945|(?:2| 2|02)-Jan-2024 20:30:00 \+1000|(?:2| 2|02)-Jan-2024 20:45:00 \+1015|(?:2| 2|02)-Jan-2024 21:00:00 \+1030|(?:2| 2|02)-Jan-2024 21:15:00 \+1045|(?:2| 2|02)-Jan-2024 21:30:00 \+1100|(?:2| 2|02)-Jan-2024 21:45:00 \+1115|(?:2| 2|02)-Jan-2024 22:00:00 \+1130|(?:2| 2|02)-Jan-2024 22:15:00 \+1145|(?:2| 2|02)-Jan-2024 22:30:00 \+1200|(?:2| 2|02)-Jan-2024 22:45:00 \+1215|(?:2| 2|02)-Jan-2024 23:00:00 \+1230|(?:2| 2|02)-Jan-2024 23:15:00 \+1245|(?:2| 2|02)-Jan-2024 23:30:00 \+1300|(?:2| 2|02)-Jan-2024 23:45:00 \+1315|(?:3| 3|03)-Jan-2024 00:00:00 \+1330|(?:3| 3|03)-Jan-2024 00:15:00 \+1345|(?:3| 3|03)-Jan-2024 00:30:00 \+1400)"/i
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# MOVE must not set \Deleted on any message: the message in the destination has no \Deleted.
case imap.rfc9051.6.4.8.move-no-deleted-flag
  title "The moved message is not marked \\Deleted"
  rfc 9051 6.4.8 MUST
  rfc 6851 3.3 MUST
  tags move flags
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "MOVE 2 ${box}-dst"
  need tagged OK
  command "EXAMINE ${box}-dst"
  need tagged OK
  command "FETCH 1 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 1 /FLAGS \((?![^)]*\\Deleted)[^)]*\)/i
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# The STORE step of a MOVE is not visible: no untagged FETCH reporting \Deleted comes with the MOVE.
case imap.rfc9051.6.4.8.move-no-store-response
  title "MOVE sends no FETCH for a \\Deleted flag"
  rfc 9051 6.4.8 MUST
  rfc 6851 3.3 MUST
  tags move flags
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "MOVE 2 ${box}-dst"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ FETCH [^\r\n]*\\Deleted)|\A/
  expect equals "${x}" ""
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# The COPYUID for a MOVE comes in an untagged OK before the EXPUNGE responses, so the client can map UIDs
# before the message disappears: required by IMAP4rev2, a SHOULD of RFC 6851 with UIDPLUS on an IMAP4rev1
# server, so the check's level follows the revision the server offers.
case imap.rfc9051.6.4.8.move-copyuid-before-expunge
  title "MOVE sends COPYUID in an untagged OK before the EXPUNGE"
  rfc 9051 6.4.8 MUST
  rfc 6851 4.3 SHOULD
  tags move uidplus copyuid
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  if not ext UIDPLUS
    if not ext IMAP4rev2
      need equals "UIDPLUS" "advertised" hint "the server advertises neither UIDPLUS nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "MOVE 2 ${box}-dst"
  need tagged OK
  capture cu /\A[\s\S]*?(\* OK \[COPYUID [^\r\n]*\r\n(?:[^\r\n]*\r\n)*?\* 2 EXPUNGE)|\A/i
  if ext IMAP4rev2
    expect MUST differs "${cu}" ""
  else
    expect SHOULD differs "${cu}" ""
  end
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# A missing destination gives NO with TRYCREATE (unless the server is sure it cannot be created).
case imap.rfc9051.6.4.8.move-missing-mailbox-trycreate
  title "MOVE to a missing mailbox is answered NO [TRYCREATE]"
  rfc 9051 6.4.8 MUST
  rfc 6851 3.3 MUST
  tags move errors trycreate
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "MOVE 2 ${box}-absent"
  expect tagged NO code TRYCREATE
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-absent"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# Every message is either moved or unaffected: after a MOVE to a missing mailbox, message 2 is still there, unexpunged.
case imap.rfc9051.6.4.8.move-failed-keeps-source
  title "A MOVE that fails leaves the message in the source"
  rfc 9051 6.4.8 MUST
  rfc 6851 3.3 MUST
  tags move errors
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "MOVE 2 ${box}-absent"
  need tagged NO|BAD
  capture x /\A[\s\S]*?(\* \d+ EXPUNGE)|\A/
  expect equals "${x}" ""
  command "FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 2 /mailspec plain two/
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-absent"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# MOVE 1:3 moves all three messages: the destination then holds three, and the source reports the
# expunges (in either order the responses include `* 1 EXPUNGE`).
case imap.rfc9051.6.4.8.move-range
  title "MOVE of several messages moves every one of them"
  rfc 9051 6.4.8 MUST
  rfc 6851 3.3 MUST
  tags move sequence-set
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "MOVE 1:3 ${box}-dst"
  expect tagged OK
  expect untagged EXPUNGE 1
  command "STATUS ${box}-dst (MESSAGES)"
  need tagged OK
  expect untagged STATUS /\(.*MESSAGES 3\b/i
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# UID MOVE takes UIDs: with message 1 expunged first (so that UIDs and numbers differ), the UID of the
# multipart message moves it, reported as `* 2 EXPUNGE`.
case imap.rfc9051.6.4.9.uid-move
  title "UID MOVE moves the message with that UID"
  rfc 9051 6.4.9 MUST
  rfc 6851 3.2 MUST
  tags move uid
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "FETCH 1:2 UID"
  need tagged OK
  capture u2 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  command "UID MOVE ${u3} ${box}-dst"
  expect tagged OK
  expect untagged EXPUNGE 2
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# A non-existent UID is ignored: OK and no EXPUNGE.
case imap.rfc9051.6.4.9.uid-move-missing-uid-ok
  title "UID MOVE of a UID that does not exist completes with OK, moving nothing"
  rfc 9051 6.4.9 MUST
  tags move uid
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "FETCH 1:3 UID"
  need tagged OK
  capture u1 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u2 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 3 FETCH \([^\r\n]*UID (\d+)/
  compute big "${u3}" plus "1000"
  command "UID MOVE ${big} ${box}-dst"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ EXPUNGE)|\A/
  expect equals "${x}" ""
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# MOVE is a selected-state command: without a selected mailbox it is refused (BAD, or NO).
case imap.rfc9051.6.4.8.not-selected-refused
  title "MOVE in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags move state errors
  requires login
  if not ext MOVE
    if not ext IMAP4rev2
      need equals "MOVE" "advertised" hint "the server advertises neither MOVE nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.authenticated
  command "MOVE 1 INBOX"
  expect tagged BAD|NO
end
