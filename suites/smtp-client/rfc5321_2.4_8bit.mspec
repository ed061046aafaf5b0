# RFC 5321 §2.4 (and RFC 6152 §3): without a negotiated 8BITMIME the client sends only 7-bit data; an
# 8-bit message is converted (quoted-printable, base64) or not sent. Needs an 8-bit message (the scripted
# client's has one); a 7-bit message passes.
case smtp-client.rfc5321.2.4.no-8bit-without-8bitmime
  title "Without 8BITMIME the mail data is 7-bit"
  rfc 5321 2.4 MUST
  rfc 6152 3 MUST
  tags 8bit data
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test" "250 ENHANCEDSTATUSCODES"
  need command MAIL|QUIT hint "the client did not start a mail transaction (have it send one message)"
  if equals "${cmd.verb}" "MAIL"
    send "250 2.1.0 sender ok"
    need command RCPT hint "the client did not name a recipient"
    send "250 2.1.5 recipient ok"
    need command DATA|RSET|QUIT hint "the client did not send DATA"
    if equals "${cmd.verb}" "DATA"
      send "354 go ahead"
      expect data text /\A[\x00-\x7F]*\z/
      send "250 2.0.0 queued as ${uniq}"
      include smtp-client.quit
    else
      send "250 2.0.0 ok"
    end
  else
    send "221 2.0.0 bye"
  end
end
