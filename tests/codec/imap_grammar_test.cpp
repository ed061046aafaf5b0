// The strict IMAP response grammar (codec/imap/grammar.hpp): the RFCs' own example responses and
// Dovecot's, each framed by response_parser split at every byte (grind) and then parsed; typed values
// of every production; rejected inputs with the rule and RFC section named; serialize round trips.
#include "codec/imap/grammar.hpp"

#include "grind.hpp"
#include "imap_grammar_examples.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace mi = mailspec::codec::imap;

/// Frames `chunks` with the strict response parser and parses each response with the grammar:
/// "ok <serialized>" or "error <rule> RFC <n> §<s> @<offset>" per response, a framer error as such.
std::string frame_and_parse(std::vector<std::string_view> const& chunks) {
  mi::response_parser p;
  std::string out;
  for (std::string_view chunk : chunks) {
    while (!chunk.empty()) {
      std::error_code ec;
      chunk.remove_prefix(p.put(chunk, ec));
      if (p.done()) {
        auto const r = p.take();
        auto const g = mi::parse_typed(r);
        out += g ? "ok " + mi::serialize(*g.value)
                 : "error " + g.error->rule + " RFC " + std::to_string(g.error->rfc) + " \xC2\xA7" +
                       g.error->section + " @" + std::to_string(g.error->offset) + "\n";
        continue;
      }
      if (ec != mi::error::need_more) return out + "framer " + ec.message() + "\n";
    }
  }
  return out;
}

std::string grind(std::string_view wire) { return mailspec::testing::grind(wire, frame_and_parse); }

/// parse -> serialize -> parse gives the same value, and serializing again the same octets.
void expect_round_trip(std::string_view wire) {
  auto g = mi::parse_typed(wire);
  ASSERT_TRUE(g) << g.error->message();
  std::string const once = mi::serialize(*g.value);
  auto back = mi::parse_typed(once);
  ASSERT_TRUE(back) << back.error->message() << "\nserialized: " << once;
  EXPECT_EQ(*back.value, *g.value) << "serialized: " << once;
  EXPECT_EQ(mi::serialize(*back.value), once);
}

// ---------------------------------------------------------------------------------------------
// The RFCs' examples

TEST(ImapGrammar, EveryRfcExampleParsesThroughTheFramerAtEverySplitAndRoundTrips) {
  for (auto const& ex : imap_grammar_examples::all) {
    SCOPED_TRACE(std::string(ex.rfc) + ": " + std::string(ex.wire));
    std::string const seen = grind(ex.wire);
    EXPECT_EQ(seen.rfind("ok ", 0), 0u) << seen;
    expect_round_trip(ex.wire);
  }
}

// RFC 9051's own examples that break its ABNF (the grammar follows the ABNF, the examples are errata).
TEST(ImapGrammar, RfcExamplesThatBreakTheAbnfAreRejected) {
  auto g = mi::parse_typed("* OK [UIDVALIDITY 9877410381] UIDs valid\r\n");  // §7.1: nz-number is 32 bits
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error->rule, "resp-text-code");
  g = mi::parse_typed("B283 NO [BADCHARSET UTF-8] KOI8-R is not supported\r\n");  // §6.4.4: "(" charset ")"
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error->rule, "resp-text-code");
}

// ---------------------------------------------------------------------------------------------
// Real server output (Dovecot 2.3, captured from the shared test servers)

constexpr std::string_view dovecot[] = {
    "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] Dovecot (Debian) ready.\r\n",
    "* ID (\"name\" \"Dovecot\")\r\n",
    "* NAMESPACE ((\"\" \".\")) NIL NIL\r\n",
    "* LIST (\\HasNoChildren \\UnMarked) \".\" probe-b\r\n",
    "* LIST (\\Noselect) \".\" \"\"\r\n",
    "* NO Mailbox doesn't exist: mailspec-ms41a6abed4675\r\n",
    "* STATUS INBOX (MESSAGES 7 RECENT 0 UIDNEXT 8 UIDVALIDITY 1796591883 UNSEEN 7 HIGHESTMODSEQ 4 SIZE 2095)\r\n",
    "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Custom \\*)] Flags permitted.\r\n",
    "* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n",
    "* OK [HIGHESTMODSEQ 4] Highest\r\n",
    "g14 OK [READ-ONLY] Examine completed (0.001 + 0.000 secs).\r\n",
    "* 1 FETCH (FLAGS () UID 1 MODSEQ (2) INTERNALDATE \"14-Nov-2023 22:14:20 +0000\" RFC822.SIZE 324)\r\n",
    "* 1 FETCH (BODY[]<0> {10}\r\nReturn-Pat)\r\n",
    "* 1 FETCH (BODY[HEADER.FIELDS (FROM SUBJECT)] {7}\r\nFrom:\r\n BODY[2.MIME] {0}\r\n)\r\n",
    std::string_view("* 1 FETCH (BINARY[2] ~{4}\r\n\x00\x01\x02\x03 BINARY.SIZE[2] 4)\r\n", 51),
    "* 3 FETCH (BINARY[2]<2> ~{3}\r\nabc)\r\n",  // <origin>: in RFC 9051 §7.5.2's prose, not its ABNF
    "* SEARCH 1 2 (MODSEQ 11)\r\n",
    "* ESEARCH (TAG \"h23\") UID MIN 1 ALL 1,4\r\n",
    "* ESEARCH (TAG \"g28\") MIN 1 MAX 7 ALL 1:7 COUNT 7\r\n",
    "h16 OK [COPYUID 1796592298 1:2 3:4] Copy completed (0.006 + 0.000 + 0.005 secs).\r\n",
    "h7 OK [APPENDUID 1796592298 1] Append completed.\r\n",
    "* VANISHED 3\r\n",
    "+ idling\r\n",
    "+ \r\n",
    "+ OK\r\n",
    "* OK [CLOSED] Previous mailbox closed.\r\n",
    "g41 NO [CANNOT] Generic mailbox attributes not enabled (0.001 + 0.000 secs).\r\n",
    "* THREAD (1)(2)\r\n",
    "* SORT 1 2\r\n",
    "* BYE Logging out\r\n",
};

TEST(ImapGrammar, DovecotResponsesParseAndRoundTrip) {
  for (std::string_view wire : dovecot) {
    SCOPED_TRACE(std::string(wire));
    EXPECT_EQ(grind(wire).rfind("ok ", 0), 0u);
    expect_round_trip(wire);
  }
}

// ---------------------------------------------------------------------------------------------
// Rejections: the rule and the RFC section are named

struct rejected {
  char const* name;
  std::string_view wire;
  char const* rule;
  int rfc = 9051;
};

class ImapGrammarRejects : public ::testing::TestWithParam<rejected> {};

TEST_P(ImapGrammarRejects, NamesTheRule) {
  auto const& row = GetParam();
  auto const g = mi::parse_typed(row.wire);
  ASSERT_FALSE(g) << "accepted: " << row.wire;
  EXPECT_EQ(g.error->rule, row.rule) << g.error->message();
  EXPECT_EQ(g.error->rfc, row.rfc) << g.error->message();
  EXPECT_LE(g.error->offset, row.wire.size());
  EXPECT_NE(g.error->message().find(row.rule), std::string::npos);
  EXPECT_NE(g.error->message().find(">>"), std::string::npos);  // quotes the octets at the offset
}

rejected const rejections[] = {
    {"UidnextZero", "* OK [UIDNEXT 0] x\r\n", "resp-text-code"},
    {"UidvalidityNotANumber", "* OK [UIDVALIDITY abc] x\r\n", "resp-text-code"},
    {"UnseenMissing", "* OK [UNSEEN] x\r\n", "resp-text-code"},
    {"HighestModseqZero", "* OK [HIGHESTMODSEQ 0] x\r\n", "mod-sequence-value", 7162},
    {"AppendUidStar", "a OK [APPENDUID 38505 *] x\r\n", "resp-code-apnd", 4315},
    {"CopyUidZeroValidity", "a OK [COPYUID 0 1 2] x\r\n", "resp-code-copy", 4315},
    {"CopyUidMissingSet", "a OK [COPYUID 9 1] x\r\n", "resp-code-copy", 4315},
    {"ModifiedNoSet", "a OK [MODIFIED] x\r\n", "resp-text-code"},
    {"AlertWithArgument", "* OK [ALERT now] x\r\n", "resp-text-code"},
    {"QuotedCode", "* OK [\"ALERT\"] x\r\n", "resp-text-code"},
    {"NoSpaceAfterCode", "* OK [ALERT]x\r\n", "resp-text"},
    {"UnknownCodeEmptyText", "* OK [XFOO ] x\r\n", "resp-text-code"},
    {"PermanentFlagsDoubleSpace", "* OK [PERMANENTFLAGS (\\Seen  \\Deleted)] x\r\n", "flag-perm"},
    {"TextNotUtf8", "* OK caf\xe9\r\n", "resp-text"},
    {"CapabilityWithoutRevision", "* CAPABILITY IMAP4 STARTTLS\r\n", "capability-data"},
    {"CapabilityCodeWithoutRevision", "* OK [CAPABILITY STARTTLS] x\r\n", "capability-data"},
    {"FlagsWithStar", "* FLAGS (\\Seen \\*)\r\n", "flag-list"},
    {"FlagsNotAList", "* FLAGS \\Seen\r\n", "flag-list"},
    {"TaggedBye", "a1 BYE bye\r\n", "response-tagged"},
    {"TaggedPreauth", "a1 PREAUTH x\r\n", "response-tagged"},
    {"TagWithPlus", "a+1 OK x\r\n", "tag"},
    {"OkWithoutText", "a1 OK\r\n", "resp-cond-state"},
    {"ContinuationWithoutSp", "+\r\n", "continue-req"},
    {"ExpungeZero", "* 0 EXPUNGE\r\n", "message-data"},
    {"FetchZero", "* 0 FETCH (UID 1)\r\n", "message-data"},
    {"NumberWithoutName", "* 3 \r\n", "response-data"},
    {"ExistsAbove32Bits", "* 4294967296 EXISTS\r\n", "message-data"},
    {"FetchEmpty", "* 1 FETCH ()\r\n", "msg-att"},
    {"FetchNotAList", "* 1 FETCH UID 1\r\n", "msg-att"},
    {"FetchTrailingSpace", "* 1 FETCH (UID 1 )\r\n", "msg-att"},
    {"FetchItemsWithoutSp", "* 1 FETCH (FLAGS (\\Seen)UID 1)\r\n", "msg-att"},
    {"UidZero", "* 1 FETCH (UID 0)\r\n", "uniqueid"},
    {"FlagsFetchStar", "* 1 FETCH (FLAGS (\\*))\r\n", "flag-fetch"},
    {"ModseqZero", "* 1 FETCH (MODSEQ (0))\r\n", "mod-sequence-value", 7162},
    {"ModseqNotParenthesised", "* 1 FETCH (MODSEQ 5)\r\n", "fetch-mod-resp", 7162},
    {"Rfc822SizeNegative", "* 1 FETCH (RFC822.SIZE -1)\r\n", "msg-att-static"},
    {"DateDay32", "* 1 FETCH (INTERNALDATE \"32-Jan-2024 10:00:00 +0000\")\r\n", "date-time"},
    {"DateOneDigitDay", "* 1 FETCH (INTERNALDATE \"1-Jan-2024 10:00:00 +0000\")\r\n", "date-time"},
    {"DateBadMonth", "* 1 FETCH (INTERNALDATE \"01-Foo-2024 10:00:00 +0000\")\r\n", "date-time"},
    {"DateHour24", "* 1 FETCH (INTERNALDATE \"01-Jan-2024 24:00:00 +0000\")\r\n", "date-time"},
    {"DateNoZone", "* 1 FETCH (INTERNALDATE \"01-Jan-2024 10:00:00\")\r\n", "date-time"},
    {"EnvelopeShort", "* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n", "envelope"},
    {"EnvelopeEmptyAddressList", "* 1 FETCH (ENVELOPE (NIL NIL () NIL NIL NIL NIL NIL NIL NIL))\r\n", "env-from"},
    {"AddressThreeFields", "* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL \"a\")) NIL NIL NIL NIL NIL NIL NIL))\r\n", "address"},
    {"AddressHostNumber", "* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL \"a\" 5)) NIL NIL NIL NIL NIL NIL NIL))\r\n",
     "addr-host"},
    {"SectionPartZero", "* 1 FETCH (BODY[0] NIL)\r\n", "section-part"},
    {"SectionMimeWithoutPart", "* 1 FETCH (BODY[MIME] NIL)\r\n", "section-spec"},
    {"SectionUnknownText", "* 1 FETCH (BODY[FOO] NIL)\r\n", "section-spec"},
    {"HeaderFieldsEmpty", "* 1 FETCH (BODY[HEADER.FIELDS ()] NIL)\r\n", "header-fld-name"},
    {"HeaderFieldsNoList", "* 1 FETCH (BODY[HEADER.FIELDS] NIL)\r\n", "section-msgtext"},
    {"EmptyOrigin", "* 1 FETCH (BODY[]<> NIL)\r\n", "msg-att-static"},
    {"BinarySectionText", "* 1 FETCH (BINARY[1.TEXT] NIL)\r\n", "section-binary"},
    {"Literal8OutsideBinary", "* 1 FETCH (BODY[] ~{1}\r\nx)\r\n", "msg-att-static"},
    {"NulInLiteral", std::string_view("* 1 FETCH (BODY[] {3}\r\na\0b)\r\n", 29), "msg-att-static"},
    {"NonSyncLiteral", "* 1 FETCH (BODY[] {1+}\r\na)\r\n", "msg-att-static"},
    {"BadEscape", "* 1 FETCH (RFC822 \"a\\b\")\r\n", "msg-att-static"},
    {"BodyEmptyParams", "* 1 FETCH (BODY (\"text\" \"plain\" () NIL NIL \"7bit\" 1 1))\r\n", "body-fld-param"},
    {"BodyTextWithoutLines", "* 1 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL \"7bit\" 1))\r\n", "body-type-text"},
    {"BodyNilEncoding", "* 1 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL NIL 1 1))\r\n", "body-fld-enc"},
    {"BodyTypeAtom", "* 1 FETCH (BODY (text \"plain\" NIL NIL NIL \"7bit\" 1 1))\r\n", "media-basic"},
    {"BodyMultipartWithoutSubtype", "* 1 FETCH (BODY ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)))\r\n",
     "body-type-mpart"},
    {"BodyDispositionNotAList", "* 1 FETCH (BODYSTRUCTURE (\"a\" \"b\" NIL NIL NIL \"7bit\" 1 NIL \"inline\"))\r\n",
     "body-fld-dsp"},
    {"MessageWithoutEnvelope", "* 1 FETCH (BODY (\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 1 2))\r\n", "envelope"},
    {"ListTwoSelectability", "* LIST (\\Noselect \\Marked) \"/\" foo\r\n", "mbx-list-flags"},
    {"ListAttributeWithoutBackslash", "* LIST (Noselect) \"/\" foo\r\n", "mbx-list-flags"},
    {"ListLongDelimiter", "* LIST () \"//\" foo\r\n", "mailbox-list"},
    {"ListAtomDelimiter", "* LIST () / foo\r\n", "mailbox-list"},
    {"ListExtendedNoValue", "* LIST () \"/\" foo (CHILDINFO)\r\n", "mbox-list-extended-item"},
    {"ListDoubleSpace", "* LIST ()  \"/\" foo\r\n", "mailbox-list"},
    {"StatusUidnextZero", "* STATUS INBOX (UIDNEXT 0)\r\n", "status-att-val"},
    {"StatusDoubleSpace", "* STATUS INBOX (MESSAGES 1  UNSEEN 2)\r\n", "status-att-list"},
    {"StatusNoList", "* STATUS INBOX MESSAGES 1\r\n", "mailbox-data"},
    {"SearchZero", "* SEARCH 1 0 3\r\n", "mailbox-data"},
    {"SearchTrailingSpace", "* SEARCH 1 \r\n", "mailbox-data"},
    {"SearchModseqZero", "* SEARCH 1 (MODSEQ 0)\r\n", "mod-sequence-value", 7162},
    {"EsearchMinZero", "* ESEARCH (TAG \"a\") MIN 0\r\n", "search-return-data"},
    {"EsearchBadCorrelator", "* ESEARCH (TEG \"a\") MIN 1\r\n", "search-correlator"},
    {"EsearchAllBadSet", "* ESEARCH ALL 1:\r\n", "search-return-data"},
    {"VanishedStar", "* VANISHED 1:*\r\n", "known-uids", 7162},
    {"VanishedLater", "* VANISHED (LATER) 1\r\n", "expunged-resp", 7162},
    {"IdOddList", "* ID (\"name\")\r\n", "id-params-list", 2971},
    {"IdAtomValue", "* ID (\"name\" dovecot)\r\n", "id-params-list", 2971},
    {"NamespaceTwoParts", "* NAMESPACE ((\"\" \"/\")) NIL\r\n", "namespace-response"},
    {"NamespaceEmptyList", "* NAMESPACE () NIL NIL\r\n", "namespace-descr"},
    {"EnabledDoubleSpace", "* ENABLED  CONDSTORE\r\n", "enable-data"},
    {"ExtensionBadToken", "* XFOO (a b\r\n", "response-data"},
    {"TrailingSpaceAfterStatus", "* 3 EXISTS \r\n", "response-data"},
};

INSTANTIATE_TEST_SUITE_P(Rows, ImapGrammarRejects, ::testing::ValuesIn(rejections),
                         [](auto const& row) { return std::string(row.param.name); });

TEST(ImapGrammar, ErrorQuotesTheOctetsAroundTheOffset) {
  auto const g = mi::parse_typed("* 12 FETCH (UID 0 FLAGS (\\Seen))\r\n");
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error->offset, 16u);
  EXPECT_EQ(g.error->section, "9");
  EXPECT_NE(g.error->near.find("(UID >>0 FLAGS"), std::string::npos) << g.error->near;
  EXPECT_NE(g.error->message().find("RFC 9051 \xC2\xA7" "9"), std::string::npos) << g.error->message();
}

}  // namespace
