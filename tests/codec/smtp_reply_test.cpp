// SMTP reply parser: RFC 5321 §4.2 grammar, §4.5.3.1.5 limits, RFC 3463 enhanced codes, RFC 5321
// Appendix D replies. Every parse goes through grind() so that all split points must agree.
#include "codec/smtp/reply.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "grind.hpp"

namespace {

namespace mc = mailspec::codec;
namespace smtp = mailspec::codec::smtp;
using mc::parse_mode;

struct outcome {
  std::vector<smtp::reply> replies;
  std::error_code ec;      // from put(): need_more or the error
  std::error_code eof_ec;  // from put_eof()
  std::size_t error_offset = 0;
  mc::warning_list warnings;
};

outcome feed(std::vector<std::string_view> const& chunks, parse_mode mode, smtp::reply_limits limits) {
  smtp::reply_parser parser(mode, limits);
  outcome out;
  out.ec = smtp::error::need_more;  // also when there is no chunk at all
  for (auto chunk : chunks) {
    while (auto r = smtp::next(parser, chunk, out.ec)) out.replies.push_back(std::move(*r));
    if (out.ec != smtp::error::need_more) break;
  }
  parser.put_eof(out.eof_ec);
  out.error_offset = parser.error_offset();
  out.warnings = parser.warnings();
  return out;
}

std::string describe(outcome const& o) {
  std::string out;
  for (auto const& r : o.replies) {
    out += "reply " + std::to_string(r.code) + " @" + std::to_string(r.offset) + "+" + std::to_string(r.size);
    if (r.enhanced) out += " [" + r.enhanced->text() + "]";
    for (auto const& line : r.lines) {
      out += "\n  @" + std::to_string(line.offset) + " " + std::to_string(line.code) + " sep=" +
             mc::quote_bytes(std::string(1, line.separator)) + " " + mc::quote_bytes(line.text);
    }
    out += "\n  raw=" + mc::quote_bytes(r.raw) + "\n";
  }
  out += "put: " + o.ec.message() + "; eof: " + o.eof_ec.message() + "; error at " + std::to_string(o.error_offset);
  for (auto const& w : o.warnings) out += "\nwarning @" + std::to_string(w.offset) + " " + w.code;
  return out;
}

// Names a TEST_P row after its `name` member, in test names and in failure messages.
template <typename Row>
std::string row_name(::testing::TestParamInfo<Row> const& row) {
  return row.param.name;
}

// Parses `input` split at every byte (all splits must agree), and returns the one-shot outcome.
outcome parse(std::string_view input, parse_mode mode, smtp::reply_limits limits = {}) {
  mailspec::testing::grind(input, [&](auto const& chunks) { return describe(feed(chunks, mode, limits)); });
  return feed({input}, mode, limits);
}

bool has_warning(outcome const& o, std::string_view code) {
  for (auto const& w : o.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

// The reply without stream positions and raw octets: what a round trip must keep.
smtp::reply semantic(smtp::reply r) {
  r.offset = r.size = 0;
  r.raw.clear();
  for (auto& line : r.lines) line.offset = 0;
  return r;
}

// ---- valid replies, from RFC 5321 Appendix D and RFC 3463 / RFC 2034 ----

struct valid_row {
  std::string name;
  std::string input;
  int code;
  std::size_t lines;
  std::string text;
  std::string enhanced;  // "" when none
};

void PrintTo(valid_row const& row, std::ostream* os) { *os << row.name; }

class SmtpReplyValid : public ::testing::TestWithParam<valid_row> {};

TEST_P(SmtpReplyValid, ParsesInBothModesAndRoundTrips) {
  auto const& row = GetParam();
  for (auto mode : {parse_mode::strict, parse_mode::lenient}) {
    auto const o = parse(row.input, mode);
    ASSERT_EQ(o.replies.size(), 1u) << describe(o);
    auto const& r = o.replies.front();
    EXPECT_EQ(o.ec, smtp::error::need_more);
    EXPECT_FALSE(o.eof_ec);
    EXPECT_TRUE(o.warnings.empty()) << describe(o);
    EXPECT_EQ(r.code, row.code);
    EXPECT_EQ(r.lines.size(), row.lines);
    EXPECT_EQ(r.text(), row.text);
    EXPECT_EQ(r.enhanced ? r.enhanced->text() : "", row.enhanced);
    EXPECT_EQ(r.offset, 0u);
    EXPECT_EQ(r.size, row.input.size());
    EXPECT_EQ(r.raw, row.input);
    EXPECT_EQ(smtp::serialize(r), row.input);  // CRLF input: serialize restores every octet
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5321, SmtpReplyValid,
    ::testing::Values(
        valid_row{"D1Greeting", "220 foo.com Simple Mail Transfer Service Ready\r\n", 220, 1,
                  "foo.com Simple Mail Transfer Service Ready", ""},
        valid_row{"D1Ehlo", "250-foo.com greets bar.com\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250 HELP\r\n", 250, 5,
                  "foo.com greets bar.com\n8BITMIME\nSIZE\nDSN\nHELP", ""},
        valid_row{"D1Ok", "250 OK\r\n", 250, 1, "OK", ""},
        valid_row{"D1NoSuchUser", "550 No such user here\r\n", 550, 1, "No such user here", ""},
        valid_row{"D1StartMailInput", "354 Start mail input; end with <CRLF>.<CRLF>\r\n", 354, 1,
                  "Start mail input; end with <CRLF>.<CRLF>", ""},
        valid_row{"D1Closing", "221 foo.com Service closing transmission channel\r\n", 221, 1,
                  "foo.com Service closing transmission channel", ""},
        valid_row{"D3OnTheAir", "250 xyz.com is on the air\r\n", 250, 1, "xyz.com is on the air", ""},
        valid_row{"D4Vrfy", "250 Mark Crispin <Admin.MRC@foo.com>\r\n", 250, 1, "Mark Crispin <Admin.MRC@foo.com>", ""},
        valid_row{"BareCode", "250\r\n", 250, 1, "", ""},
        valid_row{"EmptyContinuationText", "250-\r\n250 x\r\n", 250, 2, "\nx", ""},
        valid_row{"BareCodeLastLine", "220-a\r\n220\r\n", 220, 2, "a\n", ""},
        valid_row{"TabInText", "250 a\tb\r\n", 250, 1, "a\tb", ""},
        valid_row{"Code559", "559 x\r\n", 559, 1, "x", ""},
        valid_row{"Code200", "200 x\r\n", 200, 1, "x", ""},
        valid_row{"Enhanced", "250 2.1.0 Sender <a@b> OK\r\n", 250, 1, "2.1.0 Sender <a@b> OK", "2.1.0"},
        valid_row{"EnhancedAlone", "550 5.7.1\r\n", 550, 1, "5.7.1", "5.7.1"},
        valid_row{"EnhancedMultiline", "452-4.5.3 Too many\r\n452 4.5.3 recipients\r\n", 452, 2,
                  "4.5.3 Too many\n4.5.3 recipients", "4.5.3"},
        valid_row{"EnhancedThreeDigitParts", "554 5.123.456 x\r\n", 554, 1, "5.123.456 x", "5.123.456"}),
    row_name<valid_row>);

// ---- deviations: strict error at an octet, lenient outcome ----

struct invalid_row {
  std::string name;
  std::string input;
  smtp::error strict_error;
  std::size_t strict_offset;
  std::string lenient_warning;  // "" when lenient fails with strict_error too
};

void PrintTo(invalid_row const& row, std::ostream* os) { *os << row.name; }

class SmtpReplyInvalid : public ::testing::TestWithParam<invalid_row> {};

TEST_P(SmtpReplyInvalid, StrictFailsAtTheOctetLenientWarns) {
  auto const& row = GetParam();
  auto const strict = parse(row.input, parse_mode::strict);
  EXPECT_TRUE(strict.replies.empty()) << describe(strict);
  EXPECT_EQ(strict.ec, row.strict_error) << describe(strict);
  EXPECT_EQ(strict.eof_ec, row.strict_error) << "a failed parser stays failed";
  EXPECT_EQ(strict.error_offset, row.strict_offset);

  auto const lenient = parse(row.input, parse_mode::lenient);
  if (row.lenient_warning.empty()) {
    EXPECT_EQ(lenient.ec, row.strict_error) << describe(lenient);
    EXPECT_EQ(lenient.error_offset, row.strict_offset);
    return;
  }
  ASSERT_EQ(lenient.replies.size(), 1u) << describe(lenient);
  EXPECT_EQ(lenient.ec, smtp::error::need_more);
  EXPECT_TRUE(has_warning(lenient, row.lenient_warning)) << describe(lenient);
  // A lenient reading survives a round trip too.
  auto const again = parse(smtp::serialize(lenient.replies.front()), parse_mode::lenient);
  ASSERT_EQ(again.replies.size(), 1u) << describe(again);
  EXPECT_EQ(semantic(again.replies.front()), semantic(lenient.replies.front()));
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5321, SmtpReplyInvalid,
    ::testing::Values(
        invalid_row{"Code600", "600 x\r\n", smtp::error::bad_code, 0, "code-range"},
        invalid_row{"Code199", "199 x\r\n", smtp::error::bad_code, 0, "code-range"},
        invalid_row{"SecondDigit6", "260 x\r\n", smtp::error::bad_code, 1, "code-range"},
        invalid_row{"Code599", "599 x\r\n", smtp::error::bad_code, 1, "code-range"},
        invalid_row{"TwoDigitCode", "25\r\n", smtp::error::bad_code, 2, ""},
        invalid_row{"LetterInCode", "2x0 ok\r\n", smtp::error::bad_code, 1, ""},
        invalid_row{"EmptyLine", "\r\n", smtp::error::bad_code, 0, ""},
        invalid_row{"HttpResponse", "HTTP/1.1 400 Bad Request\r\n", smtp::error::bad_code, 0, ""},
        invalid_row{"MixedCodes", "250-a\r\n251 b\r\n", smtp::error::code_mismatch, 7, "code-mismatch"},
        invalid_row{"BareLf", "250 a\n", smtp::error::bare_lf, 5, "bare-lf"},
        invalid_row{"BareLfAfterCode", "250\n", smtp::error::bare_lf, 3, "bare-lf"},
        invalid_row{"BareLfMultiline", "250-a\n250 b\n", smtp::error::bare_lf, 5, "bare-lf"},
        invalid_row{"BareCr", "250 a\rb\r\n", smtp::error::bare_cr, 5, "bare-cr"},
        invalid_row{"CrCrLf", "250 a\r\r\n", smtp::error::bare_cr, 5, "bare-cr"},
        invalid_row{"Nul", std::string("250 a\0b\r\n", 9), smtp::error::nul_byte, 5, "nul-byte"},
        invalid_row{"ControlOctet", "250 a\x01\r\n", smtp::error::bad_text, 5, "bad-text"},
        invalid_row{"EightBit", "250 caf\xC3\xA9\r\n", smtp::error::bad_text, 7, "bad-text"},
        invalid_row{"TextRightAfterCode", "250Ok\r\n", smtp::error::bad_separator, 3, "bad-separator"}),
    row_name<invalid_row>);

// ---- single behaviours ----

// RFC 4954 §4's empty challenge "334 " and RFC 5321 §4.2.1's "send the SP even without text":
// accepted in strict mode too, with a warning, because the prose overrides the ABNF's 1*textstring.
TEST(SmtpReplyParser, AcceptsSpWithoutTextWithAWarning) {
  auto const o = parse("334 \r\n", parse_mode::strict);
  EXPECT_EQ(o.ec, smtp::error::need_more);  // the reply completed; nothing else pending
  ASSERT_EQ(o.replies.size(), 1u);
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_EQ(o.warnings[0].code, "empty-text");
  EXPECT_EQ(o.replies[0].code, 334);
  EXPECT_EQ(o.replies[0].lines.at(0).text, "");
}

TEST(SmtpReplyParser, RejectsCodeAbove599) {
  auto const o = parse("600 x\r\n", parse_mode::strict);
  EXPECT_EQ(o.ec, smtp::error::bad_code);
  EXPECT_EQ(o.error_offset, 0u);
}

TEST(SmtpReplyParser, LenientKeepsOutOfRangeCode) {
  auto const o = parse("600 x\r\n", parse_mode::lenient);
  ASSERT_EQ(o.replies.size(), 1u);
  EXPECT_EQ(o.replies[0].code, 600);
}

TEST(SmtpReplyParser, LenientMixedCodesKeepsEachLinesCode) {
  auto const o = parse("250-a\r\n251 b\r\n", parse_mode::lenient);
  ASSERT_EQ(o.replies.size(), 1u);
  EXPECT_EQ(o.replies[0].code, 250);
  EXPECT_EQ(o.replies[0].lines[1].code, 251);
  EXPECT_EQ(smtp::serialize(o.replies[0]), "250-a\r\n251 b\r\n");
}

TEST(SmtpReplyParser, Utf8TextAcceptedWhenAllowed) {
  smtp::reply_limits limits;
  limits.utf8_text = true;
  auto const o = parse("250 caf\xC3\xA9\r\n", parse_mode::strict, limits);
  ASSERT_EQ(o.replies.size(), 1u) << describe(o);
  EXPECT_EQ(o.replies[0].text(), "caf\xC3\xA9");
}

TEST(SmtpReplyParser, MissingLastLineIsUnexpectedEof) {
  auto const o = parse("250-first\r\n", parse_mode::strict);
  EXPECT_TRUE(o.replies.empty());
  EXPECT_EQ(o.ec, smtp::error::need_more);
  EXPECT_EQ(o.eof_ec, smtp::error::unexpected_eof);
  EXPECT_EQ(o.error_offset, 11u);
}

TEST(SmtpReplyParser, UnterminatedLineIsUnexpectedEof) {
  auto const o = parse("250 OK", parse_mode::lenient);
  EXPECT_EQ(o.ec, smtp::error::need_more);
  EXPECT_EQ(o.eof_ec, smtp::error::unexpected_eof);
}

TEST(SmtpReplyParser, EofBetweenRepliesIsClean) {
  auto const o = parse("250 OK\r\n", parse_mode::strict);
  EXPECT_EQ(o.replies.size(), 1u);
  EXPECT_FALSE(o.eof_ec);
  smtp::reply_parser parser;
  std::error_code ec;
  EXPECT_EQ(parser.put("", ec), 0u);
  EXPECT_EQ(ec, smtp::error::need_more);
  parser.put_eof(ec);
  EXPECT_FALSE(ec);
}

TEST(SmtpReplyParser, PipelinedRepliesInOneBuffer) {
  // RFC 2920 PIPELINING: MAIL, RCPT, DATA answered back to back.
  auto const o = parse("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n", parse_mode::strict);
  ASSERT_EQ(o.replies.size(), 3u);
  EXPECT_EQ(o.replies[0].offset, 0u);
  EXPECT_EQ(o.replies[1].offset, 14u);
  EXPECT_EQ(o.replies[1].enhanced, (smtp::enhanced_code{2, 1, 5}));
  EXPECT_EQ(o.replies[2].offset, 28u);
  EXPECT_EQ(o.replies[2].code, 354);
  EXPECT_FALSE(o.replies[2].enhanced);
}

TEST(SmtpReplyParser, TwoRepliesConsumedByTwoPutLoops) {
  std::string_view const input = "250-a\r\n250 b\r\n221 bye\r\n";
  smtp::reply_parser parser;
  std::error_code ec;
  auto const first = parser.put(input, ec);
  EXPECT_EQ(first, 14u);
  EXPECT_FALSE(ec);
  ASSERT_TRUE(parser.done());
  EXPECT_EQ(parser.put(input.substr(first), ec), 0u) << "a done parser consumes nothing";
  EXPECT_FALSE(ec);
  auto const r1 = parser.take();
  EXPECT_EQ(r1.text(), "a\nb");
  EXPECT_FALSE(parser.done());
  auto const second = parser.put(input.substr(first), ec);
  EXPECT_EQ(second, 9u);
  ASSERT_TRUE(parser.done());
  auto const r2 = parser.take();
  EXPECT_EQ(r2.code, 221);
  EXPECT_EQ(r2.offset, 14u) << "offsets keep counting across take()";
  EXPECT_EQ(r2.lines[0].offset, 14u);
  EXPECT_EQ(parser.offset(), input.size());
}

TEST(SmtpReplyParser, TakeBeforeDoneReturnsEmptyReply) {
  smtp::reply_parser parser;
  std::error_code ec;
  parser.put("250 O", ec);
  EXPECT_EQ(parser.take(), smtp::reply{});
  parser.put("K\r\n", ec);
  ASSERT_TRUE(parser.done());
  EXPECT_EQ(parser.take().text(), "OK");
}

TEST(SmtpReplyParser, FailedParserStaysFailedUntilReset) {
  smtp::reply_parser parser;
  std::error_code ec;
  EXPECT_EQ(parser.put("250 OK\r\n500 x\n", ec), 8u);
  parser.take();
  parser.put("500 x\n250 OK\r\n", ec);
  EXPECT_EQ(ec, smtp::error::bare_lf);
  EXPECT_EQ(parser.error_offset(), 13u);
  EXPECT_EQ(parser.put("250 OK\r\n", ec), 0u);
  EXPECT_EQ(ec, smtp::error::bare_lf);
  parser.reset();
  EXPECT_EQ(parser.put("250 OK\r\n", ec), 8u);
  EXPECT_FALSE(ec);
  EXPECT_EQ(parser.take().offset, 0u) << "reset() restarts the offsets";
}

// ---- limits (RFC 5321 §4.5.3.1.5) ----

TEST(SmtpReplyParser, Accepts512OctetLine) {
  std::string const input = "250 " + std::string(506, 'a') + "\r\n";
  ASSERT_EQ(input.size(), 512u);
  auto const o = parse(input, parse_mode::strict);
  ASSERT_EQ(o.replies.size(), 1u);
  EXPECT_EQ(o.replies[0].lines[0].text.size(), 506u);
}

TEST(SmtpReplyParser, Rejects513OctetLineAtOctet513) {
  std::string const input = "250 " + std::string(507, 'a') + "\r\n";
  for (auto mode : {parse_mode::strict, parse_mode::lenient}) {
    auto const o = parse(input, mode);
    EXPECT_EQ(o.ec, smtp::error::line_too_long);
    EXPECT_EQ(o.error_offset, 512u);
  }
}

TEST(SmtpReplyParser, HugeLineNeverBufferedPastTheLimit) {
  smtp::reply_parser parser;
  std::string const chunk(1 << 20, 'a');
  std::error_code ec;
  EXPECT_EQ(parser.put("250 ", ec), 4u);
  EXPECT_EQ(parser.put(chunk, ec), 509u) << "stops at the first octet past 512";
  EXPECT_EQ(ec, smtp::error::line_too_long);
  EXPECT_EQ(parser.error_offset(), 512u);
  EXPECT_EQ(parser.put(chunk, ec), 0u);
}

TEST(SmtpReplyParser, LimitsTheLineCount) {
  smtp::reply_limits limits;
  limits.max_lines = 3;
  EXPECT_EQ(parse("250-a\r\n250-b\r\n250 c\r\n", parse_mode::strict, limits).replies.size(), 1u);
  auto const o = parse("250-a\r\n250-b\r\n250-c\r\n250 d\r\n", parse_mode::lenient, limits);
  EXPECT_EQ(o.ec, smtp::error::too_many_lines);
  EXPECT_EQ(o.error_offset, 21u);
}

TEST(SmtpReplyParser, LimitsTheReplySize) {
  smtp::reply_limits limits;
  limits.max_reply = 20;
  auto const o = parse("250-abcdef\r\n250 ghijkl\r\n", parse_mode::strict, limits);
  EXPECT_EQ(o.ec, smtp::error::reply_too_long);
  EXPECT_EQ(o.error_offset, 20u);
  EXPECT_EQ(parse("250-abcdef\r\n250 gh\r\n", parse_mode::strict, limits).replies.size(), 1u);
}

TEST(SmtpReplyParser, WarnsOncePerCodePerReplyAndCapsWarnings) {
  std::string input;
  for (int i = 0; i < 1200; ++i) input += "250-a\n250 b\n";
  smtp::reply_parser parser(parse_mode::lenient);
  std::string_view rest = input;
  std::error_code ec;
  int replies = 0;
  while (smtp::next(parser, rest, ec)) ++replies;
  EXPECT_EQ(replies, 1200);
  ASSERT_EQ(parser.warnings().size(), smtp::detail::warning_sink::cap + 1);
  EXPECT_EQ(parser.warnings()[0], (mc::warning{5, "bare-lf", "reply line ended with LF without CR"}));
  EXPECT_EQ(parser.warnings()[1].offset, 17u) << "one bare-lf per reply";
  EXPECT_EQ(parser.warnings().back().code, "warnings-capped");
  parser.clear_warnings();
  EXPECT_TRUE(parser.warnings().empty());
}

// ---- serialize ----

TEST(SmtpReplySerialize, HandBuiltReplyGetsContinuationSeparators) {
  smtp::reply r;
  r.code = 250;
  r.lines = {{.text = "mail.example"}, {.text = "PIPELINING"}, {.text = "8BITMIME"}};
  EXPECT_EQ(smtp::serialize(r), "250-mail.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
  auto const o = parse(smtp::serialize(r), parse_mode::strict);
  ASSERT_EQ(o.replies.size(), 1u);
  EXPECT_EQ(o.replies[0].text(), "mail.example\nPIPELINING\n8BITMIME");
}

TEST(SmtpReplySerialize, RoundTripIsAFixedPoint) {
  for (std::string_view input : {"250-a\n250 b\n", "250Ok\r\n", "250 a\rb\r\n", "220\r\n", "250-\r\n250 \r\n"}) {
    auto const first = parse(input, parse_mode::lenient);
    ASSERT_EQ(first.replies.size(), 1u) << input;
    auto const wire = smtp::serialize(first.replies[0]);
    auto const second = parse(wire, parse_mode::lenient);
    ASSERT_EQ(second.replies.size(), 1u) << wire;
    EXPECT_EQ(semantic(second.replies[0]), semantic(first.replies[0])) << mc::quote_bytes(input);
    EXPECT_EQ(smtp::serialize(second.replies[0]), wire);
  }
}

// ---- RFC 3463 enhanced status codes ----

struct enhanced_row {
  std::string name;
  std::string text;
  std::optional<smtp::enhanced_code> expected;
};

void PrintTo(enhanced_row const& row, std::ostream* os) { *os << row.name; }

class SmtpParseEnhanced : public ::testing::TestWithParam<enhanced_row> {};

TEST_P(SmtpParseEnhanced, ReadsStatusCodeAtTextStart) {
  EXPECT_EQ(smtp::parse_enhanced(GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc3463, SmtpParseEnhanced,
    ::testing::Values(enhanced_row{"WithText", "2.1.0 Ok", smtp::enhanced_code{2, 1, 0}},
                      enhanced_row{"Alone", "5.7.1", smtp::enhanced_code{5, 7, 1}},
                      enhanced_row{"Transient", "4.4.2 timeout", smtp::enhanced_code{4, 4, 2}},
                      enhanced_row{"ThreeDigits", "5.100.999 x", smtp::enhanced_code{5, 100, 999}},
                      enhanced_row{"FourDigitSubject", "2.1234.0 x", std::nullopt},
                      enhanced_row{"Class3", "3.0.0 x", std::nullopt},
                      enhanced_row{"NoSpaceAfter", "2.1.0Ok", std::nullopt},
                      enhanced_row{"EmptySubject", "2..0 x", std::nullopt},
                      enhanced_row{"MissingDetail", "2.1. x", std::nullopt},
                      enhanced_row{"TwoDigitClass", "25.1.0 x", std::nullopt},
                      enhanced_row{"Empty", "", std::nullopt},
                      enhanced_row{"EhloKeyword", "8BITMIME", std::nullopt}),
    row_name<enhanced_row>);

TEST(SmtpEnhancedCode, TextIsDotted) { EXPECT_EQ((smtp::enhanced_code{5, 1, 10}).text(), "5.1.10"); }

// ---- error category ----

TEST(SmtpError, CategoryAndCodes) {
  std::error_code const ec = smtp::error::need_more;
  EXPECT_EQ(ec.value(), 1);
  EXPECT_STREQ(ec.category().name(), "mailspec.smtp");
  EXPECT_EQ(&ec.category(), &smtp::category());
  EXPECT_EQ(ec, smtp::make_error_code(smtp::error::need_more));
  EXPECT_NE(ec, smtp::error::unexpected_eof);
  for (int v = 1; v <= static_cast<int>(smtp::error::path_too_long); ++v) {
    EXPECT_EQ(std::error_code(v, smtp::category()).message().find("unknown"), std::string::npos) << v;
  }
}

}  // namespace
