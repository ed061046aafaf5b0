# RFC 9051 §6.3.7 (SUBSCRIBE) and §6.3.8 (UNSUBSCRIBE), read back with LSUB (RFC 3501 §6.3.9, IMAP4rev1
# servers) or LIST (SUBSCRIBED) (RFC 5258, RFC 9051 §6.3.9.1). Subscriptions live outside the mailbox,
# so every case unsubscribes in its cleanup.

# imap.scratch.drop after an UNSUBSCRIBE of ${box} on a connection of its own.
fixture imap.a.unsubscribe-drop
  connect tidy-sub
  need greeting
  login
  command "UNSUBSCRIBE ${box}"
  need tagged OK|NO
  include imap.scratch.drop
end

# SUBSCRIBE of an existing mailbox succeeds (Result: OK).
case imap.rfc9051.6.3.7.subscribe-ok
  title "SUBSCRIBE of an existing mailbox completes with OK"
  rfc 9051 6.3.7 MUST
  tags subscribe
  requires login
  include imap.scratch.empty
  command "SUBSCRIBE ${box}"
  expect tagged OK
  cleanup
    include imap.a.unsubscribe-drop
  end
end

# A subscribed name is listed by LSUB (IMAP4rev1).
case imap.rfc3501.6.3.9.lsub-lists-subscribed
  title "After SUBSCRIBE, LSUB lists the mailbox"
  rfc 3501 6.3.9 MUST
  rfc 3501 6.3.6 MUST
  tags subscribe lsub rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.empty
  command "SUBSCRIBE ${box}"
  need tagged OK
  command "LSUB \"\" \"${box}\""
  expect tagged OK
  expect untagged LSUB /"?${box}"?\r?$/
  cleanup
    include imap.a.unsubscribe-drop
  end
end

# A subscribed name is listed by LIST (SUBSCRIBED) with \Subscribed (MUST, RFC 5258 §3.1).
case imap.rfc5258.3.1.list-subscribed-selection
  title "After SUBSCRIBE, LIST (SUBSCRIBED) lists the mailbox with \\Subscribed"
  rfc 5258 3.1 MUST
  rfc 9051 6.3.9.1 MUST
  tags subscribe list list-extended
  requires login
  requires ext LIST-EXTENDED
  include imap.scratch.empty
  command "SUBSCRIBE ${box}"
  need tagged OK
  command "LIST (SUBSCRIBED) \"\" \"${box}\""
  expect tagged OK
  expect untagged LIST /\\Subscribed[^)]*\) \S+ "?${box}"?\r?$/i
  cleanup
    include imap.a.unsubscribe-drop
  end
end

# UNSUBSCRIBE removes the name: LSUB no longer lists it.
case imap.rfc9051.6.3.8.unsubscribe-removes
  title "After UNSUBSCRIBE, LSUB no longer lists the mailbox"
  rfc 9051 6.3.8 MUST
  rfc 3501 6.3.7 MUST
  tags subscribe lsub rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.empty
  command "SUBSCRIBE ${box}"
  need tagged OK
  command "UNSUBSCRIBE ${box}"
  expect tagged OK
  command "LSUB \"\" \"${box}\""
  need tagged OK
  capture listed /\A(?:[\s\S]*?^\* LSUB [^\r\n]*?("?${box}"?)\r?$)?/
  expect equals "${listed}" ""
  cleanup
    include imap.a.unsubscribe-drop
  end
end

# The same through LIST (SUBSCRIBED).
case imap.rfc9051.6.3.8.unsubscribe-removes-list-subscribed
  title "After UNSUBSCRIBE, LIST (SUBSCRIBED) no longer lists the mailbox"
  rfc 9051 6.3.8 MUST
  rfc 5258 3.1 MUST
  tags subscribe list list-extended
  requires login
  requires ext LIST-EXTENDED
  include imap.scratch.empty
  command "SUBSCRIBE ${box}"
  need tagged OK
  command "UNSUBSCRIBE ${box}"
  expect tagged OK
  command "LIST (SUBSCRIBED) \"\" \"${box}\""
  need tagged OK
  capture listed /\A(?:[\s\S]*?^\* LIST [^\r\n]*?("?${box}"?)\r?$)?/
  expect equals "${listed}" ""
  cleanup
    include imap.a.unsubscribe-drop
  end
end

# SUBSCRIBE of a name that does not exist: a server may validate it (MAY): OK and NO are both allowed;
# the case reports (info) a server that refuses.
case imap.rfc9051.6.3.7.subscribe-nonexistent-allowed
  title "SUBSCRIBE of a missing mailbox is accepted (a server MAY refuse it)"
  rfc 9051 6.3.7 MAY
  tags subscribe
  requires login
  include imap.authenticated
  set box "mailspec-${uniq}-none"
  command "SUBSCRIBE ${box}"
  expect tagged OK
  cleanup
    connect tidy-sub
    need greeting
    login
    command "UNSUBSCRIBE ${box}"
    need tagged OK|NO
  end
end

# A subscription outlives its mailbox: the server should not remove it when the mailbox is deleted
# (SHOULD NOT, §6.3.7). LSUB still lists the deleted name (typically with \Noselect).
case imap.rfc9051.6.3.7.subscription-survives-delete
  title "Deleting a subscribed mailbox does not remove the subscription"
  rfc 9051 6.3.7 SHOULD
  rfc 3501 6.3.6 SHOULD
  tags subscribe lsub rev1
  requires login
  requires ext IMAP4rev1
  include imap.scratch.empty
  command "SUBSCRIBE ${box}"
  need tagged OK
  command "DELETE ${box}"
  need tagged OK
  command "LSUB \"\" \"${box}\""
  expect tagged OK
  expect untagged LSUB /"?${box}"?\r?$/
  cleanup
    connect tidy-sub
    need greeting
    login
    command "UNSUBSCRIBE ${box}"
    need tagged OK|NO
  end
end

# SUBSCRIBE needs a name: BAD (SHOULD, §2.2.2).
case imap.rfc9051.6.3.7.subscribe-missing-argument-bad
  title "SUBSCRIBE without a name is answered BAD"
  rfc 9051 2.2.2 SHOULD
  tags subscribe syntax
  requires login
  include imap.authenticated
  command "SUBSCRIBE"
  expect tagged BAD
end

# LSUB with the "%" wildcard: OK (IMAP4rev1).
case imap.rfc3501.6.3.9.lsub-percent-ok
  title "LSUB \"\" \"%\" completes with OK"
  rfc 3501 6.3.9 MUST
  tags lsub rev1
  requires login
  requires ext IMAP4rev1
  include imap.authenticated
  command "LSUB \"\" \"%\""
  expect tagged OK
end
