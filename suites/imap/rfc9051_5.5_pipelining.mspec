# RFC 9051 §5.5: a client may send commands without waiting for the results of earlier ones, and when a
# command would affect another's result the server must execute them to completion in the order given.
# Each case puts several commands in flight (`command TAG`, each its own write, none waited for) and
# reads each one's tagged response (`tagged TAG`), in any order the server sends them.

# §5.5: three NOOPs in flight are each answered OK under their own tags.
case imap.rfc9051.5.5.three-noops-in-flight
  title "Three pipelined NOOPs are each answered OK"
  rfc 9051 5.5 MUST
  tags pipelining
  include imap.greeted
  command P1 "NOOP"
  command P2 "NOOP"
  command P3 "NOOP"
  expect tagged P1 OK
  expect tagged P2 OK
  expect tagged P3 OK
end

# §5.5: different commands in flight (CAPABILITY, NOOP, LIST) each get their own tagged answer, and
# CAPABILITY's untagged data still arrives.
case imap.rfc9051.5.5.mixed-commands-in-flight
  title "Pipelined CAPABILITY, NOOP and LIST are each answered"
  rfc 9051 5.5 MUST
  tags pipelining
  requires login
  include imap.authenticated
  command P1 "CAPABILITY"
  command P2 "NOOP"
  command P3 "LIST \"\" INBOX"
  expect tagged P1 OK
  expect untagged CAPABILITY
  expect tagged P2 OK
  expect tagged P3 OK
end

# §5.5: STORE then FETCH without waiting: the FETCH depends on the STORE, so it must see the new flag.
case imap.rfc9051.5.5.store-then-fetch-in-order
  title "A FETCH pipelined after a STORE sees the stored flag"
  rfc 9051 5.5 MUST
  tags pipelining store fetch
  requires login
  include imap.scratch.selected
  command P1 "STORE 3 +FLAGS.SILENT (\\Answered)"
  command P2 "FETCH 3 (FLAGS)"
  expect tagged P1 OK
  expect tagged P2 OK
  expect untagged FETCH 3 /\\Answered/i
  cleanup
    include imap.scratch.drop
  end
end

# §5.5 (the RFC's own example of ambiguity): a FETCH that sets \Seen, then SEARCH UNSEEN: the search must
# run after the fetch, so message 3 is no longer unseen and only message 2 is found.
case imap.rfc9051.5.5.fetch-then-search-unseen
  title "SEARCH UNSEEN pipelined after a FETCH BODY[] does not find the fetched message"
  rfc 9051 5.5 MUST
  tags pipelining fetch search
  requires login
  include imap.scratch.selected
  command P1 "FETCH 3 (BODY[])"
  command P2 "SEARCH UNSEEN"
  expect tagged P1 OK
  expect tagged P2 OK
  expect untagged SEARCH /^\* SEARCH 2[ \t]*\r?$/i
  cleanup
    include imap.scratch.drop
  end
end

# §5.5: SELECT then FETCH without waiting: the FETCH applies to the mailbox just selected (message 2 of
# ${box}, not of a previously selected INBOX).
case imap.rfc9051.5.5.select-then-fetch-in-order
  title "A FETCH pipelined after SELECT reads the newly selected mailbox"
  rfc 9051 5.5 MUST
  tags pipelining select fetch
  requires login
  include imap.scratch
  command "EXAMINE INBOX"
  need tagged OK
  command P1 "SELECT ${box}"
  command P2 "FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"
  expect tagged P1 OK
  expect tagged P2 OK
  expect untagged FETCH 2 /mailspec plain two/i
  cleanup
    include imap.scratch.drop
  end
end

# §5.5: CREATE, APPEND and STATUS on a new mailbox without waiting: each depends on the one before, so
# STATUS counts the appended message.
case imap.rfc9051.5.5.create-append-status-in-order
  title "Pipelined CREATE, APPEND (non-synchronizing) and STATUS run in order"
  rfc 9051 5.5 MUST
  rfc 7888 3 MUST
  tags pipelining append
  requires ext LITERAL+
  requires login
  include imap.authenticated
  set box "mailspec-${uniq}"
  command P1 "CREATE ${box}"
  command P2 "APPEND ${box}" literal+ "From: mailspec@example.org\r\nSubject: pipelined ${uniq}\r\n\r\nbody\r\n"
  command P3 "STATUS ${box} (MESSAGES)"
  expect tagged P1 OK
  expect tagged P2 OK
  expect tagged P3 OK
  expect untagged STATUS /MESSAGES 1\b/i
  cleanup
    include imap.scratch.drop
  end
end

# §5.5: FETCH + STORE + SEARCH + NOOP is one of the RFC's valid non-waiting sequences: all answered OK,
# the SEARCH seeing the STORE's flag.
case imap.rfc9051.5.5.fetch-store-search-noop
  title "The pipelined sequence FETCH, STORE, SEARCH, NOOP is answered in full and in order"
  rfc 9051 5.5 MUST
  tags pipelining
  requires login
  include imap.scratch.selected
  command P1 "FETCH 1:3 (FLAGS)"
  command P2 "STORE 2 +FLAGS.SILENT (\\Answered)"
  command P3 "SEARCH ANSWERED"
  command P4 "NOOP"
  expect tagged P1 OK
  expect tagged P2 OK
  expect tagged P3 OK
  expect untagged SEARCH /^\* SEARCH 2[ \t]*\r?$/i
  expect tagged P4 OK
  cleanup
    include imap.scratch.drop
  end
end

# §5.5: STORE + COPY + EXPUNGE, another valid sequence: the COPY sees the STORE (the copy carries
# \Answered) and the EXPUNGE removes the \Deleted message after the copy was made.
case imap.rfc9051.5.5.store-copy-expunge
  title "The pipelined sequence STORE, COPY, EXPUNGE runs in order"
  rfc 9051 5.5 MUST
  tags pipelining copy expunge
  requires login
  include imap.scratch.selected
  command "CREATE ${box}-copy"
  need tagged OK
  command P1 "STORE 1 +FLAGS.SILENT (\\Deleted)"
  command P2 "COPY 1 ${box}-copy"
  command P3 "EXPUNGE"
  expect tagged P1 OK
  expect tagged P2 OK
  expect tagged P3 OK
  command "STATUS ${box}-copy (MESSAGES)"
  expect tagged OK
  expect untagged STATUS /MESSAGES 1\b/i
  cleanup
    connect tidy2
    need greeting
    login
    command "DELETE ${box}-copy"
    need tagged OK|NO
    include imap.scratch.drop
  end
end

# §5.5: a command with a synchronizing literal, then another command sent as soon as the literal went
# out: the continuation was negotiated before the next command began, so both are answered OK.
case imap.rfc9051.5.5.literal-then-pipelined-command
  title "A command pipelined right after an APPEND's literal is answered"
  rfc 9051 5.5 MUST
  tags pipelining append literal
  requires login
  include imap.scratch.empty
  command P1 "APPEND ${box}" literal "From: mailspec@example.org\r\nSubject: sync ${uniq}\r\n\r\nbody\r\n"
  command P2 "NOOP"
  expect tagged P1 OK
  expect tagged P2 OK within 10s
  cleanup
    include imap.scratch.drop
  end
end

# §5.5: twenty commands in flight, each answered OK.
case imap.rfc9051.5.5.twenty-noops-in-flight
  title "Twenty pipelined NOOPs are each answered OK"
  rfc 9051 5.5 MUST
  tags pipelining
  include imap.greeted
  repeat 20
    command N${i} "NOOP"
  end
  repeat 20
    expect tagged N${i} OK
  end
end
