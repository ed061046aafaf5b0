# Set-up, not a check: the five known messages of seed/ (message 1 plain ASCII, 2 with lines that start
# with a dot and a lone dot, 3 an 8-bit UTF-8 body, 4 and 5 numbered fillers) become the whole maildrop of
# the throwaway account ${mutable_user}, before each case that changes that maildrop (`setup
# mutable_user`: the runner runs this before every case that requires var mutable_user, one case at a
# time). It goes through IMAP on the same server (${seed_url}, by default imap://HOST:143, or imaps://HOST:993
# for pop3s; --var seed_url=... names another), so a user needs nothing but the account. When it fails the
# cases run on whatever the maildrop holds, and those that skip say why.
case pop3.setup.mutable-maildrop
  title "Put the known messages into the throwaway maildrop"
  setup mutable_user
  requires var mutable_user
  requires var mutable_password
  requires var seed_url
  connect box imap "${seed_url}"
  need greeting
  login user "${mutable_user}" password "${mutable_password}"
  command "SELECT INBOX"
  need tagged OK
  command "UID STORE 1:* +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "APPEND INBOX" literal-file "seed/message1.eml"
  need tagged OK
  command "APPEND INBOX" literal-file "seed/message2.eml"
  need tagged OK
  command "APPEND INBOX" literal-file "seed/message3.eml"
  need tagged OK
  command "APPEND INBOX" literal-file "seed/message4.eml"
  need tagged OK
  command "APPEND INBOX" literal-file "seed/message5.eml"
  need tagged OK
  command "LOGOUT"
end
