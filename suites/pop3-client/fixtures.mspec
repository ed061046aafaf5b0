# Shared steps of the POP3 client suite: the harness plays the server, the client under test connects.
# A maildrop is described by variables (a drop fixture sets them all); pop3-client.answer replies to the
# command just read from it and records what the client did:
#   ${got1..3}  yes once RETR/TOP of that message was answered +OK;  ${del1..3} yes once DELE'd
#   ${bad_number}  the first command naming a message number outside 1..${drop.count} (empty: none)
#   ${deleted_ref} the first command naming a message the client had already deleted (empty: none)
#   ${over}     yes once QUIT was answered (the session is over)

# Greeting (no APOP timestamp), the client's CAPA answered with what a plain server offers, its login
# (USER/PASS or AUTH) checked against the run's credentials and accepted: TRANSACTION state.
fixture pop3-client.login
  send "+OK mailspec POP3 fake server ready"
  need command CAPA|USER|AUTH hint "the client did not log in with USER/PASS or AUTH"
  if equals "${cmd.verb}" "CAPA"
    send "+OK capability list follows" "USER" "TOP" "UIDL" "RESP-CODES" "AUTH-RESP-CODE" "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256" "EXPIRE NEVER" "IMPLEMENTATION mailspec" "."
    need command USER|AUTH hint "the client did not log in with USER/PASS or AUTH"
  end
  include pop3-client.credentials
end

# The login command just read (USER or AUTH) carried through to +OK with the run's credentials.
fixture pop3-client.credentials
  if equals "${cmd.verb}" "AUTH"
    serve-auth
    send "+OK logged in"
  end
  if equals "${cmd.verb}" "USER"
    need equals "${cmd.args}" "${user}" hint "configure the client with the user name mailspec serve expects (--user)"
    send "+OK send your password"
    need command PASS hint "the client did not send PASS after USER"
    need equals "${cmd.args}" "${password}" hint "configure the client with the password mailspec serve expects"
    send "+OK logged in"
  end
end

# The state every drop starts from: nothing retrieved, deleted or wrong yet; the CAPA reply of TRANSACTION.
fixture pop3-client.drop-state
  set got1 "no"
  set got2 "no"
  set got3 "no"
  set del1 "no"
  set del2 "no"
  set del3 "no"
  set bad_number ""
  set deleted_ref ""
  set sent.stat "no"
  set sent.list "no"
  set sent.uidl "no"
  set over "no"
  set drop.e1 ""
  set drop.e2 ""
  set drop.e3 ""
  set drop.list.err ""
  # Refuses only LIST without an argument (the scan listing of all messages); LIST n is answered.
  set drop.list.all.err ""
  set drop.uidl.err ""
  set drop.stat.extra ""
  set drop.capa "+OK capability list follows\r\nUSER\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nSASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256\r\nEXPIRE NEVER\r\nIMPLEMENTATION mailspec\r\n.\r\n"
  set drop.m1 "From: a@example.test\r\nSubject: one\r\n\r\nfirst\r\n"
  set drop.m2 "From: b@example.test\r\nSubject: two\r\n\r\nsecond\r\n"
  set drop.m3 "From: c@example.test\r\nSubject: three\r\n\r\nthird\r\n"
  set drop.h1 "From: a@example.test\r\nSubject: one\r\n\r\n"
  set drop.h2 "From: b@example.test\r\nSubject: two\r\n\r\n"
  set drop.h3 "From: c@example.test\r\nSubject: three\r\n\r\n"
  set drop.r1 "+OK message follows"
  set drop.r2 "+OK message follows"
  set drop.r3 "+OK message follows"
end

# An empty maildrop.
fixture pop3-client.drop-empty
  include pop3-client.drop-state
  set drop.count "0"
  set drop.octets "0"
  set drop.list ""
  set drop.uidl ""
end

# One message.
fixture pop3-client.drop-one
  include pop3-client.drop-state
  set drop.count "1"
  set drop.octets "45"
  set drop.list "1 45\r\n"
  set drop.uidl "1 mailspec-${uniq}-1\r\n"
end

# Two messages.
fixture pop3-client.drop-two
  include pop3-client.drop-state
  set drop.count "2"
  set drop.octets "91"
  set drop.list "1 45\r\n2 46\r\n"
  set drop.uidl "1 mailspec-${uniq}-1\r\n2 mailspec-${uniq}-2\r\n"
end

# Three messages.
fixture pop3-client.drop-three
  include pop3-client.drop-state
  set drop.count "3"
  set drop.octets "138"
  set drop.list "1 45\r\n2 46\r\n3 47\r\n"
  set drop.uidl "1 mailspec-${uniq}-1\r\n2 mailspec-${uniq}-2\r\n3 mailspec-${uniq}-3\r\n"
end

# Replies to the TRANSACTION command just read (${cmd.verb}, ${cmd.args}) from the drop, and records
# what the client did (see the top of this file). No checks: the cases judge the records.
fixture pop3-client.answer
  set n ""
  # Which listing commands the client used (cases about their replies need the client to use them).
  foreach v "STAT" "LIST" "UIDL"
    if equals "${cmd.verb}" "${v}"
      if equals "${v}" "STAT"
        set sent.stat "yes"
      end
      if equals "${v}" "LIST"
        set sent.list "yes"
      end
      if equals "${v}" "UIDL"
        set sent.uidl "yes"
      end
    end
  end
  if equals "${cmd.verb}" "RETR"
    capture n /^\S+ ?(\d*)/
  end
  if equals "${cmd.verb}" "TOP"
    capture n /^\S+ ?(\d*)/
  end
  if equals "${cmd.verb}" "DELE"
    capture n /^\S+ ?(\d*)/
  end
  if equals "${cmd.verb}" "LIST"
    capture n /^\S+ ?(\d*)/
  end
  if equals "${cmd.verb}" "UIDL"
    capture n /^\S+ ?(\d*)/
  end
  set valid "no"
  if differs "${n}" ""
    if not less "${n}" "1"
      if not greater "${n}" "${drop.count}"
        set valid "yes"
      end
    end
    if equals "${valid}:${bad_number}" "no:"
      set bad_number "${cmd.line}"
    end
    foreach k "1" "2" "3"
      if equals "${n}" "${k}"
        if equals "${k}:${del1}:${deleted_ref}" "1:yes:"
          set deleted_ref "${cmd.line}"
        end
        if equals "${k}:${del2}:${deleted_ref}" "2:yes:"
          set deleted_ref "${cmd.line}"
        end
        if equals "${k}:${del3}:${deleted_ref}" "3:yes:"
          set deleted_ref "${cmd.line}"
        end
      end
    end
  end
  if equals "${cmd.verb}" "STAT"
    send "+OK ${drop.count} ${drop.octets}${drop.stat.extra}"
  end
  if equals "${cmd.verb}" "LIST"
    if differs "${drop.list.err}" ""
      send "${drop.list.err}"
    else
      if equals "${n}" ""
        if differs "${drop.list.all.err}" ""
          send "${drop.list.all.err}"
        else
          send-raw "+OK ${drop.count} messages\r\n${drop.list}.\r\n"
        end
      else
        if equals "${valid}" "yes"
          send "+OK ${n} 60"
        else
          send "-ERR no such message"
        end
      end
    end
  end
  if equals "${cmd.verb}" "UIDL"
    if differs "${drop.uidl.err}" ""
      send "${drop.uidl.err}"
    else
      if equals "${n}" ""
        send-raw "+OK unique-id listing follows\r\n${drop.uidl}.\r\n"
      else
        if equals "${valid}" "yes"
          send "+OK ${n} mailspec-${uniq}-${n}"
        else
          send "-ERR no such message"
        end
      end
    end
  end
  if equals "${cmd.verb}" "RETR"
    if equals "${valid}" "no"
      send "-ERR no such message"
    end
    include pop3-client.answer-retr
  end
  if equals "${cmd.verb}" "TOP"
    if equals "${valid}" "no"
      send "-ERR no such message"
    end
    if equals "${n}:${valid}" "1:yes"
      send-raw "+OK top of message follows\r\n${drop.h1}.\r\n"
    end
    if equals "${n}:${valid}" "2:yes"
      send-raw "+OK top of message follows\r\n${drop.h2}.\r\n"
    end
    if equals "${n}:${valid}" "3:yes"
      send-raw "+OK top of message follows\r\n${drop.h3}.\r\n"
    end
  end
  if equals "${cmd.verb}" "DELE"
    if equals "${valid}" "no"
      send "-ERR no such message"
    else
      send "+OK message ${n} deleted"
    end
    if equals "${n}:${valid}" "1:yes"
      set del1 "yes"
    end
    if equals "${n}:${valid}" "2:yes"
      set del2 "yes"
    end
    if equals "${n}:${valid}" "3:yes"
      set del3 "yes"
    end
  end
  if equals "${cmd.verb}" "NOOP"
    send "+OK"
  end
  if equals "${cmd.verb}" "RSET"
    set del1 "no"
    set del2 "no"
    set del3 "no"
    send "+OK maildrop has ${drop.count} messages"
  end
  if equals "${cmd.verb}" "CAPA"
    send-raw "${drop.capa}"
  end
  if equals "${cmd.verb}" "QUIT"
    send "+OK bye"
    set over "yes"
  end
end

# RETR of a valid number (${n}): the message, or the -ERR the case set in ${drop.eN}.
fixture pop3-client.answer-retr
  if equals "${n}:${valid}" "1:yes"
    if equals "${drop.e1}" ""
      send-raw "${drop.r1}\r\n${drop.m1}.\r\n"
      set got1 "yes"
    else
      send "${drop.e1}"
    end
  end
  if equals "${n}:${valid}" "2:yes"
    if equals "${drop.e2}" ""
      send-raw "${drop.r2}\r\n${drop.m2}.\r\n"
      set got2 "yes"
    else
      send "${drop.e2}"
    end
  end
  if equals "${n}:${valid}" "3:yes"
    if equals "${drop.e3}" ""
      send-raw "${drop.r3}\r\n${drop.m3}.\r\n"
      set got3 "yes"
    else
      send "${drop.e3}"
    end
  end
end

# The rest of a TRANSACTION session: every command answered from the drop until QUIT (at most 30
# commands). A client that closes without QUIT skips the case here.
fixture pop3-client.serve-drop
  repeat 30
    if equals "${over}" "no"
      need command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT hint "the client left the session without QUIT"
      include pop3-client.answer
    end
  end
end

# The rest of a TRANSACTION session like pop3-client.serve-drop, but the reply to RETR 1 is sent in two
# writes: the status line and ${split.head}, then after a pause ${split.tail} and the terminating dot.
# During the pause the client has not got the whole message yet: it must not send its next command (a
# client that took a line of the head for the end of the message does; so does one that gave up on a
# line it could not read and quits).
fixture pop3-client.serve-split
  repeat 30
    if equals "${over}" "no"
      need command STAT|LIST|UIDL|TOP|RETR|DELE|NOOP|RSET|CAPA|QUIT hint "the client left the session without QUIT"
      if equals "${cmd.verb} ${cmd.args}" "RETR 1"
        send-raw "${drop.r1}\r\n${split.head}"
        expect silence 700ms
        send-raw "${split.tail}.\r\n"
        set got1 "yes"
      else
        include pop3-client.answer
      end
    end
  end
end
