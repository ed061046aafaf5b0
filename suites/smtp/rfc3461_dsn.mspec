# RFC 3461 (SMTP Service Extension for Delivery Status Notifications): §4 (the NOTIFY and ORCPT parameters
# of RCPT, RET and ENVID of MAIL, xtext), §4.5 (each at most once), §5.1 (valid parameters never change the
# reply; invalid ones get 501), §5.4 (minimum parameter and command-line sizes). Delivery-time behaviour
# (which DSNs are sent) needs a mailbox to look into and is not checked here.
#
# Audit: §5.1 compares the reply with the parameter to the reply without it, so each case first sends the
# same command without the parameter (fixtures smtp.sender-accepted for MAIL, smtp.rcpt-accepted for RCPT:
# needs) and a policy refusal of the sender or recipient skips the case. The 501 of §5.1 for invalid or
# repeated MAIL parameters is a MUST with no alternative (RFC 5321 §4.1.1.11 gives way to a code the
# parameter's own definition mandates); for RCPT parameters §5.1 says SHOULD.

# A valid RET parameter changes nothing about the reply MAIL gets: the sender is accepted as without it.
case smtp.rfc3461.5.1.ret-full
  title "MAIL FROM with RET=FULL is accepted"
  rfc 3461 5.1 MUST
  tags dsn mail ret
  requires ext DSN
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> RET=FULL"
  expect reply 250
  send "QUIT"
end

# RET=HDRS is the other defined value.
case smtp.rfc3461.5.1.ret-hdrs
  title "MAIL FROM with RET=HDRS is accepted"
  rfc 3461 5.1 MUST
  tags dsn mail ret
  requires ext DSN
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> RET=HDRS"
  expect reply 250
  send "QUIT"
end

# Parameter keywords and these values are case-insensitive (RFC 5321 §2.4; audit: was cited as §4.1.1.1,
# which is about EHLO keywords).
case smtp.rfc3461.5.1.ret-lower-case
  title "MAIL FROM with ret=hdrs in lower case is accepted"
  rfc 5321 2.4 MUST
  rfc 3461 5.1 MUST
  tags dsn mail ret case
  requires ext DSN
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> ret=hdrs"
  expect reply 250
  send "QUIT"
end

# A valid envelope identifier (xtext) does not change the reply to MAIL.
case smtp.rfc3461.5.1.envid
  title "MAIL FROM with an ENVID is accepted"
  rfc 3461 5.1 MUST
  tags dsn mail envid
  requires ext DSN
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> ENVID=mailspec-${uniq}"
  expect reply 250
  send "QUIT"
end

# ENVID values of up to 100 characters must be accepted.
case smtp.rfc3461.5.4.envid-100-characters
  title "MAIL FROM with a 100-character ENVID is accepted"
  rfc 3461 5.4 MUST
  tags dsn mail envid limits
  requires ext DSN
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> ENVID=" + "E" * 100
  expect reply 250
  send "QUIT"
end

# Both MAIL parameters together are fine.
case smtp.rfc3461.5.1.envid-and-ret
  title "MAIL FROM with both ENVID and RET is accepted"
  rfc 3461 5.1 MUST
  tags dsn mail envid ret
  requires ext DSN
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> RET=HDRS ENVID=QQ314159"
  expect reply 250
  send "QUIT"
end

# A RET value other than FULL or HDRS is invalid and gets 501.
case smtp.rfc3461.5.1.ret-invalid-value
  title "MAIL FROM with RET=BOGUS is refused with 501"
  rfc 3461 5.1 MUST
  tags dsn mail ret syntax
  requires ext DSN
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> RET=BOGUS"
  expect reply 501
  send "QUIT"
end

# RET may appear only once on a MAIL command (§4.5); a repeated one gets 501 (§5.1 MUST, §4.5 SHOULD).
case smtp.rfc3461.5.1.ret-twice
  title "MAIL FROM with two RET parameters is refused with 501"
  rfc 3461 5.1 MUST
  rfc 3461 4.5 SHOULD
  tags dsn mail ret syntax
  requires ext DSN
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> RET=FULL RET=HDRS"
  expect reply 501
  send "QUIT"
end

# ENVID may appear only once on a MAIL command; a repeated one gets 501.
case smtp.rfc3461.5.1.envid-twice
  title "MAIL FROM with two ENVID parameters is refused with 501"
  rfc 3461 5.1 MUST
  rfc 3461 4.5 SHOULD
  tags dsn mail envid syntax
  requires ext DSN
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> ENVID=QQ1 ENVID=QQ2"
  expect reply 501
  send "QUIT"
end

# In xtext a "+" must be followed by two upper-case hexadecimal digits; "+zz" makes the value invalid (501).
case smtp.rfc3461.5.1.envid-invalid-xtext
  title "MAIL FROM with an ENVID that is not valid xtext is refused with 501"
  rfc 3461 5.1 MUST
  tags dsn mail envid syntax
  requires ext DSN
  include smtp.sender-accepted
  send "MAIL FROM:<${sender}> ENVID=mailspec+zz"
  expect reply 501
  send "QUIT"
end

# Valid NOTIFY values do not change the reply to RCPT.
case smtp.rfc3461.5.1.notify-success-failure
  title "RCPT TO with NOTIFY=SUCCESS,FAILURE is accepted"
  rfc 3461 5.1 MUST
  tags dsn rcpt notify
  requires ext DSN
  include smtp.rcpt-accepted
  send "RCPT TO:<${rcpt}> NOTIFY=SUCCESS,FAILURE"
  expect reply 250|251
  send "QUIT"
end

# NEVER on its own is a valid NOTIFY value.
case smtp.rfc3461.5.1.notify-never
  title "RCPT TO with NOTIFY=NEVER is accepted"
  rfc 3461 5.1 MUST
  tags dsn rcpt notify
  requires ext DSN
  include smtp.rcpt-accepted
  send "RCPT TO:<${rcpt}> NOTIFY=NEVER"
  expect reply 250|251
  send "QUIT"
end

# All three notification conditions may be listed together.
case smtp.rfc3461.5.1.notify-all-three
  title "RCPT TO with NOTIFY=SUCCESS,FAILURE,DELAY is accepted"
  rfc 3461 5.1 MUST
  tags dsn rcpt notify
  requires ext DSN
  include smtp.rcpt-accepted
  send "RCPT TO:<${rcpt}> NOTIFY=SUCCESS,FAILURE,DELAY"
  expect reply 250|251
  send "QUIT"
end

# NEVER must stand alone; combined with another keyword the value is invalid and should get 501.
case smtp.rfc3461.5.1.notify-never-combined
  title "RCPT TO with NOTIFY=NEVER,SUCCESS is refused with 501"
  rfc 3461 5.1 SHOULD
  rfc 3461 4.1 MUST
  tags dsn rcpt notify syntax
  requires ext DSN
  include smtp.rcpt-accepted
  send "RCPT TO:<${rcpt}> NOTIFY=NEVER,SUCCESS"
  expect reply 501
  send "QUIT"
end

# An unknown NOTIFY keyword makes the value invalid: 501 is the expected reply.
case smtp.rfc3461.5.1.notify-unknown-keyword
  title "RCPT TO with NOTIFY=SOMETIMES is refused with 501"
  rfc 3461 5.1 SHOULD
  tags dsn rcpt notify syntax
  requires ext DSN
  include smtp.rcpt-accepted
  send "RCPT TO:<${rcpt}> NOTIFY=SOMETIMES"
  expect reply 501
  send "QUIT"
end

# NOTIFY may appear only once per RCPT.
case smtp.rfc3461.5.1.notify-twice
  title "RCPT TO with two NOTIFY parameters is refused with 501"
  rfc 3461 5.1 SHOULD
  rfc 3461 4.5 SHOULD
  tags dsn rcpt notify syntax
  requires ext DSN
  include smtp.rcpt-accepted
  send "RCPT TO:<${rcpt}> NOTIFY=NEVER NOTIFY=SUCCESS"
  expect reply 501
  send "QUIT"
end

# A valid original-recipient parameter (address type and xtext address) does not change the reply.
case smtp.rfc3461.5.1.orcpt
  title "RCPT TO with an ORCPT is accepted"
  rfc 3461 5.1 MUST
  tags dsn rcpt orcpt
  requires ext DSN
  include smtp.rcpt-accepted
  send "RCPT TO:<${rcpt}> ORCPT=rfc822;${rcpt}"
  expect reply 250|251
  send "QUIT"
end

# ORCPT is "addr-type;xtext"; without the type and semicolon the value is invalid.
case smtp.rfc3461.5.1.orcpt-without-address-type
  title "RCPT TO with an ORCPT lacking its address type is refused with 501"
  rfc 3461 5.1 SHOULD
  rfc 3461 4.2 MUST
  tags dsn rcpt orcpt syntax
  requires ext DSN
  include smtp.rcpt-accepted
  send "RCPT TO:<${rcpt}> ORCPT=mailspec"
  expect reply 501
  send "QUIT"
end

# A DSN server accepts ORCPT values of 500 characters and NOTIFY values of 28, so its RCPT command lines may
# reach 1036 octets. The ORCPT here is 461 characters: a valid 320-octet address (local part of 64 "="
# characters, each xtext-encoded as "+3D", and a 255-octet domain); the line is over 512 octets.
case smtp.rfc3461.5.4.long-rcpt-parameters
  title "RCPT TO with a 461-character ORCPT and NOTIFY on a line over 512 octets is accepted"
  rfc 3461 5.4 MUST
  tags dsn rcpt orcpt limits command-line
  requires ext DSN
  include smtp.rcpt-accepted
  send "RCPT TO:<${rcpt}> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;" + "+3D" * 64 + "@" + "a" * 63 + "." + "b" * 63 + "." + "c" * 63 + "." + "d" * 63
  expect reply 250|251
  send "QUIT"
end
