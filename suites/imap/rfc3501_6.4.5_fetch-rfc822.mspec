# RFC 3501 §6.4.5: the IMAP4rev1 FETCH items RFC822, RFC822.HEADER and RFC822.TEXT (RFC 9051 dropped them,
# so the cases run where IMAP4rev1 is advertised): the same octets as BODY[], BODY.PEEK[HEADER] and BODY[TEXT],
# under their own names, and RFC822 and RFC822.TEXT set \Seen as BODY[] does while RFC822.HEADER does not.
# Message 1 of the scratch mailbox is plain-one.eml (\Seen); message 3 is unseen.

# RFC822 is BODY[] under another name: the 295 octets of message 1 as appended.
case imap.rfc3501.6.4.5.rfc822-is-whole-message
  title "FETCH RFC822 returns the whole message, named RFC822"
  rfc 3501 6.4.5 MUST
  tags fetch rfc822 imap4rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.selected
  command "FETCH 1 (RFC822)"
  expect tagged OK
  expect untagged FETCH 1 /RFC822 (?:\{295\}\r\nFrom: Alice Example <alice@example\.test>\r\nTo: Bob Example <bob@example\.test>\r\nSubject: mailspec plain one\r\nDate: Mon, 01 Jan 2024 10:00:00 \+0000\r\nMessage-ID: <plain-one@mailspec\.test>\r\nMIME-Version: 1\.0\r\nContent-Type: text\/plain; charset=us-ascii\r\n\r\nThe first known message\.\r\nIt has two lines\.\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# RFC822.HEADER is BODY.PEEK[HEADER] under another name: the header of message 1 and the blank line.
case imap.rfc3501.6.4.5.rfc822-header-is-header
  title "FETCH RFC822.HEADER returns the header with its blank line"
  rfc 3501 6.4.5 MUST
  tags fetch rfc822 imap4rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.selected
  command "FETCH 1 (RFC822.HEADER)"
  expect tagged OK
  expect untagged FETCH 1 /RFC822\.HEADER (?:\{250\}\r\nFrom: Alice Example <alice@example\.test>\r\nTo: Bob Example <bob@example\.test>\r\nSubject: mailspec plain one\r\nDate: Mon, 01 Jan 2024 10:00:00 \+0000\r\nMessage-ID: <plain-one@mailspec\.test>\r\nMIME-Version: 1\.0\r\nContent-Type: text\/plain; charset=us-ascii\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# RFC822.TEXT is BODY[TEXT] under another name: the body of message 1 without its header.
case imap.rfc3501.6.4.5.rfc822-text-is-body
  title "FETCH RFC822.TEXT returns the body"
  rfc 3501 6.4.5 MUST
  tags fetch rfc822 imap4rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.selected
  command "FETCH 1 (RFC822.TEXT)"
  expect tagged OK
  expect untagged FETCH 1 /RFC822\.TEXT (?:\{45\}\r\nThe first known message\.\r\nIt has two lines\.\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# Being equivalent to BODY[] (not BODY.PEEK[]), RFC822 sets \Seen: message 3 has it afterwards.
case imap.rfc3501.6.4.5.rfc822-sets-seen
  title "FETCH RFC822 sets \\Seen"
  rfc 3501 6.4.5 MUST
  tags fetch rfc822 imap4rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.selected
  command "FETCH 3 (RFC822)"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \([^)]*\\Seen/i
  cleanup
    include imap.scratch.drop
  end
end

# RFC822.HEADER is equivalent to BODY.PEEK[HEADER]: message 3 stays unseen.
case imap.rfc3501.6.4.5.rfc822-header-keeps-unseen
  title "FETCH RFC822.HEADER leaves \\Seen unset"
  rfc 3501 6.4.5 MUST
  tags fetch rfc822 imap4rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.selected
  command "FETCH 3 (RFC822.HEADER)"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \((?![^)]*\\Seen)[^)]*\)/i
  cleanup
    include imap.scratch.drop
  end
end

# RFC822.TEXT is equivalent to BODY[TEXT], which sets \Seen: message 3 has it afterwards.
case imap.rfc3501.6.4.5.rfc822-text-sets-seen
  title "FETCH RFC822.TEXT sets \\Seen"
  rfc 3501 6.4.5 MUST
  tags fetch rfc822 imap4rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.selected
  command "FETCH 3 (RFC822.TEXT)"
  need tagged OK
  command "FETCH 3 (FLAGS)"
  expect tagged OK
  expect untagged FETCH 3 /FLAGS \([^)]*\\Seen/i
  cleanup
    include imap.scratch.drop
  end
end
