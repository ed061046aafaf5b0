# RFC 5321 §3.1 (session initiation), §4.3.1 (sequencing overview) and §4.3.2 (connection establishment):
# the server opens the session with a 220 greeting (or formally refuses it with 554) that names the server.

# The opening reply is 220 "service ready", or 554 when the server refuses the whole session; 421 is the
# code every command may get when the service is shutting down. Nothing else is in the table.
case smtp.rfc5321.3.1.greeting-code
  title "The connection greeting is 220 (or 554 refusing the session)"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 3.1 MAY
  rfc 5321 3.8 MUST
  tags greeting reply-codes
  connect
  expect reply 220|554|421
  send "QUIT"
end

# A greeting-type reply starts with the server's own name (a domain, or an address literal when it has no
# name), then optional free text.
case smtp.rfc5321.4.3.1.greeting-names-server
  title "The greeting text starts with the server's domain or address literal"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 4.2 SHOULD
  tags greeting syntax
  connect
  expect reply 220|554 text /\A(\[[^\]\s]+\]|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?)( |\n|\z)/
  send "QUIT"
end

# The dialogue alternates: after its greeting the server waits for the client and sends nothing more on
# its own.
case smtp.rfc5321.4.3.1.greeting-then-waits
  title "After the greeting the server sends nothing until the client speaks"
  rfc 5321 4.3.1 SHOULD
  tags greeting sequencing
  connect
  need greeting
  expect silence 500ms
  send "QUIT"
end
