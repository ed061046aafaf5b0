# RFC 9051 §6.4.6 (STORE) and §6.4.9 (UID STORE): FLAGS, +FLAGS and -FLAGS with and without .SILENT, the
# untagged FETCH that reports the new flags, ranges, read-only mailboxes.
# The scratch mailbox holds three messages: 1 \Seen, 2 \Flagged, 3 no flags.

# FLAGS replaces the whole set and returns the new value: message 1 (\Seen) becomes \Draft alone.
case imap.rfc9051.6.4.6.flags-replaces
  title "STORE FLAGS replaces the flags and reports them"
  rfc 9051 6.4.6 MUST
  tags store flags
  requires login
  include imap.scratch.selected
  command "STORE 1 FLAGS (\\Draft)"
  expect tagged OK
  expect untagged FETCH 1 /FLAGS \((?![^)]*\\Seen)[^)]*\\Draft/i
  cleanup
    include imap.scratch.drop
  end
end

# +FLAGS adds the flags given and keeps the others: message 1 has \Seen and \Flagged afterwards.
case imap.rfc9051.6.4.6.plus-flags-adds
  title "STORE +FLAGS adds to the flags"
  rfc 9051 6.4.6 MUST
  tags store flags
  requires login
  include imap.scratch.selected
  command "STORE 1 +FLAGS (\\Flagged)"
  expect tagged OK
  expect untagged FETCH 1 /FLAGS \((?=[^)]*\\Seen)(?=[^)]*\\Flagged)/i
  cleanup
    include imap.scratch.drop
  end
end

# -FLAGS removes the flags given: message 2 loses \Flagged.
case imap.rfc9051.6.4.6.minus-flags-removes
  title "STORE -FLAGS removes flags"
  rfc 9051 6.4.6 MUST
  tags store flags
  requires login
  include imap.scratch.selected
  command "STORE 2 -FLAGS (\\Flagged)"
  expect tagged OK
  expect untagged FETCH 2 /FLAGS \((?![^)]*\\Flagged)[^)]*\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Removing a flag the message does not have is no error: OK, and message 3 still has no \Flagged.
case imap.rfc9051.6.4.6.minus-flags-absent-flag
  title "STORE -FLAGS of a flag that is not set changes nothing"
  rfc 9051 6.4.6 MUST
  tags store flags
  requires login
  include imap.scratch.selected
  command "STORE 3 -FLAGS (\\Flagged)"
  expect tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \((?:\\Recent)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# The .SILENT suffix suppresses the untagged FETCH that STORE would send for the changed message.
case imap.rfc9051.6.4.6.silent-sends-no-fetch
  title "STORE +FLAGS.SILENT sends no untagged FETCH"
  rfc 9051 6.4.6 MUST
  tags store silent
  requires login
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Answered)"
  expect tagged OK
  capture x /\A[\s\S]*?(\* 1 FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# .SILENT only suppresses the response: a FETCH afterwards shows \Answered on message 1.
case imap.rfc9051.6.4.6.silent-still-stores
  title "STORE +FLAGS.SILENT still sets the flag"
  rfc 9051 6.4.6 MUST
  tags store silent
  requires login
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  command "FETCH 1 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 1 /FLAGS \([^)]*\\Answered/i
  cleanup
    include imap.scratch.drop
  end
end

# FLAGS.SILENT replaces like FLAGS: message 2 (\Flagged) ends with \Seen only.
case imap.rfc9051.6.4.6.flags-silent-replaces
  title "STORE FLAGS.SILENT replaces the flags"
  rfc 9051 6.4.6 MUST
  tags store silent
  requires login
  include imap.scratch.selected
  command "STORE 2 FLAGS.SILENT (\\Seen)"
  need tagged OK
  command "FETCH 2 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 2 /FLAGS \((?![^)]*\\Flagged)[^)]*\\Seen/i
  cleanup
    include imap.scratch.drop
  end
end

# -FLAGS.SILENT removes like -FLAGS: message 1 loses \Seen.
case imap.rfc9051.6.4.6.minus-flags-silent-removes
  title "STORE -FLAGS.SILENT removes the flag"
  rfc 9051 6.4.6 MUST
  tags store silent
  requires login
  include imap.scratch.selected
  command "STORE 1 -FLAGS.SILENT (\\Seen)"
  need tagged OK
  command "FETCH 1 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 1 /FLAGS \((?![^)]*\\Seen)[^)]*\)/i
  cleanup
    include imap.scratch.drop
  end
end

# STORE 1:3 +FLAGS answers one untagged FETCH with the new flags for each message.
case imap.rfc9051.6.4.6.range-reports-each
  title "STORE on a range reports every message"
  rfc 9051 6.4.6 MUST
  tags store sequence-set
  requires login
  include imap.scratch.selected
  command "STORE 1:3 +FLAGS (\\Answered)"
  expect tagged OK
  expect untagged FETCH 1 /\\Answered/i
  expect untagged FETCH 2 /\\Answered/i
  expect untagged FETCH 3 /\\Answered/i
  cleanup
    include imap.scratch.drop
  end
end

# Setting \Deleted only marks the message; it stays until an expunge: FETCH 2 still answers with \Deleted.
case imap.rfc9051.6.4.6.deleted-flag
  title "STORE +FLAGS (\\Deleted) marks without removing"
  rfc 9051 6.4.6 MUST
  rfc 9051 6.4.3 MUST
  tags store expunge
  requires login
  include imap.scratch.selected
  command "STORE 2 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "FETCH 2 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 2 /FLAGS \([^)]*\\Deleted/i
  cleanup
    include imap.scratch.drop
  end
end

# A read-only mailbox accepts no change: STORE may be refused (NO, or BAD) or fail silently, but message 3
# must not get \Flagged.
case imap.rfc9051.6.4.6.read-only-refused
  title "STORE on a mailbox opened with EXAMINE changes no flag"
  rfc 9051 6.3.3 MUST
  rfc 9051 6.4.6 MUST
  tags store examine read-only
  requires login
  include imap.scratch.selected
  command "EXAMINE ${box}"
  need tagged OK
  command "STORE 3 +FLAGS (\\Flagged)"
  need tagged OK|NO|BAD
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \((?![^)]*\\Flagged)[^)]*\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Only FLAGS, +FLAGS, -FLAGS and their .SILENT forms can be stored: anything else is invalid arguments, BAD.
case imap.rfc9051.6.4.6.unknown-item-bad
  title "STORE with an unknown data item is answered BAD"
  rfc 9051 6.4.6 MUST
  tags store errors
  requires login
  include imap.scratch.selected
  command "STORE 1 MAILSPECFLAGS (\\Seen)"
  expect tagged BAD
  cleanup
    include imap.scratch.drop
  end
end

# The FETCH response caused by UID STORE must carry the UID (message 1 is expunged first, so that UIDs and
# numbers differ: UID ${u3} is message 2).
case imap.rfc9051.6.4.9.uid-store-includes-uid
  title "UID STORE responses include the UID"
  rfc 9051 6.4.9 MUST
  tags store uid
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
  command "UID STORE ${u3} +FLAGS (\\Flagged)"
  expect tagged OK
  expect untagged FETCH 2 /UID ${u3}\b/i
  cleanup
    include imap.scratch.drop
  end
end

# A non-existent UID is ignored: OK without any FETCH response.
case imap.rfc9051.6.4.9.uid-store-missing-uid-ok
  title "UID STORE of a UID that does not exist completes with OK, doing nothing"
  rfc 9051 6.4.9 MUST
  tags store uid
  requires login
  include imap.scratch.selected
  command "FETCH 1:3 UID"
  need tagged OK
  capture u1 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u2 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 3 FETCH \([^\r\n]*UID (\d+)/
  compute big "${u3}" plus "1000"
  command "UID STORE ${big} +FLAGS (\\Flagged)"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# STORE is a selected-state command: without a selected mailbox it is refused (BAD, or NO).
case imap.rfc9051.6.4.6.not-selected-refused
  title "STORE in the authenticated state is refused"
  rfc 9051 6.4 MUST
  rfc 9051 3 MUST
  tags store state errors
  requires login
  include imap.authenticated
  command "STORE 1 +FLAGS (\\Seen)"
  expect tagged BAD|NO
end
