# Shared set-up steps of the SMTP suite (`include NAME` in a case). Every step here is a precondition
# (`need`, `login`): a server that refuses one of them for policy reasons skips the case, with the reason,
# instead of failing it. Owned by the RFC 5321 audit; other SMTP files add their own fixtures at their top.
#
#   smtp.greeted     connected, 220 greeting read
#   smtp.ehlo        + EHLO ${helo} answered 250
#   smtp.mail-ready  greeted, EHLO done, and on submission:// or smtps:// authenticated (RFC 6409 §4.3 and
#                    RFC 4954 §6: a submission server may refuse every transaction before AUTH). The `login`
#                    step sends EHLO and AUTH PLAIN itself and skips the case without credentials.
#                    Use it before any MAIL FROM.
#   smtp.mail-open   + MAIL FROM:<${sender}> answered 250
#   smtp.rcpt-ready  + RCPT TO:<${rcpt}> answered 250 or 251
#   smtp.data-ready  + DATA answered 354
#   smtp.message     sends (does not read) a small complete message and the terminating dot
#   smtp.deliver     smtp.data-ready + smtp.message + the 250 at the end of data (a whole delivered message)

fixture smtp.greeted
  connect
  need greeting
end

fixture smtp.ehlo
  include smtp.greeted
  send "EHLO ${helo}"
  need reply 250
end

fixture smtp.mail-ready
  if scheme submission|smtps
    include smtp.greeted
    login
  else
    include smtp.ehlo
  end
end

fixture smtp.mail-open
  include smtp.mail-ready
  send "MAIL FROM:<${sender}>"
  need reply 250
end

fixture smtp.rcpt-ready
  include smtp.mail-open
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
end

fixture smtp.data-ready
  include smtp.rcpt-ready
  send "DATA"
  need reply 354
end

fixture smtp.message
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq}" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
end

fixture smtp.deliver
  include smtp.data-ready
  include smtp.message
  need reply 250
end
