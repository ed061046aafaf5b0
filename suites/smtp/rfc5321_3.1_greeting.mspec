# RFC 5321 §3.1 (session initiation), §4.3.1 (sequencing overview) and §4.3.2 (connection establishment):
# the server opens the session with a 220 greeting (or formally refuses it with 554) that names the server.

# The opening reply is 220 "service ready", or 554 when the server refuses the whole session (§3.1 MAY);
# 421 is the code every command may get when the service is shutting down (§3.8). Audit: the greeting is
# required, so silence for 15 s is a finding (within 15s) rather than a harness error.
case smtp.rfc5321.3.1.greeting-code
  title "The connection greeting is 220 (or 554 refusing the session)"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 3.1 MAY
  rfc 5321 3.8 MUST
  tags greeting reply-codes
  connect
  expect reply 220|554|421 within 15s
  send "QUIT"
end

# A 220 greeting starts with the server's own name (a domain, or an address literal when it has no name),
# then optional free text (the Greeting grammar of §4.2). Audit: a 554 refusal follows the plain
# Reply-line syntax (§4.2: "Other possible server responses upon connection follow the syntax of
# Reply-line"), so only a 220 greeting is held to the name; the first line is matched with its code.
case smtp.rfc5321.4.3.1.greeting-names-server
  title "The 220 greeting starts with the server's domain or address literal"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 4.2 SHOULD
  tags greeting syntax
  connect
  expect line /\A(554|421)|\A220[ -](\[[^\]\s]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?)( |\r?$)/ within 15s
  close
end

# The dialogue alternates: after its greeting the server waits for the client and sends nothing more on
# its own.
case smtp.rfc5321.4.3.1.greeting-then-waits
  title "After the greeting the server sends nothing until the client speaks"
  rfc 5321 4.3.1 SHOULD
  tags greeting sequencing
  include smtp.greeted
  expect silence 500ms
  send "QUIT"
end
