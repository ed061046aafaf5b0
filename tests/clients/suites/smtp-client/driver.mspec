# Cases for tests/clients/driver_test.py (not a suite of the product): each is one SMTP session in which
# the client delivers a message and quits; tags as the real suites use them, so that the driver's
# configuration per case, its split between smtp and smtps and its report merging are exercised.

fixture smtp-client.driver.session
  send "220 driver.test ESMTP"
  need command EHLO|HELO hint "the client did not greet"
  send "250-driver.test" "250 8BITMIME"
  need command MAIL
  send "250 ok"
  need command RCPT
  send "250 ok"
  need command DATA
  send "354 go ahead"
  need data
  send "250 queued"
  expect command QUIT
  send "221 bye"
end

case smtp-client.driver.first
  title "driver test: one message, QUIT"
  rfc 5321 4.1.4 MUST
  tags quit
  include smtp-client.driver.session
end

case smtp-client.driver.second
  title "driver test: the same, STARTTLS wanted (not offered)"
  rfc 5321 4.1.4 MUST
  tags starttls
  include smtp-client.driver.session
end

case smtp-client.driver.third
  title "driver test: the same again"
  rfc 5321 4.1.4 MUST
  tags quit
  include smtp-client.driver.session
end

case smtp-client.driver.fourth
  title "driver test: the same, a fourth time"
  rfc 5321 4.1.4 MUST
  tags quit
  include smtp-client.driver.session
end

case smtp-client.driver.fifth
  title "driver test: the same, a fifth time"
  rfc 5321 4.1.4 MUST
  tags quit
  include smtp-client.driver.session
end

case smtp-client.driver.auth
  title "driver test: AUTH PLAIN, then one message, QUIT"
  rfc 4954 4 MUST
  tags auth auth-plain
  send "220 driver.test ESMTP"
  need command EHLO|HELO hint "the client did not greet"
  send "250-driver.test" "250 AUTH PLAIN"
  need command AUTH hint "configure the client to log in"
  serve-auth
  send "235 2.7.0 authenticated"
  need command MAIL
  send "250 ok"
  need command RCPT
  send "250 ok"
  need command DATA
  send "354 go ahead"
  need data
  send "250 queued"
  expect command QUIT
  send "221 bye"
end

case smtp-client.driver.implicit
  title "driver test: the same over implicit TLS"
  rfc 8314 3.3 MUST
  tags implicit-tls
  include smtp-client.driver.session
end
