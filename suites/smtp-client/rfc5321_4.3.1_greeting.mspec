# RFC 5321 §4.3.1: the client waits for the server's greeting before it sends anything (SHOULD), and for
# each reply before its next command (MUST, unless an extension such as PIPELINING says otherwise).

# The client sends nothing before the 220 greeting (§4.3.1, SHOULD).
case smtp-client.rfc5321.4.3.1.waits-for-greeting
  title "The client sends nothing before the server's greeting"
  rfc 5321 4.3.1 SHOULD
  tags greeting
  expect silence 1500ms
  include smtp-client.greeted-ehlo
  include smtp-client.finish
end

# A greeting of several lines is one reply: the client waits for its last line (§4.2.1 defines the
# continuation lines; §4.3.1 the wait).
case smtp-client.rfc5321.4.3.1.waits-for-multiline-greeting
  title "The client reads a multi-line greeting to its last line before sending EHLO"
  rfc 5321 4.3.1 SHOULD
  rfc 5321 4.2.1 MUST
  tags greeting multiline
  send "220-mailspec.test ESMTP mailspec fake server" "220-this greeting has three lines"
  expect silence 1s
  send "220 mailspec.test ready"
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-8BITMIME" "250 ENHANCEDSTATUSCODES"
  include smtp-client.finish
end

# §3.1: a server may greet with 554 (no service); it then waits for QUIT and answers 503 to anything else.
# The client starts no mail transaction: it quits, closes, or at most says EHLO/HELO first (answered 503).
case smtp-client.rfc5321.3.1.greeting-554-no-transaction
  title "After a 554 greeting the client starts no mail transaction"
  rfc 5321 3.1 MUST
  rfc 5321 3.3 MUST
  tags greeting
  send "554 5.3.2 mailspec.test no SMTP service here"
  set quitted "no"
  repeat 3
    if equals "${quitted}" "no"
      expect command QUIT|EHLO|HELO|NOOP|RSET or-closed
      if equals "${cmd.verb}" "QUIT"
        send "221 2.0.0 bye"
        set quitted "yes"
      else
        send "503 5.5.1 no SMTP service here"
      end
    end
  end
end

# §3.8: a 421 greeting means the service is shutting down; the client only quits or closes.
case smtp-client.rfc5321.3.8.greeting-421
  title "After a 421 greeting the client only quits or closes"
  rfc 5321 3.8 SHOULD
  tags greeting 421
  send "421 4.3.2 mailspec.test service shutting down"
  include smtp-client.only-quit
end
