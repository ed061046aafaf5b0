# The MIME suite through an IMAP server (README.md beside this file): each message of messages/ is
# APPENDed to a scratch mailbox of its own, and what FETCH reports of it (BODYSTRUCTURE, ENVELOPE,
# RFC822.SIZE, every part's octets, BINARY where advertised) is compared with the message's expected
# tree. The server is the parser under test; one verdict per message, with the ids `mailspec mime --exec`
# gives a library (mime.message.STEM), so that `mailspec report a.json b.json --html` lines them up.
suite mime protocol imap

# (connected, logged in) ${box} = mailspec-mime-${uniq} created and empty. Dovecot, under parallel load,
# now and then answers the CREATE of a fresh name NO [ALREADYEXISTS] (and has made it nonetheless), as
# suites/imap/fixtures.mspec says: the first name is deleted again and one retry under another fresh name
# comes before the case skips.
fixture mime.scratch
  set box "mailspec-mime-${uniq}"
  command "CREATE ${box}"
  need tagged OK|NO|BAD
  capture created /(?:^|\n)A\d+ (OK|NO|BAD)/
  if differs "${created}" "OK"
    command "DELETE ${box}"
    need tagged OK|NO|BAD
    set box "mailspec-mime-${uniq}-again"
    command "CREATE ${box}"
    need tagged OK
  end
end

# RFC 9051 §7.5.2: a server computes BODYSTRUCTURE (and ENVELOPE) by parsing the message's MIME header
# fields (RFC 2045-2047, 2231) and its RFC 5322 header; §6.4.5 numbers the parts and gives each part's
# octets. A server reading the message as the expected tree says passes; a difference is judged by the
# expected file (its basis rfc: the level of the requirement it cites; robust, for a malformed message:
# warn, or info), and the reason names every field that differs.
case mime.message
  title "FETCH reports the MIME structure of the message as its expected tree says"
  rfc 9051 7.5.2 MUST
  tags mime bodystructure envelope fetch
  requires login
  each-file msg "messages/*.eml"
  connect
  need greeting
  login
  include mime.scratch
  command "APPEND ${box}" literal-file "${msg}"
  need tagged OK
  command "SELECT ${box}"
  need tagged OK
  compare-mime "${msg}"
  cleanup
    connect tidy
    need greeting
    login
    command "DELETE ${box}"
    need tagged OK
  end
end
