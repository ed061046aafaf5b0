// SMTP command lines (RFC 5321 §4.1, limit §4.5.3.1.4) and the MAIL / RCPT argument grammar (§4.1.2,
// §4.1.3 address literals, §4.5.3.1.1-3 size limits). Command lines go through grind().
#include "codec/smtp/command.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "grind.hpp"

namespace {

namespace mc = mailspec::codec;
namespace smtp = mailspec::codec::smtp;
using mc::parse_mode;

template <typename Row>
std::string row_name(::testing::TestParamInfo<Row> const& row) {
  return row.param.name;
}

// ---- command line parser ----

struct outcome {
  std::vector<smtp::command> commands;
  std::error_code ec;
  std::error_code eof_ec;
  std::size_t error_offset = 0;
  mc::warning_list warnings;
};

outcome feed(std::vector<std::string_view> const& chunks, parse_mode mode, smtp::command_limits limits) {
  smtp::command_parser parser(mode, limits);
  outcome out;
  out.ec = smtp::error::need_more;  // also when there is no chunk at all
  for (auto chunk : chunks) {
    while (auto c = smtp::next(parser, chunk, out.ec)) out.commands.push_back(std::move(*c));
    if (out.ec != smtp::error::need_more) break;
  }
  parser.put_eof(out.eof_ec);
  out.error_offset = parser.error_offset();
  out.warnings = parser.warnings();
  return out;
}

std::string describe(outcome const& o) {
  std::string out;
  for (auto const& c : o.commands) {
    out += c.verb + " [" + mc::quote_bytes(c.args) + "] @" + std::to_string(c.offset) + " " + mc::quote_bytes(c.raw);
    out += "\n";
  }
  out += "put: " + o.ec.message() + "; eof: " + o.eof_ec.message() + "; error at " + std::to_string(o.error_offset);
  for (auto const& w : o.warnings) out += "\nwarning @" + std::to_string(w.offset) + " " + w.code;
  return out;
}

outcome parse(std::string_view input, parse_mode mode, smtp::command_limits limits = {}) {
  mailspec::testing::grind(input, [&](auto const& chunks) { return describe(feed(chunks, mode, limits)); });
  return feed({input}, mode, limits);
}

struct line_row {
  std::string name;
  std::string input;
  std::string verb;
  std::string args;
};

void PrintTo(line_row const& row, std::ostream* os) { *os << row.name; }

class SmtpCommandLine : public ::testing::TestWithParam<line_row> {};

TEST_P(SmtpCommandLine, SplitsVerbAndArgsInBothModes) {
  auto const& row = GetParam();
  for (auto mode : {parse_mode::strict, parse_mode::lenient}) {
    auto const o = parse(row.input, mode);
    ASSERT_EQ(o.commands.size(), 1u) << describe(o);
    EXPECT_TRUE(o.warnings.empty());
    EXPECT_FALSE(o.eof_ec);
    EXPECT_EQ(o.commands[0].verb, row.verb);
    EXPECT_EQ(o.commands[0].args, row.args);
    EXPECT_EQ(o.commands[0].raw, row.input);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5321, SmtpCommandLine,
    ::testing::Values(line_row{"D1Ehlo", "EHLO bar.com\r\n", "EHLO", "bar.com"},
                      line_row{"D1Mail", "MAIL FROM:<Smith@bar.com>\r\n", "MAIL", "FROM:<Smith@bar.com>"},
                      line_row{"D1Rcpt", "RCPT TO:<Jones@foo.com>\r\n", "RCPT", "TO:<Jones@foo.com>"},
                      line_row{"D1Data", "DATA\r\n", "DATA", ""},
                      line_row{"D1Quit", "QUIT\r\n", "QUIT", ""},
                      line_row{"D2Rset", "RSET\r\n", "RSET", ""},
                      line_row{"D4Vrfy", "VRFY Crispin\r\n", "VRFY", "Crispin"},
                      line_row{"LowerCaseVerb", "ehlo client.example\r\n", "EHLO", "client.example"},
                      line_row{"ExtensionVerb", "STARTTLS\r\n", "STARTTLS", ""},
                      line_row{"HyphenVerb", "X-EXPS a\r\n", "X-EXPS", "a"},
                      line_row{"ArgsKeepSpaces", "HELO  a b \r\n", "HELO", " a b "},
                      line_row{"TrailingSpace", "NOOP \r\n", "NOOP", ""}),
    row_name<line_row>);

struct bad_line_row {
  std::string name;
  std::string input;
  smtp::error strict_error;
  std::size_t strict_offset;
  std::string lenient_warning;
  std::string lenient_verb;
};

void PrintTo(bad_line_row const& row, std::ostream* os) { *os << row.name; }

class SmtpCommandBadLine : public ::testing::TestWithParam<bad_line_row> {};

TEST_P(SmtpCommandBadLine, StrictFailsAtTheOctetLenientWarns) {
  auto const& row = GetParam();
  auto const strict = parse(row.input, parse_mode::strict);
  EXPECT_TRUE(strict.commands.empty());
  EXPECT_EQ(strict.ec, row.strict_error) << describe(strict);
  EXPECT_EQ(strict.error_offset, row.strict_offset);
  auto const lenient = parse(row.input, parse_mode::lenient);
  ASSERT_EQ(lenient.commands.size(), 1u) << describe(lenient);
  EXPECT_EQ(lenient.commands[0].verb, row.lenient_verb);
  ASSERT_EQ(lenient.warnings.size(), 1u) << describe(lenient);
  EXPECT_EQ(lenient.warnings[0].code, row.lenient_warning);
  EXPECT_EQ(lenient.warnings[0].offset, row.strict_offset);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5321, SmtpCommandBadLine,
    ::testing::Values(bad_line_row{"BareLf", "QUIT\n", smtp::error::bare_lf, 4, "bare-lf", "QUIT"},
                      bad_line_row{"BareCr", "NOOP a\rb\r\n", smtp::error::bare_cr, 6, "bare-cr", "NOOP"},
                      bad_line_row{"Nul", std::string("NOOP \0\r\n", 8), smtp::error::nul_byte, 5, "nul-byte", "NOOP"},
                      bad_line_row{"EmptyLine", "\r\n", smtp::error::bad_command, 0, "bad-verb", ""},
                      bad_line_row{"LeadingSpace", " NOOP\r\n", smtp::error::bad_command, 0, "bad-verb", ""},
                      bad_line_row{"DigitFirst", "1ABC\r\n", smtp::error::bad_command, 0, "bad-verb", "1ABC"},
                      bad_line_row{"AtInVerb", "MA@L FROM:<>\r\n", smtp::error::bad_command, 2, "bad-verb", "MA@L"},
                      bad_line_row{"TabAfterVerb", "NOOP\tx\r\n", smtp::error::bad_command, 4, "bad-verb", "NOOP\tX"}),
    row_name<bad_line_row>);

TEST(SmtpCommandParser, PipelinedCommandsInOneBuffer) {
  // RFC 2920 §3.1 example, client side.
  auto const o = parse("MAIL FROM:<mrose@dbc.mtview.ca.us>\r\nRCPT TO:<ned@innosoft.com>\r\n"
                       "RCPT TO:<dan@innosoft.com>\r\nDATA\r\n",
                       parse_mode::strict);
  ASSERT_EQ(o.commands.size(), 4u) << describe(o);
  EXPECT_EQ(o.commands[1].offset, 36u);
  EXPECT_EQ(o.commands[3].verb, "DATA");
  EXPECT_EQ(o.commands[3].offset, 92u);
}

TEST(SmtpCommandParser, StopsAfterEachLine) {
  smtp::command_parser parser;
  std::error_code ec;
  std::string_view const input = "NOOP\r\nQUIT\r\n";
  EXPECT_EQ(parser.put(input, ec), 6u);
  ASSERT_TRUE(parser.done());
  EXPECT_EQ(parser.take().verb, "NOOP");
  EXPECT_EQ(parser.put(input.substr(6), ec), 6u);
  EXPECT_EQ(parser.take().offset, 6u);
}

TEST(SmtpCommandParser, Accepts512OctetLineRejects513) {
  std::string const ok = "HELO " + std::string(505, 'a') + "\r\n";
  ASSERT_EQ(ok.size(), 512u);
  EXPECT_EQ(parse(ok, parse_mode::strict).commands.size(), 1u);
  auto const o = parse("HELO " + std::string(506, 'a') + "\r\n", parse_mode::lenient);
  EXPECT_EQ(o.ec, smtp::error::line_too_long);
  EXPECT_EQ(o.error_offset, 512u);
}

TEST(SmtpCommandParser, HugeLineNeverBufferedPastTheLimit) {
  smtp::command_parser parser;
  std::error_code ec;
  EXPECT_EQ(parser.put(std::string(1 << 20, 'A'), ec), 513u);
  EXPECT_EQ(ec, smtp::error::line_too_long);
}

TEST(SmtpCommandParser, EofInsideLine) {
  auto const o = parse("QUI", parse_mode::strict);
  EXPECT_EQ(o.ec, smtp::error::need_more);
  EXPECT_EQ(o.eof_ec, smtp::error::unexpected_eof);
  EXPECT_EQ(o.error_offset, 3u);
}

TEST(SmtpCommandParser, SerializeRoundTrips) {
  for (std::string_view input : {"MAIL FROM:<a@b.example> SIZE=10\r\n", "DATA\r\n", "HELO  x\r\n"}) {
    auto const first = parse(input, parse_mode::strict);
    ASSERT_EQ(first.commands.size(), 1u);
    EXPECT_EQ(smtp::serialize(first.commands[0]), input);
  }
  EXPECT_EQ(smtp::serialize(smtp::command{.verb = "RCPT", .args = "TO:<x@y.z>"}), "RCPT TO:<x@y.z>\r\n");
}

// ---- paths (RFC 5321 §4.1.2, §4.1.3) ----

struct path_row {
  std::string name;
  std::string text;
  bool reverse;
  smtp::path expected;
};

void PrintTo(path_row const& row, std::ostream* os) { *os << row.name; }

class SmtpPathValid : public ::testing::TestWithParam<path_row> {};

TEST_P(SmtpPathValid, ParsesAndRoundTrips) {
  auto const& row = GetParam();
  std::error_code ec = smtp::error::bad_path;
  auto const p = smtp::parse_path(row.text, row.reverse, ec);
  ASSERT_TRUE(p) << ec.message();
  EXPECT_FALSE(ec);
  EXPECT_EQ(*p, row.expected);
  EXPECT_EQ(smtp::serialize(*p), row.text);
}

smtp::path mailbox(std::string local, std::string domain, std::vector<std::string> route = {}) {
  return {.local_part = std::move(local), .domain = std::move(domain), .source_route = std::move(route)};
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5321, SmtpPathValid,
    ::testing::Values(
        path_row{"D1Sender", "<Smith@bar.com>", true, mailbox("Smith", "bar.com")},
        path_row{"NullReversePath", "<>", true, {.null = true}},
        path_row{"SourceRoute", "<@hosta.int,@jkl.org:userc@d.bar.org>", false,
                 mailbox("userc", "d.bar.org", {"hosta.int", "jkl.org"})},
        path_row{"PostmasterAlone", "<Postmaster>", false, {.local_part = "Postmaster", .postmaster = true}},
        path_row{"PostmasterAnyCase", "<postMASTER>", false, {.local_part = "postMASTER", .postmaster = true}},
        path_row{"PostmasterWithDomain", "<Postmaster@example.com>", false, mailbox("Postmaster", "example.com")},
        path_row{"DotString", "<first.last@sub.example.com>", false, mailbox("first.last", "sub.example.com")},
        path_row{"AllAtext", "<!#$%&'*+-/=?^_`{|}~@x.y>", false, mailbox("!#$%&'*+-/=?^_`{|}~", "x.y")},
        path_row{"QuotedPairComma", "<\"Joe\\,Smith\"@example.com>", false, mailbox("\"Joe\\,Smith\"", "example.com")},
        path_row{"QuotedSpaceAndAt", "<\"a b@c\"@example.com>", false, mailbox("\"a b@c\"", "example.com")},
        path_row{"QuotedEmpty", "<\"\"@example.com>", false, mailbox("\"\"", "example.com")},
        path_row{"QuotedAngle", "<\"a>b\"@example.com>", false, mailbox("\"a>b\"", "example.com")},
        path_row{"HyphenAndDigits", "<u@a-b.c9.0x>", false, mailbox("u", "a-b.c9.0x")},
        path_row{"SingleLabelDomain", "<u@localhost>", false, mailbox("u", "localhost")},
        path_row{"Ipv4Literal", "<u@[192.0.2.1]>", false, mailbox("u", "[192.0.2.1]")},
        path_row{"Ipv4Literal255", "<u@[255.0.00.255]>", false, mailbox("u", "[255.0.00.255]")},
        path_row{"Ipv6Full", "<u@[IPv6:2001:db8:0:0:0:0:0:1]>", false, mailbox("u", "[IPv6:2001:db8:0:0:0:0:0:1]")},
        path_row{"Ipv6Comp", "<u@[IPv6:2001:db8::1]>", false, mailbox("u", "[IPv6:2001:db8::1]")},
        path_row{"Ipv6CompSixGroups", "<u@[IPv6:1:2:3::4:5:6]>", false, mailbox("u", "[IPv6:1:2:3::4:5:6]")},
        path_row{"Ipv6AllZero", "<u@[IPv6:::]>", false, mailbox("u", "[IPv6:::]")},
        path_row{"Ipv6TrailingGap", "<u@[IPv6:fe80::]>", false, mailbox("u", "[IPv6:fe80::]")},
        path_row{"Ipv6LowerTag", "<u@[ipv6:::1]>", false, mailbox("u", "[ipv6:::1]")},
        path_row{"Ipv6v4Full", "<u@[IPv6:0:0:0:0:0:ffff:192.0.2.1]>", false,
                 mailbox("u", "[IPv6:0:0:0:0:0:ffff:192.0.2.1]")},
        path_row{"Ipv6v4Comp", "<u@[IPv6:::ffff:192.0.2.1]>", false, mailbox("u", "[IPv6:::ffff:192.0.2.1]")},
        path_row{"Ipv6v4CompOnlyV4", "<u@[IPv6:::192.0.2.1]>", false, mailbox("u", "[IPv6:::192.0.2.1]")},
        path_row{"Ipv6v4CompFourGroups", "<u@[IPv6:1:2::3:4:1.2.3.4]>", false, mailbox("u", "[IPv6:1:2::3:4:1.2.3.4]")},
        path_row{"GeneralLiteral", "<u@[x-tag:some;content]>", false, mailbox("u", "[x-tag:some;content]")},
        // Grammatically a General-address-literal with tag "2001" (an Ldh-str), though no such tag is registered.
        path_row{"UntaggedIpv6IsGeneralLiteral", "<u@[2001:db8::1]>", false, mailbox("u", "[2001:db8::1]")}),
    row_name<path_row>);

struct bad_path_row {
  std::string name;
  std::string text;
  bool reverse;
  smtp::error expected;
};

void PrintTo(bad_path_row const& row, std::ostream* os) { *os << row.name; }

class SmtpPathInvalid : public ::testing::TestWithParam<bad_path_row> {};

TEST_P(SmtpPathInvalid, FailsWithTheError) {
  auto const& row = GetParam();
  std::error_code ec;
  EXPECT_FALSE(smtp::parse_path(row.text, row.reverse, ec));
  EXPECT_EQ(ec, row.expected) << ec.message();
}

// A syntactically valid domain of exactly `n` octets.
std::string domain_of(std::size_t n) {
  std::string d;
  while (d.size() + 64 < n) d += std::string(63, 'a') + ".";
  return d + std::string(n - d.size(), 'b');
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5321, SmtpPathInvalid,
    ::testing::Values(
        bad_path_row{"NullForwardPath", "<>", false, smtp::error::null_path},
        bad_path_row{"PostmasterAsSender", "<Postmaster>", true, smtp::error::bad_path},
        bad_path_row{"NoBrackets", "Smith@bar.com", true, smtp::error::bad_path},
        bad_path_row{"NoClosingBracket", "<Smith@bar.com", true, smtp::error::bad_path},
        bad_path_row{"Empty", "", true, smtp::error::bad_path},
        bad_path_row{"NoDomain", "<Smith>", false, smtp::error::bad_path},
        bad_path_row{"SpaceInside", "<a@b.c >", false, smtp::error::bad_domain},
        bad_path_row{"LeadingDot", "<.a@b.c>", false, smtp::error::bad_local_part},
        bad_path_row{"DoubleDot", "<a..b@c.d>", false, smtp::error::bad_local_part},
        bad_path_row{"TrailingDot", "<a.@c.d>", false, smtp::error::bad_local_part},
        bad_path_row{"SpaceInLocal", "<a b@c.d>", false, smtp::error::bad_local_part},
        bad_path_row{"EmptyLocal", "<@c.d>", false, smtp::error::bad_path},
        bad_path_row{"QuoteThenText", "<\"a\"b@c.d>", false, smtp::error::bad_local_part},
        bad_path_row{"QuotedControl", "<\"a\\\x01\"@c.d>", false, smtp::error::bad_local_part},
        bad_path_row{"UnclosedQuote", "<\"a@c.d>", false, smtp::error::bad_local_part},
        bad_path_row{"EightBitLocal", "<caf\xC3\xA9@c.d>", false, smtp::error::bad_local_part},
        bad_path_row{"HyphenFirst", "<a@-b.c>", false, smtp::error::bad_domain},
        bad_path_row{"HyphenLast", "<a@b-.c>", false, smtp::error::bad_domain},
        bad_path_row{"EmptyLabel", "<a@b..c>", false, smtp::error::bad_domain},
        bad_path_row{"TrailingDomainDot", "<a@b.c.>", false, smtp::error::bad_domain},
        bad_path_row{"Underscore", "<a@b_c.d>", false, smtp::error::bad_domain},
        bad_path_row{"EmptyDomain", "<a@>", false, smtp::error::bad_domain},
        bad_path_row{"Ipv4Over255", "<a@[192.0.2.256]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv4ThreeParts", "<a@[192.0.2]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv4FourDigits", "<a@[1.2.3.0004]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv6TwoGaps", "<a@[IPv6:1::2::3]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv6SevenGroups", "<a@[IPv6:1:2:3:4:5:6:7]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv6CompSevenGroups", "<a@[IPv6:1:2:3:4::5:6:7]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv6v4CompFiveGroups", "<a@[IPv6:1:2:3:4:5::1.2.3.4]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv6FiveHexDigits", "<a@[IPv6:12345::]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv6TripleColon", "<a@[IPv6:1:::2]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv6LeadingColon", "<a@[IPv6::1:2:3:4:5:6:7]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv6NotHex", "<a@[IPv6:g::1]>", false, smtp::error::bad_address_literal},
        bad_path_row{"Ipv6v4Bad", "<a@[IPv6:::1.2.3.999]>", false, smtp::error::bad_address_literal},
        bad_path_row{"GeneralEmptyContent", "<a@[tag:]>", false, smtp::error::bad_address_literal},
        bad_path_row{"GeneralEmptyTag", "<a@[:x]>", false, smtp::error::bad_address_literal},
        bad_path_row{"GeneralBackslash", "<a@[tag:a\\b]>", false, smtp::error::bad_address_literal},
        bad_path_row{"NotALiteral", "<a@[example]>", false, smtp::error::bad_address_literal},
        bad_path_row{"RouteWithoutMailbox", "<@a.example:>", false, smtp::error::bad_path},
        bad_path_row{"RouteWithoutColon", "<@a.example>", false, smtp::error::bad_path},
        bad_path_row{"RouteWithoutAt", "<@a,b:u@h.example>", false, smtp::error::bad_path},
        bad_path_row{"RouteBadDomain", "<@a..b:u@h.example>", false, smtp::error::bad_domain},
        bad_path_row{"RouteLiteral", "<@[192.0.2.1]:u@h.example>", false, smtp::error::bad_domain},
        bad_path_row{"LocalPart65", "<" + std::string(65, 'a') + "@b.c>", false, smtp::error::local_part_too_long},
        bad_path_row{"Domain256", "<a@" + domain_of(256) + ">", false, smtp::error::domain_too_long},
        bad_path_row{"RouteDomain256", "<@" + domain_of(256) + ":a@b.c>", false, smtp::error::domain_too_long},
        bad_path_row{"Path257", "<" + std::string(64, 'a') + "@" + domain_of(190) + ">", false,
                     smtp::error::path_too_long}),
    row_name<bad_path_row>);

TEST(SmtpPath, AcceptsTheLimitsExactly) {
  std::error_code ec;
  EXPECT_TRUE(smtp::parse_path("<" + std::string(64, 'a') + "@b.c>", false, ec)) << ec.message();
  std::string const longest = "<" + std::string(64, 'a') + "@" + domain_of(189) + ">";
  ASSERT_EQ(longest.size(), 256u);
  EXPECT_TRUE(smtp::parse_path(longest, false, ec)) << ec.message();
}

// ---- MAIL FROM / RCPT TO arguments ----

TEST(SmtpMailFrom, ParsesPathAndParameters) {
  std::error_code ec;
  auto const a = smtp::parse_mail_from("FROM:<a@b.example> SIZE=1000 BODY=8BITMIME SMTPUTF8", ec);
  ASSERT_TRUE(a) << ec.message();
  EXPECT_EQ(a->address, mailbox("a", "b.example"));
  std::vector<smtp::esmtp_param> const expected = {
      {"SIZE", "1000"}, {"BODY", "8BITMIME"}, {"SMTPUTF8", std::nullopt}};
  EXPECT_EQ(a->params, expected);
}

TEST(SmtpMailFrom, Rfc3461Example) {
  std::error_code ec;
  auto const a = smtp::parse_mail_from("FROM:<Alice@Example.ORG> RET=HDRS ENVID=QQ314159", ec);
  ASSERT_TRUE(a) << ec.message();
  ASSERT_EQ(a->params.size(), 2u);
  EXPECT_EQ(a->params[1], (smtp::esmtp_param{"ENVID", "QQ314159"}));
}

TEST(SmtpMailFrom, NullPathAnyCaseKeyword) {
  std::error_code ec;
  auto const a = smtp::parse_mail_from("from:<>", ec);
  ASSERT_TRUE(a) << ec.message();
  EXPECT_TRUE(a->address.null);
  EXPECT_TRUE(a->params.empty());
}

TEST(SmtpMailFrom, QuotedAngleBracketDoesNotEndThePath) {
  std::error_code ec;
  auto const a = smtp::parse_mail_from("FROM:<\"a> b\"@c.example> SIZE=1", ec);
  ASSERT_TRUE(a) << ec.message();
  EXPECT_EQ(a->address.local_part, "\"a> b\"");
  EXPECT_EQ(a->params.size(), 1u);
}

TEST(SmtpMailFrom, SpaceBeforePathStrictErrorLenientWarning) {
  std::error_code ec;
  EXPECT_FALSE(smtp::parse_mail_from("FROM: <a@b.example>", ec));
  EXPECT_EQ(ec, smtp::error::bad_path);
  mc::warning_list warnings;
  auto const a = smtp::parse_mail_from("FROM:  <a@b.example>", ec, parse_mode::lenient, &warnings);
  ASSERT_TRUE(a) << ec.message();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code, "space-before-path");
  EXPECT_EQ(warnings[0].offset, 5u);
}

TEST(SmtpMailFrom, EmptyParameterStrictErrorLenientWarning) {
  std::error_code ec;
  EXPECT_FALSE(smtp::parse_mail_from("FROM:<a@b.example>  SIZE=1", ec));
  EXPECT_EQ(ec, smtp::error::bad_parameter);
  mc::warning_list warnings;
  auto const a = smtp::parse_mail_from("FROM:<a@b.example>  SIZE=1 ", ec, parse_mode::lenient, &warnings);
  ASSERT_TRUE(a) << ec.message();
  EXPECT_EQ(a->params.size(), 1u);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].offset, 19u);
  EXPECT_EQ(warnings[1].offset, 27u);
}

struct bad_args_row {
  std::string name;
  std::string args;
  smtp::error expected;
};

void PrintTo(bad_args_row const& row, std::ostream* os) { *os << row.name; }

class SmtpMailFromInvalid : public ::testing::TestWithParam<bad_args_row> {};

TEST_P(SmtpMailFromInvalid, FailsWithTheError) {
  std::error_code ec;
  EXPECT_FALSE(smtp::parse_mail_from(GetParam().args, ec, parse_mode::lenient));
  EXPECT_EQ(ec, GetParam().expected) << ec.message();
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5321, SmtpMailFromInvalid,
    ::testing::Values(bad_args_row{"WrongKeyword", "TO:<a@b.c>", smtp::error::bad_command},
                      bad_args_row{"NoColon", "FROM <a@b.c>", smtp::error::bad_command},
                      bad_args_row{"NoBrackets", "FROM:a@b.c", smtp::error::bad_path},
                      bad_args_row{"UnclosedPath", "FROM:<a@b.c", smtp::error::bad_path},
                      bad_args_row{"JunkAfterPath", "FROM:<a@b.c>x", smtp::error::bad_path},
                      bad_args_row{"EmptyValue", "FROM:<a@b.c> SIZE=", smtp::error::bad_parameter},
                      bad_args_row{"EmptyKeyword", "FROM:<a@b.c> =1", smtp::error::bad_parameter},
                      bad_args_row{"HyphenFirst", "FROM:<a@b.c> -X=1", smtp::error::bad_parameter},
                      bad_args_row{"EqualsInValue", "FROM:<a@b.c> X=a=b", smtp::error::bad_parameter},
                      bad_args_row{"ControlInValue", "FROM:<a@b.c> X=a\x01", smtp::error::bad_parameter},
                      bad_args_row{"UnderscoreKeyword", "FROM:<a@b.c> X_Y", smtp::error::bad_parameter},
                      bad_args_row{"BadLocalPart", "FROM:<a..b@c.d>", smtp::error::bad_local_part}),
    row_name<bad_args_row>);

TEST(SmtpRcptTo, ParsesForwardPaths) {
  std::error_code ec;
  auto const a = smtp::parse_rcpt_to("TO:<Jones@foo.com>", ec);
  ASSERT_TRUE(a) << ec.message();
  EXPECT_EQ(a->address, mailbox("Jones", "foo.com"));
  auto const route = smtp::parse_rcpt_to("TO:<@hosta.int,@jkl.org:userc@d.bar.org>", ec);
  ASSERT_TRUE(route) << ec.message();
  EXPECT_EQ(route->address.source_route.size(), 2u);
  auto const dsn = smtp::parse_rcpt_to("To:<a@b.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a@b.example", ec);
  ASSERT_TRUE(dsn) << ec.message();
  EXPECT_EQ(dsn->params[1], (smtp::esmtp_param{"ORCPT", "rfc822;a@b.example"}));
}

TEST(SmtpRcptTo, PostmasterWithoutDomain) {
  std::error_code ec;
  auto const a = smtp::parse_rcpt_to("TO:<Postmaster> NOTIFY=NEVER", ec);
  ASSERT_TRUE(a) << ec.message();
  EXPECT_TRUE(a->address.postmaster);
  EXPECT_EQ(smtp::serialize(a->address), "<Postmaster>");
}

TEST(SmtpRcptTo, RejectsNullPath) {
  std::error_code ec;
  EXPECT_FALSE(smtp::parse_rcpt_to("TO:<>", ec));
  EXPECT_EQ(ec, smtp::error::null_path);
  EXPECT_FALSE(smtp::parse_rcpt_to("FROM:<a@b.c>", ec));
  EXPECT_EQ(ec, smtp::error::bad_command);
}

TEST(SmtpRcptTo, ClearsErrorOnSuccess) {
  std::error_code ec = smtp::error::bad_path;
  EXPECT_TRUE(smtp::parse_rcpt_to("TO:<a@b.c>", ec));
  EXPECT_FALSE(ec);
}

}  // namespace
