# RFC 1939 §4: once connected, the server speaks first with its greeting; the client starts identifying
# itself only after it. A client that talks before the greeting may be answered by a server that is not
# ready, or take a refusal for a greeting.
case pop3-client.rfc1939.4.waits-for-greeting
  title "The client sends nothing before the server's greeting"
  rfc 1939 4 MUST
  tags greeting
  expect silence 1500ms
  include pop3-client.login
  include pop3-client.drop-one
  include pop3-client.serve-drop
end
