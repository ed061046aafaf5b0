# RFC 5321 §4.5.3.1: sizes every implementation handles; the client's text lines stay within 1000 octets.

# A reply line of exactly 512 octets (the §4.5.3.1.5 maximum, CRLF included) is read (§4.5.3.1 MUST).
case smtp-client.rfc5321.4.5.3.1.reply-line-512
  title "A reply line of 512 octets (the maximum) is read"
  rfc 5321 4.5.3.1 MUST
  rfc 5321 4.5.3.1.5 MUST
  tags limits replies
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test " + "x" * 492 "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  expect command MAIL|QUIT
  if equals "${cmd.verb}" "MAIL"
    send "250 2.1.0 " + "y" * 500
    expect command RCPT
    send "250 2.1.5 recipient ok"
    need command DATA hint "the client did not send DATA"
    send "354 go ahead"
    need data
    send "250 2.0.0 queued as ${uniq}"
    include smtp-client.quit
  else
    send "221 2.0.0 bye"
  end
end

# Longer reply lines break §4.5.3.1.5, but §4.5.3.1 asks implementations to impose no limits where
# they can: a 1000-octet EHLO line does not stop the client (read as SHOULD).
case smtp-client.rfc5321.4.5.3.1.reply-line-1000
  title "A 1000-octet reply line does not stop the client"
  rfc 5321 4.5.3.1 SHOULD
  tags limits replies
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test " + "x" * 980 "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  expect command MAIL|QUIT
  if equals "${cmd.verb}" "MAIL"
    send "250 2.1.0 sender ok"
    include smtp-client.rest-after-mail
  else
    send "221 2.0.0 bye"
  end
end

# A text line of the mail data is at most 1000 octets with its CRLF (§4.5.3.1.6 MUST): longer lines
# are wrapped or encoded (quoted-printable, base64). The client must have a message with a long line.
case smtp-client.rfc5321.4.5.3.1.6.data-line-length
  title "Lines of the mail data are at most 998 octets plus CRLF"
  rfc 5321 4.5.3.1.6 MUST
  tags limits data
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send a message with a line over 998 octets)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  expect data text /\A(?![\s\S]*[^\r\n]{999})/
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end
