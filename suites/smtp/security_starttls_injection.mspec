# STARTTLS command injection (CVE-2011-0411 and its relatives). Rule: RFC 3207 §4.2 and §6: when the
# handshake completes the server discards everything it learnt before it; commands that arrived in clear
# text together with STARTTLS must not be executed inside the TLS session. Each case sends STARTTLS and an
# injected command in ONE write; the harness drops unread clear-text octets before the handshake, so any
# reply to the injected command can only come from inside TLS, where the first reply must belong to the
# client's own first command. A server that refuses the pipelined STARTTLS outright (no 220) is skipped.

# Injected HELP: if executed inside TLS its 211/214/502 reply would come before the EHLO's 250.
case smtp.security.starttls-injection-help
  title "A command sent in clear text after STARTTLS is not executed inside TLS (HELP)"
  rfc 3207 4.2 MUST
  rfc 3207 6 MUST
  tags security starttls injection
  requires starttls
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send-raw "STARTTLS\r\nHELP\r\n"
  need reply 220
  starttls
  send "EHLO ${helo}"
  expect reply 250
  expect silence 500ms
  send "QUIT"
end

# Injected RCPT: if executed inside TLS (no MAIL yet) its 503 would come before the EHLO's 250.
case smtp.security.starttls-injection-rcpt
  title "A command sent in clear text after STARTTLS is not executed inside TLS (RCPT)"
  rfc 3207 4.2 MUST
  rfc 3207 6 MUST
  tags security starttls injection
  requires starttls
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send-raw "STARTTLS\r\nRCPT TO:<${rcpt}>\r\n"
  need reply 220
  starttls
  send "EHLO ${helo}"
  expect reply 250
  expect silence 500ms
  send "QUIT"
end

# Injected MAIL, checked without a new EHLO: the client's first command inside TLS is RCPT. If the
# injected MAIL had run inside TLS, the first reply would be its 250 (or, from a server that wants EHLO
# first, its refusal followed by the RCPT's: two replies); otherwise RCPT alone gets one refusal (503, or
# any refusal for want of EHLO/MAIL) and nothing follows.
case smtp.security.starttls-injection-mail
  title "A MAIL sent in clear text after STARTTLS opens no transaction inside TLS"
  rfc 3207 4.2 MUST
  rfc 3207 6 MUST
  tags security starttls injection
  requires starttls
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send-raw "STARTTLS\r\nMAIL FROM:<${sender}>\r\n"
  need reply 220
  starttls
  send "RCPT TO:<${rcpt}>"
  expect reply 5xx
  expect silence 500ms
  send "QUIT"
end

# Injected EHLO plus MAIL in separate lines after STARTTLS, then the client's own NOOP inside TLS: its
# 250 must be the only reply (an executed injected EHLO and MAIL would add two).
case smtp.security.starttls-injection-ehlo-mail
  title "Several commands sent in clear text after STARTTLS produce no replies inside TLS"
  rfc 3207 4.2 MUST
  rfc 3207 6 MUST
  tags security starttls injection
  requires starttls
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send-raw "STARTTLS\r\nEHLO injected.example\r\nMAIL FROM:<injected@example.org>\r\n"
  need reply 220
  starttls
  send "NOOP"
  expect reply 250
  expect silence 500ms
  send "QUIT"
end
