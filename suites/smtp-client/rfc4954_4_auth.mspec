# RFC 4954: SMTP AUTH. The client uses a mechanism the server offers, encodes each mechanism as its RFC
# says (serve-auth judges PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1, SCRAM-SHA-256 against the run's user and
# password), cancels with "*" what it cannot decode, and does not go on as if authenticated after 535.
# Cases for a client configured to authenticate (tag auth).

# Each mechanism offered alone: the exchange proves the configured credentials, encoded as the
# mechanism's RFC says (RFC 4954 §4 base64 framing; RFC 4616 PLAIN, RFC 2195 CRAM-MD5, RFC 5802 and
# RFC 7677 SCRAM; LOGIN is the common non-standard username/password exchange).
case smtp-client.rfc4954.4.auth-plain
  title "AUTH PLAIN carries the configured credentials, correctly encoded"
  rfc 4954 4 MUST
  tags auth auth-plain
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH PLAIN" "250 8BITMIME"
  need command AUTH text /\APLAIN(?:\s|\z)/i hint "configure the client to authenticate with AUTH PLAIN"
  serve-auth
  send "235 2.7.0 authentication succeeded"
  include smtp-client.finish
end

case smtp-client.rfc4954.4.auth-login
  title "AUTH LOGIN carries the configured credentials, correctly encoded"
  rfc 4954 4 MUST
  tags auth auth-login
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH LOGIN" "250 8BITMIME"
  need command AUTH text /\ALOGIN(?:\s|\z)/i hint "configure the client to authenticate with AUTH LOGIN"
  serve-auth
  send "235 2.7.0 authentication succeeded"
  include smtp-client.finish
end

case smtp-client.rfc4954.4.auth-cram-md5
  title "AUTH CRAM-MD5 answers the challenge with the configured credentials"
  rfc 4954 4 MUST
  rfc 2195 2 MUST
  tags auth auth-cram-md5
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH CRAM-MD5" "250 8BITMIME"
  need command AUTH text /\ACRAM-MD5\z/i hint "configure the client to authenticate with AUTH CRAM-MD5"
  serve-auth
  send "235 2.7.0 authentication succeeded"
  include smtp-client.finish
end

case smtp-client.rfc4954.4.auth-scram-sha-1
  title "AUTH SCRAM-SHA-1 proves the configured credentials"
  rfc 4954 4 MUST
  rfc 5802 5 MUST
  tags auth auth-scram
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH SCRAM-SHA-1" "250 8BITMIME"
  need command AUTH text /\ASCRAM-SHA-1(?:\s|\z)/i hint "configure the client to authenticate with AUTH SCRAM-SHA-1"
  serve-auth
  send "235 2.7.0 authentication succeeded"
  include smtp-client.finish
end

case smtp-client.rfc4954.4.auth-scram-sha-256
  title "AUTH SCRAM-SHA-256 proves the configured credentials"
  rfc 4954 4 MUST
  rfc 7677 3 MUST
  tags auth auth-scram
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH SCRAM-SHA-256" "250 8BITMIME"
  need command AUTH text /\ASCRAM-SHA-256(?:\s|\z)/i hint "configure the client to authenticate with AUTH SCRAM-SHA-256"
  serve-auth
  send "235 2.7.0 authentication succeeded"
  include smtp-client.finish
end

# The client authenticates with a mechanism the server offers: here CRAM-MD5 and LOGIN only, so no AUTH
# PLAIN (RFC 4954 §4: the server refuses others with 504; a client that has no offered mechanism in
# common quits or goes on without AUTH, §4 MAY).
case smtp-client.rfc4954.4.only-offered-mechanism
  title "AUTH names a mechanism the server offered"
  rfc 4954 4 MUST
  tags auth
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH CRAM-MD5 LOGIN" "250 8BITMIME"
  expect command AUTH|QUIT|MAIL|RSET|NOOP text /\A(?:CRAM-MD5|LOGIN)(?:\s|\z)|\A(?!CRAM|LOGIN|PLAIN|SCRAM|DIGEST|XOAUTH|OAUTH|GSSAPI|NTLM|EXTERNAL|ANONYMOUS)/i or-closed
  need equals "${cmd.verb}" "AUTH" hint "the client did not authenticate (configure AUTH with CRAM-MD5 or LOGIN allowed)"
  serve-auth
  send "235 2.7.0 authentication succeeded"
  include smtp-client.finish
end

# No AUTH at all when the EHLO reply does not offer it (RFC 5321 §4.1.1: no unadvertised extension).
case smtp-client.rfc4954.4.no-auth-unadvertised
  title "No AUTH unless the server offers it"
  rfc 5321 4.1.1 MUST
  tags auth
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  expect command MAIL|QUIT|RSET|NOOP or-closed
  if equals "${cmd.verb}" "MAIL"
    send "250 2.1.0 sender ok"
    include smtp-client.rest-after-mail
  else
    if equals "${cmd.verb}" "QUIT"
      send "221 2.0.0 bye"
    else
      send "250 2.0.0 ok"
      include smtp-client.only-quit
    end
  end
end

# A client configured for STARTTLS does not send its password in clear first, even when the server
# offers AUTH before TLS (RFC 4954 §4 and §14: PLAIN only over TLS; RFC 3207 §6). Tag starttls.
case smtp-client.rfc4954.14.no-auth-before-tls
  title "A client configured for STARTTLS does not AUTH before TLS"
  rfc 4954 14 MUST
  rfc 3207 6 MUST
  tags auth starttls security cleartext
  requires plain
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-STARTTLS" "250-AUTH PLAIN LOGIN" "250 8BITMIME"
  # Anything but AUTH: a client that goes on in clear without AUTH is not configured for this case.
  expect command STARTTLS|QUIT|MAIL|EHLO|HELO|RSET|NOOP or-closed
  need equals "${cmd.verb}" "STARTTLS" hint "configure the client to use STARTTLS and AUTH"
  send "220 2.0.0 ready to start TLS"
  starttls
  need command EHLO hint "the client sent no EHLO after TLS (ehlo-after-starttls judges that)"
  send "250-mailspec.test" "250-AUTH PLAIN LOGIN" "250 8BITMIME"
  need command AUTH hint "configure the client to authenticate (AUTH) with the run's user and password"
  serve-auth
  send "235 2.7.0 authentication succeeded"
  include smtp-client.finish
end

# A challenge that is not base64 is cancelled with "*" (RFC 4954 §4 MUST), whatever the mechanism: the
# server answers the AUTH with "334 " and octets outside the base64 alphabet.
case smtp-client.rfc4954.4.cancel-undecodable-challenge
  title "An undecodable challenge is answered with '*'"
  rfc 4954 4 MUST
  tags auth
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH PLAIN LOGIN CRAM-MD5" "250 8BITMIME"
  need command AUTH hint "configure the client to authenticate (AUTH) with the run's user and password"
  send "334 %%% not base64 %%%"
  expect line /\A\*\r\n\z/
  send "501 5.7.0 authentication cancelled"
  # What the client does next (QUIT, another mechanism, giving up) is its choice (§4 says no more).
  close
end

# PLAIN without an initial response gets an empty challenge ("334 " alone): the client answers it with
# its credentials (RFC 4954 §4: "334 " with no data is a challenge like any other). Needs a client that
# sends AUTH PLAIN without the initial response (RFC 4954 lets it choose).
case smtp-client.rfc4954.4.empty-challenge
  title "An empty 334 challenge is answered with the PLAIN response"
  rfc 4954 4 MUST
  tags auth auth-plain auth-no-ir
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH PLAIN" "250 8BITMIME"
  need command AUTH text /\APLAIN\s*\z/i hint "configure the client to send AUTH PLAIN without an initial response"
  serve-auth
  send "235 2.7.0 authentication succeeded"
  include smtp-client.finish
end

# After 535 (credentials refused, here at once) the client may try again, quit, or go on without authentication
# (§4 MAY); on a server that requires AUTH its MAIL is refused (530), and it must not then go on with
# RCPT or DATA as if it were authenticated and the sender accepted (RFC 5321 §3.3 order).
case smtp-client.rfc4954.6.no-mail-after-535
  title "After 535 and a 530 to MAIL the client does not go on with the transaction"
  rfc 5321 3.3 MUST
  rfc 4954 6 SHOULD
  tags auth
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH PLAIN LOGIN" "250 8BITMIME"
  need command AUTH hint "configure the client to authenticate (AUTH) with the run's user and password"
  send "535 5.7.8 authentication credentials invalid"
  set quitted "no"
  repeat 4
    if equals "${quitted}" "no"
      expect command QUIT|RSET|NOOP|AUTH|MAIL|EHLO or-closed
      if equals "${cmd.verb}" "QUIT"
        send "221 2.0.0 bye"
        set quitted "yes"
      else
        if equals "${cmd.verb}" "AUTH"
          send "535 5.7.8 authentication credentials invalid"
        else
          if equals "${cmd.verb}" "MAIL"
            send "530 5.7.0 authentication required"
          else
            send "250 2.0.0 ok"
          end
        end
      end
    end
  end
end

# After a login, MAIL may carry AUTH= (RFC 4954 §5): its value is an xtext (RFC 3461 §4: "+" and "="
# and characters outside 33-126 written as "+HH") holding a mailbox, or "<>".
case smtp-client.rfc4954.5.auth-param-xtext
  title "After AUTH, an AUTH= parameter of MAIL is a valid xtext"
  rfc 4954 5 MUST
  tags auth parameters
  include smtp-client.login
  expect command MAIL|QUIT|RSET|NOOP text /\A(?![\s\S]*\sAUTH=(?!(?:<>|(?:[!-*,-<>-~]|\+[0-9A-F]{2})+)(?:\s|\z)))/i
  need equals "${cmd.verb}" "MAIL" hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  include smtp-client.rest-after-mail
end
