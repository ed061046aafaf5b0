# RFC 3207 (SMTP Service Extension for Secure SMTP over TLS): §4 (STARTTLS takes no parameter; replies 220,
# 501, 454), §4.1 (a server unhappy with the security achieved answers 554 to every command), §4.2 (after
# the handshake the session is back in its initial state, EHLO is needed again, STARTTLS is no longer
# advertised; starting TLS twice is a CLIENT restriction), RFC 2920 §3.1 with RFC 3207 §4 (STARTTLS as the
# last command of a pipelined group), RFC 5321 §4.2.4 (an advertised STARTTLS is implemented).
#
# Audit: set-up through the fixtures; the EHLO inside TLS is a precondition (need) wherever it is not the
# check itself, so a server that refuses it is reported once, by smtp.rfc3207.4.2.ehlo-after-handshake.

# An advertised STARTTLS is implemented: 220 "ready to start TLS" (or 454, TLS temporarily unavailable).
# (`requires ext STARTTLS`, not `requires starttls`: a server that advertises STARTTLS and then refuses it
# is exactly what this case is for.)
case smtp.rfc3207.4.starttls-220
  title "STARTTLS is answered 220 (or 454)"
  rfc 5321 4.2.4 MUST
  rfc 3207 4 MUST
  tags starttls
  requires ext STARTTLS
  include smtp.ehlo
  send "STARTTLS"
  expect reply 220|454
  close
end

# After 220 the TLS handshake succeeds and a new EHLO is answered inside TLS: 250, or 554 from a server
# that finds the security achieved too weak to go on (§4.1 SHOULD). Audit: 554 added.
case smtp.rfc3207.4.2.ehlo-after-handshake
  title "After the TLS handshake a new EHLO is answered 250 (or 554)"
  rfc 3207 4.2 MUST
  rfc 3207 4.1 SHOULD
  tags starttls ehlo
  requires starttls
  include smtp.ehlo
  send "STARTTLS"
  need reply 220
  starttls
  send "EHLO ${helo}"
  expect reply 250|554
  send "QUIT"
end

# Inside TLS the server no longer offers STARTTLS in its EHLO reply (§4.2 MUST NOT). Audit: the EHLO is a
# need; the STARTTLS line, if any, is captured (empty when absent) and must be absent.
case smtp.rfc3207.4.2.starttls-not-advertised-after-tls
  title "The EHLO reply inside TLS does not list STARTTLS"
  rfc 3207 4.2 MUST
  tags starttls ehlo
  requires starttls
  include smtp.ehlo
  send "STARTTLS"
  need reply 220
  starttls
  send "EHLO ${helo}"
  need reply 250
  capture advertised /\A(?:[\s\S]*?^(250[- ]STARTTLS\b[^\r\n]*)|)/i
  expect equals "${advertised}" ""
  send "QUIT"
end

# A second STARTTLS inside TLS: "a client MUST NOT attempt to start a TLS session if one is already active"
# (§4.2) binds the client; refusing it (503, 454, 501, 502, 554...) is what a server sensibly does, but no
# sentence requires it. Audit: level MUST -> MAY (info), per issue 8.
case smtp.rfc3207.4.2.second-starttls-refused
  title "STARTTLS inside TLS is refused"
  rfc 3207 4.2 MAY
  tags starttls sequencing
  requires starttls
  include smtp.ehlo
  send "STARTTLS"
  need reply 220
  starttls
  send "EHLO ${helo}"
  need reply 250
  send "STARTTLS"
  expect reply 4xx|5xx
  send "QUIT"
end

# The handshake puts the session back into its initial state (§4.2): a transaction opened before STARTTLS
# is gone, so RCPT right after the handshake (no new EHLO, which would reset it anyway) is refused (503, or
# any 4xx/5xx, e.g. "EHLO first", or 554 for too little security, §4.1). A server that refuses STARTTLS
# while a transaction is open is skipped. Audit: 4xx accepted too; the transaction is opened through
# smtp.mail-open.
case smtp.rfc3207.4.2.transaction-discarded-by-tls
  title "A mail transaction opened before STARTTLS does not survive the handshake"
  rfc 3207 4.2 MUST
  tags starttls state transaction
  requires starttls
  include smtp.mail-open
  send "STARTTLS"
  need reply 220
  starttls
  send "RCPT TO:<${rcpt}>"
  expect reply 4xx|5xx
  send "QUIT"
end

# STARTTLS has no parameters (§4); the reply list of §4 gives 501 for one, but no sentence requires the
# refusal, the same class as "Arguments: none" (issue 8). Audit: SHOULD -> MAY (info).
case smtp.rfc3207.4.starttls-with-parameter
  title "STARTTLS with a parameter is refused with 501"
  rfc 3207 4 MAY
  tags starttls syntax
  requires starttls
  include smtp.ehlo
  send "STARTTLS mailspec"
  expect reply 501
  close
end

# The session after the handshake supports a mail transaction (§4.2: back in the initial state, so the
# same MAIL the server took in clear text is taken again). On submission ports the case authenticates
# inside TLS (the handshake discarded any earlier login). Audit: sender checked in clear text first;
# RCPT, DATA and the end of data are needs (policy), MAIL is the check.
case smtp.rfc3207.4.2.transaction-inside-tls
  title "MAIL is accepted inside TLS"
  rfc 3207 4.2 MUST
  tags starttls transaction
  requires starttls
  include smtp.ehlo
  if not scheme submission|smtps
    send "MAIL FROM:<${sender}>"
    need reply 250
    send "RSET"
    need reply 250
  end
  send "STARTTLS"
  need reply 220
  starttls
  if scheme submission|smtps
    login
  else
    send "EHLO ${helo}"
    need reply 250
  end
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  need reply 250|251
  send "DATA"
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (TLS)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message sent inside TLS" "."
  need reply 250
  send "QUIT"
end

# STARTTLS may end a pipelined group (RFC 3207 §4, RFC 2920 §3.1): RSET then STARTTLS get 250 and one of
# the STARTTLS replies of §4 (220, or 454), in order (RFC 2920 §3.2); after 220 the handshake works.
# Audit: 454 accepted; primary requirement RFC 2920 §3.2 (the server's duty; §3.1 binds the client); the
# EHLO inside TLS is a need.
case smtp.rfc3207.4.starttls-last-in-group
  title "A pipelined RSET, STARTTLS group is answered 250, 220 and the handshake succeeds"
  rfc 2920 3.2 MUST
  rfc 3207 4 MUST
  tags starttls pipelining
  requires starttls
  requires ext PIPELINING
  include smtp.ehlo
  send "RSET" "STARTTLS"
  expect reply 250
  expect reply 220|454
  if equals "${last.code}" "220"
    starttls
    send "EHLO ${helo}"
    need reply 250|554
  end
  send "QUIT"
end
