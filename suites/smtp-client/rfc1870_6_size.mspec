# RFC 1870 §6: with a fixed maximum message size advertised (SIZE 99 here, smaller than any real
# message), the client does not transfer a larger message: it gives up (QUIT, RSET), or declares the
# size with SIZE= (answered 552, after which it gives up, §6.1), or sends a message of at most 99 octets.
case smtp-client.rfc1870.6.size-limit-respected
  title "A message larger than the advertised SIZE is not sent"
  rfc 1870 6 SHOULD
  tags size
  include smtp-client.greet
  need command EHLO|HELO hint "the client did not open with EHLO or HELO"
  send "250-mailspec.test greets ${cmd.args}" "250-SIZE 99" "250 ENHANCEDSTATUSCODES"
  need command MAIL|QUIT|RSET hint "the client did not start a mail transaction (have it send one message)"
  if equals "${cmd.verb}" "MAIL"
    capture declared /\sSIZE=(\d+)|\A/i
    set big "no"
    if differs "${declared}" ""
      if greater "${declared}" "99"
        set big "yes"
      end
    end
    if equals "${big}" "yes"
      send "552 5.3.4 message size exceeds fixed maximum message size"
      include smtp-client.only-quit
    else
      send "250 2.1.0 sender ok"
      need command RCPT hint "the client did not name a recipient"
      send "250 2.1.5 recipient ok"
      need command DATA|RSET|QUIT hint "the client did not send DATA"
      if equals "${cmd.verb}" "DATA"
        send "354 go ahead"
        need data
        expect less "${data.size}" "100"
        send "250 2.0.0 queued as ${uniq}"
        include smtp-client.quit
      else
        send "250 2.0.0 ok"
      end
    end
  else
    send "221 2.0.0 bye"
  end
end
