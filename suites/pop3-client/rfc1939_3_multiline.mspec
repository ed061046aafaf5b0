# RFC 1939 §3: a multi-line response ends with a line of a single "." only; a line of the body that
# begins with "." has one more "." in front of it (byte-stuffing), which the client removes. The body
# lines have no length limit of their own. What the client makes of a body is seen in what it does next:
# these cases send the message in two parts with a pause between (pop3-client.serve-split); a client
# that took a stuffed line for the end of the message, or gave up on a long line, sends its next command
# during the pause.

# Message 1 holds lines starting with "." (stuffed "..From", "...") in the middle.
case pop3-client.rfc1939.3.stuffed-lines
  title "The client reads past byte-stuffed lines to the terminating dot"
  rfc 1939 3 MUST
  tags retr multiline
  include pop3-client.login
  include pop3-client.drop-two
  set split.head "From: a@example.test\r\nSubject: dots\r\n\r\n..From here\r\n...\r\n..x\r\n"
  set split.tail "after the dots\r\n"
  set drop.m1 "${split.head}${split.tail}"
  set drop.list "1 75\r\n2 46\r\n"
  include pop3-client.serve-split
  need equals "${got1}" "yes" hint "configure the client to download mail (it did not retrieve message 1)"
end

# Message 1 holds a line that is a lone "." in the message, stuffed as "..".
case pop3-client.rfc1939.3.stuffed-lone-dot
  title "A message line of a lone dot (sent as '..') does not end the message"
  rfc 1939 3 MUST
  tags retr multiline
  include pop3-client.login
  include pop3-client.drop-two
  set split.head "From: a@example.test\r\nSubject: lone dot\r\n\r\nabove\r\n..\r\n"
  set split.tail "below\r\n"
  set drop.m1 "${split.head}${split.tail}"
  set drop.list "1 60\r\n2 46\r\n"
  include pop3-client.serve-split
  need equals "${got1}" "yes" hint "configure the client to download mail (it did not retrieve message 1)"
end

# A body line of 998 octets, the longest a message line may be (RFC 5322 §2.1.1): only the status line
# is limited to 512 octets (RFC 2449 §4), not the lines of a multi-line body.
case pop3-client.rfc1939.3.long-body-line
  title "The client reads a message with a 998-octet line (longer than a status line may be)"
  rfc 1939 3 MUST
  rfc 2449 4 MUST
  tags retr multiline limits
  include pop3-client.login
  include pop3-client.drop-two
  set split.head "From: a@example.test\r\nSubject: long\r\n\r\n" + "y" * 998 + "\r\n"
  set split.tail "end\r\n"
  set drop.m1 "${split.head}${split.tail}"
  set drop.list "1 1044\r\n2 46\r\n"
  include pop3-client.serve-split
  need equals "${got1}" "yes" hint "configure the client to download mail (it did not retrieve message 1)"
end

# Lines of many lengths up to 998 octets: empty, one octet, 76, 511, 512, 513, 998, and a stuffed one.
case pop3-client.rfc1939.3.mixed-line-lengths
  title "The client reads a message of mixed line lengths (0 to 998 octets)"
  rfc 1939 3 MUST
  tags retr multiline limits
  include pop3-client.login
  include pop3-client.drop-two
  set split.head "Subject: mixed\r\n\r\n\r\na\r\n" + "b" * 76 + "\r\n" + "c" * 511 + "\r\n" + "d" * 512 + "\r\n\r\n" + "e" * 513 + "\r\n..f\r\n" + "g" * 998 + "\r\n"
  set split.tail "end\r\n"
  set drop.m1 "${split.head}${split.tail}"
  set drop.list "1 2654\r\n2 46\r\n"
  include pop3-client.serve-split
  need equals "${got1}" "yes" hint "configure the client to download mail (it did not retrieve message 1)"
end

# The body ends at the dot, not at the size LIST gave: here LIST says 4500 octets for message 1, which
# has 45 (a server may count otherwise). After RETR 1 the client's next command (or its close) comes at
# once; a client reading by the size waits for octets that never come.
case pop3-client.rfc1939.3.multiline-ends-at-dot
  title "The client reads a message to its terminating dot, not to the listed size"
  rfc 1939 3 MUST
  tags retr multiline
  include pop3-client.login
  include pop3-client.drop-two
  set drop.list "1 4500\r\n2 46\r\n"
  repeat 30
    if equals "${over}" "no"
      need command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT hint "the client left the session without QUIT"
      include pop3-client.answer
      if equals "${cmd.verb} ${cmd.args}" "RETR 1"
        expect command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT within 3s or-closed
        include pop3-client.answer
      end
    end
  end
end

# An -ERR is a single line, never followed by a body: after LIST is refused the client sends its next
# command at once, or closes (it does not wait for a dot).
case pop3-client.rfc1939.3.err-has-no-body
  title "After -ERR to LIST the client does not wait for a multi-line body"
  rfc 1939 3 MUST
  tags list multiline
  include pop3-client.login
  include pop3-client.drop-one
  set drop.list.err "-ERR [SYS/TEMP] scan listing unavailable"
  set drop.uidl.err "-ERR [SYS/TEMP] unique-id listing unavailable"
  repeat 30
    if equals "${over}" "no"
      need command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT hint "the client left the session without QUIT"
      include pop3-client.answer
      if equals "${cmd.verb}" "LIST"
        expect command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT within 4s or-closed
        include pop3-client.answer
      end
    end
  end
end
