// POP3 responses: RFC 1939 §3 status indicators, multi-line bodies and byte-stuffing (examples from
// §§4-7 and the §10 session), RFC 2449 §4 limits and §8 response codes. Parses go through grind().
#include "codec/pop3/response.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "grind.hpp"

namespace {

namespace mc = mailspec::codec;
namespace pop3 = mailspec::codec::pop3;
using mc::parse_mode;

template <typename Row>
std::string row_name(::testing::TestParamInfo<Row> const& row) {
  return row.param.name;
}

struct outcome {
  std::vector<pop3::response> responses;
  std::error_code ec;
  std::error_code eof_ec;
  std::size_t error_offset = 0;
  mc::warning_list warnings;
};

// `multiline[i]` is what the caller expects of the i-th response (the command it answers decides).
outcome feed(std::vector<std::string_view> const& chunks, parse_mode mode, std::vector<bool> const& multiline,
             pop3::response_limits limits) {
  pop3::response_parser parser(mode, limits);
  outcome out;
  out.ec = pop3::error::need_more;
  auto const expect_next = [&] {
    auto const i = out.responses.size();
    parser.expect_multiline(i < multiline.size() && multiline[i]);
  };
  expect_next();
  for (auto chunk : chunks) {
    while (auto r = pop3::next(parser, chunk, out.ec)) {
      out.responses.push_back(std::move(*r));
      expect_next();
    }
    if (out.ec != pop3::error::need_more) break;
  }
  parser.put_eof(out.eof_ec);
  out.error_offset = parser.error_offset();
  out.warnings = parser.warnings();
  return out;
}

std::string describe(outcome const& o) {
  std::string out;
  for (auto const& r : o.responses) {
    out += (r.st.ok ? "+OK [" : "-ERR [") + r.st.code + "] " + mc::quote_bytes(r.st.text) + " @" +
           std::to_string(r.offset) + "+" + std::to_string(r.size) + (r.multiline ? " multiline " : " ") +
           std::to_string(r.line_count) + " lines, body(" + std::to_string(r.body_size) +
           (r.body_truncated ? ", truncated)=" : ")=") + mc::quote_bytes(r.body) + " raw=" + mc::quote_bytes(r.raw);
    out += "\n";
  }
  out += "put: " + o.ec.message() + "; eof: " + o.eof_ec.message() + "; error at " + std::to_string(o.error_offset);
  for (auto const& w : o.warnings) out += "\nwarning @" + std::to_string(w.offset) + " " + w.code;
  return out;
}

outcome parse(std::string_view input, parse_mode mode, std::vector<bool> multiline = {},
              pop3::response_limits limits = {}) {
  mailspec::testing::grind(input,
                           [&](auto const& chunks) { return describe(feed(chunks, mode, multiline, limits)); });
  return feed({input}, mode, multiline, limits);
}

pop3::response semantic(pop3::response r) {
  r.offset = r.size = r.st.offset = 0;
  r.raw.clear();
  r.st.raw_line.clear();
  return r;
}

// ---- RFC examples, valid in both modes ----

struct valid_row {
  std::string name;
  std::string input;
  bool expect_multiline;
  bool ok;
  std::string text;
  std::string code;
  std::string body;
  std::size_t line_count;
};

void PrintTo(valid_row const& row, std::ostream* os) { *os << row.name; }

class Pop3ResponseValid : public ::testing::TestWithParam<valid_row> {};

TEST_P(Pop3ResponseValid, ParsesInBothModesAndRoundTrips) {
  auto const& row = GetParam();
  for (auto mode : {parse_mode::strict, parse_mode::lenient}) {
    auto const o = parse(row.input, mode, {row.expect_multiline});
    ASSERT_EQ(o.responses.size(), 1u) << describe(o);
    auto const& r = o.responses[0];
    EXPECT_TRUE(o.warnings.empty()) << describe(o);
    EXPECT_FALSE(o.eof_ec);
    EXPECT_EQ(r.st.ok, row.ok);
    EXPECT_EQ(r.st.text, row.text);
    EXPECT_EQ(r.st.code, row.code);
    EXPECT_EQ(r.multiline, row.ok && row.expect_multiline);
    EXPECT_EQ(r.body, row.body);
    EXPECT_EQ(r.body_size, row.body.size());
    EXPECT_EQ(r.line_count, row.line_count);
    EXPECT_EQ(r.size, row.input.size());
    EXPECT_EQ(r.raw, row.input);
    EXPECT_EQ(pop3::serialize(r), row.input);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rfc1939, Pop3ResponseValid,
    ::testing::Values(
        valid_row{"Greeting", "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n", false, true,
                  "POP3 server ready <1896.697170952@dbc.mtview.ca.us>", "", "", 0},
        valid_row{"Stat", "+OK 2 320\r\n", false, true, "2 320", "", "", 0},
        valid_row{"List", "+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n", true, true,
                  "2 messages (320 octets)", "", "1 120\r\n2 200\r\n", 2},
        valid_row{"ListOne", "+OK 2 200\r\n", false, true, "2 200", "", "", 0},
        valid_row{"ListNoSuchMessage", "-ERR no such message, only 2 messages in maildrop\r\n", false, false,
                  "no such message, only 2 messages in maildrop", "", "", 0},
        valid_row{"ErrIgnoresMultilineExpectation", "-ERR no such message\r\n", true, false, "no such message", "",
                  "", 0},
        valid_row{"Noop", "+OK\r\n", false, true, "", "", "", 0},
        valid_row{"TopEmptyStatusText", "+OK\r\nSubject: x\r\n\r\n.\r\n", true, true, "", "", "Subject: x\r\n\r\n", 2},
        valid_row{"Uidl", "+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n", true, true, "", "",
                  "1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n", 2},
        valid_row{"RetrByteStuffed", "+OK 120 octets\r\n..hidden\r\n..\r\n...\r\nend.\r\n.\r\n", true, true,
                  "120 octets", "", ".hidden\r\n.\r\n..\r\nend.\r\n", 4},
        valid_row{"EmptyBody", "+OK 0 messages\r\n.\r\n", true, true, "0 messages", "", "", 0},
        valid_row{"Capa",
                  "+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL CRAM-MD5 KERBEROS_V4\r\nRESP-CODES\r\n"
                  "LOGIN-DELAY 900\r\nPIPELINING\r\nEXPIRE 60\r\nUIDL\r\nIMPLEMENTATION Shlemazle-Plotz-v302\r\n.\r\n",
                  true, true, "Capability list follows", "",
                  "TOP\r\nUSER\r\nSASL CRAM-MD5 KERBEROS_V4\r\nRESP-CODES\r\nLOGIN-DELAY 900\r\nPIPELINING\r\n"
                  "EXPIRE 60\r\nUIDL\r\nIMPLEMENTATION Shlemazle-Plotz-v302\r\n",
                  9},
        valid_row{"RespCodeInUse", "-ERR [IN-USE] Do you have another POP session running?\r\n", false, false,
                  "[IN-USE] Do you have another POP session running?", "IN-USE", "", 0},
        valid_row{"RespCodeHierarchy", "-ERR [SYS/TEMP] try later\r\n", false, false, "[SYS/TEMP] try later",
                  "SYS/TEMP", "", 0},
        valid_row{"RespCodeOnOk", "+OK [LOGIN-DELAY] x\r\n", false, true, "[LOGIN-DELAY] x", "LOGIN-DELAY", "", 0},
        valid_row{"QuitSigningOff", "+OK dewey POP3 server signing off (maildrop empty)\r\n", false, true,
                  "dewey POP3 server signing off (maildrop empty)", "", "", 0}),
    row_name<valid_row>);

// ---- deviations ----

struct invalid_row {
  std::string name;
  std::string input;
  bool expect_multiline;
  pop3::error strict_error;
  std::size_t strict_offset;
  std::string lenient_warning;  // "" when lenient fails the same way
  std::string lenient_body;
};

void PrintTo(invalid_row const& row, std::ostream* os) { *os << row.name; }

class Pop3ResponseInvalid : public ::testing::TestWithParam<invalid_row> {};

TEST_P(Pop3ResponseInvalid, StrictFailsAtTheOctetLenientWarns) {
  auto const& row = GetParam();
  auto const strict = parse(row.input, parse_mode::strict, {row.expect_multiline});
  EXPECT_TRUE(strict.responses.empty()) << describe(strict);
  EXPECT_EQ(strict.ec, row.strict_error) << describe(strict);
  EXPECT_EQ(strict.eof_ec, row.strict_error);
  EXPECT_EQ(strict.error_offset, row.strict_offset);
  auto const lenient = parse(row.input, parse_mode::lenient, {row.expect_multiline});
  if (row.lenient_warning.empty()) {
    EXPECT_EQ(lenient.ec, row.strict_error) << describe(lenient);
    EXPECT_EQ(lenient.error_offset, row.strict_offset);
    return;
  }
  ASSERT_EQ(lenient.responses.size(), 1u) << describe(lenient);
  ASSERT_FALSE(lenient.warnings.empty());
  EXPECT_EQ(lenient.warnings[0].code, row.lenient_warning);
  EXPECT_EQ(lenient.warnings[0].offset, row.strict_offset);
  EXPECT_EQ(lenient.responses[0].body, row.lenient_body);
  auto const again = parse(pop3::serialize(lenient.responses[0]), parse_mode::lenient, {row.expect_multiline});
  ASSERT_EQ(again.responses.size(), 1u);
  EXPECT_EQ(semantic(again.responses[0]), semantic(lenient.responses[0]));
}

INSTANTIATE_TEST_SUITE_P(
    Rfc1939, Pop3ResponseInvalid,
    ::testing::Values(
        invalid_row{"LowerCaseOk", "+ok done\r\n", false, pop3::error::bad_status, 0, "status-case", ""},
        invalid_row{"MixedCaseErr", "-Err no\r\n", false, pop3::error::bad_status, 0, "status-case", ""},
        invalid_row{"NoSpaceAfterStatus", "+OKdone\r\n", false, pop3::error::bad_status, 3, "no-space-after-status",
                    ""},
        invalid_row{"NotPop3", "* OK IMAP4rev2\r\n", false, pop3::error::bad_status, 0, "", ""},
        invalid_row{"PlusNo", "+NO\r\n", false, pop3::error::bad_status, 1, "", ""},
        invalid_row{"ShortErr", "-ER\r\n", false, pop3::error::bad_status, 3, "", ""},
        invalid_row{"EmptyLine", "\r\n", false, pop3::error::bad_status, 0, "", ""},
        invalid_row{"StatusBareLf", "+OK\n", false, pop3::error::bare_lf, 3, "bare-lf", ""},
        invalid_row{"StatusBareCr", "+OK a\rb\r\n", false, pop3::error::bare_cr, 5, "bare-cr", ""},
        invalid_row{"StatusNul", std::string("+OK a\0\r\n", 8), false, pop3::error::nul_byte, 5, "nul-byte", ""},
        invalid_row{"BodyBareLf", "+OK\r\na\nb\r\n.\r\n", true, pop3::error::bare_lf, 6, "bare-lf", "a\nb\r\n"},
        invalid_row{"BodyLfOnly", "+OK\r\na\n..b\n.\n", true, pop3::error::bare_lf, 6, "bare-lf", "a\n.b\n"},
        invalid_row{"TerminatorBareLf", "+OK\r\na\r\n.\n", true, pop3::error::bare_lf, 9, "bare-lf", "a\r\n"},
        invalid_row{"BodyBareCr", "+OK\r\na\rb\r\n.\r\n", true, pop3::error::bare_cr, 6, "bare-cr", "a\rb\r\n"},
        invalid_row{"DotBareCr", "+OK\r\n.\rx\r\n.\r\n", true, pop3::error::bare_cr, 6, "bare-cr", "\rx\r\n"}),
    row_name<invalid_row>);

TEST(Pop3ResponseParser, ExpectationResetsAfterEachResponse) {
  pop3::response_parser parser;
  std::error_code ec;
  std::string_view input = "+OK 2 messages\r\n1 120\r\n.\r\n+OK 1 120\r\n";
  parser.expect_multiline(true);
  auto const list = pop3::next(parser, input, ec);
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->multiline);
  auto const one = pop3::next(parser, input, ec);  // no expect_multiline(true) this time
  ASSERT_TRUE(one);
  EXPECT_FALSE(one->multiline);
  EXPECT_EQ(one->offset, 26u);
  EXPECT_TRUE(input.empty());
}

TEST(Pop3ResponseParser, Rfc1939SessionPipelinedInOneBuffer) {
  // RFC 1939 §10, server side, sent back to back (RFC 2449 PIPELINING).
  std::string const input =
      "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n+OK mrose's maildrop has 2 messages (320 octets)\r\n"
      "+OK 2 320\r\n+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n+OK 120 octets\r\nmessage 1\r\n.\r\n"
      "+OK message 1 deleted\r\n-ERR no such message\r\n+OK dewey POP3 server signing off (maildrop empty)\r\n";
  auto const o = parse(input, parse_mode::strict, {false, false, false, true, true, false, true, false});
  ASSERT_EQ(o.responses.size(), 8u) << describe(o);
  EXPECT_EQ(o.responses[3].body, "1 120\r\n2 200\r\n");
  EXPECT_EQ(o.responses[4].body, "message 1\r\n");
  EXPECT_FALSE(o.responses[6].st.ok);
  EXPECT_FALSE(o.responses[6].multiline);
  EXPECT_EQ(o.responses[7].offset + o.responses[7].size, input.size());
}

TEST(Pop3ResponseParser, TwoResponsesConsumedByTwoPutLoops) {
  std::string_view const input = "+OK 2 320\r\n-ERR no\r\n";
  pop3::response_parser parser;
  std::error_code ec;
  auto const first = parser.put(input, ec);
  EXPECT_EQ(first, 11u);
  EXPECT_FALSE(ec);
  ASSERT_TRUE(parser.done());
  EXPECT_EQ(parser.take().st.text, "2 320");
  EXPECT_EQ(parser.put(input.substr(first), ec), 9u);
  ASSERT_TRUE(parser.done());
  auto const second = parser.take();
  EXPECT_FALSE(second.st.ok);
  EXPECT_EQ(second.st.offset, 11u);
}

TEST(Pop3ResponseParser, EofInsideBodyIsUnexpected) {
  auto const o = parse("+OK\r\nline\r\n", parse_mode::strict, {true});
  EXPECT_EQ(o.ec, pop3::error::need_more);
  EXPECT_EQ(o.eof_ec, pop3::error::unexpected_eof);
  EXPECT_EQ(o.error_offset, 11u);
}

TEST(Pop3ResponseParser, FailedParserStaysFailedUntilReset) {
  pop3::response_parser parser;
  std::error_code ec;
  parser.put("+OK\n", ec);
  EXPECT_EQ(ec, pop3::error::bare_lf);
  EXPECT_EQ(parser.put("+OK\r\n", ec), 0u);
  EXPECT_EQ(ec, pop3::error::bare_lf);
  parser.reset();
  EXPECT_EQ(parser.put("+OK\r\n", ec), 5u);
  EXPECT_TRUE(parser.done());
}

// ---- limits ----

TEST(Pop3ResponseParser, Accepts512OctetStatusLineRejects513) {
  std::string const ok = "+OK " + std::string(506, 'a') + "\r\n";
  ASSERT_EQ(ok.size(), 512u);
  EXPECT_EQ(parse(ok, parse_mode::strict).responses.size(), 1u);
  auto const o = parse("+OK " + std::string(507, 'a') + "\r\n", parse_mode::lenient);
  EXPECT_EQ(o.ec, pop3::error::line_too_long);
  EXPECT_EQ(o.error_offset, 512u);
}

TEST(Pop3ResponseParser, HugeStatusLineNeverBufferedPastTheLimit) {
  pop3::response_parser parser;
  std::error_code ec;
  EXPECT_EQ(parser.put("+OK " + std::string(1 << 20, 'a'), ec), 513u);
  EXPECT_EQ(ec, pop3::error::line_too_long);
}

TEST(Pop3ResponseParser, LimitsBodyLines) {
  pop3::response_limits limits;
  limits.max_body_line = 6;
  // ".abc" CRLF is 6 octets: the stuffing dot counts.
  EXPECT_EQ(parse("+OK\r\n..bc\r\n.\r\n", parse_mode::strict, {true}, limits).responses.size(), 1u);
  auto const o = parse("+OK\r\nabcde\r\n.\r\n", parse_mode::strict, {true}, limits);
  EXPECT_EQ(o.ec, pop3::error::line_too_long);
  EXPECT_EQ(o.error_offset, 11u);
}

TEST(Pop3ResponseParser, LimitsTheBody) {
  pop3::response_limits limits;
  limits.max_body = 8;
  // The unstuffed body counts: "abc" CRLF "." CRLF is 8 octets.
  EXPECT_EQ(parse("+OK\r\nabc\r\n..\r\n.\r\n", parse_mode::strict, {true}, limits).responses.size(), 1u);
  auto const o = parse("+OK\r\nabc\r\ndefg\r\n.\r\n", parse_mode::strict, {true}, limits);
  EXPECT_EQ(o.ec, pop3::error::body_too_long);
  EXPECT_EQ(o.error_offset, 13u);
}

TEST(Pop3ResponseParser, StoresTheBodyUpToTheLimitAndCountsTheRest) {
  pop3::response_limits limits;
  limits.max_stored_body = 4;
  auto const o = parse("+OK\r\nabc\r\ndef\r\n.\r\n", parse_mode::strict, {true}, limits);
  ASSERT_EQ(o.responses.size(), 1u);
  auto const& r = o.responses[0];
  EXPECT_EQ(r.body, "abc\r");
  EXPECT_EQ(r.body_size, 10u);
  EXPECT_TRUE(r.body_truncated);
  EXPECT_EQ(r.line_count, 2u);
  EXPECT_EQ(r.raw, "+OK\r\nabc\r");
  EXPECT_EQ(r.size, 18u);
}

TEST(Pop3ResponseParser, LargeRetrIsCountedNotStored) {
  pop3::response_limits limits;
  limits.max_stored_body = 1000;
  pop3::response_parser parser(parse_mode::strict, limits);
  parser.expect_multiline(true);
  std::error_code ec;
  parser.put("+OK\r\n", ec);
  std::string line(998, 'x');
  line += "\r\n";
  for (int i = 0; i < 4096; ++i) ASSERT_EQ(parser.put(line, ec), line.size());
  parser.put(".\r\n", ec);
  ASSERT_TRUE(parser.done());
  auto const r = parser.take();
  EXPECT_EQ(r.body.size(), 1000u);
  EXPECT_EQ(r.body_size, 4096u * 1000u);
  EXPECT_EQ(r.line_count, 4096u);
  EXPECT_EQ(r.raw.size(), 5u + 1000u);
}

// ---- serialize ----

TEST(Pop3ResponseSerialize, StuffsDotsAndTerminates) {
  pop3::response r;
  r.st.ok = true;
  r.st.text = "2 messages";
  r.multiline = true;
  r.body = ".a\r\nb\r\n.\r\nc";
  EXPECT_EQ(pop3::serialize(r), "+OK 2 messages\r\n..a\r\nb\r\n..\r\nc\r\n.\r\n");
  r.st.ok = false;
  EXPECT_EQ(pop3::serialize(r), "-ERR 2 messages\r\n") << "a -ERR has no body";
}

// ---- RFC 2449 §8 response codes ----

TEST(Pop3RespCode, ParsesOnlyWellFormedCodes) {
  EXPECT_EQ(pop3::parse_resp_code("[IN-USE] x"), "IN-USE");
  EXPECT_EQ(pop3::parse_resp_code("[SYS/PERM]"), "SYS/PERM");
  EXPECT_EQ(pop3::parse_resp_code("[AUTH]x"), "AUTH");
  EXPECT_EQ(pop3::parse_resp_code("[]"), "");
  EXPECT_EQ(pop3::parse_resp_code("[SYS/]"), "");
  EXPECT_EQ(pop3::parse_resp_code("[/SYS]"), "");
  EXPECT_EQ(pop3::parse_resp_code("[SYS//TEMP]"), "");
  EXPECT_EQ(pop3::parse_resp_code("[IN USE]"), "");
  EXPECT_EQ(pop3::parse_resp_code("[IN-USE"), "");
  EXPECT_EQ(pop3::parse_resp_code(" [IN-USE]"), "");
  EXPECT_EQ(pop3::parse_resp_code(""), "");
}

TEST(Pop3Error, CategoryAndCodes) {
  std::error_code const ec = pop3::error::need_more;
  EXPECT_EQ(ec.value(), 1);
  EXPECT_STREQ(ec.category().name(), "mailspec.pop3");
  EXPECT_EQ(ec, pop3::make_error_code(pop3::error::need_more));
  for (int v = 1; v <= static_cast<int>(pop3::error::argument_too_long); ++v) {
    EXPECT_EQ(std::error_code(v, pop3::category()).message().find("unknown"), std::string::npos) << v;
  }
}

}  // namespace
