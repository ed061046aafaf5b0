# Security: command injection across STLS (the POP3 form of CVE-2011-0411), RFC 2595 §4.
# TLS begins right after the CRLF of the +OK to STLS, so only commands that arrive inside TLS belong
# to the protected session. Each case sends STLS and another command in one plaintext write; a
# server that buffers the second command and runs it after the handshake lets a man in the middle
# act inside the victim's TLS session. After the handshake the case sends a fresh command whose
# answer differs from the injected one's, so the first line read tells which command was run.
# A server may also refuse STLS when more input is pending (the case then skips) or read the leftover
# plaintext as the start of the TLS handshake, which then fails: nothing injected can run, so that is
# a safe outcome and `starttls or-end` ends the case with a pass. Read-only.
# Audit (issue 8): set-up from fixture pop3.greeted. stls-injection-user sends a PASS that must fail
# (no USER inside TLS): some servers treat that as a failed login and delay it, so the case is
# `serial` and awaits the -ERR `within 20s`.

# Injected CAPA would answer +OK and a list; a fresh NOOP (AUTHORIZATION state) answers -ERR.
case pop3.security.stls-injection-capa
  title "CAPA sent in the same write as STLS is not executed inside TLS"
  rfc 2595 4 MUST
  tags security stls injection
  requires starttls

  include pop3.greeted
  send-raw "STLS\r\nCAPA\r\n"
  need ok
  starttls or-end
  send "NOOP"
  expect err
end

# Injected USER would turn the victim's PASS into a login (to the attacker's choice of mailbox):
# without it, PASS inside TLS has no USER before it and must fail.
case pop3.security.stls-injection-user
  title "USER sent in the same write as STLS does not pair with a PASS sent inside TLS"
  rfc 2595 4 MUST
  rfc 1939 7 MUST
  tags security stls injection
  requires starttls
  requires login
  serial
  timeout 60s

  include pop3.penalty-reset
  include pop3.greeted
  send-raw "STLS\r\nUSER ${user}\r\n"
  need ok
  starttls or-end
  send "PASS ${password}"
  expect err within 20s
end

# Injected QUIT would end the session inside TLS: +OK and a close instead of NOOP's -ERR.
case pop3.security.stls-injection-quit
  title "QUIT sent in the same write as STLS does not end the TLS session"
  rfc 2595 4 MUST
  tags security stls injection
  requires starttls

  include pop3.greeted
  send-raw "STLS\r\nQUIT\r\n"
  need ok
  starttls or-end
  send "NOOP"
  expect err
  send "CAPA"
  expect ok multiline
end
