// The typed values of the strict IMAP response grammar (codec/imap/grammar.hpp), production by
// production, and the modified UTF-7 codec (codec/imap/mutf7.hpp).
#include "codec/imap/grammar.hpp"
#include "codec/imap/mutf7.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace mi = mailspec::codec::imap;
using rtype = mi::response::type;

mi::typed_response parse_ok(std::string_view wire) {
  auto g = mi::parse_typed(wire);
  EXPECT_TRUE(g) << (g.error ? g.error->message() : std::string());
  if (g) {
    auto back = mi::parse_typed(mi::serialize(*g.value));
    EXPECT_TRUE(back && *back.value == *g.value) << "round trip of " << wire << " via " << mi::serialize(*g.value);
  }
  return g ? *g.value : mi::typed_response{};
}

template <class T>
T const& body(mi::typed_response const& t) {
  static T const none{};
  auto const* p = std::get_if<T>(&t.body);
  EXPECT_NE(p, nullptr) << "response " << t.name << " holds another type";
  return p ? *p : none;
}

TEST(ImapGrammarTyped, StatusResponsesAndCodes) {
  auto t = parse_ok("a1 OK [READ-WRITE] SELECT completed\r\n");
  EXPECT_EQ(t.t, rtype::tagged);
  EXPECT_EQ(t.tag, "a1");
  EXPECT_EQ(t.name, "OK");
  EXPECT_EQ(body<mi::resp_cond>(t).code->name, "READ-WRITE");
  EXPECT_EQ(body<mi::resp_cond>(t).text, "SELECT completed");

  t = parse_ok("* ok [uidnext 4392] Predicted next UID\r\n");  // keywords are case-insensitive
  EXPECT_EQ(t.name, "OK");
  EXPECT_EQ(body<mi::resp_cond>(t).code->name, "UIDNEXT");
  EXPECT_EQ(body<mi::resp_cond>(t).code->number, 4392u);

  t = parse_ok("a OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n");
  auto const& c = *body<mi::resp_cond>(t).code;
  EXPECT_EQ(c.number, 38505u);
  EXPECT_EQ(c.set, (mi::sequence_set{{304, 304}, {319, 320}}));
  EXPECT_EQ(c.set2, (mi::sequence_set{{3956, 3958}}));

  t = parse_ok("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n");
  EXPECT_EQ(body<mi::resp_cond>(t).code->atoms, (std::vector<std::string>{"\\Deleted", "\\Seen", "\\*"}));

  t = parse_ok("a NO [BADCHARSET (UTF-8 \"KOI8 R\")] no\r\n");
  EXPECT_EQ(body<mi::resp_cond>(t).code->atoms, (std::vector<std::string>{"UTF-8", "KOI8 R"}));

  t = parse_ok("* NO [XSOMETHING foo bar 1:2] extension code\r\n");  // atom [SP 1*<TEXT-CHAR except "]">]
  EXPECT_EQ(body<mi::resp_cond>(t).code->name, "XSOMETHING");
  EXPECT_EQ(body<mi::resp_cond>(t).code->text, "foo bar 1:2");

  t = parse_ok("* OK [MODIFIED 7,9] Conditional STORE failed\r\n");
  EXPECT_EQ(body<mi::resp_cond>(t).code->set, (mi::sequence_set{{7, 7}, {9, 9}}));

  for (char const* code : {"ALERT", "PARSE", "TRYCREATE", "NOMODSEQ", "CLOSED", "UNAVAILABLE", "AUTHENTICATIONFAILED",
                           "AUTHORIZATIONFAILED", "EXPIRED", "PRIVACYREQUIRED", "CONTACTADMIN", "NOPERM", "INUSE",
                           "EXPUNGEISSUED", "CORRUPTION", "SERVERBUG", "CLIENTBUG", "CANNOT", "LIMIT", "OVERQUOTA",
                           "ALREADYEXISTS", "NONEXISTENT", "UIDNOTSTICKY", "HASCHILDREN", "UNKNOWN-CTE"}) {
    t = parse_ok(std::string("a NO [") + code + "] text\r\n");
    EXPECT_EQ(body<mi::resp_cond>(t).code->name, code);
  }
  t = parse_ok("* OK [ALERT] \r\n");  // RFC 9051: text is optional after the code's SP
  EXPECT_EQ(body<mi::resp_cond>(t).text, "");
  t = parse_ok("* BYE Autologout; idle for too long\r\n");
  EXPECT_EQ(t.name, "BYE");
  t = parse_ok("* PREAUTH IMAP4rev2 server logged in as Smith\r\n");
  EXPECT_EQ(t.name, "PREAUTH");
  t = parse_ok("* OK Gr\xc3\xbc\xc3\x9f" "e\r\n");  // RFC 9051 text: UTF-8
  EXPECT_EQ(body<mi::resp_cond>(t).text, "Gr\xc3\xbc\xc3\x9f" "e");
}

TEST(ImapGrammarTyped, Continuations) {
  auto t = parse_ok("+ Ready for literal data\r\n");
  EXPECT_EQ(t.t, rtype::continuation);
  EXPECT_EQ(body<mi::resp_cond>(t).text, "Ready for literal data");
  t = parse_ok("+ YGgGCSqGSIb3EgECAgIAb1kwV6ADAgEFoQMCAQ+iSzBJoAMC\r\n");  // base64
  EXPECT_EQ(body<mi::resp_cond>(t).text, "YGgGCSqGSIb3EgECAgIAb1kwV6ADAgEFoQMCAQ+iSzBJoAMC");
  t = parse_ok("+ \r\n");  // empty base64
  EXPECT_EQ(body<mi::resp_cond>(t).text, "");
  t = parse_ok("+ [ALERT] careful\r\n");
  EXPECT_EQ(body<mi::resp_cond>(t).code->name, "ALERT");
}

TEST(ImapGrammarTyped, CapabilityEnabledFlags) {
  auto t = parse_ok("* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n");
  EXPECT_EQ(body<mi::atom_list>(t).items.size(), 4u);
  t = parse_ok("* CAPABILITY imap4REV1 IDLE\r\n");
  EXPECT_EQ(body<mi::atom_list>(t).items.front(), "imap4REV1");
  t = parse_ok("* ENABLED\r\n");
  EXPECT_TRUE(body<mi::atom_list>(t).items.empty());
  t = parse_ok("* ENABLED CONDSTORE QRESYNC\r\n");
  EXPECT_EQ(body<mi::atom_list>(t).items.size(), 2u);
  t = parse_ok("* FLAGS ()\r\n");
  EXPECT_TRUE(body<mi::atom_list>(t).items.empty());
  t = parse_ok("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded Junk)\r\n");
  EXPECT_EQ(body<mi::atom_list>(t).items.back(), "Junk");
}

TEST(ImapGrammarTyped, ListAndLsub) {
  auto t = parse_ok("* LIST (\\Noselect \\HasChildren) \"/\" ~/Mail/foo\r\n");
  auto const& l = body<mi::list_data>(t);
  EXPECT_EQ(l.attributes, (std::vector<std::string>{"\\Noselect", "\\HasChildren"}));
  EXPECT_EQ(l.delimiter, '/');
  EXPECT_EQ(l.mailbox, "~/Mail/foo");
  EXPECT_FALSE(l.extended);
  t = parse_ok("* LIST () NIL inbox\r\n");
  EXPECT_FALSE(body<mi::list_data>(t).delimiter);
  t = parse_ok("* LSUB (\\Marked) \".\" {5}\r\na b c\r\n");
  EXPECT_EQ(t.name, "LSUB");
  EXPECT_EQ(body<mi::list_data>(t).mailbox, "a b c");
  t = parse_ok("* LIST () \"\\\\\" \"C:\\\\Mail\"\r\n");
  EXPECT_EQ(body<mi::list_data>(t).delimiter, '\\');
  t = parse_ok("* LIST () \"/\" \"Caf\xc3\xa9\"\r\n");  // IMAP4rev2: UTF-8 names
  EXPECT_EQ(body<mi::list_data>(t).mailbox, "Caf\xc3\xa9");
  t = parse_ok("* LIST (\\Subscribed) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\") \"OLDNAME\" (\"Bar\"))\r\n");
  auto const& x = *body<mi::list_data>(t).extended;
  ASSERT_EQ(x.size(), 2u);
  EXPECT_EQ(x[0].tag, "CHILDINFO");
  EXPECT_EQ(x[1].val.items.at(0).text, "Bar");
}

TEST(ImapGrammarTyped, StatusSearchEsearchVanished) {
  auto t = parse_ok("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 0 SIZE 9876543210 DELETED 2)\r\n");
  auto const& s = body<mi::status_data>(t);
  EXPECT_EQ(s.mailbox, "blurdybloop");
  ASSERT_EQ(s.items.size(), 5u);
  EXPECT_EQ(s.items[3].second, 9876543210u);

  t = parse_ok("* SEARCH\r\n");
  EXPECT_TRUE(body<mi::search_data>(t).numbers.empty());
  t = parse_ok("* SEARCH 2 84 882 (MODSEQ 917162500)\r\n");
  EXPECT_EQ(body<mi::search_data>(t).numbers, (std::vector<std::uint32_t>{2, 84, 882}));
  EXPECT_EQ(body<mi::search_data>(t).modseq, 917162500u);

  t = parse_ok("* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800 COUNT 15 ALL 7,9:11,*\r\n");
  auto const& e = body<mi::esearch_data>(t);
  EXPECT_EQ(e.tag, "A285");
  EXPECT_TRUE(e.uid);
  ASSERT_EQ(e.items.size(), 4u);
  EXPECT_EQ(e.items[1].number, 3800u);
  EXPECT_EQ(e.items[3].set, (mi::sequence_set{{7, 7}, {9, 11}, {0, 0}}));
  t = parse_ok("* ESEARCH\r\n");
  EXPECT_FALSE(body<mi::esearch_data>(t).tag);
  t = parse_ok("* ESEARCH (TAG \"a\") XRELEVANCY (4 5) MODSEQ 12\r\n");  // search-ret-data-ext
  EXPECT_EQ(body<mi::esearch_data>(t).items[0].ext.items.size(), 2u);

  t = parse_ok("* VANISHED (EARLIER) 300:310,405,411\r\n");
  EXPECT_TRUE(body<mi::vanished_data>(t).earlier);
  EXPECT_EQ(body<mi::vanished_data>(t).uids.size(), 3u);
  t = parse_ok("* VANISHED 405\r\n");
  EXPECT_FALSE(body<mi::vanished_data>(t).earlier);
}

TEST(ImapGrammarTyped, NamespaceIdCountsAndExtensions) {
  auto t = parse_ok("* NAMESPACE ((\"\" \"/\")(\"#mh/\" \"/\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\"))) NIL ((\"#shared/\" NIL))\r\n");
  auto const& n = body<mi::namespace_data>(t);
  ASSERT_TRUE(n.personal);
  EXPECT_EQ(n.personal->size(), 2u);
  EXPECT_EQ(n.personal->at(1).extensions.at(0).second.size(), 2u);
  EXPECT_FALSE(n.other);
  EXPECT_FALSE(n.shared->at(0).delimiter);

  t = parse_ok("* ID NIL\r\n");
  EXPECT_FALSE(body<mi::id_data>(t).params);
  t = parse_ok("* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n");
  EXPECT_FALSE(body<mi::id_data>(t).params->at(1).second);

  t = parse_ok("* 0 EXISTS\r\n");
  EXPECT_EQ(t.number, 0u);
  EXPECT_EQ(t.name, "EXISTS");
  t = parse_ok("* 5 RECENT\r\n");
  EXPECT_EQ(t.name, "RECENT");
  t = parse_ok("* 44 EXPUNGE\r\n");
  EXPECT_EQ(t.number, 44u);

  t = parse_ok("* THREAD (2)(3 6 (4 23)(44 7 96))\r\n");  // RFC 5256: an extension response
  EXPECT_TRUE(t.is_extension());
  EXPECT_EQ(body<mi::extension_data>(t).values.size(), 2u);
  t = parse_ok("* 3 XNOTIFY foo\r\n");
  EXPECT_TRUE(t.is_extension());
  EXPECT_EQ(t.number, 3u);
  t = parse_ok("* QUOTA \"\" (STORAGE 10 512)\r\n");
  EXPECT_TRUE(t.is_extension());
}

TEST(ImapGrammarTyped, FetchSimpleItems) {
  auto t = parse_ok(
      "* 12 FETCH (FLAGS (\\Seen \\Recent $Label) UID 4827313 MODSEQ (12121231000) RFC822.SIZE 44827 "
      "INTERNALDATE \"17-Jul-1996 02:44:25 -0130\")\r\n");
  auto const& f = body<mi::fetch_data>(t);
  EXPECT_EQ(t.number, 12u);
  EXPECT_EQ(f.find("FLAGS")->flags.size(), 3u);
  EXPECT_EQ(f.find("UID")->number, 4827313u);
  EXPECT_EQ(f.find("MODSEQ")->number, 12121231000u);
  EXPECT_EQ(f.find("RFC822.SIZE")->number, 44827u);
  auto const& d = *f.find("INTERNALDATE")->date;
  EXPECT_EQ(d.day, 17);
  EXPECT_EQ(d.month, 7);
  EXPECT_EQ(d.zone, -90);
  EXPECT_EQ(mi::serialize(d), "\"17-Jul-1996 02:44:25 -0130\"");
  t = parse_ok("* 1 FETCH (INTERNALDATE \" 7-Feb-2024 23:59:60 +1400\")\r\n");  // SP DIGIT day, leap second
  EXPECT_EQ(body<mi::fetch_data>(t).items[0].date->day, 7);
}

TEST(ImapGrammarTyped, FetchSectionsAndLiterals) {
  using namespace std::string_view_literals;
  auto t = parse_ok(
      "* 1 FETCH (BODY[HEADER.FIELDS.NOT (From \"X Y\")] {2}\r\nab BODY[1.2.MIME] NIL BODY[]<42> \"xy\" "
      "BODY[3.TEXT] \"\" RFC822.HEADER NIL RFC822.TEXT {0}\r\n BINARY[1] ~{3}\r\na\0b BINARY.SIZE[] 7 BINARY[2] NIL)\r\n"sv);
  auto const& f = body<mi::fetch_data>(t).items;
  ASSERT_EQ(f.size(), 9u);
  EXPECT_EQ(f[0].section->text, "HEADER.FIELDS.NOT");
  EXPECT_EQ(f[0].section->fields, (std::vector<std::string>{"From", "X Y"}));
  EXPECT_EQ(f[0].data, "ab");
  EXPECT_EQ(f[1].section->part, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(f[1].section->text, "MIME");
  EXPECT_FALSE(f[1].data);
  EXPECT_EQ(f[2].origin, 42u);
  EXPECT_TRUE(f[2].section->part.empty() && f[2].section->text.empty());
  EXPECT_EQ(f[3].section->text, "TEXT");
  EXPECT_EQ(f[4].name, "RFC822.HEADER");
  EXPECT_EQ(f[5].data, "");
  EXPECT_TRUE(f[6].literal8);
  EXPECT_EQ(f[6].data, std::string("a\0b", 3));
  EXPECT_EQ(f[7].name, "BINARY.SIZE");
  EXPECT_EQ(f[7].number, 7u);
  EXPECT_FALSE(f[8].data);
}

TEST(ImapGrammarTyped, EnvelopeWithGroups) {
  auto t = parse_ok(
      "* 1 FETCH (ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev2 WG mtg summary\" "
      "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) NIL NIL "
      "((NIL NIL \"Group\" NIL)(NIL NIL \"x\" \"example.org\")(NIL NIL NIL NIL)(NIL \"@relay\" \"z\" \"example.org\")) "
      "NIL NIL NIL \"<B27397-0100000@cac.washington.edu>\"))\r\n");
  auto const& e = *body<mi::fetch_data>(t).items[0].env;
  EXPECT_EQ(e.subject, "IMAP4rev2 WG mtg summary");
  EXPECT_EQ(e.from->at(0).host, "cac.washington.edu");
  EXPECT_FALSE(e.sender);
  auto const& to = *e.to;
  ASSERT_EQ(to.size(), 4u);
  EXPECT_TRUE(to[0].group_start());
  EXPECT_EQ(to[0].mailbox, "Group");
  EXPECT_FALSE(to[1].group_start() || to[1].group_end());
  EXPECT_TRUE(to[2].group_end());
  EXPECT_EQ(to[3].adl, "@relay");
  EXPECT_FALSE(e.in_reply_to);
  EXPECT_EQ(e.message_id, "<B27397-0100000@cac.washington.edu>");
}

// Dovecot's answer for a multipart/mixed with a text part (md5, language list, location), an attachment
// (disposition with parameters) and a message/rfc822 holding a multipart/alternative.
constexpr std::string_view dovecot_structure =
    "* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") \"<c1@x>\" \"body text\" "
    "\"quoted-printable\" 15 0 \"Q2hlY2sgSW50ZWdyaXR5IQ==\" NIL (\"en\" \"de\") \"http://example.org/a\")"
    "(\"application\" \"octet-stream\" (\"name\" \"a.bin\") NIL NIL \"base64\" 8 NIL (\"attachment\" "
    "(\"filename\" \"a.bin\" \"size\" \"4\")) NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 184 "
    "(NIL \"inner\" ((NIL NIL \"c\" \"example.org\")) ((NIL NIL \"c\" \"example.org\")) ((NIL NIL \"c\" "
    "\"example.org\")) NIL NIL NIL NIL NIL) ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0 "
    "NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 0 NIL NIL NIL NIL) "
    "\"alternative\" (\"boundary\" \"b2\") NIL NIL NIL) 13 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b1\") NIL "
    "(\"en\") NIL))\r\n";

TEST(ImapGrammarTyped, BodyStructureMultipartWithExtensionData) {
  auto t = parse_ok(dovecot_structure);
  auto const& b = *body<mi::fetch_data>(t).items[0].body;
  ASSERT_EQ(b.parts.size(), 3u);
  EXPECT_FALSE(b.message);
  EXPECT_EQ(b.subtype, "mixed");
  EXPECT_EQ(b.ext_fields, 4);
  EXPECT_EQ(b.ext_params->at(0).second, "b1");
  EXPECT_EQ(b.lang.items.at(0).text, "en");
  auto const& text = b.parts[0];
  EXPECT_EQ(text.encoding, "quoted-printable");
  EXPECT_EQ(text.octets, 15u);
  EXPECT_EQ(text.lines, 0u);
  EXPECT_EQ(text.md5, "Q2hlY2sgSW50ZWdyaXR5IQ==");
  EXPECT_EQ(text.lang.items.size(), 2u);
  EXPECT_EQ(text.location, "http://example.org/a");
  auto const& attachment = b.parts[1];
  EXPECT_FALSE(attachment.lines);
  EXPECT_EQ(attachment.dsp->type, "attachment");
  EXPECT_EQ(attachment.dsp->params->size(), 2u);
  auto const& msg = b.parts[2];
  EXPECT_TRUE(msg.message);
  EXPECT_EQ(msg.env->subject, "inner");
  EXPECT_EQ(msg.lines, 13u);
  ASSERT_EQ(msg.parts.size(), 1u);
  EXPECT_EQ(msg.parts[0].subtype, "alternative");
  EXPECT_EQ(msg.parts[0].parts.size(), 2u);
}

TEST(ImapGrammarTyped, BodyWithoutExtensionsAndWithExtraExtensions) {
  auto t = parse_ok("* 1 FETCH (BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n");
  auto const& b = *body<mi::fetch_data>(t).items[0].body;
  EXPECT_EQ(b.ext_fields, 0);
  EXPECT_EQ(b.lines, 92u);
  t = parse_ok(
      "* 1 FETCH (BODYSTRUCTURE (\"image\" \"png\" NIL NIL NIL \"base64\" 10 NIL NIL \"en\" NIL 5 (\"x\" (1 NIL)) "
      "\"y\"))\r\n");
  auto const& x = *body<mi::fetch_data>(t).items[0].body;
  EXPECT_EQ(x.ext_fields, 4);
  EXPECT_EQ(x.lang.text, "en");
  EXPECT_EQ(x.extensions.size(), 3u);
  t = parse_ok("* 1 FETCH (BODY ((\"a\" \"b\" NIL NIL NIL \"7bit\" 1)(\"c\" \"d\" NIL NIL NIL \"7bit\" 2) \"x\"))\r\n");
  EXPECT_EQ(body<mi::fetch_data>(t).items[0].body->parts.size(), 2u);
  // a message/global part (RFC 9051) carries an envelope too
  t = parse_ok(
      "* 1 FETCH (BODY (\"message\" \"global\" NIL NIL NIL \"8bit\" 9 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) "
      "(\"text\" \"plain\" NIL NIL NIL \"8bit\" 1 1) 2))\r\n");
  EXPECT_TRUE(body<mi::fetch_data>(t).items[0].body->message);
  // ... and an IMAP4rev1 server (RFC 3501: a basic type) sends it as a plain part (Dovecot 2.3 does)
  t = parse_ok("* 1 FETCH (BODYSTRUCTURE (\"message\" \"global\" NIL NIL NIL \"7bit\" 254 NIL NIL NIL NIL))\r\n");
  EXPECT_FALSE(body<mi::fetch_data>(t).items[0].body->message);
  EXPECT_EQ(body<mi::fetch_data>(t).items[0].body->ext_fields, 4);
}

TEST(ImapGrammarTyped, UnknownFetchItemsAreExtensionData) {
  auto t = parse_ok("* 1 FETCH (UID 4 PREVIEW \"Hello\" X-GM-LABELS (\\Inbox \"x y\") EMAILID (M6d99) SAVEDATE NIL)\r\n");
  auto const& f = body<mi::fetch_data>(t);
  EXPECT_EQ(f.find("PREVIEW")->ext.text, "Hello");
  EXPECT_EQ(f.find("X-GM-LABELS")->ext.items.size(), 2u);
  EXPECT_EQ(f.find("SAVEDATE")->ext.k, mi::value::kind::nil);
}

TEST(ImapGrammarTyped, DeepNestingIsBounded) {
  std::string deep = "* 1 FETCH (BODY ";
  for (int i = 0; i < 100; ++i) deep += "(";
  deep += "\"a\" \"b\" NIL NIL NIL \"7bit\" 1";
  for (int i = 0; i < 100; ++i) deep += " \"m\")";
  deep += ")\r\n";
  auto const g = mi::parse_typed(deep);
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error->rule, "body");
  EXPECT_TRUE(mi::parse_typed(deep, 200));
}

// ---------------------------------------------------------------------------------------------
// Modified UTF-7 (RFC 3501 §5.1.3)

TEST(ImapMutf7, DecodesTheRfcExamples) {
  EXPECT_EQ(mi::mutf7_decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
            "~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
  EXPECT_EQ(mi::mutf7_decode("&AMk-t&AOk-"), "\xc3\x89t\xc3\xa9");
  EXPECT_EQ(mi::mutf7_decode("Tom &- Jerry"), "Tom & Jerry");
  EXPECT_EQ(mi::mutf7_decode("&2D3eAA-"), "\xf0\x9f\x98\x80");  // a surrogate pair
  EXPECT_EQ(mi::mutf7_decode(""), "");
}

TEST(ImapMutf7, RejectsMalformedNames) {
  mi::mutf7_problem why;
  EXPECT_FALSE(mi::mutf7_decode("&U,BTFw", &why));  // no "-"
  EXPECT_EQ(why.offset, 0u);
  EXPECT_FALSE(mi::mutf7_decode("&U/BTFw-"));  // "/" is not modified base64
  EXPECT_FALSE(mi::mutf7_decode("&AGE-"));     // "a" encoded
  EXPECT_FALSE(mi::mutf7_decode("&AMk-&AOk-"));  // two runs in a row
  EXPECT_FALSE(mi::mutf7_decode("&AMl-"));     // non-zero padding bits
  EXPECT_FALSE(mi::mutf7_decode("&2D0-"));     // lone high surrogate
  EXPECT_FALSE(mi::mutf7_decode("caf\xc3\xa9"));  // raw 8-bit
  EXPECT_FALSE(mi::mutf7_valid("a\tb"));
  EXPECT_TRUE(mi::mutf7_valid("INBOX.Sent Items"));
}

TEST(ImapMutf7, EncodeRoundTrips) {
  for (std::string_view utf8 : {"\xe5\x8f\xb0\xe5\x8c\x97", "\xc3\x89t\xc3\xa9", "a&b", "\xf0\x9f\x98\x80 x", "plain"}) {
    auto const enc = mi::mutf7_encode(utf8);
    ASSERT_TRUE(enc);
    EXPECT_TRUE(mi::mutf7_valid(*enc)) << *enc;
    EXPECT_EQ(mi::mutf7_decode(*enc), std::string(utf8));
  }
  EXPECT_EQ(mi::mutf7_encode("\xe5\x8f\xb0\xe5\x8c\x97"), "&U,BTFw-");
  EXPECT_FALSE(mi::mutf7_encode("\xff"));
}

}  // namespace
