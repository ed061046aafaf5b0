// SMTP DATA transparency (RFC 5321 §4.5.2) and end-of-data detection, including the bare CR / LF
// terminators of SMTP smuggling (CVE-2023-51764 and relatives). Detector runs go through grind().
#include "codec/smtp/data.hpp"

#include <gtest/gtest.h>

#include <optional>
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

struct outcome {
  std::vector<smtp::data_result> results;
  std::size_t consumed = 0;  // octets the detector consumed in all
  std::error_code ec;
  std::error_code eof_ec;
  mc::warning_list warnings;
};

outcome feed(std::vector<std::string_view> const& chunks, parse_mode mode, smtp::data_limits limits) {
  smtp::eod_detector detector(mode, limits);
  outcome out;
  out.ec = smtp::error::need_more;  // also when there is no chunk at all
  for (auto chunk : chunks) {
    while (auto r = smtp::next(detector, chunk, out.ec)) out.results.push_back(std::move(*r));
  }
  out.consumed = detector.offset();
  detector.put_eof(out.eof_ec);
  out.warnings = detector.warnings();
  return out;
}

std::string describe(outcome const& o) {
  std::string out;
  for (auto const& r : o.results) {
    out += r.variant + " " + mc::quote_bytes(r.terminator) + " @" + std::to_string(r.terminator_offset) + ".." +
           std::to_string(r.end_offset) + " content(" + std::to_string(r.content_size) + ")=" +
           mc::quote_bytes(r.content) + "\n";
  }
  out += "consumed " + std::to_string(o.consumed) + "; put: " + o.ec.message() + "; eof: " + o.eof_ec.message();
  for (auto const& w : o.warnings) out += "\nwarning @" + std::to_string(w.offset) + " " + w.code + " " + w.detail;
  return out;
}

outcome detect(std::string_view input, parse_mode mode, smtp::data_limits limits = {}) {
  mailspec::testing::grind(input, [&](auto const& chunks) { return describe(feed(chunks, mode, limits)); });
  return feed({input}, mode, limits);
}

// ---- dot_stuff ----

TEST(SmtpDotStuff, StuffsLeadingDotsAndTerminates) {
  EXPECT_EQ(smtp::dot_stuff(""), ".\r\n");
  EXPECT_EQ(smtp::dot_stuff("a"), "a\r\n.\r\n");
  EXPECT_EQ(smtp::dot_stuff("a\r\n"), "a\r\n.\r\n");
  EXPECT_EQ(smtp::dot_stuff(".a\r\n.\r\n..b\r\nc.d"), "..a\r\n..\r\n...b\r\nc.d\r\n.\r\n");
}

TEST(SmtpDotStuff, LeavesBareLineEndsAloneForSmugglingProbes) {
  EXPECT_EQ(smtp::dot_stuff("a\n.\nb"), "a\n.\nb\r\n.\r\n");
  EXPECT_EQ(smtp::dot_stuff("a\r.\rb\n"), "a\r.\rb\n\r\n.\r\n");
  EXPECT_EQ(smtp::dot_stuff("x\r"), "x\r\r\n.\r\n");
}

TEST(SmtpDotStuff, DetectorRecoversTheBody) {
  // RFC 5321 Appendix D.3 message, plus lines that need stuffing.
  std::string const body =
      "Date: Thu, 21 May 1998 05:33:29 -0700\r\nFrom: John Q. Public <JQP@bar.com>\r\n"
      "Subject: The Next Meeting of the Board\r\nTo: Jones@xyz.com\r\n\r\nBill:\r\n"
      ".\r\n..\r\n.hidden\r\nJohn.\r\n";
  for (auto mode : {parse_mode::strict, parse_mode::lenient}) {
    auto const o = detect(smtp::dot_stuff(body), mode);
    ASSERT_EQ(o.results.size(), 1u) << describe(o);
    // The CRLF before the final "." belongs to the terminator.
    EXPECT_EQ(o.results[0].content + "\r\n", body);
    EXPECT_EQ(o.results[0].variant, "crlf.crlf");
    EXPECT_TRUE(o.warnings.empty());
  }
}

// ---- end-of-data detection ----

struct eod_row {
  std::string name;
  std::string input;
  std::optional<std::size_t> strict_end;  // end_offset in strict mode, nullopt: not ended
  std::optional<std::size_t> lenient_end;
  std::string lenient_variant;
  std::string lenient_terminator;
  std::string lenient_content;
};

void PrintTo(eod_row const& row, std::ostream* os) { *os << row.name; }

class SmtpEndOfData : public ::testing::TestWithParam<eod_row> {};

TEST_P(SmtpEndOfData, EndsWhereEachModeSays) {
  auto const& row = GetParam();
  auto const strict = detect(row.input, parse_mode::strict);
  ASSERT_EQ(strict.results.size(), row.strict_end ? 1u : 0u) << describe(strict);
  if (row.strict_end) {
    EXPECT_EQ(strict.results[0].end_offset, *row.strict_end);
    EXPECT_EQ(strict.results[0].variant, "crlf.crlf");
    EXPECT_TRUE(strict.warnings.empty());
  }
  auto const lenient = detect(row.input, parse_mode::lenient);
  ASSERT_EQ(lenient.results.empty(), !row.lenient_end) << describe(lenient);
  if (!row.lenient_end) return;
  auto const& r = lenient.results[0];
  EXPECT_EQ(r.end_offset, *row.lenient_end);
  EXPECT_EQ(r.variant, row.lenient_variant);
  EXPECT_EQ(r.terminator, row.lenient_terminator);
  EXPECT_EQ(r.content, row.lenient_content);
  EXPECT_EQ(r.terminator_offset + r.terminator.size(), r.end_offset);
  if (row.lenient_variant == "crlf.crlf") {
    EXPECT_TRUE(lenient.warnings.empty());
  } else {
    ASSERT_EQ(lenient.warnings.size(), 1u);
    EXPECT_EQ(lenient.warnings[0].code, "nonstandard-eod");
    EXPECT_EQ(lenient.warnings[0].offset, r.terminator_offset);
    EXPECT_NE(lenient.warnings[0].detail.find(row.lenient_variant), std::string::npos);
  }
}

// Each smuggling probe is followed by "X" and a real terminator, so strict mode ends later.
INSTANTIATE_TEST_SUITE_P(
    Rfc5321, SmtpEndOfData,
    ::testing::Values(
        eod_row{"D1Body", "Blah blah blah...\r\n...etc. etc. etc.\r\n.\r\n", 41, 41, "crlf.crlf", "\r\n.\r\n",
                "Blah blah blah...\r\n..etc. etc. etc."},
        eod_row{"EmptyData", ".\r\n", 3, 3, "crlf.crlf", ".\r\n", ""},
        eod_row{"OneEmptyLine", "\r\n.\r\n", 5, 5, "crlf.crlf", "\r\n.\r\n", ""},
        eod_row{"StuffedDotLine", "..\r\n.\r\n", 7, 7, "crlf.crlf", "\r\n.\r\n", "."},
        eod_row{"DotNotAtLineStart", "a.\r\n.\r\n", 7, 7, "crlf.crlf", "\r\n.\r\n", "a."},
        eod_row{"LfDotLf", "a\n.\nX\r\n.\r\n", 10, 4, "lf.lf", "\n.\n", "a"},
        eod_row{"CrDotCr", "a\r.\rX\r\n.\r\n", 10, 4, "cr.cr", "\r.\r", "a"},
        eod_row{"CrlfDotLf", "a\r\n.\nX\r\n.\r\n", 11, 5, "crlf.lf", "\r\n.\n", "a"},
        eod_row{"LfDotCrlf", "a\n.\r\nX\r\n.\r\n", 11, 5, "lf.crlf", "\n.\r\n", "a"},
        eod_row{"CrDotLf", "a\r.\nX\r\n.\r\n", 10, 4, "cr.lf", "\r.\n", "a"},
        eod_row{"LfDotCr", "a\n.\rX\r\n.\r\n", 10, 4, "lf.cr", "\n.\r", "a"},
        eod_row{"CrDotCrlf", "a\r.\r\nX\r\n.\r\n", 11, 5, "cr.crlf", "\r.\r\n", "a"},
        eod_row{"CrlfDotCr", "a\r\n.\rX\r\n.\r\n", 11, 5, "crlf.cr", "\r\n.\r", "a"},
        eod_row{"StartDotLf", ".\nX\r\n.\r\n", 8, 2, "crlf.lf", ".\n", ""},
        eod_row{"StartDotCr", ".\rX\r\n.\r\n", 8, 2, "crlf.cr", ".\r", ""},
        eod_row{"LfThenStartDot", "\n.\n", std::nullopt, 3, "lf.lf", "\n.\n", ""},
        eod_row{"CrCrLfDot", "a\r\r\n.\r\n", 7, 7, "crlf.crlf", "\r\n.\r\n", "a\r"},
        eod_row{"NoTerminator", "a\r\nb\r\n", std::nullopt, std::nullopt, "", "", ""},
        eod_row{"DotSpace", "a\r\n. \r\n.\r\n", 10, 10, "crlf.crlf", "\r\n.\r\n", "a\r\n "}),
    row_name<eod_row>);

TEST(SmtpEodDetector, StopsRightAfterTheTerminator) {
  smtp::eod_detector detector;
  std::error_code ec;
  std::string_view const input = "a\r\n.\r\nQUIT\r\n";
  EXPECT_EQ(detector.put(input, ec), 6u);
  EXPECT_FALSE(ec);
  ASSERT_TRUE(detector.done());
  EXPECT_EQ(detector.put(input.substr(6), ec), 0u);
  auto const r = detector.take();
  EXPECT_EQ(r.content, "a");
  EXPECT_EQ(r.end_offset, 6u);
}

TEST(SmtpEodDetector, LenientDotCrEndsBeforeTheNextOctet) {
  smtp::eod_detector detector(parse_mode::lenient);
  std::error_code ec;
  EXPECT_EQ(detector.put("a\n.\r", ec), 4u);
  EXPECT_EQ(ec, smtp::error::need_more);
  EXPECT_EQ(detector.put("MAIL FROM:<>\r\n", ec), 0u) << "the octet after \".\" CR is not consumed";
  EXPECT_FALSE(ec);
  ASSERT_TRUE(detector.done());
  EXPECT_EQ(detector.take().variant, "lf.cr");
}

TEST(SmtpEodDetector, EofInsideDataIsUnexpected) {
  auto const o = detect("a\n.\r", parse_mode::lenient);
  EXPECT_TRUE(o.results.empty());
  EXPECT_EQ(o.eof_ec, smtp::error::unexpected_eof);
  auto const empty = detect("", parse_mode::strict);
  EXPECT_FALSE(empty.eof_ec) << "no octet yet: not inside the data";
}

TEST(SmtpEodDetector, SecondDataAfterTakeStartsAtALineStart) {
  auto const o = detect("a\r\n.\r\n.\r\n", parse_mode::strict);
  ASSERT_EQ(o.results.size(), 2u);
  EXPECT_EQ(o.results[1].terminator, ".\r\n");
  EXPECT_EQ(o.results[1].terminator_offset, 6u);
  EXPECT_EQ(o.results[1].end_offset, 9u);
}

TEST(SmtpEodDetector, CountsContentPastTheStoredLimit) {
  smtp::data_limits limits;
  limits.max_content = 4;
  auto const o = detect("abcdefgh\r\n.\r\n", parse_mode::strict, limits);
  ASSERT_EQ(o.results.size(), 1u);
  EXPECT_EQ(o.results[0].content, "abcd");
  EXPECT_EQ(o.results[0].content_size, 8u);
  auto const edge = detect("abc\r\n.\r\n", parse_mode::strict, limits);
  ASSERT_EQ(edge.results.size(), 1u);
  EXPECT_EQ(edge.results[0].content, "abc") << "the stored CR of the terminator is trimmed too";
  EXPECT_EQ(edge.results[0].content_size, 3u);
}

TEST(SmtpEodDetector, LargeDataIsNotStoredPastTheLimit) {
  smtp::data_limits limits;
  limits.max_content = 1000;
  smtp::eod_detector detector(parse_mode::strict, limits);
  std::string const chunk(1 << 20, 'x');
  std::error_code ec;
  for (int i = 0; i < 8; ++i) EXPECT_EQ(detector.put(chunk, ec), chunk.size());
  EXPECT_EQ(detector.put("\r\n.\r\n", ec), 5u);
  auto const r = detector.take();
  EXPECT_EQ(r.content.size(), 1000u);
  EXPECT_EQ(r.content_size, 8u << 20);
}

// Every string over {CR, LF, ".", "a"} up to 8 octets: lenient mode never ends after strict mode, and
// ends whenever strict mode does (the invariant the fuzzer checks on arbitrary input).
TEST(SmtpEodDetector, LenientEndsAtOrBeforeStrictOnEveryShortInput) {
  static constexpr char alphabet[] = {'\r', '\n', '.', 'a'};
  auto const end = [](std::string_view input, parse_mode mode) -> std::optional<std::size_t> {
    smtp::eod_detector detector(mode);
    std::error_code ec;
    detector.put(input, ec);
    if (!detector.done()) return std::nullopt;
    return detector.take().end_offset;
  };
  std::size_t checked = 0;
  for (std::size_t length = 1; length <= 8; ++length) {
    std::size_t combinations = 1;
    for (std::size_t i = 0; i < length; ++i) combinations *= 4;
    for (std::size_t n = 0; n < combinations; ++n) {
      std::string input;
      for (std::size_t i = 0, rest = n; i < length; ++i, rest /= 4) input += alphabet[rest % 4];
      auto const strict = end(input, parse_mode::strict);
      auto const lenient = end(input, parse_mode::lenient);
      if (strict) {
        ASSERT_TRUE(lenient) << mc::quote_bytes(input);
        ASSERT_LE(*lenient, *strict) << mc::quote_bytes(input);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 87380u);
}

TEST(SmtpEodDetector, ShortInputsAgreeAtEverySplit) {
  static constexpr char alphabet[] = {'\r', '\n', '.', 'a'};
  for (std::size_t n = 0; n < 4 * 4 * 4 * 4 * 4; ++n) {
    std::string input;
    for (std::size_t i = 0, rest = n; i < 5; ++i, rest /= 4) input += alphabet[rest % 4];
    detect(input + "\r\n.\r\n", parse_mode::strict);
    detect(input + "\r\n.\r\n", parse_mode::lenient);
  }
}

}  // namespace
