# RFC 9051 §6.4.4.1-6.4.4.4 (RFC 5182 SEARCHRES): SEARCH RETURN (SAVE), the search result variable and the
# `$` marker in FETCH, SEARCH, STORE and COPY. Needs SEARCHRES or IMAP4rev2 advertised.
# The scratch mailbox holds three messages: 1 \Seen, 2 \Flagged, 3 no flags.

# SAVE on its own suppresses the ESEARCH response that the search would otherwise give.
case imap.rfc9051.6.4.4.1.save-suppresses-esearch
  title "SEARCH RETURN (SAVE) alone sends no ESEARCH response"
  rfc 9051 6.4.4.1 MUST
  rfc 9051 6.4.4 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (SAVE) FLAGGED"
  expect tagged OK
  capture x /\A[\s\S]*?(\* E?SEARCH\b[^\r\n]*)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# After SEARCH RETURN (SAVE) FLAGGED, `$` stands for the saved result: FETCH $ answers message 2 and no
# other message.
case imap.rfc9051.6.4.4.1.fetch-dollar
  title "FETCH $ fetches the saved search result"
  rfc 9051 6.4.4.1 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (SAVE) FLAGGED"
  need tagged OK
  command "FETCH $ (FLAGS)"
  expect tagged OK
  expect untagged FETCH 2
  capture x /\A[\s\S]*?(\* [13] FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# `$` is valid wherever a sequence set is: SEARCH $ finds exactly the saved message 2.
case imap.rfc9051.6.4.4.1.search-dollar
  title "SEARCH $ searches within the saved result"
  rfc 9051 6.4.4.1 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (SAVE) FLAGGED"
  need tagged OK
  if ext IMAP4rev1
    command "SEARCH $"
    expect tagged OK
    expect untagged SEARCH /^\* SEARCH(?=.* 2\b)(?: (?:2)\b)+\s*$/
  else
    command "SEARCH RETURN (COUNT MIN MAX) $"
    expect tagged OK
    expect untagged ESEARCH /^\* ESEARCH(?=.* COUNT 1\b)(?=.* MIN 2\b)(?=.* MAX 2\b)/i
  end
  cleanup
    include imap.scratch.drop
  end
end

# The server maps `$` to UIDs when a UID command uses it: after message 1 is expunged (so that UIDs and
# numbers differ), SEARCH (SAVE) FLAGGED saves message 1, and UID FETCH $ answers it with its UID.
case imap.rfc9051.6.4.4.1.uid-fetch-dollar-maps-to-uids
  title "UID FETCH $ maps the saved result to UIDs"
  rfc 9051 6.4.4.1 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "STORE 1 +FLAGS.SILENT (\\Deleted)"
  need tagged OK
  command "EXPUNGE"
  need tagged OK
  command "FETCH 1:2 UID"
  need tagged OK
  capture u2 /\* 1 FETCH \([^\r\n]*UID (\d+)/
  capture u3 /\* 2 FETCH \([^\r\n]*UID (\d+)/
  command "SEARCH RETURN (SAVE) FLAGGED"
  need tagged OK
  command "UID FETCH $ (FLAGS)"
  expect tagged OK
  expect untagged FETCH 1 /UID ${u2}\b/
  cleanup
    include imap.scratch.drop
  end
end

# Combined with MIN (and no ALL or COUNT), SAVE keeps just the message returned as MIN: after RETURN
# (SAVE MIN) UNSEEN, `$` is message 2 alone, not 3.
case imap.rfc9051.6.4.4.1.save-min-saves-min-only
  title "SAVE with MIN saves only the minimum"
  rfc 9051 6.4.4.1 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (SAVE MIN) UNSEEN"
  need tagged OK
  command "FETCH $ (FLAGS)"
  expect tagged OK
  expect untagged FETCH 2
  capture x /\A[\s\S]*?(\* 3 FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# With COUNT (or ALL) present, `$` holds every match: after RETURN (SAVE COUNT) UNSEEN, FETCH $ gives 2 and 3.
case imap.rfc9051.6.4.4.1.save-count-saves-all
  title "SAVE with COUNT saves every match"
  rfc 9051 6.4.4.1 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (SAVE COUNT) UNSEEN"
  need tagged OK
  command "FETCH $ (FLAGS)"
  expect tagged OK
  expect untagged FETCH 2
  expect untagged FETCH 3
  cleanup
    include imap.scratch.drop
  end
end

# A successful SEARCH without SAVE leaves the variable alone: `$` still holds message 2 afterwards.
case imap.rfc9051.6.4.4.1.search-without-save-keeps-variable
  title "A later SEARCH without SAVE does not change $"
  rfc 9051 6.4.4.1 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (SAVE) FLAGGED"
  need tagged OK
  command "SEARCH SEEN"
  need tagged OK
  command "FETCH $ (FLAGS)"
  expect tagged OK
  expect untagged FETCH 2
  capture x /\A[\s\S]*?(\* [13] FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# A SEARCH with SAVE that ends in NO (here an unknown charset) sets the variable to the empty sequence:
# FETCH $ then completes with OK and returns no message.
case imap.rfc9051.6.4.4.1.failed-save-empties-variable
  title "A SEARCH (SAVE) answered NO leaves $ empty"
  rfc 9051 6.4.4.1 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (SAVE) FLAGGED"
  need tagged OK
  command "SEARCH RETURN (SAVE) CHARSET X-MAILSPEC-UNKNOWN-${uniq} ALL"
  need tagged NO
  command "FETCH $ (FLAGS)"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# Right after SELECT the variable is empty, and an empty `$` is a valid but non-matching set: FETCH $ is
# answered OK with no FETCH response.
case imap.rfc9051.6.4.4.1.empty-dollar-is-not-an-error
  title "$ with no saved messages is valid and matches nothing"
  rfc 9051 6.4.4.1 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "FETCH $ (FLAGS)"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# `$` works in STORE: +FLAGS (\Answered) on `$` (message 2) answers a FETCH for message 2 only.
case imap.rfc9051.6.4.4.1.store-dollar
  title "STORE $ changes the saved messages only"
  rfc 9051 6.4.4.1 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (SAVE) FLAGGED"
  need tagged OK
  command "STORE $ +FLAGS (\\Answered)"
  expect tagged OK
  expect untagged FETCH 2 /\\Answered/i
  capture x /\A[\s\S]*?(\* [13] FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end

# A successful SELECT resets the search result variable: after re-selecting, FETCH $ returns nothing.
case imap.rfc9051.6.4.4.1.select-resets-variable
  title "SELECT resets $ to empty"
  rfc 9051 6.4.4.1 MUST
  tags search searchres
  requires login
  if not ext SEARCHRES
    if not ext IMAP4rev2
      need equals "SEARCHRES" "advertised" hint "the server advertises neither SEARCHRES nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (SAVE) FLAGGED"
  need tagged OK
  command "SELECT ${box}"
  need tagged OK
  command "FETCH $ (FLAGS)"
  expect tagged OK
  capture x /\A[\s\S]*?(\* \d+ FETCH)|\A/
  expect equals "${x}" ""
  cleanup
    include imap.scratch.drop
  end
end
