// basic_line_parser (codec/common/line_parser.hpp) on its own: a toy line protocol whose error enum
// names the framing conditions otherwise, so the error mapping, the hooks' order and the defaults are
// tested apart from SMTP and POP3. Parses go through grind().
#include "codec/common/error.hpp"
#include "codec/common/line_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "grind.hpp"

namespace toy {

enum class error { need_more = 1, ended_early, overlong, lone_lf, lone_cr, zero };

constexpr mailspec::codec::detail::error_message<error> messages[] = {
    {error::need_more, "need more"}, {error::ended_early, "ended early"}, {error::overlong, "overlong"},
    {error::lone_lf, "lone LF"},     {error::lone_cr, "lone CR"},         {error::zero, "zero octet"},
};

std::error_code make_error_code(error e) noexcept {
  return {static_cast<int>(e), mailspec::codec::detail::category_of<messages>("mailspec.toy")};
}

}  // namespace toy

template <>
struct std::is_error_code_enum<toy::error> : std::true_type {};

namespace {

namespace mc = mailspec::codec;
using mc::parse_mode;

struct toy_errors {
  static constexpr toy::error need_more = toy::error::need_more;
  static constexpr toy::error unexpected_eof = toy::error::ended_early;
  static constexpr toy::error line_too_long = toy::error::overlong;
  static constexpr toy::error bare_lf = toy::error::lone_lf;
  static constexpr toy::error bare_cr = toy::error::lone_cr;
  static constexpr toy::error nul_byte = toy::error::zero;
};

struct toy_line {
  std::size_t offset = 0;
  std::string raw;
  std::string text;  // content octets, a kept bare CR included
};

struct toy_limits {
  std::size_t max_line = 8;
};

// Hides only what the base has no default for, and on_content / on_bare_cr to keep the text.
class toy_parser : public mc::detail::basic_line_parser<toy_parser, toy::error, toy_errors> {
 public:
  explicit toy_parser(parse_mode mode, toy_limits limits = {}) : basic_line_parser(mode), limits_(limits) {}

 private:
  friend basic_line_parser;

  mc::detail::line_words words() const { return {"toy LF", "toy CR", "toy NUL"}; }
  bool on_content(char c, std::size_t at) {
    if (!check_nul(c, at)) return false;
    unit_.text += c;
    return true;
  }
  bool on_bare_cr(std::size_t) {
    unit_.text += '\r';
    return true;
  }
  bool on_line_end(std::size_t, std::size_t) {
    finish();
    return true;
  }

  toy_limits limits_;
  toy_line unit_;
};

std::string feed(std::vector<std::string_view> const& chunks, parse_mode mode) {
  toy_parser parser(mode);
  std::string out;
  std::error_code ec = toy::error::need_more;
  for (auto chunk : chunks) {
    while (auto line = mc::next(parser, chunk, ec)) {
      out += "[" + mc::quote_bytes(line->text) + "] @" + std::to_string(line->offset) + " ";
      out += mc::quote_bytes(line->raw) + "\n";
    }
    if (ec != toy::error::need_more) break;
  }
  std::error_code eof;
  parser.put_eof(eof);
  out += "put: " + ec.message() + "; eof: " + eof.message() + "; error at " + std::to_string(parser.error_offset());
  for (auto const& w : parser.warnings()) {
    out += "\nwarning @" + std::to_string(w.offset) + " " + w.code + " " + w.detail;
  }
  return out;
}

std::string parse(std::string_view input, parse_mode mode) {
  return mailspec::testing::grind(input, [&](auto const& chunks) { return feed(chunks, mode); });
}

TEST(BasicLineParser, SplitsCrlfLinesWithOffsets) {
  EXPECT_EQ(parse("ab\r\ncd\r\n", parse_mode::strict),
            "[ab] @0 ab\\r\\n\n[cd] @4 cd\\r\\n\nput: need more; eof: Success; error at 0");
}

TEST(BasicLineParser, StrictFailsWithTheCodecsOwnValues) {
  EXPECT_EQ(parse("a\nb", parse_mode::strict), "put: lone LF; eof: lone LF; error at 1");
  EXPECT_EQ(parse("a\rb", parse_mode::strict), "put: lone CR; eof: lone CR; error at 1");
  EXPECT_EQ(parse(std::string_view("a\0", 2), parse_mode::strict), "put: zero octet; eof: zero octet; error at 1");
  EXPECT_EQ(parse("ab", parse_mode::strict), "put: need more; eof: ended early; error at 2");
}

TEST(BasicLineParser, LineLimitCountsTheLineEndInBothModes) {
  EXPECT_EQ(parse("123456\r\n", parse_mode::strict),
            "[123456] @0 123456\\r\\n\nput: need more; eof: Success; error at 0");
  EXPECT_EQ(parse("1234567\r\n", parse_mode::lenient), "put: overlong; eof: overlong; error at 8");
}

TEST(BasicLineParser, LenientKeepsBareCrAndEndsAtBareLf) {
  EXPECT_EQ(parse(std::string_view("a\rb\nc\0\r\n", 8), parse_mode::lenient),
            "[a\\rb] @0 a\\rb\\n\n[c\\x00] @4 c\\x00\\r\\n\nput: need more; eof: Success; error at 0"
            "\nwarning @1 bare-cr toy CR\nwarning @3 bare-lf toy LF\nwarning @5 nul-byte toy NUL");
}

TEST(BasicLineParser, TakeOnlyWhenDoneAndResetForgetsAll) {
  toy_parser parser(parse_mode::strict);
  std::error_code ec;
  EXPECT_EQ(parser.put("ab\r", ec), 3u);
  EXPECT_TRUE(parser.take().raw.empty()) << "not done: nothing to take";
  EXPECT_EQ(parser.put("\nx\n", ec), 1u);
  EXPECT_EQ(parser.take().raw, "ab\r\n");
  EXPECT_EQ(parser.put("x\n", ec), 2u);
  EXPECT_EQ(ec, toy::error::lone_lf);
  EXPECT_EQ(parser.put("more", ec), 0u) << "failed until reset";
  parser.reset();
  EXPECT_EQ(parser.offset(), 0u);
  EXPECT_EQ(parser.put("ok\r\n", ec), 4u);
  EXPECT_FALSE(ec);
  EXPECT_EQ(parser.take().offset, 0u);
}

}  // namespace
