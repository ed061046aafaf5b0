# RFC 1939 §6: only QUIT moves the session to the UPDATE state, where the messages marked as deleted are
# removed; a session that ends otherwise removes nothing. After the +OK to QUIT the session is over.

# The client ends its session with QUIT (not by closing the connection).
case pop3-client.rfc1939.6.quit-ends-session
  title "The client ends the session with QUIT"
  rfc 1939 6 SHOULD
  tags quit
  include pop3-client.login
  include pop3-client.drop-one
  repeat 30
    if equals "${over}" "no"
      expect command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT
      include pop3-client.answer
    end
  end
end

# A client that deleted messages sends QUIT: without it nothing is removed (§6, §8).
case pop3-client.rfc1939.6.dele-then-quit
  title "After DELE the client sends QUIT so that the deletion takes effect"
  rfc 1939 6 SHOULD
  tags quit dele
  include pop3-client.login
  include pop3-client.drop-two
  repeat 30
    if equals "${over}" "no"
      if equals "${del1}${del2}" "nono"
        need command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT hint "the client left the session without QUIT"
      else
        expect command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT
      end
      include pop3-client.answer
    end
  end
  need differs "${del1}${del2}" "nono" hint "configure the client to delete the messages it downloads"
end

# After the +OK to QUIT the client sends nothing more and closes the connection.
case pop3-client.rfc1939.6.nothing-after-quit
  title "After QUIT is answered the client sends no further command"
  rfc 1939 6 MUST
  tags quit
  include pop3-client.login
  include pop3-client.drop-one
  include pop3-client.serve-drop
  expect silence 1s or-closed
end
