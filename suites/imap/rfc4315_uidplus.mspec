# RFC 4315 (UIDPLUS): the APPENDUID and COPYUID response codes and UID EXPUNGE. Every case requires the
# UIDPLUS capability and works in a scratch mailbox (${box}, and ${box}-copy for a COPY target).
# §3: a server that advertises UIDPLUS SHOULD return APPENDUID/COPYUID (so their absence is a warning);
# when it does, their values are definitions (UIDVALIDITY of the destination, the UIDs assigned), so
# wrong values fail. §2.1: UID EXPUNGE removes only \Deleted messages whose UID is in the set.

# §3: APPEND to a mailbox answers OK [APPENDUID uidvalidity uid].
case imap.rfc4315.3.append-appenduid
  title "APPEND completes with OK [APPENDUID ...]"
  rfc 4315 3 SHOULD
  tags uidplus append
  requires ext UIDPLUS
  requires login
  include imap.scratch
  command "APPEND ${box} () \"05-Jan-2024 08:00:00 +0000\"" literal "From: mailspec@example.org\r\nSubject: appenduid ${uniq}\r\n\r\nbody\r\n"
  expect tagged OK code APPENDUID
  cleanup
    include imap.scratch.drop
  end
end

# §3: the APPENDUID's first number is the UIDVALIDITY of the destination mailbox (as STATUS reports it).
case imap.rfc4315.3.appenduid-uidvalidity
  title "APPENDUID carries the destination mailbox's UIDVALIDITY"
  rfc 4315 3 MUST
  tags uidplus append
  requires ext UIDPLUS
  requires login
  include imap.scratch
  command "STATUS ${box} (UIDVALIDITY)"
  need tagged OK
  capture uidvalidity /UIDVALIDITY (\d+)/i
  command "APPEND ${box} () \"05-Jan-2024 08:00:00 +0000\"" literal "From: mailspec@example.org\r\nSubject: appenduid ${uniq}\r\n\r\nbody\r\n"
  need tagged OK code APPENDUID hint "the server sent no APPENDUID (see imap.rfc4315.3.append-appenduid)"
  capture got /\[APPENDUID (\d+) /i
  expect equals "${got}" "${uidvalidity}"
  cleanup
    include imap.scratch.drop
  end
end

# §3 and RFC 9051 §2.3.1.1: the UID in APPENDUID is the new message's UID, so it is not below the
# UIDNEXT announced before the APPEND, and UID FETCH of it returns the appended message.
case imap.rfc4315.3.appenduid-names-the-message
  title "The UID in APPENDUID is at least the former UIDNEXT and fetches the appended message"
  rfc 4315 3 MUST
  rfc 9051 2.3.1.1 MUST
  tags uidplus append uid
  requires ext UIDPLUS
  requires login
  include imap.scratch
  command "STATUS ${box} (UIDNEXT)"
  need tagged OK
  capture uidnext /UIDNEXT (\d+)/i
  command "APPEND ${box} () \"05-Jan-2024 08:00:00 +0000\"" literal "From: mailspec@example.org\r\nSubject: appenduid ${uniq}\r\n\r\nbody\r\n"
  need tagged OK code APPENDUID hint "the server sent no APPENDUID (see imap.rfc4315.3.append-appenduid)"
  capture uid /\[APPENDUID \d+ (\d+)\]/i
  compute below "${uidnext}" minus "1"
  expect greater "${uid}" "${below}"
  command "SELECT ${box}"
  need tagged OK
  command "UID FETCH ${uid} (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH /appenduid ${uniq}/
  cleanup
    include imap.scratch.drop
  end
end

# §3: for a single appended message the UID is one number: the set form is not used, and a server
# must never send a range such as 123:123. The capture yields "]" for a plain number, else the code.
case imap.rfc4315.3.appenduid-single-number
  title "APPENDUID for one message carries a single UID, not a set or range"
  rfc 4315 3 MUST
  tags uidplus append
  requires ext UIDPLUS
  requires login
  include imap.scratch
  command "APPEND ${box} () \"05-Jan-2024 08:00:00 +0000\"" literal "From: mailspec@example.org\r\nSubject: appenduid ${uniq}\r\n\r\nbody\r\n"
  need tagged OK code APPENDUID hint "the server sent no APPENDUID (see imap.rfc4315.3.append-appenduid)"
  capture shape /\[APPENDUID \d+ \d+(\])|\[APPENDUID[^\]]*\]/i
  expect equals "${shape}" "]"
  cleanup
    include imap.scratch.drop
  end
end

# §3: APPENDUID also into an empty mailbox (the first message of the mailbox).
case imap.rfc4315.3.appenduid-empty-mailbox
  title "APPEND into an empty mailbox completes with OK [APPENDUID ...]"
  rfc 4315 3 SHOULD
  tags uidplus append
  requires ext UIDPLUS
  requires login
  include imap.scratch.empty
  command "APPEND ${box}" literal "From: mailspec@example.org\r\nSubject: first ${uniq}\r\n\r\nbody\r\n"
  expect tagged OK code APPENDUID
  cleanup
    include imap.scratch.drop
  end
end

# §3: COPY answers OK [COPYUID uidvalidity source-uids destination-uids].
case imap.rfc4315.3.copy-copyuid
  title "COPY completes with OK [COPYUID ...]"
  rfc 4315 3 SHOULD
  tags uidplus copy
  requires ext UIDPLUS
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-copy"
  need tagged OK
  command "COPY 1:2 ${box}-copy"
  expect tagged OK code COPYUID
  cleanup
    connect tidy2
    need greeting
    login
    command "DELETE ${box}-copy"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# §3: the COPYUID's first number is the destination mailbox's UIDVALIDITY.
case imap.rfc4315.3.copyuid-uidvalidity
  title "COPYUID carries the destination mailbox's UIDVALIDITY"
  rfc 4315 3 MUST
  tags uidplus copy
  requires ext UIDPLUS
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-copy"
  need tagged OK
  command "STATUS ${box}-copy (UIDVALIDITY)"
  need tagged OK
  capture uidvalidity /UIDVALIDITY (\d+)/i
  command "COPY 2 ${box}-copy"
  need tagged OK code COPYUID hint "the server sent no COPYUID (see imap.rfc4315.3.copy-copyuid)"
  capture got /\[COPYUID (\d+) /i
  expect equals "${got}" "${uidvalidity}"
  cleanup
    connect tidy2
    need greeting
    login
    command "DELETE ${box}-copy"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# §3: the COPYUID's source set names the copied message's own UID (one message: one number, no range).
case imap.rfc4315.3.copyuid-source-uid
  title "COPYUID names the UID of the copied message as the source"
  rfc 4315 3 MUST
  tags uidplus copy uid
  requires ext UIDPLUS
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-copy"
  need tagged OK
  command "FETCH 2 (UID)"
  need tagged OK
  capture uid2 /^\* 2 FETCH \([^\r\n]*UID (\d+)/i
  command "COPY 2 ${box}-copy"
  need tagged OK code COPYUID hint "the server sent no COPYUID (see imap.rfc4315.3.copy-copyuid)"
  capture src /\[COPYUID \d+ (\S+) /i
  expect equals "${src}" "${uid2}"
  cleanup
    connect tidy2
    need greeting
    login
    command "DELETE ${box}-copy"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# §3: the COPYUID's destination UID fetches the copy in the target mailbox.
case imap.rfc4315.3.copyuid-destination-uid
  title "The destination UID in COPYUID fetches the copy in the target mailbox"
  rfc 4315 3 MUST
  tags uidplus copy uid
  requires ext UIDPLUS
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-copy"
  need tagged OK
  command "COPY 2 ${box}-copy"
  need tagged OK code COPYUID hint "the server sent no COPYUID (see imap.rfc4315.3.copy-copyuid)"
  capture dst /\[COPYUID \d+ \S+ (\d+)\]/i
  command "SELECT ${box}-copy"
  need tagged OK
  command "UID FETCH ${dst} (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH /mailspec plain two/i
  cleanup
    connect tidy2
    need greeting
    login
    command "DELETE ${box}-copy"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# §3: UID COPY answers COPYUID too.
case imap.rfc4315.3.uid-copy-copyuid
  title "UID COPY completes with OK [COPYUID ...]"
  rfc 4315 3 SHOULD
  tags uidplus copy uid
  requires ext UIDPLUS
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-copy"
  need tagged OK
  command "UID COPY 1:* ${box}-copy"
  expect tagged OK code COPYUID
  cleanup
    connect tidy2
    need greeting
    login
    command "DELETE ${box}-copy"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# §2.1: UID EXPUNGE removes the \Deleted messages in its UID set: with messages 1 and 2 \Deleted and
# only message 1's UID given, message 1 is expunged (`* 1 EXPUNGE`)...
case imap.rfc4315.2.1.uid-expunge-removes-listed
  title "UID EXPUNGE of a \\Deleted message's UID expunges it"
  rfc 4315 2.1 MUST
  tags uidplus expunge uid
  requires ext UIDPLUS
  requires login
  include imap.scratch.selected
  command "STORE 1:2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "FETCH 1 (UID)"
  need tagged OK
  capture uid1 /^\* 1 FETCH \([^\r\n]*UID (\d+)/i
  command "UID EXPUNGE ${uid1}"
  expect tagged OK
  expect untagged EXPUNGE 1
  cleanup
    include imap.scratch.drop
  end
end

# §2.1: ... and message 2, \Deleted too but not in the set, is not affected: it is still there.
case imap.rfc4315.2.1.uid-expunge-spares-unlisted
  title "UID EXPUNGE leaves a \\Deleted message whose UID is not in the set"
  rfc 4315 2.1 MUST
  tags uidplus expunge uid
  requires ext UIDPLUS
  requires login
  include imap.scratch.selected
  command "STORE 1:2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "FETCH 1:2 (UID)"
  need tagged OK
  capture uid1 /^\* 1 FETCH \([^\r\n]*UID (\d+)/i
  capture uid2 /^\* 2 FETCH \([^\r\n]*UID (\d+)/i
  command "UID EXPUNGE ${uid1}"
  need tagged OK
  command "UID SEARCH DELETED"
  expect tagged OK
  expect untagged SEARCH /^\* SEARCH ${uid2}[ \t]*\r?$/i
  cleanup
    include imap.scratch.drop
  end
end

# §2.1: a message in the set but without \Deleted is not affected: UID EXPUNGE 1:* with only message 2
# \Deleted leaves messages 1 and 3 (SEARCH ALL then finds exactly 1 2).
case imap.rfc4315.2.1.uid-expunge-spares-undeleted
  title "UID EXPUNGE leaves messages without \\Deleted even when their UIDs are in the set"
  rfc 4315 2.1 MUST
  tags uidplus expunge uid
  requires ext UIDPLUS
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "UID EXPUNGE 1:*"
  need tagged OK
  command "SEARCH ALL"
  expect tagged OK
  expect untagged SEARCH /^\* SEARCH 1 2[ \t]*\r?$/i
  cleanup
    include imap.scratch.drop
  end
end

# RFC 9051 §3: UID EXPUNGE is a selected-state command; with no mailbox selected it is refused.
case imap.rfc4315.2.1.uid-expunge-needs-selected
  title "UID EXPUNGE without a selected mailbox is refused with NO or BAD"
  rfc 4315 2.1 MUST
  rfc 9051 3 MUST
  tags uidplus expunge states
  requires ext UIDPLUS
  requires login
  include imap.authenticated
  command "UID EXPUNGE 1:*"
  expect tagged NO|BAD
end
