# RFC 2920 (SMTP Service Extension for Command Pipelining): §3.1 (which commands may be grouped, multi-line
# replies) and §3.2 (server: answer in order, never lose buffered input, flush pending replies when the
# input runs dry, DATA answered positively only with a valid recipient). Each group below is sent in one
# write.
#
# Audit: the envelope of each group is first tried without pipelining (smtp.rcpt-ready: needs), so a
# policy refusal of the sender or recipient skips the case; the group then repeats it from RSET, and only
# the order and number of the replies is the check. Replies at the end of the data are needs (the content
# may be refused for reasons of its own).

# RSET, MAIL, RCPT and DATA in one group get their four replies in order. Audit: merged with
# smtp.rfc2920.3.2.rset-to-data-in-order (the same probe with RSET in front and a second recipient).
case smtp.rfc2920.3.2.mail-rcpt-data-in-order
  title "A pipelined RSET, MAIL, RCPT, DATA group is answered 250, 250, 250, 354 in order"
  rfc 2920 3.2 MUST
  tags pipelining transaction
  requires ext PIPELINING
  include smtp.rcpt-ready
  send "RSET" "MAIL FROM:<${sender}>" "RCPT TO:<${rcpt}>" "DATA"
  expect reply 250
  expect reply 250
  expect reply 250|251
  expect reply 354
  include smtp.message
  need reply 250
  send "QUIT"
end

# A refused command inside a group (an RCPT without argument: 501, or 500) gets its own reply in its
# place; the rest of the group goes on.
case smtp.rfc2920.3.2.refused-rcpt-in-order
  title "In a pipelined group a malformed RCPT is refused in its place, the others succeed"
  rfc 2920 3.2 MUST
  tags pipelining errors
  requires ext PIPELINING
  include smtp.rcpt-ready
  send "RSET" "MAIL FROM:<${sender}>" "RCPT" "RCPT TO:<${rcpt}>" "DATA"
  expect reply 250
  expect reply 250
  expect reply 501|500
  expect reply 250|251
  expect reply 354
  include smtp.message
  need reply 250
  send "QUIT"
end

# With no valid recipient in the group, DATA should not get 354 (§3.2 SHOULD: 503 or 554 instead). When
# 354 comes anyway, the case ends the (empty) message with the dot; that the end of the data then fails
# is RFC 5321 §3.3, checked by smtp.rfc5321.3.3.data-after-refused-rcpt.
case smtp.rfc2920.3.2.data-without-valid-rcpt
  title "A pipelined DATA after only refused recipients is answered 503 or 554"
  rfc 2920 3.2 SHOULD
  tags pipelining data
  requires ext PIPELINING
  include smtp.mail-ready
  send "MAIL FROM:<${sender}>" "RCPT" "DATA"
  need reply 250
  need reply 5xx
  expect reply 503|554
  if equals "${last.code}" "354"
    send "."
    read
  end
  send "QUIT"
end

# The end of data and QUIT may be sent together (QUIT closes the group): the end of the data is answered
# first (250, or a refusal of the message), then QUIT with 221. Audit: the end-of-data reply accepts any
# refusal (content policy); the close after 221 is no longer checked here (RFC 5321 §4.1.1.10, checked by
# smtp.rfc5321.4.1.1.10.quit-221-then-close).
case smtp.rfc2920.3.2.end-of-data-and-quit
  title "The end of data pipelined with QUIT is answered before the 221"
  rfc 2920 3.2 MUST
  tags pipelining data quit
  requires ext PIPELINING
  include smtp.data-ready
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (pipelined)" "Message-ID: <${uniq}@mailspec.test>" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "." "QUIT"
  expect reply 250|4xx|5xx within 15s
  expect reply 221 within 15s
end

# Replies held back for a group are flushed as soon as the input buffer is empty (§3.2 MUST): MAIL and RCPT
# without a DATA behind them are still answered. Audit: a generous 15 s before silence counts.
case smtp.rfc2920.3.2.pending-replies-flushed
  title "A group ending in RCPT is answered without waiting for more input"
  rfc 2920 3.2 MUST
  tags pipelining
  requires ext PIPELINING
  include smtp.rcpt-ready
  send "RSET" "MAIL FROM:<${sender}>" "RCPT TO:<${rcpt}>"
  expect reply 250 within 15s
  expect reply 250 within 15s
  expect reply 250|251 within 15s
  send "QUIT"
end

# EHLO may close a group: RSET then EHLO get a single-line and a multi-line reply, kept apart (§3.1:
# multi-line replies are supported; §3.2: in order).
case smtp.rfc2920.3.1.rset-ehlo-group
  title "A pipelined RSET, EHLO group is answered 250 then the multi-line 250"
  rfc 2920 3.1 MUST
  rfc 2920 3.2 MUST
  tags pipelining ehlo
  requires ext PIPELINING
  include smtp.ehlo
  send "RSET" "EHLO ${helo}"
  expect reply 250
  expect reply 250 text /^PIPELINING\b/i
  send "QUIT"
end

# A large group (RSET, MAIL, 20 RCPTs, DATA) arrives in one write; no buffered command may be lost (§3.2
# MUST NOT lose the input buffer). RFC 5321 §4.5.3.1.8 has servers take at least 100 recipients.
case smtp.rfc2920.3.2.large-group-not-lost
  title "A pipelined group of RSET, MAIL, 20 RCPT and DATA gets all 23 replies"
  rfc 2920 3.2 MUST
  tags pipelining rcpt
  requires ext PIPELINING
  include smtp.rcpt-ready
  send "RSET" "MAIL FROM:<${sender}>" "RCPT TO:<${rcpt}>\r\n" * 19 + "RCPT TO:<${rcpt}>" "DATA"
  expect reply 250
  expect reply 250
  repeat 20
    expect reply 250|251
  end
  expect reply 354
  send "From: <${sender}>" "To: <${rcpt}>" "Subject: mailspec ${uniq} (20 recipients)" "Date: Mon, 01 Jan 2024 00:00:00 +0000" "" "mailspec test message" "."
  need reply 250
  send "QUIT"
end
