# RFC 3501 §6.4.1 (CHECK, an IMAP4rev1 command dropped by IMAP4rev2): a checkpoint of the selected
# mailbox, answered OK; outside the selected state it is refused.

case imap.rfc3501.6.4.1.check-selected-ok
  title "CHECK with a mailbox selected completes with OK"
  rfc 3501 6.4.1 MUST
  tags check rev1
  requires login
  requires ext IMAP4rev1
  include imap.a.empty-selected
  command "CHECK"
  expect tagged OK
  cleanup
    include imap.scratch.drop
  end
end

# CHECK needs the selected state: refused in the authenticated state (SHOULD, RFC 9051 §2.2.2 / RFC 3501
# §2.2.2: servers enforce the syntax, which lists CHECK only for the selected state).
case imap.rfc3501.6.4.1.check-without-selection-refused
  title "CHECK with no mailbox selected is refused with NO or BAD"
  rfc 3501 2.2.2 SHOULD
  tags check rev1 states
  requires login
  requires ext IMAP4rev1
  include imap.authenticated
  command "CHECK"
  expect tagged NO|BAD
end
