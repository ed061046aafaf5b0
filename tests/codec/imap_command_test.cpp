// IMAP client command parser: the RFC 9051 §6 examples of every command, literal stops, IDLE's
// DONE and SASL lines, limits, strict/lenient deviations and serialize round trips. Every input is
// fed split at every byte (grind), and the literal stops must fall on the same octets each time.
#include "codec/imap/command.hpp"

#include "grind.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace mi = mailspec::codec::imap;
using mailspec::codec::parse_mode;
using mailspec::codec::quote_bytes;
using kind = mi::value::kind;

/// What the fake server does between commands.
struct policy {
  bool reject_literals = false;  // answer each synchronising literal with NO: reset_command()
  int sasl_lines = 1;            // lines expected after an AUTHENTICATE without initial response
};

struct outcome {
  std::vector<mi::command> commands;
  std::vector<std::string> stops;  // "literal N at OFFSET" for each literal stop, rejections too
  std::error_code ec;              // the error that stopped parsing, or unexpected_eof from put_eof
  std::size_t error_offset = 0;
  mailspec::codec::warning_list warnings;
};

// The server's side of IDLE and AUTHENTICATE: it says what the next line is.
void expect_next(mi::command_parser& p, mi::command const& c, policy const& server, int& sasl_left) {
  bool const sasl_line = c.tag.empty() && c.name.empty();
  if (c.name == "AUTHENTICATE" && c.args.size() == 1) sasl_left = server.sasl_lines;
  if (sasl_line && c.args[0].text == "*") sasl_left = 0;
  if (c.name == "IDLE") p.expect(mi::line_kind::idle_done);
  if (sasl_left > 0) {
    --sasl_left;
    p.expect(mi::line_kind::sasl_response);
  }
}

outcome run(std::vector<std::string_view> const& chunks, parse_mode mode,
            mi::command_limits limits, policy server) {
  outcome out;
  mi::command_parser p(mode, limits);
  int sasl_left = 0;
  for (std::string_view chunk : chunks) {
    while (true) {
      std::error_code ec;
      chunk.remove_prefix(p.put(chunk, ec));
      if (p.done()) {
        EXPECT_FALSE(ec);
        out.commands.push_back(p.take());
        expect_next(p, out.commands.back(), server, sasl_left);
        continue;
      }
      if (ec == mi::error::need_more && p.literal_pending()) {
        out.stops.push_back("literal " + std::to_string(p.pending_literal_size()) + " at " +
                            std::to_string(p.offset()));
        if (server.reject_literals) out.stops.push_back("rejected " + p.reset_command().tag);
        continue;  // the next put() reads the literal (or, rejected, the next command)
      }
      if (ec == mi::error::need_more) {
        EXPECT_TRUE(chunk.empty());
        break;
      }
      out.ec = ec;
      out.error_offset = p.error_offset();
      out.warnings = p.warnings();
      return out;
    }
  }
  std::error_code ec;
  p.put_eof(ec);
  if (ec) {
    out.ec = ec;
    out.error_offset = p.error_offset();
  }
  out.warnings = p.warnings();
  return out;
}

/// Compact form of arguments: atoms as sent, #number, "quoted", {literal}, ~{binary}, NIL, (list).
std::string render(std::vector<mi::value> const& values) {
  std::string s;
  for (auto const& v : values) {
    if (!s.empty()) s += ' ';
    switch (v.k) {
      case kind::atom: s += quote_bytes(v.text); break;
      case kind::number: s += '#' + v.text; break;
      case kind::quoted: s += '"' + quote_bytes(v.text) + '"'; break;
      case kind::literal: s += (v.binary ? "~{" : "{") + quote_bytes(v.text) + '}'; break;
      case kind::nil: s += "NIL"; break;
      case kind::list: s += '(' + render(v.items) + ')'; break;
    }
  }
  return s;
}

std::string offsets(std::vector<mi::value> const& values) {
  std::string s;
  for (auto const& v : values) {
    s += std::to_string(v.offset) + ' ';
    if (v.k == kind::list) s += '(' + offsets(v.items) + ')';
  }
  return s;
}

std::string describe(outcome const& o) {
  std::string s;
  for (auto const& c : o.commands) {
    s += "tag=" + c.tag + (c.uid ? " UID" : "") + " name=" + c.name + " args=" + render(c.args) +
         " offsets=" + offsets(c.args) + " at " + std::to_string(c.offset) + '+' +
         std::to_string(c.size) + " raw=" + quote_bytes(c.raw) + '\n';
  }
  for (auto const& stop : o.stops) s += stop + '\n';
  if (o.ec) s += "error " + o.ec.message() + " at " + std::to_string(o.error_offset) + '\n';
  for (auto const& w : o.warnings) s += "warning " + w.code + " at " + std::to_string(w.offset) + '\n';
  return s;
}

/// Parses `input` in `mode`, grinding it over every split; returns the one-shot outcome.
outcome parse(std::string_view input, parse_mode mode = parse_mode::strict,
              mi::command_limits limits = {}, policy server = {}) {
  mailspec::testing::grind(input, [&](std::vector<std::string_view> const& chunks) {
    return describe(run(chunks, mode, limits, server));
  });
  return run({input}, mode, limits, server);
}

/// Parses one command that must be accepted without warnings in both modes.
mi::command parse_one(std::string_view input) {
  auto const lenient = parse(input, parse_mode::lenient);
  EXPECT_TRUE(lenient.warnings.empty()) << describe(lenient);
  auto o = parse(input);
  EXPECT_FALSE(o.ec) << describe(o);
  EXPECT_EQ(o.commands.size(), 1u) << describe(o);
  if (o.commands.size() != 1) return {};
  EXPECT_EQ(o.commands[0].raw, input);
  EXPECT_EQ(o.commands[0].size, input.size());
  return std::move(o.commands[0]);
}

void expect_error(std::string_view input, mi::error e, std::size_t offset,
                  parse_mode mode = parse_mode::strict, mi::command_limits limits = {}) {
  auto const o = parse(input, mode, limits);
  EXPECT_EQ(o.ec, make_error_code(e)) << describe(o);
  EXPECT_EQ(o.error_offset, offset) << describe(o);
}

/// serialize -> parse gives an equivalent command, and serializing that again changes nothing.
void expect_round_trip(mi::command const& c, parse_mode mode = parse_mode::strict) {
  std::string const wire = mi::serialize(c);
  mi::command_parser p(mode);
  if (c.tag.empty()) p.expect(c.name == "DONE" ? mi::line_kind::idle_done : mi::line_kind::sasl_response);
  std::string_view rest = wire;
  std::error_code ec;
  while (!rest.empty() && !p.done()) {
    rest.remove_prefix(p.put(rest, ec));
    if (ec && ec != mi::error::need_more) break;
  }
  ASSERT_TRUE(p.done()) << quote_bytes(wire) << ": " << ec.message();
  EXPECT_TRUE(rest.empty());
  auto const back = p.take();
  EXPECT_TRUE(mi::equivalent(back, c)) << quote_bytes(wire);
  EXPECT_EQ(mi::serialize(back), wire);
}

// ---------------------------------------------------------------------------------------------
// RFC 9051 §6: an example of every command (the RFC's own where it gives one)

struct example {
  char const* name;
  std::string wire;
  char const* tag;
  bool uid;
  char const* command;
  char const* args;  // render() of the arguments; nullptr: not compared
};

std::string const append_message =
    "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n"
    "From: Fred Foobar <foobar@Blurdybloop.example>\r\n"
    "Subject: afternoon meeting\r\n"
    "To: mooch@owatagu.siam.edu.example\r\n"
    "Message-Id: <B27397-0100000@Blurdybloop.example>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n"
    "\r\n"
    "Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n";

example const examples[] = {
    {"capability_6_1_1", "abcd CAPABILITY\r\n", "abcd", false, "CAPABILITY", ""},
    {"noop_6_1_2", "a002 NOOP\r\n", "a002", false, "NOOP", ""},
    {"logout_6_1_3", "A023 LOGOUT\r\n", "A023", false, "LOGOUT", ""},
    {"starttls_6_2_1", "efgh STARTTLS\r\n", "efgh", false, "STARTTLS", ""},
    {"authenticate_initial_response_6_2_2", "A03 AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=\r\n",
     "A03", false, "AUTHENTICATE", "PLAIN dGVzdAB0ZXN0AHRlc3Q="},
    {"authenticate_empty_initial_response_6_2_2", "A01 AUTHENTICATE EXTERNAL =\r\n", "A01", false,
     "AUTHENTICATE", "EXTERNAL ="},
    {"login_atoms_6_2_3", "a001 LOGIN SMITH SESAME\r\n", "a001", false, "LOGIN", "SMITH SESAME"},
    {"login_quoted_6_2_3", "b LOGIN \"fred\" \"foo\"\r\n", "b", false, "LOGIN", "\"fred\" \"foo\""},
    {"login_literals_7_5", "A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\n", "A001", false,
     "LOGIN", "{FRED FOOBAR} {fat man}"},
    {"login_quoted_escapes", "a LOGIN \"fr\\\\ed\" \"p\\\"w d\"\r\n", "a", false, "LOGIN",
     "\"fr\\\\ed\" \"p\"w d\""},
    {"enable_6_3_1", "t2 ENABLE CONDSTORE X-GOOD-IDEA\r\n", "t2", false, "ENABLE",
     "CONDSTORE X-GOOD-IDEA"},
    {"select_6_3_2", "A142 SELECT INBOX\r\n", "A142", false, "SELECT", "INBOX"},
    {"examine_6_3_3", "A932 EXAMINE blurdybloop\r\n", "A932", false, "EXAMINE", "blurdybloop"},
    {"create_6_3_4", "A004 CREATE owatagusiam/blurdybloop\r\n", "A004", false, "CREATE",
     "owatagusiam/blurdybloop"},
    {"create_quoted_6_3_10", "A002 CREATE \"INBOX.Sent Mail\"\r\n", "A002", false, "CREATE",
     "\"INBOX.Sent Mail\""},
    {"delete_6_3_5", "A683 DELETE blurdybloop\r\n", "A683", false, "DELETE", "blurdybloop"},
    {"rename_6_3_6", "A683 RENAME blurdybloop sarasoop\r\n", "A683", false, "RENAME",
     "blurdybloop sarasoop"},
    {"subscribe_6_3_7", "A002 SUBSCRIBE #news.comp.mail.mime\r\n", "A002", false, "SUBSCRIBE",
     "#news.comp.mail.mime"},
    {"unsubscribe_6_3_8", "A002 UNSUBSCRIBE #news.comp.mail.mime\r\n", "A002", false,
     "UNSUBSCRIBE", "#news.comp.mail.mime"},
    {"list_star_6_3_9", "A682 LIST \"\" *\r\n", "A682", false, "LIST", "\"\" *"},
    {"list_percent_6_3_9", "A86 LIST \"\" %\r\n", "A86", false, "LIST", "\"\" %"},
    {"list_tilde_6_3_9", "A202 LIST ~/Mail/ %\r\n", "A202", false, "LIST", "~/Mail/ %"},
    {"list_selection_return_6_3_9",
     "A02 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (STATUS (MESSAGES UNSEEN))\r\n", "A02",
     false, "LIST", "(SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (STATUS (MESSAGES UNSEEN))"},
    {"list_patterns_6_3_9", "a3.1 LIST \"\" (% music/rock)\r\n", "a3.1", false, "LIST",
     "\"\" (% music/rock)"},
    {"list_empty_selection_6_3_9", "A03 LIST () \"\" \"%\" RETURN (CHILDREN)\r\n", "A03", false,
     "LIST", "() \"\" \"%\" RETURN (CHILDREN)"},
    {"namespace_6_3_10", "A001 NAMESPACE\r\n", "A001", false, "NAMESPACE", ""},
    {"status_6_3_11", "A042 STATUS blurdybloop (UIDNEXT MESSAGES)\r\n", "A042", false, "STATUS",
     "blurdybloop (UIDNEXT MESSAGES)"},
    {"append_6_3_12", "A003 APPEND saved-messages (\\Seen) {326}\r\n" + append_message + "\r\n",
     "A003", false, "APPEND", nullptr},  // ParsesAppendWithFlagsAndLiteral looks closer
    {"append_flags_date_time", "A004 APPEND INBOX (\\Seen $Forwarded) \"7-Feb-1994 21:52:25 -0800\" {5}\r\nHello\r\n",
     "A004", false, "APPEND", "INBOX (\\\\Seen $Forwarded) \"7-Feb-1994 21:52:25 -0800\" {Hello}"},
    {"append_binary_rfc3516", std::string("A5 APPEND INBOX ~{5}\r\nab\0cd\r\n", 29), "A5", false,
     "APPEND", "INBOX ~{ab\\x00cd}"},
    {"idle_6_3_13", "A002 IDLE\r\n", "A002", false, "IDLE", ""},
    {"close_6_4_1", "A341 CLOSE\r\n", "A341", false, "CLOSE", ""},
    {"unselect_6_4_2", "A342 UNSELECT\r\n", "A342", false, "UNSELECT", ""},
    {"expunge_6_4_3", "A202 EXPUNGE\r\n", "A202", false, "EXPUNGE", ""},
    {"search_return_6_4_4", "A282 SEARCH RETURN (MIN COUNT) FLAGGED\r\n", "A282", false, "SEARCH",
     "RETURN (MIN COUNT) FLAGGED"},
    {"search_charset_literal_6_4_4", "A285 SEARCH CHARSET UTF-8 TEXT {12}\r\n\xd0\xbe\xd1\x82\xd0\xbf\xd1\x83\xd1\x81\xd0\xba\r\n",
     "A285", false, "SEARCH", "CHARSET UTF-8 TEXT {\\xD0\\xBE\\xD1\\x82\\xD0\\xBF\\xD1\\x83\\xD1\\x81\\xD0\\xBA}"},
    {"search_nested_or_6_4_4_4", "P283 SEARCH CHARSET UTF-8 (OR $ 1,3000:3021) TEXT {8+}\r\n\xd0\xbc\xd0\xb0\xd1\x82\xd1\x8c\r\n",
     "P283", false, "SEARCH",
     "CHARSET UTF-8 (OR $ 1,3000:3021) TEXT {\\xD0\\xBC\\xD0\\xB0\\xD1\\x82\\xD1\\x8C}"},
    {"search_keys", "A1 SEARCH NOT (OR FROM \"Smith\" (TO x SUBJECT {1+}\r\ny)) SINCE 1-Feb-1994 HEADER X-A \"\" LARGER 4096\r\n",
     "A1", false, "SEARCH",
     "NOT (OR FROM \"Smith\" (TO x SUBJECT {y})) SINCE 1-Feb-1994 HEADER X-A \"\" LARGER #4096"},
    {"fetch_header_fields_6_4_5", "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n",
     "A654", false, "FETCH", "2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])"},
    {"fetch_saved_result_6_4_4_4", "A283 FETCH $ (UID INTERNALDATE FLAGS BODY.PEEK[HEADER])\r\n",
     "A283", false, "FETCH", "$ (UID INTERNALDATE FLAGS BODY.PEEK[HEADER])"},
    {"fetch_macro_8", "a003 fetch 12 full\r\n", "a003", false, "FETCH", "#12 full"},
    {"fetch_every_att",
     "A1 FETCH 1:*,5 (ENVELOPE FLAGS INTERNALDATE RFC822.SIZE BODY BODYSTRUCTURE UID BODY[] "
     "BODY[1.MIME] BODY.PEEK[1.2.TEXT]<0.100> BODY[HEADER.FIELDS.NOT (A \"B]\")]<5.10> "
     "BINARY[1] BINARY.PEEK[1.2]<10.20> BINARY.SIZE[1])\r\n",
     "A1", false, "FETCH",
     "1:*,5 (ENVELOPE FLAGS INTERNALDATE RFC822.SIZE BODY BODYSTRUCTURE UID BODY[] BODY[1.MIME] "
     "BODY.PEEK[1.2.TEXT]<0.100> BODY[HEADER.FIELDS.NOT (A \"B]\")]<5.10> BINARY[1] "
     "BINARY.PEEK[1.2]<10.20> BINARY.SIZE[1])"},
    {"store_6_4_6", "A003 STORE 2:4 +FLAGS (\\Deleted)\r\n", "A003", false, "STORE",
     "2:4 +FLAGS (\\\\Deleted)"},
    {"store_silent_6_4_4_4", "F284 STORE $ +FLAGS.Silent (\\Deleted)\r\n", "F284", false, "STORE",
     "$ +FLAGS.Silent (\\\\Deleted)"},
    {"store_unparenthesised_8", "a005 store 12 +flags \\deleted\r\n", "a005", false, "STORE",
     "#12 +flags \\\\deleted"},
    {"copy_6_4_7", "A003 COPY 2:4 MEETING\r\n", "A003", false, "COPY", "2:4 MEETING"},
    {"copy_quoted_6_4_4_4", "E283 COPY $ \"Other Messages\"\r\n", "E283", false, "COPY",
     "$ \"Other Messages\""},
    {"move", "a MOVE 42:69 foo\r\n", "a", false, "MOVE", "42:69 foo"},
    {"uid_move_6_4_8", "a UID MOVE 42:69 foo\r\n", "a", true, "MOVE", "42:69 foo"},
    {"uid_copy_6_4_9", "A005 UID COPY 305:310 meeting\r\n", "A005", true, "COPY",
     "305:310 meeting"},
    {"uid_fetch_6_4_9", "A999 UID FETCH 4827313:4828442 FLAGS\r\n", "A999", true, "FETCH",
     "4827313:4828442 FLAGS"},
    {"uid_search_6_4_4", "A285 UID SEARCH RETURN (MIN MAX) 1:5000\r\n", "A285", true, "SEARCH",
     "RETURN (MIN MAX) 1:5000"},
    {"uid_expunge_6_4_9", "A003 UID EXPUNGE 3000:3002\r\n", "A003", true, "EXPUNGE",
     "3000:3002"},
    {"uid_lower_case_7_1_5", "n1 uid copy 1:* oldmail\r\n", "n1", true, "COPY", "1:* oldmail"},
    {"experimental_6_5_1", "A442 XPIG-LATIN\r\n", "A442", false, "XPIG-LATIN", ""},
    {"tag_with_bracket", "A]1 SELECT a[b]c\r\n", "A]1", false, "SELECT", "a[b]c"},
};

void PrintTo(example const& e, std::ostream* os) { *os << e.name; }

class ImapCommandExamples : public ::testing::TestWithParam<example> {};

TEST_P(ImapCommandExamples, ParsesAndRoundTrips) {
  example const& e = GetParam();
  auto const c = parse_one(e.wire);
  EXPECT_EQ(c.tag, e.tag);
  EXPECT_EQ(c.uid, e.uid);
  EXPECT_EQ(c.name, e.command);
  if (e.args) {
    EXPECT_EQ(render(c.args), e.args);
  }
  expect_round_trip(c);
  // serialize() writes what was sent, but with literals synchronising and names upper-cased.
  bool const canonical = e.wire.find("+}") == std::string::npos &&
                         e.wire.find(e.command) != std::string::npos &&
                         (!e.uid || e.wire.find("UID") != std::string::npos);
  if (canonical) {
    EXPECT_EQ(mi::serialize(c), e.wire);
  }
}

INSTANTIATE_TEST_SUITE_P(Rfc9051, ImapCommandExamples, ::testing::ValuesIn(examples),
                         [](auto const& row) { return std::string(row.param.name); });

TEST(ImapCommandParser, ParsesAppendWithFlagsAndLiteral) {
  auto const c = parse_one("A003 APPEND saved-messages (\\Seen) {326}\r\n" + append_message + "\r\n");
  ASSERT_EQ(c.args.size(), 3u);
  EXPECT_EQ(c.args[0].text, "saved-messages");
  EXPECT_EQ(render({c.args[1]}), "(\\\\Seen)");
  EXPECT_EQ(c.args[2].k, kind::literal);
  EXPECT_EQ(c.args[2].text, append_message);
  EXPECT_EQ(c.args[2].offset, 35u);
}

TEST(ImapCommandParser, KeepsSectionsPartialsAndSequenceSetsAsOneAtom) {
  auto const c = parse_one("A1 FETCH 1:*,5 (BODY.PEEK[HEADER.FIELDS (A B)]<0.100> body[1.MIME])\r\n");
  ASSERT_EQ(c.args.size(), 2u);
  EXPECT_EQ(c.args[0].k, kind::atom);
  EXPECT_EQ(c.args[0].text, "1:*,5");
  ASSERT_EQ(c.args[1].items.size(), 2u);
  EXPECT_EQ(c.args[1].items[0].text, "BODY.PEEK[HEADER.FIELDS (A B)]<0.100>");
  EXPECT_EQ(c.args[1].items[1].text, "body[1.MIME]");
  EXPECT_EQ(c.args[1].items[1].offset, 54u);
  // Only fetch-atts take a section: elsewhere "[" is an ATOM-CHAR and "]" an ASTRING-CHAR.
  auto const select = parse_one("A2 SELECT foo[bar\r\n");
  EXPECT_EQ(render(select.args), "foo[bar");
}

TEST(ImapCommandParser, KeepsALiteralInASectionInItsWireForm) {
  // header-fld-name is an astring: a literal may stand there, and put() stops for it as for any.
  std::string const wire = "A1 FETCH 1 (BODY[HEADER.FIELDS ({4}\r\nDATE {2+}\r\nTO)]<0.9> UID)\r\n";
  auto const o = parse(wire);
  EXPECT_EQ(o.stops, (std::vector<std::string>{"literal 4 at 37"}));
  ASSERT_EQ(o.commands.size(), 1u) << describe(o);
  auto const& atts = o.commands[0].args[1].items;
  ASSERT_EQ(atts.size(), 2u);
  EXPECT_EQ(atts[0].text, "BODY[HEADER.FIELDS ({4}\r\nDATE {2+}\r\nTO)]<0.9>");
  expect_round_trip(o.commands[0]);
  expect_error("A1 FETCH 1 BODY[HEADER.FIELDS ({4}\r\nDA", mi::error::unexpected_eof, 38);
  expect_error("A1 FETCH 1 BODY[HEADER.FIELDS ({x}", mi::error::bad_literal, 32);
}

TEST(ImapCommandParser, ReadsNumbersNilAndUpperCasesTheName) {
  auto const c = parse_one("x1 uid Fetch 12 (UID) nil\r\n");
  EXPECT_TRUE(c.uid);
  EXPECT_EQ(c.name, "FETCH");
  EXPECT_EQ(c.args[0].k, kind::number);
  EXPECT_EQ(c.args[0].number(), 12u);
  EXPECT_EQ(c.args[2].k, kind::nil);
  EXPECT_EQ(parse_one("a UID\r\n").name, "UID");  // no command after it: the server answers BAD
}

// ---------------------------------------------------------------------------------------------
// Synchronising literals

TEST(ImapCommandParser, StopsBeforeSynchronisingLiteralOctets) {
  std::string_view const wire = "A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\n";
  mi::command_parser p;
  std::error_code ec;
  std::size_t n = p.put(wire, ec);
  EXPECT_EQ(n, 17u);  // through the LF of "{11}\r\n"
  EXPECT_EQ(ec, mi::error::need_more);
  ASSERT_TRUE(p.literal_pending());
  EXPECT_EQ(p.pending_literal_size(), 11u);
  EXPECT_EQ(p.current().tag, "A001");
  EXPECT_EQ(p.current().name, "LOGIN");
  EXPECT_FALSE(p.done());
  // The server sent "+ Ready for additional command text"; the client sends the rest.
  std::size_t const m = p.put(wire.substr(n), ec);
  EXPECT_EQ(m, 17u);  // "FRED FOOBAR {7}\r\n"
  EXPECT_TRUE(p.literal_pending());
  EXPECT_EQ(p.pending_literal_size(), 7u);
  n += m;
  EXPECT_EQ(p.put(wire.substr(n), ec), wire.size() - n);
  EXPECT_FALSE(ec);
  EXPECT_FALSE(p.literal_pending());
  ASSERT_TRUE(p.done());
  EXPECT_EQ(render(p.take().args), "{FRED FOOBAR} {fat man}");

  auto const o = parse(wire);
  EXPECT_EQ(o.stops, (std::vector<std::string>{"literal 11 at 17", "literal 7 at 34"}));
}

TEST(ImapCommandParser, StopsForEmptyAndBinarySynchronisingLiterals) {
  // RFC 9051 §4.3: even for {0} the client waits for the continuation request.
  auto const empty = parse("a LOGIN {0}\r\n {0}\r\n\r\n");
  EXPECT_EQ(empty.stops, (std::vector<std::string>{"literal 0 at 13", "literal 0 at 19"}));
  ASSERT_EQ(empty.commands.size(), 1u) << describe(empty);
  EXPECT_EQ(render(empty.commands[0].args), "{} {}");
  auto const binary = parse("a APPEND x ~{2}\r\nab\r\n");
  EXPECT_EQ(binary.stops, (std::vector<std::string>{"literal 2 at 17"}));
}

TEST(ImapCommandParser, DoesNotStopForNonSynchronisingLiterals) {
  auto const o = parse("A003 APPEND saved-messages (\\Seen) {3+}\r\nabc\r\na X ~{1+}\r\nx\r\n");
  EXPECT_TRUE(o.stops.empty()) << describe(o);
  ASSERT_EQ(o.commands.size(), 2u) << describe(o);
  EXPECT_EQ(o.commands[0].args[2].text, "abc");
  EXPECT_TRUE(o.commands[1].args[0].binary);
}

TEST(ImapCommandParser, OctetsSentBeforeTheContinuationStayInTheCallersBuffer) {
  mi::command_parser p;
  std::error_code ec;
  std::string_view const wire = "A1 LOGIN {3}\r\nbob pw\r\n";
  EXPECT_EQ(p.put(wire, ec), 14u);
  EXPECT_TRUE(p.literal_pending());  // 9 octets left over: the client did not wait for "+"
}

TEST(ImapCommandParser, CurrentShowsWhatPrecedesThePendingLiteral) {
  // An APPEND the server may refuse before the message arrives (e.g. NO [TOOBIG]).
  mi::command_parser p;
  std::error_code ec;
  std::string_view const wire = "A1 UID APPEND box (\\Seen) (x {3}\r\n";
  EXPECT_EQ(p.put(wire, ec), wire.size());
  ASSERT_TRUE(p.literal_pending());
  EXPECT_EQ(p.pending_literal_size(), 3u);
  EXPECT_EQ(p.current().tag, "A1");
  EXPECT_TRUE(p.current().uid);
  EXPECT_EQ(p.current().name, "APPEND");
  EXPECT_EQ(render(p.current().args), "box (\\\\Seen)");  // not the list still open
  EXPECT_EQ(p.current().raw, wire);
  p.put_eof(ec);
  EXPECT_EQ(ec, mi::error::unexpected_eof);
  EXPECT_EQ(p.error_offset(), wire.size());
}

TEST(ImapCommandParser, RejectedLiteralDropsTheCommand) {
  // RFC 9051 §7.5: "A044 BLURDYBLOOP {102856}" answered with BAD; the client sends no literal.
  std::string_view const wire = "A044 BLURDYBLOOP {102856}\r\nA045 NOOP\r\n";
  mi::command_parser p;
  std::error_code ec;
  EXPECT_EQ(p.put(wire, ec), 27u);
  ASSERT_TRUE(p.literal_pending());
  auto const dropped = p.reset_command();
  EXPECT_EQ(dropped.tag, "A044");
  EXPECT_EQ(dropped.name, "BLURDYBLOOP");
  EXPECT_EQ(dropped.raw, "A044 BLURDYBLOOP {102856}\r\n");
  EXPECT_EQ(dropped.size, 27u);
  EXPECT_FALSE(p.literal_pending());
  EXPECT_EQ(p.put(wire.substr(27), ec), 11u);
  ASSERT_TRUE(p.done());
  auto const next = p.take();
  EXPECT_EQ(next.tag, "A045");
  EXPECT_EQ(next.offset, 27u);
  EXPECT_EQ(next.raw, "A045 NOOP\r\n");

  auto const o = parse(wire, parse_mode::strict, {}, {.reject_literals = true});
  EXPECT_EQ(o.stops, (std::vector<std::string>{"literal 102856 at 27", "rejected A044"}));
  ASSERT_EQ(o.commands.size(), 1u);
  EXPECT_EQ(o.commands[0].tag, "A045");
}

TEST(ImapCommandParser, ResetCommandSkipsTheRestOfAFailedLine) {
  std::string_view const wire = "A1 NOOP(x)\r\nA2 NOOP\r\n";
  mi::command_parser p;
  std::error_code ec;
  EXPECT_EQ(p.put(wire, ec), 7u);
  EXPECT_EQ(ec, mi::error::bad_syntax);
  EXPECT_EQ(p.reset_command().tag, "A1");  // for "A1 BAD"
  EXPECT_EQ(p.put(wire.substr(7), ec), 14u);
  ASSERT_TRUE(p.done());
  auto const c = p.take();
  EXPECT_EQ(c.tag, "A2");
  EXPECT_EQ(c.offset, 12u);
  EXPECT_EQ(c.raw, "A2 NOOP\r\n");
  EXPECT_TRUE(p.warnings().empty());
}

// ---------------------------------------------------------------------------------------------
// IDLE's DONE and SASL responses: lines the server asks for

TEST(ImapCommandParser, ReadsDoneAfterIdle) {
  auto const o = parse("A002 IDLE\r\nDONE\r\nA003 FETCH 4 ALL\r\nA004 IDLE\r\ndone\r\n");
  ASSERT_FALSE(o.ec) << describe(o);
  ASSERT_EQ(o.commands.size(), 5u);
  EXPECT_EQ(o.commands[1].tag, "");
  EXPECT_EQ(o.commands[1].name, "DONE");
  EXPECT_EQ(o.commands[1].offset, 11u);
  EXPECT_EQ(o.commands[2].tag, "A003");
  EXPECT_EQ(o.commands[4].name, "DONE");
  expect_round_trip(o.commands[4]);
  // Without expect() DONE is no command: a tag and no name.
  expect_error("DONE\r\n", mi::error::bad_syntax, 4);
}

TEST(ImapCommandParser, ReportsALineOtherThanDone) {
  std::string_view const wire = "A1 IDLE\r\nDONX\r\n";
  expect_error(wire, mi::error::bad_syntax, 12);
  expect_error("A1 IDLE\r\nA2 NOOP\r\n", mi::error::bad_syntax, 9);
  // Lenient: the client forgot DONE; the line is read as the command it is.
  auto const o = parse("A1 IDLE\r\nDONE A2 NOOP\r\nA3 NOOP\r\n", parse_mode::lenient);
  ASSERT_EQ(o.commands.size(), 3u) << describe(o);
  EXPECT_EQ(o.commands[1].tag, "DONE");
  EXPECT_EQ(o.commands[1].name, "A2");
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_EQ(o.warnings[0].code, "not-done");
  EXPECT_EQ(o.warnings[0].offset, 13u);
}

TEST(ImapCommandParser, ReadsSaslResponsesAfterAuthenticate) {
  // RFC 9051 §6.2.2: PLAIN without initial response, then a cancelled exchange.
  auto const o = parse("A01 AUTHENTICATE PLAIN\r\ndGVzdAB0ZXN0AHRlc3Q=\r\nA02 AUTHENTICATE X\r\n*\r\n");
  ASSERT_FALSE(o.ec) << describe(o);
  ASSERT_EQ(o.commands.size(), 4u);
  EXPECT_EQ(o.commands[1].tag, "");
  EXPECT_EQ(o.commands[1].name, "");
  EXPECT_EQ(render(o.commands[1].args), "dGVzdAB0ZXN0AHRlc3Q=");
  EXPECT_EQ(render(o.commands[3].args), "*");
  expect_round_trip(o.commands[1]);
  // GSSAPI (§6.2.2) answers one challenge with an empty line.
  auto const gssapi = parse("A001 AUTHENTICATE GSSAPI\r\nYIIB+wYJ\r\n\r\nYDMG/w==\r\n",
                            parse_mode::strict, {}, {.sasl_lines = 3});
  ASSERT_EQ(gssapi.commands.size(), 4u) << describe(gssapi);
  EXPECT_EQ(gssapi.commands[2].args[0].text, "");
  expect_round_trip(gssapi.commands[2]);
  expect_error("a AUTHENTICATE X\r\nab!c\r\n", mi::error::bad_syntax, 20);
  expect_error("a AUTHENTICATE X\r\n**\r\n", mi::error::bad_syntax, 19);
}

// ---------------------------------------------------------------------------------------------
// Limits

TEST(ImapCommandParser, RejectsLiteralOf2To63Octets) {
  // Default max_literal fails on the 8th digit; no limit still fails on the digit that makes 2^63.
  std::string const wire = "A1 APPEND INBOX {9223372036854775808}\r\n";
  expect_error(wire, mi::error::literal_too_large, 24);
  expect_error(wire, mi::error::literal_too_large, 24, parse_mode::lenient);
  mi::command_limits unlimited;
  unlimited.max_literal = SIZE_MAX;
  unlimited.max_command = SIZE_MAX;
  expect_error(wire, mi::error::literal_too_large, 35, parse_mode::strict, unlimited);
  expect_error("A1 APPEND INBOX ~{9223372036854775808+}", mi::error::literal_too_large, 36,
               parse_mode::lenient, unlimited);
  // 2^63-1 is a number64: refused by max_command at the "}", still before any octet is kept.
  unlimited.max_command = 1u << 20;
  expect_error("A1 APPEND INBOX {9223372036854775807}\r\n", mi::error::command_too_large, 36,
               parse_mode::strict, unlimited);
}

TEST(ImapCommandParser, RejectsLiteralAboveMaxLiteral) {
  mi::command_limits limits;
  limits.max_literal = 10;
  expect_error("A1 LOGIN {11}\r\n", mi::error::literal_too_large, 11, parse_mode::strict, limits);
  auto const ok = parse("A1 LOGIN {10}\r\n0123456789 x\r\n", parse_mode::strict, limits);
  EXPECT_FALSE(ok.ec) << describe(ok);
}

TEST(ImapCommandParser, CapsNonSynchronisingLiteralsUnderLiteralMinus) {
  std::string const big = "A1 APPEND INBOX {4097+}\r\n" + std::string(4097, 'x') + "\r\n";
  std::string const ok = "A1 APPEND INBOX {4096+}\r\n" + std::string(4096, 'x') + "\r\n";
  expect_error(big, mi::error::nonsync_literal_too_large, 21);
  EXPECT_FALSE(parse(ok).ec);
  auto const lenient = parse(big, parse_mode::lenient);
  ASSERT_EQ(lenient.commands.size(), 1u) << describe(lenient);
  ASSERT_EQ(lenient.warnings.size(), 1u);
  EXPECT_EQ(lenient.warnings[0], (mailspec::codec::warning{21, "nonsync-literal-too-large",
                                                           "a {n+} literal above the LITERAL- limit"}));
  mi::command_limits plus;  // LITERAL+: no cap but max_literal
  plus.literal_minus = false;
  EXPECT_FALSE(parse(big, parse_mode::strict, plus).ec);
  // A synchronising literal of any size is fine.
  EXPECT_FALSE(parse("A1 APPEND INBOX {4097}\r\n" + std::string(4097, 'x') + "\r\n").ec);
}

TEST(ImapCommandParser, RejectsCommandAboveMaxCommand) {
  mi::command_limits limits;
  limits.max_command = 30;
  expect_error("A1 APPEND INBOX {20}\r\n", mi::error::command_too_large, 19, parse_mode::strict,
               limits);
  expect_error("A1 LOGIN 0123456789 0123456789012345\r\n", mi::error::command_too_large, 30,
               parse_mode::strict, limits);
  EXPECT_FALSE(parse("A1 APPEND INBOX {6}\r\n012345\r\n", parse_mode::strict, limits).ec);
}

TEST(ImapCommandParser, RejectsLineLongerThanMaxLine) {
  mi::command_limits limits;
  limits.max_line = 20;
  expect_error("A1 LOGIN 0123456789ab\r\n", mi::error::line_too_long, 20, parse_mode::strict,
               limits);
  EXPECT_FALSE(parse("A1 LOGIN 012345678\r\n", parse_mode::strict, limits).ec);
  // A literal does not count toward the line; the line after it starts afresh.
  auto const o = parse("A1 X {30}\r\n012345678901234567890123456789 0123456789\r\n",
                       parse_mode::strict, limits);
  EXPECT_FALSE(o.ec) << describe(o);
  // The default is 64 KiB (not ground: every split of so long a line takes too long).
  std::string const long_line = "A1 X " + std::string(64 * 1024, 'a') + "\r\n";
  auto const o64 = run({long_line}, parse_mode::strict, {}, {});
  EXPECT_EQ(o64.ec, mi::error::line_too_long);
  EXPECT_EQ(o64.error_offset, 64u * 1024);
}

TEST(ImapCommandParser, RejectsNestingDeeperThanMaxDepthAndTooManyItems) {
  mi::command_limits limits;
  limits.max_depth = 3;
  expect_error("A1 X ((((a))))\r\n", mi::error::too_deep, 8, parse_mode::strict, limits);
  EXPECT_FALSE(parse("A1 X (((a)))\r\n", parse_mode::strict, limits).ec);
  limits = {};
  limits.max_items = 3;
  expect_error("A1 X (a b) c\r\n", mi::error::too_many_items, 11, parse_mode::strict, limits);
  EXPECT_FALSE(parse("A1 X (a b)\r\n", parse_mode::strict, limits).ec);
}

// ---------------------------------------------------------------------------------------------
// Errors and deviations

TEST(ImapCommandParser, RejectsBadTagsAndMissingNames) {
  expect_error(" A1 NOOP\r\n", mi::error::bad_tag, 0);
  expect_error("A\x01 NOOP\r\n", mi::error::bad_tag, 1);
  expect_error("A1\r\n", mi::error::bad_syntax, 2);
  expect_error("A1 \r\n", mi::error::bad_syntax, 3);
  expect_error("A1 (NOOP)\r\n", mi::error::bad_syntax, 3);
  expect_error("A1 NO\"OP\r\n", mi::error::bad_syntax, 5);
  expect_error("A1 UID \r\n", mi::error::bad_syntax, 7);
  expect_error("A1 NOOP\rx", mi::error::bad_syntax, 8);
}

TEST(ImapCommandParser, RejectsUnbalancedListsAndBadStrings) {
  expect_error("A1 STORE 1 FLAGS (\\Seen\r\n", mi::error::unbalanced, 23);
  expect_error("A1 STORE 1 FLAGS \\Seen)\r\n", mi::error::unbalanced, 22);
  expect_error("A1 LOGIN \"abc\r\n", mi::error::bad_quoted, 13);
  expect_error("A1 LOGIN \"a\\\r\n", mi::error::bad_quoted, 12);
  expect_error("A1 LOGIN {}\r\n", mi::error::bad_literal, 10);
  expect_error("A1 LOGIN {3x}\r\n", mi::error::bad_literal, 11);
  expect_error("A1 LOGIN {3}\rx", mi::error::bad_literal, 13);
  expect_error("A1 FETCH 1 BODY[HEADER\r\n", mi::error::bad_syntax, 22);
  expect_error("A1 FETCH 1 BODY[]<1x>\r\n", mi::error::bad_syntax, 19);
}

TEST(ImapCommandParser, ReportsUnexpectedEof) {
  expect_error("A1 NOOP", mi::error::unexpected_eof, 7);
  expect_error("A1 LOGIN {5}\r\n", mi::error::unexpected_eof, 14);
  expect_error("A1 LOGIN {5}\r\nab", mi::error::unexpected_eof, 16);
  EXPECT_FALSE(parse("").ec);
}

TEST(ImapCommandParser, StrictRejectsWhatLenientWarnsAbout) {
  struct row {
    char const* name;
    std::string wire;
    std::size_t offset;
    char const* warning;
  };
  row const rows[] = {
      {"bare LF", "A1 NOOP\n", 7, "bare-lf"},
      {"bare LF after literal", "A1 LOGIN {1+}\na b\r\n", 13, "bare-lf"},
      {"double space", "A1 LOGIN a  b\r\n", 11, "double-space"},
      {"double space before name", "A1  NOOP\r\n", 3, "double-space"},
      {"trailing space", "A1 NOOP \r\n", 7, "trailing-space"},
      {"space before paren", "A1 X (a )\r\n", 7, "trailing-space"},
      {"space after paren", "A1 X ( a)\r\n", 6, "extra-space"},
      {"missing space", "A1 LOGIN \"a\"b\r\n", 12, "missing-space"},
      {"bad tag char", "A+1 NOOP\r\n", 1, "bad-tag-char"},
      {"8-bit atom", "A1 SELECT caf\xc3\xa9\r\n", 13, "bad-atom-char"},
      {"backslash inside atom", "A1 X a\\b\r\n", 6, "bad-atom-char"},
      {"bad escape", "A1 LOGIN \"a\\b\" c\r\n", 11, "bad-escape"},
      {"NUL in quoted", std::string("A1 LOGIN \"a\0b\" c\r\n", 18), 11, "nul-octet"},
      {"NUL in literal", std::string("A1 LOGIN {3+}\r\na\0b c\r\n", 22), 16, "nul-in-literal"},
      {"empty line", "\r\nA1 NOOP\r\n", 0, "empty-line"},
      {"huge number", "A1 FETCH 99999999999999999999 FLAGS\r\n", 9, "number-too-large"},
      {"bad partial", "A1 FETCH 1 BODY[]<5>\r\n", 19, "bad-partial"},
      {"zero-length partial", "A1 FETCH 1 BODY[]<5.0>\r\n", 21, "bad-partial"},
      {"8-bit in section", "A1 FETCH 1 BODY[HEADER.FIELDS (\xff)]\r\n", 31, "bad-atom-char"},
  };
  for (auto const& r : rows) {
    SCOPED_TRACE(r.name);
    auto const strict = parse(r.wire);
    EXPECT_TRUE(strict.ec) << describe(strict);
    EXPECT_EQ(strict.error_offset, r.offset) << describe(strict);
    auto const lenient = parse(r.wire, parse_mode::lenient);
    EXPECT_FALSE(lenient.ec) << describe(lenient);
    ASSERT_EQ(lenient.commands.size(), 1u) << describe(lenient);
    ASSERT_EQ(lenient.warnings.size(), 1u) << describe(lenient);
    EXPECT_EQ(lenient.warnings[0].code, r.warning);
    EXPECT_EQ(lenient.warnings[0].offset, r.offset);
    expect_round_trip(lenient.commands[0], parse_mode::lenient);
  }
}

TEST(ImapCommandParser, SkipsEmptyLinesLenientlyOutsideTheCommand) {
  auto const o = parse("A1 APPEND x {1}\r\ny\r\n\r\nA2 NOOP\r\n", parse_mode::lenient);
  ASSERT_EQ(o.commands.size(), 2u) << describe(o);
  EXPECT_EQ(o.commands[1].offset, 22u);
  EXPECT_EQ(o.commands[1].raw, "A2 NOOP\r\n");
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_EQ(o.warnings[0].offset, 20u);
}

TEST(ImapCommandParser, StaysFailedUntilReset) {
  mi::command_parser p;
  std::error_code ec;
  p.put("(bad\r\n", ec);
  EXPECT_EQ(ec, mi::error::bad_tag);
  EXPECT_EQ(p.put("A1 NOOP\r\n", ec), 0u);
  EXPECT_EQ(ec, mi::error::bad_tag);
  p.put_eof(ec);
  EXPECT_EQ(ec, mi::error::bad_tag);
  p.reset();
  EXPECT_EQ(p.put("A1 NOOP\r\n", ec), 9u);
  EXPECT_FALSE(ec);
  EXPECT_EQ(p.take().offset, 0u);
}

TEST(ImapCommandParser, NewErrorsHaveMessages) {
  EXPECT_EQ(std::error_code(mi::error::command_too_large).message(), "command too large");
  EXPECT_EQ(std::error_code(mi::error::nonsync_literal_too_large).message(),
            "non-synchronizing literal too large");
}

// ---------------------------------------------------------------------------------------------
// Serialization

TEST(ImapCommandSerialize, WritesLiteralsSynchronising) {
  auto const c = parse_one("A1 LOGIN {3+}\r\nbob ~{2+}\r\npw\r\n");
  EXPECT_EQ(mi::serialize(c), "A1 LOGIN {3}\r\nbob ~{2}\r\npw\r\n");
  expect_round_trip(c);
}

TEST(ImapCommandSerialize, LenientParseThenSerializeIsAFixedPoint) {
  char const* const wires[] = {
      "a1  uid  fetch 1:*  (flags  body[]) \n",
      "a2 LOGIN \"a\"b(c)\r\n",
      "a3 X \"a\\b\" nil\r\n",
      "*1 SELECT caf\xc3\xa9\r\n",
  };
  for (char const* wire : wires) {
    SCOPED_TRACE(wire);
    auto const first = parse(wire, parse_mode::lenient);
    ASSERT_EQ(first.commands.size(), 1u) << describe(first);
    std::string const again = mi::serialize(first.commands[0]);
    auto const second = parse(again, parse_mode::lenient);
    ASSERT_EQ(second.commands.size(), 1u) << describe(second);
    EXPECT_TRUE(mi::equivalent(first.commands[0], second.commands[0])) << again;
    EXPECT_EQ(mi::serialize(second.commands[0]), again);
  }
}

TEST(ImapCommandSerialize, WritesBuiltCommands) {
  mi::command c;
  c.tag = "A7";
  c.uid = true;
  c.name = "STORE";
  c.args.push_back({kind::atom, "1:3", {}, false, 0});
  c.args.push_back({kind::atom, "+FLAGS.SILENT", {}, false, 0});
  c.args.push_back({kind::list, "", {{kind::atom, "\\Deleted", {}, false, 0}}, false, 0});
  EXPECT_EQ(mi::serialize(c), "A7 UID STORE 1:3 +FLAGS.SILENT (\\Deleted)\r\n");
  mi::command done;
  done.name = "DONE";
  EXPECT_EQ(mi::serialize(done), "DONE\r\n");
}

}  // namespace
