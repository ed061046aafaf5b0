# RFC 9051 §2.3.1.1 (unique identifiers): "Unique identifiers are assigned in a strictly ascending fashion
# in the mailbox" and a UID is never reused within a UIDVALIDITY. The mailbox-state model also checks this
# on every response (rules uid-reused, new-uid-not-ascending); this case provokes the situation where a
# careless server reuses a UID: the message with the highest UID is expunged, then a new one is appended.

case imap.rfc9051.2.3.1.1.expunged-uid-not-reused
  title "A message appended after the last one was expunged gets a higher UID, not the expunged one"
  rfc 9051 2.3.1.1 MUST
  tags uid expunge append
  requires login
  include imap.scratch.selected
  command "FETCH 3 (UID)"
  need tagged OK
  capture last /\* 3 FETCH \(UID (\d+)\)/i
  command "STORE 3 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "APPEND ${box}" literal "From: mailspec@example.org\r\nSubject: after expunge ${uniq}\r\n\r\nnew\r\n"
  need tagged OK
  command "NOOP"
  need tagged OK
  command "FETCH 3 (UID)"
  expect tagged OK
  capture new /\* 3 FETCH \(UID (\d+)\)/i
  expect greater "${new}" "${last}"
  cleanup
    include imap.scratch.drop
  end
end
