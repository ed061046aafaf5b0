# Shared steps of the SMTP client suite: the harness plays the server, the client under test sends.
# Every fixture tolerates the orders RFC 5321 allows (EHLO or HELO, QUIT at any point after a failure).

# The greeting (RFC 5321 §4.3.1): a single-line 220.
fixture smtp-client.greet
  send "220 mailspec.test ESMTP mailspec fake server"
end

# Greeting sent, the client's EHLO (or HELO) answered with the extensions a plain server offers.
fixture smtp-client.greeted-ehlo
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-8BITMIME" "250-SIZE 10240000" "250 ENHANCEDSTATUSCODES"
end

# Greeting sent, EHLO (or HELO) answered with no extension at all: a plain RFC 5321 server.
fixture smtp-client.greeted-bare
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250 mailspec.test greets ${cmd.args}"
end

# One mail transaction with one recipient, accepted, then QUIT answered: what a client sends after EHLO.
fixture smtp-client.one-message
  need command MAIL text /^FROM:</i hint "the client did not start a mail transaction (have it send one message)"
  # The reverse-path and any parameters follow RFC 5321 §4.1.2's grammar (no error parsing them).
  expect MUST equals "${cmd.path.error}" ""
  send "250 2.1.0 sender ok"
  need command RCPT text /^TO:</i hint "the client did not name a recipient"
  expect MUST equals "${cmd.path.error}" ""
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 end data with <CR><LF>.<CR><LF>"
  need data
  send "250 2.0.0 queued as ${uniq}"
end

# The end of a session: QUIT answered 221 (quit-last judges a client that does not send it).
fixture smtp-client.quit
  need command QUIT hint "the client did not end with QUIT (quit-last judges that)"
  send "221 2.0.0 bye"
end

# The rest of a session whose check is done: one message, then QUIT.
fixture smtp-client.finish
  include smtp-client.one-message
  include smtp-client.quit
end

# After a refusal that leaves no recipient: the client may add recipients, reset, wait or quit, but it
# sends no DATA and no new MAIL inside the open transaction (RFC 5321 §3.3, §4.1.4). A QUIT is answered
# and the case then ends (the harness closes).
fixture smtp-client.no-data-after-refusal
  set quitted "no"
  repeat 4
    if equals "${quitted}" "no"
      expect command RSET|QUIT|RCPT|NOOP or-closed
      if equals "${cmd.verb}" "QUIT"
        send "221 2.0.0 bye"
        set quitted "yes"
      else
        if equals "${cmd.verb}" "RCPT"
          send "550 5.1.1 no such user here"
        else
          send "250 2.0.0 ok"
        end
      end
    end
  end
end

# After a reply that ends the session or the transaction for good (421, 554 greeting, 530 after a failed
# login): only QUIT (answered 221), RSET or NOOP, or a close.
fixture smtp-client.only-quit
  set quitted "no"
  repeat 3
    if equals "${quitted}" "no"
      expect command QUIT|RSET|NOOP or-closed
      if equals "${cmd.verb}" "QUIT"
        send "221 2.0.0 bye"
        set quitted "yes"
      else
        send "250 2.0.0 ok"
      end
    end
  end
end

# A login (RFC 4954): greeting, EHLO answered with AUTH and every mechanism serve-auth knows, the
# client's AUTH checked against the run's credentials, 235. `mailspec serve --by-login` plays this
# fixture, reads the login name (a case id) and runs that case without its first include.
fixture smtp-client.login
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "250-8BITMIME" "250-SIZE 10240000" "250 ENHANCEDSTATUSCODES"
  need command AUTH hint "configure the client to authenticate (AUTH) with the run's user and password"
  serve-auth
  send "235 2.7.0 authentication succeeded"
end

# After MAIL was answered 250: one recipient accepted, the data accepted, QUIT answered.
fixture smtp-client.rest-after-mail
  need command RCPT hint "the client did not name a recipient"
  send "250 2.1.5 recipient ok"
  need command DATA hint "the client did not send DATA"
  send "354 end data with <CR><LF>.<CR><LF>"
  need data
  send "250 2.0.0 queued as ${uniq}"
  include smtp-client.quit
end
