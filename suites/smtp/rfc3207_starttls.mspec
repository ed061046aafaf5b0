# RFC 3207 (SMTP Service Extension for Secure SMTP over TLS): §4 (STARTTLS takes no parameter; replies 220,
# 501, 454), §4.2 (after the handshake the session is back in its initial state, EHLO is needed again,
# STARTTLS is no longer advertised and cannot be started twice), RFC 2920 §3.1 with RFC 3207 §4 (STARTTLS as
# the last command of a pipelined group), RFC 5321 §4.2.4 (an advertised STARTTLS is implemented).

# An advertised STARTTLS is implemented: 220 "ready to start TLS" (or 454, TLS temporarily unavailable).
# (`requires ext STARTTLS`, not `requires starttls`: a server that advertises STARTTLS and then refuses it
# is exactly what this case is for.)
case smtp.rfc3207.4.starttls-220
  title "STARTTLS is answered 220 (or 454)"
  rfc 5321 4.2.4 MUST
  rfc 3207 4 MUST
  tags starttls
  requires ext STARTTLS
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "STARTTLS"
  expect reply 220|454
  close
end

# After 220 the TLS handshake succeeds and a new EHLO is answered 250 inside TLS.
case smtp.rfc3207.4.2.ehlo-after-handshake
  title "After the TLS handshake a new EHLO is answered 250"
  rfc 3207 4.2 MUST
  tags starttls ehlo
  requires starttls
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "STARTTLS"
  need reply 220
  starttls
  send "EHLO ${helo}"
  expect reply 250
  send "QUIT"
end

# Inside TLS the server no longer offers STARTTLS in its EHLO reply.
case smtp.rfc3207.4.2.starttls-not-advertised-after-tls
  title "The EHLO reply inside TLS does not list STARTTLS"
  rfc 3207 4.2 MUST
  tags starttls ehlo
  requires starttls
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "STARTTLS"
  need reply 220
  starttls
  send "EHLO ${helo}"
  expect reply 250 text /\A(?![\s\S]*^STARTTLS\b)/i
  send "QUIT"
end

# Both sides know TLS is active, so a second STARTTLS is refused rather than answered 220.
case smtp.rfc3207.4.2.second-starttls-refused
  title "STARTTLS inside TLS is refused"
  rfc 3207 4.2 MUST
  tags starttls sequencing
  requires starttls
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "STARTTLS"
  need reply 220
  starttls
  send "EHLO ${helo}"
  need reply 250
  send "STARTTLS"
  expect reply 4xx|5xx
  send "QUIT"
end

# The handshake puts the session back into its initial state: a transaction opened in clear text before
# STARTTLS is gone, so RCPT right after the handshake (no new EHLO, which would reset it anyway) is refused.
# A server that refuses STARTTLS while a transaction is open is skipped.
case smtp.rfc3207.4.2.transaction-discarded-by-tls
  title "A mail transaction opened before STARTTLS does not survive the handshake"
  rfc 3207 4.2 MUST
  tags starttls state transaction
  requires starttls
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  need reply 250
  send "STARTTLS"
  need reply 220
  starttls
  send "RCPT TO:<${rcpt}>"
  expect reply 5xx
  send "QUIT"
end

# STARTTLS has no parameters; with one, the reply is 501.
case smtp.rfc3207.4.starttls-with-parameter
  title "STARTTLS with a parameter is refused with 501"
  rfc 3207 4 SHOULD
  tags starttls syntax
  requires starttls
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "STARTTLS mailspec"
  expect reply 501
  send "QUIT"
end

# The session after the handshake supports a full mail transaction.
case smtp.rfc3207.4.2.transaction-inside-tls
  title "A complete mail transaction works inside TLS"
  rfc 3207 4.2 MUST
  rfc 3207 4 MUST
  tags starttls transaction
  requires starttls
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "STARTTLS"
  need reply 220
  starttls
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>"
  expect reply 250
  send "RCPT TO:<${rcpt}>"
  expect reply 250|251
  send "DATA"
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (TLS)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message sent inside TLS" "."
  expect reply 250
  send "QUIT"
end

# STARTTLS may end a pipelined group: RSET then STARTTLS get 250 and 220, then the handshake works.
case smtp.rfc3207.4.starttls-last-in-group
  title "A pipelined RSET, STARTTLS group is answered 250, 220 and the handshake succeeds"
  rfc 2920 3.1 MUST
  rfc 3207 4 MUST
  tags starttls pipelining
  requires starttls
  requires ext PIPELINING
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RSET" "STARTTLS"
  expect reply 250
  expect reply 220
  starttls
  send "EHLO ${helo}"
  expect reply 250
  send "QUIT"
end
