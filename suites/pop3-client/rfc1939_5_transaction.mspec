# RFC 1939 §5: in the TRANSACTION state the messages are numbered 1 to the count STAT gives; a message
# number names an existing message, and never one the client has marked as deleted ("may NOT refer to a
# message marked as deleted", for RETR, DELE, LIST, TOP and UIDL). The client learns the numbers from
# STAT, LIST or UIDL and uses only those.

# Two messages: the client names no message 0 and no message 3 (RETR, DELE, TOP, LIST, UIDL).
case pop3-client.rfc1939.5.listed-numbers-only
  title "The client names only the message numbers the maildrop has (1 to the count)"
  rfc 1939 5 SHOULD
  tags retr list
  include pop3-client.login
  include pop3-client.drop-two
  include pop3-client.serve-drop
  expect equals "${bad_number}" ""
end

# An empty maildrop: STAT "+OK 0 0", an empty scan listing; the client retrieves and deletes nothing.
case pop3-client.rfc1939.5.empty-maildrop
  title "With an empty maildrop the client names no message"
  rfc 1939 5 SHOULD
  tags stat empty
  include pop3-client.login
  include pop3-client.drop-empty
  include pop3-client.serve-drop
  need differs "${sent.stat}${sent.list}" "nono" hint "the client did not ask for the count (STAT or LIST): it cannot know the maildrop is empty"
  expect equals "${bad_number}" ""
end

# After DELE of a message the client does not name it again (no second DELE, no RETR, TOP, LIST).
case pop3-client.rfc1939.5.no-deleted-reference
  title "The client does not name a message it has marked as deleted"
  rfc 1939 5 MUST
  tags dele
  include pop3-client.login
  include pop3-client.drop-two
  include pop3-client.serve-drop
  need equals "${del1}${del2}" "yesyes" hint "configure the client to delete the messages it downloads"
  expect equals "${deleted_ref}" ""
end

# RETR 2 is refused (-ERR [SYS/TEMP]): the client has not got message 2 and does not delete it, while
# message 1 and 3 are fetched and may be deleted. RFC 1939 §8: a message is deleted only once the client
# has it.
case pop3-client.rfc1939.8.dele-only-fetched
  title "The client does not delete a message whose RETR was refused"
  rfc 1939 8 SHOULD
  tags dele retr
  include pop3-client.login
  include pop3-client.drop-three
  set drop.e2 "-ERR [SYS/TEMP] message 2 is unavailable for now"
  include pop3-client.serve-drop
  need equals "${got1}" "yes" hint "configure the client to download mail (it did not retrieve message 1)"
  expect equals "${del2}" "no"
end

# An unknown response code ([X-MAILSPEC/SOMETHING]) on the -ERR to RETR 1: the client takes it as the
# -ERR it is (RFC 2449 §8: unknown codes and detail are ignored), goes on and does not delete message 1.
case pop3-client.rfc2449.8.unknown-code-is-err
  title "An -ERR with an unknown response code is a refusal: the message is not deleted"
  rfc 2449 8 MUST
  tags dele retr resp-codes
  include pop3-client.login
  include pop3-client.drop-two
  set drop.e1 "-ERR [X-MAILSPEC/SOMETHING] message 1 cannot be read"
  include pop3-client.serve-drop
  need equals "${got2}" "yes" hint "configure the client to download mail (it did not retrieve message 2)"
  expect equals "${del1}" "no"
end

# STAT's drop listing may carry more information after the size (§5: "more advanced implementations
# may include other information"); the client still reads the count and, LIST being refused here,
# retrieves both messages by it.
case pop3-client.rfc1939.5.stat-extra-information
  title "The client reads the count of a STAT reply with text after the size"
  rfc 1939 5 SHOULD
  tags stat
  include pop3-client.login
  include pop3-client.drop-two
  set drop.stat.extra " octets in the maildrop"
  # The count must come from STAT: the scan listing of all messages is refused (LIST n is answered).
  set drop.list.all.err "-ERR no scan listing of all messages now"
  include pop3-client.serve-drop
  need equals "${sent.stat}" "yes" hint "the client did not send STAT"
  expect equals "${got1}" "yes"
  expect equals "${bad_number}" ""
end

# Scan listings may carry more after the size too: LIST's lines "n size text".
case pop3-client.rfc1939.5.list-extra-information
  title "The client reads LIST lines with text after the size"
  rfc 1939 5 SHOULD
  tags list
  include pop3-client.login
  include pop3-client.drop-three
  set drop.list "1 45 extra\r\n2 46 extra\r\n3 47 extra\r\n"
  include pop3-client.serve-drop
  need equals "${sent.list}" "yes" hint "the client did not send LIST"
  expect equals "${got1}" "yes"
  expect equals "${bad_number}" ""
end
