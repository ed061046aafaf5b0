#include "codec/common/observation.hpp"

#include <gtest/gtest.h>

namespace mc = mailspec::codec;

TEST(QuoteBytes, EscapesControlAndHighOctets) {
  EXPECT_EQ(mc::quote_bytes(std::string("A\r\n\t\\\0\xff", 7)), "A\\r\\n\\t\\\\\\x00\\xFF");
}

TEST(QuoteBytes, RoundTripsEveryOctet) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_EQ(mc::unquote_bytes(mc::quote_bytes(all)), all);
}

TEST(QuoteBytes, CutSaysHowMuchIsLeft) {
  EXPECT_EQ(mc::quote_bytes_cut("abcdef", 2), "ab... (4 more octets)");
  EXPECT_EQ(mc::quote_bytes_cut("ab", 2), "ab");
}

TEST(UnquoteBytes, KeepsTruncatedEscapeLiterally) {
  EXPECT_EQ(mc::unquote_bytes("a\\x4"), "a\\x4");
}
