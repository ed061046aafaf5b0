// IMAP server response parser: RFC 9051 §7 examples and the §8 sample session, every input fed
// split at every byte (grind), limits, strict/lenient deviations and serialize round trips.
#include "codec/imap/response.hpp"

#include "grind.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace mi = mailspec::codec::imap;
using mailspec::codec::parse_mode;
using kind = mi::value::kind;

struct outcome {
  std::vector<mi::response> responses;
  std::error_code ec;  // the error that stopped parsing, or unexpected_eof from put_eof
  std::size_t error_offset = 0;
  mailspec::codec::warning_list warnings;
};

outcome run(std::vector<std::string_view> const& chunks, parse_mode mode,
            mi::response_limits limits) {
  outcome out;
  mi::response_parser p(mode, limits);
  for (std::string_view chunk : chunks) {
    while (!chunk.empty()) {
      std::error_code ec;
      std::size_t const n = p.put(chunk, ec);
      chunk.remove_prefix(n);
      if (p.done()) {
        EXPECT_FALSE(ec);
        out.responses.push_back(p.take());
        continue;
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

std::string describe(mi::value const& v) {
  static char const* const names[] = {"atom", "number", "quoted", "literal", "nil", "list"};
  std::string s = names[static_cast<int>(v.k)];
  s += '@' + std::to_string(v.offset);
  if (v.binary) s += "(binary)";
  if (v.k == kind::list) {
    s += '(';
    for (auto const& item : v.items) s += describe(item) + ' ';
    return s + ')';
  }
  return s + '"' + mailspec::codec::quote_bytes(v.text) + '"';
}

std::string describe(outcome const& o) {
  std::string s;
  for (auto const& r : o.responses) {
    s += std::to_string(static_cast<int>(r.t)) + " tag=" + r.tag + " n=" +
         (r.number ? std::to_string(*r.number) : "-") + " name=" + r.name + " code=" + r.code;
    for (auto const& v : r.code_args) s += ' ' + describe(v);
    s += " text=" + mailspec::codec::quote_bytes(r.text) + " data=";
    for (auto const& v : r.data) s += describe(v) + ' ';
    s += " at " + std::to_string(r.offset) + '+' + std::to_string(r.size) + " raw=" +
         mailspec::codec::quote_bytes(r.raw) + '\n';
  }
  if (o.ec) s += "error " + o.ec.message() + " at " + std::to_string(o.error_offset) + '\n';
  for (auto const& w : o.warnings) s += "warning " + w.code + " at " + std::to_string(w.offset) + '\n';
  return s;
}

/// Parses `input` in `mode`, grinding it over every split; returns the one-shot outcome.
outcome parse(std::string_view input, parse_mode mode = parse_mode::strict,
              mi::response_limits limits = {}) {
  mailspec::testing::grind(input, [&](std::vector<std::string_view> const& chunks) {
    return describe(run(chunks, mode, limits));
  });
  return run({input}, mode, limits);
}

/// Parses one response that must be accepted without warnings in both modes.
mi::response parse_one(std::string_view input) {
  auto const lenient = parse(input, parse_mode::lenient);
  EXPECT_TRUE(lenient.warnings.empty()) << describe(lenient);
  auto o = parse(input);
  EXPECT_FALSE(o.ec) << describe(o);
  EXPECT_EQ(o.responses.size(), 1u) << describe(o);
  if (o.responses.size() != 1) return {};
  EXPECT_EQ(o.responses[0].raw, input);
  EXPECT_EQ(o.responses[0].size, input.size());
  return std::move(o.responses[0]);
}

void expect_error(std::string_view input, mi::error e, std::size_t offset,
                  parse_mode mode = parse_mode::strict, mi::response_limits limits = {}) {
  auto const o = parse(input, mode, limits);
  EXPECT_EQ(o.ec, make_error_code(e)) << describe(o);
  EXPECT_EQ(o.error_offset, offset) << describe(o);
}

mi::value atom(std::string text) { return {kind::atom, std::move(text), {}, false, 0}; }

std::vector<std::string> texts(std::vector<mi::value> const& values) {
  std::vector<std::string> out;
  for (auto const& v : values) out.push_back(v.text);
  return out;
}

// ---------------------------------------------------------------------------------------------
// RFC 9051 §7 examples

TEST(ImapResponseParser, ParsesGreeting) {
  auto const r = parse_one("* OK IMAP4rev2 server ready\r\n");
  EXPECT_EQ(r.t, mi::response::type::untagged);
  EXPECT_EQ(r.name, "OK");
  EXPECT_TRUE(r.is_status());
  EXPECT_EQ(r.code, "");
  EXPECT_EQ(r.text, "IMAP4rev2 server ready");
  EXPECT_TRUE(r.data.empty());
}

TEST(ImapResponseParser, ParsesCapabilityAtoms) {
  auto const r = parse_one("* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n");
  EXPECT_EQ(r.name, "CAPABILITY");
  EXPECT_FALSE(r.is_status());
  EXPECT_EQ(texts(r.data),
            (std::vector<std::string>{"IMAP4rev2", "STARTTLS", "AUTH=GSSAPI", "LOGINDISABLED"}));
  for (auto const& v : r.data) EXPECT_EQ(v.k, kind::atom);
  EXPECT_EQ(r.data[2].offset, 32u);
}

TEST(ImapResponseParser, ParsesNumberBeforeName) {
  auto const r = parse_one("* 172 EXISTS\r\n");
  ASSERT_TRUE(r.number);
  EXPECT_EQ(*r.number, 172u);
  EXPECT_EQ(r.name, "EXISTS");
  EXPECT_TRUE(r.data.empty());
}

TEST(ImapResponseParser, ParsesResponseCodeWithNumber) {
  auto const r = parse_one("* OK [UIDVALIDITY 3857529045] UIDs valid\r\n");
  EXPECT_EQ(r.code, "UIDVALIDITY");
  ASSERT_EQ(r.code_args.size(), 1u);
  EXPECT_EQ(r.code_args[0].k, kind::number);
  EXPECT_EQ(r.code_args[0].number(), 3857529045u);
  EXPECT_EQ(r.text, "UIDs valid");
}

TEST(ImapResponseParser, ParsesFlagsList) {
  auto const r = parse_one("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n");
  ASSERT_EQ(r.data.size(), 1u);
  ASSERT_EQ(r.data[0].k, kind::list);
  EXPECT_EQ(texts(r.data[0].items), (std::vector<std::string>{"\\Answered", "\\Flagged",
                                                              "\\Deleted", "\\Seen", "\\Draft"}));
}

TEST(ImapResponseParser, ParsesPermanentFlagsCodeAsOneList) {
  auto const r = parse_one("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n");
  EXPECT_EQ(r.code, "PERMANENTFLAGS");
  ASSERT_EQ(r.code_args.size(), 1u);
  EXPECT_EQ(texts(r.code_args[0].items),
            (std::vector<std::string>{"\\Deleted", "\\Seen", "\\*"}));
  EXPECT_EQ(r.text, "Limited");
}

TEST(ImapResponseParser, ParsesCodesWithFreeFormArguments) {
  auto const copy = parse_one("A003 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n");
  EXPECT_EQ(copy.code, "COPYUID");
  EXPECT_EQ(texts(copy.code_args), (std::vector<std::string>{"38505", "304,319:320", "3956:3958"}));
  auto const referral = parse_one("A1 NO [REFERRAL imap://user;AUTH=*@SERVER2/] Remote\r\n");
  EXPECT_EQ(texts(referral.code_args), (std::vector<std::string>{"imap://user;AUTH=*@SERVER2/"}));
  auto const cap = parse_one("* OK [CAPABILITY IMAP4rev2 AUTH=PLAIN] ready\r\n");
  EXPECT_EQ(texts(cap.code_args), (std::vector<std::string>{"IMAP4rev2", "AUTH=PLAIN"}));
}

TEST(ImapResponseParser, ParsesTaggedStatusWithCode) {
  auto const r = parse_one("A142 OK [READ-WRITE] SELECT completed\r\n");
  EXPECT_EQ(r.t, mi::response::type::tagged);
  EXPECT_EQ(r.tag, "A142");
  EXPECT_EQ(r.name, "OK");
  EXPECT_EQ(r.code, "READ-WRITE");
  EXPECT_TRUE(r.code_args.empty());
  EXPECT_EQ(r.text, "SELECT completed");
}

TEST(ImapResponseParser, UpperCasesNameAndCode) {
  auto const r = parse_one("a1 no [trycreate] no such mailbox\r\n");
  EXPECT_EQ(r.tag, "a1");
  EXPECT_EQ(r.name, "NO");
  EXPECT_EQ(r.code, "TRYCREATE");
  EXPECT_EQ(r.text, "no such mailbox");
}

TEST(ImapResponseParser, ParsesContinuations) {
  EXPECT_EQ(parse_one("+ Ready for additional command text\r\n").text,
            "Ready for additional command text");
  auto const base64 = parse_one("+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n");
  EXPECT_EQ(base64.t, mi::response::type::continuation);
  EXPECT_EQ(base64.text.size(), 72u);
  EXPECT_EQ(parse_one("+\r\n").text, "");
  EXPECT_EQ(parse_one("+ \r\n").text, "");
}

TEST(ImapResponseParser, ParsesListWithEmptyQuotedMailbox) {
  auto const r = parse_one("* LIST (\\Noselect) \"/\" \"\"\r\n");
  ASSERT_EQ(r.data.size(), 3u);
  EXPECT_EQ(r.data[0].k, kind::list);
  EXPECT_EQ(texts(r.data[0].items), (std::vector<std::string>{"\\Noselect"}));
  EXPECT_EQ(r.data[1].k, kind::quoted);
  EXPECT_EQ(r.data[1].text, "/");
  EXPECT_EQ(r.data[2].k, kind::quoted);
  EXPECT_EQ(r.data[2].text, "");
}

TEST(ImapResponseParser, UnescapesQuotedStrings) {
  auto const r = parse_one("* LIST () \"\\\\\" \"a\\\"b]) c\"\r\n");
  EXPECT_EQ(r.data[1].text, "\\");
  EXPECT_EQ(r.data[2].text, "a\"b]) c");
}

TEST(ImapResponseParser, ParsesNilNamespaceAndNumbers) {
  auto const ns = parse_one("* NAMESPACE ((\"\" \"/\")) NIL ((\"Public Folders/\" \"/\"))\r\n");
  ASSERT_EQ(ns.data.size(), 3u);
  EXPECT_EQ(ns.data[1].k, kind::nil);
  EXPECT_EQ(ns.data[2].items[0].items[0].text, "Public Folders/");
  auto const search = parse_one("* SEARCH 2 84 882\r\n");
  EXPECT_EQ(search.data[2].number(), 882u);
  EXPECT_TRUE(parse_one("* SEARCH\r\n").data.empty());
  auto const esearch = parse_one("* ESEARCH (TAG \"A283\") ALL 2,10:11,20:*\r\n");
  EXPECT_EQ(esearch.data[2].text, "2,10:11,20:*");
}

TEST(ImapResponseParser, ParsesBodyStructureNesting) {
  auto const r = parse_one(
      "* 3 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" "
      "1152 23)(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") "
      "\"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" 4554 73) "
      "\"MIXED\"))\r\n");
  ASSERT_EQ(r.data.size(), 1u);
  auto const& att = r.data[0].items;
  ASSERT_EQ(att.size(), 2u);
  EXPECT_EQ(att[0].text, "BODYSTRUCTURE");
  auto const& mpart = att[1].items;
  ASSERT_EQ(mpart.size(), 3u);
  EXPECT_EQ(mpart[0].items.size(), 8u);
  EXPECT_EQ(mpart[0].items[7].number(), 23u);
  EXPECT_EQ(mpart[1].items[2].items[3].text, "cc.diff");
  EXPECT_EQ(mpart[2].text, "MIXED");
}

TEST(ImapResponseParser, ParsesFetchBodyLiteralWithCrlfAndParentheses) {
  std::string const body = "Subject: x)\r\n\r\n) (\"{3}\r\n";
  std::string const wire = "* 12 FETCH (FLAGS (\\Seen) BODY[] {" + std::to_string(body.size()) +
                           "}\r\n" + body + " UID 7)\r\n";
  auto const r = parse_one(wire);
  auto const& att = r.data[0].items;
  ASSERT_EQ(att.size(), 6u);
  EXPECT_EQ(att[2].text, "BODY[]");
  EXPECT_EQ(att[3].k, kind::literal);
  EXPECT_EQ(att[3].text, body);
  EXPECT_EQ(att[5].number(), 7u);
}

TEST(ImapResponseParser, KeepsSectionAndPartialInOneAtom) {
  auto const r = parse_one(
      "* 2 FETCH (BODY[HEADER.FIELDS (DATE \"X]\")]<0> {3}\r\nab\n BODY.PEEK[1.2] NIL)\r\n");
  auto const& att = r.data[0].items;
  ASSERT_EQ(att.size(), 4u);
  EXPECT_EQ(att[0].text, "BODY[HEADER.FIELDS (DATE \"X]\")]<0>");
  EXPECT_EQ(att[1].text, "ab\n");
  EXPECT_EQ(att[2].text, "BODY.PEEK[1.2]");
  EXPECT_EQ(att[3].k, kind::nil);
}

TEST(ImapResponseParser, ParsesEmptyLiteral) {
  auto const r = parse_one("* 1 FETCH (BODY[] {0}\r\n)\r\n");
  EXPECT_EQ(r.data[0].items[1].k, kind::literal);
  EXPECT_EQ(r.data[0].items[1].text, "");
}

TEST(ImapResponseParser, ParsesBinaryLiteralWithNul) {
  auto const r = parse_one(std::string("* 1 FETCH (BINARY[1] ~{3}\r\n\0\1\2)\r\n", 33));
  auto const& lit = r.data[0].items[1];
  EXPECT_EQ(lit.k, kind::literal);
  EXPECT_TRUE(lit.binary);
  EXPECT_EQ(lit.text, std::string("\0\1\2", 3));
  EXPECT_EQ(parse_one("* X ~a\r\n").data[0].text, "~a");
}

TEST(ImapResponseParser, ParsesSampleSessionOfSection8) {
  std::string const header =
      "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n"
      "From: Terry Gray <gray@cac.washington.edu>\r\n"
      "Subject: IMAP4rev2 WG mtg summary and minutes\r\n"
      "To: imap@cac.washington.edu\r\n"
      "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n"
      "Message-Id: <B27397-0100000@cac.washington.edu>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\n";
  std::string const wire =
      "* 18 EXISTS\r\n"
      "* LIST () \"/\" INBOX (\"OLDNAME\" (\"inbox\"))\r\n"
      "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 "
      "ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev2 WG mtg summary and "
      "minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL "
      "\"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
      "((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")"
      "(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
      "\"<B27397-0100000@cac.washington.ed>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" "
      "\"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n"
      "* 12 FETCH (BODY[HEADER] {342}\r\n" + header + ")\r\n"
      "* BYE IMAP4rev2 server terminating connection\r\n"
      "a006 OK LOGOUT completed\r\n";
  auto const o = parse(wire);
  ASSERT_FALSE(o.ec) << describe(o);
  ASSERT_EQ(o.responses.size(), 6u);
  std::size_t at = 0;
  for (auto const& r : o.responses) {
    EXPECT_EQ(r.offset, at);
    EXPECT_EQ(wire.substr(r.offset, r.size), r.raw);
    at += r.size;
  }
  EXPECT_EQ(at, wire.size());
  EXPECT_EQ(o.responses[2].data[0].items[7].items[6].items[1].items[2].text, "KLENSIN");
  EXPECT_EQ(o.responses[3].data[0].items[1].text, header);
  EXPECT_EQ(o.responses[4].name, "BYE");
  EXPECT_EQ(o.responses[5].tag, "a006");
}

TEST(ImapResponseParser, StopsAfterOneResponseAndCountsOffsetsOn) {
  mi::response_parser p;
  std::error_code ec;
  std::string_view const wire = "* 1 EXISTS\r\nA1 OK done\r\n";
  std::size_t const n = p.put(wire, ec);
  EXPECT_EQ(n, 12u);
  EXPECT_FALSE(ec);
  ASSERT_TRUE(p.done());
  EXPECT_EQ(p.put("more", ec), 0u);  // nothing more until take()
  p.take();
  EXPECT_EQ(p.put(wire.substr(n), ec), 12u);
  auto const r = p.take();
  EXPECT_EQ(r.offset, 12u);
  EXPECT_EQ(r.tag, "A1");
  p.put_eof(ec);
  EXPECT_FALSE(ec);
}

// ---------------------------------------------------------------------------------------------
// Limits

TEST(ImapResponseParser, RejectsLiteralOf2To63Octets) {
  // Default max_literal fails on the 8th digit; no limit still fails on the digit that makes 2^63.
  std::string const wire = "* 1 FETCH (BODY[] {9223372036854775808}\r\n";
  expect_error(wire, mi::error::literal_too_large, 26);
  expect_error(wire, mi::error::literal_too_large, 26, parse_mode::lenient);
  mi::response_limits unlimited;
  unlimited.max_literal = SIZE_MAX;
  unlimited.max_response = SIZE_MAX;
  expect_error(wire, mi::error::literal_too_large, 37, parse_mode::strict, unlimited);
  expect_error("* 1 FETCH (BODY[] {9223372036854775808", mi::error::literal_too_large, 37,
               parse_mode::strict, unlimited);
}

TEST(ImapResponseParser, RejectsLiteralAboveMaxLiteral) {
  mi::response_limits limits;
  limits.max_literal = 10;
  expect_error("* 1 FETCH (BODY[] {11}\r\n", mi::error::literal_too_large, 20,
               parse_mode::strict, limits);
  auto const ok = parse("* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n", parse_mode::strict, limits);
  EXPECT_FALSE(ok.ec) << describe(ok);
}

TEST(ImapResponseParser, RejectsResponseAboveMaxResponse) {
  mi::response_limits limits;
  limits.max_response = 40;
  expect_error("* 1 FETCH (BODY[] {30}\r\n", mi::error::response_too_large, 21,
               parse_mode::strict, limits);
  expect_error("* OK 0123456789012345678901234567890123456789\r\n", mi::error::response_too_large,
               40, parse_mode::strict, limits);
}

TEST(ImapResponseParser, RejectsNestingDeeperThanMaxDepth) {
  mi::response_limits limits;
  limits.max_depth = 3;
  expect_error("* X ((((a))))\r\n", mi::error::too_deep, 7, parse_mode::strict, limits);
  EXPECT_FALSE(parse("* X (((a)))\r\n", parse_mode::strict, limits).ec);
  std::string deep = "* X " + std::string(65, '(');
  expect_error(deep, mi::error::too_deep, 4 + 64);
  std::string const ok = "* X " + std::string(64, '(') + std::string(64, ')') + "\r\n";
  EXPECT_FALSE(parse(ok).ec);
}

TEST(ImapResponseParser, RejectsLineLongerThanMaxLine) {
  mi::response_limits limits;
  limits.max_line = 20;
  expect_error("* OK 0123456789012345678\r\n", mi::error::line_too_long, 20, parse_mode::strict,
               limits);
  EXPECT_FALSE(parse("* OK 0123456789012\r\n", parse_mode::strict, limits).ec);
  // A literal does not count toward the line; the line after it starts afresh.
  auto const o = parse("* X {30}\r\n012345678901234567890123456789 0123456789\r\n",
                       parse_mode::strict, limits);
  EXPECT_FALSE(o.ec) << describe(o);
}

TEST(ImapResponseParser, RejectsMoreThanMaxItems) {
  mi::response_limits limits;
  limits.max_items = 3;
  expect_error("* X (a b) c\r\n", mi::error::too_many_items, 10, parse_mode::strict, limits);
  EXPECT_FALSE(parse("* X (a b)\r\n", parse_mode::strict, limits).ec);
}

// ---------------------------------------------------------------------------------------------
// Errors and deviations

TEST(ImapResponseParser, RejectsBareLfInStrictMode) {
  expect_error("* OK hi\n", mi::error::bare_lf, 7);
  auto const o = parse("* OK hi\nA1 OK done\n", parse_mode::lenient);
  ASSERT_EQ(o.responses.size(), 2u);
  EXPECT_FALSE(o.ec);
  ASSERT_EQ(o.warnings.size(), 2u);
  EXPECT_EQ(o.warnings[0], (mailspec::codec::warning{7, "bare-lf", "line ended with LF without CR"}));
  EXPECT_EQ(o.warnings[1].offset, 18u);
}

TEST(ImapResponseParser, RejectsBadTags) {
  expect_error("A+1 OK x\r\n", mi::error::bad_tag, 1);
  expect_error("(A1 OK x\r\n", mi::error::bad_tag, 0);
  expect_error(" A1 OK x\r\n", mi::error::bad_tag, 0);
  expect_error("A1\r\n", mi::error::bad_tag, 2);
  EXPECT_EQ(parse_one("A]1 OK x\r\n").tag, "A]1");
}

TEST(ImapResponseParser, RejectsTaggedDataResponse) {
  expect_error("A1 FLAGS (\\Seen)\r\n", mi::error::bad_syntax, 3);
  expect_error("* 3 OK hi\r\n", mi::error::bad_syntax, 4);
  expect_error("* 23\r\n", mi::error::bad_syntax, 4);
  expect_error("*  OK\r\n", mi::error::bad_syntax, 2);
  expect_error("* 99999999999999999999 EXISTS\r\n", mi::error::bad_number, 2);
}

TEST(ImapResponseParser, RejectsUnbalancedLists) {
  expect_error("* FLAGS (\\Seen\r\n", mi::error::unbalanced, 14);
  expect_error("* FLAGS \\Seen)\r\n", mi::error::unbalanced, 13);
  expect_error("* OK [PERMANENTFLAGS (\\Seen] x\r\n", mi::error::unbalanced, 27);
  expect_error("* OK [ALERT\r\n", mi::error::unbalanced, 11);
}

TEST(ImapResponseParser, RejectsBadQuotedAndLiteral) {
  expect_error("* X \"abc\r\n", mi::error::bad_quoted, 8);
  expect_error("* X {}\r\n", mi::error::bad_literal, 5);
  expect_error("* X {3x}\r\n", mi::error::bad_literal, 6);
  expect_error("* X {3}\rx", mi::error::bad_literal, 8);
  expect_error("* OK a\rb\r\n", mi::error::bad_syntax, 7);
}

TEST(ImapResponseParser, ReportsUnexpectedEof) {
  expect_error("* OK partial", mi::error::unexpected_eof, 12);
  expect_error("* 1 FETCH (BODY[] {5}\r\nab", mi::error::unexpected_eof, 25);
  auto const o = parse("");
  EXPECT_FALSE(o.ec);
}

TEST(ImapResponseParser, StrictRejectsWhatLenientWarnsAbout) {
  struct row {
    char const* name;
    char const* wire;
    std::size_t offset;
    char const* warning;
  };
  row const rows[] = {
      {"status without text", "A1 OK\r\n", 5, "missing-text"},
      {"code without space", "A1 OK [READ-WRITE]\r\n", 18, "missing-space"},
      {"double space", "* X a  b\r\n", 6, "extra-space"},
      {"trailing space", "* SEARCH 1 \r\n", 11, "extra-space"},
      {"space before paren", "* X (a )\r\n", 7, "extra-space"},
      {"missing space", "* X \"a\"b\r\n", 7, "missing-space"},
      {"wildcard in atom", "* LIST () \"/\" foo*\r\n", 17, "bad-atom-char"},
      {"backslash inside atom", "* X a\\b\r\n", 5, "bad-atom-char"},
      {"control octet in atom", "* X a\x01" "b\r\n", 5, "bad-atom-char"},
      {"bad escape", "* X \"a\\b\"\r\n", 6, "bad-escape"},
      {"nonsync literal", "* X {1+}\r\nx\r\n", 6, "non-sync-literal"},
      {"tagged bye", "A1 BYE go\r\n", 3, "tagged-bye-preauth"},
      {"huge number", "* X 99999999999999999999\r\n", 4, "number-too-large"},
  };
  for (auto const& r : rows) {
    SCOPED_TRACE(r.name);
    auto const strict = parse(r.wire);
    EXPECT_TRUE(strict.ec) << describe(strict);
    EXPECT_EQ(strict.error_offset, r.offset) << describe(strict);
    auto const lenient = parse(r.wire, parse_mode::lenient);
    EXPECT_FALSE(lenient.ec) << describe(lenient);
    EXPECT_EQ(lenient.responses.size(), 1u);
    ASSERT_EQ(lenient.warnings.size(), 1u) << describe(lenient);
    EXPECT_EQ(lenient.warnings[0].code, r.warning);
    EXPECT_EQ(lenient.warnings[0].offset, r.offset);
  }
}

TEST(ImapResponseParser, NulInLiteralIsAnErrorUnlessBinary) {
  std::string const wire("* X {3}\r\na\0b\r\n", 14);
  expect_error(wire, mi::error::bad_literal, 10);
  auto const o = parse(wire, parse_mode::lenient);
  ASSERT_EQ(o.responses.size(), 1u);
  EXPECT_EQ(o.responses[0].data[0].text, std::string("a\0b", 3));
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_EQ(o.warnings[0].code, "nul-in-literal");
}

TEST(ImapResponseParser, StaysFailedUntilReset) {
  mi::response_parser p;
  std::error_code ec;
  p.put("(bad\r\n", ec);
  EXPECT_EQ(ec, mi::error::bad_tag);
  EXPECT_EQ(p.put("* OK x\r\n", ec), 0u);
  EXPECT_EQ(ec, mi::error::bad_tag);
  p.put_eof(ec);
  EXPECT_EQ(ec, mi::error::bad_tag);
  p.reset();
  EXPECT_EQ(p.put("* OK x\r\n", ec), 8u);
  EXPECT_FALSE(ec);
  EXPECT_EQ(p.take().offset, 0u);
}

TEST(ImapResponseParser, ErrorCategoryIsNamed) {
  std::error_code const ec = mi::error::need_more;
  EXPECT_STREQ(ec.category().name(), "mailspec.imap");
  EXPECT_EQ(ec.value(), 1);
  EXPECT_EQ(std::error_code(mi::error::literal_too_large).message(), "literal too large");
}

// ---------------------------------------------------------------------------------------------
// Serialization

TEST(ImapResponseSerialize, RoundTripsCanonicalResponsesExactly) {
  char const* const wires[] = {
      "* OK IMAP4rev2 server ready\r\n",
      "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
      "A142 OK [READ-WRITE] SELECT completed\r\n",
      "* 172 EXISTS\r\n",
      "+ Ready for additional command text\r\n",
      "* LIST (\\Noselect) \"/\" \"\"\r\n",
      "* 12 FETCH (FLAGS (\\Seen) BODY[HEADER.FIELDS (DATE)]<0> {5}\r\n(\r\n)\" NIL)\r\n",
      "* 1 FETCH (BINARY[1] ~{2}\r\nxy)\r\n",
      "* STATUS \"a\\\"b\\\\\" (MESSAGES 231 UIDNEXT 44292)\r\n",
      "* SEARCH\r\n",
  };
  for (char const* wire : wires) {
    auto const r = parse_one(wire);
    EXPECT_EQ(mi::serialize(r), wire);
  }
}

TEST(ImapResponseSerialize, LenientParseThenSerializeIsAFixedPoint) {
  char const* const wires[] = {
      "A1 OK\n", "* OK [ALERT]\r\n", "+\r\n", "* X  a\"b\"(c)(d) \r\n", "* X \"a\\b\"\r\n",
      "* 3 FETCH ((a)(b) \"MIXED\")\r\n", "* X {1+}\r\nx NIL nil\r\n",
  };
  for (char const* wire : wires) {
    SCOPED_TRACE(wire);
    auto const first = parse(wire, parse_mode::lenient);
    ASSERT_EQ(first.responses.size(), 1u) << describe(first);
    std::string const again = mi::serialize(first.responses[0]);
    auto const second = parse(again);  // serialize writes what strict mode accepts
    ASSERT_EQ(second.responses.size(), 1u) << describe(second);
    EXPECT_TRUE(mi::equivalent(first.responses[0], second.responses[0])) << again;
    EXPECT_EQ(mi::serialize(second.responses[0]), again);
  }
}

TEST(ImapResponseSerialize, WritesValues) {
  mi::value list{kind::list, "", {atom("\\Seen"), {kind::quoted, "a\"\\", {}, false, 0}}, false, 0};
  list.items.push_back({kind::nil, "", {}, false, 0});
  list.items.push_back({kind::literal, "x\r\n", {}, true, 0});
  EXPECT_EQ(mi::serialize(list), "(\\Seen \"a\\\"\\\\\" NIL ~{3}\r\nx\r\n)");
  mi::response r;
  r.t = mi::response::type::untagged;
  r.number = 5;
  r.name = "FETCH";
  r.data.push_back(list);
  EXPECT_EQ(mi::serialize(r), "* 5 FETCH (\\Seen \"a\\\"\\\\\" NIL ~{3}\r\nx\r\n)\r\n");
}

}  // namespace
