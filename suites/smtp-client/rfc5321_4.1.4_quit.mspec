# RFC 5321 §4.1.4, §4.1.1.10: the last command of a session is QUIT; the client then waits for the 221.

# The last command of a session is QUIT (§4.1.4 MUST; §4.1.1.10: no close before QUIT).
case smtp-client.rfc5321.4.1.4.quit-last
  title "The client ends the session with QUIT"
  rfc 5321 4.1.4 MUST
  tags quit
  include smtp-client.greeted-ehlo
  include smtp-client.one-message
  expect command QUIT
  send "221 2.0.0 bye"
end

# After QUIT the client waits for the 221 before closing (§4.1.1.10 SHOULD): nothing, not even a
# close, in the second before the reply.
case smtp-client.rfc5321.4.1.1.10.waits-for-221
  title "After QUIT the client waits for the 221 reply"
  rfc 5321 4.1.1.10 SHOULD
  tags quit
  include smtp-client.greeted-ehlo
  include smtp-client.one-message
  need command QUIT hint "the client did not end with QUIT (quit-last judges that)"
  expect silence 1s
  send "221 2.0.0 bye"
end

# A client that has nothing to send still ends with QUIT (§4.1.4 SHOULD: QUIT even without a mail
# transaction), here after a session where MAIL was refused.
case smtp-client.rfc5321.4.1.4.quit-after-refusal
  title "After a refused MAIL the client still ends with QUIT"
  rfc 5321 4.1.4 SHOULD
  tags quit
  include smtp-client.greeted-ehlo
  need command MAIL hint "the client did not start a mail transaction (have it send one message)"
  send "550 5.7.1 sender refused"
  expect command QUIT|RSET|NOOP
  if differs "${cmd.verb}" "QUIT"
    send "250 2.0.0 ok"
    expect command QUIT
  end
  send "221 2.0.0 bye"
end
