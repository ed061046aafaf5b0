# STARTTLS command injection (CVE-2011-0411 and its relatives). Rule: RFC 3207 §4.2 and §6: when the
# handshake completes the server discards everything it learnt before it; commands that arrived in clear
# text together with STARTTLS must not be executed inside the TLS session. Each case sends STARTTLS and an
# injected command in ONE write; the harness drops unread clear-text octets before the handshake, so any
# reply to the injected command can only come from inside TLS, where the first reply must belong to the
# client's own first command.
#
# Safe outcomes, all accepted: refusing the pipelined STARTTLS (no 220: the case skips), answering the
# injected command in clear text before the handshake (discarded by the harness), aborting the handshake
# (`starttls or-end`), and closing the connection after the client's own command (`or-closed`).
# Audit: the client's own first command inside TLS is NOOP (answered 250 in any state, RFC 5321
# §4.1.1.9) instead of EHLO, so a server that refuses EHLO inside TLS is not reported here as injectable
# (that is smtp.rfc3207.4.2.ehlo-after-handshake); set-up through smtp.ehlo.

# Injected HELP: if executed inside TLS its 211/214/502 reply would come before the NOOP's 250.
case smtp.security.starttls-injection-help
  title "A command sent in clear text after STARTTLS is not executed inside TLS (HELP)"
  rfc 3207 4.2 MUST
  rfc 3207 6 MUST
  tags security starttls injection
  requires starttls
  include smtp.ehlo
  send-raw "STARTTLS\r\nHELP\r\n"
  need reply 220
  starttls or-end
  send "NOOP"
  expect reply 250 within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# Injected RCPT: if executed inside TLS (no MAIL yet) its 503 would come before the NOOP's 250.
case smtp.security.starttls-injection-rcpt
  title "A command sent in clear text after STARTTLS is not executed inside TLS (RCPT)"
  rfc 3207 4.2 MUST
  rfc 3207 6 MUST
  tags security starttls injection
  requires starttls
  include smtp.ehlo
  send-raw "STARTTLS\r\nRCPT TO:<${rcpt}>\r\n"
  need reply 220
  starttls or-end
  send "NOOP"
  expect reply 250 within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end

# Injected MAIL, checked without a new EHLO: the client's first command inside TLS is RCPT. If the
# injected MAIL had run inside TLS, the first reply would be its 250 (or, from a server that wants EHLO
# first, its refusal followed by the RCPT's: two replies); otherwise RCPT alone gets one refusal (503, or
# any refusal for want of EHLO/MAIL) and nothing follows. Audit: 4xx refusals accepted too.
case smtp.security.starttls-injection-mail
  title "A MAIL sent in clear text after STARTTLS opens no transaction inside TLS"
  rfc 3207 4.2 MUST
  rfc 3207 6 MUST
  tags security starttls injection
  requires starttls
  include smtp.ehlo
  send-raw "STARTTLS\r\nMAIL FROM:<${sender}>\r\n"
  need reply 220
  starttls or-end
  send "RCPT TO:<${rcpt}>"
  expect reply 4xx|5xx within 15s or-closed
  expect silence 500ms or-closed
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
  include smtp.ehlo
  send-raw "STARTTLS\r\nEHLO injected.example\r\nMAIL FROM:<injected@example.org>\r\n"
  need reply 220
  starttls or-end
  send "NOOP"
  expect reply 250 within 15s or-closed
  expect silence 500ms or-closed
  send "QUIT"
end
