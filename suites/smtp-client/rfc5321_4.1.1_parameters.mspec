# RFC 5321 §4.1.1 (and §4.1.1.3): the client sends MAIL and RCPT parameters only of extensions the server
# advertised in its EHLO reply (MUST NOT otherwise). The EHLO reply here offers ENHANCEDSTATUSCODES alone.
# The extensions' own RFCs say the same: RFC 1870 (SIZE), RFC 6152 (BODY=8BITMIME), RFC 6531 (SMTPUTF8),
# RFC 4954 §5 (AUTH=), RFC 3461 (NOTIFY, ORCPT, RET, ENVID). The first command after EHLO is read by the
# check itself, so that a client that quits instead is judged on nothing and then skips.

fixture smtp-client.ehlo-no-extensions
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250 ENHANCEDSTATUSCODES"
end

fixture smtp-client.mail-was-read
  need equals "${cmd.verb}" "MAIL" hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  include smtp-client.rest-after-mail
end

case smtp-client.rfc5321.4.1.1.size-only-if-advertised
  title "MAIL carries no SIZE= unless SIZE was advertised"
  rfc 5321 4.1.1 MUST
  tags parameters size
  include smtp-client.ehlo-no-extensions
  expect command MAIL|QUIT|RSET|NOOP text /\A(?![\s\S]*\sSIZE=)/i
  include smtp-client.mail-was-read
end

case smtp-client.rfc5321.4.1.1.body-only-if-advertised
  title "MAIL carries no BODY= unless 8BITMIME (or BINARYMIME) was advertised"
  rfc 5321 4.1.1 MUST
  tags parameters 8bit
  include smtp-client.ehlo-no-extensions
  expect command MAIL|QUIT|RSET|NOOP text /\A(?![\s\S]*\sBODY=)/i
  include smtp-client.mail-was-read
end

case smtp-client.rfc5321.4.1.1.smtputf8-only-if-advertised
  title "MAIL carries no SMTPUTF8 unless SMTPUTF8 was advertised"
  rfc 5321 4.1.1 MUST
  rfc 6531 3.4 MUST
  tags parameters smtputf8
  include smtp-client.ehlo-no-extensions
  expect command MAIL|QUIT|RSET|NOOP text /\A(?![\s\S]*\sSMTPUTF8(?:[\s=]|\z))/i
  include smtp-client.mail-was-read
end

case smtp-client.rfc5321.4.1.1.auth-param-only-if-advertised
  title "MAIL carries no AUTH= unless AUTH was advertised"
  rfc 5321 4.1.1 MUST
  rfc 4954 5 MUST
  tags parameters auth
  include smtp-client.ehlo-no-extensions
  expect command MAIL|QUIT|RSET|NOOP text /\A(?![\s\S]*\sAUTH=)/i
  include smtp-client.mail-was-read
end

case smtp-client.rfc5321.4.1.1.dsn-only-if-advertised
  title "MAIL and RCPT carry no DSN parameters (RET, ENVID, NOTIFY, ORCPT) unless DSN was advertised"
  rfc 5321 4.1.1.3 MUST
  rfc 5321 4.1.1 MUST
  tags parameters dsn
  include smtp-client.ehlo-no-extensions
  expect command MAIL|QUIT|RSET|NOOP text /\A(?![\s\S]*\s(?:RET|ENVID)=)/i
  need equals "${cmd.verb}" "MAIL" hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  expect command RCPT|QUIT|RSET|NOOP text /\A(?![\s\S]*\s(?:NOTIFY|ORCPT)=)/i
  need equals "${cmd.verb}" "RCPT" hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  need data
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end

# No command of an extension that was not advertised either: BDAT only with CHUNKING (RFC 3030 §2; the
# same §4.1.1 rule).
case smtp-client.rfc3030.2.bdat-only-if-advertised
  title "No BDAT unless CHUNKING was advertised"
  rfc 3030 2 MUST
  rfc 5321 4.1.1 MUST
  tags chunking
  include smtp-client.ehlo-no-extensions
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  expect command DATA|RSET|QUIT|NOOP
  if equals "${cmd.verb}" "DATA"
    send "354 go ahead"
    need data
    send "250 2.0.0 queued as ${uniq}"
    include smtp-client.quit
  else
    send "250 2.0.0 ok"
  end
end

# Without SMTPUTF8 the client sends no internationalized (non-ASCII) address in MAIL or RCPT (RFC 6531
# §3.2 MUST NOT; RFC 5321 §4.1.2: mailbox names are ASCII).
case smtp-client.rfc6531.3.2.no-utf8-address-unadvertised
  title "Without SMTPUTF8, MAIL and RCPT carry ASCII addresses only"
  rfc 6531 3.2 MUST
  rfc 5321 4.1.2 MUST
  tags smtputf8
  include smtp-client.ehlo-no-extensions
  expect command MAIL|QUIT|RSET|NOOP text /\A[\x00-\x7F]*\z/
  need equals "${cmd.verb}" "MAIL" hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  expect command RCPT|QUIT|RSET|NOOP text /\A[\x00-\x7F]*\z/
  need equals "${cmd.verb}" "RCPT" hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 go ahead"
  need data
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end
