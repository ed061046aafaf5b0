# RFC 9051 §7.5.2 (BODYSTRUCTURE, ENVELOPE), §6.4.5.1 (section numbers) and §6.4.4 (decoding before SEARCH),
# with RFC 2045-2047 and 2231: MIME as the server sees it. Five known messages (messages/b-*.eml) are
# appended to ${box} (fixture imap.sel.mime): 1 nested multipart (mixed > alternative + image with
# Content-ID and Content-Description), 2 a forwarded message/rfc822, 3 encoded-words in From and Subject and
# an ISO-8859-1 quoted-printable body, 4 RFC 2231 parameter continuations, 5 a message without MIME fields.
# Expected values are computed from the files (CRLF line ends). Strings quoted or literal; MIME names in any
# case; extension data optional; the line count of a part whose last line ends at a boundary may be counted
# either way (the CRLF before a boundary belongs to the boundary).

# Authenticated, ${box} created holding the five b-*.eml messages (no flags), then selected read-write.
# Pair it with `cleanup include imap.scratch.drop end`.
fixture imap.sel.mime
  include imap.authenticated
  set box "mailspec-${uniq}"
  command "CREATE ${box}"
  need tagged OK
  command "APPEND ${box} () \"04-Jan-2024 09:15:00 +0000\"" literal-file "messages/b-nested.eml"
  need tagged OK
  command "APPEND ${box} () \"05-Jan-2024 14:00:00 +0000\"" literal-file "messages/b-rfc822.eml"
  need tagged OK
  command "APPEND ${box} () \"06-Jan-2024 16:45:00 +0100\"" literal-file "messages/b-encoded.eml"
  need tagged OK
  command "APPEND ${box} () \"07-Jan-2024 07:30:00 +0000\"" literal-file "messages/b-rfc2231.eml"
  need tagged OK
  command "APPEND ${box} () \"08-Jan-2024 12:00:00 +0000\"" literal-file "messages/b-nomime.eml"
  need tagged OK
  command "SELECT ${box}"
  need tagged OK
end

# RFC822.SIZE counts the octets of each message as appended: 772, 593, 401, 430, 234.
case imap.rfc9051.7.5.2.rfc822-size-all
  title "RFC822.SIZE of each MIME message is its exact size"
  rfc 9051 6.4.5 MUST
  rfc 9051 2.3.4 MUST
  tags mime fetch size
  requires login
  include imap.sel.mime
  command "FETCH 1:5 (RFC822.SIZE)"
  expect tagged OK
  expect untagged FETCH 1 /RFC822\.SIZE 772\b/i
  expect untagged FETCH 2 /RFC822\.SIZE 593\b/i
  expect untagged FETCH 3 /RFC822\.SIZE 401\b/i
  expect untagged FETCH 4 /RFC822\.SIZE 430\b/i
  expect untagged FETCH 5 /RFC822\.SIZE 234\b/i
  cleanup
    include imap.scratch.drop
  end
end

# A multipart inside a multipart is a body inside the list of parts: (alternative of text/plain and
# text/html) then the image/png part, then "mixed"; every basic field exact.
case imap.rfc9051.7.5.2.nested-bodystructure
  title "BODYSTRUCTURE of a multipart/mixed holding a multipart/alternative"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  tags mime bodystructure nested
  requires login
  include imap.sel.mime
  command "FETCH 1 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 1 /BODYSTRUCTURE \(\(\("text" "plain" \("charset" "us-ascii"\) NIL NIL "7bit" 18 (?:0|1)(?: NIL(?: NIL(?: NIL(?: NIL)?)?)?)?\) ?\("text" "html" \("charset" "us-ascii"\) NIL NIL "quoted-printable" 24 (?:0|1)(?: NIL(?: NIL(?: NIL(?: NIL)?)?)?)?\) "alternative"(?: \("boundary" "inner-b"\)(?: NIL(?: NIL(?: NIL)?)?)?)?\) ?\("image" "png" \("name" "dot\.png"\) "<dot@mailspec\.test>" "a one-dot image" "base64" 12(?: NIL(?: \("inline" \("filename" "dot\.png"\)\)(?: NIL(?: NIL)?)?)?)?\) "mixed"(?: \("boundary" "outer-b"\)(?: NIL(?: NIL(?: NIL)?)?)?)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# BODY gives the same tree without any extension data (no parameters after the subtypes, nothing after the sizes).
case imap.rfc9051.7.5.2.nested-body-no-extension
  title "BODY of the nested message has no extension data"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  tags mime body nested
  requires login
  include imap.sel.mime
  command "FETCH 1 (BODY)"
  expect tagged OK
  expect untagged FETCH 1 /BODY \(\(\("text" "plain" \("charset" "us-ascii"\) NIL NIL "7bit" 18 (?:0|1)\) ?\("text" "html" \("charset" "us-ascii"\) NIL NIL "quoted-printable" 24 (?:0|1)\) "alternative"\) ?\("image" "png" \("name" "dot\.png"\) "<dot@mailspec\.test>" "a one-dot image" "base64" 12\) "mixed"\)/i
  cleanup
    include imap.scratch.drop
  end
end

# The body id and description fields hold the part's Content-ID and Content-Description values.
case imap.rfc9051.7.5.2.content-id-and-description
  title "BODYSTRUCTURE carries Content-ID and Content-Description"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  tags mime bodystructure
  requires login
  include imap.sel.mime
  command "FETCH 1 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 1 /"image" "png" \("name" "dot\.png"\) "<dot@mailspec\.test>" "a one-dot image" "base64" 12\b/i
  cleanup
    include imap.scratch.drop
  end
end

# Parts of a nested multipart are numbered with a period: 1.1 is the text/plain alternative.
case imap.rfc9051.7.5.2.nested-part-1-1
  title "BODY[1.1] is the first part inside the nested multipart"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section nested
  requires login
  include imap.sel.mime
  command "FETCH 1 (BODY.PEEK[1.1])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[1\.1\] (?:\{18\}\r\nPlain alternative\.|"Plain alternative\.")/i
  cleanup
    include imap.scratch.drop
  end
end

# 1.2 is the text/html alternative, in its quoted-printable form.
case imap.rfc9051.7.5.2.nested-part-1-2
  title "BODY[1.2] is the second part inside the nested multipart"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section nested
  requires login
  include imap.sel.mime
  command "FETCH 1 (BODY.PEEK[1.2])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[1\.2\] (?:\{24\}\r\n<p>HTML alternative\.<\/p>|"<p>HTML alternative\.<\/p>")/i
  cleanup
    include imap.scratch.drop
  end
end

# Part 2 of the outer multipart is the image, base64 text as it is.
case imap.rfc9051.7.5.2.nested-part-2
  title "BODY[2] is the part after the nested multipart"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section nested
  requires login
  include imap.sel.mime
  command "FETCH 1 (BODY.PEEK[2])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[2\] (?:\{12\}\r\niVBORw0KGgo=|"iVBORw0KGgo=")/i
  cleanup
    include imap.scratch.drop
  end
end

# BODY[1] of a part that is itself multipart is that part's body: the inner boundaries and both
# alternatives (the CRLF before the outer boundary may or may not be counted).
case imap.rfc9051.7.5.2.nested-part-1-whole
  title "BODY[1] of a multipart part is its whole body with the inner boundaries"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section nested
  requires login
  include imap.sel.mime
  command "FETCH 1 (BODY.PEEK[1])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[1\] (?:(?:\{215\}\r\n--inner-b\r\nContent-Type: text\/plain; charset=us-ascii\r\n\r\nPlain alternative\.\r\n--inner-b\r\nContent-Type: text\/html; charset=us-ascii\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>HTML alternative\.<\/p>\r\n--inner-b--)|(?:\{217\}\r\n--inner-b\r\nContent-Type: text\/plain; charset=us-ascii\r\n\r\nPlain alternative\.\r\n--inner-b\r\nContent-Type: text\/html; charset=us-ascii\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>HTML alternative\.<\/p>\r\n--inner-b--\r\n))/i
  cleanup
    include imap.scratch.drop
  end
end

# The MIME header of part 1 is its Content-Type field with the boundary, and the blank line.
case imap.rfc9051.7.5.2.nested-part-1-mime
  title "BODY[1.MIME] is the header of the nested multipart part"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section nested
  requires login
  include imap.sel.mime
  command "FETCH 1 (BODY.PEEK[1.MIME])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[1\.MIME\] (?:\{59\}\r\nContent-Type: multipart\/alternative; boundary="inner-b"\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# MIME after two part numbers: the two header fields of the text/html part.
case imap.rfc9051.7.5.2.nested-part-1-2-mime
  title "BODY[1.2.MIME] is the header of the nested html part"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section nested
  requires login
  include imap.sel.mime
  command "FETCH 1 (BODY.PEEK[1.2.MIME])"
  expect tagged OK
  expect untagged FETCH 1 /BODY\[1\.2\.MIME\] (?:\{90\}\r\nContent-Type: text\/html; charset=us-ascii\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# A MESSAGE/RFC822 part adds, after the basic fields, the envelope of the enclosed message, its body
# structure and the size in lines: 209 octets, 7 lines (8 if the line before the boundary is counted).
case imap.rfc9051.7.5.2.rfc822-bodystructure
  title "BODYSTRUCTURE of a message/rfc822 part has envelope, body and lines"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  tags mime bodystructure rfc822
  requires login
  include imap.sel.mime
  command "FETCH 2 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 2 /BODYSTRUCTURE \(\("text" "plain" \("charset" "us-ascii"\) NIL NIL "7bit" 25 (?:0|1)(?: NIL(?: NIL(?: NIL(?: NIL)?)?)?)?\) ?\("message" "rfc822" NIL NIL NIL "7bit" 209 \("Thu, 04 Jan 2024 08:00:00 \+0000" "inner subject" \(\("Frank Example" NIL "frank" "example\.test"\)\) \(\("Frank Example" NIL "frank" "example\.test"\)\) \(\("Frank Example" NIL "frank" "example\.test"\)\) \(\(NIL NIL "erin" "example\.test"\)\) NIL NIL NIL "<b-inner@mailspec\.test>"\) \("text" "plain" \("charset" "us-ascii"\) NIL NIL "7bit" 42 (?:1|2)(?: NIL(?: NIL(?: NIL(?: NIL)?)?)?)?\) (?:7|8)(?: NIL(?: NIL(?: NIL(?: NIL)?)?)?)?\) "mixed"(?: \("boundary" "fwd-b"\)(?: NIL(?: NIL(?: NIL)?)?)?)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# The part is the encapsulated message, its header included.
case imap.rfc9051.7.5.2.rfc822-part-2
  title "BODY[2] of a message/rfc822 part is the whole enclosed message"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section rfc822
  requires login
  include imap.sel.mime
  command "FETCH 2 (BODY.PEEK[2])"
  expect tagged OK
  expect untagged FETCH 2 /BODY\[2\] (?:\{209\}\r\nFrom: Frank Example <frank@example\.test>\r\nTo: erin@example\.test\r\nSubject: inner subject\r\nDate: Thu, 04 Jan 2024 08:00:00 \+0000\r\nMessage-ID: <b-inner@mailspec\.test>\r\n\r\nInner body line one\.\r\nInner body line two\.)/i
  cleanup
    include imap.scratch.drop
  end
end

# HEADER after a part number of type MESSAGE/RFC822 is the enclosed message's header, blank line included.
case imap.rfc9051.7.5.2.rfc822-part-2-header
  title "BODY[2.HEADER] is the header of the enclosed message"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section rfc822
  requires login
  include imap.sel.mime
  command "FETCH 2 (BODY.PEEK[2.HEADER])"
  expect tagged OK
  expect untagged FETCH 2 /BODY\[2\.HEADER\] (?:\{167\}\r\nFrom: Frank Example <frank@example\.test>\r\nTo: erin@example\.test\r\nSubject: inner subject\r\nDate: Thu, 04 Jan 2024 08:00:00 \+0000\r\nMessage-ID: <b-inner@mailspec\.test>\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# TEXT after the part number is the enclosed message's body.
case imap.rfc9051.7.5.2.rfc822-part-2-text
  title "BODY[2.TEXT] is the body of the enclosed message"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section rfc822
  requires login
  include imap.sel.mime
  command "FETCH 2 (BODY.PEEK[2.TEXT])"
  expect tagged OK
  expect untagged FETCH 2 /BODY\[2\.TEXT\] (?:\{42\}\r\nInner body line one\.\r\nInner body line two\.)/i
  cleanup
    include imap.scratch.drop
  end
end

# A MESSAGE/RFC822 part has nested part numbers; the enclosed text/plain message has part 1, its body.
case imap.rfc9051.7.5.2.rfc822-part-2-1
  title "BODY[2.1] is the single part of the enclosed message"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section rfc822
  requires login
  include imap.sel.mime
  command "FETCH 2 (BODY.PEEK[2.1])"
  expect tagged OK
  expect untagged FETCH 2 /BODY\[2\.1\] (?:\{42\}\r\nInner body line one\.\r\nInner body line two\.)/i
  cleanup
    include imap.scratch.drop
  end
end

# MIME is the part's own header in the outer multipart (Content-Type: message/rfc822), not the enclosed message's header.
case imap.rfc9051.7.5.2.rfc822-part-2-mime
  title "BODY[2.MIME] is the MIME header of the message/rfc822 part"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section rfc822
  requires login
  include imap.sel.mime
  command "FETCH 2 (BODY.PEEK[2.MIME])"
  expect tagged OK
  expect untagged FETCH 2 /BODY\[2\.MIME\] (?:\{32\}\r\nContent-Type: message\/rfc822\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# HEADER.FIELDS after a part number works on the enclosed message's header: its Subject and the blank line.
case imap.rfc9051.7.5.2.rfc822-part-2-header-fields
  title "BODY[2.HEADER.FIELDS (SUBJECT)] subsets the enclosed header"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section rfc822 header-fields
  requires login
  include imap.sel.mime
  command "FETCH 2 (BODY.PEEK[2.HEADER.FIELDS (SUBJECT)])"
  expect tagged OK
  expect untagged FETCH 2 /BODY\[2\.HEADER\.FIELDS \("?SUBJECT"?\)\] (?:\{26\}\r\nSubject: inner subject\r\n\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# The envelope is built from the message's own header: the forwarded message's fields do not leak into it.
case imap.rfc9051.7.5.2.rfc822-envelope-is-outer
  title "ENVELOPE of a forwarding message describes the outer header only"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  tags mime envelope rfc822
  requires login
  include imap.sel.mime
  command "FETCH 2 (ENVELOPE)"
  expect tagged OK
  expect untagged FETCH 2 /ENVELOPE \("Fri, 05 Jan 2024 14:00:00 \+0000" "mailspec forwarded message" \(\("Erin Example" NIL "erin" "example\.test"\)\) \(\("Erin Example" NIL "erin" "example\.test"\)\) \(\("Erin Example" NIL "erin" "example\.test"\)\) \(\(NIL NIL "alice" "example\.test"\)\) NIL NIL NIL "<b-rfc822@mailspec\.test>"\)/i
  cleanup
    include imap.scratch.drop
  end
end

# The envelope holds the header's strings: the encoded-words as they are in the header (a server that decodes
# them to UTF-8 is accepted too), the quoted display name without its quotes, the Reply-To address, and
# sender defaulted to from (no Sender field).
case imap.rfc9051.7.5.2.encoded-words-envelope
  title "ENVELOPE of a header with encoded-words, Reply-To and a quoted display name"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  tags mime envelope encoded-words
  requires login
  include imap.sel.mime
  command "FETCH 3 (ENVELOPE)"
  expect tagged OK
  expect untagged FETCH 3 /(?:ENVELOPE \("Sat, 06 Jan 2024 16:45:00 \+0100" "=\?ISO-8859-1\?Q\?Gr=FC=DFe\?= mailspec encoded" \(\("=\?UTF-8\?Q\?J=C3=B6rg_Example\?=" NIL "joerg" "example\.test"\)\) \(\("=\?UTF-8\?Q\?J=C3=B6rg_Example\?=" NIL "joerg" "example\.test"\)\) \(\(NIL NIL "replies" "example\.test"\)\) \(\("Alice Example" NIL "alice" "example\.test"\)\) NIL NIL NIL "<b-encoded@mailspec\.test>"\)|ENVELOPE \("Sat, 06 Jan 2024 16:45:00 \+0100" "Grüße mailspec encoded" \(\("Jörg Example" NIL "joerg" "example\.test"\)\) \(\("Jörg Example" NIL "joerg" "example\.test"\)\) \(\(NIL NIL "replies" "example\.test"\)\) \(\("Alice Example" NIL "alice" "example\.test"\)\) NIL NIL NIL "<b-encoded@mailspec\.test>"\))/i
  cleanup
    include imap.scratch.drop
  end
end

# Without a Sender field, the sender member repeats the from member; reply-to is the Reply-To address.
case imap.rfc9051.7.5.2.envelope-sender-defaults-to-from
  title "ENVELOPE sender is from when there is no Sender field"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  tags mime envelope
  requires login
  include imap.sel.mime
  command "FETCH 3 (ENVELOPE)"
  expect tagged OK
  expect untagged FETCH 3 /\(\((?:"=\?UTF-8\?Q\?J=C3=B6rg_Example\?="|"Jörg Example") NIL "joerg" "example\.test"\)\) \(\((?:"=\?UTF-8\?Q\?J=C3=B6rg_Example\?="|"Jörg Example") NIL "joerg" "example\.test"\)\) \(\(NIL NIL "replies" "example\.test"\)\)/i
  cleanup
    include imap.scratch.drop
  end
end

# MIME header strings must be decoded before comparing: `Grüße` (UTF-8) finds the ISO-8859-1 encoded-word subject of message 3.
case imap.rfc9051.7.5.2.search-subject-decodes-encoded-words
  title "SEARCH SUBJECT decodes encoded-words before comparing"
  rfc 9051 6.4.4 MUST
  tags mime search encoded-words charset
  requires login
  include imap.sel.mime
  if ext IMAP4rev1
    command "SEARCH CHARSET UTF-8 SUBJECT" literal "Grüße"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) CHARSET UTF-8 SUBJECT" literal "Grüße"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# The UTF-8 Q-encoded display name of message 3's From is decoded before matching `Jörg`.
case imap.rfc9051.7.5.2.search-from-decodes-encoded-words
  title "SEARCH FROM decodes an encoded-word display name"
  rfc 9051 6.4.4 MUST
  tags mime search encoded-words charset
  requires login
  include imap.sel.mime
  if ext IMAP4rev1
    command "SEARCH CHARSET UTF-8 FROM" literal "Jörg"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) CHARSET UTF-8 FROM" literal "Jörg"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# Transfer encodings must be undone before comparing: `Grüße aus` (UTF-8) finds the ISO-8859-1 quoted-printable body `Gr=FC=DFe aus`.
case imap.rfc9051.7.5.2.search-body-decodes-quoted-printable
  title "SEARCH BODY decodes quoted-printable and the charset"
  rfc 9051 6.4.4 MUST
  tags mime search charset quoted-printable
  requires login
  include imap.sel.mime
  if ext IMAP4rev1
    command "SEARCH CHARSET UTF-8 BODY" literal "Grüße aus"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 3\b)(?: (?:3)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) CHARSET UTF-8 BODY" literal "Grüße aus"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 3\b)(?=.* MAX 3\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# Only parts other than TEXT and MESSAGE may be skipped by SEARCH: the text of the forwarded message (a MESSAGE part) is searched.
case imap.rfc9051.7.5.2.search-text-finds-enclosed-message
  title "SEARCH BODY looks inside a message/rfc822 part"
  rfc 9051 6.4.4 MUST
  tags mime search rfc822
  requires login
  include imap.sel.mime
  if ext IMAP4rev1
    command "SEARCH BODY \"Inner body line\""
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) BODY \"Inner body line\""
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# The encoding field is quoted-printable and the size is that of the encoded text: 25 octets, 1 line.
case imap.rfc9051.7.5.2.quoted-printable-bodystructure
  title "BODYSTRUCTURE of an ISO-8859-1 quoted-printable text"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  tags mime bodystructure quoted-printable
  requires login
  include imap.sel.mime
  command "FETCH 3 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 3 /BODYSTRUCTURE \("text" "plain" \("charset" "iso-8859-1"\) NIL NIL "quoted-printable" 25 (?:1)(?: NIL(?: NIL(?: NIL(?: NIL)?)?)?)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# BODY returns the encoded form: `Gr=FC=DFe aus dem Test.` with its CRLF.
case imap.rfc9051.7.5.2.quoted-printable-body-not-decoded
  title "BODY[1] returns quoted-printable text undecoded"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section quoted-printable
  requires login
  include imap.sel.mime
  command "FETCH 3 (BODY.PEEK[1])"
  expect tagged OK
  expect untagged FETCH 3 /BODY\[1\] (?:\{25\}\r\nGr=FC=DFe aus dem Test\.\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# BINARY undoes quoted-printable (not the charset): 0xFC 0xDF for =FC=DF, 21 octets in all.
case imap.rfc9051.7.5.2.binary-decodes-quoted-printable
  title "BINARY[1] decodes quoted-printable to the ISO-8859-1 octets"
  rfc 9051 6.4.5 MUST
  rfc 3516 4.2 MUST
  tags mime binary quoted-printable
  requires login
  if not ext BINARY
    if not ext IMAP4rev2
      need equals "BINARY" "advertised" hint "the server advertises neither BINARY nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.sel.mime
  command "FETCH 3 (BINARY.PEEK[1])"
  expect tagged OK
  expect untagged FETCH 3 /BINARY\[1\] ~?\{21\}\r\nGr\xfc\xdfe aus dem Test\.\r\n/i
  cleanup
    include imap.scratch.drop
  end
end

# Servers should decode RFC 2231 continuations: name*0 and name*1 are returned as one parameter `name` = `long-name-continued.bin`.
case imap.rfc9051.7.5.2.rfc2231-continuation-decoded
  title "Parameter continuations are joined into one parameter"
  rfc 9051 7.5.2 SHOULD
  tags mime bodystructure rfc2231
  requires login
  include imap.sel.mime
  command "FETCH 4 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 4 /"application" "octet-stream" \("name" "long-name-continued\.bin"\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Servers should decode the continuations of disposition parameters too: filename*0* (with a charset) and
# filename*1 make one filename (named `filename` or `filename*`; the value with or without the charset prefix).
# Extension data is optional, so a server that sends none is not judged here.
case imap.rfc9051.7.5.2.rfc2231-disposition-decoded
  title "Disposition parameter continuations are joined"
  rfc 9051 7.5.2 SHOULD
  tags mime bodystructure rfc2231
  requires login
  include imap.sel.mime
  command "FETCH 4 (BODYSTRUCTURE)"
  expect tagged OK
  capture extd /\A[\s\S]*?"base64" \d+ (NIL \()|\A/i
  if differs "${extd}" ""
    expect untagged FETCH 4 /"attachment" \("filename\*?" "(?:us-ascii'[^']*')?long-name-continued\.bin"\)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# The size field counts the encoded octets (`AAEC` and the CRLF: 6), not the 3 decoded ones.
case imap.rfc9051.7.5.2.base64-size-encoded
  title "The size of a base64 part is its encoded size"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  tags mime bodystructure
  requires login
  include imap.sel.mime
  command "FETCH 4 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 4 /"base64" 6\b/i
  cleanup
    include imap.scratch.drop
  end
end

# BINARY.SIZE counts the decoded octets: 3.
case imap.rfc9051.7.5.2.binary-size-decoded
  title "BINARY.SIZE[1] of the base64 part is its decoded size"
  rfc 9051 6.4.5 MUST
  rfc 3516 4.2 MUST
  tags mime binary
  requires login
  if not ext BINARY
    if not ext IMAP4rev2
      need equals "BINARY" "advertised" hint "the server advertises neither BINARY nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.sel.mime
  command "FETCH 4 (BINARY.SIZE[1])"
  expect tagged OK
  expect untagged FETCH 4 /BINARY\.SIZE\[1\] 3\b/i
  cleanup
    include imap.scratch.drop
  end
end

# Without Content-Type the default is text/plain; charset=us-ascii and without Content-Transfer-Encoding 7bit:
# 56 octets, 2 lines (the charset may also be left as NIL parameters).
case imap.rfc9051.7.5.2.no-mime-defaults-text-plain
  title "A message without MIME fields is text/plain us-ascii 7bit"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  rfc 2045 5.2 MUST
  tags mime bodystructure defaults
  requires login
  include imap.sel.mime
  command "FETCH 5 (BODYSTRUCTURE)"
  expect tagged OK
  expect untagged FETCH 5 /BODYSTRUCTURE \("text" "plain" (?:\("charset" "us-ascii"\)|NIL) NIL NIL "7bit" 56 (?:2)(?: NIL(?: NIL(?: NIL(?: NIL)?)?)?)?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# Messages that do not use MIME have a part 1: the body.
case imap.rfc9051.7.5.2.no-mime-part-1
  title "BODY[1] of a message without MIME is its body"
  rfc 9051 6.4.5.1 MUST
  tags mime body-section defaults
  requires login
  include imap.sel.mime
  command "FETCH 5 (BODY.PEEK[1])"
  expect tagged OK
  expect untagged FETCH 5 /BODY\[1\] (?:\{56\}\r\nA message without any MIME header field\.\r\nSecond line\.\r\n)/i
  cleanup
    include imap.scratch.drop
  end
end

# Absent Cc and Bcc are NIL, an absent In-Reply-To is NIL; sender and reply-to default to from.
case imap.rfc9051.7.5.2.no-mime-envelope-nil-fields
  title "ENVELOPE gives NIL for absent Cc, Bcc and In-Reply-To"
  rfc 9051 7.5.2 MUST
  rfc 9051 6.4.5 MUST
  tags mime envelope
  requires login
  include imap.sel.mime
  command "FETCH 5 (ENVELOPE)"
  expect tagged OK
  expect untagged FETCH 5 /ENVELOPE \("Mon, 08 Jan 2024 12:00:00 \+0000" "mailspec no mime headers" \(\("Hank Example" NIL "hank" "example\.test"\)\) \(\("Hank Example" NIL "hank" "example\.test"\)\) \(\("Hank Example" NIL "hank" "example\.test"\)\) \(\(NIL NIL "alice" "example\.test"\)\) NIL NIL NIL "<b-nomime@mailspec\.test>"\)/i
  cleanup
    include imap.scratch.drop
  end
end
