# RFC 9051 §6.4.4 and §7.3.4, RFC 4731: SEARCH RETURN result options (MIN, MAX, ALL, COUNT) and the ESEARCH
# response: one response per command, carrying the command's tag, UID for UID SEARCH, items left out when
# nothing matches. Needs ESEARCH or IMAP4rev2 (which includes it) advertised.
# The scratch mailbox holds three messages: 1 \Seen, 2 \Flagged, 3 no flags.

# MIN returns the lowest matching message number: the unseen messages are 2 and 3, so MIN 2 and nothing else.
case imap.rfc9051.6.4.4.return-min
  title "SEARCH RETURN (MIN) gives the lowest matching number"
  rfc 9051 6.4.4 MUST
  rfc 4731 3.1 MUST
  tags search esearch
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (MIN) UNSEEN"
  expect tagged OK
  expect untagged ESEARCH /^\* ESEARCH(?: \(TAG "?${tag}"?\))? MIN 2\s*$/i
  cleanup
    include imap.scratch.drop
  end
end

# MAX returns the highest matching message number: the unflagged messages are 1 and 3, so MAX 3.
case imap.rfc9051.6.4.4.return-max
  title "SEARCH RETURN (MAX) gives the highest matching number"
  rfc 9051 6.4.4 MUST
  rfc 4731 3.1 MUST
  tags search esearch
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (MAX) UNFLAGGED"
  expect tagged OK
  expect untagged ESEARCH /^\* ESEARCH(?: \(TAG "?${tag}"?\))? MAX 3\s*$/i
  cleanup
    include imap.scratch.drop
  end
end

# COUNT returns how many messages match: two are unseen.
case imap.rfc9051.6.4.4.return-count
  title "SEARCH RETURN (COUNT) gives the number of matches"
  rfc 9051 6.4.4 MUST
  rfc 4731 3.1 MUST
  tags search esearch
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (COUNT) UNSEEN"
  expect tagged OK
  expect untagged ESEARCH /^\* ESEARCH(?: \(TAG "?${tag}"?\))? COUNT 2\s*$/i
  cleanup
    include imap.scratch.drop
  end
end

# ALL returns every match as a sequence set in any order or grouping: 2:3, 3:2, 2,3 or 3,2.
case imap.rfc9051.6.4.4.return-all
  title "SEARCH RETURN (ALL) gives the matches as a sequence set"
  rfc 9051 6.4.4 MUST
  rfc 4731 3.1 MUST
  tags search esearch
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (ALL) UNSEEN"
  expect tagged OK
  expect untagged ESEARCH /^\* ESEARCH(?: \(TAG "?${tag}"?\))? ALL (?:2:3|3:2|2,3|3,2)\s*$/i
  cleanup
    include imap.scratch.drop
  end
end

# An empty list of result options is the same as ALL.
case imap.rfc9051.6.4.4.return-empty-list-is-all
  title "SEARCH RETURN () means ALL"
  rfc 9051 6.4.4 MUST
  rfc 4731 3.1 MUST
  tags search esearch
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN () UNSEEN"
  expect tagged OK
  expect untagged ESEARCH /^\* ESEARCH(?: \(TAG "?${tag}"?\))? ALL (?:2:3|3:2|2,3|3,2)\s*$/i
  cleanup
    include imap.scratch.drop
  end
end

# When nothing matches, MIN, MAX and ALL must be left out but the ESEARCH response must still be sent:
# it holds nothing but the tag.
case imap.rfc9051.6.4.4.return-no-match-omits-min-max-all
  title "With no match, ESEARCH is sent without MIN, MAX and ALL"
  rfc 9051 6.4.4 MUST
  rfc 4731 3.1 MUST
  tags search esearch
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (MIN MAX ALL) SUBJECT \"absent-${uniq}\""
  expect tagged OK
  expect untagged ESEARCH /^\* ESEARCH(?: \(TAG "?${tag}"?\))?(?: UID)?\s*$/i
  cleanup
    include imap.scratch.drop
  end
end

# COUNT is always included: with no match it is COUNT 0.
case imap.rfc9051.6.4.4.return-count-always
  title "COUNT is present even when nothing matches"
  rfc 9051 6.4.4 MUST
  rfc 4731 3.1 MUST
  tags search esearch
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (COUNT) SUBJECT \"absent-${uniq}\""
  expect tagged OK
  expect untagged ESEARCH /^\* ESEARCH(?: \(TAG "?${tag}"?\))? COUNT 0\s*$/i
  cleanup
    include imap.scratch.drop
  end
end

# The options defined together must be answered in one ESEARCH response, in any order: MIN 1, MAX 3,
# COUNT 3 and ALL of the three messages.
case imap.rfc9051.6.4.4.return-min-max-count-one-response
  title "Several result options come in a single ESEARCH response"
  rfc 9051 6.4.4 MUST
  rfc 4731 3.1 MUST
  tags search esearch
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (MIN MAX COUNT ALL) ALL"
  expect tagged OK
  expect untagged ESEARCH /^\* ESEARCH(?: \(TAG "?${tag}"?\))?(?=.* MIN 1\b)(?=.* MAX 3\b)(?=.* COUNT 3\b)(?=.* ALL (?:1:3|3:1|1,2,3|1:2,3|1,2:3)\b)/i
  cleanup
    include imap.scratch.drop
  end
end

# The search correlator names the command that caused the response; an ESEARCH answering a command
# carries (TAG "tag") of that command (without it the response would be one not caused by a command).
case imap.rfc9051.6.4.4.esearch-tag-correlator
  title "The ESEARCH response carries the command's tag"
  rfc 9051 6.4.4 MUST
  rfc 4731 3.1 MUST
  rfc 9051 7.3.4 MUST
  tags search esearch
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (COUNT) ALL"
  expect tagged OK
  expect untagged ESEARCH /^\* ESEARCH \(TAG "?${tag}"?\)/i
  cleanup
    include imap.scratch.drop
  end
end

# The ESEARCH response to UID SEARCH must carry the UID indicator, and its data are UIDs: with message 1
# expunged first (so that UIDs and numbers differ), MIN of all messages is the UID of plain-two, not 1.
case imap.rfc9051.6.4.4.uid-search-return-uid-indicator
  title "UID SEARCH RETURN answers with the UID indicator and UIDs"
  rfc 9051 6.4.9 MUST
  rfc 4731 3.1 MUST
  tags search esearch uid
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
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
  command "UID SEARCH RETURN (MIN) ALL"
  expect tagged OK
  expect untagged ESEARCH /^\* ESEARCH(?: \(TAG "?${tag}"?\))? UID MIN ${u2}\s*$/i
  cleanup
    include imap.scratch.drop
  end
end

# Result options that no supported extension defines must be rejected with BAD.
case imap.rfc9051.6.4.4.return-unknown-option-bad
  title "An unknown result option is answered BAD"
  rfc 9051 6.4.4 MUST
  rfc 4731 3.1 MUST
  tags search esearch
  requires login
  if not ext ESEARCH
    if not ext IMAP4rev2
      need equals "ESEARCH" "advertised" hint "the server advertises neither ESEARCH nor IMAP4rev2 (which includes it)"
    end
  end
  include imap.scratch.selected
  command "SEARCH RETURN (MAILSPECBOGUS) ALL"
  expect tagged BAD
  cleanup
    include imap.scratch.drop
  end
end
