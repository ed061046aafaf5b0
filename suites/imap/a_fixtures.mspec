# Fixtures of area A (connection states, any-state, not-authenticated and authenticated commands).
# They only set the stage (need/login/capture): a refusal skips the case with its reason.

# Authenticated; ${delim} = the hierarchy delimiter as LIST "" "" shows it (quoted form, so "\\" stays
# escaped and can be put inside a quoted string as it is). A flat server (NIL) skips the case.
fixture imap.a.delim
  command "LIST \"\" \"\""
  need tagged OK
  capture delim /^\* LIST \([^)]*\) "(\\.|[^"\\])"/
end

# imap.scratch.empty, ${delim} captured, and a child ${box}${delim}child created.
# Pair it with the cleanup fixture imap.a.drop-child. ${delim} starts as "/" so that a cleanup still runs
# (deleting a name that then does not exist) when the case stopped before the capture.
fixture imap.a.parent-child
  set delim "/"
  include imap.scratch.empty
  include imap.a.delim
  command "CREATE ${box}${delim}child"
  need tagged OK
end

# For `cleanup`: delete ${box}${delim}child (if there) on a connection of its own, then ${box}.
fixture imap.a.drop-child
  connect tidy-child
  need greeting
  login
  command "DELETE ${box}${delim}child"
  need tagged OK|NO
  include imap.scratch.drop
end

# With credentials: one successful login on a connection `reset`, then closed, so that a server that
# delays logins after a failure (Dovecot's auth penalty) has forgotten earlier failures from this
# address. First step of every case that fails a login on purpose.
fixture imap.a.penalty-reset
  connect reset
  need greeting
  login
  command "LOGOUT"
  need tagged OK or-closed
  close
end

# imap.scratch.empty, then SELECT ${box} answered OK: the selected state on an empty mailbox (cheaper
# than imap.scratch.selected where the messages do not matter). Pair with imap.scratch.drop.
fixture imap.a.empty-selected
  include imap.scratch.empty
  command "SELECT ${box}"
  need tagged OK
end
