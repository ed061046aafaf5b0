# Shared steps of the SMTP client suite: the harness plays the server, the client under test sends.

# Greeting sent, the client's EHLO (or HELO) answered with the extensions a plain server offers.
fixture smtp-client.greeted-ehlo
  send "220 mailspec.test ESMTP mailspec fake server"
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-8BITMIME" "250-SIZE 10240000" "250 ENHANCEDSTATUSCODES"
end

# One mail transaction with one recipient, accepted, then QUIT answered: what a client sends after EHLO.
fixture smtp-client.one-message
  need command MAIL text /^FROM:</i hint "the client did not start a mail transaction"
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
