# Fixtures of the two-session, IDLE, UIDPLUS/MOVE and CONDSTORE cases (area C): what a second session
# does to ${box} while the first (`main`) has it selected. Each leaves `main` current again; the second
# session's own responses are read and only need to be OK (they only set the stage).

# imap.scratch.selected on `main`, plus a second session `second` that has ${box} selected too.
fixture imap.two.selected
  include imap.scratch.selected
  include imap.second
  command "SELECT ${box}"
  need tagged OK
  use main
end

# imap.two.selected, then on `second`: APPEND one more message (4) to ${box}; `main` current again
# and told nothing yet.
fixture imap.two.appended
  include imap.two.selected
  use second
  command "APPEND ${box} () \"04-Jan-2024 09:00:00 +0000\"" literal "From: mailspec@example.org\r\nSubject: two-session ${uniq}\r\n\r\nadded by the second session\r\n"
  need tagged OK
  use main
end

# imap.two.selected, then on `second`: message 1 expunged; `main` current again and told nothing yet.
fixture imap.two.expunged
  include imap.two.selected
  use second
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  use main
end

# imap.two.selected, then on `second`: \Answered added to message 3; `main` current again.
fixture imap.two.flagged
  include imap.two.selected
  use second
  command "STORE 3 +FLAGS.SILENT (\\Answered)"
  need tagged OK
  use main
end
