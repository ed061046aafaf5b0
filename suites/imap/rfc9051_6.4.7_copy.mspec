# RFC 9051 §6.4.7 (COPY) and §6.4.9 (UID COPY, COPYUID of RFC 4315): copying into a second scratch mailbox
# ${box}-dst (deleted in the cleanup with ${box}), flags and internal date kept, TRYCREATE for a missing one.
# The scratch mailbox holds three messages: 1 \Seen, 2 \Flagged (02-Jan-2024 11:30:00 +0100), 3 no flags.

# COPY puts a copy of the message at the end of the destination: the empty ${box}-dst then holds one message.
case imap.rfc9051.6.4.7.copy-arrives
  title "COPY completes with OK and the message is in the destination"
  rfc 9051 6.4.7 MUST
  tags copy
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "COPY 2 ${box}-dst"
  expect tagged OK
  command "STATUS ${box}-dst (MESSAGES)"
  need tagged OK
  expect untagged STATUS /\(.*MESSAGES 1\b/i
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# The copy is the same message: its RFC822.SIZE is 409 and its subject that of message 2.
case imap.rfc9051.6.4.7.copy-same-content
  title "The copy has the same octets as the original"
  rfc 9051 6.4.7 MUST
  tags copy
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "COPY 2 ${box}-dst"
  need tagged OK
  command "EXAMINE ${box}-dst"
  need tagged OK
  command "FETCH 1 (RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 1 /(?=[\s\S]*RFC822\.SIZE 409\b)(?=[\s\S]*mailspec plain two)/i
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# The flags should be preserved in the copy: the copy of message 2 has \Flagged.
case imap.rfc9051.6.4.7.copy-keeps-flags
  title "COPY keeps the message's flags"
  rfc 9051 6.4.7 SHOULD
  tags copy flags
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "COPY 2 ${box}-dst"
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

# The internal date should be preserved: the copy of message 2 still has 02-Jan-2024 11:30:00 +0100 (any zone).
case imap.rfc9051.6.4.7.copy-keeps-internaldate
  title "COPY keeps the internal date"
  rfc 9051 6.4.7 SHOULD
  tags copy internaldate
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "COPY 2 ${box}-dst"
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

# COPY is not MOVE: no EXPUNGE is sent and message 2 is still message 2 in the source.
case imap.rfc9051.6.4.7.copy-keeps-source
  title "COPY leaves the source message in place"
  rfc 9051 6.4.7 MUST
  tags copy
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "COPY 2 ${box}-dst"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ EXPUNGE)|\A/
  expect equals "${x}" ""
  command "FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 2 /mailspec plain two/
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# COPY 1:3 copies all three messages.
case imap.rfc9051.6.4.7.copy-range
  title "COPY of a range copies every message"
  rfc 9051 6.4.7 MUST
  tags copy sequence-set
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "COPY 1:3 ${box}-dst"
  expect tagged OK
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

# A missing destination must give an error (NO: the arguments are well-formed).
case imap.rfc9051.6.4.7.copy-missing-mailbox-no
  title "COPY to a mailbox that does not exist is answered NO"
  rfc 9051 6.4.7 MUST
  tags copy errors
  requires login
  include imap.scratch.selected
  command "COPY 1 ${box}-absent"
  expect tagged NO
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-absent"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# Unless it is sure the mailbox cannot be created, the server must put TRYCREATE in the tagged NO.
case imap.rfc9051.6.4.7.copy-missing-mailbox-trycreate
  title "COPY to a missing mailbox carries [TRYCREATE]"
  rfc 9051 6.4.7 MUST
  tags copy errors trycreate
  requires login
  include imap.scratch.selected
  command "COPY 1 ${box}-absent"
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

# The server must not create a missing destination: after the COPY, LIST finds no ${box}-absent.
case imap.rfc9051.6.4.7.copy-does-not-create
  title "COPY never creates the destination mailbox"
  rfc 9051 6.4.7 MUST
  tags copy errors
  requires login
  include imap.scratch.selected
  command "COPY 1 ${box}-absent"
  need tagged OK|NO|BAD
  command "LIST \"\" ${box}-absent"
  expect tagged OK
  capture x /\A[\s\S]*?(\* LIST [^\r\n]*)|\A/
  expect equals "${x}" ""
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-absent"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# The tagged OK of a successful COPY carries COPYUID: the destination's UIDVALIDITY, the source UID and
# the new UID. IMAP4rev2 requires it; RFC 4315 (UIDPLUS on an IMAP4rev1 server) says SHOULD, so the check's
# level follows the revision the server offers.
case imap.rfc9051.6.4.7.copyuid
  title "COPY answers OK [COPYUID]"
  rfc 9051 6.4.7 MUST
  rfc 4315 3 SHOULD
  tags copy uidplus copyuid
  requires login
  if not ext UIDPLUS
    if not ext IMAP4rev2
      need equals "UIDPLUS" "advertised" hint "the server advertises neither UIDPLUS nor IMAP4rev2 (which includes it)"
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
  command "COPY 2 ${box}-dst"
  need tagged OK
  capture cu /\A[\s\S]*?\[(COPYUID \d+ ${u2} \d+)\]|\A/i
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

# UID COPY takes UIDs: with message 1 expunged first (so that UIDs and numbers differ), the UID of the
# multipart message, now message 2, copies it.
case imap.rfc9051.6.4.9.uid-copy
  title "UID COPY copies the message with that UID"
  rfc 9051 6.4.9 MUST
  tags copy uid
  requires login
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
  command "UID COPY ${u3} ${box}-dst"
  expect tagged OK
  command "EXAMINE ${box}-dst"
  need tagged OK
  command "FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 1 /mailspec multipart three/
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# A non-existent UID is ignored: OK, and the destination stays empty.
case imap.rfc9051.6.4.9.uid-copy-missing-uid-ok
  title "UID COPY of a UID that does not exist completes with OK and copies nothing"
  rfc 9051 6.4.9 MUST
  tags copy uid
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-dst"
  need tagged OK
  command "FETCH 1:3 UID"
  need tagged OK
  capture u1 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u2 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 3 FETCH \([^\r\n]*UID (\d+)/
  compute big "${u3}" plus "1000"
  command "UID COPY ${big} ${box}-dst"
  expect tagged OK
  command "STATUS ${box}-dst (MESSAGES)"
  need tagged OK
  expect untagged STATUS /\(.*MESSAGES 0\b/i
  cleanup
    connect tidy-dst
    need greeting
    login
    command "DELETE ${box}-dst"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# COPY is a selected-state command: without a selected mailbox it is refused (BAD, or NO).
case imap.rfc9051.6.4.7.not-selected-refused
  title "COPY in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags copy state errors
  requires login
  include imap.authenticated
  command "COPY 1 INBOX"
  expect tagged BAD|NO
end
