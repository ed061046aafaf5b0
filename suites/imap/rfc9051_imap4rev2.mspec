# RFC 9051 Appendix A and §6.1.1: a server advertising both IMAP4rev1 and IMAP4rev2 behaves as an RFC
# 3501 server until the client enables IMAP4rev2 (ENABLE IMAP4rev2), and as an RFC 9051 server after.
# Every case requires both capabilities (and skips on a pure IMAP4rev1 or pure IMAP4rev2 server).

# §6.3.1 with Appendix A: ENABLE IMAP4rev2 is answered ENABLED IMAP4rev2.
case imap.rfc9051.6.3.1.enable-imap4rev2
  title "ENABLE IMAP4rev2 answers ENABLED IMAP4rev2"
  rfc 9051 6.3.1 MUST
  tags imap4rev2 enable
  requires ext IMAP4rev1
  requires ext IMAP4rev2
  requires login
  include imap.authenticated
  command "ENABLE IMAP4rev2"
  expect tagged OK
  expect untagged ENABLED /IMAP4rev2/i
end

# §6.1.1: before ENABLE IMAP4rev2, responses follow RFC 3501: SEARCH answers `* SEARCH`.
case imap.rfc9051.6.1.1.rev1-search-before-enable
  title "Before ENABLE IMAP4rev2, SEARCH answers an untagged SEARCH (RFC 3501)"
  rfc 9051 6.1.1 MUST
  rfc 3501 6.4.4 MUST
  tags imap4rev2 search
  requires ext IMAP4rev1
  requires ext IMAP4rev2
  requires login
  include imap.scratch.selected
  command "SEARCH ALL"
  expect tagged OK
  expect untagged SEARCH
  cleanup
    include imap.scratch.drop
  end
end

# §6.4.4: after ENABLE IMAP4rev2, SEARCH answers ESEARCH.
case imap.rfc9051.6.4.4.rev2-search-esearch
  title "After ENABLE IMAP4rev2, SEARCH answers ESEARCH"
  rfc 9051 6.4.4 MUST
  tags imap4rev2 search
  requires ext IMAP4rev1
  requires ext IMAP4rev2
  requires login
  include imap.scratch
  command "ENABLE IMAP4rev2"
  need tagged OK
  command "SELECT ${box}"
  need tagged OK
  command "SEARCH ALL"
  expect tagged OK
  expect untagged ESEARCH
  cleanup
    include imap.scratch.drop
  end
end

# §6.3.2: after ENABLE IMAP4rev2, SELECT sends an untagged LIST for the selected mailbox.
case imap.rfc9051.6.3.2.rev2-select-sends-list
  title "After ENABLE IMAP4rev2, SELECT sends an untagged LIST"
  rfc 9051 6.3.2 MUST
  tags imap4rev2 select
  requires ext IMAP4rev1
  requires ext IMAP4rev2
  requires login
  include imap.scratch
  command "ENABLE IMAP4rev2"
  need tagged OK
  command "SELECT ${box}"
  expect tagged OK
  expect untagged LIST /${box}/
  cleanup
    include imap.scratch.drop
  end
end

# §6.1.1 and RFC 3501 §6.3.1: before ENABLE IMAP4rev2, SELECT sends the RFC 3501 RECENT response.
case imap.rfc9051.6.1.1.rev1-select-sends-recent
  title "Before ENABLE IMAP4rev2, SELECT sends RECENT (RFC 3501)"
  rfc 9051 6.1.1 MUST
  rfc 3501 6.3.1 MUST
  tags imap4rev2 select
  requires ext IMAP4rev1
  requires ext IMAP4rev2
  requires login
  include imap.scratch
  command "SELECT ${box}"
  expect tagged OK
  expect untagged RECENT
  cleanup
    include imap.scratch.drop
  end
end
