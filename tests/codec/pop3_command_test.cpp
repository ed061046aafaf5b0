// POP3 commands: RFC 1939 §3 (keyword, SP-separated arguments of at most 40 characters) with the
// commands of §§4-7, RFC 2449 §4 (255-octet command line). Parses go through grind().
#include "codec/pop3/command.hpp"

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
  std::vector<pop3::command> commands;
  std::error_code ec;
  std::error_code eof_ec;
  std::size_t error_offset = 0;
  mc::warning_list warnings;
};

outcome feed(std::vector<std::string_view> const& chunks, parse_mode mode) {
  pop3::command_parser parser(mode);
  outcome out;
  out.ec = pop3::error::need_more;
  for (auto chunk : chunks) {
    while (auto c = pop3::next(parser, chunk, out.ec)) out.commands.push_back(std::move(*c));
    if (out.ec != pop3::error::need_more) break;
  }
  parser.put_eof(out.eof_ec);
  out.error_offset = parser.error_offset();
  out.warnings = parser.warnings();
  return out;
}

std::string describe(outcome const& o) {
  std::string out;
  for (auto const& c : o.commands) {
    out += c.keyword;
    for (auto const& arg : c.args) out += " [" + mc::quote_bytes(arg) + "]";
    out += " @" + std::to_string(c.offset) + " " + mc::quote_bytes(c.raw) + "\n";
  }
  out += "put: " + o.ec.message() + "; eof: " + o.eof_ec.message() + "; error at " + std::to_string(o.error_offset);
  for (auto const& w : o.warnings) out += "\nwarning @" + std::to_string(w.offset) + " " + w.code;
  return out;
}

outcome parse(std::string_view input, parse_mode mode) {
  mailspec::testing::grind(input, [&](auto const& chunks) { return describe(feed(chunks, mode)); });
  return feed({input}, mode);
}

struct valid_row {
  std::string name;
  std::string input;
  std::string keyword;
  std::vector<std::string> args;
};

void PrintTo(valid_row const& row, std::ostream* os) { *os << row.name; }

class Pop3CommandValid : public ::testing::TestWithParam<valid_row> {};

TEST_P(Pop3CommandValid, ParsesInBothModesAndRoundTrips) {
  auto const& row = GetParam();
  for (auto mode : {parse_mode::strict, parse_mode::lenient}) {
    auto const o = parse(row.input, mode);
    ASSERT_EQ(o.commands.size(), 1u) << describe(o);
    EXPECT_TRUE(o.warnings.empty()) << describe(o);
    EXPECT_EQ(o.commands[0].keyword, row.keyword);
    EXPECT_EQ(o.commands[0].args, row.args);
    EXPECT_EQ(o.commands[0].raw, row.input);
    auto const wire = pop3::serialize(o.commands[0]);
    auto const again = parse(wire, mode);
    ASSERT_EQ(again.commands.size(), 1u);
    EXPECT_EQ(again.commands[0].keyword, row.keyword);
    EXPECT_EQ(again.commands[0].args, row.args);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rfc1939, Pop3CommandValid,
    ::testing::Values(
        valid_row{"User", "USER mrose\r\n", "USER", {"mrose"}},
        valid_row{"Pass", "PASS secret\r\n", "PASS", {"secret"}},
        valid_row{"Apop", "APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n", "APOP",
                  {"mrose", "c4c9334bac560ecc979e58001b3e22fb"}},
        valid_row{"Stat", "STAT\r\n", "STAT", {}},
        valid_row{"List", "LIST\r\n", "LIST", {}},
        valid_row{"ListOne", "LIST 2\r\n", "LIST", {"2"}},
        valid_row{"Retr", "RETR 1\r\n", "RETR", {"1"}},
        valid_row{"Dele", "DELE 1\r\n", "DELE", {"1"}},
        valid_row{"Noop", "NOOP\r\n", "NOOP", {}},
        valid_row{"Rset", "RSET\r\n", "RSET", {}},
        valid_row{"Quit", "QUIT\r\n", "QUIT", {}},
        valid_row{"Top", "TOP 1 10\r\n", "TOP", {"1", "10"}},
        valid_row{"Uidl", "UIDL 2\r\n", "UIDL", {"2"}},
        valid_row{"Capa", "CAPA\r\n", "CAPA", {}},
        valid_row{"LowerCase", "stat\r\n", "STAT", {}},
        valid_row{"Arg40", "USER " + std::string(40, 'u') + "\r\n", "USER", {std::string(40, 'u')}}),
    row_name<valid_row>);

struct invalid_row {
  std::string name;
  std::string input;
  pop3::error strict_error;
  std::size_t strict_offset;
  std::string lenient_warning;
  std::vector<std::string> lenient_args;
};

void PrintTo(invalid_row const& row, std::ostream* os) { *os << row.name; }

class Pop3CommandInvalid : public ::testing::TestWithParam<invalid_row> {};

TEST_P(Pop3CommandInvalid, StrictFailsAtTheOctetLenientWarns) {
  auto const& row = GetParam();
  auto const strict = parse(row.input, parse_mode::strict);
  EXPECT_TRUE(strict.commands.empty());
  EXPECT_EQ(strict.ec, row.strict_error) << describe(strict);
  EXPECT_EQ(strict.error_offset, row.strict_offset);
  auto const lenient = parse(row.input, parse_mode::lenient);
  ASSERT_EQ(lenient.commands.size(), 1u) << describe(lenient);
  ASSERT_FALSE(lenient.warnings.empty()) << describe(lenient);
  EXPECT_EQ(lenient.warnings[0].code, row.lenient_warning);
  EXPECT_EQ(lenient.warnings[0].offset, row.strict_offset);
  EXPECT_EQ(lenient.commands[0].args, row.lenient_args);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc1939, Pop3CommandInvalid,
    ::testing::Values(
        invalid_row{"FiveLetterKeyword", "LISTS\r\n", pop3::error::bad_command, 0, "bad-keyword", {}},
        invalid_row{"TwoLetterKeyword", "LI 1\r\n", pop3::error::bad_command, 0, "bad-keyword", {"1"}},
        invalid_row{"EmptyLine", "\r\n", pop3::error::bad_command, 0, "bad-keyword", {}},
        invalid_row{"TabAfterKeyword", "LIST\t1\r\n", pop3::error::bad_command, 4, "bad-keyword", {}},
        invalid_row{"DoubleSpace", "LIST  1\r\n", pop3::error::bad_argument, 5, "empty-argument", {"1"}},
        invalid_row{"TrailingSpace", "LIST 1 \r\n", pop3::error::bad_argument, 7, "empty-argument", {"1"}},
        invalid_row{"EightBitArgument", "USER caf\xC3\xA9\r\n", pop3::error::bad_argument, 8, "bad-argument",
                    {"caf\xC3\xA9"}},
        invalid_row{"Arg41", "USER " + std::string(41, 'u') + "\r\n", pop3::error::argument_too_long, 45,
                    "long-argument", {std::string(41, 'u')}},
        invalid_row{"BareLf", "QUIT\n", pop3::error::bare_lf, 4, "bare-lf", {}},
        invalid_row{"BareCr", "USER a\rb\r\n", pop3::error::bare_cr, 6, "bare-cr", {"a\rb"}},
        invalid_row{"Nul", std::string("USER a\0\r\n", 9), pop3::error::nul_byte, 6, "nul-byte",
                    {std::string("a\0", 2)}}),
    row_name<invalid_row>);

TEST(Pop3CommandParser, LenientBadArgumentWarnsOncePerCode) {
  auto const o = parse("USER a\x01 b\x02\r\n", parse_mode::lenient);
  ASSERT_EQ(o.commands.size(), 1u);
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_EQ(o.warnings[0].offset, 6u);
}

TEST(Pop3CommandParser, PipelinedCommandsInOneBuffer) {
  auto const o = parse("USER mrose\r\nPASS secret\r\nSTAT\r\nLIST\r\nRETR 1\r\n", parse_mode::strict);
  ASSERT_EQ(o.commands.size(), 5u);
  EXPECT_EQ(o.commands[1].offset, 12u);
  EXPECT_EQ(o.commands[4].keyword, "RETR");
  EXPECT_EQ(o.commands[4].offset, 37u);
}

TEST(Pop3CommandParser, Accepts255OctetLineRejects256) {
  std::string ok = "APOP";
  for (int i = 0; i < 6; ++i) ok += " " + std::string(40, 'a');
  ok += " bc\r\n";
  ASSERT_EQ(ok.size(), 255u);
  EXPECT_EQ(parse(ok, parse_mode::strict).commands.size(), 1u);
  auto const o = parse(ok.substr(0, 253) + "d\r\n", parse_mode::lenient);
  EXPECT_EQ(o.ec, pop3::error::line_too_long);
  EXPECT_EQ(o.error_offset, 255u);
}

TEST(Pop3CommandParser, HugeLineNeverBufferedPastTheLimit) {
  pop3::command_parser parser;
  std::error_code ec;
  EXPECT_EQ(parser.put(std::string(1 << 20, 'A'), ec), 256u);
  EXPECT_EQ(ec, pop3::error::line_too_long);
  EXPECT_EQ(parser.error_offset(), 255u);
}

TEST(Pop3CommandParser, EofInsideLine) {
  auto const o = parse("QUI", parse_mode::strict);
  EXPECT_EQ(o.ec, pop3::error::need_more);
  EXPECT_EQ(o.eof_ec, pop3::error::unexpected_eof);
}

TEST(Pop3CommandSerialize, JoinsWithSingleSpaces) {
  EXPECT_EQ(pop3::serialize(pop3::command{.keyword = "TOP", .args = {"1", "10"}}), "TOP 1 10\r\n");
  EXPECT_EQ(pop3::serialize(pop3::command{.keyword = "QUIT"}), "QUIT\r\n");
}

}  // namespace
