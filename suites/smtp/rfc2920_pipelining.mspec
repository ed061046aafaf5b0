# RFC 2920 (SMTP Service Extension for Command Pipelining): §3.1 (which commands may be grouped, multi-line
# replies) and §3.2 (server: answer in order, never lose buffered input, flush pending replies when the
# input runs dry, DATA answered positively only with a valid recipient). Each group below is sent in one
# write.

# MAIL, RCPT and DATA in one group get their three replies in order.
case smtp.rfc2920.3.2.mail-rcpt-data-in-order
  title "A pipelined MAIL, RCPT, DATA group is answered 250, 250, 354 in order"
  rfc 2920 3.2 MUST
  tags pipelining transaction
  requires ext PIPELINING
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>" "RCPT TO:<${rcpt}>" "DATA"
  expect reply 250
  expect reply 250|251
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (pipelined)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# RSET, MAIL, two RCPTs and DATA in one group.
case smtp.rfc2920.3.2.rset-to-data-in-order
  title "A pipelined RSET, MAIL, RCPT, RCPT, DATA group is answered in order"
  rfc 2920 3.2 MUST
  tags pipelining transaction
  requires ext PIPELINING
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RSET" "MAIL FROM:<${sender}>" "RCPT TO:<${rcpt}>" "RCPT TO:<${rcpt2}>" "DATA"
  expect reply 250
  expect reply 250
  expect reply 250|251
  expect reply 250|251
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (pipelined)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# A refused command inside a group (an RCPT without argument) gets its own reply in its place; the rest
# of the group goes on.
case smtp.rfc2920.3.2.refused-rcpt-in-order
  title "In a pipelined group a malformed RCPT is refused in its place, the others succeed"
  rfc 2920 3.2 MUST
  tags pipelining errors
  requires ext PIPELINING
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>" "RCPT" "RCPT TO:<${rcpt}>" "DATA"
  expect reply 250
  expect reply 501|500
  expect reply 250|251
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (pipelined)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end

# With no valid recipient in the group, DATA should not get 354 (503 or 554 instead).
case smtp.rfc2920.3.2.data-without-valid-rcpt
  title "A pipelined DATA after only refused recipients is answered 503 or 554"
  rfc 2920 3.2 SHOULD
  tags pipelining data
  requires ext PIPELINING
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>" "RCPT" "DATA"
  need reply 250
  need reply 5xx
  expect reply 503|554
  close
end

# The end of data and QUIT may be sent together: 250 then 221, then the connection closes.
case smtp.rfc2920.3.2.end-of-data-and-quit
  title "The end of data pipelined with QUIT is answered 250 then 221"
  rfc 2920 3.2 MUST
  rfc 5321 4.1.1.10 MUST
  tags pipelining data quit
  requires ext PIPELINING
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>" "RCPT TO:<${rcpt}>" "DATA"
  need reply 250
  need reply 250|251
  need reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (pipelined)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "." "QUIT"
  expect reply 250
  expect reply 221
  expect closed
end

# Replies held back for a group are flushed as soon as the input buffer is empty: MAIL and RCPT without
# a DATA behind them are still answered.
case smtp.rfc2920.3.2.pending-replies-flushed
  title "A group ending in RCPT is answered without waiting for more input"
  rfc 2920 3.2 MUST
  tags pipelining
  requires ext PIPELINING
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>" "RCPT TO:<${rcpt}>"
  expect reply 250 within 5s
  expect reply 250|251 within 5s
  send "QUIT"
end

# EHLO may close a group: RSET then EHLO get a single-line and a multi-line reply, kept apart.
case smtp.rfc2920.3.1.rset-ehlo-group
  title "A pipelined RSET, EHLO group is answered 250 then the multi-line 250"
  rfc 2920 3.1 MUST
  rfc 2920 3.2 MUST
  tags pipelining ehlo
  requires ext PIPELINING
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "RSET" "EHLO ${helo}"
  expect reply 250
  expect reply 250 text /^PIPELINING\b/i
  send "QUIT"
end

# A large group (MAIL, 20 RCPTs, DATA) arrives in one write; no buffered command may be lost.
case smtp.rfc2920.3.2.large-group-not-lost
  title "A pipelined group of MAIL, 20 RCPT and DATA gets all 22 replies"
  rfc 2920 3.2 MUST
  tags pipelining rcpt
  requires ext PIPELINING
  connect
  need greeting
  send "EHLO ${helo}"
  need reply 250
  send "MAIL FROM:<${sender}>" "RCPT TO:<${rcpt}>\r\n" * 19 + "RCPT TO:<${rcpt}>" "DATA"
  expect reply 250
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 250|251
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (20 recipients)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  expect reply 250
  send "QUIT"
end
