# RFC 2449 §3 (grammar), §4 (lengths), §5 (The CAPA Command), §6 (Initial Set of Capabilities);
# RFC 5034 §3 (SASL capability after AUTH); RFC 3206 §6 (AUTH-RESP-CODE).
# CAPA works in AUTHORIZATION and TRANSACTION; its answer is a multi-line list of capability lines
# "<tag> *(SP <param>)"; tags are case-insensitive (matched with /i). Capabilities announced before
# login are announced after login too. Each capability with a defined argument syntax is checked
# when present (`requires ext NAME` uses the run's CAPA probe on the plain connection).
# Read-only: logs in with the run's credentials (--user, --password-env).
# Audit (issue 8): set-up from fixtures (pop3.greeted, pop3.capa, pop3.transaction.capa). The
# capability-syntax cases stay MUST: a capability's "Arguments" line (§6.x) defines what the SERVER
# announces, together with the §3 grammar; this is not the "Arguments: none" of a command
# description, which only says what a client sends. command-255-octets awaits both answers
# `within 15s`: a server that keeps waiting for the rest of a 255-octet line breaks §4.

# CAPA is part of the POP3 extension mechanism; a server that lacks it may answer -ERR, so a
# refusal is reported as info (servers with STLS must have CAPA: see rfc2595_stls.mspec).
case pop3.rfc2449.5.capa-in-authorization
  title "CAPA before login answers +OK and a capability list"
  rfc 2449 5 MAY
  tags capa authorization

  include pop3.greeted
  send "CAPA"
  expect ok multiline
end

# Every capability line is a tag of printable characters other than "." followed by
# space-separated parameters of printable characters.
case pop3.rfc2449.3.capa-syntax-authorization
  title "Every CAPA line before login is <tag> *(SP <param>)"
  rfc 2449 3 MUST
  rfc 2449 5 MAY
  tags capa syntax authorization

  include pop3.capa
  expect body /\A(?:[\x21-\x2D\x2F-\x7E]+(?: [\x21-\x7E]+)*\r?\n)*\z/
end

# CAPA is also available after login.
case pop3.rfc2449.5.capa-in-transaction
  title "CAPA after login answers +OK and a capability list"
  rfc 2449 5 MUST
  tags capa transaction
  requires login

  include pop3.capa
  include pop3.login
  send "CAPA"
  expect ok multiline
end

# The grammar holds after login as well.
case pop3.rfc2449.3.capa-syntax-transaction
  title "Every CAPA line after login is <tag> *(SP <param>)"
  rfc 2449 3 MUST
  tags capa syntax transaction
  requires login

  include pop3.transaction.capa
  expect body /\A(?:[\x21-\x2D\x2F-\x7E]+(?: [\x21-\x7E]+)*\r?\n)*\z/
end

# Servers that have CAPA accept commands up to 255 octets (CRLF included). A 255-octet USER line
# must be taken as one command with one answer: if the server cut it into pieces, the extra answers
# (-ERR for the pieces) would be read in place of the answer to the CAPA that follows. (CAPA rather
# than a second USER: USER right after a successful USER is out of place, see user-twice.)
case pop3.rfc2449.4.command-255-octets
  title "A 255-octet command line is handled as one command"
  rfc 2449 4 MUST
  tags capa limits
  requires ext USER

  include pop3.greeted
  send "USER " + "a" * 248
  expect status within 15s
  send "CAPA"
  expect ok multiline within 15s
end

# ---- Capabilities announced before login are announced after login as well (§5). ----

# TOP, announced before login, is announced after login too.
case pop3.rfc2449.5.top-announced-after-login
  title "TOP is still in the CAPA list after login"
  rfc 2449 5 MUST
  rfc 2449 6.1 MUST
  tags capa transaction
  requires ext TOP
  requires login

  include pop3.transaction.capa
  expect body /(?:^|\n)TOP(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# UIDL, announced before login, is announced after login too.
case pop3.rfc2449.5.uidl-announced-after-login
  title "UIDL is still in the CAPA list after login"
  rfc 2449 5 MUST
  rfc 2449 6.8 MUST
  tags capa transaction
  requires ext UIDL
  requires login

  include pop3.transaction.capa
  expect body /(?:^|\n)UIDL(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# USER, announced before login, is announced after login too.
case pop3.rfc2449.5.user-announced-after-login
  title "USER is still in the CAPA list after login"
  rfc 2449 5 MUST
  rfc 2449 6.2 MUST
  tags capa transaction
  requires ext USER
  requires login

  include pop3.transaction.capa
  expect body /(?:^|\n)USER(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# SASL stays in the list after login (RFC 2449 §5; RFC 5034 §3 says so even after AUTH),
# although no further AUTH is allowed.
case pop3.rfc2449.5.sasl-announced-after-login
  title "SASL is still in the CAPA list after login"
  rfc 2449 5 MUST
  rfc 5034 3 MUST
  rfc 2449 6.3 MUST
  tags capa transaction
  requires ext SASL
  requires login

  include pop3.transaction.capa
  expect body /(?:^|\n)SASL(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# RESP-CODES, announced before login, is announced after login too.
case pop3.rfc2449.5.resp-codes-announced-after-login
  title "RESP-CODES is still in the CAPA list after login"
  rfc 2449 5 MUST
  rfc 2449 6.4 MUST
  tags capa transaction
  requires ext RESP-CODES
  requires login

  include pop3.transaction.capa
  expect body /(?:^|\n)RESP-CODES(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# PIPELINING, announced before login, is announced after login too.
case pop3.rfc2449.5.pipelining-announced-after-login
  title "PIPELINING is still in the CAPA list after login"
  rfc 2449 5 MUST
  rfc 2449 6.6 MUST
  tags capa transaction
  requires ext PIPELINING
  requires login

  include pop3.transaction.capa
  expect body /(?:^|\n)PIPELINING(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# LOGIN-DELAY, announced before login, is announced after login too.
case pop3.rfc2449.5.login-delay-announced-after-login
  title "LOGIN-DELAY is still in the CAPA list after login"
  rfc 2449 5 MUST
  rfc 2449 6.5 MUST
  tags capa transaction
  requires ext LOGIN-DELAY
  requires login

  include pop3.transaction.capa
  expect body /(?:^|\n)LOGIN-DELAY(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# EXPIRE, announced before login, is announced after login too.
case pop3.rfc2449.5.expire-announced-after-login
  title "EXPIRE is still in the CAPA list after login"
  rfc 2449 5 MUST
  rfc 2449 6.7 MUST
  tags capa transaction
  requires ext EXPIRE
  requires login

  include pop3.transaction.capa
  expect body /(?:^|\n)EXPIRE(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# A server announcing IMPLEMENTATION before login announces it after login too (a server may
# announce it only after login, never only before).
case pop3.rfc2449.5.implementation-announced-after-login
  title "IMPLEMENTATION is still in the CAPA list after login"
  rfc 2449 5 MUST
  rfc 2449 6.9 MAY
  tags capa transaction
  requires ext IMPLEMENTATION
  requires login

  include pop3.transaction.capa
  expect body /(?:^|\n)IMPLEMENTATION(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# AUTH-RESP-CODE is announced in both states (RFC 3206 §6, RFC 2449 §5).
case pop3.rfc2449.5.auth-resp-code-announced-after-login
  title "AUTH-RESP-CODE is still in the CAPA list after login"
  rfc 2449 5 MUST
  rfc 3206 6 MUST
  tags capa transaction
  requires ext AUTH-RESP-CODE
  requires login

  include pop3.transaction.capa
  expect body /(?:^|\n)AUTH-RESP-CODE(?: [^\r\n]*)?\r?(?:\n|$)/i
end

# ---- Syntax of each capability when it is announced (§6). ----

# The TOP capability is defined without arguments: its line is the bare tag.
case pop3.rfc2449.6.1.top-capability-syntax
  title "TOP takes no argument"
  rfc 2449 6.1 MUST
  rfc 2449 3 MUST
  tags capa syntax
  requires ext TOP

  include pop3.capa
  expect body /(?:^|\n)TOP\r?(?:\n|$)/i
end

# The USER capability is defined without arguments: its line is the bare tag.
case pop3.rfc2449.6.2.user-capability-syntax
  title "USER takes no argument"
  rfc 2449 6.2 MUST
  rfc 2449 3 MUST
  tags capa syntax
  requires ext USER

  include pop3.capa
  expect body /(?:^|\n)USER\r?(?:\n|$)/i
end

# The RESP-CODES capability is defined without arguments: its line is the bare tag.
case pop3.rfc2449.6.4.resp-codes-capability-syntax
  title "RESP-CODES takes no argument"
  rfc 2449 6.4 MUST
  rfc 2449 3 MUST
  tags capa syntax
  requires ext RESP-CODES

  include pop3.capa
  expect body /(?:^|\n)RESP-CODES\r?(?:\n|$)/i
end

# The PIPELINING capability is defined without arguments: its line is the bare tag.
case pop3.rfc2449.6.6.pipelining-capability-syntax
  title "PIPELINING takes no argument"
  rfc 2449 6.6 MUST
  rfc 2449 3 MUST
  tags capa syntax
  requires ext PIPELINING

  include pop3.capa
  expect body /(?:^|\n)PIPELINING\r?(?:\n|$)/i
end

# The UIDL capability is defined without arguments: its line is the bare tag.
case pop3.rfc2449.6.8.uidl-capability-syntax
  title "UIDL takes no argument"
  rfc 2449 6.8 MUST
  rfc 2449 3 MUST
  tags capa syntax
  requires ext UIDL

  include pop3.capa
  expect body /(?:^|\n)UIDL\r?(?:\n|$)/i
end

# SASL's arguments are the mechanism names (RFC 4422 names: 1-20 of A-Z, 0-9, "-", "_"), at least one.
case pop3.rfc2449.6.3.sasl-capability-syntax
  title "SASL lists one or more SASL mechanism names"
  rfc 2449 6.3 MUST
  rfc 5034 3 MUST
  tags capa sasl syntax
  requires ext SASL

  include pop3.capa
  expect body /(?:^|\n)SASL(?: [A-Z0-9_-]{1,20})+\r?(?:\n|$)/i
end

# LOGIN-DELAY's argument is a number of seconds, optionally followed by USER before login.
case pop3.rfc2449.6.5.login-delay-capability-syntax
  title "LOGIN-DELAY carries <seconds> [USER]"
  rfc 2449 6.5 MUST
  tags capa syntax login-delay
  requires ext LOGIN-DELAY

  include pop3.capa
  expect body /(?:^|\n)LOGIN-DELAY \d+(?: USER)?\r?(?:\n|$)/i
end

# EXPIRE's argument is a number of days or NEVER, optionally followed by USER before login.
case pop3.rfc2449.6.7.expire-capability-syntax
  title "EXPIRE carries <days>|NEVER [USER]"
  rfc 2449 6.7 MUST
  tags capa syntax expire
  requires ext EXPIRE

  include pop3.capa
  expect body /(?:^|\n)EXPIRE (?:\d+|NEVER)(?: USER)?\r?(?:\n|$)/i
end

# IMPLEMENTATION carries one or more tokens naming the server software.
case pop3.rfc2449.6.9.implementation-capability-syntax
  title "IMPLEMENTATION carries at least one token"
  rfc 2449 6.9 MUST
  tags capa syntax
  requires ext IMPLEMENTATION

  include pop3.capa
  expect body /(?:^|\n)IMPLEMENTATION(?: [\x21-\x7E]+)+\r?(?:\n|$)/i
end

# AUTH-RESP-CODE (RFC 3206) is defined without arguments.
case pop3.rfc3206.6.auth-resp-code-capability-syntax
  title "AUTH-RESP-CODE takes no argument"
  rfc 3206 6 MUST
  rfc 2449 3 MUST
  tags capa syntax resp-codes
  requires ext AUTH-RESP-CODE

  include pop3.capa
  expect body /(?:^|\n)AUTH-RESP-CODE\r?(?:\n|$)/i
end

# The USER token marks a per-user value before login; after login the server should announce the
# user's own value, without the USER token.
case pop3.rfc2449.6.5.login-delay-user-value-after-login
  title "After login, LOGIN-DELAY is announced without the USER token"
  rfc 2449 6.5 SHOULD
  tags capa login-delay transaction
  requires ext LOGIN-DELAY
  requires login

  include pop3.capa
  need body /(?:^|\n)LOGIN-DELAY \d+ USER\r?(?:\n|$)/i
  include pop3.login
  send "CAPA"
  need ok multiline
  expect body /(?:^|\n)LOGIN-DELAY \d+\r?(?:\n|$)/i
end

# The same for EXPIRE.
case pop3.rfc2449.6.7.expire-user-value-after-login
  title "After login, EXPIRE is announced without the USER token"
  rfc 2449 6.7 SHOULD
  tags capa expire transaction
  requires ext EXPIRE
  requires login

  include pop3.capa
  need body /(?:^|\n)EXPIRE (?:\d+|NEVER) USER\r?(?:\n|$)/i
  include pop3.login
  send "CAPA"
  need ok multiline
  expect body /(?:^|\n)EXPIRE (?:\d+|NEVER)\r?(?:\n|$)/i
end
