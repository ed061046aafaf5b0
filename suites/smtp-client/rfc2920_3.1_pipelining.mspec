# RFC 2920 §3.1: with PIPELINING advertised the client may send RSET, MAIL and RCPT in groups, but EHLO,
# DATA, QUIT, NOOP (and, by their own RFCs, STARTTLS and AUTH) end a group: the client waits for their
# replies. Without PIPELINING every command waits (RFC 5321 §4.3.1; see no-pipelining-unadvertised).

fixture smtp-client.ehlo-pipelining
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-PIPELINING" "250-8BITMIME" "250-SIZE 10240000" "250 ENHANCEDSTATUSCODES"
end

# EHLO ends a group: nothing follows it before its reply (the client does not know yet what the server
# offers).
case smtp-client.rfc2920.3.1.waits-after-ehlo
  title "The client waits for the EHLO reply before its next command"
  rfc 2920 3.1 MUST
  rfc 5321 4.3.1 MUST
  tags pipelining
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  expect silence 1s
  send "250-mailspec.test greets ${cmd.args}" "250-PIPELINING" "250 8BITMIME"
  include smtp-client.finish
end

# DATA ends a group: the message follows only the 354 (RFC 2920 §3.1; RFC 5321 §3.3: no data without
# 354). Replies go out command by command, so a client that does not pipeline is served as well.
case smtp-client.rfc2920.3.1.waits-after-data
  title "With PIPELINING the client still waits for 354 before the message"
  rfc 2920 3.1 MUST
  rfc 5321 3.3 MUST
  tags pipelining
  include smtp-client.ehlo-pipelining
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "250 2.1.0 sender ok"
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  expect silence 1s
  send "354 go ahead"
  need data
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end

# A pipelined MAIL, RCPT, DATA whose RCPT is refused: the client checks every status (MUST) and, DATA
# being refused too (554: no valid recipients), sends no message.
case smtp-client.rfc2920.3.1.checks-all-statuses
  title "A pipelined group with its RCPT refused: no message after DATA's 554"
  rfc 2920 3.1 MUST
  rfc 5321 3.3 MUST
  tags pipelining
  include smtp-client.ehlo-pipelining
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  need command RCPT within 1s hint "the client did not pipeline MAIL, RCPT and DATA (configure it to use PIPELINING)"
  need command DATA within 1s hint "the client did not pipeline MAIL, RCPT and DATA (configure it to use PIPELINING)"
  send "250 2.1.0 sender ok" "550 5.1.1 no such user here" "554 5.5.1 no valid recipients"
  include smtp-client.only-quit
end

# Replies are counted against commands (MUST): three replies in one write to a pipelined group are three
# answers, not one; the message follows only the third (354).
case smtp-client.rfc2920.3.1.counts-replies
  title "Replies to a pipelined group are matched to its commands by counting"
  rfc 2920 3.1 MUST
  tags pipelining
  include smtp-client.ehlo-pipelining
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  need command RCPT within 1s hint "the client did not pipeline MAIL, RCPT and DATA (configure it to use PIPELINING)"
  need command DATA within 1s hint "the client did not pipeline MAIL, RCPT and DATA (configure it to use PIPELINING)"
  send "250-2.1.0 sender ok" "250 2.1.0 (two lines)" "250 2.1.5 recipient ok" "354 go ahead"
  expect data within 3s
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end

# STARTTLS ends a group (RFC 3207 §4: the client starts TLS after the 220 and before any other command):
# after STARTTLS nothing arrives before the 220, neither a command nor the TLS ClientHello.
case smtp-client.rfc2920.3.1.waits-after-starttls
  title "The client waits for the 220 to STARTTLS before anything else"
  rfc 2920 3.1 MUST
  rfc 3207 4 MUST
  tags pipelining starttls tls cleartext
  requires plain
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-PIPELINING" "250-STARTTLS" "250 8BITMIME"
  need command STARTTLS hint "configure the client to use STARTTLS"
  expect silence 1s
  send "220 2.0.0 ready to start TLS"
  starttls
  need command EHLO hint "the client sent no EHLO after TLS (ehlo-after-starttls judges that)"
  send "250-mailspec.test" "250-PIPELINING" "250 8BITMIME"
  include smtp-client.finish
end

# AUTH is the last command of a group (RFC 4954 §4 MUST): nothing follows it before the server's answer.
case smtp-client.rfc4954.4.auth-ends-group
  title "With PIPELINING nothing follows AUTH before its reply"
  rfc 4954 4 MUST
  rfc 2920 3.1 MUST
  tags pipelining auth
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-PIPELINING" "250-AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "250 8BITMIME"
  need command AUTH hint "configure the client to authenticate (AUTH) with the run's user and password"
  expect silence 1s
  serve-auth
  send "235 2.7.0 authentication succeeded"
  include smtp-client.finish
end
