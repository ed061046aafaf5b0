// The one warning sink (codec/common/observation.hpp) and its two policies: one warning per code per
// unit for the line parsers, every warning for IMAP responses and MIME bodies; both bounded.
#include "codec/common/observation.hpp"
#include "codec/imap/response.hpp"
#include "codec/mime/transfer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace mc = mailspec::codec;
using mc::parse_mode;

TEST(WarningSink, DefaultKeepsOnePerCodePerUnit) {
  mc::detail::warning_sink sink;
  sink.add(1, "bare-lf", "a");
  sink.add(2, "bare-lf", "b");
  sink.add(3, "nul-byte", "c");
  sink.next_unit();
  sink.add(4, "bare-lf", "d");
  ASSERT_EQ(sink.list().size(), 3u);
  EXPECT_EQ(sink.list()[2], (mc::warning{4, "bare-lf", "d"}));
}

TEST(WarningSink, EveryWarningPolicyKeepsRepeatsUpTo1024) {
  mc::detail::warning_sink sink(mc::detail::every_warning);
  for (std::size_t i = 0; i < 2000; ++i) sink.add(i, "bare-lf", "x");
  ASSERT_EQ(sink.list().size(), 1024u);
  EXPECT_EQ(sink.list()[1], (mc::warning{1, "bare-lf", "x"}));
  EXPECT_EQ(sink.list().back(), (mc::warning{1023, "too-many-warnings", "further warnings dropped"}));
}

TEST(WarningSink, ImapResponseParserKeepsEveryWarningUpTo1024) {
  std::string input;
  for (int i = 0; i < 1100; ++i) input += "* OK x\n";
  mc::imap::response_parser parser(parse_mode::lenient);
  std::string_view rest = input;
  std::error_code ec;
  int responses = 0;
  while (mc::next(parser, rest, ec)) ++responses;
  EXPECT_EQ(responses, 1100);
  ASSERT_EQ(parser.warnings().size(), 1024u);
  EXPECT_EQ(parser.warnings()[1].code, "bare-lf");
  EXPECT_EQ(parser.warnings()[1].offset, 13u) << "the second response's LF";
  EXPECT_EQ(parser.warnings().back().code, "too-many-warnings");
}

TEST(WarningSink, MimeDecoderKeepsEveryWarningUpTo1024) {
  std::string input;
  for (int i = 0; i < 1100; ++i) input += "a\n";
  mc::mime::qp_decoder decoder(parse_mode::lenient);
  std::error_code ec;
  decoder.put(input, ec);
  ASSERT_FALSE(ec);
  ASSERT_EQ(decoder.warnings().size(), 1024u);
  EXPECT_EQ(decoder.warnings()[1], (mc::warning{3, "bare-lf", "LF without CR"}));
  EXPECT_EQ(decoder.warnings().back().code, "too-many-warnings");
}

}  // namespace
